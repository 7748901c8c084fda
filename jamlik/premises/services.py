"""Keeping the premises register; each write audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jamlik.partners.models import Commitment
from jamlik.people import audit
from jamlik.premises.models import Premises

FIELDS = (
    "name",
    "address",
    "owner",
    "commitment",
    "capacity",
    "accessibility",
    "signage_languages",
    "opening_times",
    "in_use",
)


def _check(access, values: dict) -> None:
    commitment = values.get("commitment")
    if commitment is not None:
        if (
            commitment.partnership.program_id != access.program.pk
            or commitment.kind != Commitment.Kind.PREMISES
        ):
            raise ValidationError(_("Choose a premises commitment of this program's partner."))
        if values.get("owner") is None:
            values["owner"] = commitment.partnership.partner


@transaction.atomic
def save_premises(*, access, premises: Premises | None = None, **values) -> Premises:
    """Adds a place to the register, or changes one."""
    _check(access, values)
    created = premises is None
    premises = premises or Premises(program=access.program)
    name = values.get("name", premises.name).strip()
    clash = Premises.objects.filter(program=access.program, name__iexact=name)
    if clash.exclude(pk=premises.pk).exists():
        raise ValidationError(_("The register already has a place with this name."))
    for name in FIELDS:
        if name in values:
            setattr(premises, name, values[name])
    premises.full_clean(exclude=["program", "owner", "commitment"])
    premises.save()
    audit.record_by(access, "create" if created else "update", "premises", premises.pk)
    return premises


def premises_in_use(*, program, period):
    """The places where activities were held in the period or that are in use, with the
    number of held activities: the report's list of where the work happens."""
    from django.db.models import Count, Q

    from jamlik.activities.models import Activity

    held = Q(
        activities__status=Activity.Status.HELD,
        activities__date__gte=period.start,
        activities__date__lte=period.end,
    )
    return (
        Premises.objects.filter(program=program)
        .annotate(held=Count("activities", filter=held))
        .filter(Q(in_use=True) | Q(held__gt=0))
        .select_related("owner")
        .order_by("name")
    )
