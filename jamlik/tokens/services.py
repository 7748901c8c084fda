"""Create, revoke and check API tokens. Creation and revocation are audit-logged, and so
is every request a token authenticates."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jamlik.people import audit
from jamlik.tokens.models import ApiToken

PREFIX = "jamlik_"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_token(*, user, name: str, days: int, by) -> tuple[ApiToken, str]:
    """A new token for `user`; the returned text is its only appearance."""
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(
            _("A token is valid for 1 to %(max)d days.") % {"max": settings.API_TOKEN_MAX_DAYS}
        )
    lookup = secrets.token_hex(6)
    raw = f"{PREFIX}{lookup}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=lookup,
        hashed=_hash(raw),
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit.record(
        user=by,
        program=None,
        action="create",
        object_type="api_token",
        object_ref=token.prefix,
        detail={"for_user": user.pk, "days": days},
    )
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken, by) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            user=by,
            program=None,
            action="update",
            object_type="api_token",
            object_ref=token.prefix,
            detail={"revoked": True, "for_user": token.user_id},
        )
    return token


def token_for(raw: str) -> ApiToken | None:
    """The active token `raw` names, or None (unknown, wrong secret, revoked, expired)."""
    if not raw.startswith(PREFIX):
        return None
    lookup = raw[len(PREFIX) :].split("_", 1)[0]
    token = ApiToken.objects.select_related("user").filter(prefix=lookup).first()
    if token is None or not hmac.compare_digest(token.hashed, _hash(raw)):
        return None
    if not token.is_active() or not token.user.is_active:
        return None
    return token


def record_use(*, token: ApiToken, method: str, path: str) -> None:
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    audit.record(
        user=token.user,
        program=None,
        action="view",
        object_type="api_token",
        object_ref=token.prefix,
        detail={"method": method, "path": path},
    )
