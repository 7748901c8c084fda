"""The interchange format: its files, their columns and the labels accepted for codes."""

import unicodedata
from dataclasses import dataclass

from jamlik.activities.models import Activity, Category, Gender, IndividualSupport

# The formula guard lives in jamlik.lib.spreadsheets, shared by every file Jämlik writes;
# these names stay importable from here for code written before the move.
from jamlik.lib.spreadsheets import FORMULA_START, escape_formula, unescape_formula  # noqa: F401
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
