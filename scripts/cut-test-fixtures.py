#!/usr/bin/env python3
"""Cuts the small test fixtures in Tests/Fixtures from the real public files.

Usage: scripts/cut-test-fixtures.py DATA_DIR   (DATA_DIR holds catalog/ as described in Tests/Fixtures/README.md)
Tests never read DATA_DIR; they read only what this script writes.
"""
import json
import os
import sys

data = sys.argv[1]
out = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures")
os.makedirs(out, exist_ok=True)

NAMES = [
    "CallDelegation.ReadWrite",            # Kibali says no admin consent; the service principal says Admin
    "Calls.JoinGroupCallasGuest.All",      # two keys that differ only by case
    "Calls.JoinGroupCallAsGuest.All",
    "User.Read",                           # DelegatedPersonal too
    "User.Read.All",                       # both a scope and a role, different GUIDs
    "User.Export.All",                     # both a scope and a role, the same GUID
    "AgentInstance.ReadWrite.All",         # AlsoRequires annotations
    "AiEnterpriseInteraction.Read.User",   # RSC authorization type
    "IndustryData-OutboundFlow.Read.All",  # a scheme without admin texts
    "ChangeManagement.Read.All",           # an app role Kibali says needs no admin consent
    "Mail.Read",
]


def load(name):
    with open(os.path.join(data, "catalog", name), encoding="utf-8-sig") as f:
        return json.load(f)


def dump(name, value, bom=False):
    text = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(("\ufeff" if bom else "") + text)


def cut_kibali(source, target):
    permissions = load(source)["permissions"]
    dump(target, {"$schema": "cut for tests", "permissions": {n: permissions[n] for n in NAMES if n in permissions}})


cut_kibali("devx-permissions-2026-08-07.json", "kibali-permissions-2026-08-07.json")
cut_kibali("devx-permissions-2023-03-07.json", "kibali-permissions-2023-03-07.json")

deployments = load("devx-provisioningInfo-2026-08-07.json")["permissionDeployments"]
picked = {n: deployments[n] for n in NAMES if n in deployments}
picked["MCP.Server.Access"] = deployments["MCP.Server.Access"]  # an entry without an id
dump("kibali-provisioningInfo-2026-08-07.json", {"permissionDeployments": picked})

for kind in ("GraphDelegateRoles", "GraphAppRoles"):
    entries = [e for e in load(f"merill-microsoft-info-{kind}-2026-08-19.json") if e["Value"] in NAMES]
    dump(f"powershell-{kind}-2026-08-19.json", entries, bom=(kind == "GraphDelegateRoles"))

for kind in ("oauth2PermissionScopes", "appRoles"):
    entries = [e for e in load(f"pnp-cli-m365-graph-sp-{kind}-2024-02-12.json")["value"] if e["value"] in NAMES]
    dump(f"graph-{kind}-2024-02-12.json", {"value": entries})

principal = load("pnp-cli-m365-graph-sp-select-2021-01-08.json")
principal["oauth2PermissionScopes"] = [e for e in principal["oauth2PermissionScopes"] if e["value"] in NAMES]
principal["appRoles"] = [e for e in principal["appRoles"] if e["value"] in NAMES]
dump("graph-servicePrincipal-2021-01-08.json", principal)

for date in ("2020-04-20", "2026-04-01"):
    descriptions = load(f"devx-permissions-descriptions-{date}.json")
    dump(f"permissions-descriptions-{date}.json", {
        key: [e for e in descriptions[key] if e["value"] in NAMES] for key in descriptions})

apps = load("merill-microsoft-info-MicrosoftApps-2026-08-20.json")
dump("microsoft-apps-2026-08-20.json", apps[:3] + [a for a in apps if a["Source"] == "GitHub"][:2])

# A small tenant export from Microsoft Graph's documented responses (graphdocs-consent-shape-examples.json):
# the pages as documented, with the Microsoft Graph service principal's two $select answers merged, plus
# the client app those examples name and an organization object (the tenant id in the examples' @odata.id).
with open(os.path.join(data, "tenant", "graphdocs-consent-shape-examples.json"), encoding="utf-8") as f:
    examples = [e for e in json.load(f)["examples"]]
tenant_dir = os.path.join(out, "tenant-graphdocs")
os.makedirs(tenant_dir, exist_ok=True)


def example(path_part, request_part):
    return next(e["body"] for e in examples if path_part in e["source"]["path"] and request_part in e["request"])


graph_roles = example("permissions-grant-via-msgraph", "appRoles")["value"][0]
graph_scopes = example("permissions-grant-via-msgraph", "oauth2PermissionScopes")["value"][0]
graph = dict(graph_roles, oauth2PermissionScopes=graph_scopes["oauth2PermissionScopes"])
client = {"id": "b0d9b9e3-0ecf-4bfd-8dab-9273dd055a94", "appId": "3c1a0f5e-8a57-4f43-9d6e-2b5d2f0b7c11",
          "displayName": "My application", "appOwnerOrganizationId": "65415bb1-9267-4313-bbf5-ae259732ee12",
          "servicePrincipalType": "Application",
          "verifiedPublisher": {"displayName": "publisher_contoso", "verifiedPublisherId": "9999999"}}
with open(os.path.join(tenant_dir, "servicePrincipals-2026-11-01.json"), "w") as f:
    json.dump({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals", "value": [graph, client]}, f, indent=2)
grants = example("oauth2permissiongrant-list", "oauth2PermissionGrants")
principal_grant = example("permissions-grant-via-msgraph", "$filter=clientId")
grants["value"].append(principal_grant["value"][0])
with open(os.path.join(tenant_dir, "oauth2PermissionGrants-2026-11-01.json"), "w") as f:
    json.dump(grants, f, indent=2)
assigned = example("permissions-grant-via-msgraph", "GET https://graph.microsoft.com/v1.0/servicePrincipals/7ea9e944-71ce-443d-811c-71e8047b557a/appRoleAssignedTo")
user_assignment = example("serviceprincipal-list-approleassignedto", "appRoleAssignedTo")["value"][0]
with open(os.path.join(tenant_dir, "graph-appRoleAssignedTo-2026-11-01.ndjson.json"), "w") as f:
    for item in assigned["value"] + [user_assignment]:
        f.write(json.dumps(item) + "\n")
with open(os.path.join(tenant_dir, "organization.json"), "w") as f:
    json.dump({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#organization",
               "value": [{"id": "84841066-274d-4ec0-a5c1-276be684bdd3", "tenantType": "AAD"}]}, f, indent=2)

# History: the same permissions cut from four consecutive Kibali files and two service principal dumps.
# Chosen for what changed: the 2026-07-28 privilege-level rebase (4 -> 3, 5 -> 4), Calls.ReportSyntheticMedia.All
# (added 07-28, removed 07-31, back 08-07), paths removed on 07-31, and permissions that did not change.
history_dir = os.path.join(out, "history")
os.makedirs(history_dir, exist_ok=True)
kibali = {d: load(f"devx-permissions-{d}.json")["permissions"] for d in ("2026-07-22", "2026-07-28", "2026-07-31", "2026-08-07")}


def level(permission, scheme):
    return permission["schemes"].get(scheme, {}).get("privilegeLevel")


rebased = sorted(n for n in kibali["2026-07-22"] if n in kibali["2026-07-28"]
                 and level(kibali["2026-07-22"][n], "Application") in (4, 5)
                 and level(kibali["2026-07-28"][n], "Application") == level(kibali["2026-07-22"][n], "Application") - 1)
history_names = (rebased[:6] + [n for n in rebased if level(kibali["2026-07-22"][n], "Application") == 5][:3]
                 + ["Calls.ReportSyntheticMedia.All", "Calls.JoinGroupCall.All", "Reports.Read.All", "CallDelegation.ReadWrite"])
for date, permissions in kibali.items():
    dump(os.path.join("history", f"kibali-{date}.json"),
         {"permissions": {n: permissions[n] for n in history_names if n in permissions}})
sp_names = ["ThreatSubmission.Read", "ThreatSubmission.ReadWrite", "FileStorageContainer.Selected",
            "FileStorageContainerType.Manage.All", "FileStorageContainerTypeReg.Manage.All", "Mail.Read", "User.Read"]
for date in ("2025-09-17", "2026-03-10"):
    entries = [e for e in load(f"merill-microsoft-info-GraphDelegateRoles-{date}.json") if e["Value"] in sp_names]
    dump(os.path.join("history", f"serviceprincipal-scopes-{date}.json"), entries)
