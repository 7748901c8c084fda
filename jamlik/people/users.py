"""Users leaving the program's work. A user named in the audit log is never deleted."""

from typing import Any

from django.db import transaction

from jamlik.people import audit
from jamlik.people.models import AuditEvent


def remove_user(*, user: Any, by: Any = None) -> str:
    """Delete the user, or make them inactive if audit events name them.

    Returns "deleted" or "deactivated". Deleting such a user outright raises ProtectedError
    (AuditEvent.user is PROTECT), in code and in the admin alike.
    """
    with transaction.atomic():
        if not AuditEvent.objects.filter(user=user).exists():
            user.delete()
            return "deleted"
        if user.is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
            audit.record(
                user=by,
                program=None,
                action="update",
                object_type="user",
                object_ref=user.pk,
                detail={"is_active": [True, False]},
            )
    return "deactivated"
