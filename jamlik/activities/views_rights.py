"""The data subject's rights, exercised by the program leader: find a participant by
code, extract everything held (art. 15), record a withdrawn research consent, erase."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jamlik.activities import erasure, extract
from jamlik.activities.services import normalise_code
from jamlik.people import audit
from jamlik.people.access import (
    SUBJECT_RIGHTS_ROLES,
    get_participant_for_rights,
    get_program_access,
    participants_for,
)
from jamlik.surveys.models import Response
from jamlik.surveys.services import withdraw_research_consent


def _rights_url(slug: str, code: str) -> str:
    return reverse("activities:rights", args=[slug, code])


@login_required
@require_GET
def lookup(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=SUBJECT_RIGHTS_ROLES)
    code = normalise_code(request.GET.get("code", ""))
    if code:
        found = participants_for(access).filter(code__iexact=code).first()
        if found is not None:
            return redirect(_rights_url(slug, found.code))
    context = {"program": access.program, "access": access, "nav": "activities", "code": code}
    return render(request, "activities/rights_lookup.html", context)


@login_required
@require_GET
def rights(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    access, participant = get_participant_for_rights(request.user, slug, code)
    responses = Response.objects.filter(participant=participant)
    audit.record_by(access, "view", "participant", erasure.audit_ref(participant), page="rights")
    context = {
        "program": access.program,
        "access": access,
        "nav": "activities",
        "participant": participant,
        "holdings": erasure.holdings(participant),
        "consented": responses.filter(consent_withdrawn_at__isnull=True).count(),
        "withdrawn": responses.filter(consent_withdrawn_at__isnull=False).count(),
    }
    return render(request, "activities/rights.html", context)


@login_required
@require_GET
def extract_download(request: HttpRequest, slug: str, code: str, fmt: str) -> HttpResponse:
    access, participant = get_participant_for_rights(request.user, slug, code)
    if fmt not in ("json", "pdf"):
        raise Http404
    data = extract.subject_data(participant)
    ref = erasure.audit_ref(participant)
    audit.record_by(access, "export", "participant_extract", ref, format=fmt)
    if fmt == "json":
        content = json.dumps(data, ensure_ascii=False, indent=2).encode()
        response = HttpResponse(content, content_type="application/json; charset=utf-8")
    else:
        pdf = extract.extract_pdf(data, base_url=request.build_absolute_uri("/"))
        response = HttpResponse(pdf, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    name = f"{participant.code}-{stamp}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def withdraw_consent(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    access, participant = get_participant_for_rights(request.user, slug, code)
    marked = withdraw_research_consent(user=request.user, participant=participant)
    messages.success(
        request,
        _("The consent is withdrawn: %(count)s responses leave the research exports.")
        % {"count": marked},
    )
    return redirect(_rights_url(slug, participant.code))


@login_required
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    access, participant = get_participant_for_rights(request.user, slug, code)
    if request.method == "POST":
        erasure.erase_participant(user=request.user, participant=participant)
        messages.success(request, _("The participant and all its records are erased."))
        return redirect("activities:rights_lookup", slug)
    context = {
        "program": access.program,
        "access": access,
        "nav": "activities",
        "participant": participant,
        "holdings": erasure.holdings(participant),
    }
    return render(request, "activities/erase.html", context)
