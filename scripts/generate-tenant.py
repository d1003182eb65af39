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
Larger exports (benchmarks, see Benchmarks/run.py) give the totals and the realistic model, e.g. 50k service
principals, 1M grants and 100k app role assignments, with a second export a week later in which 0.1% changed:
    scripts/generate-tenant.py --firstparty ... --out /tmp/t1m --model realistic --single-file \\
        --service-principals 50000 --grants 1000000 --assignments 100000 --users 100000 --churn 0.001
--page-size 999 (the default) writes Graph's pages, linked by @odata.nextLink; --single-file one file per
collection. The bulk (the random apps' grants and assignments) is generated while it is written, never held,
so a million grants take little memory; the same arguments give the same files, and the uniform model's
files are those of earlier versions of this script.

Models of the random apps (--model):
- uniform (the default, and the sample's): per-user grants of apps and users drawn uniformly, each with its
  own random 1 to 40 of Graph's user-consentable scopes; every tenth app also holds a tenant-wide grant; the
  app role assignments are Graph application permissions held by the random apps.
- realistic: apps differ in popularity (a few are used by many users) and each asks for one set of scopes
  (1 to 40, most apps 8 or fewer: openid, profile, User.Read and the like first), which every user who
  consents to it grants, a tenth of them with one more scope (incremental consent); the grants are spread
  evenly over --users users (give one per ten grants), each consenting to an app once; every tenth app also
  holds a tenant-wide grant; a third of the app role assignments are Graph application permissions, the
  rest users and groups assigned to apps (the default access, or one of the app's own roles); service
  principals carry Graph's other properties (names, reply URLs, tags), and every twentieth app publishes
  its own scope and app roles, like a line-of-business API. A grant takes about 390 bytes of JSON (1M
  grants: 394 MB; Graph's shape with GUIDs needs 238 bytes before the scope string).
- incremental: as realistic, but every per-user grant carries its own scope set, 1 to 6 scopes drawn from all of
  Graph's delegated scopes, joined by assorted whitespace: users of Graph Explorer, the PowerShell SDK or a
  test app each consenting to what they tried (issue 17's second distribution, e.g. --service-principals
  3800 --users 100000).
--churn FRACTION writes the export of a week later with FRACTION of the random apps' objects changed (see
start_churn), for measuring an import of a slightly changed export.
"""
import argparse
import hashlib
import itertools
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
NAMESPACE_SHA1 = hashlib.sha1(NAMESPACE.bytes)
AS_OF = "2026-11-01"
NEXT_WEEK = "2026-11-08"
GRAPH_BASE = "https://graph.microsoft.com/v1.0/"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
# The scopes nearly every app asks for, first in a realistic app's request.
SIGN_IN_SCOPES = ["openid", "profile", "email", "offline_access", "User.Read"]
# One encoder for every object (json.dumps with arguments would build one per call).
ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def guid(*parts):
    """A stable GUID for a name, so every run gives the same ids: uuid.uuid5(NAMESPACE, name), written out here
    because a million grants call it several million times."""
    sha = NAMESPACE_SHA1.copy()
    sha.update("/".join(map(str, parts)).encode("utf-8"))
    h = bytearray(sha.digest()[:16])
    h[6] = (h[6] & 0x0F) | 0x50
    h[8] = (h[8] & 0x3F) | 0x80
    x = h.hex()
    return "%s-%s-%s-%s-%s" % (x[:8], x[8:12], x[12:16], x[16:20], x[20:])


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


class Tenant:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.tenant_id = guid("tenant", "contoso")
        self.principals = []
        # Hand-made grants and assignments; the random apps' bulk is streamed (bulk_grants, bulk_assignments).
        self.grants = []
        self.assignments = []
        self.late_grants = []  # grants made after the bulk (next week's), written after it
        self.grant_filters = []  # next week's removals, applied to the bulk as it is written
        self.assignment_filters = []
        self.after_bulk = False
        self.churn = 0.0
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
        (self.late_grants if self.after_bulk else self.grants).append({"clientId": client["id"], "consentType": consent,
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
        """Third-party apps at scale: mostly per-user consent, some tenant-wide, some application roles.

        Only the apps are made here; their grants and assignments are made while they are written."""
        args = self.args
        realistic = args.model in ("realistic", "incremental")
        self.delegated = sorted(self.graph_scopes)
        self.user_scopes = sorted(v for v, t in self.graph_scopes.items() if t == "User")
        self.application = sorted(self.graph_roles)
        count = args.apps if args.service_principals is None else max(0, args.service_principals - len(self.principals))
        rng = random.Random("%d/apps" % args.seed)
        self.apps, self.app_names, self.app_scopes, self.app_more_scopes, self.app_roles = [], [], [], [], []
        others = [v for v in self.user_scopes if v not in SIGN_IN_SCOPES]
        for n in range(count):
            app_id = guid("app", "vendor", n)
            owner = guid("tenant", "vendor", n % max(1, count // 3))
            name = "Vendor App %05d" % n
            published = self.published_by(rng, n, app_id, name) if realistic else {}
            self.apps.append(self.principal(name, app_id, owner, verified=("Vendor %d" % (n % 17)) if n % 3 == 0 else None,
                                            **published))
            self.app_names.append(name)
            self.app_roles.append([r["id"] for r in published.get("appRoles", [])])
            if realistic:
                # The scopes the app asks for: most apps a few, some up to 40; the sign-in scopes first.
                wanted = rng.randint(1, 8) if rng.random() < 0.8 else rng.randint(9, 39)
                basics = SIGN_IN_SCOPES[:min(wanted, rng.randint(1, len(SIGN_IN_SCOPES)))]
                asked = basics + rng.sample(others, wanted - len(basics))
                self.app_scopes.append(" ".join(asked))
                more = rng.choice(others)
                while more in asked:
                    more = rng.choice(others)
                self.app_more_scopes.append(" ".join(asked + [more]))
        self.tenant_wide = [n for n in range(count) if n % 10 == 0]
        fixed_grants = len(self.grants) + len(self.tenant_wide)
        self.per_user_count = args.principal_grants if args.grants is None else max(0, args.grants - fixed_grants)
        if realistic:
            self.per_user_count = min(self.per_user_count, count * len(self.users))  # one grant per user and app
        self.bulk_grant_count = self.per_user_count + len(self.tenant_wide)
        self.bulk_assignment_count = (args.app_assignments if args.assignments is None
                                      else max(0, args.assignments - len(self.assignments)))
        # The uniform model draws from the tenant's one random stream, in the order of earlier versions of this
        # script (grants, then assignments); each pass over the bulk starts again from this state.
        self.bulk_state = self.rng.getstate()
        self.after_grants_state = None
        self.after_bulk = True

    def published_by(self, rng, n, app_id, name):
        """A realistic app's other Graph properties, and the scope and roles an API app publishes."""
        host = "app%05d.vendor%d.example" % (n, n % 997)
        published = {"appDisplayName": name, "appRoleAssignmentRequired": n % 4 == 0,
                     "createdDateTime": "20%02d-%02d-%02dT%02d:00:00Z" % (rng.randint(16, 25), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23)),
                     "servicePrincipalNames": [app_id, "https://" + host],
                     "replyUrls": ["https://%s/signin-oidc" % host, "https://%s/auth/callback" % host],
                     "signInAudience": "AzureADMultipleOrgs", "tags": ["WindowsAzureActiveDirectoryIntegratedApp"],
                     "oauth2PermissionScopes": [], "appRoles": []}
        if n % 20 == 0:
            published["oauth2PermissionScopes"] = [{
                "id": guid("scope", app_id, "user_impersonation"), "value": "user_impersonation", "type": "User", "isEnabled": True,
                "adminConsentDisplayName": "Access " + name, "adminConsentDescription": "Allow the application to access %s on behalf of the signed-in user." % name,
                "userConsentDisplayName": "Access " + name, "userConsentDescription": "Allow the application to access %s on your behalf." % name}]
            published["appRoles"] = [{
                "id": guid("role", app_id, value), "value": value, "allowedMemberTypes": ["User", "Application"], "isEnabled": True,
                "displayName": value, "description": "%s of %s" % (value, name)} for value in ("Reader", "Writer", "Admin")[:rng.randint(1, 3)]]
        return published

    # The bulk: the random apps' grants and assignments, made as they are written.

    def bulk_grants(self):
        if self.args.model == "uniform":
            rng = random.Random()
            rng.setstate(self.bulk_state)
            made = self.uniform_grants(rng)
        else:
            made = self.realistic_grants()
        changes, new = self.churn_plan("grants", self.bulk_grant_count, removed_share=0.25)
        for n, grant in enumerate(made):
            change = changes.get(n)
            if change == "remove":
                continue
            if change == "change":
                grant["scope"] = self.more_scopes(grant["scope"], random.Random("%d/churn/scope/%d" % (self.args.seed, n)))
            if not any(dropped(grant) for dropped in self.grant_filters):
                yield grant
        rng = random.Random("%d/churn/new-grants" % self.args.seed)
        for n in range(new):
            yield self.per_user_grant(rng, guid("churn-grant", n))

    def uniform_grants(self, rng):
        for n in range(self.per_user_count):
            yield self.per_user_grant(rng, guid("pgrant", n))
        for n in self.tenant_wide:
            yield self.tenant_wide_grant(rng, n)
        self.after_grants_state = rng.getstate()

    def realistic_grants(self):
        """Each user consents to a few apps, popular ones more often, once each."""
        rng = random.Random("%d/grants" % self.args.seed)
        each, extra = divmod(self.per_user_count, len(self.users)) if self.users else (0, 0)
        made = 0
        for u, user in enumerate(self.users):
            wanted = each + (1 if u < extra else 0)
            if not wanted:
                break
            chosen = set()
            while len(chosen) < wanted:
                app = self.popular_app(rng)
                if app in chosen:
                    continue
                chosen.add(app)
                if self.args.model == "incremental":
                    scope = self.incremental_scope(rng)
                else:
                    scope = self.app_more_scopes[app] if rng.random() < 0.1 else self.app_scopes[app]
                yield {"clientId": self.apps[app]["id"], "consentType": "Principal", "id": guid("pgrant", made),
                       "principalId": user, "resourceId": self.graph["id"], "scope": scope}
                made += 1
        rng = random.Random("%d/tenant-wide" % self.args.seed)
        for n in self.tenant_wide:
            yield self.tenant_wide_grant(rng, n)

    def incremental_scope(self, rng):
        """One user's own consent: 1 to 6 of Graph's delegated scopes, with the whitespace exports show (doubled
        spaces, a leading or trailing one)."""
        scopes = rng.sample(self.delegated, rng.randint(1, 6))
        text = "".join((rng.choice([" ", " ", " ", "  "]) if i else "") + value for i, value in enumerate(scopes))
        return rng.choice(["", "", " "]) + text + rng.choice(["", "", " "])

    def popular_app(self, rng):
        """An app's index, a few apps drawn far more often than the rest (the first 1% about 16% of draws)."""
        return int(len(self.apps) * rng.random() ** 2.5)

    def per_user_grant(self, rng, grant_id):
        if self.args.model == "uniform":
            client = self.apps[rng.randrange(len(self.apps))]
            user = self.users[rng.randrange(len(self.users))]
            count = rng.randint(1, 40)
            scope = " ".join(rng.sample(self.user_scopes, min(count, len(self.user_scopes))))
        else:
            app = self.popular_app(rng)
            client, user, scope = self.apps[app], self.users[rng.randrange(len(self.users))], self.app_scopes[app]
            if self.args.model == "incremental":
                scope = self.incremental_scope(rng)
        return {"clientId": client["id"], "consentType": "Principal", "id": grant_id,
                "principalId": user, "resourceId": self.graph["id"], "scope": scope}

    def tenant_wide_grant(self, rng, n):
        scopes = rng.sample(self.delegated, rng.randint(1, 12))
        return {"clientId": self.apps[n]["id"], "consentType": "AllPrincipals", "id": guid("agrant", n),
                "principalId": None, "resourceId": self.graph["id"], "scope": " ".join(scopes)}

    def more_scopes(self, scope, rng):
        """The scope string with one more user scope (a user's incremental consent)."""
        held = set(scope.split())
        return scope + " " + rng.choice([v for v in self.user_scopes if v not in held] or ["Churn.Read"])

    def bulk_assignments(self):
        if self.args.model == "uniform":
            assert self.after_grants_state is not None, "the uniform model writes the grants before the assignments"
            rng = random.Random()
            rng.setstate(self.after_grants_state)
        else:
            rng = random.Random("%d/assignments" % self.args.seed)
        changes, new = self.churn_plan("assignments", self.bulk_assignment_count, removed_share=0.5)
        for n in range(self.bulk_assignment_count):
            assignment = self.bulk_assignment(rng, n, guid("aassign", n))
            if changes.get(n) != "remove" and not any(dropped(assignment) for dropped in self.assignment_filters):
                yield assignment
        rng = random.Random("%d/churn/new-assignments" % self.args.seed)
        for n in range(new):
            yield self.bulk_assignment(rng, n, guid("churn-assignment", n))

    def bulk_assignment(self, rng, n, assignment_id):
        if self.args.model == "uniform":
            client = self.apps[rng.randrange(len(self.apps))]
            role_value = self.application[rng.randrange(len(self.application))]
            return {"id": assignment_id, "appRoleId": self.graph_roles[role_value], "createdDateTime": "2025-06-01T00:00:00Z",
                    "principalDisplayName": client["displayName"], "principalId": client["id"],
                    "principalType": "ServicePrincipal", "resourceDisplayName": "Microsoft Graph", "resourceId": self.graph["id"]}
        app = self.popular_app(rng)
        created = "2025-%02d-%02dT09:00:00Z" % (rng.randint(1, 12), rng.randint(1, 28))
        if n % 3 == 0:
            # An application permission on Graph, held by the app.
            role_value = self.application[rng.randrange(len(self.application))]
            return {"id": assignment_id, "appRoleId": self.graph_roles[role_value], "createdDateTime": created,
                    "principalDisplayName": self.app_names[app], "principalId": self.apps[app]["id"],
                    "principalType": "ServicePrincipal", "resourceDisplayName": "Microsoft Graph", "resourceId": self.graph["id"]}
        # A user (or a group) assigned to the app: one of its roles, or the default access.
        if rng.random() < 0.9:
            member, kind = self.users[rng.randrange(len(self.users))], "User"
            name = "user %s" % member[:8]
        else:
            index = rng.randrange(len(self.groups))
            member, kind, name = self.groups[index], "Group", "group %d" % index
        roles = self.app_roles[app]
        return {"id": assignment_id, "appRoleId": roles[rng.randrange(len(roles))] if roles else DEFAULT_ROLE,
                "createdDateTime": created, "principalDisplayName": name, "principalId": member, "principalType": kind,
                "resourceDisplayName": self.app_names[app], "resourceId": self.apps[app]["id"]}

    # Later exports.

    def drop_grants(self, dropped):
        self.grants = [g for g in self.grants if not dropped(g)]
        self.late_grants = [g for g in self.late_grants if not dropped(g)]
        self.grant_filters.append(dropped)

    def drop_assignments(self, dropped):
        self.assignments = [a for a in self.assignments if not dropped(a)]
        self.assignment_filters.append(dropped)

    def next_week(self):
        """The same tenant a week later, with known changes (the drift tests list exactly these)."""
        by_name = {sp["displayName"]: sp for sp in self.principals}
        tailspin, adatum = by_name["Tailspin Legacy Connector"]["id"], by_name["Adatum Survey"]["id"]
        litware, fabrikam = by_name["Litware Reports"], by_name["Fabrikam Mailbox Backup"]["id"]
        vendor = by_name["Vendor App 00010"]["id"]
        # Tailspin is deleted; Vendor App 00010's tenant-wide consent is revoked.
        self.principals = [sp for sp in self.principals if sp["id"] != tailspin]
        self.drop_assignments(lambda a: a["principalId"] == tailspin)
        self.drop_grants(lambda g: g["clientId"] == tailspin or (g["clientId"] == vendor and g["consentType"] == "AllPrincipals"))
        # Adatum's per-user consent becomes tenant-wide.
        self.drop_grants(lambda g: g["clientId"] == adatum)
        self.grant(by_name["Adatum Survey"], self.graph, "User.Read Mail.Read openid")
        # One more user consents to Litware.
        self.grant(litware, self.graph, "User.Read Reports.Read.All", principal=self.users[52])
        # Fabrikam loses Mail.Read.
        self.drop_assignments(lambda a: a["principalId"] == fabrikam and a["appRoleId"] == self.graph_roles["Mail.Read"])
        # A new third-party app with a directory-wide admin scope.
        phish = self.principal("Contoso Phish Catcher", guid("app", "phish"), guid("tenant", "phish"))
        self.grant(phish, self.graph, "Directory.ReadWrite.All Mail.Send")

    def start_churn(self, fraction):
        """The next export changes `fraction` of the bulk: of those grants a quarter are revoked, as many new ones
        appear and half get one more scope; of those app role assignments half are removed and as many added;
        `fraction` of the random apps are renamed."""
        self.churn = fraction
        renamed, _ = self.churn_plan("apps", len(self.apps), removed_share=0)
        ids = {self.apps[n]["id"] for n in renamed}
        self.principals = [dict(sp, displayName=sp["displayName"] + " (renamed)") if sp["id"] in ids else sp
                           for sp in self.principals]

    def churn_plan(self, what, count, removed_share):
        """Which of `count` objects change in the churned export, {index: "change" or "remove"}, and how many new
        ones appear: of the churn fraction, `removed_share` are removed, as many are new, the rest change."""
        if not self.churn or not count:
            return {}, 0
        rng = random.Random("%d/churn/%s" % (self.args.seed, what))
        picked = rng.sample(range(count), min(count, max(1, round(count * self.churn))))
        removed = int(len(picked) * removed_share)
        plan = {n: "remove" for n in picked[:removed]}
        plan.update((n, "change") for n in picked[removed:len(picked) - removed])
        return plan, removed

    # Output: Graph's response pages, written as the objects are made.

    def write(self, as_of=AS_OF):
        os.makedirs(self.args.out, exist_ok=True)
        organization = [{"id": self.tenant_id, "displayName": "Contoso", "tenantType": "AAD"}]
        self.write_collection("organization", organization, as_of)
        principals = self.write_collection("servicePrincipals", self.principals, as_of)
        grants = self.write_collection("oauth2PermissionGrants",
                                       itertools.chain(self.grants, self.bulk_grants(), self.late_grants), as_of)
        assignments = self.write_collection("appRoleAssignments", itertools.chain(self.assignments, self.bulk_assignments()), as_of)
        print("%s (%s): %d service principals, %d grants, %d app role assignments" % (
            self.args.out, as_of, principals, grants, assignments), flush=True)

    def write_collection(self, name, objects, as_of):
        objects = iter(objects)
        if self.args.single_file:
            return self.write_page(name, "%s-%s.json" % (name, as_of), objects, None)
        page, index, total = list(itertools.islice(objects, self.args.page_size)), 1, 0
        while True:
            following = list(itertools.islice(objects, self.args.page_size))
            suffix = "-page%04d" % index if index > 1 or following else ""
            link = GRAPH_BASE + name + "?$skiptoken=page%d" % (index + 1) if following else None
            total += self.write_page(name, "%s-%s%s.json" % (name, as_of, suffix), page, link)
            if not following:
                return total
            page, index = following, index + 1

    def write_page(self, name, file_name, objects, next_link):
        """One page, {"@odata.context", "value", "@odata.nextLink"}, as json.dump would write it."""
        count = 0
        with open(os.path.join(self.args.out, file_name), "w", encoding="utf-8", buffering=1 << 20) as f:
            f.write('{"@odata.context":%s,"value":[' % ENCODER.encode(GRAPH_BASE + "$metadata#" + name))
            for obj in objects:
                f.write(("," if count else "") + ENCODER.encode(obj))
                count += 1
            f.write("]" + (',"@odata.nextLink":%s' % ENCODER.encode(next_link) if next_link else "") + "}\n")
        return count


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
    parser.add_argument("--model", choices=("uniform", "realistic", "incremental"), default="uniform",
                        help="how the random apps' grants and assignments are drawn (see above)")
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--firstparty-apps", type=int, default=40)
    parser.add_argument("--apps", type=int, default=20, help="random third-party apps")
    parser.add_argument("--service-principals", type=int, help="all service principals: sets --apps to make this many")
    parser.add_argument("--principal-grants", type=int, default=2500, help="the random apps' per-user grants")
    parser.add_argument("--grants", type=int, help="all grants: sets --principal-grants to make this many")
    parser.add_argument("--app-assignments", type=int, default=8, help="the random apps' app role assignments")
    parser.add_argument("--assignments", type=int, help="all app role assignments: sets --app-assignments to make this many")
    parser.add_argument("--page-size", type=int, default=999)
    parser.add_argument("--single-file", action="store_true")
    parser.add_argument("--next-week", action="store_true", help="also write the export of a week later, with known changes")
    parser.add_argument("--churn", type=float, default=0.0, metavar="FRACTION",
                        help="also write the export of a week later in which FRACTION (0.001: 0.1%%) of the random apps' "
                             "grants, assignments and names changed (with --next-week, both kinds of change)")
    args = parser.parse_args()
    if args.page_size < 1 or not 0 <= args.churn <= 1:
        parser.error("--page-size must be positive and --churn between 0 and 1")
    tenant = Tenant(args)
    firstparty = load(args.firstparty)
    tenant.add_resources(firstparty)
    tenant.add_firstparty_apps(firstparty)
    tenant.add_named_apps()
    tenant.add_random_apps()
    tenant.write()
    if args.next_week or args.churn:
        if args.next_week:
            tenant.next_week()
        if args.churn:
            tenant.start_churn(args.churn)
        tenant.write(NEXT_WEEK)


if __name__ == "__main__":
    main()
