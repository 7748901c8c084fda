"""The health promoter's daily work: activities, attendance, participants.

Every write works both as an htmx request (answered with partials) and as a plain form
post (answered with a redirect, so a reload never repeats it).
"""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jamlik.activities import services
from jamlik.activities.forms import (
    ActivityForm,
    AttendanceForm,
    HeadcountForm,
    ParticipantForm,
    StatusForm,
    SupportForm,
)
from jamlik.activities.models import Activity, Gender, Participant
from jamlik.people import audit
from jamlik.people.access import (
    PERSONAL_DATA_ROLES,
    ProgramAccess,
    activities_for,
    get_activity_for_user,
    get_participant_for_user,
    get_program_access,
    sees_profile,
    support_contacts_for,
)

PAGE_SIZE = 50


def _base(access: ProgramAccess, **extra) -> dict:
    return {"program": access.program, "access": access, "nav": "activities", **extra}


# Activities


@login_required
@require_GET
def activity_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=PERSONAL_DATA_ROLES)
    workshops = list(access.workshops().order_by("name"))
    selected = next((w for w in workshops if w.key == request.GET.get("workshop")), None)
    activities = (
        activities_for(access).select_related("workshop").order_by("-date", "-start_time", "-pk")
    )
    if selected is not None:
        activities = activities.filter(workshop=selected)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = services.with_registered_counts(page.object_list)
    new_for = selected or (workshops[0] if len(workshops) == 1 else None)
    return render(
        request,
        "activities/list.html",
        _base(access, page=page, workshops=workshops, selected=selected, new_for=new_for),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=PERSONAL_DATA_ROLES)
    if request.method == "POST":
        form = ActivityForm(request.POST, access=access)
        if form.is_valid():
            try:
                activity, _ = services.create_activity(access=access, **form.cleaned_data)
            except services.KeyTaken:
                raise Http404 from None
            return redirect(activity)
    else:
        workshop = access.workshops().filter(key=request.GET.get("workshop", "")).first()
        if workshop is None and not access.is_leader:
            workshop = access.workshops().order_by("name").first()
        key = services.new_activity_key(
            program=access.program, workshop=workshop, day=timezone.localdate()
        )
        form = ActivityForm(initial={"key": key, "workshop": workshop}, access=access)
    return render(request, "activities/new.html", _base(access, form=form))


@login_required
@require_GET
def attendance(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, activity = get_activity_for_user(request.user, slug, key)
    q = request.GET.get("q", "")
    context = _attendance_context(access, activity, q=q)
    # After a plain form post, ?new= shows the code just registered (if present here).
    new_code = request.GET.get("new", "")
    present = (a.participant for a in context["summary"]["present"])
    context["new_participant"] = next((p for p in present if p.code == new_code), None)
    # After a plain form post that removed someone, ?removed= offers to undo it.
    removed = services.participant_by_code(access=access, code=request.GET.get("removed", ""))
    if removed is not None and removed.pk not in {
        p.participant_id for p in context["summary"]["present"]
    }:
        context["removed"] = removed
    return _attendance_page(request, access, activity, context)


def _attendance_page(
    request: HttpRequest, access: ProgramAccess, activity: Activity, context: dict
) -> HttpResponse:
    """The whole attendance page: it lists who was present, so the read is audited."""
    audit.record(
        user=request.user,
        program=access.program,
        action="view",
        object_type="attendance",
        object_ref=activity.key,
        detail={"count": context["summary"]["registered"]},
    )
    return render(request, "activities/attendance.html", context)


@login_required
@require_GET
def participant_search(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, activity = get_activity_for_user(request.user, slug, key)
    q = request.GET.get("q", "")
    if not request.htmx:
        return redirect(_attendance_url(activity, q=q))
    results = services.search_participants(access=access, activity=activity, query=q)
    return render(
        request,
        "activities/_search_results.html",
        _base(access, activity=activity, q=q, results=results),
    )


@login_required
@require_POST
def mark(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, activity = get_activity_for_user(request.user, slug, key)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    participant = services.participant_by_code(access=access, code=form.cleaned_data["code"])
    if participant is None:
        raise Http404
    present = form.cleaned_data["present"]
    changed = services.set_attendance(
        access=access, activity=activity, participant=participant, present=present
    )
    if present:
        # Marked present: the search is emptied and focused for the next code.
        return _attendance_changed(request, access, activity, q="", cleared_search=True)
    removed = participant if changed else None
    return _attendance_changed(request, access, activity, q=form.cleaned_data["q"], removed=removed)


@login_required
@require_POST
def participant_new(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, activity = get_activity_for_user(request.user, slug, key)
    form = ParticipantForm(request.POST, program=access.program)
    if form.is_valid():
        try:
            participant, _ = services.register_participant(
                access=access, activity=activity, **form.cleaned_data
            )
        except services.CodeTaken:
            form = _fresh_participant_form(access, clash=True)
        else:
            if not request.htmx:
                return redirect(_attendance_url(activity, new=participant.code))
            context = _attendance_context(access, activity, new_participant=participant)
            return render(request, "activities/_participant_added.html", context)
    context = _attendance_context(access, activity, participant_form=form)
    template = "activities/_new_participant.html" if request.htmx else "activities/attendance.html"
    return render(request, template, context)


@login_required
@require_POST
def headcount(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, activity = get_activity_for_user(request.user, slug, key)
    form = HeadcountForm(request.POST)
    if not form.is_valid():
        if set(form.errors) != {"count"}:
            return HttpResponseBadRequest()
        return _headcount_refused(request, access, activity, form)
    services.set_headcount(access=access, activity=activity, **form.cleaned_data)
    if not request.htmx:
        return redirect(_attendance_url(activity) + "#headcounts")
    context = _attendance_context(access, activity)
    return render(request, "activities/_counts_changed.html", context)


@login_required
@require_POST
def status(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, activity = get_activity_for_user(request.user, slug, key)
    form = StatusForm(request.POST, activity=activity)
    if request.POST.get("status") not in Activity.Status.values:
        return HttpResponseBadRequest()
    if not form.is_valid():
        # Held before the date: say why beside the buttons; nothing changes.
        error = form.errors["status"][0]
        if request.htmx:
            return render(
                request,
                "activities/_status.html",
                _base(access, activity=activity, status_error=error),
            )
        context = _attendance_context(access, activity) | {"status_error": error}
        return _attendance_page(request, access, activity, context)
    services.set_activity_status(access=access, activity=activity, **form.cleaned_data)
    if not request.htmx:
        return redirect(_attendance_url(activity) + "#status")
    return render(request, "activities/_status.html", _base(access, activity=activity))


def _headcount_refused(
    request: HttpRequest, access: ProgramAccess, activity: Activity, form: HeadcountForm
) -> HttpResponse:
    """The stepper again with the saved number and, beside it, why the one typed was not."""
    context = _attendance_context(access, activity)
    category = form.cleaned_data["category"]
    gender = form.cleaned_data["gender"]
    context["stepper_error"] = (category, gender, form.errors["count"][0])
    if not request.htmx:
        return _attendance_page(request, access, activity, context)
    group = next(g for g in context["summary"]["groups"] if g["category"] == category)
    stepper = group
    if gender != Gender.UNKNOWN:
        stepper = next(s for s in group["by_gender"] if s["gender"] == gender)
    context.update(category=category, gender=gender, label=stepper["label"], count=stepper["count"])
    return render(request, "activities/_stepper_refused.html", context)


def _attendance_url(activity: Activity, **params: str) -> str:
    query = urlencode({k: v for k, v in params.items() if v})
    return activity.get_absolute_url() + (f"?{query}" if query else "")


def _fresh_participant_form(access: ProgramAccess, *, clash: bool = False) -> ParticipantForm:
    code = services.new_participant_code(program=access.program)
    return ParticipantForm(initial={"code": code}, program=access.program, clash=clash)


def _attendance_context(access: ProgramAccess, activity: Activity, *, q: str = "", **extra) -> dict:
    results = services.search_participants(access=access, activity=activity, query=q)
    if "participant_form" not in extra:
        extra["participant_form"] = _fresh_participant_form(access)
    return _base(
        access,
        activity=activity,
        q=q,
        results=results,
        summary=services.attendance_summary(activity=activity),
        **extra,
    )


def _attendance_changed(
    request: HttpRequest,
    access: ProgramAccess,
    activity: Activity,
    *,
    q: str,
    removed: Participant | None = None,
    cleared_search: bool = False,
) -> HttpResponse:
    """After marking someone present or not; a removal can be undone from the list."""
    if not request.htmx:
        return redirect(_attendance_url(activity, q=q, removed=removed.code if removed else ""))
    # The answer has no new-participant form: no fresh code is drawn (a query) for it.
    context = _attendance_context(
        access,
        activity,
        q=q,
        removed=removed,
        cleared_search=cleared_search,
        participant_form=None,
    )
    return render(request, "activities/_attendance_changed.html", context)


# Participants


@login_required
@require_GET
def participant_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    access, participant = get_participant_for_user(request.user, slug, code)
    form = SupportForm(access=access, initial={"workshop": participant.registered_in})
    return _participant_page(request, access, participant, form)


@login_required
@require_POST
def support_new(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    access, participant = get_participant_for_user(request.user, slug, code)
    form = SupportForm(request.POST, access=access)
    if not form.is_valid():
        return _participant_page(request, access, participant, form)
    services.add_support_contact(access=access, participant=participant, **form.cleaned_data)
    return redirect(reverse("activities:participant", args=[slug, participant.code]) + "#support")


def _participant_page(request, access, participant, support_form) -> HttpResponse:
    attended = (
        activities_for(access)
        .filter(attendances__participant=participant)
        .select_related("workshop")
        .order_by("-date", "-start_time")
    )
    audit.record(
        user=request.user,
        program=access.program,
        action="view",
        object_type="participant",
        object_ref=participant.code,
    )
    context = _base(
        access,
        participant=participant,
        attended=attended,
        profile=sees_profile(access, participant),
        support=support_contacts_for(access)
        .filter(participant=participant)
        .select_related("workshop")
        .order_by("-date", "-pk"),
        support_form=support_form,
    )
    return render(request, "activities/participant.html", context)
