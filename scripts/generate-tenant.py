#!/usr/bin/env python3
"""Generates a synthetic tenant export in Microsoft Graph's own shape (the "Contoso" sample tenant).

Reproducible: the same arguments give byte-identical files (fixed seed, no clock). Built from
- Microsoft Graph's real catalog: the service principal scopes and roles in Seeds/ (GUIDs, Admin/User types);
- real first-party pre-consented scopes (ROADtools firstpartyscopes.json, MIT): Microsoft's own apps and the
  scopes they hold on Graph, Exchange Online and SharePoint Online;
- made-up third-party and in-house apps, users and groups.

The sample in Seeds/sample-tenant was made with:
    scripts/generate-tenant.py --firstparty ../shared/data/tenant/roadtools-firstpartyscopes-2026-01-26.json \\
        --out Seeds/sample-tenant --single-file --next-week
Larger exports (benchmarks) raise --apps, --principal-grants and --app-assignments, and may use
--page-size 999 (Graph's paging) or --single-file.
"""
import argparse
import json
import os
import random
import uuid

GRAPH = "00000003-0000-0000-c000-000000000000"
EXCHANGE = "00000002-0000-0ff1-ce00-000000000000"
SHAREPOINT = "00000003-0000-0ff1-ce00-000000000000"
MICROSOFT_TENANT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a"
DEFAULT_ROLE = "00000000-0000-0000-0000-000000000000"
NAMESPACE = uuid.UUID("6f1c3c1e-2b7a-4c55-9d0e-5a1f3b7e8c21")
AS_OF = "2026-11-01"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def guid(*parts):
    """A stable GUID for a name, so every run gives the same ids."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


class Tenant:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.tenant_id = guid("tenant", "contoso")
        self.principals = []
        self.grants = []
        self.assignments = []
        self.users = [guid("user", n) for n in range(args.users)]
        self.groups = [guid("group", n) for n in range(max(1, args.users // 50))]

    # Resources: the APIs apps get permissions on, each with the catalog it publishes.

    def add_resources(self, firstparty):
        scopes = load(os.path.join(ROOT, "Seeds", "graph-serviceprincipal-scopes-2026-08-19.json"))
        roles = load(os.path.join(ROOT, "Seeds", "graph-serviceprincipal-approles-2026-08-19.json"))
        self.graph = self.principal(
            "Microsoft Graph", GRAPH, MICROSOFT_TENANT, "Application",
            oauth2PermissionScopes=[camel(s) for s in scopes], appRoles=[camel(r) for r in roles])
        self.graph_scopes = {s["Value"]: s["Type"] for s in scopes}
        self.graph_roles = {r["Value"]: r["Id"] for r in roles}
        # Exchange and SharePoint publish the scopes Microsoft's own apps hold there (their types are
        # synthetic: tenant-wide or full-control scopes are Admin, the rest User).
        self.exchange = self.api_from_firstparty("Office 365 Exchange Online", EXCHANGE, firstparty)
        self.sharepoint = self.api_from_firstparty("Office 365 SharePoint Online", SHAREPOINT, firstparty)
        hr_scopes = [scope("HR.Read", "User", "Read your HR profile"), scope("HR.ReadWrite.All", "Admin", "Read and write all HR records")]
        hr_roles = [role("HR.Export.All", "Export all HR records")]
        self.hr_api = self.principal("Contoso HR API", guid("app", "hr-api"), self.tenant_id, "Application",
                                     oauth2PermissionScopes=hr_scopes, appRoles=hr_roles)

    def api_from_firstparty(self, name, app_id, firstparty):
        values = sorted({v for app in firstparty["apps"].values() for v in app["scopes"].get(app_id, [])})
        scopes = [scope(v, "Admin" if v.endswith(".All") or "FullControl" in v or "Manage" in v else "User", v) for v in values]
        return self.principal(name, app_id, MICROSOFT_TENANT, "Application", oauth2PermissionScopes=scopes, appRoles=[])

    def principal(self, name, app_id, owner, kind="Application", verified=None, **published):
        sp = {"id": guid("sp", app_id), "appId": app_id, "displayName": name, "appOwnerOrganizationId": owner,
              "servicePrincipalType": kind, "accountEnabled": True,
              "verifiedPublisher": {"displayName": verified, "verifiedPublisherId": guid("publisher", verified)[:8]} if verified
              else {"displayName": None, "verifiedPublisherId": None}}
        sp.update(published)
        self.principals.append(sp)
        return sp

    # Holdings.

    def grant(self, client, resource, scopes, principal=None):
        consent = "Principal" if principal else "AllPrincipals"
        self.grants.append({"clientId": client["id"], "consentType": consent,
                            "id": guid("grant", client["id"], resource["id"], principal or "all"),
                            "principalId": principal, "resourceId": resource["id"], "scope": scopes})

    def assign(self, principal_id, principal_type, name, resource, role_id):
        self.assignments.append({
            "id": guid("assignment", principal_id, resource["id"], role_id), "appRoleId": role_id,
            "createdDateTime": "2025-%02d-%02dT09:00:00Z" % (self.rng.randint(1, 12), self.rng.randint(1, 28)),
            "principalDisplayName": name, "principalId": principal_id, "principalType": principal_type,
            "resourceDisplayName": resource["displayName"], "resourceId": resource["id"]})

    def add_firstparty_apps(self, firstparty):
        """Microsoft's own apps with the scopes they are pre-consented to, as tenant-wide grants."""
        resources = {GRAPH: self.graph, EXCHANGE: self.exchange, SHAREPOINT: self.sharepoint}
        for app_id in sorted(firstparty["apps"])[: self.args.firstparty_apps]:
            app = firstparty["apps"][app_id]
            held = {r: s for r, s in app["scopes"].items() if r in resources and s}
            if not held:
                continue
            client = self.principal(app["name"], app_id, MICROSOFT_TENANT)
            for resource_app, values in sorted(held.items()):
                self.grant(client, resources[resource_app], " ".join(values))

    def add_named_apps(self):
        """Hand-made apps that show each case the report must get right."""
        calls = self.principal("Northwind Call Assistant", guid("app", "northwind"), guid("tenant", "northwind"),
                               verified="Northwind Traders")
        self.grant(calls, self.graph, "User.Read CallDelegation.ReadWrite Calendars.Read offline_access")
        backup = self.principal("Fabrikam Mailbox Backup", guid("app", "fabrikam"), guid("tenant", "fabrikam"))
        for value in ("Mail.Read", "Files.Read.All", "User.Read.All"):
            self.assign(backup["id"], "ServicePrincipal", backup["displayName"], self.graph, self.graph_roles[value])
        survey = self.principal("Adatum Survey", guid("app", "adatum"), guid("tenant", "adatum"), verified="Adatum")
        for user in self.users[:40]:
            # Real scope strings carry stray white space.
            self.grant(survey, self.graph, " User.Read  Mail.Read\topenid ", principal=user)
        reports = self.principal("Litware Reports", guid("app", "litware"), guid("tenant", "litware"), verified="Litware")
        for user in self.users[40:52]:
            # An administrator consented for these users one by one: Principal grants of an Admin scope.
            self.grant(reports, self.graph, "User.Read Reports.Read.All", principal=user)
        legacy = self.principal("Tailspin Legacy Connector", guid("app", "tailspin"), guid("tenant", "tailspin"))
        self.grant(legacy, self.graph, "User.Read Legacy.FullAccess")
        self.assign(legacy["id"], "ServicePrincipal", legacy["displayName"], self.graph, guid("role", "retired"))
        payroll = self.principal("Contoso Payroll", guid("app", "payroll"), self.tenant_id)
        self.grant(payroll, self.hr_api, "HR.ReadWrite.All")
        self.assign(payroll["id"], "ServicePrincipal", payroll["displayName"], self.hr_api, self.hr_api["appRoles"][0]["id"])
        intranet = self.principal("Contoso Intranet", guid("app", "intranet"), self.tenant_id)
        self.grant(intranet, self.sharepoint, "Sites.Read.All AllSites.Read")
        for user in self.users[:25]:
            self.assign(user, "User", "user %s" % user[:8], intranet, DEFAULT_ROLE)
        self.assign(self.groups[0], "Group", "All staff", payroll, DEFAULT_ROLE)

    def add_random_apps(self):
        """Third-party apps at scale: mostly per-user consent, some tenant-wide, some application roles."""
        delegated = sorted(self.graph_scopes)
        user_scopes = sorted(v for v, t in self.graph_scopes.items() if t == "User")
        application = sorted(self.graph_roles)
        apps = []
        for n in range(self.args.apps):
            owner = guid("tenant", "vendor", n % max(1, self.args.apps // 3))
            apps.append(self.principal("Vendor App %05d" % n, guid("app", "vendor", n), owner,
                                       verified=("Vendor %d" % (n % 17)) if n % 3 == 0 else None))
        for n in range(self.args.principal_grants):
            client = apps[self.rng.randrange(len(apps))]
            user = self.users[self.rng.randrange(len(self.users))]
            count = self.rng.randint(1, 40)
            scopes = self.rng.sample(user_scopes, min(count, len(user_scopes)))
            self.grants.append({"clientId": client["id"], "consentType": "Principal", "id": guid("pgrant", n),
                                "principalId": user, "resourceId": self.graph["id"], "scope": " ".join(scopes)})
        for n, client in enumerate(apps):
            if n % 10 == 0:
                scopes = self.rng.sample(delegated, self.rng.randint(1, 12))
                self.grants.append({"clientId": client["id"], "consentType": "AllPrincipals", "id": guid("agrant", n),
                                    "principalId": None, "resourceId": self.graph["id"], "scope": " ".join(scopes)})
        for n in range(self.args.app_assignments):
            client = apps[self.rng.randrange(len(apps))]
            role_value = application[self.rng.randrange(len(application))]
            self.assignments.append({
                "id": guid("aassign", n), "appRoleId": self.graph_roles[role_value], "createdDateTime": "2025-06-01T00:00:00Z",
                "principalDisplayName": client["displayName"], "principalId": client["id"],
                "principalType": "ServicePrincipal", "resourceDisplayName": "Microsoft Graph", "resourceId": self.graph["id"]})

    def next_week(self):
        """The same tenant a week later, with known changes (the drift tests list exactly these)."""
        by_name = {sp["displayName"]: sp for sp in self.principals}
        tailspin, adatum = by_name["Tailspin Legacy Connector"]["id"], by_name["Adatum Survey"]["id"]
        litware, fabrikam = by_name["Litware Reports"], by_name["Fabrikam Mailbox Backup"]["id"]
        vendor = by_name["Vendor App 00010"]["id"]
        # Tailspin is deleted; Vendor App 00010's tenant-wide consent is revoked.
        self.principals = [sp for sp in self.principals if sp["id"] != tailspin]
        self.assignments = [a for a in self.assignments if a["principalId"] != tailspin]
        self.grants = [g for g in self.grants if g["clientId"] != tailspin
                       and not (g["clientId"] == vendor and g["consentType"] == "AllPrincipals")]
        # Adatum's per-user consent becomes tenant-wide.
        self.grants = [g for g in self.grants if g["clientId"] != adatum]
        self.grant(by_name["Adatum Survey"], self.graph, "User.Read Mail.Read openid")
        # One more user consents to Litware.
        self.grant(litware, self.graph, "User.Read Reports.Read.All", principal=self.users[52])
        # Fabrikam loses Mail.Read.
        self.assignments = [a for a in self.assignments
                            if not (a["principalId"] == fabrikam and a["appRoleId"] == self.graph_roles["Mail.Read"])]
        # A new third-party app with a directory-wide admin scope.
        phish = self.principal("Contoso Phish Catcher", guid("app", "phish"), guid("tenant", "phish"))
        self.grant(phish, self.graph, "Directory.ReadWrite.All Mail.Send")

    # Output: Graph's response pages.

    def write(self, as_of=AS_OF):
        os.makedirs(self.args.out, exist_ok=True)
        base = "https://graph.microsoft.com/v1.0/"
        collections = [("organization", [{"id": self.tenant_id, "displayName": "Contoso", "tenantType": "AAD"}]),
                       ("servicePrincipals", self.principals), ("oauth2PermissionGrants", self.grants),
                       ("appRoleAssignments", self.assignments)]
        for name, objects in collections:
            size = len(objects) if self.args.single_file else self.args.page_size
            pages = [objects[i:i + size] for i in range(0, len(objects), size)] or [[]]
            for index, page in enumerate(pages):
                body = {"@odata.context": base + "$metadata#" + name, "value": page}
                if index + 1 < len(pages):
                    body["@odata.nextLink"] = base + name + "?$skiptoken=page%d" % (index + 2)
                suffix = "" if len(pages) == 1 else "-page%04d" % (index + 1)
                with open(os.path.join(self.args.out, "%s-%s%s.json" % (name, as_of, suffix)), "w", encoding="utf-8") as f:
                    json.dump(body, f, ensure_ascii=False, separators=(",", ":"))
                    f.write("\n")


def camel(pascal):
    """The PowerShell SDK's PascalCase object in Graph's camelCase."""
    return {k[0].lower() + k[1:]: v for k, v in pascal.items() if k != "AdditionalProperties"}


def scope(value, kind, title):
    return {"id": guid("scope", value), "value": value, "type": kind, "isEnabled": True,
            "adminConsentDisplayName": title, "adminConsentDescription": title,
            "userConsentDisplayName": title if kind == "User" else None, "userConsentDescription": title if kind == "User" else None}


def role(value, title):
    return {"id": guid("role", value), "value": value, "allowedMemberTypes": ["Application"], "isEnabled": True,
            "displayName": title, "description": title}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--firstparty", required=True, help="ROADtools firstpartyscopes.json")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--firstparty-apps", type=int, default=40)
    parser.add_argument("--apps", type=int, default=20, help="random third-party apps")
    parser.add_argument("--principal-grants", type=int, default=2500)
    parser.add_argument("--app-assignments", type=int, default=8)
    parser.add_argument("--page-size", type=int, default=999)
    parser.add_argument("--single-file", action="store_true")
    parser.add_argument("--next-week", action="store_true", help="also write the export of a week later, with known changes")
    args = parser.parse_args()
    tenant = Tenant(args)
    firstparty = load(args.firstparty)
    tenant.add_resources(firstparty)
    tenant.add_firstparty_apps(firstparty)
    tenant.add_named_apps()
    tenant.add_random_apps()
    tenant.write()
    if args.next_week:
        tenant.next_week()
        tenant.write("2026-11-08")
    print("%s: %d service principals, %d grants, %d app role assignments" % (
        args.out, len(tenant.principals), len(tenant.grants), len(tenant.assignments)))


if __name__ == "__main__":
    main()
