from django.db.models import Count
from django.http import HttpRequest
from ninja import Router, Schema

from jamlik.people.access import get_program_access
from jamlik.premises.models import Premises

router = Router(tags=["premises"])


class PremisesOut(Schema):
    id: int
    name: str
    address: str
    owner: str | None
    capacity: int | None
    accessibility: str
    signage_languages: str
    opening_times: str
    in_use: bool
    activities: int


@router.get("/{slug}/premises", response=list[PremisesOut])
def premises_list(request: HttpRequest, slug: str):
    """The register of premises and meeting places, as its page shows it to every role: the
    owner is the partner, the activities the number held or planned there."""
    access = get_program_access(request.user, slug)
    places = (
        Premises.objects.filter(program=access.program)
        .select_related("owner")
        .annotate(activity_count=Count("activities", distinct=True))
    )
    return [
        {
            "id": p.pk,
            "name": p.name,
            "address": p.address,
            "owner": p.owner.name if p.owner else None,
            "capacity": p.capacity,
            "accessibility": p.accessibility,
            "signage_languages": p.signage_languages,
            "opening_times": p.opening_times,
            "in_use": p.in_use,
            "activities": p.activity_count,
        }
        for p in places
    ]
