"""The board's handling of a sent report version (the funder's cycle, seed 001)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jamlik.people.access import (
    REPORT_READ_ROLES,
    REPORT_SEND_ROLES,
    get_program_access,
    get_report_version_for_user,
)
from jamlik.reports.board import funder_cycle as funder_cycle_of
from jamlik.reports.board import record_board_handling
from jamlik.reports.forms import BoardHandlingForm


@login_required
@require_POST
def board(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, version = get_report_version_for_user(request.user, slug, pk, roles=REPORT_SEND_ROLES)
    form = BoardHandlingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date and the outcome of the board's handling."))
        return redirect(version)
    try:
        record_board_handling(user=request.user, version=version, **form.cleaned_data)
        messages.success(request, _("The board's handling was recorded."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(version)


@login_required
@require_GET
def funder_cycle(request: HttpRequest, slug: str) -> HttpResponse:
    """The dashboard's chain: last year's report due, approved, sent, handled, paid."""
    access = get_program_access(request.user, slug, roles=REPORT_READ_ROLES)
    return render(
        request,
        "reports/_funder_cycle.html",
        {"funder_cycle": funder_cycle_of(access.program, today=timezone.localdate())},
    )
