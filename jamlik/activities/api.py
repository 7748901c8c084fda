from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from jamlik.activities.services import participant_by_code, set_attendance
from jamlik.people.access import (
    get_activity_for_user,
    get_participant_for_user,
    get_program_access,
    participants_for,
    sees_profile,
)
from jamlik.people.audit import record

router = Router(tags=["participants and attendance"])


class ParticipantOut(Schema):
    """Gender, birth year and home area are null for a participant registered in a workshop
    the caller does not work in (one who came to the caller's activities from elsewhere)."""

    code: str
    category: str
    gender: str | None
    birth_year: int | None
    home_area: str | None


def _out(access, participant) -> dict:
    shown = sees_profile(access, participant)
    return {
        "code": participant.code,
        "category": participant.category,
        "gender": participant.gender if shown else None,
        "birth_year": participant.birth_year if shown else None,
        "home_area": participant.home_area if shown else None,
    }


@router.get("/{slug}/participants", response=list[ParticipantOut])
def participant_list(request: HttpRequest, slug: str, q: str = ""):
    """Participants the caller may see: all for the program leader, own workshops' for a
    health promoter; other roles get 404."""
    access = get_program_access(request.user, slug, roles=frozenset({"leader", "promoter"}))
    participants = participants_for(access)
    if q:
        participants = participants.filter(code__startswith=q.strip().upper())
    rows = list(participants.order_by("code")[:500])
    record(
        user=request.user,
        program=access.program,
        action="view",
        object_type="participant",
        object_ref="list",
        detail={"count": len(rows), "q": q},
    )
    return [_out(access, p) for p in rows]


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
    return _out(access, participant)


class HeadcountOut(Schema):
    category: str
    gender: str
    count: int


class AttendanceOut(Schema):
    activity: str
    present: list[str]
    headcounts: list[HeadcountOut]


class MarkOut(Schema):
    activity: str
    participant: str
    present: bool


def _participant_by_code(access, code: str):
    participant = participant_by_code(access=access, code=code)
    if participant is None:
        raise HttpError(404, "Not Found")
    return participant


@router.get("/{slug}/activities/{key}/attendance", response=AttendanceOut)
def attendance_get(request: HttpRequest, slug: str, key: str):
    """Codes of the registered participants present, and the anonymous headcounts."""
    access, activity = get_activity_for_user(request.user, slug, key)
    codes = list(
        activity.attendances.order_by("participant__code").values_list(
            "participant__code", flat=True
        )
    )
    record(
        user=request.user,
        program=access.program,
        action="view",
        object_type="attendance",
        object_ref=activity.key,
        detail={"count": len(codes)},
    )
    return {
        "activity": activity.key,
        "present": codes,
        "headcounts": list(
            activity.headcounts.order_by("category", "gender").values("category", "gender", "count")
        ),
    }


@router.put("/{slug}/activities/{key}/attendance/{code}", response={200: MarkOut, 201: MarkOut})
def attendance_put(request: HttpRequest, slug: str, key: str, code: str):
    """Mark a participant present: 201 when recorded now, 200 when already present."""
    access, activity = get_activity_for_user(request.user, slug, key)
    participant = _participant_by_code(access, code)
    created = set_attendance(
        access=access, activity=activity, participant=participant, present=True
    )
    body = {"activity": activity.key, "participant": participant.code, "present": True}
    return Status(201 if created else 200, body)


@router.delete("/{slug}/activities/{key}/attendance/{code}", response={204: None})
def attendance_delete(request: HttpRequest, slug: str, key: str, code: str):
    """Unmark a participant; answers 204 whether or not they were marked."""
    access, activity = get_activity_for_user(request.user, slug, key)
    participant = _participant_by_code(access, code)
    set_attendance(access=access, activity=activity, participant=participant, present=False)
    return Status(204, None)
