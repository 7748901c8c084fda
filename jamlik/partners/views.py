"""The partnership register and the pentahelix: who takes part, since when, with what."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from jamlik.lib.forms import form_errors_to_messages, validation_error_to_messages
from jamlik.partners import services
from jamlik.partners.forms import CommitmentForm, NewPartnershipForm, PartnershipForm
from jamlik.partners.models import Partnership, Sector
from jamlik.people.access import (
    PARTNER_DOCUMENT_ROLES,
    PARTNER_WRITE_ROLES,
    ProgramAccess,
    get_letter_for_user,
    get_partnership_for_user,
    get_program_access,
)


def _base(access: ProgramAccess, **extra) -> dict:
    return {
        "program": access.program,
        "access": access,
        "nav": "partners",
        "writes": access.role in PARTNER_WRITE_ROLES,
        "reads_letters": access.role in PARTNER_DOCUMENT_ROLES,
        **extra,
    }


@login_required
@require_GET
def register(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug)
    today = timezone.localdate()
    partnerships = list(
        Partnership.objects.filter(program=access.program)
        .select_related("partner", "discussed_in", "program")
        .annotate(commitment_count=Count("commitments"))
    )
    rows = [(p, p.gaps(commitment_count=p.commitment_count)) for p in partnerships]
    present = {p.partner.sector for p in partnerships if p.is_current(today)}
    sectors = [(value, label, value in present) for value, label in Sector.choices]
    return render(
        request,
        "partners/register.html",
        _base(
            access,
            rows=rows,
            sectors=sectors,
            form=NewPartnershipForm(program=access.program, auto_id="new-%s"),
        ),
    )


@login_required
@require_POST
def partnership_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=PARTNER_WRITE_ROLES)
    form = NewPartnershipForm(request.POST, program=access.program)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("programs:partners", slug)
    try:
        partnership = services.create_partnership(access=access, **form.cleaned_data)
    except ValidationError as error:
        validation_error_to_messages(request, error)
        return redirect("programs:partners", slug)
    return redirect(partnership)


@login_required
@require_GET
def partnership_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, partnership = get_partnership_for_user(request.user, slug, pk)
    commitments = list(partnership.commitments.prefetch_related("premises"))
    initial = {
        "role": partnership.role,
        "org_number": partnership.partner.org_number,
        "joined_on": partnership.joined_on,
        "left_on": partnership.left_on,
        "discussed_in": partnership.discussed_in,
        "letter_signed_on": partnership.letter_signed_on,
    }
    return render(
        request,
        "partners/detail.html",
        _base(
            access,
            partnership=partnership,
            partner=partnership.partner,
            commitments=commitments,
            gaps=partnership.gaps(commitment_count=len(commitments)),
            form=PartnershipForm(initial=initial, program=access.program, auto_id="edit-%s"),
            commitment_form=CommitmentForm(auto_id="commitment-%s"),
        ),
    )


@login_required
@require_POST
def partnership_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, partnership = get_partnership_for_user(request.user, slug, pk, write=True)
    form = PartnershipForm(request.POST, request.FILES, program=access.program)
    if form.is_valid():
        try:
            services.update_partnership(access=access, partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            validation_error_to_messages(request, error)
    else:
        form_errors_to_messages(request, form)
    return redirect(partnership)


@login_required
@require_GET
def letter(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    _access, partnership = get_letter_for_user(request.user, slug, pk)
    try:
        handle = partnership.letter_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    suffix = partnership.letter_file.name.rpartition(".")[2]
    filename = f"letter-of-intent-{partnership.partner.name}.{suffix}"
    return FileResponse(handle, as_attachment=True, filename=filename)


@login_required
@require_POST
def commitment_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, partnership = get_partnership_for_user(request.user, slug, pk, write=True)
    form = CommitmentForm(request.POST)
    if form.is_valid():
        services.add_commitment(access=access, partnership=partnership, **form.cleaned_data)
    else:
        form_errors_to_messages(request, form)
    return redirect(partnership.get_absolute_url() + "#commitments")


@login_required
@require_POST
def commitment_delete(request: HttpRequest, slug: str, pk: int, commitment: int) -> HttpResponse:
    access, partnership = get_partnership_for_user(request.user, slug, pk, write=True)
    found = partnership.commitments.filter(pk=commitment).first()
    if found is None:
        raise Http404
    services.remove_commitment(access=access, commitment=found)
    return redirect(partnership.get_absolute_url() + "#commitments")
