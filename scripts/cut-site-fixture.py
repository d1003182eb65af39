#!/usr/bin/env python3
"""Cuts Tests/Fixtures/site/ from the seeds: the Kibali entries, provisioning GUIDs and Graph service principal
scopes and roles of every permission whose name starts with `Call` (CallDelegation.ReadWrite, the site's seed
page, and Calls.Initiate.All, whose `call` type shows 15 of 25 properties) and of User.Read.All (a name that is
both a scope and a role). Small enough for the browser tests to build a site from in a debug build.
"""
import json, pathlib

root = pathlib.Path(__file__).resolve().parent.parent
seeds, out = root / "Seeds", root / "Tests" / "Fixtures" / "site"
keep = lambda name: name.startswith("Call") or name == "User.Read.All"

def cut(source, target, select):
    document = json.loads((seeds / source).read_text())
    (out / target).write_text(json.dumps(select(document), ensure_ascii=True, indent=1) + "\n")

out.mkdir(parents=True, exist_ok=True)
cut("kibali-permissions-2026-08-07.json", "kibali-permissions-2026-08-07.json",
    lambda d: {**d, "permissions": {k: v for k, v in d["permissions"].items() if keep(k)}})
cut("kibali-provisioningInfo-2026-08-07.json", "kibali-provisioningInfo-2026-08-07.json",
    lambda d: {**d, "permissionDeployments": {k: v for k, v in d["permissionDeployments"].items() if keep(k)}})
cut("graph-serviceprincipal-scopes-2026-08-19.json", "graph-serviceprincipal-scopes-2026-08-19.json",
    lambda d: [s for s in d if keep(s["Value"])])
cut("graph-serviceprincipal-approles-2026-08-19.json", "graph-serviceprincipal-approles-2026-08-19.json",
    lambda d: [s for s in d if keep(s["Value"])])
