from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jamlik.activities.models import Activity
from jamlik.goals.progress import workshop_goals
from jamlik.lib.forms import posted_data
from jamlik.people.access import (
    GOALS_WRITE_ROLES,
    WORKSHOP_WRITE_ROLES,
    activities_for,
    get_program_access,
    get_workshop_for_user,
)
from jamlik.workshops import editing
from jamlik.workshops.forms import WorkshopForm


@login_required
@require_GET
def workshop_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug)
    workshops = (
        access.program.workshops.prefetch_related("health_promoters")
        .annotate(held=Count("activities", filter=Q(activities__status=Activity.Status.HELD)))
        .order_by("name")
    )
    # Marking "yours" only helps a promoter; the leader works in all of them.
    own = set(access.workshops().values_list("pk", flat=True)) if access.is_promoter else set()
    return render(
        request,
        "workshops/list.html",
        {
            "program": access.program,
            "access": access,
            "nav": "workshops",
            "workshops": workshops,
            "own": own,
            "may_edit": access.role in WORKSHOP_WRITE_ROLES,
        },
    )


@login_required
@require_GET
def workshop_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, workshop = get_workshop_for_user(request.user, slug, key)
    may_work = access.may_work_in(workshop)
    recent = (
        activities_for(access)
        .filter(workshop=workshop)
        .select_related("program")
        .annotate(registered=Count("attendances", distinct=True))[:30]
        if may_work
        else None
    )
    return render(
        request,
        "workshops/detail.html",
        {
            "program": access.program,
            "access": access,
            "nav": "workshops",
            "workshop": workshop,
            "needs": workshop.needs.select_related("program"),
            "may_work": may_work,
            "recent": recent,
            "may_edit": access.role in WORKSHOP_WRITE_ROLES,
            "workshop_goals": workshop_goals(access, workshop),
            "may_edit_goals": access.role in GOALS_WRITE_ROLES,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def workshop_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=WORKSHOP_WRITE_ROLES)
    form = WorkshopForm(posted_data(request), program=access.program)
    if request.method == "POST" and form.is_valid():
        workshop = editing.save_workshop(access=access, form=form)
        messages.success(request, _("The workshop was created."))
        return redirect(workshop)
    return render(
        request,
        "workshops/form.html",
        {"program": access.program, "access": access, "nav": "workshops", "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def workshop_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, workshop = get_workshop_for_user(request.user, slug, key, roles=WORKSHOP_WRITE_ROLES)
    form = WorkshopForm(posted_data(request), instance=workshop, program=access.program)
    if request.method == "POST" and form.is_valid():
        editing.save_workshop(access=access, form=form)
        messages.success(request, _("The workshop was saved."))
        return redirect(workshop)
    return render(
        request,
        "workshops/form.html",
        {
            "program": access.program,
            "access": access,
            "nav": "workshops",
            "form": form,
            "workshop": workshop,
        },
    )
