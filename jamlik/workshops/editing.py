"""Starting and changing workshops from the program leader's pages, audited."""

from typing import Any

from django.db import transaction

from jamlik.people import audit
from jamlik.people.access import ProgramAccess
from jamlik.workshops.forms import WorkshopForm
from jamlik.workshops.models import Workshop


@transaction.atomic
def save_workshop(*, access: ProgramAccess, form: WorkshopForm) -> Workshop:
    """Saves a valid form's workshop with its promoters and needs, and audits the change."""
    created = form.instance.pk is None
    changed: list[str] = sorted(form.changed_data)
    workshop = form.save()
    detail: dict[str, Any] = {
        "status": workshop.status,
        "needs": sorted(workshop.needs.values_list("key", flat=True)),
        "promoters": sorted(workshop.health_promoters.values_list("pk", flat=True)),
    }
    if not created:
        detail["changed"] = changed
    audit.record_by(access, "create" if created else "update", "workshop", workshop.key, **detail)
    return workshop
