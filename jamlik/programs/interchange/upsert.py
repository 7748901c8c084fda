"""Creates the rows of an import whose identity is new and updates those that differ."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

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
