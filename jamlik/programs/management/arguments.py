"""Command-line arguments that name a program or a period, turned into objects or a
CommandError in plain words."""

from django.core.management.base import CommandError

from jamlik.lib.periods import Period, PeriodError
from jamlik.programs.models import Program


def program_named(slug: str) -> Program:
    found = Program.objects.filter(slug=slug).first()
    if found is None:
        raise CommandError(f"No program with the short name {slug!r}.")
    return found


def period_named(text: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise CommandError(str(exc)) from None
