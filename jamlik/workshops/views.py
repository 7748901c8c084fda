from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jamlik.activities.models import Activity
from jamlik.people.access import activities_for, get_program_access, get_workshop_for_user


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
        },
    )
