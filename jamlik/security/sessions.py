"""Sessions for shared tablets: idle timeout and "log out everywhere"."""

import time
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from jamlik.security import twofactor
from jamlik.security.models import LoginSession

LAST_SEEN_KEY = "security_last_seen"
# The last-seen time is written at most this often, so that most requests save nothing.
LAST_SEEN_GRANULARITY_S = 60


def on_login(sender, request: HttpRequest, user, **kwargs) -> None:
    """Remember the new session for "log out everywhere" and start its idle clock."""
    session = request.session
    session[LAST_SEEN_KEY] = int(time.time())
    session[twofactor.STATE_KEY] = twofactor.state_for(user)
    if session.session_key is None:
        session.save()
    old = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    LoginSession.objects.filter(user=user, created_at__lt=old).delete()
    LoginSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})


def is_idle(request: HttpRequest, *, now: float) -> bool:
    last_seen = request.session.get(LAST_SEEN_KEY)
    if last_seen is None:
        return False
    return now - last_seen > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60


def touch(request: HttpRequest, *, now: float) -> None:
    last_seen = request.session.get(LAST_SEEN_KEY)
    if last_seen is None or now - last_seen >= LAST_SEEN_GRANULARITY_S:
        request.session[LAST_SEEN_KEY] = int(now)


def log_out_everywhere(*, user) -> int:
    """End every session the user logged in with, on every device; returns how many."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    with transaction.atomic():
        keys = list(LoginSession.objects.filter(user=user).values_list("session_key", flat=True))
        for key in keys:
            store(session_key=key).delete()
        LoginSession.objects.filter(user=user).delete()
    return len(keys)
