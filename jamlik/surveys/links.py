"""Signed links to a wave's self-administered form (shared as a URL or a QR code).

A wave link lets anyone answer anonymously; a personal link also carries one participant,
so that a participant never types their code. The signature makes both unforgeable.
"""

from django.core import signing
from django.urls import reverse

SALT = "jamlik.surveys.link"


def make_token(*, wave, participant=None) -> str:
    return signing.dumps({"w": wave.pk, "p": participant.pk if participant else None}, salt=SALT)


def read_token(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("w"), int):
        return None
    return data


def link_path(*, wave, participant=None) -> str:
    return reverse(
        "surveys:start", args=[wave.program.slug, make_token(wave=wave, participant=participant)]
    )
