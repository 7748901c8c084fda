"""What the dashboard shows: figures of a half-year beside the one before."""

from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from jamlik.activities.models import Activity
from jamlik.governance.models import Body
from jamlik.governance.rules import current_term_unplanned, missed_cadence, semester_of
from jamlik.lib.periods import Period
from jamlik.needs.figures import needs_reminders
from jamlik.people.access import (
    REPORT_APPROVE_ROLES,
    ProgramAccess,
    Role,
    bodies_for,
    may_hold_meetings,
    promoters_for,
    report_audiences_for,
)
from jamlik.people.competence import plans_past_follow_up
from jamlik.reports.figures import figures_for
from jamlik.reports.models import ReportDraft
from jamlik.reports.obligations import report_obligations_for
from jamlik.strategy.services import stakeholder_reminders
from jamlik.workshops.models import Workshop

# The dashboard's warnings go to those who act on them: needs inventories are planned by
# the leader and the hub; meetings by the leader, the hub and the steering group.
NEEDS_WARNING_ROLES = frozenset({Role.LEADER, Role.HUB})
CADENCE_WARNING_ROLES = frozenset({Role.LEADER, Role.HUB, Role.STEERING})


def _change(current: Any, previous: Any) -> int | None:
    if isinstance(current, int) and isinstance(previous, int):
        return current - previous
    return None


def _row(label: str, current: Any, previous: Any) -> dict[str, Any]:
    return {
        "label": label,
        "current": current,
        "previous": previous,
        "change": _change(current, previous),
    }


def default_period(*, program, today: date) -> Period:
    """The current half-year, or the latest one with activities if the current has none."""
    current = Period.half_year_of(today)
    activities = Activity.objects.filter(program=program, date__lte=current.end)
    if activities.filter(date__gte=current.start).exists():
        return current
    latest = activities.order_by("-date").values_list("date", flat=True).first()
    return Period.half_year_of(latest) if latest else current


def cadence_warnings(*, access: ProgramAccess, today: date) -> dict[str, list] | None:
    """Bodies behind their meeting cadence this semester, for those who plan their meetings.

    A health promoter holds hub meetings with others but does not plan them, so sees none
    (the governance page still shows them); the steering group sees its own body only.
    Gaps that ended before this semester are left to the governance page, and each body
    has one row: its latest gap, else that nothing is planned this semester.
    """
    if access.role not in CADENCE_WARNING_ROLES:
        return None
    term = semester_of(today)
    bodies = [
        body
        for body in bodies_for(access).exclude(cadence=Body.Cadence.NONE).select_related("program")
        if may_hold_meetings(access, body)
    ]
    latest = {}
    for body in bodies:
        gaps = [gap for gap in missed_cadence(body, today=today) if gap.end >= term.start]
        if gaps:
            latest[body.pk] = max(gaps, key=lambda gap: gap.end)
    return {
        "gaps": list(latest.values()),
        "unplanned": [
            body
            for body in bodies
            if body.pk not in latest and current_term_unplanned(body, today=today)
        ],
    }


def awaiting_approval(access: ProgramAccess) -> list[ReportDraft] | None:
    """Report drafts submitted to the steering group, for those who approve them."""
    if access.role not in REPORT_APPROVE_ROLES:
        return None
    return list(
        ReportDraft.objects.filter(
            program=access.program,
            status=ReportDraft.Status.SUBMITTED,
            audience__in=report_audiences_for(access),
        )
        .select_related("program")
        .order_by("period_label")
    )


def missing_evaluations(*, access: ProgramAccess, today: date) -> list:
    """Finished half-years without an approved evaluation, for those who hold it."""
    from jamlik.goals.evaluation import missing_evaluations as missing
    from jamlik.people.access import GOALS_WRITE_ROLES

    if access.role not in GOALS_WRITE_ROLES:
        return []
    return missing(access.program, today)


def _plans_due(access: ProgramAccess, today: date):
    due = plans_past_follow_up(program=access.program, today=today)
    return due.values("promoter_id")


def dashboard_warnings(*, access: ProgramAccess, today: date) -> dict[str, Any]:
    """Everything the dashboard warns this user of, with the count its summary shows."""
    needs = needs_reminders(program=access.program, today=today)
    if access.role not in NEEDS_WARNING_ROLES:
        needs = []
    obligations = report_obligations_for(access, today=today)
    cadence = cadence_warnings(access=access, today=today)
    evaluations = missing_evaluations(access=access, today=today)
    plans = list(promoters_for(access).filter(pk__in=_plans_due(access, today)))
    stakeholders = stakeholder_reminders(access=access, today=today)
    count = len(needs) + len(evaluations) + len(plans) + len(stakeholders)
    count += len(obligations["rows"]) if obligations else 0
    count += len(cadence["gaps"]) + len(cadence["unplanned"]) if cadence else 0
    return {
        "needs_reminders": needs,
        "plans_past_follow_up": plans,
        "report_obligations": obligations,
        "missed_cadence": cadence,
        "missing_evaluations": evaluations,
        "stakeholder_reminders": stakeholders,
        "warning_count": count,
    }


def dashboard_context(*, access: ProgramAccess, period: Period) -> dict[str, Any]:
    audience = access.audience
    now = figures_for(program=access.program, period=period, audience=audience)
    before = figures_for(program=access.program, period=period.previous(), audience=audience)
    headline = [
        _row(_("Activities"), now["activities"], before["activities"]),
        _row(_("Larger events"), now["large_events"], before["large_events"]),
        _row(
            _("Unique participants"),
            now["unique_participants"]["total"],
            before["unique_participants"]["total"],
        ),
        _row(
            _("Recurring participants"),
            now["recurring_participants"],
            before["recurring_participants"],
        ),
    ]
    details = [
        _row(
            _("Children and young people"),
            now["unique_participants"]["child_youth"],
            before["unique_participants"]["child_youth"],
        ),
        _row(
            # The report's label: one name per category everywhere.
            _("Adults and guardians"),
            now["unique_participants"]["adult"],
            before["unique_participants"]["adult"],
        ),
        _row(
            _("Professionals"),
            now["unique_participants"]["professional"],
            before["unique_participants"]["professional"],
        ),
        _row(
            _("Visits by registered participants"),
            now["visits"]["registered"],
            before["visits"]["registered"],
        ),
        _row(
            _("Visits counted anonymously"),
            now["visits"]["headcount"],
            before["visits"]["headcount"],
        ),
        _row(
            _("Participants given individual support"),
            now["individual_support"]["participants"],
            before["individual_support"]["participants"],
        ),
        _row(
            _("Individual support contacts"),
            now["individual_support"]["contacts"],
            before["individual_support"]["contacts"],
        ),
        _row(
            _("Cancelled activities"), now["cancelled_activities"], before["cancelled_activities"]
        ),
    ]
    names = dict(Workshop.objects.filter(program=access.program).values_list("key", "name"))
    empty = {"activities": 0, "large_events": 0, "unique_participants": 0, "visits": 0}
    by_workshop = [
        {
            "key": key,
            "name": names.get(key, key),
            "current": now["by_workshop"].get(key, empty),
            "previous": before["by_workshop"].get(key, empty),
        }
        for key in sorted(
            set(now["by_workshop"]) | set(before["by_workshop"]), key=lambda k: names.get(k, k)
        )
    ]
    return {
        "program": access.program,
        "suppress_below": settings.SUPPRESS_BELOW,
        "access": access,
        "period": period,
        "previous_period": period.previous(),
        "next_period": period.following(),
        "headline": headline,
        "details": details,
        "by_workshop": by_workshop,
        "own_workshops": access.workshops() if access.is_promoter else None,
        "awaiting_approval": awaiting_approval(access),
        # The funder's cycle loads after the page (reports:funder_cycle), for report readers.
        "funder_cycle": access.sees_reports,
        **dashboard_warnings(access=access, today=timezone.localdate()),
    }
