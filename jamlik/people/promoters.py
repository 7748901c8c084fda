"""Employing and ending health promoters on pages; each change audited.

Funded FTE is allocated with `finance.services.allocate_fte`, the one place that checks a
funding line's FTE cap and the promoter's own FTE.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jamlik.people import audit
from jamlik.people.models import CompetencePlan, HealthPromoter


def _check_workshops(access, workshops) -> None:
    if any(w.program_id != access.program.pk for w in workshops):
        raise ValidationError(_("The workshop belongs to another program."))


@transaction.atomic
def create_promoter(
    *,
    access,
    name: str,
    employer=None,
    fte_percent: Decimal = Decimal(100),
    started_on: date | None = None,
    ended_on: date | None = None,
    languages: str = "",
    age_band: str = "",
    gender: str = "",
    workshops=(),
    user=None,
) -> HealthPromoter:
    """Employs a health promoter, with an (empty) individual competence plan."""
    _check_workshops(access, workshops)
    if started_on and ended_on and ended_on < started_on:
        raise ValidationError(_("The last day cannot come before the first day."))
    promoter = HealthPromoter(
        program=access.program,
        name=name.strip(),
        employer=employer,
        fte_percent=fte_percent,
        started_on=started_on,
        ended_on=ended_on,
        languages=languages.strip(),
        age_band=age_band,
        gender=gender,
        user=user,
    )
    promoter.full_clean(exclude=["program", "user", "employer"], validate_unique=False)
    promoter.save()
    promoter.workshops.set(workshops)
    CompetencePlan.objects.create(promoter=promoter)
    audit.record_by(
        access,
        "create",
        "health_promoter",
        promoter.pk,
        fte=str(fte_percent),
        started_on=started_on and started_on.isoformat(),
        workshops=[w.key for w in workshops],
    )
    return promoter


@transaction.atomic
def end_promoter(*, access, promoter: HealthPromoter, ended_on: date) -> HealthPromoter:
    """Ends the employment on `ended_on`; funded FTE still running past that day is refused."""
    if promoter.started_on and ended_on < promoter.started_on:
        raise ValidationError(
            _("The employment cannot end before it started (%(day)s).")
            % {"day": promoter.started_on.isoformat()}
        )
    running = [a for a in promoter.fte_allocations.all() if a.end is None or a.end > ended_on]
    if running:
        raise ValidationError(
            _(
                "%(count)s FTE allocation(s) still fund this health promoter after %(day)s: "
                "end them first."
            )
            % {"count": len(running), "day": ended_on.isoformat()}
        )
    promoter.ended_on = ended_on
    promoter.save(update_fields=["ended_on"])
    audit.record_by(access, "update", "health_promoter", promoter.pk, ended_on=ended_on.isoformat())
    return promoter
