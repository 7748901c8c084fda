"""Benchmark: a city-scale data set on SQLite and PostgreSQL against the SQL floor.

    uv run python benchmarks/bench_city.py [--programs 20] [--scale 12] \
        [--database sqlite|postgres|both] [--repeat 5] [--period 2024H1] [--year 2024]

Seeds `--programs` synthetic programs (2023-01-01 to 2025-06-30 each, seeds 1..N) with the
demo seeder at `--scale` in a fresh database per engine: a temporary VAR_DIR for SQLite,
a fresh PostgreSQL database (`--pg-database`, dropped and created again, on
`--pg-url`, default the CI role on 127.0.0.1) for PostgreSQL. Every database is seeded in
one subprocess and measured in another, so that the measuring process's peak RSS is its
own. Measures, median of `--repeat`:

(a) compute_figures of one program-half-year (the first program, `--period`);
(b) compute_figures of every program for `--year`, one call per program;
(c) the same figures by hand-written SQL, one query per figure (the floor); the script
    asserts that they equal compute_figures' results for every program and period;
(d) the ratio of (a) to (c), and of (b) to its floor;
(e) the PDF report of one program-half-year through `adhoc_report`, as `report` does;
(f) tracemalloc peak of the figures and of the PDF, and the measuring process's
    ru_maxrss.

PostgreSQL is ANALYZEd after seeding (as autovacuum would); SQLite is not. With `--reuse`
the seeded data is kept (the SQLite file under var/bench-city/, the PostgreSQL database as
it is) and measured again without seeding when `--programs` and `--scale` match.
"""

# The SQL is built from model table names and fixed fragments; values are parameters.
# ruff: noqa: S608

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_FIGURES_S = 0.5
TARGET_RATIO = 2.0
TARGET_PDF_S = 5.0
TARGET_MEMORY_MIB = 500
REUSE_DIR = ROOT / "var" / "bench-city"


# --- the parent: databases, subprocesses, the table -----------------------------------


def machine() -> dict:
    model = "?"
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with open("/proc/meminfo") as fh:
        for line in fh:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gib": round(mem_kib / 2**20, 1),
        "cpu": model,
        "python": platform.python_version(),
    }


def fresh_postgres(base_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(base_url.rstrip("/") + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base_url.rstrip("/") + "/" + name


def run_child(step: str, env: dict, args) -> dict:
    out = Path(tempfile.mkstemp(prefix=f"jamlik-city-{step}-", suffix=".json")[1])
    cmd = [
        sys.executable,
        __file__,
        "--child",
        step,
        "--child-out",
        str(out),
        "--programs",
        str(args.programs),
        "--scale",
        str(args.scale),
        "--repeat",
        str(args.repeat),
        "--period",
        args.period,
        "--year",
        args.year,
        "--rows",
        str(args.rows),
    ]
    subprocess.run(cmd, env=env, check=True)  # noqa: S603 (this script, our args)
    result = json.loads(out.read_text())
    out.unlink()
    return result


def run_database(database: str, args) -> dict:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "jamlik.settings")
    tmp = None
    # --reuse keeps the seeded data under var/bench-city/ (SQLite file, and a record of
    # what the PostgreSQL database holds) so that a change can be measured again quickly.
    record = REUSE_DIR / f"{database}-seeded.json"
    wanted = {"programs": args.programs, "scale": args.scale, "pg_database": args.pg_database}
    seeded = None
    if args.reuse and record.exists():
        previous = json.loads(record.read_text())
        if {key: previous.get(key) for key in wanted} == wanted:
            seeded = previous
    if database == "sqlite":
        if args.reuse:
            REUSE_DIR.mkdir(parents=True, exist_ok=True)
            env["VAR_DIR"] = str(REUSE_DIR / "sqlite")
            if seeded is None:
                shutil.rmtree(REUSE_DIR / "sqlite", ignore_errors=True)
        else:
            tmp = tempfile.mkdtemp(prefix="jamlik-city-")
            env["VAR_DIR"] = tmp
        env.pop("DATABASE_URL", None)
    elif seeded is None:
        env["DATABASE_URL"] = fresh_postgres(args.pg_url, args.pg_database)
    else:
        env["DATABASE_URL"] = args.pg_url.rstrip("/") + "/" + args.pg_database
    try:
        if seeded is None:
            print(
                f"[{database}] seeding {args.programs} programs at scale {args.scale} ...",
                flush=True,
            )
            seeded = run_child("seed", env, args)
            if args.reuse:
                REUSE_DIR.mkdir(parents=True, exist_ok=True)
                record.write_text(json.dumps({**seeded, **wanted}))
            print(f"[{database}] seeded in {seeded['seed_s']:.0f} s; measuring ...", flush=True)
        else:
            print(f"[{database}] reusing the data seeded before; measuring ...", flush=True)
        measured = run_child("measure", env, args)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return {**seeded, **measured}


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def print_table(results: dict[str, dict], args, wall_s: float) -> None:
    info = machine()
    print()
    print(
        f"machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory_gib']} GiB memory, "
        f"Python {info['python']}"
    )
    for db, r in results.items():
        print(f"{db}: {r['version']}")
    cmd = (
        f"uv run python benchmarks/bench_city.py --programs {args.programs} --scale "
        f"{args.scale} --database {args.database} --repeat {args.repeat}"
    )
    print(f"command: {cmd}   (wall time {wall_s / 60:.1f} min)")
    dbs = list(results)
    rows = [
        ("programs", lambda r: f"{r['programs']}"),
        ("activities (all)", lambda r: f"{r['activities']:,}"),
        ("attendance rows (all)", lambda r: f"{r['attendance']:,}"),
        ("database size", lambda r: f"{r['db_mib']:.0f} MiB"),
        ("seed time (all programs)", lambda r: f"{r['seed_s']:.0f} s"),
        ("seed time per program", lambda r: f"{r['seed_s'] / r['programs']:.1f} s"),
        (f"(a) figures, 1 program {args.period}", lambda r: f"{r['half_s'] * 1000:.0f} ms"),
        (f"(c) SQL floor, 1 program {args.period}", lambda r: f"{r['half_sql_s'] * 1000:.0f} ms"),
        ("(d) ratio (a)/(c)", lambda r: f"{r['half_s'] / r['half_sql_s']:.2f}"),
        (f"(b) figures, all programs {args.year}", lambda r: f"{r['year_s']:.2f} s"),
        (f"(c) SQL floor, all programs {args.year}", lambda r: f"{r['year_sql_s']:.2f} s"),
        ("ratio (b)/floor", lambda r: f"{r['year_s'] / r['year_sql_s']:.2f}"),
        (f"(e) PDF report, 1 program {args.period}", lambda r: f"{r['pdf_s']:.2f} s"),
        ("(f) tracemalloc peak, figures (a)", lambda r: f"{r['half_peak_mib'] * 1024:.0f} KiB"),
        ("(f) tracemalloc peak, figures (b)", lambda r: f"{r['year_peak_mib'] * 1024:.0f} KiB"),
        ("(f) tracemalloc peak, PDF (e)", lambda r: f"{r['pdf_peak_mib']:.1f} MiB"),
        ("(f) ru_maxrss, measuring process", lambda r: f"{r['maxrss_mib']:.0f} MiB"),
        ("figures == SQL (asserted)", lambda r: "yes" if r["equal"] else "NO"),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"{'':<{width}}  " + "  ".join(f"{db:>12}" for db in dbs))
    for label, fmt in rows:
        print(f"{label:<{width}}  " + "  ".join(f"{fmt(results[db]):>12}" for db in dbs))
    print()
    for db, r in results.items():
        ratio = r["half_s"] / r["half_sql_s"]
        memory = max(r["half_peak_mib"], r["year_peak_mib"], r["pdf_peak_mib"], r["maxrss_mib"])
        print(
            f"{db}: figures within {TARGET_RATIO:g}x the floor: {verdict(ratio <= TARGET_RATIO)} "
            f"({ratio:.2f}); under {TARGET_FIGURES_S} s: "
            f"{verdict(r['half_s'] < TARGET_FIGURES_S)}; PDF under {TARGET_PDF_S:g} s: "
            f"{verdict(r['pdf_s'] < TARGET_PDF_S)}; memory under {TARGET_MEMORY_MIB} MB: "
            f"{verdict(memory * 2**20 < TARGET_MEMORY_MIB * 10**6)} ({memory:.0f} MiB)"
        )


# --- the children: seed, measure -------------------------------------------------------


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamlik.settings")
    sys.path.insert(0, str(ROOT))
    import logging

    import django

    django.setup()
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)


def child_seed(args) -> dict:
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from jamlik.programs.demo import seed_program

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    activities = attendance = 0
    for i in range(args.programs):
        t0 = time.perf_counter()
        slug = f"city-{i + 1:02d}"
        result = seed_program(slug=slug, seed=i + 1, scale=args.scale, name=f"City {i + 1}")
        activities += result.activities
        attendance += result.attendance
        print(
            f"  {connection.vendor} {slug}: {result.activities} activities, "
            f"{result.attendance} attendance rows, {time.perf_counter() - t0:.1f} s",
            flush=True,
        )
    seed_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "programs": args.programs,
        "activities": activities,
        "attendance": attendance,
        "seed_s": seed_s,
    }


BULK_DAYS = 912  # 2023-01-01 .. 2025-06-30
BULK_PER_ACTIVITY = 12


def child_city_seed(args) -> dict:
    """The city dashboard's data: `--programs` programs seeded at scale 1 by the demo seeder
    (workshops, participants, finance, reports, waves), then bulk activities and attendance
    added by INSERT ... SELECT generate_series up to `--rows` attendance rows in all."""
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from jamlik.activities.models import Activity, Attendance, Participant
    from jamlik.programs.demo import seed_program
    from jamlik.workshops.models import Workshop

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    act, att = Activity._meta.db_table, Attendance._meta.db_table
    par, ws = Participant._meta.db_table, Workshop._meta.db_table
    per_program = args.rows // args.programs
    for i in range(args.programs):
        t0 = time.perf_counter()
        slug = f"city-{i + 1:02d}"
        seed_program(slug=slug, seed=i + 1, scale=1, name=f"City {i + 1}")
        # Programs of different sizes: from 0.5 to 1.5 times the average.
        size = 0.5 + i / max(args.programs - 1, 1)
        activities = int(per_program * size / BULK_PER_ACTIVITY)
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM programs_program WHERE slug = %s", [slug])
            program_id = cursor.fetchone()[0]
            cursor.execute(
                f"INSERT INTO {act} (program_id, key, workshop_id, kind, large_event, date, "
                "title, status, premises, languages, created_at) "
                "SELECT %s, 'bulk-' || g, w.ids[1 + g %% array_length(w.ids, 1)], "
                "'health_circle', false, DATE '2023-01-01' + (g %% %s), 'Bulk', "
                "CASE WHEN g %% 20 = 0 THEN 'cancelled' ELSE 'held' END, '', '', now() "
                f"FROM generate_series(1, %s) g, (SELECT array_agg(id ORDER BY id) ids "
                f"FROM {ws} WHERE program_id = %s) w",
                [program_id, BULK_DAYS, activities, program_id],
            )
            cursor.execute(
                f"INSERT INTO {att} (activity_id, participant_id, recorded_at) "
                "SELECT a.id, p.ids[1 + (a.id * 7 + j) %% array_length(p.ids, 1)], now() "
                f"FROM {act} a, generate_series(0, %s) j, (SELECT array_agg(id ORDER BY id) "
                f"ids FROM {par} WHERE program_id = %s) p "
                "WHERE a.program_id = %s AND a.key LIKE 'bulk-%%'",
                [BULK_PER_ACTIVITY - 1, program_id, program_id],
            )
        print(f"  {slug}: +{activities} activities, {time.perf_counter() - t0:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute(f"SELECT COUNT(*) FROM {act}")
        n_act = cursor.fetchone()[0]
        cursor.execute(f"SELECT COUNT(*) FROM {att}")
        n_att = cursor.fetchone()[0]
    return {
        "programs": args.programs,
        "activities": n_act,
        "attendance": n_att,
        "seed_s": time.perf_counter() - started,
    }


def city_floor(program_ids: list[int], start, end) -> dict[int, dict[str, int]]:
    """The city dashboard's figures of every program for one period by hand-written SQL:
    one grouped query per kind of figure over all programs at once (the floor)."""
    from django.conf import settings
    from django.db import connection

    from jamlik.activities.models import Activity, Attendance, Headcount, IndividualSupport

    act, att = Activity._meta.db_table, Attendance._meta.db_table
    hc, sup = Headcount._meta.db_table, IndividualSupport._meta.db_table
    held = "a.program_id = ANY(%s) AND a.date >= %s AND a.date <= %s AND a.status = 'held'"
    p = [program_ids, start, end]
    out = {
        pk: dict.fromkeys(
            ("activities", "large_events", "unique_participants", "recurring_participants",
             "visits", "headcount", "support_contacts"),
            0,
        )
        for pk in program_ids
    }  # fmt: skip

    def rows(sql, params=p):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    for pk, acts, large in rows(
        "SELECT a.program_id, SUM(CASE WHEN a.large_event THEN 0 ELSE 1 END), "
        f"SUM(CASE WHEN a.large_event THEN 1 ELSE 0 END) FROM {act} a WHERE {held} "
        "GROUP BY a.program_id"
    ):
        out[pk] |= {"activities": int(acts), "large_events": int(large)}
    for pk, unique, visits in rows(
        f"SELECT a.program_id, COUNT(DISTINCT t.participant_id), COUNT(*) FROM {att} t "
        f"JOIN {act} a ON a.id = t.activity_id WHERE {held} GROUP BY a.program_id"
    ):
        out[pk] |= {"unique_participants": unique, "visits": visits}
    for pk, recurring in rows(
        "SELECT program_id, COUNT(*) FROM (SELECT a.program_id, t.participant_id "
        f"FROM {att} t JOIN {act} a ON a.id = t.activity_id WHERE {held} AND NOT a.large_event "
        "GROUP BY a.program_id, t.participant_id "
        "HAVING COUNT(DISTINCT date_trunc('week', a.date)) >= %s) r GROUP BY program_id",
        p + [settings.RECURRING_MIN_WEEKS],
    ):
        out[pk]["recurring_participants"] = recurring
    for pk, count in rows(
        f"SELECT a.program_id, SUM(h.count) FROM {hc} h JOIN {act} a ON a.id = h.activity_id "
        f"WHERE {held} GROUP BY a.program_id"
    ):
        out[pk]["headcount"] = int(count)
    for pk, contacts in rows(
        f"SELECT s.program_id, COUNT(*) FROM {sup} s WHERE s.program_id = ANY(%s) "
        "AND s.date >= %s AND s.date <= %s GROUP BY s.program_id"
    ):
        out[pk]["support_contacts"] = contacts
    return out


def child_city_measure(args) -> dict:
    """The city dashboard of every program for `--period` (and its previous half-year, for
    the change): cold (no figures cached), warm (cached, as after the first visit), the
    whole page as the funder officer gets it, against the SQL floor of the same figures."""
    setup_django()
    from datetime import date

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from jamlik.lib.periods import Period
    from jamlik.organisations.dashboard import FIGURES, city_rows, city_totals, figure_value
    from jamlik.organisations.models import Organisation, OrganisationRole
    from jamlik.programs.models import Program
    from jamlik.reports.aggregates import ensure_built
    from jamlik.reports.figures import compute_figures
    from jamlik.reports.models import CachedFigures

    call_command("migrate", verbosity=0)
    organisation, _ = Organisation.objects.get_or_create(slug="bench-city", name="Bench city")
    Program.objects.filter(slug__startswith="city-").update(organisation=organisation)
    officer, _ = User.objects.get_or_create(username="bench-funder")
    OrganisationRole.objects.get_or_create(
        user=officer, organisation=organisation, defaults={"role": "funder"}
    )
    programs = Program.objects.filter(organisation=organisation)
    ids = list(programs.values_list("pk", flat=True))
    period = Period.parse(args.period)
    periods = (period, period.previous())
    today = date(2025, 12, 31)

    # Correctness first: the floor gives the dashboard's (internal) figures.
    floors = {p.label: city_floor(ids, p.start, p.end) for p in periods}
    for program in programs:
        for p in periods:
            figures = compute_figures(program=program, period=p)
            expected = {f.key: figure_value(figures, f) for f in FIGURES}
            assert floors[p.label][program.pk] == expected, (program.slug, p.label)
    print("  the SQL floor equals compute_figures for every program and period", flush=True)

    # The aggregates are kept on every write in production; a bulk-seeded database builds
    # them once (as `jamlik figures_rebuild` does after an upgrade), timed on its own.
    t0 = time.perf_counter()
    for program in programs:
        ensure_built(program)
    build_s = time.perf_counter() - t0
    print(f"  figures aggregates built (or found) in {build_s:.1f} s", flush=True)

    def dashboard():
        rows = city_rows(programs, period, today=today)
        city_totals(rows)
        return rows

    def cold():
        CachedFigures.objects.filter(program__in=programs).delete()
        t0 = time.perf_counter()
        dashboard()
        return time.perf_counter() - t0

    def floor():
        for p in periods:
            city_floor(ids, p.start, p.end)

    def floor_full():
        # Everything compute_figures gives (by workshop and category too), per program.
        for pk in ids:
            for p in periods:
                sql_figures(pk, p.start, p.end)

    client = Client()
    client.force_login(officer)
    # Served as a test client over plain http, static files from the sources.
    plain = override_settings(
        ALLOWED_HOSTS=["testserver"],
        SECURE_SSL_REDIRECT=False,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )

    def page():
        response = client.get(f"/o/bench-city/?period={period.label}")
        assert response.status_code == 200, response.status_code

    cold_s = statistics.median(cold() for _ in range(args.repeat))
    print(f"  cold dashboard {cold_s:.2f} s", flush=True)
    dashboard()
    counted = []
    with connection.execute_wrapper(lambda execute, *a: counted.append(1) or execute(*a)):
        dashboard()
    with plain:
        page()  # the templates are loaded once, as in a running server
        page_s = median_s(args.repeat, page)
    result = {
        "programs": len(ids),
        "aggregates_build_s": build_s,
        "dashboard_cold_s": cold_s,
        "dashboard_warm_s": median_s(args.repeat, dashboard),
        "page_warm_s": page_s,
        "floor_s": median_s(args.repeat, floor),
        "floor_full_s": median_s(args.repeat, floor_full),
        "warm_queries": len(counted),
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), pg_database_size(current_database())")
        version, size = cursor.fetchone()
        cursor.execute("SELECT COUNT(*) FROM activities_attendance")
        result["attendance"] = cursor.fetchone()[0]
    result["version"] = version.split(" on ")[0]
    result["db_mib"] = size / 2**20
    result["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def run_city(args) -> None:
    """The city dashboard benchmark (PostgreSQL only): seed unless --reuse finds the data."""
    import psycopg

    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "jamlik.settings")
    url = args.pg_url.rstrip("/") + "/" + args.pg_database
    seeded = False
    if args.reuse:
        try:
            with psycopg.connect(url) as conn:
                found = conn.execute(
                    "SELECT COUNT(*) FROM programs_program WHERE slug LIKE 'city-%'"
                ).fetchone()[0]
            seeded = found == args.programs
        except psycopg.Error:
            seeded = False
    started = time.perf_counter()
    if not seeded:
        env["DATABASE_URL"] = fresh_postgres(args.pg_url, args.pg_database)
        print(f"seeding {args.programs} programs, {args.rows:,} attendance rows ...", flush=True)
        seed = run_child("city-seed", env, args)
        print(f"seeded in {seed['seed_s']:.0f} s", flush=True)
    env["DATABASE_URL"] = url
    r = run_child("city-measure", env, args)
    info = machine()
    print()
    print(f"machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory_gib']} GiB, "
          f"Python {info['python']}, {r['version']}")  # fmt: skip
    print(f"{r['programs']} programs, {r['attendance']:,} attendance rows, "
          f"{r['db_mib']:.0f} MiB; period {args.period} and the half-year before")  # fmt: skip
    ratio = r["dashboard_cold_s"] / r["floor_s"]
    met = verdict(ratio <= TARGET_RATIO)
    for label, value in (
        ("figures aggregates built once", f"{r['aggregates_build_s']:.1f} s"),
        ("city dashboard, nothing cached", f"{r['dashboard_cold_s']:.2f} s"),
        ("SQL floor, the dashboard's figures", f"{r['floor_s']:.2f} s"),
        ("SQL floor, all figures per program", f"{r['floor_full_s']:.2f} s "
         f"(ratio {r['dashboard_cold_s'] / r['floor_full_s']:.2f})"),
        ("ratio cold / floor", f"{ratio:.2f} (target <= {TARGET_RATIO:g}: {met})"),
        ("city dashboard, figures cached", f"{r['dashboard_warm_s'] * 1000:.0f} ms "
         f"({r['warm_queries']} queries)"),
        ("the page as the funder officer gets it", f"{r['page_warm_s'] * 1000:.0f} ms "
         f"(target < 1 s: {verdict(r['page_warm_s'] < 1)})"),
        ("ru_maxrss of the measuring process", f"{r['maxrss_mib']:.0f} MiB"),
    ):  # fmt: skip
        print(f"{label:<40} {value}")
    print(f"wall time {(time.perf_counter() - started) / 60:.1f} min")


def sql_figures(program_id: int, start, end) -> dict:
    """compute_figures' internal figures by hand-written SQL, one query per figure."""
    from django.conf import settings
    from django.db import connection

    from jamlik.activities.models import (
        Activity,
        Attendance,
        Category,
        Headcount,
        IndividualSupport,
        Participant,
    )
    from jamlik.workshops.models import Workshop

    act = Activity._meta.db_table
    att = Attendance._meta.db_table
    par = Participant._meta.db_table
    hc = Headcount._meta.db_table
    sup = IndividualSupport._meta.db_table
    ws = Workshop._meta.db_table
    held = "a.program_id = %s AND a.date >= %s AND a.date <= %s AND a.status = 'held'"
    p = [program_id, start, end]
    if connection.vendor == "postgresql":
        week = "date_trunc('week', a.date)"  # the Monday of the ISO week
    else:
        week = "date(a.date, '-3 days', 'weekday 4')"  # the Thursday of the ISO week

    def one(sql, params=p):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count_activities(where: str) -> int:
        base = "SELECT COUNT(*) FROM {act} a WHERE a.program_id = %s AND a.date >= %s "
        return one((base + "AND a.date <= %s AND " + where).format(act=act))[0][0]

    figures: dict = {
        "activities": count_activities("a.status = 'held' AND NOT a.large_event"),
        "large_events": count_activities("a.status = 'held' AND a.large_event"),
        "cancelled_activities": count_activities("a.status = 'cancelled'"),
    }
    by_category = dict(
        one(
            f"SELECT pa.category, COUNT(DISTINCT t.participant_id) FROM {att} t "
            f"JOIN {act} a ON a.id = t.activity_id JOIN {par} pa ON pa.id = t.participant_id "
            f"WHERE {held} GROUP BY pa.category"
        )
    )
    figures["unique_participants"] = {"total": sum(by_category.values())} | {
        c: by_category.get(c, 0) for c in Category.values
    }
    figures["recurring_participants"] = one(
        f"SELECT COUNT(*) FROM (SELECT t.participant_id FROM {att} t "
        f"JOIN {act} a ON a.id = t.activity_id WHERE {held} AND NOT a.large_event "
        f"GROUP BY t.participant_id HAVING COUNT(DISTINCT {week}) >= %s) r",
        p + [settings.RECURRING_MIN_WEEKS],
    )[0][0]
    figures["visits"] = {
        "registered": one(
            f"SELECT COUNT(*) FROM {att} t JOIN {act} a ON a.id = t.activity_id WHERE {held}"
        )[0][0],
        "headcount": one(
            f"SELECT COALESCE(SUM(h.count), 0) FROM {hc} h "
            f"JOIN {act} a ON a.id = h.activity_id WHERE {held}"
        )[0][0],
    }
    participants, contacts = one(
        f"SELECT COUNT(DISTINCT s.participant_id), COUNT(*) FROM {sup} s "
        "WHERE s.program_id = %s AND s.date >= %s AND s.date <= %s"
    )[0]
    figures["individual_support"] = {"participants": participants, "contacts": contacts}
    rows = one(
        f"WITH held AS (SELECT a.id, a.workshop_id, a.large_event FROM {act} a "
        f"WHERE {held} AND a.workshop_id IS NOT NULL) "
        "SELECT w.key, g.acts, g.large, COALESCE(u.uniq, 0), "
        "COALESCE(u.visits, 0) + COALESCE(c.n, 0) "
        "FROM (SELECT workshop_id, SUM(CASE WHEN large_event THEN 0 ELSE 1 END) acts, "
        "SUM(CASE WHEN large_event THEN 1 ELSE 0 END) large FROM held GROUP BY workshop_id) g "
        f"JOIN {ws} w ON w.id = g.workshop_id "
        "LEFT JOIN (SELECT h.workshop_id, COUNT(DISTINCT t.participant_id) uniq, "
        f"COUNT(*) visits FROM {att} t JOIN held h ON h.id = t.activity_id "
        "GROUP BY h.workshop_id) u ON u.workshop_id = g.workshop_id "
        f"LEFT JOIN (SELECT h.workshop_id, SUM(x.count) n FROM {hc} x "
        "JOIN held h ON h.id = x.activity_id GROUP BY h.workshop_id) c "
        "ON c.workshop_id = g.workshop_id ORDER BY w.key"
    )
    figures["by_workshop"] = {
        key: {
            "activities": int(acts),
            "large_events": int(large),
            "unique_participants": int(uniq),
            "visits": int(visits),
        }
        for key, acts, large, uniq, visits in rows
    }
    return figures


def median_s(repeat: int, func) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def traced_peak_mib(func) -> float:
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def child_measure(args) -> dict:
    setup_django()
    from django.db import connection

    from jamlik.lib.periods import Period
    from jamlik.programs.models import Program
    from jamlik.reports.figures import compute_figures
    from jamlik.reports.services import adhoc_report

    half, year = Period.parse(args.period), Period.parse(args.year)
    programs = list(Program.objects.filter(slug__startswith="city-").order_by("slug"))
    first = programs[0]
    skip = ("program", "period", "audience")

    def django_figures(program, period):
        figures = compute_figures(program=program, period=period)
        return {k: v for k, v in figures.items() if k not in skip}

    # Correctness first: the floor must compute the very same figures.
    for program in programs:
        for period in (half, year):
            expected = django_figures(program, period)
            got = sql_figures(program.pk, period.start, period.end)
            assert got == expected, (program.slug, period.label, got, expected)
    print(f"  {connection.vendor}: SQL floor equals compute_figures for all programs", flush=True)

    def year_all():
        for program in programs:
            compute_figures(program=program, period=year)

    def year_all_sql():
        for program in programs:
            sql_figures(program.pk, year.start, year.end)

    def pdf():
        adhoc_report(program=first, period=half, audience="external", fmt="pdf", language="sv")

    result = {
        "half_s": median_s(args.repeat, lambda: compute_figures(program=first, period=half)),
        "half_sql_s": median_s(args.repeat, lambda: sql_figures(first.pk, half.start, half.end)),
        "year_s": median_s(args.repeat, year_all),
        "year_sql_s": median_s(args.repeat, year_all_sql),
        "pdf_s": median_s(args.repeat, pdf),
        "half_peak_mib": traced_peak_mib(lambda: compute_figures(program=first, period=half)),
        "year_peak_mib": traced_peak_mib(year_all),
        "pdf_peak_mib": traced_peak_mib(pdf),
        "equal": True,
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version(), pg_database_size(current_database())")
            version, size = cursor.fetchone()
            result["version"] = version.split(" on ")[0]
        else:
            import sqlite3

            result["version"] = f"SQLite {sqlite3.sqlite_version}"
            size = Path(connection.settings_dict["NAME"]).stat().st_size
    result["db_mib"] = size / 2**20
    result["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=20)
    parser.add_argument("--scale", type=int, default=12)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--period", default="2024H1", help="the program-half-year of (a)")
    parser.add_argument("--year", default="2024", help="the year of (b)")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://jamlik:jamlik-ci@127.0.0.1:5432"),
        help="PostgreSQL server URL without database (role needs CREATEDB)",
    )
    parser.add_argument("--pg-database", default="jamlik_bench")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the seeded data (var/bench-city/) and reuse it when programs and scale match",
    )
    parser.add_argument("--rows", type=int, default=5_000_000, help="city: attendance rows")
    parser.add_argument(
        "--city",
        action="store_true",
        help="the city dashboard benchmark instead (PostgreSQL, --pg-database jamlik_city_bench)",
    )
    parser.add_argument(
        "--child",
        choices=("seed", "measure", "city-seed", "city-measure"),
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        steps = {
            "seed": child_seed,
            "measure": child_measure,
            "city-seed": child_city_seed,
            "city-measure": child_city_measure,
        }
        result = steps[args.child](args)
        Path(args.child_out).write_text(json.dumps(result))
        return

    if args.city:
        if args.pg_database == "jamlik_bench":
            args.pg_database = "jamlik_city_bench"
        run_city(args)
        return
    started = time.perf_counter()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = {db: run_database(db, args) for db in databases}
    print_table(results, args, time.perf_counter() - started)


if __name__ == "__main__":
    main()
