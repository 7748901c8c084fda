"""Two-factor authentication: TOTP from an authenticator app, recovery codes as backup.

Built on django-otp: a confirmed TOTPDevice is the authenticator; one StaticDevice
holds the recovery codes, each good once.
"""

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jamlik.people.models import ProgramRole

# The session remembers from the login whether this user must pass a second factor.
STATE_KEY = "security_2fa"
NEEDED = "needed"
RECOVERY_CODE_COUNT = 10
ADMIN = "admin"


def is_required(user) -> bool:
    """Whether the user's roles demand two factors (TWO_FACTOR_REQUIRED_ROLES)."""
    roles = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    if not roles or (settings.DEBUG and is_demo_login(user)):
        return False
    if ADMIN in roles and user.is_superuser:
        return True
    return ProgramRole.objects.filter(user=user, role__in=roles - {ADMIN}).exists()


def is_demo_login(user) -> bool:
    from jamlik.programs.demo import DEMO_USERS

    return user.get_username() in {username for _, username, _ in DEMO_USERS}


def state_for(user) -> str:
    """NEEDED when the user must pass a second factor: required, or set up by choice."""
    return NEEDED if is_required(user) or user_has_device(user) else ""


def confirmed_authenticator(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being set up: its key is shown until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def confirm_authenticator(*, request: HttpRequest, token: str) -> list[str] | None:
    """Confirm the pending authenticator with a code from it; returns new recovery codes."""
    user = request.user
    with transaction.atomic():
        device = pending_authenticator(user)
        if not device.verify_token(token.strip().replace(" ", "")):
            return None
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(user=user)
    otp_login(request, device)
    request.session[STATE_KEY] = NEEDED
    return codes


def new_recovery_codes(*, user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name="recovery", defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def verify(*, request: HttpRequest, token: str) -> bool:
    """Pass the second factor with a code from the authenticator or a recovery code."""
    device = match_token(request.user, token.strip().replace(" ", ""))
    if device is None:
        return False
    otp_login(request, device)
    return True


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def disable(*, request: HttpRequest) -> None:
    """Remove the authenticator and the recovery codes."""
    user = request.user
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    request.session[STATE_KEY] = NEEDED if is_required(user) else ""
