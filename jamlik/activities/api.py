from django.http import HttpRequest
from ninja import Router, Schema

from jamlik.people.access import get_participant_for_user, get_program_access, participants_for
from jamlik.people.audit import record

router = Router(tags=["participants"])


class ParticipantOut(Schema):
    code: str
    category: str
    gender: str
    birth_year: int | None
    home_area: str


@router.get("/{slug}/participants", response=list[ParticipantOut])
def participant_list(request: HttpRequest, slug: str, q: str = ""):
    """Participants the caller may see: all for the program leader, own workshops' for a
    health promoter; other roles get 404."""
    access = get_program_access(request.user, slug, roles=frozenset({"leader", "promoter"}))
    participants = participants_for(access)
    if q:
        participants = participants.filter(code__istartswith=q.strip())
    rows = list(participants.order_by("code")[:500])
    record(
        user=request.user,
        program=access.program,
        action="view",
        object_type="participant",
        object_ref="list",
        detail={"count": len(rows), "q": q},
    )
    return rows


@router.get("/{slug}/participants/{code}", response=ParticipantOut)
def participant_detail(request: HttpRequest, slug: str, code: str):
    access, participant = get_participant_for_user(request.user, slug, code)
    record(
        user=request.user,
        program=access.program,
        action="view",
        object_type="participant",
        object_ref=participant.code,
    )
    return participant
