"""Writes validated records: creates what is missing, updates what differs.

Called inside the import's transaction; every query is scoped to the program.
"""

from collections import Counter
from typing import Any

from django.utils import timezone

from jamlik.activities.models import (
    Activity,
    Attendance,
    Headcount,
    IndividualSupport,
    Participant,
)
from jamlik.programs.interchange.apply_owned import apply_owned
from jamlik.programs.interchange.schema import SPECS
from jamlik.programs.interchange.upsert import (
    BATCH,
    Counts,
    upsert,
    upsert_with_needs,
    with_workshop_id,
)
from jamlik.programs.interchange.validate import Plan, Record
from jamlik.programs.models import Program
from jamlik.reports.figures import figures_changed
from jamlik.workshops.models import Workshop


def apply_plan(*, program: Program, plan: Plan, user: Any) -> dict[str, Counts]:
    created_by = user if user is not None and user.is_authenticated else None
    participants = {p.code: p for p in Participant.objects.filter(program=program)}
    workshops = {w.key: w for w in Workshop.objects.filter(program=program)}
    activities = {a.key: a for a in Activity.objects.filter(program=program)}
    counts: dict[str, Counts] = {}

    # Workshops first: participants, activities and support refer to them.
    if "workshops" in plan:
        counts["workshops"] = _workshops(program, plan["workshops"], workshops)
    if "participants" in plan:
        counts["participants"] = upsert(
            Participant,
            participants,
            [with_workshop_id(r, workshops, "registered_in") for r in plan["participants"]],
            lambda code, fields: Participant(program=program, code=code, **fields),
        )
    if "activities" in plan:
        counts["activities"] = upsert(
            Activity,
            activities,
            [with_workshop_id(r, workshops, "workshop") for r in plan["activities"]],
            lambda key, fields: Activity(
                program=program,
                key=key,
                created_by=created_by,
                **{
                    "large_event": Activity.is_large_event_kind(fields["kind"]),
                    "status": Activity.default_status(fields["date"], today=timezone.localdate()),
                    **fields,
                },
            ),
        )
    if "attendance" in plan:
        counts["attendance"] = _attendance(program, plan["attendance"], activities, participants)
    if "headcounts" in plan:
        counts["headcounts"] = _headcounts(program, plan["headcounts"], activities)
    if "support" in plan:
        counts["support"] = _support(program, plan["support"], participants, workshops)
    counts |= apply_owned(
        program=program,
        plan=plan,
        created_by=created_by,
        workshops=workshops,
        activities=activities,
    )
    figures_changed(program=program)
    return {spec.name: counts[spec.name] for spec in SPECS if spec.name in counts}


def _workshops(program: Program, records: list[Record], existing: dict[str, Workshop]) -> Counts:
    """Upserts the workshops, then sets the needs of those whose row has a needs column."""
    return upsert_with_needs(
        Workshop,
        program,
        existing,
        records,
        lambda key, fields: Workshop(program=program, key=key, **fields),
    )


def active_without_needs(program: Program, records: list[Record]) -> list[Record]:
    """The records of workshops that are active but address no need after the import."""
    found = set(
        Workshop.objects.filter(
            program=program, status=Workshop.Status.ACTIVE, needs__isnull=True
        ).values_list("key", flat=True)
    )
    return [record for record in records if record.identity[0] in found]


def _attendance(
    program: Program,
    records: list[Record],
    activities: dict[str, Activity],
    participants: dict[str, Participant],
) -> Counts:
    present = set(
        Attendance.objects.filter(activity__program=program).values_list(
            "activity_id", "participant_id"
        )
    )
    new = []
    for record in records:
        activity_key, code = record.identity
        pair = (activities[activity_key].pk, participants[code].pk)
        if pair not in present:
            present.add(pair)
            new.append(Attendance(activity_id=pair[0], participant_id=pair[1]))
    Attendance.objects.bulk_create(new, batch_size=BATCH)
    return Counts(created=len(new), unchanged=len(records) - len(new))


def _headcounts(program: Program, records: list[Record], activities: dict[str, Activity]) -> Counts:
    existing = {
        (h.activity_id, h.category, h.gender): h
        for h in Headcount.objects.filter(activity__program=program)
    }
    by_activity_id = [
        Record(
            line=record.line,
            identity=((activities[record.identity[0]].pk, *record.identity[1:]),),
            fields=record.fields,
        )
        for record in records
    ]
    return upsert(
        Headcount,
        existing,
        by_activity_id,
        lambda ident, fields: Headcount(
            activity_id=ident[0], category=ident[1], gender=ident[2], **fields
        ),
    )


def _support(
    program: Program,
    records: list[Record],
    participants: dict[str, Participant],
    workshops: dict[str, Workshop],
) -> Counts:
    """Support rows have no key: identical rows count, and only the missing ones are added.

    Without a workshop column, rows compare without their workshop, and new rows get none.
    """
    with_workshop = any("workshop" in record.fields for record in records)
    columns = ["date", "participant__code", "kind", "minutes"]
    if with_workshop:
        columns.append("workshop__key")
    present = Counter(IndividualSupport.objects.filter(program=program).values_list(*columns))
    wanted = Counter(
        record.identity + ((record.fields["workshop"],) if with_workshop else ())
        for record in records
    )
    new = []
    for row, number in wanted.items():
        day, code, kind, minutes = row[:4]
        workshop_key = row[4] if with_workshop else None
        for _ in range(number - present[row]):
            new.append(
                IndividualSupport(
                    program=program,
                    date=day,
                    participant_id=participants[code].pk if code else None,
                    kind=kind,
                    minutes=minutes,
                    workshop_id=workshops[workshop_key].pk if workshop_key else None,
                )
            )
    IndividualSupport.objects.bulk_create(new, batch_size=BATCH)
    return Counts(created=len(new), unchanged=len(records) - len(new))
