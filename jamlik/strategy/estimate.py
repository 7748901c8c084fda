"""The socio-economic estimate: a model defined as data (a versioned YAML file), its inputs
taken from Jämlik's own figures, its formulas in the safe language of `expressions`, and a
seeded Monte Carlo over the parameters' ranges for an uncertainty interval.

Shipped models live in `jamlik/strategy/estimates/`; a research partner adds theirs under
`<VAR_DIR>/estimates/`. A file is refused as a whole, with its name and the line of each
problem, when it names an unknown input, has an unsafe formula, a parameter without a source
or a circular formula: nothing of it runs (`jamlik check_estimates`).
"""

import hashlib
import math
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from jamlik.strategy import expressions

BUILTIN_DIR = Path(__file__).resolve().parent / "estimates"
KEY = re.compile(r"^[a-z][a-z0-9_]*$")
SCALE_REF = re.compile(r"^[a-z][a-z0-9_]*@[^:\s]+:[a-z][a-z0-9_]*$")

# The inputs Jämlik provides (inputs.py computes them); `outcome_<line key>` is the outcome
# of one funding line in the period.
INPUTS = {
    "participants_total": "unique participants",
    "participants_child_youth": "unique participants, children and young people",
    "participants_adult": "unique participants, adults",
    "participants_professional": "unique participants, professionals",
    "recurring_participants": "recurring participants",
    "activities": "activities held",
    "large_events": "larger events held",
    "visits": "visits (registered and headcounts)",
    "support_participants": "participants given individual support",
    "paired_n": "pairs (baseline and follow-up) on the model's questionnaire scale",
    "paired_mean_change": "mean paired change on the scale",
    "improved_share": "share of pairs improved beyond the minimal important difference",
    "cost_total": "outcome of all funding lines",
}
# The inputs that count people or events (published with small counts suppressed).
COUNT_INPUTS = frozenset(INPUTS) - {"paired_mean_change", "improved_share", "cost_total"}
OUTCOME_INPUT = re.compile(r"^outcome_[a-z0-9_]+$")


class EstimateModelError(ValueError):
    """A model file is refused; the message names the file and the line of each problem."""


@dataclass(frozen=True)
class Parameter:
    key: str
    value: float
    low: float | None
    high: float | None
    unit: str
    source: str
    date: str

    @property
    def uncertain(self) -> bool:
        return self.low is not None and self.high is not None and self.low < self.high


@dataclass(frozen=True)
class Output:
    key: str
    unit: str
    label: dict[str, str]


@dataclass(frozen=True)
class EstimateModel:
    key: str
    version: str
    title: dict[str, str]
    example: bool
    description: dict[str, str]
    seed: int
    draws: int
    interval: float
    scale: str
    parameters: dict[str, Parameter]
    inputs: tuple[str, ...]
    formulas: dict[str, str]
    order: tuple[str, ...]  # formulas, each after those it uses
    outputs: tuple[Output, ...]
    digest: str
    source: str = ""
    trees: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def ref(self) -> str:
        return f"{self.key}@{self.version}"

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title.get("en") or self.key

    def description_in(self, language: str) -> str:
        return self.description.get(language) or self.description.get("en") or ""


def _texts(value: Any) -> dict[str, str]:
    """A text per language; a plain text is taken as English."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {"en": str(value)} if value else {}


def _lines(node: Any, path: tuple = (), found: dict | None = None) -> dict[tuple, int]:
    """The 1-based line of each key path in a composed YAML document."""
    found = {} if found is None else found
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            sub = (*path, key_node.value)
            found[sub] = key_node.start_mark.line + 1
            _lines(value_node, sub, found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            sub = (*path, index)
            found[sub] = item.start_mark.line + 1
            _lines(item, sub, found)
    return found


def load_text(text: str, *, source: str = "<data>") -> EstimateModel:
    """Check a model file's text and build the model; raise EstimateModelError if wrong."""
    name = Path(source).name
    try:
        doc = yaml.safe_load(text)
        lines = _lines(yaml.compose(text))
    except yaml.YAMLError as exc:
        raise EstimateModelError(f"{name}: not valid YAML: {exc}") from None
    problems: list[tuple[int, str]] = []

    def refuse(path: tuple, message: str) -> None:
        line = next((lines[path[:n]] for n in range(len(path), 0, -1) if path[:n] in lines), 1)
        problems.append((line, message))

    model = _build(doc, refuse, text=text, source=source)
    if problems:
        raise EstimateModelError(
            "; ".join(f"{name}:{line}: {message}" for line, message in sorted(problems))
        )
    assert model is not None
    return model


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _build(doc: Any, refuse, *, text: str, source: str) -> EstimateModel | None:
    if not isinstance(doc, dict):
        refuse((), "the file must be a mapping")
        return None
    for key in ("key", "version", "title", "parameters", "inputs", "formulas", "outputs"):
        if key not in doc:
            refuse((), f"{key} is missing")
    if not KEY.match(str(doc.get("key", ""))):
        refuse(("key",), "key must be lower-case letters, digits and _")
    parameters = _parameters(doc.get("parameters") or {}, refuse)
    inputs = _inputs(doc.get("inputs") or [], refuse)
    scale = str(doc.get("scale") or "")
    if scale and not SCALE_REF.match(scale):
        refuse(("scale",), "scale must read instrument@version:scale")
    if not scale and {"paired_n", "paired_mean_change", "improved_share"} & set(inputs):
        refuse(("inputs",), "the paired-change inputs need a scale")
    formulas, trees = _formulas(doc.get("formulas") or {}, refuse, set(parameters) | set(inputs))
    order = _order(trees, refuse)
    raw_formulas = doc.get("formulas")
    named = set(raw_formulas) if isinstance(raw_formulas, dict) else set()
    outputs = _outputs(doc.get("outputs") or [], refuse, named)
    draws = doc.get("draws", 2000)
    if not isinstance(draws, int) or not 100 <= draws <= 100_000:
        refuse(("draws",), "draws must be a whole number from 100 to 100000")
    interval = doc.get("interval", 0.95)
    if not _number(interval) or not 0.5 <= interval < 1:
        refuse(("interval",), "interval must be a share from 0.5 to below 1")
    seed = doc.get("seed", 0)
    if not isinstance(seed, int) or seed < 0:
        refuse(("seed",), "seed must be a whole number")
    title = doc.get("title") or {}
    if not isinstance(title, dict):
        refuse(("title",), "title must map languages to texts")
        title = {}
    return EstimateModel(
        key=str(doc.get("key", "")),
        version=str(doc.get("version", "")),
        title={str(k): str(v) for k, v in title.items()},
        example=bool(doc.get("example", False)),
        description=_texts(doc.get("description")),
        seed=seed if isinstance(seed, int) else 0,
        draws=draws if isinstance(draws, int) else 2000,
        interval=float(interval) if _number(interval) else 0.95,
        scale=scale,
        parameters=parameters,
        inputs=tuple(inputs),
        formulas=formulas,
        order=tuple(order),
        outputs=tuple(outputs),
        digest=hashlib.sha256(text.encode()).hexdigest(),
        source=source,
        trees=trees,
    )


def _parameters(raw: Any, refuse) -> dict[str, Parameter]:
    if not isinstance(raw, dict):
        refuse(("parameters",), "parameters must be a mapping")
        return {}
    found = {}
    for key, spec in raw.items():
        path = ("parameters", key)
        if not KEY.match(str(key)) or str(key) in expressions.FUNCTIONS:
            refuse(path, f"parameter name {key!r} is not allowed")
            continue
        if not isinstance(spec, dict):
            refuse(path, f"parameter {key} must be a mapping")
            continue
        for needed in ("value", "unit", "source", "date"):
            if not str(spec.get(needed) or "").strip():
                refuse(path, f"parameter {key} has no {needed}")
        value = spec.get("value")
        if not _number(value):
            refuse((*path, "value"), f"parameter {key}: value must be a number")
            value = 0.0
        low = high = None
        if "range" in spec:
            bounds = spec["range"]
            if (
                not isinstance(bounds, list)
                or len(bounds) != 2
                or not all(_number(b) for b in bounds)
                or not bounds[0] <= value <= bounds[1]
            ):
                refuse((*path, "range"), f"parameter {key}: range must be [low, high] around value")
            else:
                low, high = float(bounds[0]), float(bounds[1])
        when = spec.get("date")
        found[str(key)] = Parameter(
            key=str(key),
            value=float(value),
            low=low,
            high=high,
            unit=str(spec.get("unit") or ""),
            source=str(spec.get("source") or ""),
            date=when.isoformat() if isinstance(when, date) else str(when or ""),
        )
    return found


def _inputs(raw: Any, refuse) -> list[str]:
    if not isinstance(raw, list):
        refuse(("inputs",), "inputs must be a list")
        return []
    found = []
    for index, name in enumerate(raw):
        if str(name) in INPUTS or OUTCOME_INPUT.match(str(name)):
            found.append(str(name))
        else:
            refuse(("inputs", index), f"unknown input {name!r}")
    return found


def _formulas(raw: Any, refuse, known: set[str]) -> tuple[dict[str, str], dict[str, Any]]:
    if not isinstance(raw, dict):
        refuse(("formulas",), "formulas must be a mapping")
        return {}, {}
    formulas, trees = {}, {}
    for key, text in raw.items():
        path = ("formulas", key)
        if not KEY.match(str(key)) or key in known or key in expressions.FUNCTIONS:
            refuse(path, f"formula name {key!r} is not allowed or already used")
            continue
        try:
            trees[key] = expressions.parse(str(text) if _number(text) else text)
        except expressions.ExpressionError as exc:
            refuse(path, f"formula {key}: {exc}")
            continue
        formulas[key] = str(text)
    names = known | set(formulas)
    for key, tree in list(trees.items()):
        unknown = expressions.names(tree) - names
        if unknown:
            refuse(("formulas", key), f"formula {key} uses unknown {', '.join(sorted(unknown))}")
            del trees[key]
    return formulas, trees


def _order(trees: dict[str, Any], refuse) -> list[str]:
    """The formulas in an order that computes each after those it uses; a cycle is refused."""
    uses = {key: expressions.names(tree) & trees.keys() for key, tree in trees.items()}
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(key: str, trail: list[str]) -> None:
        if state.get(key) == "done":
            return
        if state.get(key) == "busy":
            cycle = [*trail[trail.index(key) :], key]
            refuse(("formulas", key), "circular formula: " + " → ".join(cycle))
            raise _Cycle
        state[key] = "busy"
        for used in sorted(uses[key]):
            visit(used, [*trail, key])
        state[key] = "done"
        order.append(key)

    for key in trees:
        try:
            visit(key, [])
        except _Cycle:
            return []
    return order


class _Cycle(Exception):
    pass


def _outputs(raw: Any, refuse, formulas: set[str]) -> list[Output]:
    if not isinstance(raw, list) or not raw:
        refuse(("outputs",), "outputs must be a non-empty list")
        return []
    found = []
    for index, spec in enumerate(raw):
        key = spec.get("key") if isinstance(spec, dict) else None
        if key not in formulas:
            refuse(("outputs", index), f"output {key!r} is no formula")
            continue
        label = spec.get("label") or {}
        found.append(Output(key=key, unit=str(spec.get("unit") or ""), label=dict(label)))
    return found


def model_dirs() -> list[Path]:
    return [BUILTIN_DIR, Path(settings.VAR_DIR) / "estimates"]


@cache
def _load_all(dirs: tuple[Path, ...]) -> dict[str, EstimateModel]:
    found: dict[str, EstimateModel] = {}
    for directory in dirs:
        for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else ():
            model = load_text(path.read_text(encoding="utf-8"), source=str(path))
            if model.ref in found:
                raise EstimateModelError(f"{path.name}: {model.ref} is defined twice")
            found[model.ref] = model
    return found


def all_models() -> dict[str, EstimateModel]:
    """Every model by reference ("key@version")."""
    return _load_all(tuple(model_dirs()))


def reload() -> None:
    _load_all.cache_clear()


# Running a model ----------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    name: str
    kind: str  # "input", "parameter" or "formula"
    value: float | None
    formula: str = ""
    unit: str = ""
    source: str = ""


@dataclass(frozen=True)
class Result:
    key: str
    label: dict[str, str]
    unit: str
    value: float | None
    low: float | None
    high: float | None
    chain: tuple[Step, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "chain": [step.__dict__ for step in self.chain],
        }


def _finite(value: Any) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


def run(model: EstimateModel, inputs: dict[str, float]) -> list[Result]:
    """Each output: its value with the parameters' values, the interval of the seeded
    Monte Carlo over their ranges (triangular, mode at the value), and its chain of numbers.

    The same model and inputs always give the same numbers."""
    import numpy as np

    point: dict[str, Any] = {k: np.asarray([p.value]) for k, p in model.parameters.items()}
    point |= {name: np.asarray([float(inputs.get(name, 0.0))]) for name in model.inputs}
    rng = np.random.default_rng(model.seed)
    drawn: dict[str, Any] = {}
    for key in sorted(model.parameters):
        p = model.parameters[key]
        if p.uncertain:
            drawn[key] = rng.triangular(p.low, p.value, p.high, size=model.draws)
        else:
            drawn[key] = np.full(model.draws, p.value)
    drawn |= {name: np.full(model.draws, float(inputs.get(name, 0.0))) for name in model.inputs}
    for key in model.order:
        point[key] = expressions.evaluate(model.trees[key], point)
        drawn[key] = expressions.evaluate(model.trees[key], drawn)
    tail = (1 - model.interval) / 2 * 100
    results = []
    for output in model.outputs:
        samples = np.asarray(drawn[output.key], dtype=float)
        samples = samples[np.isfinite(samples)]
        uncertain = any(p.uncertain for p in model.parameters.values())
        low = high = None
        if uncertain and len(samples) == model.draws:
            low = _finite(np.percentile(samples, tail))
            high = _finite(np.percentile(samples, 100 - tail))
        results.append(
            Result(
                key=output.key,
                label=output.label,
                unit=output.unit,
                value=_finite(point[output.key][0]),
                low=low,
                high=high,
                chain=_chain(model, output.key, point),
            )
        )
    return results


def _chain(model: EstimateModel, key: str, point: dict[str, Any]) -> tuple[Step, ...]:
    """Every number `key` is computed from, inputs and parameters first, then formulas."""
    needed: set[str] = set()
    stack = [key]
    while stack:
        name = stack.pop()
        if name in needed:
            continue
        needed.add(name)
        if name in model.trees:
            stack.extend(expressions.names(model.trees[name]))
    steps = [
        Step(name, "input", _finite(point[name][0])) for name in model.inputs if name in needed
    ]
    steps += [
        Step(name, "parameter", p.value, unit=p.unit, source=p.source)
        for name, p in model.parameters.items()
        if name in needed
    ]
    steps += [
        Step(name, "formula", _finite(point[name][0]), formula=model.formulas[name])
        for name in model.order
        if name in needed
    ]
    return tuple(steps)
