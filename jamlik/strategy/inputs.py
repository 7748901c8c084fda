"""The inputs of a socio-economic model, each from the one function that computes it:
`figures_for` (participants, activities, visits), the paired change of the questionnaire
waves (surveys.summary.paired_results) and the outcome per funding line (finance)."""

from decimal import Decimal
from typing import Any

from jamlik.finance.figures import line_figures
from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.reports.figures import figures_for
from jamlik.strategy.estimate import EstimateModel
from jamlik.surveys.models import Wave
from jamlik.surveys.summary import paired_results


def model_inputs(*, program: Program, period: Period, model: EstimateModel) -> dict[str, float]:
    figures = figures_for(program=program, period=period, audience="internal")
    unique = figures["unique_participants"]
    values: dict[str, float] = {
        "participants_total": unique["total"],
        "participants_child_youth": unique.get("child_youth", 0),
        "participants_adult": unique.get("adult", 0),
        "participants_professional": unique.get("professional", 0),
        "recurring_participants": figures["recurring_participants"],
        "activities": figures["activities"],
        "large_events": figures["large_events"],
        "visits": figures["visits"]["registered"] + figures["visits"]["headcount"],
        "support_participants": figures["individual_support"]["participants"],
    }
    if model.scale:
        values |= paired_inputs(program=program, period=period, scale=model.scale)
    if "cost_total" in model.inputs or any(n.startswith("outcome_") for n in model.inputs):
        rows = line_figures(program=program, period=period)
        values["cost_total"] = float(sum((r.outcome for r in rows), Decimal(0)))
        for row in rows:
            name = f"outcome_{row.line.key}"
            values[name] = values.get(name, 0.0) + float(row.outcome)
    return {name: float(values.get(name, 0.0)) for name in model.inputs}


def paired_inputs(*, program: Program, period: Period, scale: str) -> dict[str, float]:
    """Pairs, mean change and share improved beyond the MID on one scale
    ("instrument@version:scale"), pooled over the follow-up waves that opened in the period."""
    instrument, _, scale_key = scale.partition(":")
    waves = Wave.objects.filter(
        program=program,
        opens_on__gte=period.start,
        opens_on__lte=period.end,
        baseline__isnull=False,
    ).select_related("baseline")
    n = 0
    change_sum = improved = 0.0
    for wave in waves:
        for row in paired_results(wave.baseline, wave):
            if row["instrument"] != instrument or row["scale"] != scale_key or not row["n_pairs"]:
                continue
            n += row["n_pairs"]
            change_sum += (row["mean_change"] or 0.0) * row["n_pairs"]
            improved += (row["share_improved_beyond_mid"] or 0.0) * row["n_pairs"]
    return {
        "paired_n": float(n),
        "paired_mean_change": change_sum / n if n else 0.0,
        "improved_share": improved / n if n else 0.0,
    }


def estimate_for(*, program: Program, period: Period, model: EstimateModel) -> dict[str, Any]:
    """The model run on the program's period: inputs and results, JSON-safe."""
    from jamlik.strategy.estimate import run

    inputs = model_inputs(program=program, period=period, model=model)
    return {
        "model": model.ref,
        "example": model.example,
        "period": period.label,
        "inputs": inputs,
        "results": [result.as_dict() for result in run(model, inputs)],
    }
