"""System checks that keep a production deployment honest."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PLACEHOLDER_SECRET_KEYS = frozenset({"", "change-me", "changeme", "secret", "replace-me"})


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    key = settings.SECRET_KEY
    if settings.DEBUG:
        return []
    if key.lower() in PLACEHOLDER_SECRET_KEYS or key.startswith("django-insecure") or len(key) < 40:
        return [
            Error(
                "SECRET_KEY is a placeholder or too short while DEBUG is off.",
                hint="Set SECRET_KEY (or SECRET_KEY_FILE) to at least 40 random characters.",
                id="jamlik.E001",
            )
        ]
    return []
