"""Creates the rows of an import whose identity is new and updates those that differ."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from jamlik.needs.models import Need
from jamlik.programs.interchange.validate import Record
from jamlik.workshops.models import Workshop

BATCH = 1000


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def with_workshop_id(record: Record, workshops: dict[str, Workshop], column: str) -> Record:
    """The record with the workshop key in `column` replaced by the workshop's id."""
    if column not in record.fields:
        return record
    fields = dict(record.fields)
    workshop_key = fields.pop(column)
    fields[f"{column}_id"] = workshops[workshop_key].pk if workshop_key else None
    return Record(line=record.line, identity=record.identity, fields=fields)


def upsert(
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


def upsert_with_needs(
    model: type[models.Model],
    program,
    existing: dict[Any, models.Model],
    records: list[Record],
    build: Callable[[Any, dict[str, Any]], models.Model],
) -> Counts:
    """`upsert` for rows with a `needs` many-to-many (workshops, policy issues): a row's
    `needs` cell (need keys) replaces its needs; a row without the column keeps them. A row
    whose only change is its needs counts as updated."""
    links = model._meta.get_field("needs").remote_field.through
    owner = model._meta.get_field("needs").m2m_field_name()
    linked: dict[int, set[int]] = {}
    for owner_id, need_id in links.objects.filter(**{f"{owner}__program": program}).values_list(
        f"{owner}_id", "need_id"
    ):
        linked.setdefault(owner_id, set()).add(need_id)
    need_ids = dict(Need.objects.filter(program=program).values_list("key", "pk"))
    wanted = {
        record.identity[0]: {need_ids[key] for key in record.fields["needs"]}
        for record in records
        if "needs" in record.fields
    }
    relinked = {
        identity
        for identity, ids in wanted.items()
        if identity in existing and linked.get(existing[identity].pk, set()) != ids
    }
    # A new row has no links yet: it needs some when its cell names any.
    linked_anew = {identity for identity, ids in wanted.items() if identity not in existing and ids}
    counts = upsert(
        model,
        existing,
        [
            Record(
                line=record.line,
                identity=record.identity,
                fields={f: v for f, v in record.fields.items() if f != "needs"},
            )
            for record in records
        ],
        build,
        also_changed=relinked,
    )
    changed = {existing[identity].pk: wanted[identity] for identity in relinked | linked_anew}
    links.objects.filter(**{f"{owner}_id__in": list(changed)}).delete()
    links.objects.bulk_create(
        [
            links(**{f"{owner}_id": owner_id, "need_id": need_id})
            for owner_id, ids in changed.items()
            for need_id in sorted(ids)
        ],
        batch_size=BATCH,
    )
    return counts
