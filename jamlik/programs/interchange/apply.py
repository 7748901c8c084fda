"""Writes validated records: creates what is missing, updates what differs.

Called inside the import's transaction; every query is scoped to the program.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone

from jamlik.activities.models import (
    Activity,
    Attendance,
    Headcount,
    IndividualSupport,
    Participant,
)
from jamlik.needs.models import Need
from jamlik.programs.interchange.schema import SPECS
from jamlik.programs.interchange.validate import Plan, Record
from jamlik.programs.models import Program
from jamlik.reports.figures import figures_changed
from jamlik.workshops.models import Workshop

BATCH = 1000


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


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
        counts["participants"] = _upsert(
            Participant,
            participants,
            [_with_workshop_id(r, workshops, "registered_in") for r in plan["participants"]],
            lambda code, fields: Participant(program=program, code=code, **fields),
        )
    if "activities" in plan:
        counts["activities"] = _upsert(
            Activity,
            activities,
            [_with_workshop_id(r, workshops, "workshop") for r in plan["activities"]],
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
    figures_changed(program=program)
    return {spec.name: counts[spec.name] for spec in SPECS if spec.name in counts}


def _workshops(program: Program, records: list[Record], existing: dict[str, Workshop]) -> Counts:
    """Upserts the workshops, then sets the needs of those whose row has a needs column.

    A workshop whose only change is its needs counts as updated.
    """
    links = Workshop.needs.through
    linked: dict[int, set[int]] = {}
    for workshop_id, need_id in links.objects.filter(workshop__program=program).values_list(
        "workshop_id", "need_id"
    ):
        linked.setdefault(workshop_id, set()).add(need_id)
    need_ids = dict(Need.objects.filter(program=program).values_list("key", "pk"))
    wanted = {
        record.identity[0]: {need_ids[key] for key in record.fields["needs"]}
        for record in records
        if "needs" in record.fields
    }
    relinked = {
        key
        for key, ids in wanted.items()
        if key in existing and linked.get(existing[key].pk, set()) != ids
    }
    # A new workshop has no links yet: it needs some when its cell names any.
    linked_anew = {key for key, ids in wanted.items() if key not in existing and ids}
    counts = _upsert(
        Workshop,
        existing,
        [
            Record(
                line=record.line,
                identity=record.identity,
                fields={f: v for f, v in record.fields.items() if f != "needs"},
            )
            for record in records
        ],
        lambda key, fields: Workshop(program=program, key=key, **fields),
        also_changed=relinked,
    )
    changed = {existing[key].pk: wanted[key] for key in relinked | linked_anew}
    links.objects.filter(workshop_id__in=list(changed)).delete()
    links.objects.bulk_create(
        [
            links(workshop_id=workshop_id, need_id=need_id)
            for workshop_id, ids in changed.items()
            for need_id in sorted(ids)
        ],
        batch_size=BATCH,
    )
    return counts


def active_without_needs(program: Program, records: list[Record]) -> list[Record]:
    """The records of workshops that are active but address no need after the import."""
    found = set(
        Workshop.objects.filter(
            program=program, status=Workshop.Status.ACTIVE, needs__isnull=True
        ).values_list("key", flat=True)
    )
    return [record for record in records if record.identity[0] in found]


def _with_workshop_id(record: Record, workshops: dict[str, Workshop], column: str) -> Record:
    """The record with the workshop key in `column` replaced by the workshop's id."""
    if column not in record.fields:
        return record
    fields = dict(record.fields)
    workshop_key = fields.pop(column)
    fields[f"{column}_id"] = workshops[workshop_key].pk if workshop_key else None
    return Record(line=record.line, identity=record.identity, fields=fields)


def _upsert(
    model: type[models.Model],
    existing: dict[Any, models.Model],
    records: list[Record],
    build: Callable[[Any, dict[str, Any]], models.Model],
    also_changed: set[Any] | frozenset[Any] = frozenset(),
) -> Counts:
    """Creates the rows whose identity is new and updates the fields that differ.

    `existing` maps identity to row and gains the created rows, so later files can
    refer to them. Rows whose identity is in `also_changed` count as updated even when
    none of their fields differ (something else of theirs changed).
    """
    counts = Counts()
    new: list[models.Model] = []
    changed: list[models.Model] = []
    changed_fields: set[str] = set()
    for record in records:
        (identity,) = record.identity
        row = existing.get(identity)
        if row is None:
            row = build(identity, record.fields)
            new.append(row)
            existing[identity] = row
            counts.created += 1
            continue
        differ = {f: v for f, v in record.fields.items() if getattr(row, f) != v}
        for field_name, value in differ.items():
            setattr(row, field_name, value)
        if differ:
            changed.append(row)
            changed_fields.update(differ)
            counts.updated += 1
        elif identity in also_changed:
            counts.updated += 1
        else:
            counts.unchanged += 1
    model.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        model.objects.bulk_update(changed, sorted(changed_fields), batch_size=BATCH)
    return counts


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
    return _upsert(
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
