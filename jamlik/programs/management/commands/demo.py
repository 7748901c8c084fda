import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from jamlik.organisations.demo import city_logins
from jamlik.programs.demo import (
    DEMO_PASSWORD,
    DEMO_SEED,
    DEMO_SLUG,
    DemoLogin,
    ensure_demo_users,
    seed_program,
)
from jamlik.programs.models import Program
from jamlik.reports.demo import seed_reports

DEFAULT_ADDRPORT = "127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        f"Migrate the database, load the synthetic demo program {DEMO_SLUG!r} (daily record, "
        "needs, finance, governance and evaluation) unless it is already there complete, "
        "create one login per role, print them and serve the site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Do everything except starting the development server.",
        )
        parser.add_argument(
            "--addrport",
            default=DEFAULT_ADDRPORT,
            help=f"Address and port to serve on (default {DEFAULT_ADDRPORT}).",
        )

    def handle(self, *args, no_serve: bool, addrport: str, verbosity: int, **options):
        Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        program = Program.objects.filter(slug=DEMO_SLUG).first()
        # The evaluation is seeded last: a program without waves is incomplete or was
        # loaded by an earlier version, and is loaded again.
        if program is None or not program.waves.exists():
            started = time.monotonic()
            today = timezone.localdate()
            result = seed_program(slug=DEMO_SLUG, seed=DEMO_SEED, replace=True, today=today)
            program = result.program
            seed_reports(program, today=today)
            self.stdout.write(
                f"Loaded the demo program in {time.monotonic() - started:.1f} s: "
                f"{result.activities} activities, {result.participants} participants, "
                f"{result.attendance} attendances, {result.needs} needs, "
                f"{result.expenses} expenses, {result.meetings} meetings, "
                f"{result.survey_responses} survey responses."
            )
        else:
            self.stdout.write(f"Using the existing demo program {DEMO_SLUG!r}.")
        logins = ensure_demo_users(program=program)
        self.stdout.write(_logins_table(program, logins, _url(addrport)))
        self.stdout.write(city_logins())
        if not no_serve:
            call_command("runserver", addrport, use_reloader=False)


def _logins_table(program: Program, logins: list[DemoLogin], url: str) -> str:
    rows = [("role", "username", "password", "sees")]
    rows += [(login.role, login.username, DEMO_PASSWORD, login.sees) for login in logins]
    widths = [max(len(row[col]) for row in rows) for col in range(3)]
    dashboard = url.rstrip("/") + reverse("programs:dashboard", args=[program.slug])
    lines = [
        f"\n{program.name}: log in at {url}",
        f"Data from 2023 to the day the demo was loaded; the published half-year: "
        f"{dashboard}?period=2023H2\n",
    ]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        lines.append("  ".join([*cells, row[3]]))
    if settings.DEBUG:
        lines.append(
            "\nThese demo logins skip two-factor authentication because DEBUG is on; "
            "with DEBUG off the leader, researcher and admin set it up at their first login."
        )
    else:
        lines.append(
            "\nDEBUG is off: the leader, researcher and admin logins set up two-factor "
            "authentication (an authenticator app) at their first login."
        )
    return "\n".join(lines) + "\n"


def _url(addrport: str) -> str:
    if addrport.isdigit():
        return f"http://127.0.0.1:{addrport}/"
    return f"http://{addrport}/"
