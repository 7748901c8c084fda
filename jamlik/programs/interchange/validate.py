"""Checks every row of an import and turns it into typed records, or lists what is wrong.

Nothing is written here. A column left out of the header is not changed on rows that
already exist (new rows get the default); an empty cell means the default.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from jamlik.activities.models import Activity, Gender, IndividualSupport, Participant
from jamlik.communication.models import MediaMention
from jamlik.goals.models import Goal, GoalCategory, Indicator, IndicatorValue, validate_half_year
from jamlik.needs.models import Need
from jamlik.premises.models import Premises
from jamlik.programs.checklist import ITEM
from jamlik.programs.interchange.problems import Problem
from jamlik.programs.interchange.reader import Table
from jamlik.programs.interchange.schema import (
    ACTIVITY_KINDS,
    ACTIVITY_STATUSES,
    BOOLEANS,
    CATEGORIES,
    DECISION_POINT_KINDS,
    DECISION_POINT_LEVELS,
    GENDERS,
    GOAL_CATEGORY_KINDS,
    GOAL_TERMS,
    INDICATOR_DIRECTIONS,
    INDICATOR_KINDS,
    MEDIA_KINDS,
    NEED_SEPARATOR,
    PHASES,
    SPECS,
    SUPPORT_KINDS,
    VOLUNTEER_KINDS,
    WORKSHOP_STATUSES,
    normalise_label,
)
from jamlik.programs.models import ChecklistTick, PhaseStep, Program
from jamlik.strategy.models import DecisionPoint, PolicyIssue
from jamlik.volunteers.models import Volunteer
from jamlik.workshops.models import Workshop

MAX_INTEGER = 2_147_483_647  # the largest value every supported database stores
_KEY = re.compile(r"^[-a-zA-Z0-9_]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
# A goal is known by its text, so the text must fit in a spreadsheet's cell.
GOAL_TEXT_MAX = 2000
_INTEGER = re.compile(r"^\d+$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-01)?$")


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


def decimal(max_digits: int, places: int, *, positive: bool = False) -> Parser:
    """A number with at most `places` decimals; a decimal comma (Swedish Excel) is accepted."""

    def parse(value: str) -> Decimal:
        try:
            number = Decimal(value.replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise Invalid(_("“%(value)s” is not a number") % {"value": value})
        if positive and number <= 0:
            raise Invalid(_("“%(value)s” is not a number above 0") % {"value": value})
        if number != number.quantize(Decimal(1).scaleb(-places)):
            raise Invalid(
                _("“%(value)s” has more than %(places)s decimals")
                % {"value": value, "places": places}
            )
        if abs(number) >= Decimal(10) ** (max_digits - places):
            raise Invalid(_("%(value)s is too large") % {"value": value})
        return number

    return parse


def half_year(value: str) -> str:
    try:
        validate_half_year(value.upper())
    except ValidationError:
        raise Invalid(
            _("“%(value)s” is not a half-year; write it as 2024H1 or 2024H2") % {"value": value}
        ) from None
    return value.upper()


def month(value: str) -> date:
    match = _MONTH.match(value)
    if match and 1 <= int(match[2]) <= 12:
        return date(int(match[1]), int(match[2]), 1)
    raise Invalid(
        _("“%(value)s” is not a month; write it as YYYY-MM, for example 2024-03") % {"value": value}
    )


def url(max_length: int) -> Parser:
    validator = URLValidator()

    def parse(value: str) -> str:
        try:
            validator(value)
        except ValidationError:
            raise Invalid(
                _("“%(value)s” is not a link; write it as https://…") % {"value": value}
            ) from None
        return _short(value, max_length)

    return parse


def hand_ticked_item(value: str) -> str:
    found = ITEM.get(value.strip())
    if found is None:
        raise Invalid(
            _("“%(value)s” is not one of the checklist's items: %(choices)s")
            % {"value": value, "choices": ", ".join(HAND_TICKED)}
        )
    if found.is_auto:
        raise Invalid(
            _("“%(value)s” checks itself from the record and is not ticked") % {"value": value}
        )
    return found.key


HAND_TICKED = [key for key, item in ITEM.items() if not item.is_auto]


def _max(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def small_count(value: str) -> int:
    number = count(value)
    if number > 32_767:
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
    "goal_categories": {
        "name": required(text(_max(GoalCategory, "name"))),
        "kind": optional(choice(GOAL_CATEGORY_KINDS), GoalCategory.Kind.RESULT),
        "position": optional(small_count, 0),
    },
    "goals": {
        "workshop": optional(key(60)),
        "text": required(text(GOAL_TEXT_MAX)),
        "term": optional(choice(GOAL_TERMS), Goal.Term.LONG),
        "category": optional(text(_max(GoalCategory, "name"))),
    },
    "indicators": {
        "workshop": optional(key(60)),
        "goal": required(text(GOAL_TEXT_MAX)),
        "name": required(text(_max(Indicator, "name"))),
        "kind": required(choice(INDICATOR_KINDS)),
        "source": optional(text(_max(Indicator, "source")), ""),
        "source_note": optional(text(_max(Indicator, "source_note")), ""),
        "unit": optional(text(_max(Indicator, "unit")), ""),
        "direction": optional(choice(INDICATOR_DIRECTIONS), Indicator.Direction.HIGHER),
        "baseline": optional(decimal(14, 2)),
        "target": optional(decimal(14, 2)),
        "min_value": optional(decimal(14, 2)),
        "max_value": optional(decimal(14, 2)),
    },
    "indicator_values": {
        "workshop": optional(key(60)),
        "goal": required(text(GOAL_TEXT_MAX)),
        "indicator": required(text(_max(Indicator, "name"))),
        "half_year": required(half_year),
        "value": required(decimal(14, 2)),
        "source": optional(text(_max(IndicatorValue, "source")), ""),
    },
    "phases": {
        "round": optional(small_count, 1),
        "phase": required(choice(PHASES)),
        "started_on": required(iso_date),
        "ended_on": optional(iso_date),
        "note": optional(text(_max(PhaseStep, "note")), ""),
    },
    "checklist": {
        "item": required(hand_ticked_item),
        "done_on": required(iso_date),
        "note": optional(text(_max(ChecklistTick, "note")), ""),
        "document_url": optional(url(_max(ChecklistTick, "document_url")), ""),
    },
    "premises": {
        "name": required(text(_max(Premises, "name"))),
        "address": optional(text(_max(Premises, "address")), ""),
        "capacity": optional(count),
        "accessibility": optional(text(_max(Premises, "accessibility")), ""),
        "signage_languages": optional(text(_max(Premises, "signage_languages")), ""),
        "opening_times": optional(text(_max(Premises, "opening_times")), ""),
        "in_use": optional(boolean, True),
    },
    "volunteers": {
        "code": required(upper_text(_max(Volunteer, "code"))),
        "kind": required(choice(VOLUNTEER_KINDS)),
        "category": required(choice(CATEGORIES)),
        "workshop": optional(key(60)),
        "training": optional(text(_max(Volunteer, "training")), ""),
        "trained_on": optional(iso_date),
        "ambassador_from": optional(iso_date),
        "ambassador_until": optional(iso_date),
    },
    "volunteer_hours": {
        "volunteer": required(upper_text(_max(Volunteer, "code"))),
        "month": required(month),
        "activity": optional(key(80)),
        "hours": required(decimal(6, 1, positive=True)),
    },
    "media_mentions": {
        "date": required(iso_date),
        "kind": required(choice(MEDIA_KINDS)),
        "outlet": required(text(_max(MediaMention, "outlet"))),
        "title": required(text(_max(MediaMention, "title"))),
        "url": optional(url(_max(MediaMention, "url")), ""),
    },
    "decision_points": {
        "date": required(iso_date),
        "title": required(text(_max(DecisionPoint, "title"))),
        "kind": optional(choice(DECISION_POINT_KINDS), DecisionPoint.Kind.BOARD),
        "level": optional(choice(DECISION_POINT_LEVELS), DecisionPoint.Level.MUNICIPALITY),
    },
    "policy_issues": {
        "title": required(text(_max(PolicyIssue, "title"))),
        "problem_present": optional(boolean, False),
        "problem_note": optional(text(10_000), ""),
        "politics_present": optional(boolean, False),
        "politics_note": optional(text(10_000), ""),
        "policy_present": optional(boolean, False),
        "policy_note": optional(text(10_000), ""),
        "needs": optional(keys(Need._meta.get_field("key").max_length), ()),
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
    "goal_categories": ("name",),
    "goals": ("workshop", "text"),
    "indicators": ("workshop", "goal", "name"),
    "indicator_values": ("workshop", "goal", "indicator", "half_year"),
    "phases": ("round", "phase", "started_on"),
    "checklist": ("item",),
    "premises": ("name",),
    "volunteers": ("code",),
    "volunteer_hours": ("volunteer", "month", "activity", "hours"),
    "media_mentions": ("date", "outlet", "title"),
    "decision_points": ("date", "title"),
    "policy_issues": ("title",),
}
# Files whose rows have no key: identical rows count, and only the missing ones are added.
UNKEYED = frozenset({"support", "volunteer_hours"})

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
    ("goals", "workshop"): "workshops",
    ("goals", "category"): "goal_categories",
    ("volunteers", "workshop"): "workshops",
    ("volunteer_hours", "volunteer"): "volunteers",
    ("volunteer_hours", "activity"): "activities",
    ("policy_issues", "needs"): "needs",
}
# (file, columns) -> the file whose identity of several columns the columns refer to.
COMPOSITE_REFERENCES: dict[tuple[str, tuple[str, ...]], str] = {
    ("indicators", ("workshop", "goal")): "goals",
    ("indicator_values", ("workshop", "goal", "indicator")): "indicators",
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
    elif target == "goal_categories":
        message = _("no goal category named “%(value)s” in this import or in the program")
    elif target == "goals":
        message = _("no goal “%(value)s” in this import or in the program")
    elif target == "indicators":
        message = _("no indicator “%(value)s” in this import or in the program")
    elif target == "volunteers":
        message = _(
            "no coach or volunteer with the code “%(value)s” in this import or in the program"
        )
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
            identity = IDENTITY[spec.name]
            known.setdefault(spec.name, set()).update(
                _identity_of(values, identity)
                for _line, values, _ok in parsed[spec.name]
                if all(column in values for column in identity)
            )
    indicators = _indicator_rules(program, parsed.get("indicators", []))
    volunteers = _volunteer_dates(program)
    plan: Plan = {}
    for name, rows in parsed.items():
        table = tables[name]
        plan[name] = []
        for line, values, ok in rows:
            found = _missing_references(name, values, known) + _rule_problems(
                name, values, indicators, volunteers
            )
            for column, message in found:
                problems.append(Problem(table.label, line, column, message))
                ok = False
            if ok:
                plan[name].append(_record(name, line, values))
    return plan, problems


def _identity_of(values: dict[str, Any], columns: tuple[str, ...]) -> Any:
    """A row's identity: the value of a single column, else the tuple of values."""
    if len(columns) == 1:
        return values[columns[0]]
    return tuple(values[column] for column in columns)


def _missing_references(
    name: str, values: dict[str, Any], known: dict[str, set[Any]]
) -> list[tuple[str, str]]:
    found = []
    for (source, column), target in REFERENCES.items():
        value = values.get(column)
        if source != name or value is None:
            continue
        for one in value if isinstance(value, tuple) else (value,):
            if one not in known[target]:
                found.append((column, _missing_reference(target, one)))
    for (source, columns), target in COMPOSITE_REFERENCES.items():
        if source != name or not all(column in values for column in columns):
            continue
        ident = _identity_of(values, columns)
        if ident not in known[target]:
            shown = " / ".join(str(part) for part in ident if part is not None)
            found.append((columns[-1], _missing_reference(target, shown)))
    return found


def _rule_problems(
    name: str,
    values: dict[str, Any],
    indicators: dict[tuple, dict[str, Any]],
    volunteers: dict[str, dict[str, Any]],
) -> list[tuple[str, str]]:
    """The models' own rules, checked before anything is written."""
    found: list[tuple[str, str]] = []
    if name == "activities" and _held_in_future(values):
        found.append(("status", Activity.held_in_future_message()))
    if name == "indicators":
        # Checked as the indicator will be: the program's values under the file's.
        found += _indicator_problems(
            indicators.get(_identity_of(values, IDENTITY[name]), values)
            if all(column in values for column in IDENTITY[name])
            else values
        )
    if name == "indicator_values":
        found += _value_problems(values, indicators)
    if name == "phases" and values.get("ended_on") and values.get("started_on"):
        if values["ended_on"] < values["started_on"]:
            found.append(("ended_on", _("the step ends before it started")))
    if name == "phases" and values.get("round") == 0:
        found.append(("round", _("rounds are counted from 1")))
    if name == "volunteers":
        found += _volunteer_problems({**volunteers.get(values.get("code"), {}), **values})
    return found


def _value_problems(
    values: dict[str, Any], indicators: dict[tuple, dict[str, Any]]
) -> list[tuple[str, str]]:
    """An entered value belongs to an indicator entered by hand, within its range."""
    columns = ("workshop", "goal", "indicator")
    if not all(column in values for column in columns):
        return []
    rules = indicators.get(_identity_of(values, columns), {})
    if rules.get("kind") == Indicator.Kind.COMPUTED:
        message = _(
            "the indicator is computed from Jämlik's data; only values of indicators entered "
            "by hand are imported"
        )
        return [("indicator", message)]
    value, low, high = values.get("value"), rules.get("min_value"), rules.get("max_value")
    if value is not None and low is not None and value < low:
        message = _("%(value)s is below the indicator's lowest possible value, %(low)s")
        return [("value", message % {"value": value, "low": low})]
    if value is not None and high is not None and value > high:
        message = _("%(value)s is above the indicator's highest possible value, %(high)s")
        return [("value", message % {"value": value, "high": high})]
    return []


def _indicator_problems(values: dict[str, Any]) -> list[tuple[str, str]]:
    from jamlik.goals.indicators import SOURCES

    found = []
    if values.get("kind") == Indicator.Kind.COMPUTED and values.get("source") not in SOURCES:
        found.append(
            (
                "source",
                _(
                    "a computed indicator needs the key of what it is computed from, one of the "
                    "sources on the indicator's page; “%(value)s” is not one"
                )
                % {"value": values.get("source") or ""},
            )
        )
    low, high = values.get("min_value"), values.get("max_value")
    if low is not None and high is not None and high <= low:
        found.append(("max_value", _("the highest value must be above the lowest value")))
    return found


def _volunteer_problems(values: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    if values.get("kind") == Volunteer.Kind.COACH and values.get("trained_on") is None:
        found.append(("trained_on", _("a health coach needs the date of the training")))
    until, start = values.get("ambassador_until"), values.get("ambassador_from")
    if until is not None and (start is None or until < start):
        found.append(
            ("ambassador_until", _("an ambassadorship ends after the date it starts from"))
        )
    return found


def _volunteer_dates(program: Program) -> dict[str, dict[str, Any]]:
    """The program's coaches' and volunteers' kinds and dates, by code."""
    if program.pk is None:
        return {}
    columns = ("kind", "trained_on", "ambassador_from", "ambassador_until")
    rows = Volunteer.objects.filter(program=program).values_list("code", *columns)
    return {code: dict(zip(columns, rest, strict=True)) for code, *rest in rows}


def _indicator_rules(
    program: Program, rows: list[tuple[int, dict[str, Any], bool]]
) -> dict[tuple, dict[str, Any]]:
    """Kind, source and range of each indicator after the import: the program's values
    under the file's (a column left out of the file keeps the program's value)."""
    columns = ("kind", "source", "min_value", "max_value")
    rules: dict[tuple, dict[str, Any]] = {}
    if program.pk is not None:
        for workshop, goal, name, *rest in Indicator.objects.filter(
            goal__program=program
        ).values_list("goal__workshop__key", "goal__text", "name", *columns):
            rules[(workshop, goal, name)] = dict(zip(columns, rest, strict=True))
    for _line, values, _ok in rows:
        if all(column in values for column in IDENTITY["indicators"]):
            ident = _identity_of(values, IDENTITY["indicators"])
            rules.setdefault(ident, {}).update(
                {column: values[column] for column in columns if column in values}
            )
    return rules


def _held_in_future(values: dict[str, Any]) -> bool:
    day = values.get("date")
    return (
        values.get("status") == Activity.Status.HELD
        and day is not None
        and not Activity.may_be_held_on(day, today=timezone.localdate())
    )


def _existing_keys(program: Program) -> dict[str, set[Any]]:
    """The identities in the program that rows of an import may refer to."""
    if program.pk is None:
        return {target: set() for target in set(REFERENCES.values()) | {"goals", "indicators"}}
    return {
        "needs": set(Need.objects.filter(program=program).values_list("key", flat=True)),
        "workshops": set(Workshop.objects.filter(program=program).values_list("key", flat=True)),
        "activities": set(Activity.objects.filter(program=program).values_list("key", flat=True)),
        "participants": set(
            Participant.objects.filter(program=program).values_list("code", flat=True)
        ),
        "goal_categories": set(
            GoalCategory.objects.filter(program=program).values_list("name", flat=True)
        ),
        "goals": set(Goal.objects.filter(program=program).values_list("workshop__key", "text")),
        "indicators": set(
            Indicator.objects.filter(goal__program=program).values_list(
                "goal__workshop__key", "goal__text", "name"
            )
        ),
        "volunteers": set(Volunteer.objects.filter(program=program).values_list("code", flat=True)),
    }


def _parse(table: Table, problems: list[Problem]) -> list[tuple[int, dict[str, Any], bool]]:
    """Each row's values (those that parse), and whether the whole row did."""
    parsers = PARSERS[table.spec.name]
    identity = IDENTITY[table.spec.name]
    keyed = table.spec.name not in UNKEYED
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
    if name == "indicators" and fields.get("kind") == Indicator.Kind.MANUAL:
        fields["source"] = ""
    return Record(line=line, identity=identity, fields=fields)
