"""Health coaches, ambassadors and volunteers: codes, categories, trainings and hours."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jamlik.lib.forms import form_errors_to_messages, validation_error_to_messages
from jamlik.lib.periods import Period
from jamlik.people.access import (
    VOLUNTEER_ROLES,
    VOLUNTEER_WRITE_ROLES,
    activities_for,
    get_program_access,
)
from jamlik.volunteers import figures, services
from jamlik.volunteers.forms import AmbassadorForm, HoursForm, VolunteerForm
from jamlik.volunteers.models import Volunteer


def _half_year(day) -> Period:
    return Period.parse(f"{day.year}H{1 if day.month <= 6 else 2}")


def _recent_activities(access):
    return activities_for(access).order_by("-date")[:50]


@login_required
@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=VOLUNTEER_ROLES)
    period = _half_year(timezone.localdate())
    rows = (
        Volunteer.objects.filter(program=access.program)
        .select_related("workshop")
        .annotate(total_hours=Sum("hours__hours"))
    )
    writes = access.role in VOLUNTEER_WRITE_ROLES
    context = {
        "program": access.program,
        "access": access,
        "nav": "volunteers",
        "volunteers": rows,
        "period": period,
        "figures": figures.figures_by_period(program=access.program, periods=[period])[0],
        "writes": writes,
    }
    if writes:
        context.update(
            # Three forms on one page: each its own ids, so that every label finds its field.
            form=VolunteerForm(program=access.program, auto_id="new-%s"),
            hours_form=HoursForm(
                program=access.program, activities=_recent_activities(access), auto_id="hours-%s"
            ),
            ambassador_form=AmbassadorForm(program=access.program, auto_id="ambassador-%s"),
        )
    return render(request, "volunteers/index.html", context)


@login_required
@require_POST
def new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=VOLUNTEER_WRITE_ROLES)
    form = VolunteerForm(request.POST, program=access.program)
    if form.is_valid():
        try:
            volunteer = services.add_volunteer(access=access, **form.cleaned_data)
        except ValidationError as exc:
            validation_error_to_messages(request, exc)
        else:
            messages.success(request, _("Registered as %(code)s.") % {"code": volunteer.code})
    else:
        form_errors_to_messages(request, form)
    return redirect("volunteers:index", slug)


@login_required
@require_POST
def hours(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=VOLUNTEER_WRITE_ROLES)
    form = HoursForm(request.POST, program=access.program, activities=activities_for(access))
    if form.is_valid():
        try:
            services.add_hours(access=access, **form.cleaned_data)
        except ValidationError as exc:
            validation_error_to_messages(request, exc)
        else:
            messages.success(request, _("The hours were recorded."))
    else:
        form_errors_to_messages(request, form)
    return redirect("volunteers:index", slug)


@login_required
@require_POST
def ambassador(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=VOLUNTEER_WRITE_ROLES)
    form = AmbassadorForm(request.POST, program=access.program)
    if form.is_valid():
        try:
            services.set_ambassador(access=access, **form.cleaned_data)
        except ValidationError as exc:
            validation_error_to_messages(request, exc)
    else:
        form_errors_to_messages(request, form)
    return redirect("volunteers:index", slug)
