"""The strategy tools of seed 002 for the leader, the hub and the steering group."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jamlik.lib.forms import form_errors_to_messages, validation_error_to_messages
from jamlik.people.access import (
    STRATEGY_APPROVE_ROLES,
    STRATEGY_WRITE_ROLES,
    ProgramAccess,
    get_program_access,
    get_strategy_access,
    get_strategy_object_for_user,
    period_for,
)
from jamlik.strategy import pages, services
from jamlik.strategy.forms import (
    AnalysisForm,
    ApproveForm,
    CompareForm,
    DecisionPointForm,
    DialogueSheetForm,
    EraseForm,
    OutcomeForm,
    PolicyIssueForm,
    StakeholderEditForm,
    StakeholderForm,
)
from jamlik.strategy.models import DialogueSheet, PolicyIssue, Stakeholder, StakeholderAnalysis


def _base(access: ProgramAccess, **extra) -> dict:
    return {
        "program": access.program,
        "access": access,
        "nav": "strategy",
        "writes": access.role in STRATEGY_WRITE_ROLES,
        "approves": access.role in STRATEGY_APPROVE_ROLES,
        **extra,
    }


@login_required
@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_strategy_access(request.user, slug)
    today = timezone.localdate()
    context = pages.index_context(program=access.program, today=today)
    form = AnalysisForm(program=access.program, initial={"made_on": today}, auto_id="new-%s")
    compare_form = CompareForm(program=access.program, auto_id="cmp-%s")
    return render(
        request,
        "strategy/index.html",
        _base(access, form=form, compare_form=compare_form, erase_form=EraseForm(), **context),
    )


# Stakeholder analyses ----------------------------------------------------------------------


@login_required
@require_POST
def analysis_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_strategy_access(request.user, slug, write=True)
    form = AnalysisForm(request.POST, program=access.program)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("strategy:index", slug)
    analysis = services.create_analysis(access=access, **form.cleaned_data)
    return redirect(analysis)


@login_required
@require_GET
def analysis(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, found = get_strategy_object_for_user(request.user, slug, StakeholderAnalysis, pk)
    stakeholders = list(
        found.stakeholders.select_related("partner", "action_item__meeting__body__program")
    )
    return render(
        request,
        "strategy/analysis.html",
        _base(
            access,
            analysis=found,
            stakeholders=stakeholders,
            counts=pages.counts_by_quadrant(stakeholders),
            form=StakeholderForm(program=access.program, auto_id="sh-%s"),
            edit_rows=[
                (s, StakeholderEditForm(instance=s, auto_id=f"sh{s.pk}-%s")) for s in stakeholders
            ]
            if access.role in STRATEGY_WRITE_ROLES
            else [],
        ),
    )


@login_required
@require_GET
def analysis_chart(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, found = get_strategy_object_for_user(request.user, slug, StakeholderAnalysis, pk)
    svg = pages.analysis_svg(found)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def stakeholder_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, found = get_strategy_object_for_user(
        request.user, slug, StakeholderAnalysis, pk, write=True
    )
    form = StakeholderForm(request.POST, program=access.program)
    if form.is_valid():
        try:
            services.add_stakeholder(access=access, analysis=found, **form.cleaned_data)
        except ValidationError as error:
            validation_error_to_messages(request, error)
    else:
        form_errors_to_messages(request, form)
    return redirect(found.get_absolute_url() + "#stakeholders")


@login_required
@require_POST
def stakeholder_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, found = get_strategy_object_for_user(request.user, slug, Stakeholder, pk, write=True)
    form = StakeholderEditForm(request.POST, instance=Stakeholder.objects.get(pk=found.pk))
    if form.is_valid():
        try:
            services.update_stakeholder(access=access, stakeholder=found, **form.cleaned_data)
        except ValidationError as error:
            validation_error_to_messages(request, error)
    else:
        form_errors_to_messages(request, form)
    return redirect(found.analysis.get_absolute_url() + "#stakeholders")


@login_required
@require_POST
def stakeholder_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, found = get_strategy_object_for_user(request.user, slug, Stakeholder, pk, write=True)
    services.remove_stakeholder(access=access, stakeholder=found)
    return redirect(found.analysis.get_absolute_url() + "#stakeholders")


@login_required
@require_POST
def stakeholder_action(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, found = get_strategy_object_for_user(request.user, slug, Stakeholder, pk, write=True)
    try:
        item = services.make_action_item(
            access=access, stakeholder=found, today=timezone.localdate()
        )
        messages.success(request, _("The action is now an action item of the hub."))
        return redirect(item.meeting.get_absolute_url())
    except ValidationError as error:
        validation_error_to_messages(request, error)
    return redirect(found.analysis.get_absolute_url() + "#stakeholders")


@login_required
@require_GET
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_strategy_access(request.user, slug)
    form = CompareForm(request.GET or None, program=access.program)
    comparison = services.compare(**form.cleaned_data) if form.is_valid() else None
    return render(request, "strategy/compare.html", _base(access, form=form, comparison=comparison))


@login_required
@require_POST
def person_erase(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_strategy_access(request.user, slug, write=True)
    form = EraseForm(request.POST)
    if form.is_valid():
        count = services.erase_person(access=access, name=form.cleaned_data["name"])
        messages.success(
            request, _("Erased from %(count)d stakeholder entries.") % {"count": count}
        )
    else:
        form_errors_to_messages(request, form)
    return redirect("strategy:index", slug)


# Policy windows ---------------------------------------------------------------------------


@login_required
@require_GET
def windows(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_strategy_access(request.user, slug)
    today = timezone.localdate()
    context = pages.windows_context(program=access.program, today=today)
    return render(
        request,
        "strategy/windows.html",
        _base(
            access,
            point_form=DecisionPointForm(auto_id="dp-%s"),
            issue_form=PolicyIssueForm(program=access.program, auto_id="pi-%s"),
            **context,
        ),
    )


@login_required
@require_POST
def decision_point_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_strategy_access(request.user, slug, write=True)
    form = DecisionPointForm(request.POST)
    if form.is_valid():
        services.add_decision_point(access=access, **form.cleaned_data)
    else:
        form_errors_to_messages(request, form)
    return redirect("strategy:windows", slug)


def _save_issue(request: HttpRequest, access: ProgramAccess, issue: PolicyIssue | None):
    form = PolicyIssueForm(request.POST, program=access.program)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(issue) if issue else redirect("strategy:windows", access.program.slug)
    issue = services.save_issue(access=access, issue=issue, **form.cleaned_data)
    return redirect(issue)


@login_required
@require_POST
def issue_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_strategy_access(request.user, slug, write=True)
    return _save_issue(request, access, None)


@login_required
@require_GET
def issue(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, found = get_strategy_object_for_user(request.user, slug, PolicyIssue, pk)
    today = timezone.localdate()
    return render(
        request,
        "strategy/issue.html",
        _base(
            access,
            issue=found,
            needs=list(found.needs.select_related("program")),
            next_point=services.next_decision_point(
                found, today, list(found.program.decision_points.filter(date__gte=today))
            ),
            form=PolicyIssueForm(instance=found, program=access.program, auto_id="pi-%s"),
        ),
    )


@login_required
@require_POST
def issue_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, found = get_strategy_object_for_user(request.user, slug, PolicyIssue, pk, write=True)
    return _save_issue(request, access, found)


# Dialogue chain ---------------------------------------------------------------------------


@login_required
@require_POST
def sheet_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_strategy_access(request.user, slug, write=True)
    form = DialogueSheetForm(request.POST, program=access.program)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("strategy:index", slug)
    sheet = services.save_sheet(access=access, sheet=None, **form.cleaned_data)
    return redirect(sheet)


@login_required
@require_GET
def sheet(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, found = get_strategy_object_for_user(request.user, slug, DialogueSheet, pk)
    return render(
        request,
        "strategy/sheet.html",
        _base(
            access,
            sheet=found,
            **pages.sheet_context(found),
            form=DialogueSheetForm(instance=found, program=access.program, auto_id="ds-%s"),
            outcome_form=OutcomeForm(instance=found, auto_id="out-%s"),
        ),
    )


@login_required
@require_POST
def sheet_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, found = get_strategy_object_for_user(request.user, slug, DialogueSheet, pk, write=True)
    if "outcome" in request.POST:
        form = OutcomeForm(request.POST)
        if form.is_valid():
            services.record_outcome(
                access=access, sheet=found, today=timezone.localdate(), **form.cleaned_data
            )
    else:
        form = DialogueSheetForm(request.POST, program=access.program)
        if form.is_valid():
            services.save_sheet(access=access, sheet=found, **form.cleaned_data)
    if form.errors:
        form_errors_to_messages(request, form)
    return redirect(found)


@login_required
@require_GET
def sheet_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, found = get_strategy_object_for_user(request.user, slug, DialogueSheet, pk)
    pdf = pages.sheet_pdf_bytes(found, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dialogue-{found.pk}.pdf"'
    return response


# Socio-economic estimate ------------------------------------------------------------------


@login_required
@require_GET
def estimate(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_strategy_access(request.user, slug)
    context = pages.estimate_context(
        program=access.program,
        period_text=request.GET.get("period", ""),
        ref=request.GET.get("model", ""),
        today=timezone.localdate(),
        audience=access.audience,
        parse_period=lambda text: period_for(access, text),
    )
    return render(request, "strategy/estimate.html", _base(access, **context))


@login_required
@require_POST
def model_approve(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=STRATEGY_APPROVE_ROLES)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("strategy:estimate", slug)
    model = pages.model_by_ref(form.cleaned_data["model"])
    if model is None:
        raise Http404
    services.approve_model(
        access=access,
        model=model,
        today=timezone.localdate(),
        decision_reference=form.cleaned_data["decision_reference"],
    )
    messages.success(request, _("The model is approved for external reports."))
    return redirect(reverse("strategy:estimate", args=[slug]) + f"?model={model.ref}")
