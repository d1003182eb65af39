#!/usr/bin/env python3
"""permaudit's least-privilege advice at scale (issue 19): importing Microsoft Graph activity logs and the
reports read from them.

Usage: Benchmarks/activity.py [--records 1000000] [--apps 1000] [--runs 3] [--skip-build] [--out FILE.md]

Builds permaudit in release, generates (cached under Benchmarks/work/activity, by their parameters and the
generators' hashes) a tenant of --apps service principals with scripts/generate-tenant.py (realistic model)
and a storage-account export of --records activity records from those apps with
Benchmarks/generate-activity.py (JSON Lines, one PT1H.json per hour, 2.7% re-delivered), then --runs times:

  seed         permaudit init --db run.sqlite, then import of the tenant            (untimed)
  import       permaudit import --db run.sqlite ACTIVITY                            (MB/s = the files' bytes / wall time)
  report       permaudit report --overprivileged --format json > /dev/null          (every app, every holding)
  advise       permaudit advise APP --format json > /dev/null                        (the busiest app)

Wall time around each process; peak memory is its maximum resident set (wait4's ru_maxrss). Prints a
Markdown report (machine, load, commit, this command, the medians, the targets) and writes it to the work
directory. Benchmarks are not tests: nothing here fails on time.
"""
import argparse
import datetime
import hashlib
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("harness", os.path.join(HERE, "run.py"))
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

TENANT_GENERATOR = os.path.join(ROOT, "scripts", "generate-tenant.py")
ACTIVITY_GENERATOR = os.path.join(HERE, "generate-activity.py")
TARGETS = {"import": "at least 100 MB/s", "import-memory": "under 300 MB at 1M records", "report": "under 1 s for 1,000 apps"}


def log(message):
    print(message, file=sys.stderr, flush=True)


def cached(path, argv):
    """Runs a generator into `path` unless a finished copy is there."""
    if os.path.exists(os.path.join(path, ".complete")):
        return path
    shutil.rmtree(path, ignore_errors=True)
    log("generating %s" % path)
    subprocess.run(argv, check=True, stdout=sys.stderr)
    open(os.path.join(path, ".complete"), "w").close()
    return path


def timed(argv, stdout=None):
    """Wall seconds and peak resident MB of one process; exits the benchmark if it fails."""
    out = open(stdout or os.devnull, "w")
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    out.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed: %s\n%s" % (" ".join(map(shlex.quote, argv)), process.stderr.read().decode()))
    return seconds, usage.ru_maxrss / 1024


def files_size(folder):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, names in os.walk(folder) for f in names if f.endswith(".json"))


def busiest_app(binary, database):
    out = subprocess.run(["sqlite3", database, "SELECT appId FROM graphCall GROUP BY appId ORDER BY sum(calls) DESC LIMIT 1"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--apps", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(HERE, "work", "activity"))
    parser.add_argument("--firstparty", default=os.path.join(ROOT, "..", "shared", "data", "tenant", "roadtools-firstpartyscopes-2026-01-26.json"))
    parser.add_argument("--binary", default=harness.BINARY)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--out", help="write the report here instead of WORK/results-DATE.md")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not args.skip_build:
        log("building release")
        subprocess.run(["swift", "build", "-c", "release", "--product", "permaudit"], cwd=ROOT, check=True, stdout=sys.stderr)

    tag = hashlib.sha256(open(TENANT_GENERATOR, "rb").read() + open(ACTIVITY_GENERATOR, "rb").read()).hexdigest()[:10]
    tenant = cached(os.path.join(args.work, "tenant-%d-%s" % (args.apps, tag)),
                    [sys.executable, TENANT_GENERATOR, "--firstparty", args.firstparty, "--model", "realistic", "--single-file",
                     "--service-principals", str(args.apps), "--grants", str(args.apps * 20), "--assignments", str(args.apps * 5),
                     "--users", str(max(1000, args.apps * 2)), "--out", os.path.join(args.work, "tenant-%d-%s" % (args.apps, tag))])
    activity_dir = os.path.join(args.work, "records-%d-apps-%d-%s" % (args.records, args.apps, tag))
    activity = cached(activity_dir, [sys.executable, ACTIVITY_GENERATOR, "--records", str(args.records), "--apps", str(args.apps),
                                     "--apps-from", tenant, "--out", activity_dir])
    megabytes = files_size(activity) / 1e6

    template = os.path.join(args.work, "seeded.sqlite")
    database = os.path.join(args.work, "run.sqlite")
    harness.remove_db(template)
    subprocess.run([args.binary, "init", "--db", template], check=True, capture_output=True)
    subprocess.run([args.binary, "import", "--db", template, tenant], check=True, capture_output=True)

    samples = {name: [] for name in ("import", "report", "advise")}
    loads = []
    for run in range(args.runs):
        loads.append(harness.load_average())
        harness.remove_db(database)
        harness.copy_db(template, database)
        samples["import"].append(timed([args.binary, "import", "--db", database, activity]))
        log("  import  %7.2f s  %6.1f MB" % samples["import"][-1])
        app = busiest_app(args.binary, database)
        for name, argv in (("report", ["report", "--overprivileged"]), ("advise", ["advise", app])):
            samples[name].append(timed([args.binary] + argv + ["--format", "json", "--db", database]))
            log("  %-7s %7.2f s  %6.1f MB" % ((name,) + samples[name][-1]))
    rows = subprocess.run([args.binary, "report", "--overprivileged", "--format", "json", "--db", database], capture_output=True, text=True).stdout
    apps_judged = len({row["clientAppId"] for row in json.loads(rows)})

    median = {name: (statistics.median(s for s, _ in values), max(m for _, m in values)) for name, values in samples.items()}
    speed = megabytes / median["import"][0]
    lines = ["# Least-privilege benchmark (issue 19)", "",
             "- date: %s" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
             "- machine: %s" % harness.machine(), "- load average at each run's start: %s" % "; ".join(loads),
             "- commit: %s" % harness.commit(),
             "- command: `%s`" % " ".join(["Benchmarks/activity.py"] + sys.argv[1:]),
             "- input: %s records from %d apps, %.0f MB of JSON Lines in %d files; the tenant: %d service principals" % (
                 "{:,}".format(args.records), args.apps, megabytes,
                 sum(1 for _, _, names in os.walk(activity) for f in names if f.endswith(".json")), args.apps),
             "- `report --overprivileged` judged %d apps (%s holdings)" % (apps_judged, "{:,}".format(len(json.loads(rows)))), "",
             "| workload | median of %d | peak memory | target | met |" % args.runs, "|---|---|---|---|---|",
             "| import | %.2f s, **%.0f MB/s** | %.0f MB | %s; %s | %s |" % (
                 median["import"][0], speed, median["import"][1], TARGETS["import"], TARGETS["import-memory"],
                 "yes" if speed >= 100 and median["import"][1] < 300 else "no"),
             "| report --overprivileged | %.2f s | %.0f MB | %s | %s |" % (
                 median["report"][0], median["report"][1], TARGETS["report"], "yes" if median["report"][0] < 1 else "no"),
             "| advise (busiest app) | %.2f s | %.0f MB | | |" % median["advise"], ""]
    report = "\n".join(lines)
    print(report)
    out = args.out or os.path.join(args.work, "results-%s.md" % datetime.datetime.now().strftime("%Y%m%d-%H%M"))
    with open(out, "w") as f:
        f.write(report)
    log("written to %s" % out)


if __name__ == "__main__":
    main()
