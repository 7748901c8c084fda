"""The funder's cycle after a report (seed 001): the municipal board handles the sent
report, and next year's payment depends on the board approving the previous year's.

The chain the dashboard shows: report due → approved by the steering group → sent →
handled by the board → payment released.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jamlik.people import audit
from jamlik.programs.models import Program
from jamlik.reports.models import Audience, BoardHandling, ReportDraft, ReportVersion


@transaction.atomic
def record_board_handling(
    *, user, version: ReportVersion, handled_on: date, outcome: str, reference: str = ""
) -> BoardHandling:
    """Records (or corrects) the board's handling of a sent version.

    Refused for a version not yet sent and for a date before it was sent."""
    version = ReportVersion.objects.select_for_update().get(pk=version.pk)
    if version.sent_at is None:
        raise ValidationError(_("Only a sent report is handled by the board."))
    if handled_on < timezone.localdate(version.sent_at):
        raise ValidationError(_("The board cannot handle the report before it was sent."))
    handling, created = BoardHandling.objects.update_or_create(
        version=version,
        defaults={
            "handled_on": handled_on,
            "outcome": outcome,
            "reference": reference.strip()[:200],
            "recorded_by": user,
        },
    )
    audit.record(
        user=user,
        program=version.program,
        action="create" if created else "update",
        object_type="board_handling",
        object_ref=version.pk,
        detail={"handled_on": handled_on.isoformat(), "outcome": outcome},
    )
    return handling


def year_report(program: Program, year: int) -> ReportVersion | None:
    """The latest external version of the year's report."""
    return (
        ReportVersion.objects.filter(
            program=program, period_label=str(year), audience=Audience.EXTERNAL
        )
        .select_related("board_handling", "decision__meeting")
        .order_by("-number")
        .first()
    )


def payment_released(program: Program, year: int) -> bool:
    """Whether the condition for paying `year`'s money is met: the board approved the
    report of the year before."""
    version = year_report(program, year - 1)
    handling = getattr(version, "board_handling", None) if version else None
    return handling is not None and handling.outcome == BoardHandling.Outcome.APPROVED


@dataclass(frozen=True)
class Link:
    label: str
    done: bool
    detail: str = ""


def funder_cycle(program: Program, *, today: date) -> dict:
    """The chain for the last whole year's report, and whether next year's payment is
    released. A few queries whatever the record: the dashboard shows it."""
    from jamlik.reports.obligations import rules_for

    year = today.year - 1
    rule = next((r for r in rules_for(program) if r.period_label(year) == str(year)), None)
    version = year_report(program, year)
    handling = getattr(version, "board_handling", None) if version else None
    approved = version is not None
    submitted = approved or (
        ReportDraft.objects.filter(
            program=program, period_label=str(year), submitted_at__isnull=False
        ).exists()
    )
    sent = approved and version.sent_at is not None
    board = handling is not None
    released = board and handling.outcome == BoardHandling.Outcome.APPROVED
    chain = [
        Link(_("Report due"), submitted, rule.due_date(year).isoformat() if rule else ""),
        Link(
            _("Approved by the steering group"),
            approved,
            version.approved_at.date().isoformat() if approved else "",
        ),
        Link(_("Sent"), sent, timezone.localdate(version.sent_at).isoformat() if sent else ""),
        Link(
            _("Handled by the board"),
            released,
            f"{handling.handled_on.isoformat()} · {handling.get_outcome_display()}"
            if board
            else "",
        ),
        Link(_("Payment released"), released, str(year + 1) if released else ""),
    ]
    return {"year": year, "next_year": year + 1, "chain": chain, "version": version}


def payment_conditions(agreement) -> list[dict]:
    """For each year of an agreement after its first: whether the board approved the
    report of the year before, the condition for paying that year's money (one query)."""
    years = range(agreement.start.year + 1, agreement.end.year + 1)
    approved = set(
        BoardHandling.objects.filter(
            version__program_id=agreement.program_id,
            version__audience=Audience.EXTERNAL,
            version__period_label__in=[str(year - 1) for year in years],
            outcome=BoardHandling.Outcome.APPROVED,
        ).values_list("version__period_label", flat=True)
    )
    return [
        {"year": year, "report_year": year - 1, "met": str(year - 1) in approved} for year in years
    ]
