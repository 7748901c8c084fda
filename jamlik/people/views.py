"""Pages for the program's people: recruitment, employment and FTE, competence plans."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jamlik.finance import services as finance_services
from jamlik.lib.forms import form_errors_to_messages, posted_data, validation_error_to_messages
from jamlik.people import audit, competence, promoters, recruitment
from jamlik.people.access import (
    PEOPLE_WRITE_ROLES,
    PLAN_ROLES,
    RECRUITMENT_ROLES,
    ProgramAccess,
    get_candidate_for_user,
    get_finance_access,
    get_program_access,
    get_promoter_for_user,
    promoters_for,
)
from jamlik.people.forms import (
    CandidateForm,
    EndForm,
    FollowUpForm,
    FteForm,
    PlanForm,
    PlanTrainingForm,
    PromoterForm,
    StepForm,
    TrainingForm,
    TrainingRecordForm,
)
from jamlik.people.models import Candidate, HealthPromoter, Training, TrainingRecord


def _base(access: ProgramAccess, **extra) -> dict:
    return {"program": access.program, "access": access, "nav": "promoters", **extra}


def _promoter_url(promoter: HealthPromoter) -> str:
    return reverse("people:promoter", args=[promoter.program.slug, promoter.pk])


# Recruitment


@login_required
@require_GET
def recruitment_view(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=RECRUITMENT_ROLES)
    today = timezone.localdate()
    candidates = list(
        Candidate.objects.filter(program=access.program)
        .select_related("source_workshop", "decision__meeting", "commitment__partnership__partner")
        .order_by("step_on", "pk")
    )
    audit.record_by(access, "view", "candidates", "list", count=len(candidates))
    open_ = [
        c for c in candidates if c.step not in (Candidate.Step.EMPLOYED, Candidate.Step.DECLINED)
    ]
    history = {
        step: sum(1 for c in candidates if c.step == step)
        for step in (Candidate.Step.EMPLOYED, Candidate.Step.DECLINED)
    }
    choices = StepForm(program=access.program).choice_lists()
    rows = [
        (
            c,
            recruitment.next_step(c),
            StepForm(program=access.program, choices=choices, auto_id=f"c{c.pk}-%s"),
        )
        for c in open_
    ]
    return render(
        request,
        "people/recruitment.html",
        _base(
            access,
            candidates=rows,
            step_labels=dict(Candidate.Step.choices),
            employed=history[Candidate.Step.EMPLOYED],
            declined=history[Candidate.Step.DECLINED],
            mix=recruitment.team_mix(program=access.program, today=today),
            form=CandidateForm(program=access.program),
        ),
    )


@login_required
@require_POST
def candidate_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=RECRUITMENT_ROLES)
    form = CandidateForm(request.POST, program=access.program)
    if form.is_valid():
        recruitment.add_candidate(access=access, today=timezone.localdate(), **form.cleaned_data)
        messages.success(request, _("The candidate was added."))
    else:
        form_errors_to_messages(request, form)
    return redirect("people:recruitment", slug)


@login_required
@require_POST
def candidate_step(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, candidate = get_candidate_for_user(request.user, slug, pk)
    form = StepForm(request.POST, program=access.program)
    if form.is_valid():
        try:
            recruitment.advance(
                access=access, candidate=candidate, today=timezone.localdate(), **form.cleaned_data
            )
        except ValidationError as exc:
            validation_error_to_messages(request, exc)
        else:
            messages.success(
                request,
                _("%(name)s: %(step)s.")
                % {"name": candidate.name, "step": candidate.get_step_display()},
            )
    else:
        form_errors_to_messages(request, form)
    return redirect("people:recruitment", slug)


@login_required
@require_POST
def candidate_decline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, candidate = get_candidate_for_user(request.user, slug, pk)
    try:
        recruitment.decline(access=access, candidate=candidate, today=timezone.localdate())
    except ValidationError as exc:
        validation_error_to_messages(request, exc)
    else:
        messages.success(request, _("The candidate was declined and their details erased."))
    return redirect("people:recruitment", slug)


# Employment


@login_required
@require_http_methods(["GET", "POST"])
def promoter_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=PEOPLE_WRITE_ROLES)
    form = PromoterForm(posted_data(request), program=access.program)
    if form.is_valid():
        try:
            promoter = promoters.create_promoter(access=access, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The health promoter was added."))
            return redirect(_promoter_url(promoter))
    return render(request, "people/promoter_new.html", _base(access, form=form))


@login_required
@require_GET
def plans(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=PLAN_ROLES)
    today = timezone.localdate()
    rows = list(
        promoters_for(access)
        .select_related("employer", "competence_plan")
        .prefetch_related("workshops")
        .order_by("name")
    )
    if access.is_promoter and len(rows) == 1:
        return redirect(_promoter_url(rows[0]))
    return render(
        request,
        "people/plans.html",
        _base(access, promoters=rows, today=today, writes=access.role in PEOPLE_WRITE_ROLES),
    )


@login_required
@require_GET
def promoter_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, promoter = get_promoter_for_user(request.user, slug, pk)
    plan = competence.plan_for(promoter)
    audit.record_by(access, "view", "health_promoter", promoter.pk)
    writes = access.role in PEOPLE_WRITE_ROLES
    program = access.program
    context = _base(
        access,
        promoter=promoter,
        plan=plan,
        planned=plan.planned.select_related("training"),
        follow_ups=plan.follow_ups.all(),
        records=promoter.training_records.select_related("training"),
        allocations=promoter.fte_allocations.select_related("line__agreement"),
        workshops=promoter.workshops.all(),
        overdue=plan.follow_up_on is not None and plan.follow_up_on < timezone.localdate(),
        writes=writes,
    )
    if writes:
        context.update(
            plan_form=PlanForm(
                program=program,
                initial={
                    "goals": plan.goals,
                    "led_by": plan.led_by,
                    "follow_up_on": plan.follow_up_on,
                },
            ),
            plan_training_form=PlanTrainingForm(program=program),
            follow_up_form=FollowUpForm(),
            record_form=TrainingRecordForm(program=program),
            end_form=EndForm(),
            fte_form=FteForm(program=program, initial={"start": promoter.started_on}),
        )
    return render(request, "people/promoter.html", context)


@login_required
@require_POST
def promoter_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, promoter = get_promoter_for_user(request.user, slug, pk, write=True)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            promoters.end_promoter(access=access, promoter=promoter, **form.cleaned_data)
        except ValidationError as exc:
            validation_error_to_messages(request, exc)
        else:
            messages.success(request, _("The employment was ended."))
    else:
        form_errors_to_messages(request, form)
    return redirect(_promoter_url(promoter))


@login_required
@require_POST
def fte_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Funded FTE for this promoter, checked by finance's one service; a refusal names
    the numbers and saves nothing."""
    access = get_finance_access(request.user, slug, scope="write")
    promoter = HealthPromoter.objects.filter(program=access.program, pk=pk).first()
    if promoter is None:
        raise Http404
    form = FteForm(request.POST, program=access.program)
    if form.is_valid():
        try:
            finance_services.allocate_fte(user=request.user, promoter=promoter, **form.cleaned_data)
        except ValidationError as exc:
            validation_error_to_messages(request, exc)
        else:
            messages.success(request, _("The FTE allocation was saved."))
    else:
        form_errors_to_messages(request, form)
    return redirect(_promoter_url(promoter) + "#fte")


# Competence plans


@login_required
@require_POST
def plan_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, promoter = get_promoter_for_user(request.user, slug, pk, write=True)
    form = PlanForm(request.POST, program=access.program)
    if form.is_valid():
        competence.update_plan(
            access=access, plan=competence.plan_for(promoter), **form.cleaned_data
        )
        messages.success(request, _("The competence plan was saved."))
    else:
        form_errors_to_messages(request, form)
    return redirect(_promoter_url(promoter) + "#plan")


@login_required
@require_POST
def plan_training(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, promoter = get_promoter_for_user(request.user, slug, pk, write=True)
    form = PlanTrainingForm(request.POST, program=access.program)
    if form.is_valid():
        competence.plan_training(
            access=access, plan=competence.plan_for(promoter), **form.cleaned_data
        )
    else:
        form_errors_to_messages(request, form)
    return redirect(_promoter_url(promoter) + "#plan")


@login_required
@require_POST
def follow_up(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, promoter = get_promoter_for_user(request.user, slug, pk, write=True)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            competence.record_follow_up(
                access=access, plan=competence.plan_for(promoter), **form.cleaned_data
            )
        except ValidationError as exc:
            validation_error_to_messages(request, exc)
    else:
        form_errors_to_messages(request, form)
    return redirect(_promoter_url(promoter) + "#follow-ups")


@login_required
@require_POST
def training_record(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, promoter = get_promoter_for_user(request.user, slug, pk, write=True)
    form = TrainingRecordForm(request.POST, request.FILES, program=access.program)
    if form.is_valid():
        competence.record_training(access=access, promoter=promoter, **form.cleaned_data)
        messages.success(request, _("The training was recorded."))
    else:
        form_errors_to_messages(request, form)
    return redirect(_promoter_url(promoter) + "#trainings")


@login_required
@require_GET
def certificate(request: HttpRequest, slug: str, pk: int, record: int) -> FileResponse:
    access, promoter = get_promoter_for_user(request.user, slug, pk)
    found = TrainingRecord.objects.filter(promoter=promoter, pk=record).first()
    if found is None or not found.certificate:
        raise Http404
    try:
        handle = found.certificate.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit.record_by(access, "view", "certificate", found.pk, promoter=promoter.pk)
    suffix = found.certificate.name.rpartition(".")[2]
    return FileResponse(handle, as_attachment=True, filename=f"certificate-{found.pk}.{suffix}")


@login_required
@require_http_methods(["GET", "POST"])
def trainings(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=PEOPLE_WRITE_ROLES)
    form = TrainingForm(posted_data(request), program=access.program)
    if form.is_valid():
        try:
            competence.add_training(access=access, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, _("The training was added to the catalogue."))
            return redirect("people:trainings", slug)
    catalogue = Training.objects.filter(program=access.program).select_related("provider")
    return render(request, "people/trainings.html", _base(access, form=form, catalogue=catalogue))
