"""Goals with indicators ("Mål"), the half-year evaluations and the CBPR evaluations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jamlik.goals import cbpr, services
from jamlik.goals.evaluation import missing_evaluations, prepared_for
from jamlik.goals.forms import (
    ApproveEvaluationForm,
    CategoryForm,
    CbprEditForm,
    CbprRoundForm,
    EvaluationForm,
    GoalForm,
    IndicatorForm,
    NewEvaluationForm,
    ValueForm,
)
from jamlik.goals.models import CbprRound, GoalCategory, HalfYearEvaluation
from jamlik.goals.progress import goals_of, half_years_until, progress_for
from jamlik.lib.forms import form_errors_to_messages, posted_data
from jamlik.lib.periods import Period
from jamlik.people.access import (
    CBPR_ANALYSIS_ROLES,
    CBPR_ROLES,
    EVALUATION_ROLES,
    GOALS_WRITE_ROLES,
    get_cbpr_round_for_link,
    get_cbpr_round_for_user,
    get_evaluation_for_user,
    get_goal_for_user,
    get_goals_access,
    get_indicator_for_user,
    get_program_access,
)
from jamlik.surveys.forms import ConsentForm


def _context(access, **extra):
    return {
        "program": access.program,
        "access": access,
        "nav": "goals",
        "may_edit": access.role in GOALS_WRITE_ROLES,
        "sees_evaluations": access.role in EVALUATION_ROLES,
        "sees_cbpr": access.role in CBPR_ROLES,
        **extra,
    }


def _grouped(rows):
    """Goal rows per result category or goal area; the goals without one come last."""
    groups: dict = {}
    for row in rows:
        groups.setdefault(row.goal.category, []).append(row)
    named = sorted(
        (c for c in groups if c is not None),
        key=lambda c: (c.kind != GoalCategory.Kind.RESULT, c.position, c.name),
    )
    return [(c, groups[c]) for c in named] + ([(None, groups[None])] if None in groups else [])


# Goals ------------------------------------------------------------------------------


@login_required
@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_goals_access(request.user, slug)
    periods = half_years_until(Period.half_year_of(timezone.localdate()))
    rows = progress_for(access, goals_of(access.program), periods)
    return render(
        request,
        "goals/index.html",
        _context(access, groups=_grouped(rows), current=periods[-1], has_goals=bool(rows)),
    )


@login_required
@require_GET
def goal_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, goal = get_goal_for_user(request.user, slug, pk)
    periods = half_years_until(Period.half_year_of(timezone.localdate()), 6)
    rows = progress_for(access, goals_of(access.program).filter(pk=goal.pk), periods)
    value_form = ValueForm() if access.role in GOALS_WRITE_ROLES else None
    return render(
        request,
        "goals/goal.html",
        _context(access, goal=goal, row=rows[0], periods=periods, value_form=value_form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_goals_access(request.user, slug, write=True)
    initial = {"workshop": request.GET.get("workshop")} if request.GET.get("workshop") else None
    form = GoalForm(posted_data(request), program=access.program, initial=initial)
    if request.method == "POST" and form.is_valid():
        goal = services.save_goal(access=access, **_fields(form))
        messages.success(request, _("The goal was saved. Add its indicators."))
        return redirect(goal)
    return render(request, "goals/goal_form.html", _context(access, form=form))


def _fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, goal = get_goal_for_user(request.user, slug, pk, write=True)
    form = GoalForm(posted_data(request), instance=goal, program=access.program)
    if request.method == "POST" and form.is_valid():
        services.save_goal(access=access, goal=goal, **_fields(form))
        messages.success(request, _("The goal was saved."))
        return redirect(goal)
    return render(request, "goals/goal_form.html", _context(access, form=form, goal=goal))


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, goal = get_goal_for_user(request.user, slug, pk, write=True)
    if request.method == "POST":
        services.delete_goal(access=access, goal=goal)
        messages.success(request, _("The goal was deleted."))
        return redirect("goals:index", slug)
    return render(request, "goals/goal_delete.html", _context(access, goal=goal))


@login_required
@require_http_methods(["GET", "POST"])
def categories(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_goals_access(request.user, slug, write=True)
    form = CategoryForm(posted_data(request), program=access.program)
    if request.method == "POST" and form.is_valid():
        services.save_category(access=access, **_fields(form))
        messages.success(request, _("The category was saved."))
        return redirect("goals:categories", slug)
    listed = GoalCategory.objects.filter(program=access.program)
    return render(request, "goals/categories.html", _context(access, form=form, categories=listed))


@login_required
@require_http_methods(["GET", "POST"])
def category_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_goals_access(request.user, slug, write=True)
    category = get_object_or_404(GoalCategory, program=access.program, pk=pk)
    form = CategoryForm(posted_data(request), instance=category, program=access.program)
    if request.method == "POST" and form.is_valid():
        services.save_category(access=access, category=category, **_fields(form))
        messages.success(request, _("The category was saved."))
        return redirect("goals:categories", slug)
    return render(
        request, "goals/category_form.html", _context(access, form=form, category=category)
    )


# Indicators -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def indicator_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, goal = get_goal_for_user(request.user, slug, pk, write=True)
    form = IndicatorForm(posted_data(request), goal=goal)
    if request.method == "POST" and form.is_valid():
        services.save_indicator(access=access, goal=goal, **_fields(form))
        messages.success(request, _("The indicator was saved."))
        return redirect(goal)
    return render(request, "goals/indicator_form.html", _context(access, form=form, goal=goal))


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, indicator = get_indicator_for_user(request.user, slug, pk)
    goal = indicator.goal
    form = IndicatorForm(posted_data(request), instance=indicator, goal=goal)
    if request.method == "POST" and form.is_valid():
        services.save_indicator(access=access, goal=goal, indicator=indicator, **_fields(form))
        messages.success(request, _("The indicator was saved."))
        return redirect(goal)
    return render(
        request,
        "goals/indicator_form.html",
        _context(access, form=form, goal=goal, indicator=indicator),
    )


@login_required
@require_POST
def indicator_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, indicator = get_indicator_for_user(request.user, slug, pk)
    goal = indicator.goal
    services.delete_indicator(access=access, indicator=indicator)
    messages.success(request, _("The indicator was deleted."))
    return redirect(goal)


@login_required
@require_POST
def value(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Enters a hand-entered indicator's value for a half-year (from the goal's page)."""
    access, indicator = get_indicator_for_user(request.user, slug, pk)
    form = ValueForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(indicator.goal)
    try:
        services.set_value(access=access, indicator=indicator, **form.cleaned_data)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("The value was saved."))
    return redirect(indicator.goal)


# The half-year evaluation -----------------------------------------------------------


@login_required
@require_GET
def evaluations(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=EVALUATION_ROLES)
    listed = HalfYearEvaluation.objects.filter(program=access.program).select_related(
        "approved_at_meeting__body"
    )
    may_edit = access.role in GOALS_WRITE_ROLES
    return render(
        request,
        "goals/evaluations.html",
        _context(
            access,
            evaluations=listed,
            missing=missing_evaluations(access.program),
            new_form=NewEvaluationForm(program=access.program) if may_edit else None,
        ),
    )


@login_required
@require_POST
def evaluation_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_goals_access(request.user, slug, write=True)
    form = NewEvaluationForm(request.POST, program=access.program)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("goals:evaluations", slug)
    evaluation = services.start_evaluation(access=access, **form.cleaned_data)
    return redirect(evaluation)


@login_required
@require_GET
def evaluation_detail(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access, evaluation = get_evaluation_for_user(request.user, slug, period)
    may_edit = access.role in GOALS_WRITE_ROLES and not evaluation.is_approved
    return render(
        request,
        "goals/evaluation.html",
        _context(
            access,
            evaluation=evaluation,
            prepared=prepared_for(evaluation, access),
            decisions=evaluation.decisions.select_related("meeting__body"),
            approve_form=ApproveEvaluationForm(program=access.program) if may_edit else None,
            may_change=may_edit,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_edit(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access, evaluation = get_evaluation_for_user(request.user, slug, period, write=True)
    if evaluation.is_approved:
        messages.error(request, _("An approved evaluation does not change."))
        return redirect(evaluation)
    form = EvaluationForm(posted_data(request), instance=evaluation)
    if request.method == "POST" and form.is_valid():
        fields = _fields(form)
        decisions = list(fields.pop("decisions"))
        services.save_evaluation(
            access=access, evaluation=evaluation, decisions=decisions, **fields
        )
        messages.success(request, _("The evaluation was saved."))
        return redirect(evaluation)
    return render(
        request, "goals/evaluation_form.html", _context(access, form=form, evaluation=evaluation)
    )


@login_required
@require_POST
def evaluation_approve(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access, evaluation = get_evaluation_for_user(request.user, slug, period, write=True)
    form = ApproveEvaluationForm(request.POST, program=access.program)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(evaluation)
    try:
        services.approve_evaluation(
            access=access, evaluation=evaluation, meeting=form.cleaned_data["meeting"]
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("The evaluation was approved; the steering group sees it."))
    return redirect(evaluation)


# CBPR evaluations ------------------------------------------------------------------


@login_required
@require_GET
def cbpr_rounds(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=CBPR_ROLES)
    rounds = CbprRound.objects.filter(program=access.program).select_related("wave")
    return render(request, "goals/cbpr_rounds.html", _context(access, rounds=rounds))


@login_required
@require_http_methods(["GET", "POST"])
def cbpr_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_goals_access(request.user, slug, write=True)
    form = CbprRoundForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        round = services.plan_round(access=access, **form.cleaned_data)
        messages.success(request, _("The CBPR evaluation was planned. Send each party its link."))
        return redirect(round)
    return render(request, "goals/cbpr_form.html", _context(access, form=form))


@login_required
@require_GET
def cbpr_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, round = get_cbpr_round_for_user(request.user, slug, pk)
    links = []
    if access.role in GOALS_WRITE_ROLES:
        parties = access.program.partnerships.select_related("partner").filter(left_on__isnull=True)
        links = [
            (p, request.build_absolute_uri(cbpr.party_link(round, p)))
            for p in parties.order_by("partner__name")
        ]
    results = cbpr.with_change(round)
    results["item_rows"] = cbpr.item_rows(results, translation.get_language() or "sv")
    return render(
        request,
        "goals/cbpr.html",
        _context(
            access,
            round=round,
            results=results,
            links=links,
            records=round.records.all(),
            may_analyse=access.role in CBPR_ANALYSIS_ROLES,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def cbpr_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, round = get_cbpr_round_for_user(request.user, slug, pk, roles=CBPR_ANALYSIS_ROLES)
    form = CbprEditForm(posted_data(request), instance=round)
    if request.method == "POST" and form.is_valid():
        fields = _fields(form)
        records = list(fields.pop("records"))
        services.save_round(access=access, round=round, records=records, **fields)
        messages.success(request, _("The CBPR evaluation was saved."))
        return redirect(round)
    return render(request, "goals/cbpr_edit.html", _context(access, form=form, round=round))


@require_http_methods(["GET", "POST"])
def cbpr_answer(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """A party's link: consent, then the phone form of the partnership questionnaire. The
    response is linked to the party, not to who answered."""
    round, partnership = get_cbpr_round_for_link(slug, token)
    languages = round.wave.languages()
    form = ConsentForm(
        posted_data(request), languages=languages, initial={"language": languages[0]}
    )
    if request.method == "POST" and form.is_valid():
        response = services.start_party_response(
            round=round, partnership=partnership, language=form.cleaned_data["language"]
        )
        return redirect("surveys:fill", slug, response.uuid)
    page = render(
        request,
        "goals/cbpr_answer.html",
        {
            "round": round,
            "wave": round.wave,
            "party": partnership.partner,
            "form": form,
            "form_language": translation.get_language(),
            "form_dir": "ltr",
        },
    )
    page["Referrer-Policy"] = "same-origin"
    return page
