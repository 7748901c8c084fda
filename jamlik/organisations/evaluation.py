"""Comparable evaluation: one questionnaire instrument version across programs.

Scores are compared only between identical references ("key@version"): another
version, or another wording (the WHO/EU and US self-rated health are different keys), is
another instrument and is never pooled. Per program and scale: the baseline and
follow-up responses' means with 95 % confidence intervals (Student's t), and the paired
change of the participants who answered both (`surveys.statistics.paired_change`).

Small counts are withheld per program: a mean, interval or change of fewer than
`SUPPRESS_BELOW` people is not shown, and such a program is left out of the pooled
figures, so that the pooled numbers minus the shown ones cannot give it away.
"""

import math
import statistics as pystats
from typing import Any

from django.conf import settings

from jamlik.programs.models import Program
from jamlik.reports.disclosure import suppressed_label
from jamlik.surveys.catalog import Instrument, Scale, get_instrument, text_in
from jamlik.surveys.models import Response, Wave
from jamlik.surveys.statistics import paired_change
from jamlik.surveys.summary import scored_values

KINDS = (Wave.Kind.BASELINE, Wave.Kind.FOLLOW_UP)


def mean_interval(values: list[float], confidence: float = 0.95) -> dict[str, Any]:
    """n, mean, standard deviation and the t-based confidence interval of the mean."""
    n = len(values)
    result: dict[str, Any] = {"n": n, "mean": None, "sd": None, "ci_low": None, "ci_high": None}
    if not n:
        return result
    mean = pystats.fmean(values)
    result["mean"] = mean
    if n < 2:
        return result
    from scipy import stats

    sd = pystats.stdev(values)
    half = float(stats.t.ppf((1 + confidence) / 2, n - 1)) * sd / math.sqrt(n)
    return result | {"sd": sd, "ci_low": mean - half, "ci_high": mean + half}


def instruments_in_use(programs: list[Program]) -> dict[str, list[str]]:
    """Each instrument reference used in the programs' waves, with the programs' slugs."""
    used: dict[str, set[str]] = {}
    waves = Wave.objects.filter(program__in=programs).values_list("program__slug", "instruments")
    for slug, refs in waves:
        for ref in refs:
            used.setdefault(ref, set()).add(slug)
    return {ref: sorted(slugs) for ref, slugs in sorted(used.items())}


def _program_values(program: Program, instrument: Instrument, scale: Scale) -> dict[str, Any]:
    """Baseline and follow-up scores, and the pairs, of one program for one scale."""
    waves = [
        w
        for w in Wave.objects.filter(program=program, kind__in=KINDS).select_related("baseline")
        if instrument.ref in w.instruments
    ]
    values: dict[str, list[float]] = {kind: [] for kind in KINDS}
    before: list[float] = []
    after: list[float] = []
    for wave in waves:
        scored = scored_values(wave, instrument, scale)
        values[wave.kind] += [value for rows in scored.values() for value, _band in rows]
        base = wave.baseline
        if wave.kind == Wave.Kind.FOLLOW_UP and base and instrument.ref in base.instruments:
            first = scored_values(base, instrument, scale)
            common = sorted(k for k in first.keys() & scored.keys() if k is not None)
            before += [first[k][0][0] for k in common]
            after += [scored[k][0][0] for k in common]
    return {"values": values, "before": before, "after": after}


def _statistics(data: dict[str, Any], scale: Scale) -> dict[str, Any]:
    change = paired_change(
        data["before"], data["after"], mid=scale.mid, higher_is_better=scale.higher_is_better
    )
    return {
        "baseline": mean_interval(data["values"][Wave.Kind.BASELINE]),
        "follow_up": mean_interval(data["values"][Wave.Kind.FOLLOW_UP]),
        "paired": {
            key: getattr(change, key)
            for key in ("n_pairs", "mean_change", "ci_low", "ci_high", "t_p", "wilcoxon_p")
        },
    }


def _withhold(stats: dict[str, Any], threshold: int) -> tuple[dict[str, Any], set[str]]:
    """The statistics with those of fewer than `threshold` people withheld, and the
    parts withheld (kept out of the pooled figures)."""
    shown, hidden = {}, set()
    for part, counted in (("baseline", "n"), ("follow_up", "n"), ("paired", "n_pairs")):
        n = stats[part][counted]
        if 0 < n < threshold:
            hidden.add(part)
            shown[part] = dict.fromkeys(stats[part]) | {counted: suppressed_label(threshold)}
        else:
            shown[part] = stats[part]
    return shown, hidden


def pooled_evaluation(
    programs: list[Program], ref: str, *, language: str = "sv"
) -> dict[str, Any] | None:
    """Per program and pooled, for each scale of the instrument version `ref`; None when
    `ref` is no known instrument."""
    instrument = get_instrument(ref)
    if instrument is None:
        return None
    threshold = settings.SUPPRESS_BELOW
    responses = dict.fromkeys((p.slug for p in programs), 0)
    for slug, refs in Response.objects.filter(
        wave__program__in=programs, completed=True
    ).values_list("wave__program__slug", "wave__instruments"):
        if ref in refs:
            responses[slug] += 1
    scales = []
    for scale in instrument.scales:
        per_program = []
        pooled = {"values": {kind: [] for kind in KINDS}, "before": [], "after": []}
        for program in programs:
            data = _program_values(program, instrument, scale)
            shown, hidden = _withhold(_statistics(data, scale), threshold)
            if "baseline" not in hidden:
                pooled["values"][Wave.Kind.BASELINE] += data["values"][Wave.Kind.BASELINE]
            if "follow_up" not in hidden:
                pooled["values"][Wave.Kind.FOLLOW_UP] += data["values"][Wave.Kind.FOLLOW_UP]
            if "paired" not in hidden:
                pooled["before"] += data["before"]
                pooled["after"] += data["after"]
            per_program.append({"program": program, "withheld": sorted(hidden), **shown})
        scales.append(
            {
                "scale": scale.key,
                "label": text_in(scale.label, language),
                "range": list(scale.range),
                "higher_is_better": scale.higher_is_better,
                "programs": per_program,
                "pooled": _statistics(pooled, scale),
            }
        )
    counts = {
        slug: (suppressed_label(threshold) if 0 < n < threshold else n)
        for slug, n in responses.items()
    }
    return {
        "instrument": ref,
        "title": instrument.title_in(language),
        "validated": instrument.validated,
        "responses": counts,
        "scales": scales,
    }
