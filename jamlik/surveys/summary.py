"""Results of waves: response counts, scores per scale and paired change.

`evaluation_summary` fills the report's "Uppföljning och utvärdering" section; the wave
page and the API show the same numbers through `wave_results`.
"""

import statistics as pystats
from collections import Counter
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum

from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.reports.disclosure import suppress_small_counts, suppressed_label
from jamlik.surveys.catalog import Instrument, Scale, text_in
from jamlik.surveys.models import QualitativeRecord, Response, Score, Wave
from jamlik.surveys.statistics import paired_change

AUDIENCES = ("internal", "external")


def _threshold() -> int:
    return settings.SUPPRESS_BELOW


def scored_values(wave: Wave, instrument: Instrument, scale: Scale) -> dict[int | None, list]:
    """Scores of completed responses, by participant id (None: anonymous, not pairable)."""
    rows = Score.objects.filter(
        response__wave=wave,
        response__completed=True,
        instrument=instrument.key,
        version=instrument.version,
        scale=scale.key,
        value__isnull=False,
    ).values_list("response__participant_id", "value", "band")
    by_participant: dict[int | None, list] = {}
    for participant_id, value, band in rows:
        by_participant.setdefault(participant_id, []).append((value, band))
    return by_participant


def _describe(values: list[float], bands: list[str], scale: Scale, language: str) -> dict:
    n = len(values)
    result: dict[str, Any] = {
        "scale": scale.key,
        "label": text_in(scale.label, language),
        "range": list(scale.range),
        "higher_is_better": scale.higher_is_better,
        "n": n,
        "mean": pystats.fmean(values) if n else None,
        "sd": pystats.stdev(values) if n >= 2 else None,
        "median": pystats.median(values) if n else None,
        "bands": {},
    }
    counts = Counter(bands)
    for band in scale.bands:
        result["bands"][band.key] = {
            "label": text_in(band.label, language),
            "count": counts.get(band.key, 0),
        }
    return result


def _pairs(baseline: Wave, follow_up: Wave, instrument: Instrument, scale: Scale):
    before = scored_values(baseline, instrument, scale)
    after = scored_values(follow_up, instrument, scale)
    common = sorted(k for k in before.keys() & after.keys() if k is not None)
    return [before[k][0][0] for k in common], [after[k][0][0] for k in common]


def paired_results(baseline: Wave, follow_up: Wave, *, language: str = "en") -> list[dict]:
    """Paired change per scale of every instrument version both waves used."""
    results = []
    for instrument in follow_up.instrument_list():
        if instrument.ref not in baseline.instruments:
            continue
        for scale in instrument.scales:
            before, after = _pairs(baseline, follow_up, instrument, scale)
            change = paired_change(
                before, after, mid=scale.mid, higher_is_better=scale.higher_is_better
            )
            results.append(
                {
                    "instrument": instrument.ref,
                    "title": instrument.title_in(language),
                    "validated": instrument.validated,
                    "scale": scale.key,
                    "label": text_in(scale.label, language),
                    "higher_is_better": scale.higher_is_better,
                    **change.as_dict(),
                }
            )
    return results


def wave_results(wave: Wave, *, audience: str = "internal", language: str = "en") -> dict:
    totals = wave.responses.aggregate(
        done=Count("pk", filter=Q(completed=True)),
        open=Count("pk", filter=Q(completed=False)),
        anonymous=Count("pk", filter=Q(completed=True, participant__isnull=True)),
    )
    counts = {
        "completed": totals["done"],
        "unfinished": totals["open"],
        "anonymous": totals["anonymous"],
    }
    instruments = []
    for instrument in wave.instrument_list():
        scales = []
        for scale in instrument.scales:
            rows = [v for values in scored_values(wave, instrument, scale).values() for v in values]
            scales.append(_describe([v for v, _ in rows], [b for _, b in rows], scale, language))
        instruments.append(
            {
                "instrument": instrument.ref,
                "title": instrument.title_in(language),
                "validated": instrument.validated,
                "scales": scales,
            }
        )
    result = {
        "wave": wave.key,
        "name": wave.name,
        "kind": wave.kind,
        "workshop": wave.workshop.key if wave.workshop_id else None,
        "opens_on": wave.opens_on.isoformat(),
        "closes_on": wave.closes_on.isoformat() if wave.closes_on else None,
        "responses": counts,
        "instruments": instruments,
        "baseline": wave.baseline.key if wave.baseline_id else None,
        "baseline_name": wave.baseline.name if wave.baseline_id else None,
        "paired_change": (
            paired_results(wave.baseline, wave, language=language) if wave.baseline_id else []
        ),
    }
    if audience == "external":
        return suppress_wave_results(result)
    return result


def suppress_wave_results(result: dict) -> dict:
    """Counts below the threshold become "<N"; statistics of so few people are removed."""
    threshold = _threshold()
    result = dict(result)
    result["responses"] = suppress_small_counts(result["responses"], threshold)
    instruments = []
    for instrument in result["instruments"]:
        scales = []
        for scale in instrument["scales"]:
            scale = dict(scale)
            if 0 < scale["n"] < threshold:
                scale |= {"mean": None, "sd": None, "median": None}
                scale["bands"] = {
                    k: {**b, "count": suppressed_label(threshold)}
                    for k, b in scale["bands"].items()
                }
            else:
                scale["bands"] = _suppress_bands(scale["bands"], threshold)
            scale["n"] = suppress_small_counts(scale["n"], threshold)
            scales.append(scale)
        instruments.append({**instrument, "scales": scales})
    result["instruments"] = instruments
    paired = []
    for row in result["paired_change"]:
        row = dict(row)
        if 0 < row["n_pairs"] < threshold:
            keep = {"instrument", "title", "validated", "scale", "label", "mid", "few_pairs"}
            keep.add("higher_is_better")
            row = {k: (v if k in keep else None) for k, v in row.items()}
            row["n_pairs"] = suppressed_label(threshold)
        else:
            row |= _suppress_shares(row, threshold)
        paired.append(row)
    result["paired_change"] = paired
    return result


def _suppress_shares(row: dict, threshold: int) -> dict:
    """A share of pairs is a count: left out when it, or the pairs outside it, are few."""
    shares = {}
    for key in ("share_improved_beyond_mid", "share_worsened_beyond_mid"):
        if row[key] is not None:
            count = round(row[key] * row["n_pairs"])
            if 0 < count < threshold or 0 < row["n_pairs"] - count < threshold:
                shares[key] = None
    return shares


def _suppress_bands(bands: dict, threshold: int) -> dict:
    """Suppress small band counts, and one more when a single one could be worked out."""
    small = [k for k, b in bands.items() if 0 < b["count"] < threshold]
    if len(small) == 1:
        others = sorted(
            (b["count"], k) for k, b in bands.items() if k not in small and b["count"] > 0
        )
        if others:
            small.append(others[0][1])
    return {
        k: {**b, "count": suppressed_label(threshold) if k in small else b["count"]}
        for k, b in bands.items()
    }


def evaluation_summary(
    program: Program, period: Period, audience: str = "internal", *, language: str = "sv"
) -> dict[str, Any]:
    """The report's "Uppföljning och utvärdering": the waves that opened in the period."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be internal or external, not {audience!r}")
    waves = (
        Wave.objects.filter(program=program, opens_on__gte=period.start, opens_on__lte=period.end)
        .select_related("workshop", "baseline")
        .order_by("opens_on", "key")
    )
    records = QualitativeRecord.objects.filter(
        program=program, date__gte=period.start, date__lte=period.end
    )
    by_kind = {
        row["kind"]: {"count": row["n"], "participants": row["people"] or 0}
        for row in records.values("kind").annotate(n=Count("pk"), people=Sum("participants_count"))
    }
    themes = sorted({theme for record in records for theme in record.theme_list()})
    responses = Response.objects.filter(wave__in=waves)
    summary = {
        "program": program.slug,
        "period": period.as_dict(),
        "audience": audience,
        "responses": {
            "completed": responses.filter(completed=True).count(),
            "unfinished": responses.filter(completed=False).count(),
        },
        "waves": [wave_results(w, audience=audience, language=language) for w in waves],
        "qualitative": {
            "focus_groups": by_kind.get("focus_group", {"count": 0, "participants": 0}),
            "interviews": by_kind.get("interview", {"count": 0, "participants": 0}),
            "themes": themes,
        },
    }
    if audience == "external":
        summary["responses"] = suppress_small_counts(summary["responses"], _threshold())
        # A total beside per-wave counts gives a suppressed wave count away by subtraction.
        for key in ("completed", "unfinished"):
            if any(isinstance(w["responses"][key], str) for w in summary["waves"]):
                summary["responses"][key] = suppressed_label(_threshold())
        summary["qualitative"] = suppress_small_counts(summary["qualitative"], _threshold())
    return summary
