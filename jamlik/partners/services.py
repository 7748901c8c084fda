"""Keeping the partnership register; each write is audited in its own transaction."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from jamlik.governance.models import Meeting
from jamlik.partners.models import Commitment, Partner, Partnership
from jamlik.people import audit
from jamlik.people.access import ProgramAccess


def _check_meeting(access: ProgramAccess, meeting: Meeting | None) -> None:
    if meeting is not None and meeting.body.program_id != access.program.pk:
        raise ValidationError(_("The meeting belongs to another program."))


@transaction.atomic
def create_partnership(
    *,
    access: ProgramAccess,
    name: str,
    sector: str,
    role: str,
    org_number: str = "",
    joined_on: date | None = None,
    discussed_in: Meeting | None = None,
) -> Partnership:
    """Registers an organisation (new, or known from another program) in this program."""
    _check_meeting(access, discussed_in)
    partner, created = Partner.objects.get_or_create(
        name=name.strip(), defaults={"sector": sector, "org_number": org_number}
    )
    if not created and org_number and partner.org_number not in ("", org_number):
        raise ValidationError(
            _("%(name)s is registered with another organisation number.") % {"name": name}
        )
    if Partnership.objects.filter(program=access.program, partner=partner).exists():
        raise ValidationError(_("%(name)s is already in the register.") % {"name": name})
    partnership = Partnership.objects.create(
        program=access.program,
        partner=partner,
        role=role,
        joined_on=joined_on,
        discussed_in=discussed_in,
    )
    audit.record_by(
        access, "create", "partnership", partnership.pk, partner=partner.name, role=role
    )
    return partnership


@transaction.atomic
def update_partnership(
    *,
    access: ProgramAccess,
    partnership: Partnership,
    role: str,
    org_number: str,
    joined_on: date | None,
    left_on: date | None,
    discussed_in: Meeting | None,
    letter_signed_on: date | None,
    letter_file: UploadedFile | None = None,
) -> Partnership:
    _check_meeting(access, discussed_in)
    partner = partnership.partner
    if org_number != partner.org_number:
        partner.org_number = org_number
        partner.save(update_fields=["org_number"])
    partnership.role, partnership.joined_on, partnership.left_on = role, joined_on, left_on
    partnership.discussed_in, partnership.letter_signed_on = discussed_in, letter_signed_on
    if letter_file is not None:
        old = partnership.letter_file.name if partnership.letter_file else ""
        partnership.letter_file.save(letter_file.name, letter_file, save=False)
        if old:
            # The replaced letter would otherwise stay on disk unreachable.
            transaction.on_commit(lambda: partnership.letter_file.storage.delete(old))
    partnership.save()
    audit.record_by(
        access,
        "update",
        "partnership",
        partnership.pk,
        role=role,
        left_on=left_on.isoformat() if left_on else None,
        letter=letter_file is not None,
    )
    return partnership


@transaction.atomic
def add_commitment(*, access: ProgramAccess, partnership: Partnership, **fields) -> Commitment:
    commitment = Commitment.objects.create(partnership=partnership, **fields)
    audit.record_by(access, "create", "commitment", commitment.pk, kind=commitment.kind)
    return commitment


@transaction.atomic
def remove_commitment(*, access: ProgramAccess, commitment: Commitment) -> None:
    audit.record_by(access, "delete", "commitment", commitment.pk, kind=commitment.kind)
    commitment.delete()
