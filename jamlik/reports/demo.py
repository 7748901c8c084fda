"""The demo's reports back to the funder, as a program a year or more in would have them.

Every obligation whose period ended before the last one is approved by the steering group
and sent; the last one that ended is submitted and awaits approval; the one whose period
is still running is the next due. Dates are set as if each step had been taken in time.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from jamlik.programs.models import Program
from jamlik.reports import services
from jamlik.reports.models import Audience, BoardHandling, ReportDraft, ReportVersion
from jamlik.reports.obligations import obligations


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def seed_reports(program: Program, *, today: date) -> dict[str, int]:
    """Once per program: approved versions never change, so a reload keeps them."""
    if ReportDraft.objects.filter(program=program).exists():
        return {"approved": 0, "awaiting": 0}
    ended = [o for o in obligations(program=program, today=today) if o.period.end < today]
    approved = 0
    for number, obligation in enumerate(ended, start=1):
        draft = services.create_draft(
            user=None, program=program, period=obligation.period, audience=Audience.EXTERNAL
        )
        submitted = min(obligation.due - timedelta(days=10), today - timedelta(days=3))
        draft = services.submit(user=None, draft=draft)
        ReportDraft.objects.filter(pk=draft.pk).update(submitted_at=_at(submitted))
        if number == len(ended):
            break  # the latest awaits the steering group
        # Rendering every PDF would take minutes: the latest approved version has all its
        # files, the older ones their Excel file.
        latest = number == len(ended) - 1
        version = services.approve(
            user=None,
            draft=draft,
            note="Styrgruppens möte",
            formats=services.FROZEN_FORMATS if latest else ("xlsx",),
        )
        services.mark_sent(user=None, version=version, sent_to="Demo stad, kommunstyrelsen")
        approved_on = obligation.due + timedelta(days=14)
        ReportVersion.objects.filter(pk=version.pk).update(
            approved_at=_at(approved_on), sent_at=_at(approved_on + timedelta(days=2))
        )
        _board_handling(version, obligation.period, today=today)
        approved += 1
    return {"approved": approved, "awaiting": 1 if ended else 0}


def _board_handling(version: ReportVersion, period, *, today: date) -> None:
    """The municipal board approves each year's report in April (seed 001: before May)."""
    if period.label != str(period.start.year):
        return
    handled_on = date(period.start.year + 1, 4, 22)
    if handled_on <= today:
        BoardHandling.objects.create(
            version=version,
            handled_on=handled_on,
            outcome=BoardHandling.Outcome.APPROVED,
            reference=f"KS {period.start.year + 1}/{100 + period.start.year % 100}",
        )
