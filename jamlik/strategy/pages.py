"""What the strategy pages show, computed in a few queries per page."""

from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Subquery
from django.template.loader import render_to_string
from django.utils import translation

from jamlik.lib.periods import Period, PeriodError
from jamlik.programs.models import Program
from jamlik.reports.figures import figures_for
from jamlik.strategy import charts, estimate, services
from jamlik.strategy.forms import QUESTIONS
from jamlik.strategy.inputs import estimate_for
from jamlik.strategy.models import (
    DecisionPoint,
    DialogueSheet,
    EstimateApproval,
    PolicyIssue,
    Quadrant,
    Stakeholder,
    StakeholderAnalysis,
)


def counts_by_quadrant(stakeholders: list[Stakeholder]) -> list[dict[str, Any]]:
    from jamlik.strategy.models import TREATMENT

    counts = dict.fromkeys(Quadrant, 0)
    for stakeholder in stakeholders:
        counts[stakeholder.quadrant] += 1
    return [
        {"key": q.value, "label": q.label, "treatment": TREATMENT[q], "count": n}
        for q, n in counts.items()
    ]


def analysis_svg(analysis: StakeholderAnalysis, *, names: bool = True) -> str:
    by_quadrant: dict[str, list[str]] = {q.value: [] for q in Quadrant}
    for stakeholder in analysis.stakeholders.order_by("name"):
        by_quadrant[stakeholder.quadrant].append(stakeholder.name)
    return charts.matrix_svg(by_quadrant, names=names)


def index_context(*, program: Program, today: date) -> dict[str, Any]:
    analyses = list(
        StakeholderAnalysis.objects.filter(program=program)
        .annotate(n=Count("stakeholders"))
        .order_by("-made_on", "-pk")
    )
    rows = services.windows(program=program, today=today)
    return {
        "analyses": analyses,
        "reminders": services.review_reminders(program=program, today=today),
        "open_windows": [row for row in rows if row["open"]],
        "issue_count": len(rows),
        "sheets": list(DialogueSheet.objects.filter(program=program)),
        "sheet_form": _sheet_form(program, today),
        "models": sorted(estimate.all_models().values(), key=lambda m: m.ref),
    }


def _sheet_form(program: Program, today: date):
    from jamlik.strategy.forms import DialogueSheetForm

    return DialogueSheetForm(
        program=program,
        initial={
            "meeting_on": today,
            "figures_period": Period.half_year_of(today).previous().label,
        },
        auto_id="ds-%s",
    )


def windows_context(*, program: Program, today: date) -> dict[str, Any]:
    return {
        "rows": services.windows(program=program, today=today),
        "points": list(DecisionPoint.objects.filter(program=program, date__gte=today)),
        "past_points": list(DecisionPoint.objects.filter(program=program, date__lt=today))[-5:],
    }


def sheet_context(sheet: DialogueSheet) -> dict[str, Any]:
    figures = None
    if sheet.figures_period:
        try:
            period = Period.parse(sheet.figures_period)
            figures = figures_for(program=sheet.program, period=period, audience="internal")
        except PeriodError:
            figures = None
    answers = [sheet.answer_1, sheet.answer_2, sheet.answer_3, sheet.answer_4]
    return {
        "figures": figures,
        "needs": list(sheet.needs.all()),
        "questions": list(zip(QUESTIONS, answers, strict=True)),
    }


def sheet_pdf_bytes(sheet: DialogueSheet, *, base_url: str) -> bytes:
    from weasyprint import HTML

    context = {"sheet": sheet, "program": sheet.program, **sheet_context(sheet)}
    html = render_to_string("strategy/sheet_pdf.html", context)
    return HTML(string=html, base_url=base_url).write_pdf()


def model_by_ref(ref: str):
    return estimate.all_models().get(ref)


def estimate_context(
    *,
    program: Program,
    period_text: str,
    ref: str,
    today: date,
    audience: str = "internal",
    parse_period=Period.parse,
):
    """The estimate page. A role that sees only published aggregates (the steering group)
    gets the external version, as in the report: no inputs, small-count results withheld,
    and (through `parse_period`, the access rule) whole periods only."""
    models = sorted(estimate.all_models().values(), key=lambda m: m.ref)
    model = model_by_ref(ref) or (models[0] if models else None)
    default = Period.half_year_of(today).previous()
    error = ""
    try:
        period = parse_period(period_text) if period_text else default
    except PeriodError as exc:
        period, error = default, str(exc)
    run = None
    if model is not None:
        run = estimate_for_audience(program=program, period=period, model=model, audience=audience)
    language = translation.get_language() or "sv"
    return {
        "models": models,
        "model": model,
        "model_title": model.title_in(language[:2]) if model else "",
        "model_description": model.description_in(language[:2]) if model else "",
        "approved": services.is_approved(program, model) if model else False,
        "period": period,
        "period_error": error,
        "run": run,
        "threshold": settings.SUPPRESS_BELOW,
        "language": language[:2],
    }


def summary(*, program: Program, period: Period, audience: str, today: date) -> dict[str, Any]:
    """The strategy tools in brief, for the report and the city's view: the latest
    stakeholder analysis counted by category (named only in the internal version), the open
    policy windows, and the estimate of each model the steering group approved (the others
    are only listed, in the internal version). Three queries when no model is approved."""
    latest = (
        StakeholderAnalysis.objects.filter(program=program, made_on__lte=period.end)
        .order_by("-made_on", "-pk")
        .values("pk")[:1]
    )
    stakeholders = list(
        Stakeholder.objects.filter(analysis=Subquery(latest)).select_related("analysis")
    )
    result: dict[str, Any] = {
        "analysis": stakeholders[0].analysis.made_on.isoformat() if stakeholders else None,
        "categories": [
            {
                "key": row["key"],
                "label": str(row["label"]),
                "treatment": str(row["treatment"]),
                "count": row["count"],
            }
            for row in counts_by_quadrant(stakeholders)
        ],
        "open_windows": _open_windows(program, today),
        "estimates": [],
        "not_approved": [],
    }
    if audience == "internal":
        result["stakeholders"] = [
            {"name": s.name, "category": str(s.quadrant.label)} for s in stakeholders
        ]
    models = sorted(estimate.all_models().values(), key=lambda m: m.ref)
    approved = set(
        EstimateApproval.objects.filter(program=program).values_list("model_ref", "digest")
    )
    for model in models:
        if (model.ref, model.digest) not in approved:
            if audience == "internal":
                result["not_approved"].append(model.ref)
            continue
        run = estimate_for(program=program, period=period, model=model)
        run["title"] = model.title_in((translation.get_language() or "sv")[:2])
        if audience == "external":
            _protect(run)
        result["estimates"].append(run)
    return result


def _open_windows(program: Program, today: date) -> list[dict[str, Any]]:
    """Open windows with their next decision point, in two queries (one if none is open)."""
    issues = list(
        PolicyIssue.objects.filter(
            program=program, problem_present=True, politics_present=True, policy_present=True
        ).order_by("title", "pk")
    )
    if not issues:
        return []
    points = DecisionPoint.objects.filter(program=program, date__gte=today).order_by("date", "pk")
    upcoming: list[tuple[date, str]] = []
    own: dict[int, tuple[date, str]] = {}
    for point_date, title, issue_id in points.values_list("date", "title", "issues__id"):
        if not upcoming or upcoming[-1] != (point_date, title):
            upcoming.append((point_date, title))
        if issue_id is not None and issue_id not in own:
            own[issue_id] = (point_date, title)
    rows = []
    for issue in issues:
        next_point = own.get(issue.pk) or (upcoming[0] if upcoming else None)
        rows.append(
            {
                "issue": issue.title,
                "next": next_point[0].isoformat() if next_point else None,
                "next_title": next_point[1] if next_point else "",
            }
        )
    return rows


def estimate_for_audience(*, program: Program, period: Period, model, audience: str):
    """A model's run for the program's period; external: as `_protect` leaves it."""
    run = estimate_for(program=program, period=period, model=model)
    if audience == "external":
        _protect(run)
    return run


def _protect(run: dict[str, Any]) -> None:
    """External version: no inputs (they hold counts) and no intermediate results; a result
    computed from a count below the publication threshold is withheld, since it and the
    published costs would give the count back."""
    from django.conf import settings

    threshold = settings.SUPPRESS_BELOW
    counts = {
        name
        for name, value in run.pop("inputs").items()
        if name in estimate.COUNT_INPUTS and 0 < value < threshold
    }
    for item in run["results"]:
        used = {step["name"] for step in item["chain"] if step["kind"] == "input"}
        item["withheld"] = bool(used & counts)
        if item["withheld"]:
            item["value"] = item["low"] = item["high"] = None
        item["chain"] = [
            step
            for step in item["chain"]
            if step["kind"] == "parameter" or step["name"] == item["key"]
        ]
