"""Writes the audit log: every read of personal data and every change.

An event holds when, who (the user and their username as it was), the program, the action,
the kind of object and its reference (a key, an id or a participant's pseudonymous code,
never a name) and a small `detail` of keys, dates, counts and changed values. Events are
never changed or deleted (a trigger refuses it on PostgreSQL), so they must not hold
personal data beyond that: erasing a participant leaves their code in old events, which
then points to nothing.
"""

from typing import Any

from jamlik.people.models import AuditEvent


def record(
    *,
    user: Any,
    program: Any,
    action: str,
    object_type: str,
    object_ref: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    actor = user if user is not None and user.is_authenticated else None
    return AuditEvent.objects.create(
        user=actor,
        username=actor.get_username() if actor is not None else "",
        program=program,
        action=action,
        object_type=object_type,
        object_ref=str(object_ref)[:100],
        detail=detail or {},
    )


def record_by(access: Any, action: str, object_type: str, ref: object, **detail: Any) -> AuditEvent:
    """`record` for a change made through a program access (its user, its program)."""
    return record(
        user=access.user,
        program=access.program,
        action=action,
        object_type=object_type,
        object_ref=str(ref),
        detail=detail,
    )
