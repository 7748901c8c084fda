"""The daily record: activities, attendance, participants, headcounts and support contacts.

Every write is idempotent where a double tap or a resubmitted form could repeat it: keys and
codes are generated when a form is rendered and the write gets-or-creates by them. Each
function writes its audit row inside the same transaction.
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q

from jamlik.activities.models import (
    Activity,
    Attendance,
    Category,
    Gender,
    Headcount,
    IndividualSupport,
    Participant,
)
from jamlik.people import audit
from jamlik.people.access import (
    ProgramAccess,
    activities_for,
    participants_for,
    sees_profile,
)
from jamlik.programs.models import Program
from jamlik.reports.figures import figures_changed
from jamlik.workshops.models import Workshop

# No 0/O, 1/I: codes are read aloud and written by hand on a participant's card.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
# Six random characters: 32**6, about a billion codes, so that an exact-code search (which
# finds a participant of any workshop, to mark them present) cannot find one by guessing.
CODE_LENGTH = 6
SEARCH_LIMIT = 20


class KeyTaken(Exception):
    """The submitted key belongs to an activity the user may not see."""


class CodeTaken(Exception):
    """The submitted code belongs to a participant registered elsewhere."""


def _random_chars(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_participant_code(*, program: Program) -> str:
    """A random code such as "LIN-4K7Q2M" that no participant of the program has yet.

    Random, not the next in a sequence, so that one code tells nothing about the others.
    Imported codes are kept as given.
    """
    for attempt in range(20):
        code = f"{program.code_prefix}-{_random_chars(CODE_LENGTH if attempt < 10 else 8)}"
        if not Participant.objects.filter(program=program, code=code).exists():
            return code
    raise RuntimeError("no free participant code found; the code space is nearly full")


def new_activity_key(*, program: Program, workshop: Workshop | None, day: date) -> str:
    """A key such as "a-20240305-k7q2", unique within the program."""
    prefix = workshop.key if workshop is not None else "program"
    while True:
        key = f"{prefix}-{day:%Y%m%d}-{_random_chars(4).lower()}"
        if not Activity.objects.filter(program=program, key=key).exists():
            return key


def normalise_code(text: str) -> str:
    return text.strip().upper()


def participant_by_code(*, access: ProgramAccess, code: str) -> Participant | None:
    """The program's participant with exactly this code, in any workshop.

    A participant who tells their full code may be marked present at any activity the
    user may record; only the code and category are shown for those not otherwise visible.
    """
    if not access.sees_personal_data or not code.strip():
        return None
    return Participant.objects.filter(program=access.program, code=normalise_code(code)).first()


@dataclass(frozen=True)
class SearchResult:
    participant: Participant
    visible: bool  # False: found by its exact code only
    present: bool
    profile: bool  # False: show code and category alone (access.sees_profile)


def search_participants(
    *, access: ProgramAccess, activity: Activity, query: str
) -> list[SearchResult]:
    """Visible participants whose code starts with the query (with or without the program's
    prefix), plus the participant whose full code it is, if any. Logged as a read."""
    q = normalise_code(query)
    if not q:
        return []
    prefixed = f"{access.program.code_prefix}-{q}".upper()
    found = list(
        participants_for(access)
        # Codes are stored in upper case: a case-sensitive prefix can use the index.
        .filter(Q(code__startswith=q) | Q(code__startswith=prefixed))
        .order_by("code")[:SEARCH_LIMIT]
    )
    visible_ids = {p.pk for p in found}
    exact = next((p for p in found if p.code in (q, prefixed)), None)
    if exact is None:
        exact = Participant.objects.filter(code__in=(q, prefixed), program=access.program).first()
    ordered = found if exact is None else [exact, *(p for p in found if p.pk != exact.pk)]
    present = set(
        Attendance.objects.filter(
            activity=activity, participant__in=[p.pk for p in ordered]
        ).values_list("participant_id", flat=True)
    )
    results = [
        SearchResult(p, p.pk in visible_ids, p.pk in present, sees_profile(access, p))
        for p in ordered
    ]
    audit.record(
        user=access.user,
        program=access.program,
        action="view",
        object_type="participant",
        object_ref="search",
        detail={"activity": activity.key, "q": query[:40], "count": len(results)},
    )
    return results


def create_activity(
    *, access: ProgramAccess, key: str, partners: Any = (), **fields: Any
) -> tuple[Activity, bool]:
    """Create the activity with this key, or return it if the same form was sent before."""
    workshop = fields.get("workshop")
    if not access.may_work_in(workshop):
        raise PermissionDenied
    with transaction.atomic():
        activity, created = Activity.objects.get_or_create(
            program=access.program,
            key=key,
            defaults={**fields, "created_by": access.user},
        )
        if not created:
            if not activities_for(access).filter(pk=activity.pk).exists():
                raise KeyTaken(key)
            return activity, False
        activity.partners.set(partners)
        figures_changed(program=access.program, days=[activity.date])
        audit.record(
            user=access.user,
            program=access.program,
            action="create",
            object_type="activity",
            object_ref=activity.key,
            detail={"workshop": workshop.key if workshop else None, "date": str(activity.date)},
        )
    return activity, True


def set_activity_status(*, access: ProgramAccess, activity: Activity, status: str) -> bool:
    if activity.status == status:
        return False
    with transaction.atomic():
        old = activity.status
        activity.status = status
        activity.save(update_fields=["status"])
        figures_changed(program=access.program, days=[activity.date])
        audit.record(
            user=access.user,
            program=access.program,
            action="update",
            object_type="activity",
            object_ref=activity.key,
            detail={"status": [old, status]},
        )
    return True


def set_attendance(
    *, access: ProgramAccess, activity: Activity, participant: Participant, present: bool
) -> bool:
    """Make the participant present or absent; True if that changed anything."""
    with transaction.atomic():
        if present:
            _, changed = Attendance.objects.get_or_create(
                activity=activity, participant=participant
            )
        else:
            deleted, _ = Attendance.objects.filter(
                activity=activity, participant=participant
            ).delete()
            changed = deleted > 0
        if changed:
            figures_changed(
                program=access.program, days=[activity.date], participants=[participant]
            )
            audit.record(
                user=access.user,
                program=access.program,
                action="create" if present else "delete",
                object_type="attendance",
                object_ref=participant.code,
                detail={"activity": activity.key},
            )
    return changed


def register_participant(
    *,
    access: ProgramAccess,
    activity: Activity,
    code: str,
    category: str,
    gender: str = Gender.UNKNOWN,
    birth_year: int | None = None,
) -> tuple[Participant, bool]:
    """Register a new participant at an activity and mark them present.

    Sending the same form twice returns the participant created the first time. A code
    that belongs to someone not present at this activity is someone else's: CodeTaken.
    """
    with transaction.atomic():
        participant, created = Participant.objects.get_or_create(
            program=access.program,
            code=code,
            defaults={
                "category": category,
                "gender": gender or Gender.UNKNOWN,
                "birth_year": birth_year,
                "registered_in": activity.workshop,
            },
        )
        if not created:
            if not participant.attendances.filter(activity=activity).exists():
                raise CodeTaken(code)
            return participant, False
        audit.record(
            user=access.user,
            program=access.program,
            action="create",
            object_type="participant",
            object_ref=participant.code,
            detail={"activity": activity.key},
        )
        set_attendance(access=access, activity=activity, participant=participant, present=True)
    return participant, True


def set_headcount(
    *, access: ProgramAccess, activity: Activity, category: str, gender: str, count: int
) -> bool:
    """Set the absolute number of unregistered people in one group; 0 removes the group."""
    with transaction.atomic():
        group = Headcount.objects.filter(activity=activity, category=category, gender=gender)
        old = group.values_list("count", flat=True).first() or 0
        if old == count:
            return False
        if count == 0:
            group.delete()
        else:
            Headcount.objects.update_or_create(
                activity=activity, category=category, gender=gender, defaults={"count": count}
            )
        figures_changed(program=access.program, days=[activity.date])
        audit.record(
            user=access.user,
            program=access.program,
            action="delete" if count == 0 else ("create" if old == 0 else "update"),
            object_type="headcount",
            object_ref=activity.key,
            detail={"category": category, "gender": gender, "count": [old, count]},
        )
    return True


def add_support_contact(
    *, access: ProgramAccess, participant: Participant, **fields: Any
) -> IndividualSupport:
    entry_token = fields.pop("entry_token", None)
    with transaction.atomic():
        if entry_token is not None:
            contact, created = IndividualSupport.objects.get_or_create(
                program=access.program,
                entry_token=entry_token,
                defaults={"participant": participant, **fields},
            )
            if not created:
                return contact
        else:
            contact = IndividualSupport.objects.create(
                program=access.program, participant=participant, **fields
            )
        figures_changed(program=access.program, days=[contact.date])
        audit.record(
            user=access.user,
            program=access.program,
            action="create",
            object_type="individual_support",
            object_ref=participant.code,
            detail={"id": contact.pk, "date": str(contact.date), "kind": contact.kind},
        )
    return contact


def with_registered_counts(activities: Iterable[Activity]) -> list[Activity]:
    """The activities, each with `registered` (its attendance rows), counted in one query
    for these activities only (a page of a list, not all that the list could show)."""
    activities = list(activities)
    counts = dict(
        Attendance.objects.filter(activity__in=[a.pk for a in activities])
        .values("activity")
        .annotate(n=Count("pk"))
        .values_list("activity", "n")
        .order_by()
    )
    for activity in activities:
        activity.registered = counts.get(activity.pk, 0)
    return activities


def attendance_summary(*, activity: Activity) -> dict[str, Any]:
    """Present participants (newest first), headcount groups and totals of one activity."""
    present = list(
        activity.attendances.select_related("participant").order_by("-recorded_at", "-pk")
    )
    counts = {(h.category, h.gender): h.count for h in activity.headcounts.all()}
    genders = [(value, label) for value, label in Gender.choices if value != Gender.UNKNOWN]
    groups = [
        {
            "category": category,
            "label": label,
            "count": counts.get((category, Gender.UNKNOWN), 0),
            "by_gender": [
                {
                    "gender": gender,
                    "label": gender_label,
                    "count": counts.get((category, gender), 0),
                }
                for gender, gender_label in genders
            ],
        }
        for category, label in Category.choices
    ]
    counted = sum(counts.values())
    return {
        "present": present,
        "groups": groups,
        "has_gender_counts": any(gender != Gender.UNKNOWN for _, gender in counts),
        "registered": len(present),
        "counted": counted,
        "total": len(present) + counted,
    }
