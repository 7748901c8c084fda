"""What an organisation admin changes: new programs, program roles in them."""

from django.contrib.auth import get_user_model
from django.db import transaction

from jamlik.people import audit
from jamlik.people.access import OrganisationAccess
from jamlik.people.models import ProgramRole
from jamlik.programs.models import Program


@transaction.atomic
def create_program(*, access: OrganisationAccess, slug: str, name: str, area: str = "") -> Program:
    program = Program.objects.create(
        slug=slug, name=name, area=area, organisation=access.organisation
    )
    audit.record(
        user=access.user,
        program=program,
        action="create",
        object_type="program",
        object_ref=program.slug,
        detail={"organisation": access.organisation.slug},
    )
    return program


@transaction.atomic
def give_program_role(
    *, access: OrganisationAccess, program: Program, username: str, role: str
) -> ProgramRole:
    """Give (or change) a user's role in one of the organisation's programs."""
    user = get_user_model().objects.get(username=username, is_active=True)
    given, created = ProgramRole.objects.update_or_create(
        user=user, program=program, defaults={"role": role}
    )
    audit.record(
        user=access.user,
        program=program,
        action="create" if created else "update",
        object_type="program_role",
        object_ref=username,
        detail={"role": role, "organisation": access.organisation.slug},
    )
    return given
