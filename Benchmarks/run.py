#!/usr/bin/env python3
"""permaudit at tenant scale (issues 6 and 17): the workloads side by side with the tools users would pick instead,
on both distributions of grants.

Usage: Benchmarks/run.py [--models realistic,incremental] [--sizes 250000,1000000,2000000] [--runs 3,2,1]
                         [--service-principals realistic=50000,incremental=3800] [--year-grants 10000]
                         [--year-days 365] [--quick] [--skip pages,sync,year] [--timeout 1800]
                         [--query-timeout 300] [--work Benchmarks/work] [--skip-build] [--phases] [--out FILE.md]

With no options it measures every target of issue 17 in one run. It builds permaudit in release (`swift build
-c release`), generates the tenant exports with scripts/generate-tenant.py for each model (--models):
realistic (apps of differing popularity, each with one scope set) and incremental (nearly every grant its own
1 to 6 scopes); each with its service principals (--service-principals: 50,000 realistic, 3,800 incremental),
100k app role assignments, the given numbers of grants, one user per ten grants, and a second export a week
later with 0.1% changes; cached under the work directory by their parameters and the generator's hash, so
reruns reuse them. Then for each size, each model (so both are measured under the same load), it runs the
workloads --runs times, each run in this order, every command a fresh process:

  seed          permaudit init --db run.sqlite                       (the default catalog, a new database)
  import        permaudit import --db run.sqlite EXPORT/*-2026-11-01.json   (grants in one file)
  sqlite3       the sqlite3 shell: the grants file into one flat table with json_each(readfile(...), '$.value')
  sqlite-utils  sqlite-utils insert flat.db g grants.ndjson --nl     (the NDJSON is cut from the grants file
                once, untimed: sqlite-utils reads a JSON array or NDJSON, not Graph's {"value": [...]} page)
  floor-sql     the import's rows written again without permaudit: every table the import filled, copied from
                the imported database into a copy of the seeded one by the sqlite3 shell (INSERT ... SELECT,
                each row through SQLite's own code: no parsing, no binding); what storing them costs at least
  floor-api     the same rows written as an importer must: Benchmarks/floor.c (built once with cc, when a C
                compiler and sqlite3.h are at hand) reads them into memory, untimed, then times one prepared
                INSERT with bound values a row, and the commit
  reimport      the same files again, same database
  report        permaudit report --admin-consent --format json > /dev/null   (one snapshot)
  churn         permaudit import of the export a week later (0.1% changed), same database
  diff-tenant   permaudit diff tenant --from 2026-11-01 --to 2026-11-08 --format json > /dev/null
  show          permaudit show User.Read --format json > /dev/null   (the page with its holders, two snapshots)
  pages         permaudit import of the same export as Graph's 999-object pages, into a new database
                (a copy of a seeded one)
  sync          permaudit sync --graph-url http://127.0.0.1:PORT from Benchmarks/fake-graph.py serving those
                pages (PERMAUDIT_GRAPH_TOKEN set), into a copy of a seeded database
  sync-import   permaudit import of exactly the pages that sync read (written once, untimed, by a sync with
                --save-json), into a copy of a seeded database: the offline import the sync is compared with
then, once per model, the year: the model's tenant scaled down to --year-grants grants (service principals and
assignments in the same proportion), imported --year-days times into one database without seeds, a day
apart, 0.1% of the grants changing a day (see churn_day); its database's size after the first export and
after the last is recorded. Once per run, whatever the sizes: `init` of a new database with the seeds, the
eight Kibali permissions.json files (devx-permissions-2*.json in --catalog) into a copy of a seeded database,
`diff catalog` of the 2026-07-22 .. 2026-07-28 rebase, and one Kibali file (2026-07-28) alone into a copy of a
seeded database; then `permaudit site --tenant` of the seeded catalog and the README's sample tenant
(issue 18: under 5 s and 60 MB), its folder's bytes recorded.
Only the site: Benchmarks/run.py --sizes "" --skip year,init,kibali-all,kibali-one,diff-catalog --catalog-runs 3

Wall time is measured around each process; peak memory is the process's maximum resident set (wait4's
ru_maxrss); CPU time is its user + system time (for sync: the time outside the network, compared with the
import's). Prints a Markdown report (machine, date, commit, this command, issue 17's targets for both models
side by side, then one table per model and one of the catalog) on stdout and writes it, with the raw samples
as JSON, to the work directory. With --phases, also imports parts of each export once (organization and
service principals; with the app role assignments) to show where import time goes. Results are written after
each size and each year, so a stopped run keeps what it measured. Benchmarks are not tests: nothing here fails on time.
"""
import argparse
import datetime
import glob
import hashlib
import json
import os
import platform
import random
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
# The models of scripts/generate-tenant.py and their service principals: issue 17 measured incremental consent
# as about 3,800 apps holding a million grants.
MODELS = {"realistic": 50000, "incremental": 3800}
YEAR_CHURN = 0.001  # of the grants, a day
MEMORY_MB = 300  # issue 17: peak memory of every permaudit workload at every size

# Workloads in the order a run does them: name, what the table calls it.
WORKLOADS = [
    ("seed", "`init`: new database with the default catalog"),
    ("import", "import the export (grants in one file), new database"),
    ("import+seed", "import including the seed (seed + import)"),
    ("sqlite3", "sqlite3 shell: grants file into one flat table"),
    ("sqlite-utils", "sqlite-utils insert: grants (NDJSON) into one flat table"),
    ("floor-sql", "the import's rows copied inside SQLite (INSERT … SELECT), seeded database"),
    ("floor-api", "the import's rows by prepared INSERTs (Benchmarks/floor.c), seeded database"),
    ("reimport", "re-import of the identical export"),
    ("report", "`report --admin-consent --format json`"),
    ("churn", "import of the export with 0.1% changes"),
    ("diff-tenant", "`diff tenant` of the two snapshots"),
    ("show", "`show User.Read --format json` (with holders)"),
    ("pages", "import of the export as 999-object pages, new database"),
    ("sync", "`sync` from a fake Graph on loopback, seeded database"),
    ("sync-import", "import of the pages sync read, seeded database"),
    ("year", "a year of daily imports (0.1% daily churn), one database: each day's import"),
    ("init", "`init` alone: new database with the default catalog"),
    ("kibali-all", "import all eight Kibali files, seeded database"),
    ("diff-catalog", "`diff catalog` 2026-07-22 .. 2026-07-28"),
    ("kibali-one", "import one Kibali file (2026-07-28), seeded database"),
    ("site", "`site --tenant` of the seeded catalog and the sample tenant (issue 18)"),
]
SIZE_FREE = {"init", "kibali-all", "diff-catalog", "kibali-one", "site"}
OTHER_TOOLS = {"sqlite3", "sqlite-utils", "floor-sql", "floor-api"}
SAMPLE_TENANT = "b8aab203-92b2-5f3e-a8a8-d5391af3d878"
QUERIES = {"report", "diff-tenant", "show", "diff-catalog"}  # stopped after --query-timeout, the rest after --timeout


def log(message):
    print(message, file=sys.stderr, flush=True)


class Runner:
    def __init__(self, args):
        self.args = args
        self.model = None  # the model being measured; None for the catalog and the site
        self.samples = {}  # (model, workload, size) -> [{"seconds", "rss_mb"} or {"error"}]
        self.timed_out = {}  # (model, workload) -> the size at which it was stopped
        self.years = {}  # model -> the year's storage after the first export and after the last
        self.loads = []  # /proc/loadavg at the start of each run
        self.logs = os.path.join(args.work, "logs")
        os.makedirs(self.logs, exist_ok=True)

    def timed(self, workload, size, argv, stdout=None, cwd=None, env=None, quiet=False):
        """Runs argv once in a new process; records wall seconds and its peak resident set. None on failure.
        A workload stopped by its time limit is not run again at this size or a larger one (it would only take longer)."""
        limit = self.limit(workload)
        stopped = (self.model, workload)
        if stopped in self.timed_out:
            self.record(workload, size, {"error": "not run: over %d s at %s" % (limit, self.timed_out[stopped])})
            log("  %-16s %10s  not run (stopped before)" % (workload, size or ""))
            return None
        log_path = os.path.join(self.logs, "%s-%s-%s.log" % (workload, self.model or "catalog", size or "all"))
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
                        self.timed_out[stopped] = "{:,}".format(size) if size else "once"
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
        if not quiet:
            log("  %-16s %10s  %8.2f s  %7.1f MB  %8.2f s CPU" % (workload, size or "", seconds, sample["rss_mb"], sample["cpu"]))
        return sample

    def limit(self, workload):
        return self.args.query_timeout if workload in QUERIES else self.args.timeout

    def record(self, workload, size, sample):
        self.samples.setdefault((self.model, workload, size), []).append(sample)


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


def tenant(args, model, grants):
    """The generator's parameters of the model's export with this many grants."""
    return {"model": model, "service-principals": args.service_principals[model], "grants": grants,
            "assignments": args.assignments, "users": max(1000, grants // 10), "seed": args.seed}


def year_tenant(args, model):
    """The model's tenant scaled down to --year-grants: a tenant of that size has fewer apps and assignments, and a
    daily import of 50,000 service principals would measure them rather than the grants' history."""
    params = tenant(args, model, args.year_grants)
    share = args.year_grants / 1000000
    params["service-principals"] = max(200, round(params["service-principals"] * share))
    params["assignments"] = max(1000, round(params["assignments"] * share))
    return params


def export_dir(args, params, pages):
    """The cached export of these generator parameters (generated if missing): EXPORT/*-2026-11-01.json and,
    without pages, the week-later export with 0.1% changes."""
    extra = ["--page-size", "999"] if pages else ["--single-file", "--churn", "0.001"]
    generator_hash = sha256_of(GENERATOR)[:10]
    name = "sp%d-g%d-a%d-u%d-s%d-%s-%s" % (params["service-principals"], params["grants"], params["assignments"],
                                            params["users"], params["seed"], "pages" if pages else "single", generator_hash)
    if params["model"] != "realistic":  # the realistic exports keep the names they were cached under
        name = params["model"] + "-" + name
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


def run_size(runner, args, model, size, runs, template, skip):
    runner.model = model
    single = export_dir(args, tenant(args, model, size), pages=False)
    pages = export_dir(args, tenant(args, model, size), pages=True) if not {"pages", "sync"} <= skip else None
    first, following = files_of(single, FIRST), files_of(single, NEXT)
    grants_file = os.path.join(single, "oauth2PermissionGrants-%s.json" % FIRST)
    ndjson = ndjson_of(grants_file) if "sqlite-utils" not in skip else None
    scratch = os.path.join(args.work, "db")
    os.makedirs(scratch, exist_ok=True)
    database, flat = os.path.join(scratch, "run-%d.sqlite" % size), os.path.join(scratch, "flat-%d.db" % size)
    binary = args.binary
    for run in range(runs):
        runner.loads.append(load_average())
        log("%s model, size %d, run %d of %d (load average %s)" % (model, size, run + 1, runs, runner.loads[-1]))
        warm(first + following + ([ndjson] if ndjson else []))
        remove_db(database)
        seed = runner.timed("seed", size, [binary, "init", "-q", "--db", database])
        imported = seed and runner.timed("import", size, [binary, "import", "--db", database] + first)
        if seed and imported:
            runner.record("import+seed", size, {"seconds": seed["seconds"] + imported["seconds"],
                                                "rss_mb": max(seed["rss_mb"], imported["rss_mb"])})
        if imported:
            floors(runner, size, database, template, scratch, skip)
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
        if "show" not in skip:
            runner.timed("show", size, [binary, "show", "User.Read", "--format", "json", "--db", database], stdout=os.devnull)
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


def floors(runner, size, database, template, scratch, skip):
    """The import's rows written again without permaudit (floor-sql, floor-api): every table the import filled
    (empty in the seeded database), copied from the imported database into a copy of the seeded one. What
    storing the tenant costs SQLite, whatever an importer does before: a lower bound of the import's time."""
    names = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    empty = {name for name, in sqlite_rows(template, " UNION ALL ".join(
        'SELECT %s WHERE NOT EXISTS (SELECT 1 FROM "%s")' % (sql_text(t), t) for t, in sqlite_rows(template, names)))}
    tables = [name for name, in sqlite_rows(database, " UNION ALL ".join(
        'SELECT %s WHERE EXISTS (SELECT 1 FROM "%s")' % (sql_text(t), t) for t in sorted(empty)))]
    target = os.path.join(scratch, "floor-%d.sqlite" % size)
    if "floor-sql" not in skip:
        copy_db(template, target)
        # WHERE 1 keeps SQLite from copying the tables' pages whole (its transfer optimization): each row is inserted.
        runner.timed("floor-sql", size, ["sqlite3", target, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                                         "PRAGMA cache_size = -32768; ATTACH %s AS imported; BEGIN; %s COMMIT;" % (
                                             sql_text(database), " ".join('INSERT INTO main."%s" SELECT * FROM imported."%s" WHERE 1;' % (t, t)
                                                                          for t in tables))], stdout=os.devnull)
    program = floor_program(runner.args)
    if program and "floor-api" not in skip:
        copy_db(template, target)
        printed = target + ".out"
        sample = runner.timed("floor-api", size, [program, database, target] + tables, stdout=printed, quiet=True)
        if sample:
            # The program's own time of the writes and the commit; not its loading, nor its memory (the rows it holds).
            with open(printed) as f:
                sample["seconds"] = float(f.read().split()[1])
            log("  %-16s %10s  %8.2f s  (writes and commit)" % ("floor-api", size, sample["seconds"]))
        os.remove(printed)
    remove_db(target)


def floor_program(args):
    """Benchmarks/floor.c built into the work directory once; None (floor-api left out) without cc or sqlite3.h."""
    if not hasattr(args, "floor_program"):
        program = os.path.join(args.work, "floor")
        built = shutil.which("cc") and subprocess.run(["cc", "-O2", "-o", program, os.path.join(HERE, "floor.c"), "-lsqlite3"],
                                                      capture_output=True).returncode == 0
        if not built:
            log("floor-api left out: Benchmarks/floor.c does not build here (cc and libsqlite3-dev needed)")
        args.floor_program = program if built else None
    return args.floor_program


def run_year(runner, args, model):
    """Issue 17's year of daily exports: one database, --year-days imports a day apart, its size after the
    first and after the last (the target: within 1.5 times). Each day's import is a sample of `year`."""
    runner.model, grants = model, args.year_grants
    export = export_dir(args, year_tenant(args, model), pages=False)
    folder = os.path.join(args.work, "year")
    database = os.path.join(folder, "history.sqlite")
    os.makedirs(folder, exist_ok=True)
    remove_db(database)
    # No seeds: the catalog's fixed size would hide the history's growth in the ratio.
    subprocess.run([args.binary, "init", "--no-seed", "-q", "--db", database], check=True)
    log("%s model, a year of %d daily exports of %d grants" % (model, args.year_days, grants))
    storage = {}

    def import_day(day, as_of, directory):
        sample = runner.timed("year", grants, [args.binary, "import", "-q", "--db", database, "--as-of", as_of, directory], quiet=True)
        if sample and day == 0:
            storage["first"] = storage_of(database)
        if sample and day % 30 == 0:
            log("  year, day %3d of %d  %8.2f s  %7.1f MB" % (day + 1, args.year_days, sample["seconds"], sample["rss_mb"]))
        return sample is not None

    if year_of_exports(export, folder, args.year_days, YEAR_CHURN, import_day) == args.year_days:
        storage["last"] = storage_of(database)
        storage["days"] = args.year_days
        runner.years[model] = storage
    remove_db(database)


def year_of_exports(export, folder, days, churn, import_day):
    """Writes day after day the export of one tenant into folder/day and calls import_day(day, as_of, directory)
    after each; returns the number of days imported (it stops at the first failure). From the second day, `churn`
    of the grants change a day (see churn_day); the export's other files stay as they are."""
    day_dir = os.path.join(folder, "day")
    shutil.rmtree(day_dir, ignore_errors=True)
    os.makedirs(day_dir)
    for path in files_of(export, FIRST):
        if not os.path.basename(path).startswith("oauth2PermissionGrants"):
            shutil.copyfile(path, os.path.join(day_dir, os.path.basename(path)))
    with open(os.path.join(export, "oauth2PermissionGrants-%s.json" % FIRST)) as f:
        page = json.load(f)
    grants, rng = page["value"], random.Random(7)
    tenant_scopes = sorted({s for g in grants for s in g["scope"].split()})
    for day in range(days):
        if day > 0:
            churn_day(grants, rng, churn, tenant_scopes, day)
        with open(os.path.join(day_dir, "oauth2PermissionGrants-%s.json" % FIRST), "w") as f:
            json.dump(page, f, separators=(",", ":"))
        as_of = (datetime.date(2026, 1, 1) + datetime.timedelta(days=day)).isoformat()
        if not import_day(day, as_of, day_dir):
            return day
    return days


def churn_day(grants, rng, churn, tenant_scopes, day):
    """One day's changes, in place, as generate-tenant.py --churn makes a week's: of `churn` of the grants, a
    quarter are revoked, as many users consent to an app that others hold (its grant's scopes), and the rest gain
    one scope that the tenant's grants hold (incremental consent). Real scopes, so that a change does not
    invent a permission; a user holds at most one grant of an app, as in Graph."""
    picked = rng.sample(range(len(grants)), max(1, round(len(grants) * churn)))
    revoked = picked[:len(picked) // 4]
    for n in picked[len(revoked):]:
        held = set(grants[n]["scope"].split())
        more = [s for s in tenant_scopes if s not in held]
        if more:
            grants[n]["scope"] += " " + rng.choice(more)
    for n in sorted(revoked, reverse=True):
        grants.pop(n)
    consented = {(g["clientId"], g["principalId"]) for g in grants}
    users = sorted({g["principalId"] for g in grants if g["principalId"]})
    for k in range(len(revoked)):
        while True:
            like, user = grants[rng.randrange(len(grants))], rng.choice(users)
            if (like["clientId"], user) not in consented:
                break
        consented.add((like["clientId"], user))
        grants.append(dict(like, id="day%d-grant%d" % (day, k), consentType="Principal", principalId=user))


def storage_of(database):
    """The database's bytes on disk (its WAL checkpointed) and compacted (VACUUM INTO a copy), and per table
    [rows, bytes with its indexes] (sqlite3's dbstat)."""
    subprocess.run(["sqlite3", database, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True, capture_output=True)
    compacted = database + ".vacuumed"
    remove_db(compacted)
    subprocess.run(["sqlite3", database, "VACUUM INTO %s;" % sql_text(compacted)], check=True, capture_output=True)
    sizes = {"bytes": os.path.getsize(database), "compacted": os.path.getsize(compacted)}
    remove_db(compacted)
    tables = sqlite_rows(database, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    counts = sqlite_rows(database, " UNION ALL ".join('SELECT %s, count(*) FROM "%s"' % (sql_text(t), t) for t, in tables))
    pages = dict(sqlite_rows(database, "SELECT s.tbl_name, sum(d.pgsize) FROM dbstat d JOIN sqlite_schema s ON s.name = d.name "
                                       "GROUP BY s.tbl_name"))
    sizes["tables"] = {name: [int(count), int(pages.get(name, 0))] for name, count in counts}
    return sizes


def sqlite_rows(database, sql):
    out = subprocess.run(["sqlite3", "-separator", "\t", database, sql + ";"], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


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

def stats(runner, model, workload, size):
    samples = runner.samples.get((model, workload, size), [])
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
    """None: the row has a target, but not at this size."""
    return "not a target at this size" if ok is None else "**met**" if ok else "**missed**"


def goals(runner, model, workload, size):
    """(ratio cell, [(target, met, measured)]) for one row: the targets of issue 17 (and of issues 16 and 18 for
    sync and the site). The targets' texts also name the rows of the side-by-side summary."""
    mine, errors = stats(runner, model, workload, size)
    if not mine:
        return "", stopped_goals(runner, workload, size, errors)
    t = mine["median"]
    imp, flat, su = (stats(runner, model, w, size)[0] for w in ("import", "sqlite3", "sqlite-utils"))
    if workload == "import":
        return import_goals(t, flat, su)
    if workload in ("import+seed", "sqlite-utils", "floor-sql", "floor-api") and flat:
        return ratio_text(t / flat["median"], "sqlite3"), []
    if workload in ("reimport", "churn", "pages", "phase-principals", "phase-no-grants") and imp:
        r = t / imp["median"]
        limit = {"reimport": 0.05, "churn": 0.15}.get(workload)
        return "%.1f%% of import" % (r * 100), [("< %d%% of import" % (limit * 100), r < limit, "%.1f%%" % (r * 100))] if limit else []
    if workload == "year":
        year = runner.years.get(model)
        if not year:
            return "", []
        r = year["last"]["bytes"] / year["first"]["bytes"]
        return "%.2f× the first day's database" % r, [("< 1.5× the database after one export", r < 1.5, "%.2f×" % r)]
    if workload == "sync":
        return sync_goals(runner, model, mine, size)
    if workload == "sync-import":
        return "%.1f s CPU" % mine["cpu"], []
    if workload == "site":
        disk = max(s.get("disk_mb", 0) for s in runner.samples[(model, workload, size)] if "seconds" in s)
        return "%.1f MB on disk" % disk, [("< 5 s", t < 5, "%.2f s" % t), ("< 60 MB", disk < 60, "%.1f MB" % disk)]
    limit = time_limit(workload, size)
    cpu = "%.2f s CPU" % mine["cpu"] if workload in ("kibali-one", "init", "show") else ""
    return cpu, [(limit[0], t < limit[1] if limit[1] else None, "%.2f s" % t)] if limit else []


def import_goals(t, flat, su):
    """The import against the sqlite3 flat load and sqlite-utils of the same grants, in the same run."""
    cells, found = [], []
    if flat:
        r = t / flat["median"]
        cells.append(ratio_text(r, "sqlite3"))
        found.append(("≤ 1× sqlite3 (aim 0.5×)", r <= 1, "%.2f×" % r))
    if su:
        r = t / su["median"]
        cells.append(ratio_text(r, "sqlite-utils"))
        found.append(("≤ 0.33× sqlite-utils (3× faster)", r <= 1 / 3, "%.2f×" % r))
    return "; ".join(cells), found


def time_limit(workload, size):
    """(target, seconds) of the workloads whose target is a time, None for the others. The report's is at 1M
    grants (so also below); seconds is None where the row has no target."""
    if workload == "report":
        return "< 1 s at 1M", 1 if size <= 1000000 else None
    return {"diff-tenant": ("< 1 s", 1), "show": ("< 0.3 s", 0.3), "kibali-one": ("< 0.5 s", 0.5),
            "init": ("< 1 s", 1)}.get(workload)


def stopped_goals(runner, workload, size, errors):
    """A workload stopped at its time limit missed a target that is a time."""
    limit = time_limit(workload, size)
    stopped = any(e.startswith(("over", "not run: over")) for e in errors)
    return [(limit[0], False if limit[1] else None, "> %d s" % runner.limit(workload))] if limit and stopped else []


def sync_goals(runner, model, mine, size):
    offline, _ = stats(runner, model, "sync-import", size)
    cells = ["%.1f s CPU, %.2f s after the last answer" % (mine["cpu"], mine["after_network"])]
    found = []
    if offline:
        cells.append("import of its pages %.1f s CPU, %.2f s" % (offline["cpu"], offline["median"]))
        r = mine["after_network"] / offline["median"]
        found.append(("time after the network ≤ the import's", r <= 1, "%.2f×" % r))
        c = mine["cpu"] / offline["cpu"]
        found.append(("all CPU (network included) ≤ the import's", c <= 1, "%.2f×" % c))
    return "; ".join(cells), found


def goal_cell(found):
    return "; ".join("%s: %s (%s)" % (target, verdict(met), measured) for target, met, measured in found)


def table(runner, model, rows):
    """The detailed table of one model (or of the catalog, model None): rows are (workload, title, size)."""
    lines = ["| workload | grants | median s | min .. max s | runs | peak RSS MB | ratio | target |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for workload, title, size in rows:
        s, errors = stats(runner, model, workload, size)
        if not s and not errors:
            continue
        ratio, found = goals(runner, model, workload, size)
        grants = "{:,}".format(size) if size else ""
        if s:
            lines.append("| %s | %s | %.2f | %.2f .. %.2f | %d | %.0f | %s | %s |" % (
                title, grants, s["median"], s["min"], s["max"], s["n"], s["rss"], ratio,
                goal_cell(found) + ("; failed: " + ", ".join(errors) if errors else "")))
        else:
            stopped = any(e.startswith(("over", "not run: over")) for e in errors)
            lines.append("| %s | %s | %s | — | 0 | — | | %s |" % (
                title, grants, "> %d" % runner.limit(workload) if stopped else "—",
                "; ".join(filter(None, [goal_cell(found), "not measured: " + errors[0]]))))
    return lines


PHASES = [("phase-principals", "phase: organization + service principals only"),
          ("phase-no-grants", "phase: all but the grants")]


def model_section(runner, args, model, sizes):
    rows = [(w, title, size) for size in sizes for w, title in WORKLOADS + PHASES if w not in SIZE_FREE and w != "year"]
    rows.append(("year", dict(WORKLOADS)["year"], args.year_grants))
    lines = ["", "### %s model (%s service principals at the sizes)" % (model, "{:,}".format(args.service_principals[model])),
             ""] + table(runner, model, rows)
    growth = growth_lines(runner, model, sizes)
    if growth:
        lines += ["", "Growth with the number of grants (medians):", ""] + growth
    year = runner.years.get(model)
    if year:
        lines += ["", year_text(args, model, year)]
    return lines


def growth_lines(runner, model, sizes):
    lines = []
    for workload in ("import", "reimport", "churn", "report", "diff-tenant", "show", "sqlite3", "sqlite-utils"):
        points = [(size, stats(runner, model, workload, size)[0]) for size in sizes]
        points = [(size, s) for size, s in points if s]
        steps = ["%s→%s: %.2f× time (%.1f× the grants), %.2f× peak RSS" % (
            short(a), short(b), sb["median"] / sa["median"], b / a, sb["rss"] / sa["rss"]) for (a, sa), (b, sb) in zip(points, points[1:])]
        if steps:
            lines.append("- %s: %s" % (workload, "; ".join(steps)))
    return lines


def year_text(args, model, year):
    first, last = year["first"], year["last"]
    p = year_tenant(args, model)
    return ("The year (%s grants, %s service principals, %s app role assignments, %s users, no seeds): the database "
            "after 1 export %s B (compacted %s B), after %d %s B (compacted %s B: %.2f×); the tables that grew, with "
            "their indexes: %s." % (
                *("{:,}".format(p[k]) for k in ("grants", "service-principals", "assignments", "users")),
                "{:,}".format(first["bytes"]), "{:,}".format(first["compacted"]), year["days"], "{:,}".format(last["bytes"]),
                "{:,}".format(last["compacted"]), last["compacted"] / first["compacted"], table_growth(first, last) or "none"))


def table_growth(first, last):
    """`table rows → rows, MB → MB` for each table whose rows changed, the most bytes added first."""
    before = {name: first["tables"].get(name, [0, 0]) for name in last["tables"]}
    grown = sorted((name for name in last["tables"] if last["tables"][name][0] != before[name][0]),
                   key=lambda name: before[name][1] - last["tables"][name][1])
    return ", ".join("%s %s → %s rows, %.2f → %.2f MB" % (name, "{:,}".format(before[name][0]), "{:,}".format(last["tables"][name][0]),
                                                       before[name][1] / 1e6, last["tables"][name][1] / 1e6) for name in grown)


# Issue 17's targets, one row each: the workload and its target text in goals(), and what the summary calls it.
SUMMARY = [
    ("import", "≤ 1× sqlite3 (aim 0.5×)", "import: no slower than the sqlite3 flat load (aim: half)"),
    ("import", "≤ 0.33× sqlite-utils (3× faster)", "import: at least 3× faster than sqlite-utils (≤ 0.33× its time)"),
    ("report", "< 1 s at 1M", "`report --admin-consent --format json` < 1 s at 1M"),
    ("diff-tenant", "< 1 s", "`diff tenant` < 1 s"),
    ("show", "< 0.3 s", "`show` with holders < 0.3 s"),
    ("reimport", "< 5% of import", "identical re-import < 5% of import"),
    ("churn", "< 15% of import", "0.1% changes < 15% of import"),
    ("year", "< 1.5× the database after one export", "a year of daily exports < 1.5× the database after one"),
]


def summary(runner, args, sizes):
    """Issue 17's targets, the models side by side: each cell lists the sizes measured."""
    models = args.models
    lines = ["", "### Issue 17's targets, side by side", "",
             "| target | %s |" % " | ".join("%s model" % m for m in models), "| --- |" + " --- |" * len(models)]
    for workload, target, title in SUMMARY:
        at = [args.year_grants] if workload == "year" else sizes
        lines.append("| %s | %s |" % (title, " | ".join(summary_cell(runner, m, workload, target, at) for m in models)))
    lines.append("| peak memory < %d MB (every permaudit workload) | %s |" % (
        MEMORY_MB, " | ".join(memory_cell(runner, args, m, sizes) for m in models)))
    lines.append("| 2M within 2.1× the 1M import time | %s |" % " | ".join(doubling_cell(runner, m) for m in models))
    lines.append("| (not a target) the import's rows written without permaudit: floor-sql / floor-api against sqlite3 | %s |" % " | ".join(
        floor_cell(runner, m, sizes) for m in models))
    catalog = [goal_cell(goals(runner, None, w, None)[1]) for w in ("kibali-one", "init")]
    if any(catalog):
        lines += ["", "The catalog, the same for both models: one Kibali file %s; `init` with the seeds %s." % tuple(
            c or "not measured" for c in catalog)]
    return lines


def summary_cell(runner, model, workload, target, sizes):
    cells = []
    for size in sizes:
        for name, met, measured in goals(runner, model, workload, size)[1]:
            if name == target:
                cells.append("%s %s %s" % (short(size), measured, "(no target)" if met is None else verdict(met)))
    return "; ".join(cells) or "not measured"


def memory_cell(runner, args, model, sizes):
    """The largest peak of permaudit's workloads at each size, and the year's imports."""
    mine = [w for w, _ in WORKLOADS + PHASES if w not in OTHER_TOOLS | {"import+seed", "year"}]
    points = [(short(size), size, mine) for size in sizes] + [("year " + short(args.year_grants), args.year_grants, ["year"])]
    cells = []
    for name, size, workloads in points:
        peaks = [(s["rss"], w) for s, w in ((stats(runner, model, w, size)[0], w) for w in workloads) if s]
        if peaks:
            rss, workload = max(peaks)
            cells.append("%s %.0f MB (%s) %s" % (name, rss, workload, verdict(rss < MEMORY_MB)))
    return "; ".join(cells) or "not measured"


def floor_cell(runner, model, sizes):
    """What writing the import's rows alone costs (floors), against the sqlite3 flat load, at each size."""
    cells = []
    for size in sizes:
        flat = stats(runner, model, "sqlite3", size)[0]
        found = [stats(runner, model, w, size)[0] for w in ("floor-sql", "floor-api")]
        if flat and any(found):
            cells.append("%s %s" % (short(size), " / ".join("%.2f×" % (f["median"] / flat["median"]) if f else "-" for f in found)))
    return "; ".join(cells) or "not measured"


def doubling_cell(runner, model):
    one, two = stats(runner, model, "import", 1000000)[0], stats(runner, model, "import", 2000000)[0]
    if not (one and two):
        return "not measured"
    r = two["median"] / one["median"]
    return "%.2f× %s" % (r, verdict(r <= 2.1))


def report(runner, args, sizes, header):
    lines = header + summary(runner, args, sizes)
    for model in args.models:
        lines += model_section(runner, args, model, sizes)
    catalog = table(runner, None, [(w, title, None) for w, title in WORKLOADS if w in SIZE_FREE])
    if len(catalog) > 2:
        lines += ["", "### The catalog and the site (the same for both models)", ""] + catalog
    return "\n".join(lines) + "\n"


def short(size):
    return "%gM" % (size / 1e6) if size >= 1000000 else "%gk" % (size / 1e3)


def per_model(text, parser):
    """--service-principals: model=N pairs, or one N for every model; the models' defaults for the rest."""
    counts = dict(MODELS)
    for part in filter(None, text.split(",")):
        model, _, count = part.rpartition("=")
        if model and model not in MODELS or not count.isdigit():
            parser.error("--service-principals: model=N pairs (models: %s) or one number" % ", ".join(MODELS))
        counts.update({model: int(count)} if model else dict.fromkeys(MODELS, int(count)))
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default=",".join(MODELS),
                        help="the grants' distributions (scripts/generate-tenant.py --model), comma-separated: " + ", ".join(MODELS))
    parser.add_argument("--sizes", default="250000,1000000,2000000", help="grant counts, comma-separated (default: %(default)s)")
    parser.add_argument("--runs", default="3,2,1", help="runs per size, in order of --sizes; the last is repeated for further sizes (default: %(default)s)")
    parser.add_argument("--catalog-runs", type=int, help="runs of the catalog workloads (default: the first --runs)")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes (10k, 40k; a year of 30 days at 2k grants), one run: to check the harness")
    parser.add_argument("--skip", default="", help="workloads to leave out, comma-separated: " + ", ".join(w for w, _ in WORKLOADS))
    parser.add_argument("--phases", action="store_true", help="also import each export's service principals alone, and all of it but the grants (once a size)")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds before an import or a load is stopped (recorded, not run again)")
    parser.add_argument("--query-timeout", type=int, default=300, help="the same for report, diff tenant, show and diff catalog")
    parser.add_argument("--service-principals", default="",
                        help="per model: model=N pairs, or one N for all (defaults: %s)" % ", ".join("%s=%d" % m for m in MODELS.items()))
    parser.add_argument("--assignments", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument("--year-grants", type=int, default=10000,
                        help="grants of the year's tenant (its service principals and assignments scaled to match; default: %(default)s)")
    parser.add_argument("--year-days", type=int, default=365, help="daily exports imported for the year (default: %(default)s)")
    parser.add_argument("--work", default=os.environ.get("PERMAUDIT_BENCH_WORK", os.path.join(HERE, "work")),
                        help="scratch directory: exports (kept as a cache), databases, logs, results")
    parser.add_argument("--firstparty", default=os.path.join(ROOT, "..", "shared", "data", "tenant", "roadtools-firstpartyscopes-2026-01-26.json"))
    parser.add_argument("--catalog", default=os.path.join(ROOT, "..", "shared", "data", "catalog"), help="the Kibali files' directory")
    parser.add_argument("--binary", default=BINARY)
    parser.add_argument("--skip-build", action="store_true", help="use the binary as it is")
    parser.add_argument("--out", help="write the report here instead of WORK/results-DATE.md")
    args = parser.parse_args()
    args.models = [m for m in args.models.split(",") if m]
    if set(args.models) - set(MODELS):
        parser.error("--models: one or more of %s, comma-separated" % ", ".join(MODELS))
    args.service_principals = per_model(args.service_principals, parser)
    if args.quick:
        args.sizes, args.runs = "10000,40000", "1"
        args.service_principals = {m: min(n, 2000) for m, n in args.service_principals.items()}
        args.assignments = min(args.assignments, 4000)
        args.year_grants, args.year_days = min(args.year_grants, 2000), min(args.year_days, 30)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    given = [int(r) for r in args.runs.split(",")]
    runs = (given + given[-1:] * len(sizes))[:len(sizes)]
    args.catalog_runs = args.catalog_runs or given[0]
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
                                                              "not installed" if "sqlite-utils" in skip and not shutil.which("sqlite-utils")
                                                              else version(["sqlite-utils", "--version"]).split()[-1],
                                                              platform.python_version()),
        "- Exports: the %s; %s app role assignments, one user per ten grants, grants in one file (and in 999-object "
        "pages for `pages`); seed %d" % (" and ".join("%s model with %s service principals" % (m, "{:,}".format(args.service_principals[m]))
                                                      for m in args.models), "{:,}".format(args.assignments), args.seed),
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
        for model in args.models:
            run_size(runner, args, model, size, count, template, skip)
        done.append(size)
        write_results(runner, args, done, header, started, out, stamp, final=False)
    if "year" not in skip:
        for model in args.models:
            run_year(runner, args, model)
            write_results(runner, args, done, header, started, out, stamp, final=False)
    runner.model = None
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
        "- %s %.1f min; a report, diff or show taking over %d s (another command over %d s) is stopped and not run again "
        "at that size or larger" % ("The whole run took" if final else "Partial results, after",
                                    (finished - started).total_seconds() / 60, args.query_timeout, args.timeout),
        "- Grants files: " + ("; ".join("%s %s grants %.0f MB" % (model, "{:,}".format(size), os.path.getsize(os.path.join(
            export_dir(args, tenant(args, model, size), pages=False), "oauth2PermissionGrants-%s.json" % FIRST)) / MB)
            for size in sizes for model in args.models) or "none (no sizes)"),
    ]
    text = report(runner, args, sizes, header)
    with open(out, "w") as f:
        f.write(text)
    with open(os.path.join(args.work, "results-%s.json" % stamp), "w") as f:
        json.dump({"argv": sys.argv, "loads": runner.loads, "years": runner.years,
                   "samples": [{"model": m, "workload": w, "size": s, "samples": v} for (m, w, s), v in runner.samples.items()]}, f, indent=1)
    return text


if __name__ == "__main__":
    main()
