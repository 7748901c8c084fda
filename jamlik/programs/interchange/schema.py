"""The interchange format: its files, their columns and the labels accepted for codes."""

import unicodedata
from dataclasses import dataclass

from jamlik.activities.models import Activity, Category, Gender, IndividualSupport
from jamlik.communication.models import MediaMention
from jamlik.goals.models import Goal, GoalCategory, Indicator

# The formula guard lives in jamlik.lib.spreadsheets, shared by every file Jämlik writes;
# these names stay importable from here for code written before the move.
from jamlik.lib.spreadsheets import FORMULA_START, escape_formula, unescape_formula  # noqa: F401
from jamlik.programs.models import Program
from jamlik.strategy.models import DecisionPoint
from jamlik.volunteers.models import Volunteer
from jamlik.workshops.models import Workshop


@dataclass(frozen=True)
class FileSpec:
    name: str
    columns: tuple[str, ...]
    # Columns the header must have; the others may be left out.
    required: frozenset[str]
    # Columns of free text, which the export guards against spreadsheet formulas.
    text: frozenset[str] = frozenset()

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


# In the order the format lists them and problems are reported.
SPECS: tuple[FileSpec, ...] = (
    FileSpec(
        "participants",
        ("code", "category", "gender", "birth_year", "home_area", "registered_in"),
        frozenset({"code", "category"}),
        text=frozenset({"code", "home_area"}),
    ),
    FileSpec(
        "workshops",
        # `needs`: keys of needs already in the program, separated by ";" (NEED_SEPARATOR).
        ("key", "name", "theme", "status", "needs"),
        frozenset({"key", "name"}),
        text=frozenset({"name", "theme"}),
    ),
    FileSpec(
        "activities",
        (
            "key",
            "workshop",
            "kind",
            "large_event",
            "date",
            "start_time",
            "duration_minutes",
            "title",
            "status",
        ),
        frozenset({"key", "kind", "date", "title"}),
        text=frozenset({"title"}),
    ),
    FileSpec(
        "attendance",
        ("activity", "participant"),
        frozenset({"activity", "participant"}),
        text=frozenset({"participant"}),
    ),
    FileSpec(
        "headcounts",
        ("activity", "category", "gender", "count"),
        frozenset({"activity", "category", "count"}),
    ),
    FileSpec(
        "support",
        ("date", "participant", "kind", "minutes", "workshop"),
        frozenset({"date"}),
        text=frozenset({"participant"}),
    ),
    # The newer data the program owns. Goals and indicators have no key of their own: a
    # goal is its workshop (empty: the whole program) and its text, an indicator its
    # goal and its name. Values of computed indicators are derived, never exported.
    FileSpec(
        "goal_categories",
        ("name", "kind", "position"),
        frozenset({"name"}),
        text=frozenset({"name"}),
    ),
    FileSpec(
        "goals",
        ("workshop", "text", "term", "category"),
        frozenset({"text"}),
        text=frozenset({"text", "category"}),
    ),
    FileSpec(
        "indicators",
        (
            "workshop",
            "goal",
            "name",
            "kind",
            "source",
            "source_note",
            "unit",
            "direction",
            "baseline",
            "target",
            "min_value",
            "max_value",
        ),
        frozenset({"goal", "name", "kind"}),
        text=frozenset({"goal", "name", "source_note", "unit"}),
    ),
    FileSpec(
        "indicator_values",
        ("workshop", "goal", "indicator", "half_year", "value", "source"),
        frozenset({"goal", "indicator", "half_year", "value"}),
        text=frozenset({"goal", "indicator", "source"}),
    ),
    # The cycle's steps (without the deciding decision: governance is not in the format)
    # and the checklist items ticked by hand (the others check themselves).
    FileSpec(
        "phases",
        ("round", "phase", "started_on", "ended_on", "note"),
        frozenset({"phase", "started_on"}),
        text=frozenset({"note"}),
    ),
    FileSpec(
        "checklist",
        ("item", "done_on", "note", "document_url"),
        frozenset({"item", "done_on"}),
        text=frozenset({"note", "document_url"}),
    ),
    # Premises without owner and commitment (partners are not in the format).
    FileSpec(
        "premises",
        (
            "name",
            "address",
            "capacity",
            "accessibility",
            "signage_languages",
            "opening_times",
            "in_use",
        ),
        frozenset({"name"}),
        text=frozenset({"name", "address", "accessibility", "signage_languages", "opening_times"}),
    ),
    # Coaches and volunteers are pseudonymous codes, like participants.
    FileSpec(
        "volunteers",
        (
            "code",
            "kind",
            "category",
            "workshop",
            "training",
            "trained_on",
            "ambassador_from",
            "ambassador_until",
        ),
        frozenset({"code", "kind", "category"}),
        text=frozenset({"code", "training"}),
    ),
    FileSpec(
        "volunteer_hours",
        ("volunteer", "month", "activity", "hours"),
        frozenset({"volunteer", "month", "hours"}),
        text=frozenset({"volunteer"}),
    ),
    # The media log without its files and reporting partners, and the policy windows: decision
    # points and the issues with their streams (without their links to decision points).
    # The outreach list (contacts), the stakeholder analysis and the dialogue sheets
    # (named people) stay out.
    FileSpec(
        "media_mentions",
        ("date", "kind", "outlet", "title", "url"),
        frozenset({"date", "kind", "outlet", "title"}),
        text=frozenset({"outlet", "title", "url"}),
    ),
    FileSpec(
        "decision_points",
        ("date", "title", "kind", "level"),
        frozenset({"date", "title"}),
        text=frozenset({"title"}),
    ),
    FileSpec(
        "policy_issues",
        (
            "title",
            "problem_present",
            "problem_note",
            "politics_present",
            "politics_note",
            "policy_present",
            "policy_note",
            "needs",
        ),
        frozenset({"title"}),
        text=frozenset({"title", "problem_note", "politics_note", "policy_note"}),
    ),
)
NEED_SEPARATOR = ";"
BY_NAME: dict[str, FileSpec] = {spec.name: spec for spec in SPECS}
FILENAMES = ", ".join(spec.filename for spec in SPECS)


def _codes(choices) -> dict[str, str]:
    return {value: value for value in choices.values}


CATEGORIES = _codes(Category) | {
    "barn_unga": Category.CHILD_YOUTH,
    "vuxen": Category.ADULT,
    "yrkesverksam": Category.PROFESSIONAL,
}
GENDERS = _codes(Gender) | {
    "kvinna": Gender.WOMAN,
    "man": Gender.MAN,
    "annan": Gender.OTHER,
    "okänd": Gender.UNKNOWN,
}
ACTIVITY_KINDS = _codes(Activity.Kind)
ACTIVITY_STATUSES = _codes(Activity.Status) | {
    "planerad": Activity.Status.PLANNED,
    "genomförd": Activity.Status.HELD,
    "inställd": Activity.Status.CANCELLED,
}
WORKSHOP_STATUSES = _codes(Workshop.Status)
SUPPORT_KINDS = _codes(IndividualSupport.Kind)
GOAL_CATEGORY_KINDS = _codes(GoalCategory.Kind) | {
    "resultat": GoalCategory.Kind.RESULT,
    "målområde": GoalCategory.Kind.AREA,
}
GOAL_TERMS = _codes(Goal.Term) | {"lång": Goal.Term.LONG, "kort": Goal.Term.SHORT}
INDICATOR_KINDS = _codes(Indicator.Kind) | {
    "beräknad": Indicator.Kind.COMPUTED,
    "manuell": Indicator.Kind.MANUAL,
}
INDICATOR_DIRECTIONS = _codes(Indicator.Direction) | {
    "högre": Indicator.Direction.HIGHER,
    "lägre": Indicator.Direction.LOWER,
}
PHASES = _codes(Program.Phase) | {
    "initiativ": Program.Phase.INITIATIVE,
    "utforskande": Program.Phase.EXPLORATORY,
    "bildande": Program.Phase.FORMATION,
    "inriktning": Program.Phase.DIRECTION,
    "uppbyggnad": Program.Phase.BUILD_UP,
    "löpande": Program.Phase.ONGOING,
    "reviderad_utforskande": Program.Phase.REVISED,
}
VOLUNTEER_KINDS = _codes(Volunteer.Kind) | {
    "hälsocoach": Volunteer.Kind.COACH,
    "volontär": Volunteer.Kind.VOLUNTEER,
}
MEDIA_KINDS = _codes(MediaMention.Kind) | {
    "pressartikel": MediaMention.Kind.PRESS,
    "radio_tv": MediaMention.Kind.BROADCAST,
    "konferens": MediaMention.Kind.CONFERENCE,
    "publikation": MediaMention.Kind.PUBLICATION,
    "webb": MediaMention.Kind.ONLINE,
}
DECISION_POINT_KINDS = _codes(DecisionPoint.Kind) | {
    "flerårsplan": DecisionPoint.Kind.PLAN,
    "val": DecisionPoint.Kind.ELECTION,
    "nämndmöte": DecisionPoint.Kind.BOARD,
    "annat": DecisionPoint.Kind.OTHER,
}
DECISION_POINT_LEVELS = _codes(DecisionPoint.Level) | {
    "kommun": DecisionPoint.Level.MUNICIPALITY,
    "annan": DecisionPoint.Level.OTHER,
}
BOOLEANS = {"true": True, "yes": True, "1": True, "ja": True} | {
    "false": False,
    "no": False,
    "0": False,
    "nej": False,
}


def normalise_label(text: str) -> str:
    """Labels compare case-insensitively, trimmed, and with å/ä/ö however they were typed."""
    return unicodedata.normalize("NFC", text).strip().lower()


def spec_for(name: str) -> FileSpec | None:
    """The file a CSV file name or a sheet name stands for, if any."""
    name = normalise_label(name)
    return BY_NAME.get(name.removesuffix(".csv"))
