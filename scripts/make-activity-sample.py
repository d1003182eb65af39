#!/usr/bin/env python3
"""Writes Samples/graph-activity: a synthetic Microsoft Graph activity-log export for the sample tenant
(Seeds/sample-tenant), in two of Microsoft's export shapes, for the README's least-privilege example.

The record shape follows a real storage-account record (see ../shared/research/least-privilege.md, 1.5);
every id, address and name here is made up. Deterministic: run it again and the files are the same.

  storage account (JSON Lines, CRLF, one file per hour):
    tenantId=<tid>/y=2026/m=11/d=DD/h=HH/m=00/PT1H.json
  Log Analytics query results ({"tables": [{"columns", "rows"}]}):
    log-analytics-2026-11-07.json
  the portal's CSV export of a query (headers with " [UTC]"):
    log-analytics-2026-11-06.csv
and the servicePrincipalSignInActivities report (Graph beta) of 2026-11-08:
    servicePrincipalSignInActivities-2026-11-08.json
"""
import json, os, uuid

TENANT = "b8aab203-92b2-5f3e-a8a8-d5391af3d878"
ROOT = os.path.join(os.path.dirname(__file__), "..", "Samples", "graph-activity")
NS = uuid.UUID("7f1c2d3e-4b5a-4c6d-8e9f-a0b1c2d3e4f5")

def uid(*parts):
    return str(uuid.uuid5(NS, "/".join(map(str, parts))))

APPS = {
    "fabrikam": ("c572105d-6d77-5d4a-8320-c81774d90b44", "app"),
    "adatum": ("125b1422-32f8-57ca-b4ac-ab9a330554c4", "user"),
    "phish": ("815ecd63-a35e-5cfb-8c46-30f1dcf8b5bf", "user"),
    "litware": ("a802ff08-f6c9-534a-9844-d337a324bad4", "user"),
    "dynamics": ("0bfc4568-a4ba-4c58-bd3e-5d3e76bd7fff", "user"),
}
USER = uid("user", "adele")
OTHER = uid("user", "megan")

# (day, hour, app, method, uri, status, count)
CALLS = [
    ("05", "09", "fabrikam", "GET", "/v1.0/users?$select=id,displayName,mail", 200, 6),
    ("05", "09", "fabrikam", "GET", f"/v1.0/users/{OTHER}/drive/root/children", 200, 4),
    ("05", "09", "fabrikam", "GET", f"/v1.0/users/{OTHER}/drive/root:/Backups/2026/november.zip:/content", 200, 2),
    ("05", "09", "adatum", "GET", "/v1.0/me", 200, 5),
    ("05", "09", "adatum", "GET", "/v1.0/me/messages?$top=10&$select=subject,from", 200, 5),
    ("05", "09", "phish", "POST", "/v1.0/me/sendMail", 202, 3),
    ("05", "09", "phish", "GET", "/v1.0/users/megan@contoso.example", 200, 3),
    ("05", "09", "phish", "PATCH", f"/v1.0/users/{OTHER}", 403, 2),
    ("05", "09", "phish", "GET", f"/beta/contoso/phishingSimulations/{uid('sim', 1)}", 200, 1),
    ("05", "10", "litware", "GET", "/v1.0/reports/getOffice365ActiveUserDetail(period='D7')", 200, 2),
    ("05", "10", "dynamics", "GET", "/v1.0/users", 200, 3),
    ("05", "10", "dynamics", "PATCH", f"/v1.0/users/{OTHER}", 204, 1),
    ("05", "10", "fabrikam", "GET", "/v1.0/users?$select=id,displayName,mail", 429, 1),
]

def record(day, hour, app, method, uri, status, n):
    app_id, idtyp = APPS[app]
    time = f"2026-11-{day}T{hour}:{10 + n:02d}:{n * 7 % 60:02d}.1234567Z"
    request = uid("request", day, hour, app, method, uri, status, n)
    version = uri.split("/")[1]
    properties = {
        "timeGenerated": time, "requestId": request, "operationId": request, "clientRequestId": request,
        "apiVersion": version, "requestMethod": method, "responseStatusCode": status, "durationMs": 120 + n,
        "responseSizeBytes": 512, "signInActivityId": "AbCdEfGhIjKlMnOpQrStUv", "roles": "", "scopes": "",
        "wids": "", "appId": app_id, "C_Idtyp": idtyp, "isReplay": False, "policyEvaluated": False,
        "identityProvider": f"https://sts.windows.net/{TENANT}/", "clientAuthMethod": "2" if idtyp == "app" else "0",
        "ipAddress": "192.0.2.10", "userAgent": "permaudit-sample/1.0",
        "requestUri": "https://graph.microsoft.com" + uri, "tokenIssuedAt": f"2026-11-{day}T{hour}:00:00.0000000Z",
        "tenantId": TENANT,
    }
    if idtyp == "app":
        properties["servicePrincipalId"] = uid("sp", app)
    else:
        properties["userId"] = USER
    return {
        "time": time, "resourceId": f"/TENANTS/{TENANT.upper()}/PROVIDERS/MICROSOFT.AADIAM",
        "operationName": "Microsoft Graph Activity", "operationVersion": version,
        "category": "MicrosoftGraphActivityLogs", "resultSignature": str(status), "durationMs": str(120 + n),
        "callerIpAddress": "192.0.2.10", "correlationId": request, "level": "Informational", "location": "West Europe",
        "tenantId": TENANT, "properties": properties,
    }

def main():
    hours = {}
    for day, hour, app, method, uri, status, count in CALLS:
        for n in range(count):
            hours.setdefault((day, hour), []).append(record(day, hour, app, method, uri, status, n))
    # Azure re-delivers a few records: the same requestId twice, to be counted once.
    hours[("05", "09")].append(hours[("05", "09")][0])
    for (day, hour), records in sorted(hours.items()):
        folder = os.path.join(ROOT, f"tenantId={TENANT}", "y=2026", "m=11", f"d={day}", f"h={hour}", "m=00")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "PT1H.json"), "w", newline="") as out:
            for r in records:
                out.write(json.dumps(r, separators=(",", ":")) + "\r\n")
    # A day later, the same kind of calls from a Log Analytics query (PascalCase, positional rows).
    columns = ["TimeGenerated", "RequestId", "RequestMethod", "RequestUri", "ResponseStatusCode", "AppId",
               "ServicePrincipalId", "UserId", "ApiVersion", "AadTenantId"]
    rows = []
    for n, (app, method, uri, status) in enumerate([
        ("adatum", "GET", "/v1.0/me", 200), ("fabrikam", "GET", "/v1.0/users?$top=999", 200),
        ("phish", "POST", "/v1.0/me/sendMail", 202), ("litware", "GET", "/v1.0/reports/getOffice365ActiveUserDetail(period='D30')", 200),
    ]):
        app_id, idtyp = APPS[app]
        rows.append([f"2026-11-07T08:0{n}:00Z", uid("la", n), method, "https://graph.microsoft.com" + uri, status, app_id,
                     uid("sp", app) if idtyp == "app" else None, USER if idtyp == "user" else None, uri.split("/")[1], TENANT])
    table = {"tables": [{"name": "PrimaryResult", "columns": [{"name": c, "type": "string"} for c in columns], "rows": rows}]}
    with open(os.path.join(ROOT, "log-analytics-2026-11-07.json"), "w") as out:
        json.dump(table, out, indent=1)
        out.write("\n")

def csv_export():
    columns = ["TimeGenerated [UTC]", "RequestId", "RequestMethod", "RequestUri", "ResponseStatusCode", "AppId", "UserId", "ApiVersion"]
    rows = [("adatum", "GET", "/v1.0/me/messages/AAMkAD=", 200), ("fabrikam", "GET", "/v1.0/users/megan@contoso.example", 200)]
    lines = [",".join(columns)]
    for n, (app, method, uri, status) in enumerate(rows):
        app_id, idtyp = APPS[app]
        lines.append(",".join([f"11/6/2026, 7:0{n}:00.000 AM".join('""'), uid("csv", n), method, "https://graph.microsoft.com" + uri,
                               str(status), app_id, USER if idtyp == "user" else "", uri.split("/")[1]]))
    with open(os.path.join(ROOT, "log-analytics-2026-11-06.csv"), "w", newline="") as out:
        out.write("\r\n".join(lines) + "\r\n")

def sign_ins():
    def activity(date):
        return {"lastSignInDateTime": date, "lastSignInRequestId": uid("signin", date) if date else None}
    apps = [("fabrikam", None, "2026-11-07T09:12:00Z"), ("adatum", "2026-11-07T08:00:00Z", None),
            ("litware", "2026-07-01T10:00:00Z", None), ("phish", "2026-11-07T08:02:00Z", None)]
    value = []
    for app, delegated, application in apps:
        app_id, _ = APPS[app]
        last = max(d for d in (delegated, application) if d)
        value.append({"id": app_id, "appId": app_id, "lastSignInActivity": activity(last),
                      "delegatedClientSignInActivity": activity(delegated), "delegatedResourceSignInActivity": activity(None),
                      "applicationAuthenticationClientSignInActivity": activity(application),
                      "applicationAuthenticationResourceSignInActivity": activity(None)})
    page = {"@odata.context": "https://graph.microsoft.com/beta/$metadata#reports/servicePrincipalSignInActivities", "value": value}
    with open(os.path.join(ROOT, "servicePrincipalSignInActivities-2026-11-08.json"), "w") as out:
        json.dump(page, out, indent=1)
        out.write("\n")

main()
csv_export()
sign_ins()
