#!/usr/bin/env python3
"""Storage as history grows: a year of daily exports of one tenant with 0.1% of its grants changing a day.

Usage: Benchmarks/churn-year.py --permaudit .build/release/permaudit --firstparty ROADTOOLS_FIRSTPARTYSCOPES.json
       [--grants 10000] [--days 365] [--churn 0.001] [--work /tmp/churn]
Prints the database size after one export and after all of them, the raw size of one export, and the
rows added. Each day: `churn` of the grants get a new scope string (a changed grant), and as many new
grants appear as old ones disappear.
"""
import argparse
import datetime
import json
import os
import random
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--permaudit", required=True)
parser.add_argument("--firstparty", required=True)
parser.add_argument("--grants", type=int, default=10000)
parser.add_argument("--days", type=int, default=365)
parser.add_argument("--churn", type=float, default=0.001)
parser.add_argument("--work", default="/tmp/permaudit-churn")
args = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
base = os.path.join(args.work, "base")
subprocess.run([sys.executable, os.path.join(here, "..", "scripts", "generate-tenant.py"), "--firstparty", args.firstparty, "--out", base,
                "--single-file", "--apps", "200", "--users", "2000", "--principal-grants", str(args.grants)], check=True)
database = os.path.join(args.work, "history.sqlite")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(database + suffix):
        os.remove(database + suffix)
subprocess.run([args.permaudit, "init", "--no-seed", "-q", "--db", database], check=True)

with open(os.path.join(base, "oauth2PermissionGrants-2026-11-01.json")) as f:
    page = json.load(f)
grants = page["value"]
rng = random.Random(7)
changes_per_day = max(1, int(len(grants) * args.churn))
day_dir = os.path.join(args.work, "day")
os.makedirs(day_dir, exist_ok=True)
for name in os.listdir(base):
    if not name.startswith("oauth2PermissionGrants"):
        os.replace(os.path.join(base, name), os.path.join(day_dir, name))


def size():
    subprocess.run(["sqlite3", database, "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;"], check=True, capture_output=True)
    return os.path.getsize(database)


def rows():
    out = subprocess.run(["sqlite3", database, "SELECT (SELECT count(*) FROM oauth2PermissionGrant) || ' grant versions, ' || "
                          "(SELECT count(*) FROM tenantPresence) || ' presence runs, ' || (SELECT count(*) FROM scopeSet) || ' scope sets'"],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


first = None
for day in range(args.days):
    if day > 0:
        for _ in range(changes_per_day):
            grant = grants[rng.randrange(len(grants))]
            grant["scope"] = grant["scope"] + " Day%d.Read" % day
        for _ in range(changes_per_day // 2):
            gone = grants.pop(rng.randrange(len(grants)))
            grants.append(dict(gone, id="new-%d-%d" % (day, rng.randrange(10**9))))
    with open(os.path.join(day_dir, "oauth2PermissionGrants-2026-11-01.json"), "w") as f:
        json.dump(page, f, separators=(",", ":"))
    as_of = (datetime.date(2026, 1, 1) + datetime.timedelta(days=day)).isoformat()
    subprocess.run([args.permaudit, "import", "-q", "--db", database, "--as-of", as_of, day_dir], check=True)
    if day == 0:
        first = size()
        export_size = sum(os.path.getsize(os.path.join(day_dir, n)) for n in os.listdir(day_dir))
        print("after 1 export: %d B (%s); the export's files: %d B" % (first, rows(), export_size), flush=True)
print("after %d exports: %d B (%s), %.2f times the first" % (args.days, size(), rows(), size() / first))
