import argparse
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jamlik.programs.demo import ProgramHasData, seed_program
from jamlik.programs.demo_names import DEMO_NAME


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


class Command(BaseCommand):
    help = (
        "Build a synthetic program with activities from 2023-01-01 to --today (planned ones "
        "for four weeks after it), and its needs, finance, governance and evaluation. "
        "The same seed and --today give the same data; at scale 1 the 2023H2 figures are the "
        "city's published half-year, at scale S every half-year is S times as large. "
        "Refuses a program that already has data unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="The program's short name (slug).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--scale", type=_positive_int, default=1, help="Volume multiplier (default 1)."
        )
        parser.add_argument("--name", default=DEMO_NAME, help=f"Default: {DEMO_NAME!r}.")
        parser.add_argument(
            "--today",
            type=_day,
            help="The last day of the record, YYYY-MM-DD (default: the date today).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the program's data (workshops, activities, participants, needs, "
            "finance, governance, evaluation) first.",
        )

    def handle(self, *args, program, seed, scale, name, replace, today, **options):
        started = time.monotonic()
        today = today or timezone.localdate()
        try:
            result = seed_program(
                slug=program, seed=seed, scale=scale, name=name, replace=replace, today=today
            )
        except ProgramHasData as exc:
            raise CommandError(f"{exc} Add --replace to delete them and seed again.") from None
        self.stdout.write(
            f"Seeded {program} (seed {seed}, scale {scale}, up to {today}): "
            f"{result.workshops} workshops, "
            f"{result.activities} activities, {result.participants} participants, "
            f"{result.attendance} attendances, {result.support_contacts} support contacts, "
            f"{result.needs} needs, {result.expenses} expenses, {result.meetings} meetings, "
            f"{result.survey_responses} survey responses in {time.monotonic() - started:.1f} s."
        )
