from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from jamlik.lib.periods import PeriodError
from jamlik.people.access import (
    PROMOTER_LIST_ROLES,
    get_program_access,
    organisations_for_user,
    period_for,
    programs_for_user,
)
from jamlik.programs.dashboard import dashboard_context, default_period
from jamlik.programs.models import Program


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    programs = list(programs_for_user(request.user))
    organisations = list(organisations_for_user(request.user))
    if len(programs) + len(organisations) == 1 and not request.user.is_superuser:
        return redirect((programs or organisations)[0])
    # The admin keeps users and settings: their home shows the programs they have no role
    # in, to give roles there, without opening the programs' data.
    without_role = (
        Program.objects.exclude(pk__in=[p.pk for p in programs]).order_by("name")
        if request.user.is_superuser
        else None
    )
    return render(
        request,
        "programs/home.html",
        {"programs": programs, "without_role": without_role, "organisations": organisations},
    )


@login_required
@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug)
    period_error = ""
    try:
        period = period_for(access, request.GET.get("period", ""))
    except PeriodError as exc:
        period = default_period(program=access.program, today=timezone.localdate())
        if request.GET.get("period"):
            period_error = str(exc)
    context = dashboard_context(access=access, period=period)
    context.update(nav="dashboard", period_error=period_error)
    return render(request, "programs/dashboard.html", context)


@login_required
@require_GET
def promoters(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=PROMOTER_LIST_ROLES)
    promoters = (
        access.program.health_promoters.select_related("employer")
        .prefetch_related("workshops")
        .order_by("name")
    )
    return render(
        request,
        "programs/promoters.html",
        {"program": access.program, "access": access, "nav": "promoters", "promoters": promoters},
    )
