"""Governance as the other apps' records cite it.

`governance_summary` is what the report (jamlik/reports/sections/summary.py) shows in the
summary section; `steering_decisions` are the decisions a report approval or a finance
carry-over may name as theirs.
"""

from typing import Any

from django.db.models import Count, Q, QuerySet

from jamlik.governance.figures import power_shift
from jamlik.governance.models import Body, Decision, Meeting
from jamlik.lib.periods import Period
from jamlik.programs.models import Program


def steering_decisions(program: Program) -> QuerySet[Decision]:
    """The program's steering-group decisions, most recent first."""
    return (
        Decision.objects.filter(
            meeting__body__program=program, meeting__body__kind=Body.Kind.STEERING
        )
        .select_related("meeting__body")
        .order_by("-meeting__date", "-meeting__pk", "-number")
    )


def is_steering_decision(decision: Decision, program: Program) -> bool:
    body = decision.meeting.body
    return body.kind == Body.Kind.STEERING and body.program_id == program.pk


def governance_summary(program: Program, period: Period) -> dict[str, Any]:
    """The period's governance for the report back, as plain JSON.

    Keys: meetings (steering, hub: meetings held in the period); decisions (the steering
    group's, oldest first: date, reference, text, decision_capable); decision_counts
    (steering, hub, not_decision_capable, unanchored); power_shift (per half-year of the
    period: period, decision_share, chair_share, in per cent or None).
    """
    held = Meeting.objects.filter(
        body__program=program,
        status=Meeting.Status.HELD,
        date__gte=period.start,
        date__lte=period.end,
    )
    meetings = held.aggregate(
        steering=Count("pk", filter=Q(body__kind=Body.Kind.STEERING)),
        hub=Count("pk", filter=Q(body__kind=Body.Kind.HUB)),
    )
    decisions = list(
        Decision.objects.filter(meeting__in=held)
        .select_related("meeting__body")
        .prefetch_related("meeting__attendances__membership")
        .order_by("meeting__date", "meeting__pk", "number")
    )
    steering = [d for d in decisions if d.meeting.body.is_steering]
    rows = power_shift(program=program, today=period.end)
    return {
        "meetings": meetings,
        "decisions": [
            {
                "date": d.meeting.date.isoformat(),
                "reference": f"{d.meeting.body.name} § {d.number}",
                "text": d.text,
                "decision_capable": not d.taken_without_capacity,
            }
            for d in steering
        ],
        "decision_counts": {
            "steering": len(steering),
            "hub": sum(d.meeting.body.is_hub for d in decisions),
            "not_decision_capable": sum(d.taken_without_capacity for d in decisions),
            "unanchored": sum(d.is_unanchored for d in decisions),
        },
        "power_shift": [
            {
                "period": row.period.label,
                "decision_share": row.decision_share,
                "chair_share": row.chair_share,
            }
            for row in rows
            if row.period.start <= period.end and row.period.end >= period.start
        ],
    }
