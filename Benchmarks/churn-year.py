#!/usr/bin/env python3
"""Storage as history grows: a year of daily exports of one tenant with 0.1% of its grants changing a day.

Usage: Benchmarks/churn-year.py --permaudit .build/release/permaudit --firstparty ROADTOOLS_FIRSTPARTYSCOPES.json
       [--grants 10000] [--days 365] [--churn 0.001] [--work /tmp/churn]
The harness's `year` workload (Benchmarks/run.py --year-grants N --year-days D) does the same on each model's
tenant; this script keeps the tenant of the first measurement (the uniform model, 200 apps, 2,000 users).
Prints the database size (on disk, and compacted) after one export and after all of them, the raw size of one
export, and the rows and bytes of each table. Each day `churn` of the grants change: a quarter revoked, as many new, the
rest gaining a scope (see run.churn_day).
"""
import argparse
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repository for run.py
import run  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--permaudit", required=True)
parser.add_argument("--firstparty", required=True)
parser.add_argument("--grants", type=int, default=10000)
parser.add_argument("--days", type=int, default=365)
parser.add_argument("--churn", type=float, default=0.001)
parser.add_argument("--work", default="/tmp/permaudit-churn")
args = parser.parse_args()

base = os.path.join(args.work, "base")
subprocess.run([sys.executable, run.GENERATOR, "--firstparty", args.firstparty, "--out", base,
                "--single-file", "--apps", "200", "--users", "2000", "--principal-grants", str(args.grants)], check=True)
database = os.path.join(args.work, "history.sqlite")
run.remove_db(database)
subprocess.run([args.permaudit, "init", "--no-seed", "-q", "--db", database], check=True)


def described(storage):
    tables = ", ".join("%s %d rows %d B" % (name, rows, size) for name, (rows, size) in sorted(storage["tables"].items()) if rows)
    return "%d B (compacted %d B; with their indexes: %s)" % (storage["bytes"], storage["compacted"], tables)


first = {}


def import_day(day, as_of, directory):
    subprocess.run([args.permaudit, "import", "-q", "--db", database, "--as-of", as_of, directory], check=True)
    if day == 0:
        first.update(run.storage_of(database))
        export_size = sum(os.path.getsize(os.path.join(directory, n)) for n in os.listdir(directory))
        print("after 1 export: %s; the export's files: %d B" % (described(first), export_size), flush=True)
    return True


run.year_of_exports(base, args.work, args.days, args.churn, import_day)
last = run.storage_of(database)
print("after %d exports: %s, %.2f times the first on disk (%.2f compacted)" % (
    args.days, described(last), last["bytes"] / first["bytes"], last["compacted"] / first["compacted"]))
