#!/usr/bin/env python3
"""Generates a storage-account export of Microsoft Graph activity logs (JSON Lines, CRLF, one PT1H.json per
hour) for the least-privilege benchmark: N records from A apps calling a spread of real catalog paths, with
2.7% of records delivered twice (as Azure does). Deterministic for a given --seed.

  Benchmarks/generate-activity.py --records 1000000 --apps 1000 --out Benchmarks/work/activity-1m

With --apps-from DIR (a tenant export of scripts/generate-tenant.py), the calling apps are that tenant's
service principals, so that `report --overprivileged` has every app's holdings to judge.
"""
import argparse, json, os, random, uuid

PATHS = [
    ("GET", "/v1.0/users"), ("GET", "/v1.0/users/{user}"), ("GET", "/v1.0/users/{user}/messages"),
    ("POST", "/v1.0/users/{user}/sendMail"), ("GET", "/v1.0/groups/{guid}/members"), ("GET", "/v1.0/me"),
    ("GET", "/v1.0/me/messages"), ("PATCH", "/v1.0/users/{guid}"), ("GET", "/v1.0/users/delta"),
    ("GET", "/v1.0/sites/{site}/lists"), ("GET", "/v1.0/users/{guid}/drive/root/children"),
    ("GET", "/beta/reports/getOffice365ActiveUserDetail(period='D7')"), ("GET", "/v1.0/applications/{guid}"),
    ("POST", "/v1.0/groups/{guid}/members/$ref"), ("GET", "/beta/contoso/unknown/{guid}"),
]

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--apps", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--out", required=True)
    parser.add_argument("--apps-from", help="a tenant export folder: its service principals' appIds are the apps")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tenant = "b8aab203-92b2-5f3e-a8a8-d5391af3d878"
    apps = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(args.apps)]
    if args.apps_from:
        apps = tenant_apps(args.apps_from)[:args.apps]
    per_hour = max(1, args.records // 240)
    written, hour = 0, 0
    while written < args.records:
        day, h = 1 + hour // 24, hour % 24
        folder = os.path.join(args.out, f"tenantId={tenant}", "y=2026", "m=11", f"d={day:02d}", f"h={h:02d}", "m=00")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "PT1H.json"), "w", newline="") as out:
            previous = None
            for _ in range(min(per_hour, args.records - written)):
                app = apps[rng.randrange(len(apps))]
                app_only = int(app[:2], 16) % 2 == 0
                method, path = PATHS[rng.randrange(len(PATHS))]
                path = path.replace("{user}", f"user{rng.randrange(100000)}@contoso.example") \
                           .replace("{guid}", str(uuid.UUID(int=rng.getrandbits(128)))).replace("{site}", "contoso.sharepoint.com,1,2")
                status = rng.choice([200] * 20 + [201, 204, 403, 404, 429, 503])
                request = str(uuid.UUID(int=rng.getrandbits(128)))
                time = f"2026-11-{day:02d}T{h:02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}.{rng.randrange(10**7):07d}Z"
                properties = {"timeGenerated": time, "requestId": request, "operationId": request, "clientRequestId": request,
                              "apiVersion": path.split("/")[1], "requestMethod": method, "responseStatusCode": status,
                              "durationMs": rng.randrange(2000), "responseSizeBytes": rng.randrange(100000),
                              "signInActivityId": "AbCdEfGhIjKlMnOpQrStUv", "roles": "User.Read.All Mail.Read" if app_only else "",
                              "scopes": "" if app_only else "User.Read Mail.Read", "wids": "", "appId": app,
                              "C_Idtyp": "app" if app_only else "user", "isReplay": False, "policyEvaluated": False,
                              "identityProvider": f"https://sts.windows.net/{tenant}/", "clientAuthMethod": "2",
                              "ipAddress": "192.0.2.10", "userAgent": "benchmark/1.0",
                              "requestUri": "https://graph.microsoft.com" + path, "tokenIssuedAt": time, "tenantId": tenant}
                if app_only:
                    properties["servicePrincipalId"] = app
                else:
                    properties["userId"] = str(uuid.UUID(int=rng.getrandbits(128)))
                record = {"time": time, "resourceId": f"/TENANTS/{tenant.upper()}/PROVIDERS/MICROSOFT.AADIAM",
                          "operationName": "Microsoft Graph Activity", "operationVersion": properties["apiVersion"],
                          "category": "MicrosoftGraphActivityLogs", "resultSignature": str(status), "durationMs": "120",
                          "callerIpAddress": "192.0.2.10", "correlationId": request, "level": "Informational",
                          "location": "West Europe", "tenantId": tenant, "properties": properties}
                line = json.dumps(record, separators=(",", ":")) + "\r\n"
                out.write(line)
                if previous is not None and rng.random() < 0.027:
                    out.write(previous)
                previous = line
                written += 1
        hour += 1

def tenant_apps(folder):
    """The appIds of a tenant export's service principals, in file order."""
    apps = []
    for name in sorted(os.listdir(folder)):
        if name.startswith("servicePrincipals"):
            with open(os.path.join(folder, name)) as f:
                apps += [sp["appId"] for sp in json.load(f)["value"]]
    return apps


main()
