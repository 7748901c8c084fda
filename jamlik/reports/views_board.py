"""The board's handling of a sent report version (the funder's cycle, seed 001)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jamlik.people.access import REPORT_SEND_ROLES, get_report_version_for_user
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
