"""Load benchmark: 20 users against gunicorn with DEBUG off on PostgreSQL, on loopback.

    uv run python benchmarks/bench_load.py [--duration 120] [--users 20] [--workers 4] \
        [--pg-url postgres://jamlik:jamlik-ci@127.0.0.1:5432/jamlik_load] [--reuse] \
        [--app-dir DIR] [--programs lindangen-demo city-10]

Sets up the database (dropped and created again; migrated; the demo program and a program
seeded at `--scale` 10; a leader, a viewer and ten health promoters per program, each
promoter in one of its workshops; ANALYZE), unless `--reuse` (then only `migrate`
runs, so a database seeded by an older version can be measured again after migrating).
Then, for each program in turn, starts gunicorn (`--workers` sync workers, `-c
gunicorn.conf.py` if the application has one, `DEBUG=false`) and runs the mix of the
issue for `--duration` seconds, each simulated user waiting 0.5-1.5 s between requests:

- 10 health promoters: the attendance page of one of their workshop's recent activities,
  an htmx search by two characters of a code, marking a participant present or absent;
- 5 leaders: the dashboard for a random period (half-year, year or date range);
- 5 viewers: the dashboard and the figures API (external), whole half-years and years only.

Then `--public-users` (default 50) anonymous visitors read the first program's public
calendar for `--duration` seconds: its page, iCalendar feed and snippet in sv/en/ar
(`--public-only` runs only these; `--public-users 0` skips them).

Prints requests, p50, p95, p99 and errors per endpoint, requests per second, how busy
the machine's CPUs were and the CPU time the gunicorn workers spent per request (which,
unlike the latencies, other work on a shared machine does not inflate). `--app-dir` runs
another checkout's code (e.g. a worktree of main at an older commit) with this
environment, to measure before and after on the same machine.
Static files are not requested (with DEBUG off they need WhiteNoise).
"""

import argparse
import http.client
import json
import os
import platform
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-load-password"  # noqa: S105 - a throwaway benchmark database
PROMOTERS = 10
PERIODS_WHOLE = ["2023H1", "2023H2", "2024H1", "2024H2", "2025H1", "2023", "2024"]
HOST = "127.0.0.1"


def django_env(args) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": args.pg_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + secrets.token_hex(32),
        "SECURE_COOKIES": "false",
        # Plain http on loopback stands in for the TLS proxy, which redirects to https.
        "SECURE_SSL_REDIRECT": "false",
        # The simulated leaders cannot scan a QR code: two factors for superusers only.
        "TWO_FACTOR_REQUIRED_ROLES": "admin",
        "ALLOWED_HOSTS": HOST,
        # The application's code first, before the installed (editable) package.
        "PYTHONPATH": str(args.app_dir),
        "DJANGO_SETTINGS_MODULE": "jamlik.settings",
        # Report files are rendered by a task worker process, as in production.
        "TASKS_BACKEND": "database",
        "MEDIA_ROOT": str(args.media_root),
    }


# The Django side, run in a subprocess with the application's code.


def _django_setup(program_specs: list[list]) -> None:
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from jamlik.people.models import HealthPromoter, ProgramRole
    from jamlik.programs.demo import seed_program
    from jamlik.programs.models import Program
    from jamlik.workshops.models import Workshop

    call_command("migrate", verbosity=0)
    for slug, seed, scale in program_specs:
        started = time.monotonic()
        seed_program(slug=slug, seed=seed, scale=scale, replace=True)
        print(f"  seeded {slug} at scale {scale} in {time.monotonic() - started:.0f} s", flush=True)
        program = Program.objects.get(slug=slug)
        users = {"leader": "leader", "viewer": "viewer"}
        for name, role in users.items():
            user, _ = User.objects.get_or_create(username=f"bench-{slug}-{name}")
            user.set_password(PASSWORD)
            user.save()
            ProgramRole.objects.get_or_create(user=user, program=program, defaults={"role": role})
        workshops = list(Workshop.objects.filter(program=program).order_by("key"))
        for n in range(PROMOTERS):
            user, _ = User.objects.get_or_create(username=f"bench-{slug}-promoter-{n}")
            user.set_password(PASSWORD)
            user.save()
            ProgramRole.objects.get_or_create(
                user=user, program=program, defaults={"role": "promoter"}
            )
            promoter, _ = HealthPromoter.objects.get_or_create(
                program=program, user=user, defaults={"name": f"Bench {n}"}
            )
            workshops[n % len(workshops)].health_promoters.add(promoter)
        _build_figures(program)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _build_figures(program) -> None:
    """Build the figures aggregates now rather than in the first request (a code version
    without them has nothing to build)."""
    try:
        from jamlik.reports.aggregates import ensure_built
    except ImportError:
        return
    started = time.monotonic()
    ensure_built(program)
    print(f"  built {program.slug}'s figures in {time.monotonic() - started:.0f} s", flush=True)


def _django_pdfs(spec: list) -> None:
    """Queue `count` PDF renderings of a report draft of the program for the task worker;
    print their ids as JSON."""
    import django

    django.setup()
    from django.contrib.auth.models import User

    from jamlik.lib.periods import Period
    from jamlik.programs.models import Program
    from jamlik.reports import services

    slug, count = spec
    program = Program.objects.get(slug=slug)
    user = User.objects.get(username=f"bench-{slug}-leader")
    draft = services.create_draft(
        user=user, program=program, period=Period.parse("2024H1"), audience="internal"
    )
    ids = [
        str(services.request_rendering(user=user, draft=draft, fmt="pdf").pk) for _ in range(count)
    ]
    print(json.dumps(ids))


def _django_pdfs_done(ids: list[str]) -> None:
    import django

    django.setup()
    from jamlik.reports.models import ReportRendering

    pending = ReportRendering.objects.filter(
        pk__in=ids, status__in=[ReportRendering.Status.QUEUED, ReportRendering.Status.RUNNING]
    ).count()
    failed = ReportRendering.objects.filter(
        pk__in=ids, status=ReportRendering.Status.FAILED
    ).count()
    print(json.dumps({"pending": pending, "failed": failed}))


def _django_targets(slugs: list[str]) -> None:
    """Per program and promoter: recent held activities of the workshop, and the codes of
    participants registered in it. Printed as JSON."""
    import django

    django.setup()
    from django.core.management import call_command

    from jamlik.activities.models import Activity, Participant
    from jamlik.workshops.models import Workshop

    call_command("migrate", verbosity=0)
    result = {}
    for slug in slugs:
        promoters = []
        for n in range(PROMOTERS):
            workshop = Workshop.objects.get(
                program__slug=slug, health_promoters__user__username=f"bench-{slug}-promoter-{n}"
            )
            activities = list(
                Activity.objects.filter(workshop=workshop, status="held")
                .order_by("-date")
                .values_list("key", flat=True)[:30]
            )
            codes = list(
                Participant.objects.filter(registered_in=workshop)
                .order_by("code")
                .values_list("code", flat=True)[:200]
            )
            promoters.append({"activities": activities, "codes": codes})
        result[slug] = promoters
    print(json.dumps(result))


# The client side.


@dataclass
class Session:
    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.conn = http.client.HTTPConnection(HOST, self.port, timeout=60)

    def request(self, method: str, path: str, body: dict | None = None, htmx: bool = False):
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if htmx:
            headers["HX-Request"] = "true"
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = f"http://{HOST}:{self.port}/"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
                if attempt:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, content

    def login(self, username: str) -> None:
        self.request("GET", "/accounts/login/")
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
            },
        )
        if status != 302:
            raise RuntimeError(f"login of {username} failed with {status}")


def random_period(rng: random.Random, whole: bool) -> str:
    if whole or rng.random() < 0.6:
        return rng.choice(PERIODS_WHOLE)
    start = rng.randint(0, 800)
    length = rng.randint(14, 200)
    first = date(2023, 1, 1) + timedelta(days=start)
    return f"{first.isoformat()}..{(first + timedelta(days=length)).isoformat()}"


def run_user(kind, n, slug, targets, port, deadline, results, lock, seed) -> None:
    rng = random.Random(seed)  # noqa: S311 - a load pattern, not a secret
    session = Session(port)
    username = f"bench-{slug}-{kind}" if kind != "promoter" else f"bench-{slug}-promoter-{n}"
    session.login(username)
    mine = targets[n] if kind == "promoter" else None
    while True:
        time.sleep(rng.uniform(0.5, 1.5))
        if time.monotonic() >= deadline:
            return
        if kind == "promoter":
            key = rng.choice(mine["activities"])
            action = rng.choice(["attendance", "search", "mark"])
            base = f"/p/{slug}/activities/{key}/"
            if action == "attendance":
                call = ("promoter: attendance page", "GET", base, None, False)
            elif action == "search":
                code = rng.choice(mine["codes"])
                q = code.split("-")[-1][:2]
                call = ("promoter: search (htmx)", "GET", f"{base}search/?q={q}", None, True)
            else:
                body = {"code": rng.choice(mine["codes"]), "present": rng.choice(["1", "0"])}
                call = ("promoter: mark (htmx)", "POST", f"{base}attendance/", body, True)
        elif kind == "leader":
            period = random_period(rng, whole=False)
            call = ("leader: dashboard", "GET", f"/p/{slug}/?period={period}", None, False)
        elif rng.random() < 0.5:
            period = random_period(rng, whole=True)
            call = ("viewer: dashboard", "GET", f"/p/{slug}/?period={period}", None, False)
        else:
            period = random_period(rng, whole=True)
            path = f"/api/programs/{slug}/figures?period={period}&audience=external"
            call = ("viewer: figures API", "GET", path, None, False)
        name, method, path, body, htmx = call
        started = time.perf_counter()
        try:
            status, _ = session.request(method, path, body, htmx)
        except OSError:
            status = 0
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            results.append((name, elapsed, status == 200, time.monotonic()))


# The public calendar (issue 18): anonymous residents, --public-users of them at once.

PUBLIC_LANGUAGES = ("sv", "en", "ar")


def _django_public(slug: str) -> None:
    """The seeded record ends on a fixed day: give the program's public calendar the coming
    four weeks' activities (30, published in three languages), once."""
    import django

    django.setup()
    from django.utils import timezone

    from jamlik.activities.models import Activity
    from jamlik.communication.demo import DESCRIPTIONS, TITLES
    from jamlik.communication.models import PublicListing
    from jamlik.programs.models import Program

    program = Program.objects.get(slug=slug)
    workshops = list(program.workshops.order_by("key"))
    today = timezone.localdate()
    kinds = list(TITLES)
    for n in range(30):
        activity, created = Activity.objects.get_or_create(
            program=program,
            key=f"bench-public-{today:%Y%m%d}-{n}",
            defaults={
                "workshop": workshops[n % len(workshops)],
                "kind": kinds[n % len(kinds)],
                "date": today + timedelta(days=n % 28),
                "start_time": f"{10 + n % 9}:00",
                "title": "Bench",
                "status": Activity.Status.PLANNED,
                "premises": "Mötesplatsen",
            },
        )
        if created:
            sv, en, ar = TITLES[activity.kind]
            PublicListing.objects.create(
                activity=activity, published=True, title_sv=sv, title_en=en, title_ar=ar,
                description_sv=DESCRIPTIONS[0], description_en=DESCRIPTIONS[1],
                description_ar=DESCRIPTIONS[2],
            )  # fmt: skip


def run_public_user(slug, port, deadline, results, lock, seed) -> None:
    """An anonymous visitor: the calendar page (often), its feed and the embedded snippet."""
    rng = random.Random(seed)  # noqa: S311 - a load pattern, not a secret
    session = Session(port)
    while True:
        time.sleep(rng.uniform(0.5, 1.5))
        if time.monotonic() >= deadline:
            return
        lang = rng.choice(PUBLIC_LANGUAGES)
        name, path = rng.choices(
            [
                ("public: calendar page", f"/c/{slug}/{lang}/"),
                ("public: iCalendar feed", f"/c/{slug}/{lang}/calendar.ics"),
                ("public: embedded snippet", f"/c/{slug}/{lang}/embed/"),
            ],
            weights=(6, 2, 2),
        )[0]
        started = time.perf_counter()
        try:
            status, _ = session.request("GET", path)
        except OSError:
            status = 0
        with lock:
            results.append((name, (time.perf_counter() - started) * 1000, status == 200))


def measure_public(args, slug: str, server_pid: int) -> dict:
    deadline = time.monotonic() + args.duration
    results: list = []
    lock = threading.Lock()
    threads = [
        threading.Thread(
            target=run_public_user, args=(slug, args.port, deadline, results, lock, 1000 + i)
        )
        for i in range(args.public_users)
    ]
    busy0, total0 = cpu_times()
    workers0 = workers_cpu_s(server_pid)
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    busy1, total1 = cpu_times()
    workers1 = workers_cpu_s(server_pid)
    rows = {}
    for name in sorted({r[0] for r in results}) + ["all"]:
        chosen = [r for r in results if name in ("all", r[0])]
        times = [r[1] for r in chosen]
        rows[name] = {
            "requests": len(times),
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "p99": percentile(times, 99),
            "errors": sum(1 for r in chosen if not r[2]),
        }
    return {
        "rows": rows,
        "rps": len(results) / elapsed,
        "cpu_busy": (busy1 - busy0) / max(1, total1 - total0),
        "worker_cpu_ms": (workers1 - workers0) * 1000 / max(1, len(results)),
    }


def cpu_times() -> tuple[int, int]:
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def workers_cpu_s(server_pid: int) -> float:
    """CPU seconds (user + system) used so far by the gunicorn master's worker processes:
    unlike latencies, not inflated by other work on the machine."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server_pid:  # the parent pid
            total += int(fields[11]) + int(fields[12])
    return total / tick


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def start_gunicorn(args, env) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn"]
    if (args.app_dir / "gunicorn.conf.py").exists():
        command += ["-c", str(args.app_dir / "gunicorn.conf.py")]
    command += [
        "--chdir",
        str(args.app_dir),
        "--workers",
        str(args.workers),
        "--bind",
        f"{HOST}:{args.port}",
        "--timeout",
        "120",
        "--error-logfile",
        "-",
        "--log-level",
        "warning",
        "jamlik.wsgi",
    ]
    if (Path(args.app_dir) / "gunicorn.conf.py").exists():
        # WhiteNoise serves the hashed files that collectstatic writes, as in production.
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v0"],
            env=env,
            cwd=args.app_dir,
            check=True,
        )
    process = subprocess.Popen(command, env=env, cwd=args.app_dir)  # noqa: S603
    for _ in range(240):
        time.sleep(0.5)
        try:
            connection = http.client.HTTPConnection(HOST, args.port, timeout=30)
            connection.request("GET", "/accounts/login/", headers={"Host": HOST})
            if connection.getresponse().status == 200:
                return process
        except OSError:
            continue
    process.terminate()
    raise RuntimeError("gunicorn did not answer")


def warm_up(args, slug: str) -> None:
    """One request per worker and kind, so that no worker's cold start is measured."""
    session = Session(args.port)
    session.login(f"bench-{slug}-leader")
    for _ in range(args.workers * 3):
        session.request("GET", f"/p/{slug}/?period=2024H1")
        session.request("GET", f"/p/{slug}/activities/")
        session.request("GET", f"/api/programs/{slug}/figures?period=2024H1")


def django_step(args, env, step: str, arg) -> object:
    here = [sys.executable, str(Path(__file__).resolve())]
    out = subprocess.run(  # noqa: S603
        [*here, "--django-step", step, "--step-arg", json.dumps(arg)],
        env=env,
        cwd=args.app_dir,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def watch_pdfs(args, env, slug: str, pdf_window: dict) -> None:
    """Queue `--pdfs` PDF renderings for the task worker and note when all are done."""
    pdf_window["start"] = time.monotonic()
    ids = django_step(args, env, "pdfs", [slug, args.pdfs])
    while True:
        state = django_step(args, env, "pdfs_done", ids)
        if not state["pending"]:
            pdf_window["end"] = time.monotonic()
            pdf_window["failed"] = state["failed"]
            return
        if time.monotonic() - pdf_window["start"] > 600:
            pdf_window["failed"] = -1
            return
        time.sleep(0.5)


def measure(args, slug: str, targets, server_pid: int, env=None) -> dict:
    deadline = time.monotonic() + args.duration
    results: list = []
    lock = threading.Lock()
    kinds = (
        [("promoter", n) for n in range(args.users // 2)]
        + [("leader", 0)] * (args.users // 4)
        + [("viewer", 0)] * (args.users - args.users // 2 - args.users // 4)
    )
    threads = [
        threading.Thread(
            target=run_user,
            args=(kind, n % PROMOTERS, slug, targets, args.port, deadline, results, lock, i),
        )
        for i, (kind, n) in enumerate(kinds)
    ]
    pdf_window: dict = {}
    if args.pdfs:
        threads.append(threading.Thread(target=watch_pdfs, args=(args, env, slug, pdf_window)))
    busy0, total0 = cpu_times()
    workers0 = workers_cpu_s(server_pid)
    started = time.monotonic()
    for thread in threads:
        thread.start()
    users, watcher = threads[: len(kinds)], threads[len(kinds) :]
    for thread in users:
        thread.join()
    elapsed = time.monotonic() - started
    busy1, total1 = cpu_times()
    workers1 = workers_cpu_s(server_pid)
    for thread in watcher:  # the PDFs may take longer than the mix on a busy machine
        thread.join()
    rows = {}
    for name in sorted({r[0] for r in results}):
        times = [r[1] for r in results if r[0] == name]
        rows[name] = {
            "requests": len(times),
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "p99": percentile(times, 99),
            "errors": sum(1 for r in results if r[0] == name and not r[2]),
        }
    if pdf_window.get("end"):
        during = [
            r
            for r in results
            if pdf_window["start"] <= r[3] <= pdf_window["end"] and "dashboard" in r[0]
        ]
        times = [r[1] for r in during]
        rows["dashboards while the PDFs render"] = {
            "requests": len(times),
            "p50": percentile(times, 50) if times else 0,
            "p95": percentile(times, 95) if times else 0,
            "p99": percentile(times, 99) if times else 0,
            "errors": sum(1 for r in during if not r[2]),
        }
    every = [r[1] for r in results]
    rows["all"] = {
        "requests": len(every),
        "p50": percentile(every, 50),
        "p95": percentile(every, 95),
        "p99": percentile(every, 99),
        "errors": sum(1 for r in results if not r[2]),
    }
    return {
        "rows": rows,
        "pdfs": (
            {
                "count": args.pdfs,
                "seconds": pdf_window["end"] - pdf_window["start"],
                "failed": pdf_window["failed"],
            }
            if pdf_window.get("end")
            else None
        ),
        "rps": len(results) / elapsed,
        "cpu_busy": (busy1 - busy0) / max(1, total1 - total0),
        "worker_cpu_ms": (workers1 - workers0) * 1000 / max(1, len(results)),
    }


def print_table(label: str, slug: str, measured: dict) -> None:
    print(
        f"\n{label}, {slug}: {measured['rps']:.1f} requests/s, "
        f"CPU busy {measured['cpu_busy']:.0%} (the whole machine), "
        f"gunicorn workers' CPU {measured['worker_cpu_ms']:.0f} ms per request"
    )
    if measured.get("pdfs"):
        pdfs = measured["pdfs"]
        print(
            f"{pdfs['count']} report PDFs rendered by the task worker in "
            f"{pdfs['seconds']:.1f} s ({pdfs['failed']} failed) while the mix ran"
        )
    print("| endpoint | requests | p50 | p95 | p99 | errors |")
    print("|---|---|---|---|---|---|")
    for name, row in measured["rows"].items():
        print(
            f"| {name} | {row['requests']} | {row['p50']:.0f} ms | {row['p95']:.0f} ms "
            f"| {row['p99']:.0f} ms | {row['errors']} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--pg-url", default="postgres://jamlik:jamlik-ci@127.0.0.1:5432/jamlik_load"
    )
    parser.add_argument("--duration", type=int, default=120)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--app-dir", type=Path, default=ROOT)
    parser.add_argument("--label", default="run")
    parser.add_argument("--programs", nargs="*", default=["lindangen-demo", "city-10"])
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--public-users", type=int, default=50, help="0: no public calendar run")
    parser.add_argument("--public-only", action="store_true", help="only the public calendar")
    parser.add_argument(
        "--pdfs", type=int, default=4, help="report PDFs queued for the task worker (0: none)"
    )
    parser.add_argument("--media-root", type=Path, help="for the PDFs (default: a new temp dir)")
    parser.add_argument(
        "--django-step",
        choices=["setup", "targets", "public", "pdfs", "pdfs_done"],
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--step-arg", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.app_dir = args.app_dir.resolve()
    if args.users < 4 or args.duration > 900:
        parser.error("--users at least 4, --duration at most 900 seconds")

    if args.django_step == "setup":
        return _django_setup(json.loads(args.step_arg))
    if args.django_step == "targets":
        return _django_targets(json.loads(args.step_arg))
    if args.django_step == "public":
        return _django_public(args.step_arg)
    if args.django_step == "pdfs":
        return _django_pdfs(json.loads(args.step_arg))
    if args.django_step == "pdfs_done":
        return _django_pdfs_done(json.loads(args.step_arg))

    if args.media_root is None:
        args.media_root = Path(tempfile.mkdtemp(prefix="jamlik-bench-load-"))
    env = django_env(args)
    here = [sys.executable, str(Path(__file__).resolve())]
    if not args.reuse:
        _recreate_database(args.pg_url)
        specs = [[args.programs[0], 1, 1], [args.programs[1], 2, args.scale]]
        print("setting up the database", flush=True)
        subprocess.run(  # noqa: S603
            [*here, "--django-step", "setup", "--step-arg", json.dumps(specs)],
            env=env,
            cwd=args.app_dir,
            check=True,
        )
    out = subprocess.run(  # noqa: S603
        [*here, "--django-step", "targets", "--step-arg", json.dumps(args.programs)],
        env=env,
        cwd=args.app_dir,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    targets = json.loads(out.strip().splitlines()[-1])
    commit = subprocess.run(  # noqa: S603
        ["git", "-C", str(args.app_dir), "rev-parse", "--short", "HEAD"],  # noqa: S607
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(
        f"{args.label}: code {args.app_dir} at {commit}; {args.users} users, "
        f"{args.duration} s per program, {args.workers} gunicorn workers; "
        f"{platform.python_version()}, {os.cpu_count()} CPUs",
        flush=True,
    )
    if args.public_users:
        subprocess.run(  # noqa: S603
            [*here, "--django-step", "public", "--step-arg", args.programs[0]],
            env=env,
            cwd=args.app_dir,
            check=True,
        )
    results = {}
    server = start_gunicorn(args, env)
    worker = None
    if args.pdfs:
        # The task worker, as docs/deployment.md runs it beside gunicorn.
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "django", "db_worker", "--interval", "1"],
            env=env,
            cwd=args.app_dir,
            stdout=subprocess.DEVNULL,
        )
    try:
        for slug in [] if args.public_only else args.programs:
            warm_up(args, slug)
            results[slug] = measure(args, slug, targets[slug], server.pid, env)
            print_table(args.label, slug, results[slug])
        if args.public_users:
            slug = args.programs[0]
            results[f"{slug} public"] = measure_public(args, slug, server.pid)
            print_table(
                f"{args.label}, {args.public_users} anonymous users",
                slug,
                results[f"{slug} public"],
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
    if args.json:
        args.json.write_text(json.dumps({"label": args.label, "commit": commit, **results}))


def _recreate_database(url: str) -> None:
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
