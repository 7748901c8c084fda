"""Writes the audit log: every read of personal data and every change."""

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
    return AuditEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None,
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
