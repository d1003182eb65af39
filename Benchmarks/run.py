#!/usr/bin/env python3
"""permaudit at tenant scale (issue 6): the workloads side by side with the tools users would pick instead.

Usage: Benchmarks/run.py [--sizes 250000,1000000] [--runs 3] [--quick] [--skip report,diff-tenant]
                         [--timeout 1800] [--query-timeout 300] [--work Benchmarks/work] [--skip-build]
                         [--phases] [--out FILE.md]

Builds permaudit in release (`swift build -c release`), generates the tenant exports with
scripts/generate-tenant.py (realistic model: 50k service principals, 100k app role assignments, the given
numbers of grants, one user per ten grants, and a second export a week later with 0.1% changes; cached under
the work directory by their parameters and the generator's hash, so reruns reuse them), then for each size runs
the workloads --runs times, each run in this order, every command a fresh process:

  seed          permaudit init --db run.sqlite                       (the default catalog, a new database)
  import        permaudit import --db run.sqlite EXPORT/*-2026-11-01.json   (grants in one file)
  sqlite3       the sqlite3 shell: the grants file into one flat table with json_each(readfile(...), '$.value')
  sqlite-utils  sqlite-utils insert flat.db g grants.ndjson --nl     (the NDJSON is cut from the grants file
                once, untimed: sqlite-utils reads a JSON array or NDJSON, not Graph's {"value": [...]} page)
  reimport      the same files again, same database
  report        permaudit report --admin-consent --format json > /dev/null   (one snapshot)
  churn         permaudit import of the export a week later (0.1% changed), same database
  diff-tenant   permaudit diff tenant --from 2026-11-01 --to 2026-11-08 --format json > /dev/null
  pages         permaudit import of the same export as Graph's 999-object pages, into a new database
                (a copy of a seeded one)
  sync          permaudit sync --graph-url http://127.0.0.1:PORT from Benchmarks/fake-graph.py serving those
                pages (PERMAUDIT_GRAPH_TOKEN set), into a copy of a seeded database
  sync-import   permaudit import of exactly the pages that sync read (written once, untimed, by a sync with
                --save-json), into a copy of a seeded database: the offline import the sync is compared with
and once per run, whatever the sizes: `init` of a new database with the seeds, the eight Kibali permissions.json files (devx-permissions-2*.json in
--catalog) into a copy of a seeded database, `diff catalog` of the 2026-07-22 .. 2026-07-28 rebase, and one
Kibali file (2026-07-28) alone into a copy of a seeded database; then `permaudit site --tenant` of the
seeded catalog and the README's sample tenant (issue 18: under 5 s and 60 MB), its folder's bytes recorded.
Only the site: Benchmarks/run.py --sizes "" --catalog-runs 3 --skip init,kibali-all,kibali-one,diff-catalog

Wall time is measured around each process; peak memory is the process's maximum resident set (wait4's
ru_maxrss); CPU time is its user + system time (for sync: the time outside the network, compared with the
import's). Prints a Markdown report (machine, date, commit, this command, the table, targets met or missed)
on stdout and writes it, with the raw samples as JSON, to the work directory. With --phases, also imports
parts of each export once (organization and service principals; with the app role assignments) to
show where import time goes. Results are written after each size, so a stopped run keeps what it measured.
Benchmarks are not tests: nothing here fails on time.
"""
import argparse
import datetime
import glob
import hashlib
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GENERATOR = os.path.join(ROOT, "scripts", "generate-tenant.py")
BINARY = os.path.join(ROOT, ".build", "release", "permaudit")
FIRST, NEXT = "2026-11-01", "2026-11-08"
KIBALI_ONE = "devx-permissions-2026-07-28.json"
CATALOG_DIFF = ("2026-07-22", "2026-07-28")
MB = 1024 * 1024

# Workloads in the order a run does them: name, what the table calls it.
WORKLOADS = [
    ("seed", "`init`: new database with the default catalog"),
    ("import", "import the export (grants in one file), new database"),
    ("import+seed", "import including the seed (seed + import)"),
    ("sqlite3", "sqlite3 shell: grants file into one flat table"),
    ("sqlite-utils", "sqlite-utils insert: grants (NDJSON) into one flat table"),
    ("reimport", "re-import of the identical export"),
    ("report", "`report --admin-consent --format json`"),
    ("churn", "import of the export with 0.1% changes"),
    ("diff-tenant", "`diff tenant` of the two snapshots"),
    ("pages", "import of the export as 999-object pages, new database"),
    ("sync", "`sync` from a fake Graph on loopback, seeded database"),
    ("sync-import", "import of the pages sync read, seeded database"),
    ("init", "`init` alone: new database with the default catalog"),
    ("kibali-all", "import all eight Kibali files, seeded database"),
    ("diff-catalog", "`diff catalog` 2026-07-22 .. 2026-07-28"),
    ("kibali-one", "import one Kibali file (2026-07-28), seeded database"),
    ("site", "`site --tenant` of the seeded catalog and the sample tenant (issue 18)"),
]
SIZE_FREE = {"init", "kibali-all", "diff-catalog", "kibali-one", "site"}
SAMPLE_TENANT = "b8aab203-92b2-5f3e-a8a8-d5391af3d878"
QUERIES = {"report", "diff-tenant", "diff-catalog"}  # stopped after --query-timeout, the rest after --timeout


def log(message):
    print(message, file=sys.stderr, flush=True)


class Runner:
    def __init__(self, args):
        self.args = args
        self.samples = {}  # (workload, size) -> [{"seconds", "rss_mb"} or {"error"}]
        self.timed_out = {}  # workload -> the size at which it was stopped
        self.loads = []  # /proc/loadavg at the start of each run
        self.logs = os.path.join(args.work, "logs")
        os.makedirs(self.logs, exist_ok=True)

    def timed(self, workload, size, argv, stdout=None, cwd=None, env=None):
        """Runs argv once in a new process; records wall seconds and its peak resident set. None on failure.
        A workload stopped by its time limit is not run again at this size or a larger one (it would only take longer)."""
        limit = self.limit(workload)
        if workload in self.timed_out:
            self.record(workload, size, {"error": "not run: over %d s at %s" % (limit, self.timed_out[workload])})
            log("  %-16s %10s  not run (stopped before)" % (workload, size or ""))
            return None
        log_path = os.path.join(self.logs, "%s-%s.log" % (workload, size or "all"))
        with open(log_path, "a") as err:
            err.write("$ %s\n" % " ".join(shlex.quote(a) for a in argv))
            err.flush()
            out = open(stdout, "w") if stdout else subprocess.DEVNULL
            try:
                started = time.perf_counter()
                process = subprocess.Popen(argv, stdout=out, stderr=err, cwd=cwd, env=env)
                deadline = started + limit
                while True:
                    pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                    if pid:
                        break
                    if time.perf_counter() > deadline:
                        process.kill()
                        pid, status, usage = os.wait4(process.pid, 0)
                        process.returncode = -9
                        self.record(workload, size, {"error": "over %d s (stopped)" % limit})
                        self.timed_out[workload] = "{:,}".format(size) if size else "once"
                        log("  %-16s %10s  stopped after %d s" % (workload, size or "", limit))
                        return None
                    time.sleep(0.005 if time.perf_counter() - started < 2 else 0.05)
                seconds = time.perf_counter() - started
            finally:
                if stdout:
                    out.close()
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                self.record(workload, size, {"error": "exit %d (see %s)" % (process.returncode, log_path)})
                log("  %-16s %10s  FAILED, exit %d: see %s" % (workload, size or "", process.returncode, log_path))
                return None
        sample = {"seconds": seconds, "rss_mb": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime}
        self.record(workload, size, sample)
        log("  %-16s %10s  %8.2f s  %7.1f MB  %8.2f s CPU" % (workload, size or "", seconds, sample["rss_mb"], sample["cpu"]))
        return sample

    def limit(self, workload):
        return self.args.query_timeout if workload in QUERIES else self.args.timeout

    def record(self, workload, size, sample):
        self.samples.setdefault((workload, size), []).append(sample)


def remove_db(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def copy_db(template, path):
    remove_db(path)
    shutil.copyfile(template, path)


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def export_dir(args, size, pages):
    """The cached export for these parameters (generated if missing): EXPORT/*-2026-11-01.json and, without
    pages, the week-later export with 0.1% changes."""
    params = {"model": args.model, "service-principals": args.service_principals, "grants": size,
              "assignments": args.assignments, "users": max(1000, size // 10), "seed": args.seed}
    extra = ["--page-size", "999"] if pages else ["--single-file", "--churn", "0.001"]
    generator_hash = sha256_of(GENERATOR)[:10]
    name = "sp%d-g%d-a%d-u%d-s%d-%s-%s" % (params["service-principals"], size, params["assignments"], params["users"],
                                            params["seed"], "pages" if pages else "single", generator_hash)
    if args.model != "realistic":  # the realistic exports keep the names they were cached under
        name = args.model + "-" + name
    path = os.path.join(args.work, "exports", name)
    if os.path.exists(os.path.join(path, ".complete")):
        return path
    shutil.rmtree(path, ignore_errors=True)
    argv = [sys.executable, GENERATOR, "--firstparty", args.firstparty, "--out", path] + extra
    for key, value in params.items():
        argv += ["--" + key, str(value)]
    log("generating %s" % path)
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=sys.stderr)
    log("  generated in %.1f s" % (time.perf_counter() - started))
    open(os.path.join(path, ".complete"), "w").close()
    return path


def ndjson_of(grants_file):
    """The grants as NDJSON for sqlite-utils, cut once by the sqlite3 shell (untimed) and cached."""
    path = grants_file[:-len(".json")] + ".ndjson"
    if not os.path.exists(path):
        with open(path + ".part", "w") as out:
            subprocess.run(["sqlite3", "-list", "-noheader", ":memory:",
                            "SELECT value FROM json_each(readfile(%s), '$.value');" % sql_text(grants_file)],
                           check=True, stdout=out)
        os.replace(path + ".part", path)
    return path


def sql_text(text):
    return "'" + text.replace("'", "''") + "'"


def files_of(directory, as_of, only=None):
    names = sorted(glob.glob(os.path.join(directory, "*-%s*.json" % as_of)))
    if only:
        names = [n for n in names if os.path.basename(n).split("-")[0] in only]
    return names


def warm(paths):
    """Reads the files once so every tool starts with them in the page cache."""
    for path in paths:
        with open(path, "rb") as f:
            while f.read(8 * MB):
                pass


def flat_sql(grants_file):
    return ("CREATE TABLE g(id, clientId, consentType, principalId, resourceId, scope); "
            "INSERT INTO g SELECT value->>'id', value->>'clientId', value->>'consentType', value->>'principalId', "
            "value->>'resourceId', value->>'scope' FROM json_each(readfile(%s), '$.value');" % sql_text(grants_file))


def run_size(runner, args, size, runs, template, skip):
    single = export_dir(args, size, pages=False)
    pages = export_dir(args, size, pages=True) if not {"pages", "sync"} <= skip else None
    first, following = files_of(single, FIRST), files_of(single, NEXT)
    grants_file = os.path.join(single, "oauth2PermissionGrants-%s.json" % FIRST)
    ndjson = ndjson_of(grants_file) if "sqlite-utils" not in skip else None
    scratch = os.path.join(args.work, "db")
    os.makedirs(scratch, exist_ok=True)
    database, flat = os.path.join(scratch, "run-%d.sqlite" % size), os.path.join(scratch, "flat-%d.db" % size)
    binary = args.binary
    for run in range(runs):
        runner.loads.append(load_average())
        log("size %d, run %d of %d (load average %s)" % (size, run + 1, runs, runner.loads[-1]))
        warm(first + following + ([ndjson] if ndjson else []))
        remove_db(database)
        seed = runner.timed("seed", size, [binary, "init", "-q", "--db", database])
        imported = seed and runner.timed("import", size, [binary, "import", "--db", database] + first)
        if seed and imported:
            runner.record("import+seed", size, {"seconds": seed["seconds"] + imported["seconds"],
                                                "rss_mb": max(seed["rss_mb"], imported["rss_mb"])})
        if "sqlite3" not in skip:
            remove_db(flat)
            runner.timed("sqlite3", size, ["sqlite3", flat, flat_sql(grants_file)])
        if ndjson:
            remove_db(flat)
            runner.timed("sqlite-utils", size, ["sqlite-utils", "insert", flat, "g", ndjson, "--nl"])
        remove_db(flat)
        if not imported:
            continue
        if "reimport" not in skip:
            runner.timed("reimport", size, [binary, "import", "--db", database] + first)
        if "report" not in skip:
            runner.timed("report", size, [binary, "report", "--admin-consent", "--format", "json", "--db", database], stdout=os.devnull)
        if "churn" not in skip:
            changed = runner.timed("churn", size, [binary, "import", "--db", database] + following)
            if changed and "diff-tenant" not in skip:
                runner.timed("diff-tenant", size, [binary, "diff", "tenant", "--from", FIRST, "--to", NEXT, "--format", "json",
                                                   "--db", database], stdout=os.devnull)
        if pages and "pages" not in skip:
            copy_db(template, database)
            paged = files_of(pages, FIRST)
            warm(paged)
            runner.timed("pages", size, [binary, "import", "--db", database] + paged)
    if pages and "sync" not in skip:
        run_sync(runner, args, size, runs, pages, template, database)
    if args.phases:
        phases(runner, args, size, single, template, database)
    remove_db(database)


def run_sync(runner, args, size, runs, export, template, database):
    """permaudit sync from the fake Graph serving `export`, and the import of the very pages it read."""
    server = subprocess.Popen([sys.executable, os.path.join(HERE, "fake-graph.py"), export, "--date", FIRST],
                              stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
    try:
        port = int(server.stdout.readline())
        environment = dict(os.environ, PERMAUDIT_GRAPH_TOKEN="benchmark-token")
        sync = [args.binary, "sync", "-q", "--graph-url", "http://127.0.0.1:%d" % port, "--db", database]
        saved = os.path.join(args.work, "db", "sync-pages-%d" % size)
        shutil.rmtree(saved, ignore_errors=True)
        copy_db(template, database)
        log("sync %d: the pages read, saved once (untimed)" % size)
        subprocess.run(sync + ["--save-json", saved], check=True, env=environment, stderr=sys.stderr)
        pages = sorted(glob.glob(os.path.join(saved, "*.json")))
        for run in range(runs):
            runner.loads.append(load_average())
            log("sync %d, run %d of %d (load average %s)" % (size, run + 1, runs, runner.loads[-1]))
            copy_db(template, database)
            sample = runner.timed("sync", size, sync, env=environment)
            if sample:
                # The time after the fake Graph's last answer: making the snapshot, outside the network.
                with urllib.request.urlopen("http://127.0.0.1:%d/last-answer" % port) as answer:
                    sample["after_network"] = time.time() - float(answer.read())
                log("  %-16s %10s  %8.2f s after the last answer" % ("", "", sample["after_network"]))
            copy_db(template, database)
            warm(pages)
            runner.timed("sync-import", size, [args.binary, "import", "--db", database] + pages)
        shutil.rmtree(saved, ignore_errors=True)
    finally:
        server.kill()
        server.wait()


def phases(runner, args, size, export, template, database):
    """Where import time goes: the same export without its grants, and without its grants and assignments."""
    for name, only in (("phase-principals", ("organization", "servicePrincipals")),
                       ("phase-no-grants", ("organization", "servicePrincipals", "appRoleAssignments"))):
        copy_db(template, database)
        runner.timed(name, size, [args.binary, "import", "--db", database] + files_of(export, FIRST, only))


def run_catalog(runner, args, template, skip):
    kibali = sorted(glob.glob(os.path.join(args.catalog, "devx-permissions-2*.json")))
    database = os.path.join(args.work, "db", "catalog.sqlite")
    for run in range(args.catalog_runs):
        runner.loads.append(load_average())
        log("catalog, run %d of %d (load average %s)" % (run + 1, args.catalog_runs, runner.loads[-1]))
        warm(kibali)
        if "init" not in skip:
            remove_db(database)
            runner.timed("init", None, [args.binary, "init", "-q", "--db", database])
        copy_db(template, database)
        if "kibali-all" not in skip and runner.timed("kibali-all", None, [args.binary, "import", "--db", database] + kibali) \
                and "diff-catalog" not in skip:
            runner.timed("diff-catalog", None, [args.binary, "diff", "catalog", "--source", "kibali", "--from", CATALOG_DIFF[0],
                                                "--to", CATALOG_DIFF[1], "--format", "json", "--db", database], stdout=os.devnull)
        if "kibali-one" not in skip:
            copy_db(template, database)
            runner.timed("kibali-one", None, [args.binary, "import", "--db", database, os.path.join(args.catalog, KIBALI_ONE)])
    remove_db(database)


def run_site(runner, args, template):
    """`permaudit site` of the seeded catalog plus the README's sample tenant (2,603 grants), into the same
    folder each run (as a scheduled job would: the manifest keeps it clean); the folder's bytes are recorded."""
    database = os.path.join(args.work, "db", "site.sqlite")
    folder = os.path.join(args.work, "site")
    copy_db(template, database)
    subprocess.run([args.binary, "import", "--sample", "-q", "--db", database], check=True)
    shutil.rmtree(folder, ignore_errors=True)
    for run in range(args.catalog_runs):
        runner.loads.append(load_average())
        log("site, run %d of %d (load average %s)" % (run + 1, args.catalog_runs, runner.loads[-1]))
        sample = runner.timed("site", None, [args.binary, "site", "-q", "--out", folder, "--tenant", SAMPLE_TENANT, "--db", database])
        if sample:
            sample["disk_mb"] = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(folder) for f in files) / 1e6
    remove_db(database)


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        ram = int(f.readline().split()[1]) / 1024 / 1024
    system = platform.platform()
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    system = line.split("=", 1)[1].strip().strip('"')
    return "%d cores (nproc), %s, %.1f GiB RAM, %s" % (os.cpu_count(), cpu, ram, system)


def version(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "not found"


def commit():
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "Sources", "Migrations", "Seeds", "Package.swift"],
                           capture_output=True, text=True).stdout.strip()
    branch = subprocess.run(["git", "-C", ROOT, "rev-parse", "--abbrev-ref", "HEAD"], capture_output=True, text=True).stdout.strip()
    return "%s (branch %s)%s" % (head, branch, ", with uncommitted changes to the sources" if dirty else "")


# The report.

def stats(runner, workload, size):
    samples = runner.samples.get((workload, size), [])
    good = [s for s in samples if "seconds" in s]
    errors = [s["error"] for s in samples if "error" in s]
    if not good:
        return None, errors
    seconds = [s["seconds"] for s in good]
    return {"median": statistics.median(seconds), "min": min(seconds), "max": max(seconds), "n": len(good),
            "rss": max(s["rss_mb"] for s in good), "cpu": statistics.median(s.get("cpu", 0) for s in good),
            "after_network": statistics.median(s.get("after_network", 0) for s in good)}, errors


def ratio_text(value, base):
    return "%.2f× %s" % (value, base)


def verdict(ok):
    return "**met**" if ok else "**missed**"


def targets_for(runner, workload, size, sizes):
    """(ratio column, target column) for one row; the issue's targets are for the 1M-grant export."""
    mine, _ = stats(runner, workload, size)
    if not mine:
        return "", ""
    imp, _ = stats(runner, "import", size)
    flat, _ = stats(runner, "sqlite3", size)
    su, _ = stats(runner, "sqlite-utils", size)
    at_1m = size == 1000000
    t = mine["median"]
    if workload == "import":
        cells, goals = [], []
        if flat:
            r = t / flat["median"]
            cells.append(ratio_text(r, "sqlite3"))
            goals.append("≤ 1× sqlite3 (aim 0.5×): %s%s" % (verdict(r <= 1), "" if r <= 1 else " by %.1f×" % r))
        if su:
            r = t / su["median"]
            cells.append(ratio_text(r, "sqlite-utils"))
            goals.append("≤ 0.1× sqlite-utils: %s%s" % (verdict(r <= 0.1), "" if r <= 0.1 else " by %.1f×" % (r / 0.1)))
        if size <= 1000000:
            goals.append("peak < 300 MB: %s" % verdict(mine["rss"] < 300))
        return "; ".join(cells), "; ".join(goals)
    if workload == "import+seed" and flat:
        return ratio_text(t / flat["median"], "sqlite3"), "(the issue's target is on the import)"
    if workload == "sqlite-utils" and flat:
        return ratio_text(t / flat["median"], "sqlite3"), ""
    if workload in ("reimport", "churn", "pages", "phase-principals", "phase-no-grants") and imp:
        r = t / imp["median"]
        limit = {"reimport": 0.10, "churn": 0.25}.get(workload)
        goal = "< %d%% of import: %s" % (limit * 100, verdict(r < limit)) if limit else ""
        if limit and r >= limit:
            goal += " (%.0f%%)" % (r * 100)
        return "%.1f%% of import" % (r * 100), goal
    if workload == "report":
        return "", ("< 1 s: %s%s" % (verdict(t < 1), "" if t < 1 else " by %.0f×" % t)) if at_1m else "(< 1 s at 1M)"
    if workload == "diff-tenant":
        return "", ("< 2 s: %s%s" % (verdict(t < 2), "" if t < 2 else " by %.0f×" % (t / 2))) if at_1m else "(< 2 s at 1M)"
    if workload == "sync":
        offline, _ = stats(runner, "sync-import", size)
        cells = ["%.1f s CPU, %.2f s after the last answer" % (mine["cpu"], mine["after_network"])]
        goals = ["peak < 300 MB: %s" % verdict(mine["rss"] < 300)]
        if offline:
            cells.append("import of its pages %.1f s CPU, %.2f s" % (offline["cpu"], offline["median"]))
            r = mine["after_network"] / offline["median"]
            goals.append("time after the network ≤ the import's: %s (%.2f×)" % (verdict(r <= 1), r))
            c = mine["cpu"] / offline["cpu"]
            goals.append("all CPU (network included) ≤ the import's: %s (%.2f×)" % (verdict(c <= 1), c))
        return "; ".join(cells), "; ".join(goals)
    if workload == "sync-import":
        return "%.1f s CPU" % mine["cpu"], ""
    if workload == "site":
        disk = max(s.get("disk_mb", 0) for s in runner.samples[(workload, size)] if "seconds" in s)
        return "%.1f MB on disk" % disk, "< 5 s: %s; < 60 MB: %s" % (verdict(t < 5), verdict(disk < 60))
    if workload == "kibali-one":
        return "%.2f s CPU" % mine["cpu"], "< 0.5 s: %s%s" % (verdict(t < 0.5), "" if t < 0.5 else " by %.1f×" % (t / 0.5))
    if workload == "init":
        return "%.2f s CPU" % mine["cpu"], "< 1 s: %s%s" % (verdict(t < 1), "" if t < 1 else " by %.1f×" % t)
    return "", ""


def target_text(workload, size):
    """The target of a workload that could not be measured (stopped at its time limit)."""
    if workload == "report":
        return "< 1 s: **missed**" if size == 1000000 else "(< 1 s at 1M)"
    if workload == "diff-tenant":
        return "< 2 s: **missed**" if size == 1000000 else "(< 2 s at 1M)"
    return ""


def report(runner, args, sizes, header):
    lines = header + ["", "| workload | grants | median s | min .. max s | runs | peak RSS MB | ratio | target (issue 6) |",
                      "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for size in sizes + [None]:
        for workload, title in WORKLOADS + [("phase-principals", "phase: organization + service principals only"),
                                            ("phase-no-grants", "phase: all but the grants")]:
            if (workload in SIZE_FREE) != (size is None):
                continue
            s, errors = stats(runner, workload, size)
            if not s and not errors:
                continue
            ratio, target = targets_for(runner, workload, size, sizes)
            if s:
                lines.append("| %s | %s | %.2f | %.2f .. %.2f | %d | %.0f | %s | %s |" % (
                    title, "{:,}".format(size) if size else "", s["median"], s["min"], s["max"], s["n"], s["rss"], ratio,
                    target + ("; failed: " + ", ".join(errors) if errors else "")))
            else:
                stopped = any(e.startswith(("over", "not run: over")) for e in errors)
                lines.append("| %s | %s | %s | — | 0 | — | | %s |" % (
                    title, "{:,}".format(size) if size else "", "> %d" % runner.limit(workload) if stopped else "—",
                    "; ".join(filter(None, [target_text(workload, size), "not measured: " + errors[0]]))))
    growth = []
    for workload in ("import", "reimport", "churn", "report", "diff-tenant", "sqlite3", "sqlite-utils"):
        points = [(size, stats(runner, workload, size)[0]) for size in sizes]
        points = [(size, s) for size, s in points if s]
        if len(points) < 2:
            continue
        steps = []
        for (a, sa), (b, sb) in zip(points, points[1:]):
            factor = sb["median"] / sa["median"]
            step = "%s→%s: %.2f× time (%.1f× the grants), %.2f× peak RSS" % (short(a), short(b), factor, b / a, sb["rss"] / sa["rss"])
            if workload == "import" and a == 1000000 and b == 2000000:
                step += " (targets ≤ 2.2× time: %s; ≤ 1.2× peak: %s)" % (verdict(factor <= 2.2), verdict(sb["rss"] / sa["rss"] <= 1.2))
            steps.append(step)
        growth.append("- %s: %s" % (workload, "; ".join(steps)))
    if growth:
        lines += ["", "Growth with the number of grants (medians):", ""] + growth
    return "\n".join(lines) + "\n"


def short(size):
    return "%gM" % (size / 1e6) if size >= 1000000 else "%gk" % (size / 1e3)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="250000,1000000", help="grant counts, comma-separated")
    parser.add_argument("--runs", default="3", help="runs per size: one number, or one per size (3,1)")
    parser.add_argument("--catalog-runs", type=int, help="runs of the catalog workloads (default: the first --runs)")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run: to check the harness")
    parser.add_argument("--skip", default="", help="workloads to leave out, comma-separated: " + ", ".join(w for w, _ in WORKLOADS))
    parser.add_argument("--phases", action="store_true", help="also import each export's service principals alone, and all of it but the grants (once a size)")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds before an import or a load is stopped (recorded, not run again)")
    parser.add_argument("--query-timeout", type=int, default=300, help="the same for report, diff tenant and diff catalog")
    parser.add_argument("--model", choices=("realistic", "incremental"), default="realistic",
                        help="the grants' distribution (scripts/generate-tenant.py --model): incremental gives nearly every grant its own scopes")
    parser.add_argument("--service-principals", type=int, default=50000)
    parser.add_argument("--assignments", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument("--work", default=os.environ.get("PERMAUDIT_BENCH_WORK", os.path.join(HERE, "work")),
                        help="scratch directory: exports (kept as a cache), databases, logs, results")
    parser.add_argument("--firstparty", default=os.path.join(ROOT, "..", "shared", "data", "tenant", "roadtools-firstpartyscopes-2026-01-26.json"))
    parser.add_argument("--catalog", default=os.path.join(ROOT, "..", "shared", "data", "catalog"), help="the Kibali files' directory")
    parser.add_argument("--binary", default=BINARY)
    parser.add_argument("--skip-build", action="store_true", help="use the binary as it is")
    parser.add_argument("--out", help="write the report here instead of WORK/results-DATE.md")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.runs = "10000,40000", "1"
        args.service_principals, args.assignments = min(args.service_principals, 2000), min(args.assignments, 4000)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    runs = [int(r) for r in args.runs.split(",")]
    runs = runs * len(sizes) if len(runs) == 1 else runs
    if len(runs) != len(sizes):
        parser.error("--runs: one number, or one per size")
    args.catalog_runs = args.catalog_runs or runs[0]
    skip = {s for s in args.skip.split(",") if s}
    unknown = skip - {w for w, _ in WORKLOADS}
    if unknown:
        parser.error("--skip: unknown workloads %s" % ", ".join(sorted(unknown)))
    if "sqlite-utils" not in skip and not shutil.which("sqlite-utils"):
        log("sqlite-utils is not installed (pip install sqlite-utils): leaving it out")
        skip.add("sqlite-utils")
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)

    started = datetime.datetime.now(datetime.timezone.utc)
    if not args.skip_build:
        log("swift build -c release")
        build = time.perf_counter()
        subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, stdout=sys.stderr)
        log("  built in %.0f s" % (time.perf_counter() - build))
    header = [
        "- Date: %s (UTC)" % started.strftime("%Y-%m-%d %H:%M"),
        "- Command: `%s`" % " ".join(shlex.quote(a) for a in [os.path.relpath(sys.argv[0], ROOT)] + sys.argv[1:]),
        "- Machine: %s" % machine(),
        "- permaudit: commit %s, release build; %s" % (commit(), version(["swift", "--version"])),
        "- Others: sqlite3 %s; sqlite-utils %s; Python %s" % (version(["sqlite3", "--version"]).split()[0],
                                                              version(["sqlite-utils", "--version"]).split()[-1],
                                                              platform.python_version()),
        "- Exports: %s model, %s service principals, %s app role assignments, one user per ten grants, "
        "grants in one file (and in 999-object pages for `pages`); seed %d" % (
            args.model, "{:,}".format(args.service_principals), "{:,}".format(args.assignments), args.seed),
    ]
    runner = Runner(args)
    template = os.path.join(args.work, "db", "seeded.sqlite")
    os.makedirs(os.path.dirname(template), exist_ok=True)
    remove_db(template)
    subprocess.run([args.binary, "init", "-q", "--db", template], check=True)
    subprocess.run(["sqlite3", template, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True, capture_output=True)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    out = args.out or os.path.join(args.work, "results-%s.md" % stamp)
    done = []
    for size, count in zip(sizes, runs):
        run_size(runner, args, size, count, template, skip)
        done.append(size)
        write_results(runner, args, done, header, started, out, stamp, final=False)
    if not {"init", "kibali-all", "kibali-one"} <= skip:
        run_catalog(runner, args, template, skip)
    if "site" not in skip:
        run_site(runner, args, template)
    remove_db(template)
    print(write_results(runner, args, sizes, header, started, out, stamp, final=True))
    log("written %s" % out)


def write_results(runner, args, sizes, header, started, out, stamp, final):
    """The report so far (after each size, so a long run that is stopped keeps what it measured)."""
    finished = datetime.datetime.now(datetime.timezone.utc)
    header = header + [
        "- Load average at the start of each run: %s; at the end: %s" % ("; ".join(runner.loads), load_average()),
        "- %s %.1f min; a report or diff taking over %d s (another command over %d s) is stopped and not run again "
        "at that size or larger" % ("The whole run took" if final else "Partial results, after",
                                    (finished - started).total_seconds() / 60, args.query_timeout, args.timeout),
        "- Grants files: " + "; ".join("%s grants %.0f MB" % ("{:,}".format(size), os.path.getsize(os.path.join(
            export_dir(args, size, pages=False), "oauth2PermissionGrants-%s.json" % FIRST)) / MB) for size in sizes),
    ]
    text = report(runner, args, sizes, header)
    with open(out, "w") as f:
        f.write(text)
    with open(os.path.join(args.work, "results-%s.json" % stamp), "w") as f:
        json.dump({"argv": sys.argv, "loads": runner.loads,
                   "samples": [{"workload": w, "size": s, "samples": v} for (w, s), v in runner.samples.items()]}, f, indent=1)
    return text


if __name__ == "__main__":
    main()
