"""The premises register: where the program's work happens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jamlik.lib.forms import form_errors_to_messages, posted_data, validation_error_to_messages
from jamlik.people.access import (
    PARTNER_WRITE_ROLES,
    get_premises_for_user,
    get_program_access,
)
from jamlik.premises import services
from jamlik.premises.forms import PremisesForm
from jamlik.premises.models import Premises


@login_required
@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug)
    places = (
        Premises.objects.filter(program=access.program)
        .select_related("owner")
        .annotate(activity_count=Count("activities", distinct=True))
    )
    writes = access.role in PARTNER_WRITE_ROLES
    return render(
        request,
        "premises/index.html",
        {
            "program": access.program,
            "access": access,
            "nav": "partners",
            "places": places,
            "writes": writes,
            "form": PremisesForm(program=access.program, auto_id="new-%s") if writes else None,
        },
    )


@login_required
@require_POST
def new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=PARTNER_WRITE_ROLES)
    form = PremisesForm(request.POST, program=access.program)
    if form.is_valid():
        try:
            services.save_premises(access=access, **form.cleaned_data)
        except ValidationError as exc:
            validation_error_to_messages(request, exc)
        else:
            messages.success(request, _("The place was added to the register."))
    else:
        form_errors_to_messages(request, form)
    return redirect("premises:index", slug)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, premises = get_premises_for_user(request.user, slug, pk)
    form = PremisesForm(posted_data(request), instance=premises, program=access.program)
    if form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.FIELDS}
        try:
            # The form's instance already holds the new values; the service saves them.
            services.save_premises(access=access, premises=Premises.objects.get(pk=pk), **values)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The place was saved."))
            return redirect("premises:index", slug)
    return render(
        request,
        "premises/edit.html",
        {
            "program": access.program,
            "access": access,
            "nav": "partners",
            "form": form,
            "premises": premises,
        },
    )
