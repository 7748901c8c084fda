"""Checks every row of an import and turns it into typed records, or lists what is wrong.

Nothing is written here. A column left out of the header is not changed on rows that
already exist (new rows get the default); an empty cell means the default.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jamlik.activities.models import Activity, Gender, IndividualSupport, Participant
from jamlik.needs.models import Need
from jamlik.programs.interchange.problems import Problem
from jamlik.programs.interchange.reader import Table
from jamlik.programs.interchange.schema import (
    ACTIVITY_KINDS,
    ACTIVITY_STATUSES,
    BOOLEANS,
    CATEGORIES,
    GENDERS,
    NEED_SEPARATOR,
    SPECS,
    SUPPORT_KINDS,
    WORKSHOP_STATUSES,
    normalise_label,
)
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

MAX_INTEGER = 2_147_483_647  # the largest value every supported database stores
_KEY = re.compile(r"^[-a-zA-Z0-9_]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_INTEGER = re.compile(r"^\d+$")


class Invalid(ValueError):
    pass


Parser = Callable[[str], Any]


def required(parse: Parser) -> Parser:
    def checked(text: str) -> Any:
        if not text:
            raise Invalid(_("a value is required"))
        return parse(text)

    return checked


def optional(parse: Parser, default: Any = None) -> Parser:
    def checked(text: str) -> Any:
        return default if not text else parse(text)

    return checked


def key(max_length: int) -> Parser:
    def parse(text: str) -> str:
        if not _KEY.match(text):
            raise Invalid(
                _("“%(value)s” is not a valid key: use only letters, digits, “-” and “_”")
                % {"value": text}
            )
        return _short(text, max_length)

    return parse


def text(max_length: int) -> Parser:
    return lambda value: _short(value, max_length)


def _short(value: str, max_length: int) -> str:
    if len(value) > max_length:
        raise Invalid(_("the value is longer than %(max)s characters") % {"max": max_length})
    return value


def upper_text(max_length: int) -> Parser:
    return lambda value: _short(value.upper(), max_length)


# Codes are kept in upper case, as the pages make them, so that a search by a code's
# beginning can use the (program, code) index.
code = upper_text(Participant._meta.get_field("code").max_length)


def keys(max_length: int) -> Parser:
    """Keys separated by NEED_SEPARATOR, each once, sorted; empty parts are left out."""
    one = key(max_length)

    def parse(value: str) -> tuple[str, ...]:
        parts = {part.strip() for part in value.split(NEED_SEPARATOR)}
        return tuple(sorted(one(part) for part in parts if part))

    return parse


def choice(labels: dict[str, str]) -> Parser:
    def parse(value: str) -> str:
        found = labels.get(normalise_label(value))
        if found is None:
            raise Invalid(
                _("“%(value)s” is not one of: %(choices)s")
                % {"value": value, "choices": ", ".join(labels)}
            )
        return found

    return parse


def boolean(value: str) -> bool:
    found = BOOLEANS.get(normalise_label(value))
    if found is None:
        raise Invalid(
            _("“%(value)s” is not true or false (leave it empty for the default of the kind)")
            % {"value": value}
        )
    return found


def iso_date(value: str) -> date:
    try:
        if _DATE.match(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise Invalid(
        _("“%(value)s” is not a date; write it as YYYY-MM-DD, for example 2024-03-05")
        % {"value": value}
    )


def clock_time(value: str) -> time:
    match = _TIME.match(value)
    try:
        if match:
            # Seconds are accepted but not kept: the format's times are HH:MM.
            return time(int(match[1]), int(match[2]), int(match[3] or 0)).replace(second=0)
    except ValueError:
        pass
    raise Invalid(
        _("“%(value)s” is not a time; write it as HH:MM, for example 09:30") % {"value": value}
    )


def count(value: str) -> int:
    if not _INTEGER.match(value):
        raise Invalid(_("“%(value)s” is not a whole number of 0 or more") % {"value": value})
    number = int(value)
    if number > MAX_INTEGER:
        raise Invalid(_("%(value)s is too large") % {"value": value})
    return number


def birth_year(value: str) -> int:
    this_year = timezone.localdate().year
    if _INTEGER.match(value) and 1900 <= int(value) <= this_year:
        return int(value)
    raise Invalid(
        _("“%(value)s” is not a plausible birth year: use a year from %(min)s to %(max)s")
        % {"value": value, "min": 1900, "max": this_year}
    )


PARSERS: dict[str, dict[str, Parser]] = {
    "participants": {
        "code": required(code),
        "category": required(choice(CATEGORIES)),
        "gender": optional(choice(GENDERS), Gender.UNKNOWN),
        "birth_year": optional(birth_year),
        "home_area": optional(text(100), ""),
        "registered_in": optional(key(60)),
    },
    "workshops": {
        "key": required(key(60)),
        "name": required(text(200)),
        "theme": optional(text(200), ""),
        "status": optional(choice(WORKSHOP_STATUSES), Workshop.Status.ACTIVE),
        "needs": optional(keys(Need._meta.get_field("key").max_length), ()),
    },
    "activities": {
        "key": required(key(80)),
        "workshop": optional(key(60)),
        "kind": required(choice(ACTIVITY_KINDS)),
        "large_event": optional(boolean),
        "date": required(iso_date),
        "start_time": optional(clock_time),
        "duration_minutes": optional(count),
        "title": required(text(200)),
        # Empty: held up to today, planned after it (see `_record`).
        "status": optional(choice(ACTIVITY_STATUSES)),
    },
    "attendance": {"activity": required(key(80)), "participant": required(code)},
    "headcounts": {
        "activity": required(key(80)),
        "category": required(choice(CATEGORIES)),
        "gender": optional(choice(GENDERS), Gender.UNKNOWN),
        "count": required(count),
    },
    "support": {
        "date": required(iso_date),
        "participant": optional(code),
        "kind": optional(choice(SUPPORT_KINDS), IndividualSupport.Kind.GUIDANCE),
        "minutes": optional(count),
        "workshop": optional(key(60)),
    },
}

# The columns that identify a row. Support rows have no key: their identity is all
# columns, the workshop only when the file has that column (see `apply._support`).
IDENTITY: dict[str, tuple[str, ...]] = {
    "participants": ("code",),
    "workshops": ("key",),
    "activities": ("key",),
    "attendance": ("activity", "participant"),
    "headcounts": ("activity", "category", "gender"),
    "support": ("date", "participant", "kind", "minutes"),
}

# (file, column) -> the file whose identity the column refers to. Needs are not a file
# of this format: a workshop's needs must already be in the program.
REFERENCES: dict[tuple[str, str], str] = {
    ("participants", "registered_in"): "workshops",
    ("activities", "workshop"): "workshops",
    ("attendance", "activity"): "activities",
    ("attendance", "participant"): "participants",
    ("headcounts", "activity"): "activities",
    ("support", "participant"): "participants",
    ("support", "workshop"): "workshops",
    ("workshops", "needs"): "needs",
}


def _missing_reference(target: str, value: str) -> str:
    if target == "workshops":
        message = _("no workshop with the key “%(value)s” in this import or in the program")
    elif target == "needs":
        message = _(
            "no need with the key “%(value)s” in the program; the needs must be in the "
            "program before the import (import them on the Needs page first)"
        )
    elif target == "activities":
        message = _("no activity with the key “%(value)s” in this import or in the program")
    else:
        message = _("no participant with the code “%(value)s” in this import or in the program")
    return message % {"value": value}


@dataclass
class Record:
    line: int
    identity: tuple[Any, ...]
    fields: dict[str, Any]


Plan = dict[str, list[Record]]


def validate(*, program: Program, tables: dict[str, Table]) -> tuple[Plan, list[Problem]]:
    """The records to write, in the order of `SPECS`, and every problem found."""
    problems: list[Problem] = []
    parsed: dict[str, list[tuple[int, dict[str, Any], bool]]] = {}
    known = _existing_keys(program)
    for spec in SPECS:
        if spec.name in tables:
            parsed[spec.name] = _parse(tables[spec.name], problems)
            if len(IDENTITY[spec.name]) == 1:
                (column,) = IDENTITY[spec.name]
                known.setdefault(spec.name, set()).update(
                    values[column] for _line, values, _ok in parsed[spec.name] if column in values
                )
    plan: Plan = {}
    for name, rows in parsed.items():
        table = tables[name]
        plan[name] = []
        for line, values, ok in rows:
            for (source, column), target in REFERENCES.items():
                value = values.get(column)
                if source != name or value is None:
                    continue
                for one in value if isinstance(value, tuple) else (value,):
                    if one not in known[target]:
                        problems.append(
                            Problem(table.label, line, column, _missing_reference(target, one))
                        )
                        ok = False
            if name == "activities" and _held_in_future(values):
                problems.append(
                    Problem(table.label, line, "status", Activity.held_in_future_message())
                )
                ok = False
            if ok:
                plan[name].append(_record(name, line, values))
    return plan, problems


def _held_in_future(values: dict[str, Any]) -> bool:
    day = values.get("date")
    return (
        values.get("status") == Activity.Status.HELD
        and day is not None
        and not Activity.may_be_held_on(day, today=timezone.localdate())
    )


def _existing_keys(program: Program) -> dict[str, set[str]]:
    if program.pk is None:
        return {"workshops": set(), "activities": set(), "participants": set(), "needs": set()}
    return {
        "needs": set(Need.objects.filter(program=program).values_list("key", flat=True)),
        "workshops": set(Workshop.objects.filter(program=program).values_list("key", flat=True)),
        "activities": set(Activity.objects.filter(program=program).values_list("key", flat=True)),
        "participants": set(
            Participant.objects.filter(program=program).values_list("code", flat=True)
        ),
    }


def _parse(table: Table, problems: list[Problem]) -> list[tuple[int, dict[str, Any], bool]]:
    """Each row's values (those that parse), and whether the whole row did."""
    parsers = PARSERS[table.spec.name]
    identity = IDENTITY[table.spec.name]
    keyed = table.spec.name != "support"
    first_seen: dict[tuple[Any, ...], int] = {}
    result = []
    for line, cells in table.rows:
        values: dict[str, Any] = {}
        ok = True
        for column, parse in parsers.items():
            if column not in table.columns and column not in identity:
                continue
            try:
                values[column] = parse(cells.get(column, ""))
            except Invalid as exc:
                # A missing required column is reported once, for the header.
                if column in table.columns:
                    problems.append(Problem(table.label, line, column, str(exc)))
                ok = False
        if keyed and all(column in values for column in identity):
            ident = tuple(values[column] for column in identity)
            if ident in first_seen:
                problems.append(_repeated(table, line, identity, ident, first_seen[ident]))
                ok = False
            else:
                first_seen[ident] = line
        result.append((line, values, ok))
    return result


def _repeated(
    table: Table, line: int, columns: tuple[str, ...], ident: tuple[Any, ...], first: int
) -> Problem:
    if len(columns) == 1:
        message = _("“%(value)s” is already on line %(line)s") % {"value": ident[0], "line": first}
    else:
        message = _("the same values are already on line %(line)s") % {"line": first}
    return Problem(table.label, line, ", ".join(columns), message)


def _record(name: str, line: int, values: dict[str, Any]) -> Record:
    identity = tuple(values[column] for column in IDENTITY[name])
    fields = {column: value for column, value in values.items() if column not in IDENTITY[name]}
    if name == "activities" and fields.get("large_event", False) is None:
        fields["large_event"] = Activity.is_large_event_kind(fields["kind"])
    if name == "activities" and fields.get("status", False) is None:
        fields["status"] = Activity.default_status(fields["date"], today=timezone.localdate())
    return Record(line=line, identity=identity, fields=fields)
