"""Questionnaire instruments, read from versioned YAML files and checked against a schema.

The shipped definitions live in `jamlik/surveys/instruments/`. A licensee adds the item texts
of a licence-restricted instrument in a file with the same `key` and `version` under
`<VAR_DIR>/instruments/`: it replaces the shipped definition only if its structure (items,
answer codes, recoding, scales) is identical, so that scores stay comparable.

An instrument is referred to as "key@version", e.g. "who5@1998". Scores are only compared
between identical references: different wordings (WHO/EU and US self-rated health) are
different instruments and are never pooled.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

BUILTIN_DIR = Path(__file__).resolve().parent / "instruments"
KEY = re.compile(r"^[a-z][a-z0-9_]*$")
METHODS = frozenset({"single", "sum", "mean"})
STATUSES = frozenset({"official", "unofficial"})
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
# The languages a respondent can choose in the web form, in display order.
FORM_LANGUAGES = ("sv", "en", "ar")
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English", "ar": "العربية"}


class InstrumentError(ValueError):
    """A definition file breaks the schema; the message lists every problem."""


def text_in(mapping: dict[str, str] | None, language: str, fallback: str = "en") -> str:
    """The text in one language, else the fallback language's, else empty."""
    if not mapping:
        return ""
    return mapping.get(language) or mapping.get(fallback) or ""


@dataclass(frozen=True)
class Option:
    code: int
    label: dict[str, str]


@dataclass(frozen=True)
class Item:
    key: str
    group: str
    type: str  # "select_one" or "integer"
    options: tuple[Option, ...] = ()
    text: dict[str, str] = field(default_factory=dict)
    reversed: bool = False
    recode: dict[int, float] | None = None
    min: int | None = None
    max: int | None = None

    @property
    def codes(self) -> tuple[int, ...]:
        return tuple(o.code for o in self.options)


@dataclass(frozen=True)
class Band:
    key: str
    label: dict[str, str]
    min: float | None = None  # inclusive lower limit
    above: float | None = None  # exclusive lower limit

    def contains(self, value: float) -> bool:
        if self.above is not None:
            return value > self.above
        return self.min is None or value >= self.min


@dataclass(frozen=True)
class Scale:
    key: str
    label: dict[str, str]
    method: str
    items: tuple[str, ...]
    min_answered: int
    range: tuple[float, float]
    higher_is_better: bool = True
    prorate: bool = False
    multiply: float = 1
    add: float = 0
    mid: float | None = None
    bands: tuple[Band, ...] = ()

    def band_for(self, value: float | None) -> Band | None:
        if value is None:
            return None
        found = None
        for band in self.bands:
            if band.contains(value):
                found = band
        return found


@dataclass(frozen=True)
class Group:
    key: str
    items: tuple[str, ...]
    intro: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Language:
    code: str
    status: str  # "official" or "unofficial"
    source: str = ""
    note: str = ""

    @property
    def is_rtl(self) -> bool:
        return self.code in RTL_LANGUAGES


@dataclass(frozen=True)
class Instrument:
    key: str
    version: str
    title: dict[str, str]
    construct: str
    validated: bool
    redistributable: bool
    licence: str
    citation: str
    missing_rule: str
    groups: tuple[Group, ...]
    items: dict[str, Item]
    scales: tuple[Scale, ...]
    languages: dict[str, Language]
    instructions: dict[str, str] = field(default_factory=dict)
    source_url: str = ""
    wording: str = ""
    min_answered_total: int | None = None
    path: str = ""
    digest: str = ""

    @property
    def ref(self) -> str:
        return f"{self.key}@{self.version}"

    def title_in(self, language: str) -> str:
        return text_in(self.title, language)

    def available_languages(self) -> list[str]:
        """Languages with a text for every item (and label for every option)."""
        return [code for code in self.languages if self.has_texts_in(code)]

    def has_texts_in(self, language: str) -> bool:
        return bool(self.items) and all(
            item.text.get(language) and all(o.label.get(language) for o in item.options)
            for item in self.items.values()
        )

    def scale(self, key: str) -> Scale | None:
        return next((s for s in self.scales if s.key == key), None)


def parse_ref(ref: str) -> tuple[str, str]:
    key, _, version = ref.partition("@")
    return key, version


# Loading


def instrument_dirs() -> list[Path]:
    return [BUILTIN_DIR, Path(settings.VAR_DIR) / "instruments"]


@cache
def _load_all(dirs: tuple[Path, ...]) -> dict[str, Instrument]:
    builtin, *local = dirs
    found: dict[str, Instrument] = {}
    for path in sorted(builtin.glob("*.yaml")):
        instrument = load_file(path, shipped=True)
        if instrument.ref in found:
            raise InstrumentError(f"{path.name}: {instrument.ref} is defined twice")
        found[instrument.ref] = instrument
    for directory in local:
        for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else ():
            instrument = load_file(path, shipped=False)
            shipped = found.get(instrument.ref)
            if shipped is not None and shipped.digest != instrument.digest:
                raise InstrumentError(
                    f"{path}: the local {instrument.ref} differs from the shipped definition "
                    "in its items, answer codes or scoring; give it a new version instead"
                )
            found[instrument.ref] = instrument
    return found


def all_instruments() -> dict[str, Instrument]:
    """Every instrument by reference ("key@version")."""
    return _load_all(tuple(instrument_dirs()))


def reload() -> None:
    _load_all.cache_clear()


def get_instrument(ref: str) -> Instrument | None:
    return all_instruments().get(ref)


def load_file(path: Path, *, shipped: bool) -> Instrument:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InstrumentError(f"{path.name}: not valid YAML: {exc}") from None
    return build(doc, source=str(path), shipped=shipped)


def build(doc: Any, *, source: str = "<data>", shipped: bool = True) -> Instrument:
    """Check a parsed definition and build the instrument; raise InstrumentError if wrong."""
    errors = validate(doc, shipped=shipped)
    if errors:
        raise InstrumentError(f"{Path(source).name}: " + "; ".join(errors))
    option_sets = {
        name: tuple(Option(int(o["code"]), dict(o.get("label") or {})) for o in options)
        for name, options in (doc.get("option_sets") or {}).items()
    }
    items: dict[str, Item] = {}
    groups = []
    for group in doc["groups"]:
        keys = []
        for raw in group["items"]:
            recode = raw.get("recode")
            items[raw["key"]] = Item(
                key=raw["key"],
                group=group["key"],
                type=raw.get("type", "select_one"),
                options=option_sets.get(raw.get("options"), ()),
                text=dict(raw.get("text") or {}),
                reversed=bool(raw.get("reversed", False)),
                recode={int(k): v for k, v in recode.items()} if recode else None,
                min=raw.get("min"),
                max=raw.get("max"),
            )
            keys.append(raw["key"])
        groups.append(Group(group["key"], tuple(keys), dict(group.get("intro") or {})))
    scales = tuple(
        Scale(
            key=s["key"],
            label=dict(s.get("label") or {}),
            method=s["method"],
            items=tuple(s["items"]),
            min_answered=int(s["min_answered"]),
            range=(s["range"][0], s["range"][1]),
            higher_is_better=bool(s.get("higher_is_better", True)),
            prorate=bool(s.get("prorate", False)),
            multiply=s.get("multiply", 1),
            add=s.get("add", 0),
            mid=s.get("mid"),
            bands=tuple(
                Band(b["key"], dict(b.get("label") or {}), b.get("min"), b.get("above"))
                for b in s.get("bands") or ()
            ),
        )
        for s in doc["scales"]
    )
    languages = {
        code: Language(code, spec["status"], spec.get("source", ""), spec.get("note", ""))
        for code, spec in (doc.get("languages") or {}).items()
    }
    return Instrument(
        key=doc["key"],
        version=str(doc["version"]),
        title=dict(doc["title"]),
        construct=doc.get("construct", ""),
        validated=doc["validated"],
        redistributable=doc["redistributable"],
        licence=doc["licence"],
        citation=doc["citation"],
        missing_rule=doc["missing_rule"],
        groups=tuple(groups),
        items=items,
        scales=scales,
        languages=languages,
        instructions=dict(doc.get("instructions") or {}),
        source_url=doc.get("source_url", ""),
        wording=doc.get("wording", ""),
        min_answered_total=doc.get("min_answered_total"),
        path=source,
        digest=structure_digest(doc),
    )


def structure_digest(doc: dict) -> str:
    """A hash of everything that decides a score, and nothing that is only text."""
    option_codes = {
        name: [o["code"] for o in options] for name, options in doc["option_sets"].items()
    }
    items = [
        {
            "key": i["key"],
            "type": i.get("type", "select_one"),
            "codes": option_codes.get(i.get("options"), []),
            "reversed": i.get("reversed", False),
            "recode": {str(k): v for k, v in (i.get("recode") or {}).items()},
            "min": i.get("min"),
            "max": i.get("max"),
        }
        for g in doc["groups"]
        for i in g["items"]
    ]
    scales = [{k: v for k, v in s.items() if k not in ("label", "bands")} for s in doc["scales"]]
    payload = {"items": items, "scales": scales, "total": doc.get("min_answered_total")}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


# Schema


def validate(doc: Any, *, shipped: bool = True) -> list[str]:
    """Every way the definition breaks the schema, as readable messages."""
    if not isinstance(doc, dict):
        return ["the file must hold a mapping"]
    errors: list[str] = []
    for name in ("key", "version", "title", "licence", "citation", "missing_rule"):
        if not doc.get(name):
            errors.append(f"{name} is required")
    for name in ("validated", "redistributable"):
        if not isinstance(doc.get(name), bool):
            errors.append(f"{name} must be true or false")
    if doc.get("key") and not KEY.match(str(doc["key"])):
        errors.append("key must be lower-case letters, digits and '_'")
    if doc.get("title") and not (isinstance(doc["title"], dict) and doc["title"].get("en")):
        errors.append("title needs an English text (title.en)")
    languages = doc.get("languages") or {}
    if not isinstance(languages, dict):
        return [*errors, "languages must be a mapping"]
    for code, spec in languages.items():
        if not isinstance(spec, dict) or spec.get("status") not in STATUSES:
            errors.append(f"languages.{code}.status must be official or unofficial")
    option_sets = doc.get("option_sets")
    if not isinstance(option_sets, dict):
        return [*errors, "option_sets must be a mapping"]
    for name, options in option_sets.items():
        codes = [o.get("code") if isinstance(o, dict) else None for o in options or []]
        if not codes or not all(isinstance(c, int) and not isinstance(c, bool) for c in codes):
            errors.append(f"option set {name}: every option needs an integer code")
        elif len(set(codes)) != len(codes):
            errors.append(f"option set {name}: codes must be unique")
    groups = doc.get("groups")
    if not isinstance(groups, list) or not groups:
        return [*errors, "groups must be a non-empty list"]
    item_keys: set[str] = set()
    for group in groups:
        if not isinstance(group, dict) or not group.get("key") or not group.get("items"):
            errors.append("every group needs a key and items")
            continue
        for item in group["items"]:
            errors.extend(_item_errors(item, option_sets, languages, item_keys, shipped=shipped))
    for code in languages:
        if not shipped or doc.get("redistributable"):
            for name, options in option_sets.items():
                if any(not (o.get("label") or {}).get(code) for o in options or []):
                    errors.append(f"option set {name}: a label in {code} is missing")
    if shipped and not doc.get("redistributable"):
        if languages or doc.get("instructions"):
            errors.append("a non-redistributable instrument ships without languages or texts")
        if any(o.get("label") for opts in option_sets.values() for o in opts or []):
            errors.append("a non-redistributable instrument ships without answer labels")
    scales = doc.get("scales")
    if not isinstance(scales, list) or not scales:
        return [*errors, "scales must be a non-empty list"]
    for scale in scales:
        errors.extend(_scale_errors(scale, item_keys))
    return errors


def _item_errors(item, option_sets, languages, seen: set[str], *, shipped: bool) -> list[str]:
    if not isinstance(item, dict) or not item.get("key"):
        return ["every item needs a key"]
    key = item["key"]
    errors = []
    if not KEY.match(str(key)):
        errors.append(f"item {key}: key must be lower-case letters, digits and '_'")
    if key in seen:
        errors.append(f"item {key} is defined twice")
    seen.add(key)
    kind = item.get("type", "select_one")
    if kind == "select_one":
        options = option_sets.get(item.get("options"))
        if options is None:
            errors.append(f"item {key}: options must name an option set")
            options = []
        codes = {o.get("code") for o in options}
        if item.get("recode") is not None:
            if item.get("reversed"):
                errors.append(f"item {key}: use either reversed or recode, not both")
            if not set(item["recode"]) <= codes:
                errors.append(f"item {key}: recode names codes that are not answers")
    elif kind == "integer":
        if not (isinstance(item.get("min"), int) and isinstance(item.get("max"), int)):
            errors.append(f"item {key}: an integer item needs min and max")
        elif item["min"] >= item["max"]:
            errors.append(f"item {key}: min must be below max")
    else:
        errors.append(f"item {key}: type must be select_one or integer")
    text = item.get("text") or {}
    for code in languages:
        if not text.get(code):
            errors.append(f"item {key}: the text in {code} is missing")
    if shipped and text and languages == {}:
        errors.append(f"item {key}: has texts but no language is declared")
    return errors


def _scale_errors(scale, item_keys: set[str]) -> list[str]:
    if not isinstance(scale, dict) or not scale.get("key"):
        return ["every scale needs a key"]
    key = scale["key"]
    errors = []
    items = scale.get("items") or []
    if not items or not set(items) <= item_keys:
        errors.append(f"scale {key}: items must name the instrument's items")
    method = scale.get("method")
    if method not in METHODS:
        errors.append(f"scale {key}: method must be one of {', '.join(sorted(METHODS))}")
    if method == "single" and len(items) != 1:
        errors.append(f"scale {key}: a single-item scale has exactly one item")
    minimum = scale.get("min_answered")
    if not isinstance(minimum, int) or not 1 <= minimum <= max(len(items), 1):
        errors.append(f"scale {key}: min_answered must be between 1 and the number of items")
    elif method == "sum" and not scale.get("prorate") and minimum != len(items):
        errors.append(f"scale {key}: a sum without prorate needs every item (min_answered)")
    bounds = scale.get("range")
    if not (isinstance(bounds, list) and len(bounds) == 2 and bounds[0] < bounds[1]):
        errors.append(f"scale {key}: range must be [low, high]")
    limits = [b.get("min", b.get("above")) for b in scale.get("bands") or []]
    if any(limit is None for limit in limits) or limits != sorted(limits):
        errors.append(f"scale {key}: bands need min (or above) limits in rising order")
    return errors
