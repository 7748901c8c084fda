"""Writes a program's record in the interchange format: a CSV file per table, English codes.

Rows are sorted so that the same data always gives the same files. Participants'
names are never written (data minimisation). Free text that a spreadsheet would run
as a formula is written behind an apostrophe, which the import removes.
"""

import csv
import io
import zipfile
from datetime import date, time
from pathlib import Path
from typing import Any

from django.db.models import F

from jamlik.activities.models import (
    Activity,
    Attendance,
    Headcount,
    IndividualSupport,
    Participant,
)
from jamlik.communication.models import MediaMention
from jamlik.goals.models import Goal, GoalCategory, Indicator, IndicatorValue
from jamlik.lib.spreadsheets import escape_formula
from jamlik.premises.models import Premises
from jamlik.programs.checklist import ITEM
from jamlik.programs.interchange.schema import BY_NAME, NEED_SEPARATOR, SPECS
from jamlik.programs.models import ChecklistTick, PhaseStep, Program
from jamlik.strategy.models import DecisionPoint, PolicyIssue
from jamlik.volunteers.models import Volunteer, VolunteerHours
from jamlik.workshops.models import Workshop


def export_rows(program: Program) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of each file (without the header), keyed by the file's name."""
    nulls_first = {"nulls_first": True}
    queries = {
        "participants": Participant.objects.filter(program=program).order_by("code"),
        "workshops": Workshop.objects.filter(program=program).order_by("key"),
        "activities": Activity.objects.filter(program=program).order_by(
            "date", F("start_time").asc(**nulls_first), "key"
        ),
        "attendance": Attendance.objects.filter(activity__program=program).order_by(
            "activity__key", "participant__code"
        ),
        "headcounts": Headcount.objects.filter(activity__program=program).order_by(
            "activity__key", "category", "gender"
        ),
        "support": IndividualSupport.objects.filter(program=program).order_by(
            "date",
            F("participant__code").asc(**nulls_first),
            "kind",
            F("minutes").asc(**nulls_first),
            F("workshop__key").asc(**nulls_first),
            "pk",
        ),
        "goal_categories": GoalCategory.objects.filter(program=program).order_by(
            "kind", "position", "name"
        ),
        "goals": Goal.objects.filter(program=program).order_by(
            F("workshop__key").asc(**nulls_first), "text", "pk"
        ),
        "indicators": Indicator.objects.filter(goal__program=program).order_by(
            F("goal__workshop__key").asc(**nulls_first), "goal__text", "name", "pk"
        ),
        # Values of computed indicators are derived from the record: never exported.
        "indicator_values": IndicatorValue.objects.filter(
            indicator__goal__program=program, indicator__kind=Indicator.Kind.MANUAL
        ).order_by(
            F("indicator__goal__workshop__key").asc(**nulls_first),
            "indicator__goal__text",
            "indicator__name",
            "period_label",
        ),
        "phases": PhaseStep.objects.filter(program=program).order_by(
            "round", "started_on", "phase", "pk"
        ),
        # Items that check themselves from the record are derived: only hand ticks.
        "checklist": ChecklistTick.objects.filter(
            program=program, item__in=[key for key, item in ITEM.items() if not item.is_auto]
        ).order_by("item"),
        "premises": Premises.objects.filter(program=program).order_by("name"),
        "volunteers": Volunteer.objects.filter(program=program).order_by("code"),
        "volunteer_hours": VolunteerHours.objects.filter(volunteer__program=program).order_by(
            "volunteer__code",
            "month",
            F("activity__key").asc(**nulls_first),
            "hours",
            "pk",
        ),
        "media_mentions": MediaMention.objects.filter(program=program).order_by(
            "date", "outlet", "title", "pk"
        ),
        "decision_points": DecisionPoint.objects.filter(program=program).order_by(
            "date", "title", "pk"
        ),
        "policy_issues": PolicyIssue.objects.filter(program=program).order_by("title", "pk"),
    }
    lookups = {
        "participants": {"registered_in": "registered_in__key"},
        "activities": {"workshop": "workshop__key"},
        "attendance": {"activity": "activity__key", "participant": "participant__code"},
        "headcounts": {"activity": "activity__key"},
        "support": {"participant": "participant__code", "workshop": "workshop__key"},
        "goals": {"workshop": "workshop__key", "category": "category__name"},
        "indicators": {"workshop": "goal__workshop__key", "goal": "goal__text"},
        "indicator_values": {
            "workshop": "indicator__goal__workshop__key",
            "goal": "indicator__goal__text",
            "indicator": "indicator__name",
            "half_year": "period_label",
        },
        "volunteers": {"workshop": "workshop__key"},
        "volunteer_hours": {"volunteer": "volunteer__code", "activity": "activity__key"},
    }
    rows = {}
    for spec in SPECS:
        renamed = lookups.get(spec.name, {})
        fields = [renamed.get(column, column) for column in spec.columns if column != "needs"]
        rows[spec.name] = list(queries[spec.name].values_list(*fields))
    # A workshop has many needs: their keys go in one cell.
    at = BY_NAME["workshops"].columns.index("needs")
    need_keys = _need_keys(program, Workshop, "key")
    rows["workshops"] = [
        (*row[:at], need_keys.get(row[0], ""), *row[at:]) for row in rows["workshops"]
    ]
    at = BY_NAME["policy_issues"].columns.index("needs")
    issue_needs = _need_keys(program, PolicyIssue, "title")
    rows["policy_issues"] = [
        (*row[:at], issue_needs.get(row[0], ""), *row[at:]) for row in rows["policy_issues"]
    ]
    # Months as the format writes them: YYYY-MM.
    rows["volunteer_hours"] = [
        (code, f"{month:%Y-%m}", *rest) for code, month, *rest in rows["volunteer_hours"]
    ]
    return rows


def _need_keys(program: Program, model, identity: str) -> dict[str, str]:
    """A row's `identity` (a workshop's key, a policy issue's title) -> the keys of the needs
    it addresses, sorted, joined by ";"."""
    owner = model._meta.get_field("needs").m2m_field_name()
    keys: dict[str, list[str]] = {}
    links = model.needs.through.objects.filter(**{f"{owner}__program": program})
    for row, need_key in links.order_by("need__key").values_list(
        f"{owner}__{identity}", "need__key"
    ):
        keys.setdefault(row, []).append(need_key)
    return {row: NEED_SEPARATOR.join(needs) for row, needs in keys.items()}


def to_csv(name: str, rows: list[tuple[Any, ...]]) -> bytes:
    spec = BY_NAME[name]
    free_text = [column in spec.text for column in spec.columns]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(spec.columns)
    writer.writerows(
        [
            escape_formula(_text(value)) if is_text else _text(value)
            for value, is_text in zip(row, free_text, strict=True)
        ]
        for row in rows
    )
    return buffer.getvalue().encode("utf-8")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_folder(files: dict[str, bytes], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for filename, content in files.items():
        (out / filename).write_bytes(content)


def to_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for filename, content in files.items():
            archive.writestr(filename, content)
    return buffer.getvalue()
