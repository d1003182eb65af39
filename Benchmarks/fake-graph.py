#!/usr/bin/env python3
"""A fake Microsoft Graph on 127.0.0.1 for the sync benchmark: serves an export that
scripts/generate-tenant.py wrote as 999-object pages (--page-size 999) the way `permaudit sync` reads Graph.

Usage: Benchmarks/fake-graph.py EXPORT_DIR [--date 2026-11-01] [--port 0]
Prints the port it listens on (one line on stdout) once it is ready, then serves until killed.

- GET /v1.0/organization, /v1.0/servicePrincipals, /v1.0/oauth2PermissionGrants: the export's pages as written,
  their @odata.nextLink pointing back here ($skiptoken = the next page's number); $select is not applied.
- GET /v1.0/servicePrincipals/$count and /v1.0/oauth2PermissionGrants/$count: the objects in the pages.
- GET /v1.0/servicePrincipals/{id}/appRoleAssignedTo: the export's assignments of that resource, 999 a page,
  @odata.count on the first; only resources that publish app roles are asked (as Graph, a sync asks no others).
- GET /last-answer: the time (seconds since the epoch) the last Graph request was answered, so that the
  benchmark can tell the sync's time after the network (making the snapshot) from its total.
Pages are read from disk at each request (the grants of a 1M-grant export are ~400 MB), so the server's
memory stays small; it runs on the same machine as the sync, so its CPU is part of what the benchmark sees.
"""
import argparse
import glob
import json
import os
import re
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

# The generator's nextLink, with its comma: after the value (where it writes it) or before.
NEXT_LINK = re.compile(rb',\s*"@odata\.nextLink"\s*:\s*"[^"]*"|"@odata\.nextLink"\s*:\s*"[^"]*"\s*,')


def pages_of(directory, collection, date):
    return sorted(glob.glob(os.path.join(directory, "%s-%s*.json" % (collection, date))))


def load(directory, date):
    """The page files per collection, their object counts, and the assignments of each resource with app roles."""
    tenant = {"organization": pages_of(directory, "organization", date),
              "servicePrincipals": pages_of(directory, "servicePrincipals", date),
              "oauth2PermissionGrants": pages_of(directory, "oauth2PermissionGrants", date)}
    resources = set()
    principal_count = 0
    for path in tenant["servicePrincipals"]:
        with open(path, "rb") as f:
            for principal in json.load(f)["value"]:
                principal_count += 1
                if principal.get("appRoles"):
                    resources.add(principal["id"])
    grant_count = 0
    for path in tenant["oauth2PermissionGrants"]:
        with open(path, "rb") as f:
            grant_count += f.read().count(b'"consentType"')
    assigned = {resource: [] for resource in resources}
    for path in pages_of(directory, "appRoleAssignments", date):
        with open(path, "rb") as f:
            for assignment in json.load(f)["value"]:
                if assignment.get("resourceId") in assigned:
                    assigned[assignment["resourceId"]].append(assignment)
    return tenant, {"servicePrincipals": principal_count, "oauth2PermissionGrants": grant_count}, assigned


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Graph

    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        parts = url.path.strip("/").split("/")
        server = self.server
        if url.path == "/last-answer":
            return self.send(200, repr(server.last_answer).encode(), "text/plain", record=False)
        if len(parts) == 3 and parts[2] == "$count" and parts[1] in server.counts:
            return self.send(200, str(server.counts[parts[1]]).encode(), "text/plain")
        if len(parts) == 2 and parts[1] in server.tenant:
            return self.page_file(parts[1], int(query.get("$skiptoken", ["1"])[0]))
        if len(parts) == 4 and parts[1] == "servicePrincipals" and parts[3] == "appRoleAssignedTo":
            return self.assignments(parts[2], int(query.get("$skiptoken", ["0"])[0]), "$count" in query)
        self.send(404, b'{"error":{"code":"Request_ResourceNotFound","message":"no such path"}}')

    def page_file(self, collection, number):
        files = self.server.tenant[collection]
        if not 1 <= number <= len(files):
            return self.send(400, b'{"error":{"code":"Directory_ExpiredPageToken","message":"DirectoryPageTokenNotFoundException"}}')
        with open(files[number - 1], "rb") as f:
            body = f.read()
        body = NEXT_LINK.sub(b"", body, count=1)
        if number < len(files):
            link = '"@odata.nextLink":"http://127.0.0.1:%d/v1.0/%s?$skiptoken=%d",' % (self.server.server_port, collection, number + 1)
            body = b"{" + link.encode() + body.lstrip()[1:]
        self.send(200, body)

    def assignments(self, resource, offset, count):
        if resource not in self.server.assigned:
            return self.send(404, b'{"error":{"code":"Request_ResourceNotFound","message":"no such resource"}}')
        objects = self.server.assigned[resource]
        page = {"@odata.context": "http://127.0.0.1/v1.0/$metadata#appRoleAssignments", "value": objects[offset:offset + 999]}
        if count and offset == 0:
            page["@odata.count"] = len(objects)
        if offset + 999 < len(objects):
            page["@odata.nextLink"] = "http://127.0.0.1:%d/v1.0/servicePrincipals/%s/appRoleAssignedTo?$skiptoken=%d" % (
                self.server.server_port, resource, offset + 999)
        self.send(200, json.dumps(page, separators=(",", ":")).encode())

    def send(self, status, body, content_type="application/json", record=True):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if record:
            self.server.last_answer = time.time()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export")
    parser.add_argument("--date", default="2026-11-01")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.tenant, server.counts, server.assigned = load(args.export, args.date)
    server.last_answer = 0.0
    print(server.server_port, flush=True)
    print("serving %d service principals, %d grants, %d resources with app roles (%d assignments)" % (
        server.counts["servicePrincipals"], server.counts["oauth2PermissionGrants"], len(server.assigned),
        sum(len(a) for a in server.assigned.values())), file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
