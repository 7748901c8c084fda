"""Bodies, their meetings and the power shift.

Writes are POST only and answer with a redirect back to the section they changed; the
attendance buttons also answer htmx requests with the section alone.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jamlik.governance import figures, ical, pages, services
from jamlik.governance.forms import (
    ActionItemForm,
    ActionStatusForm,
    AgendaItemEditForm,
    AgendaItemForm,
    AnchorForm,
    AttendanceForm,
    BodyForm,
    BodySettingsForm,
    DecisionForm,
    MeetingDetailsForm,
    MeetingForm,
    MembershipForm,
    MinutesForm,
    VotesForm,
)
from jamlik.governance.minutes import minutes_pdf_bytes
from jamlik.lib.forms import form_errors_to_messages, posted_data, validation_error_to_messages
from jamlik.people import audit
from jamlik.people.access import (
    ALL_ROLES,
    GOVERNANCE_ADMIN_ROLES,
    GOVERNANCE_ROLES,
    get_action_item_for_user,
    get_body_for_feed,
    get_body_for_user,
    get_decision_for_user,
    get_meeting_for_user,
    get_membership_for_user,
    get_program_access,
    may_read_record,
)


def _back(meeting, section: str = "") -> HttpResponse:
    return redirect(meeting.get_absolute_url() + (f"#{section}" if section else ""))


# Governance


@login_required
@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=GOVERNANCE_ROLES)
    context = pages.index_context(access=access, today=timezone.localdate())
    return render(request, "governance/index.html", context)


@login_required
@require_POST
def body_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=GOVERNANCE_ADMIN_ROLES)
    form = BodyForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("governance:index", slug)
    try:
        body = services.create_body(access=access, **form.cleaned_data)
    except ValidationError as error:
        validation_error_to_messages(request, error)
        return redirect("governance:index", slug)
    return redirect(body)


@login_required
@require_GET
def power_shift(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=ALL_ROLES)
    rows = figures.power_shift(program=access.program, today=timezone.localdate())
    return render(
        request,
        "governance/power_shift.html",
        {"program": access.program, "access": access, "nav": "governance", "rows": rows},
    )


@login_required
@require_GET
def power_shift_chart(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=ALL_ROLES)
    rows = figures.power_shift(program=access.program, today=timezone.localdate())
    return HttpResponse(figures.power_shift_svg(rows), content_type="image/svg+xml")


# Bodies


@login_required
@require_GET
def body_detail(request: HttpRequest, slug: str, body: str) -> HttpResponse:
    access, body_ = get_body_for_user(request.user, slug, body)
    context = pages.body_context(access=access, body=body_, today=timezone.localdate())
    context["feed_url"] = request.build_absolute_uri(
        reverse("governance:feed_token", args=[slug, context["feed_token"]])
    )
    return render(request, "governance/body.html", context)


@login_required
@require_POST
def member_new(request: HttpRequest, slug: str, body: str) -> HttpResponse:
    access, body_ = get_body_for_user(request.user, slug, body, write=True)
    form = MembershipForm(request.POST, body=body_)
    if form.is_valid():
        try:
            services.add_membership(access=access, body=body_, **form.cleaned_data)
        except ValidationError as error:
            validation_error_to_messages(request, error)
    else:
        form_errors_to_messages(request, form)
    return redirect(body_.get_absolute_url() + "#members")


@login_required
@require_POST
def member_end(request: HttpRequest, slug: str, body: str, pk: int) -> HttpResponse:
    access, membership = get_membership_for_user(request.user, slug, body, pk)
    body_ = membership.body
    if membership.ends_on is None:  # already ended: a repeated request changes nothing
        try:
            services.end_membership(access=access, membership=membership, on=timezone.localdate())
        except ValidationError as error:
            validation_error_to_messages(request, error)
    return redirect(body_.get_absolute_url() + "#members")


@login_required
@require_POST
def meeting_new(request: HttpRequest, slug: str, body: str) -> HttpResponse:
    access, body_ = get_body_for_user(request.user, slug, body, write=True)
    form = MeetingForm(request.POST, body=body_)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(body_.get_absolute_url() + "#new-meeting")
    meeting = services.create_meeting(access=access, body=body_, **form.cleaned_data)
    return redirect(meeting)


@login_required
@require_GET
def feed(request: HttpRequest, slug: str, body: str) -> HttpResponse:
    _access, body_ = get_body_for_user(request.user, slug, body)
    return _feed_response(request, body_)


@never_cache
@require_GET
def feed_by_token(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The calendar feed a calendar program subscribes to: the signed link is the key."""
    body = get_body_for_feed(token)
    if body.program.slug != slug:
        return HttpResponse(status=404)
    return _feed_response(request, body)


def _feed_response(request: HttpRequest, body) -> HttpResponse:
    meetings = body.meetings.prefetch_related("agenda_items").select_related("body__program")
    data = ical.body_feed(
        body, meetings, url_for=lambda m: request.build_absolute_uri(m.get_absolute_url())
    )
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{body.key}.ics"'
    return response


# Meetings


@login_required
@require_GET
def meeting_detail(request: HttpRequest, slug: str, body: str, key: str) -> HttpResponse:
    access, meeting = get_meeting_for_user(request.user, slug, body, key)
    context = pages.meeting_context(access=access, meeting=meeting, today=timezone.localdate())
    return render(request, "governance/meeting.html", context)


@login_required
@require_POST
def meeting_update(request: HttpRequest, slug: str, body: str, key: str) -> HttpResponse:
    access, meeting = get_meeting_for_user(request.user, slug, body, key, write=True)
    form = MeetingDetailsForm(request.POST, body=meeting.body)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return _back(meeting, "details")
    services.update_meeting(access=access, meeting=meeting, **form.cleaned_data)
    return _back(meeting)


@login_required
@require_POST
def agenda_item_new(request: HttpRequest, slug: str, body: str, key: str) -> HttpResponse:
    access, meeting = get_meeting_for_user(request.user, slug, body, key, write=True)
    form = AgendaItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        services.add_agenda_item(access=access, meeting=meeting, **form.cleaned_data)
    else:
        form_errors_to_messages(request, form)
    return _back(meeting, "agenda")


@login_required
@require_POST
def agenda_send(request: HttpRequest, slug: str, body: str, key: str) -> HttpResponse:
    access, meeting = get_meeting_for_user(request.user, slug, body, key, write=True)
    url = request.build_absolute_uri(meeting.get_absolute_url())
    try:
        count = services.send_agenda(access=access, meeting=meeting, meeting_url=url)
    except ValidationError as error:
        validation_error_to_messages(request, error)
    else:
        messages.success(request, _("The agenda was sent to %(count)d members.") % {"count": count})
    return _back(meeting, "agenda")


@login_required
@require_POST
def attendance(request: HttpRequest, slug: str, body: str, key: str) -> HttpResponse:
    access, meeting = get_meeting_for_user(request.user, slug, body, key, write=True)
    form = AttendanceForm(request.POST, meeting=meeting)
    if form.is_valid():
        services.set_attendance(access=access, meeting=meeting, **form.cleaned_data)
    if not request.htmx:
        return _back(meeting, "attendance")
    context = pages.meeting_context(access=access, meeting=meeting, today=timezone.localdate())
    return render(request, "governance/_attendance_changed.html", context)


@login_required
@require_POST
def decision_new(request: HttpRequest, slug: str, body: str, key: str) -> HttpResponse:
    access, meeting = get_meeting_for_user(request.user, slug, body, key, write=True)
    anchors = pages.anchor_choices(access=access, meeting=meeting)
    form = DecisionForm(request.POST, meeting=meeting, anchors=anchors)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return _back(meeting, "new-decision")
    try:
        decision = services.record_decision(access=access, meeting=meeting, **form.cleaned_data)
    except ValidationError as error:
        validation_error_to_messages(request, error)
        return _back(meeting, "new-decision")
    return _back(meeting, f"decision-{decision.number}")


@login_required
@require_POST
def votes(request: HttpRequest, slug: str, body: str, key: str, number: int) -> HttpResponse:
    access, decision = get_decision_for_user(request.user, slug, body, key, number)
    form = VotesForm(request.POST, voters=pages.voters(decision.meeting))
    if form.is_valid():
        try:
            for membership, choice in form.votes():
                services.cast_vote(
                    access=access, decision=decision, membership=membership, choice=choice
                )
        except ValidationError as error:
            validation_error_to_messages(request, error)
    return _back(decision.meeting, f"decision-{number}")


@login_required
@require_POST
def anchor(request: HttpRequest, slug: str, body: str, key: str, number: int) -> HttpResponse:
    access, decision = get_decision_for_user(request.user, slug, body, key, number)
    anchors = pages.anchor_choices(access=access, meeting=decision.meeting)
    form = AnchorForm(request.POST, anchors=anchors)
    if form.is_valid():
        try:
            services.link_anchor(
                access=access, decision=decision, anchored_by=form.cleaned_data["anchored_by"]
            )
        except ValidationError as error:
            validation_error_to_messages(request, error)
    else:
        form_errors_to_messages(request, form)
    return _back(decision.meeting, f"decision-{number}")


@login_required
@require_POST
def minutes(request: HttpRequest, slug: str, body: str, key: str) -> HttpResponse:
    access, meeting = get_meeting_for_user(request.user, slug, body, key, write=True)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.save_minutes(access=access, meeting=meeting, text=form.cleaned_data["minutes"])
        except ValidationError as error:
            validation_error_to_messages(request, error)
        else:
            messages.success(request, _("The minutes were saved."))
    return _back(meeting, "minutes")


@login_required
@require_GET
def minutes_pdf(request: HttpRequest, slug: str, body: str, key: str) -> HttpResponse:
    access, meeting = get_meeting_for_user(request.user, slug, body, key)
    if not may_read_record(access, meeting) or not meeting.minutes.strip():
        return HttpResponse(status=404)
    context = pages.meeting_context(access=access, meeting=meeting, today=timezone.localdate())
    pdf = minutes_pdf_bytes(context, base_url=request.build_absolute_uri("/"))
    audit.record(
        user=request.user,
        program=access.program,
        action="export",
        object_type="minutes_pdf",
        object_ref=f"{meeting.body.key}/{meeting.key}",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{meeting.body.key}-{meeting.key}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@require_POST
def approve_previous(request: HttpRequest, slug: str, body: str, key: str) -> HttpResponse:
    access, meeting = get_meeting_for_user(request.user, slug, body, key, write=True)
    previous = services.previous_meeting(meeting)
    if previous is None:
        return HttpResponse(status=404)
    try:
        services.approve_minutes(access=access, meeting=previous, at=meeting)
    except ValidationError as error:
        validation_error_to_messages(request, error)
    else:
        messages.success(request, _("The minutes of the previous meeting are approved."))
    return _back(meeting, "previous-minutes")


@login_required
@require_POST
def action_new(request: HttpRequest, slug: str, body: str, key: str) -> HttpResponse:
    access, meeting = get_meeting_for_user(request.user, slug, body, key, write=True)
    form = ActionItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        services.add_action_item(access=access, meeting=meeting, **form.cleaned_data)
    else:
        form_errors_to_messages(request, form)
    return _back(meeting, "actions")


@login_required
@require_POST
def action_status(request: HttpRequest, slug: str, body: str, key: str, pk: int) -> HttpResponse:
    access, meeting, item = get_action_item_for_user(request.user, slug, body, key, pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.set_action_status(
            access=access, item=item, status=form.cleaned_data["status"], at=meeting
        )
    return _back(meeting, "agenda")


@login_required
@require_http_methods(["GET", "POST"])
def body_settings(request: HttpRequest, slug: str, body: str) -> HttpResponse:
    access, body_ = get_body_for_user(request.user, slug, body)
    if access.role not in GOVERNANCE_ADMIN_ROLES:
        raise Http404
    form = BodySettingsForm(posted_data(request), instance=body_)
    if request.method == "POST" and form.is_valid():
        services.change_body(access=access, form=form)
        messages.success(request, _("The body's settings were saved."))
        return redirect(body_)
    return render(
        request,
        "governance/body_settings.html",
        {
            "program": access.program,
            "access": access,
            "nav": "governance",
            "body": body_,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request: HttpRequest, slug: str, body: str, key: str, pk: int) -> HttpResponse:
    access, meeting = get_meeting_for_user(request.user, slug, body, key, write=True)
    item = get_object_or_404(meeting.agenda_items, pk=pk)
    form = AgendaItemEditForm(posted_data(request), item=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_agenda_item(access=access, item=item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _back(meeting, "agenda")
    return render(
        request,
        "governance/agenda_item_form.html",
        {
            "program": access.program,
            "access": access,
            "nav": "governance",
            "meeting": meeting,
            "item": item,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_delete(
    request: HttpRequest, slug: str, body: str, key: str, pk: int
) -> HttpResponse:
    """Asks first (GET); removes on POST."""
    access, meeting = get_meeting_for_user(request.user, slug, body, key, write=True)
    item = get_object_or_404(meeting.agenda_items, pk=pk)
    if request.method == "POST":
        try:
            services.delete_agenda_item(access=access, item=item)
        except ValidationError as error:
            validation_error_to_messages(request, error)
        return _back(meeting, "agenda")
    return render(
        request,
        "governance/agenda_item_delete.html",
        {
            "program": access.program,
            "access": access,
            "nav": "governance",
            "meeting": meeting,
            "item": item,
        },
    )
