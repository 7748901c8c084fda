from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from jamlik.people.access import PROMOTER_LIST_ROLES, get_program_access
from jamlik.people.recruitment import staffing

router = Router(tags=["people"])


class PromotersOut(Schema):
    promoters: int
    fte: str


@router.get("/{slug}/people/promoters", response=PromotersOut)
def promoter_figures(request: HttpRequest, slug: str):
    """The health promoters employed today in aggregate, never a name: how many, and their
    employment in FTE (100 % = 1.0), as a string with its decimals."""
    access = get_program_access(request.user, slug, roles=PROMOTER_LIST_ROLES)
    found = staffing(program=access.program, today=timezone.localdate())
    return {"promoters": found["promoters"], "fte": f"{found['fte']:.2f}"}
