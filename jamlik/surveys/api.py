from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Router
from ninja.errors import HttpError

from jamlik.lib.periods import Period, PeriodError
from jamlik.people.access import get_program_access, get_wave_for_user
from jamlik.surveys.summary import AUDIENCES, evaluation_summary, wave_results

router = Router(tags=["evaluation"])


def _audience(access, audience: str) -> str:
    if audience not in AUDIENCES:
        raise HttpError(422, f"audience must be internal or external, not {audience!r}")
    if audience == "internal" and access.audience != "internal":
        raise HttpError(403, "Your role sees external figures only; ask for audience=external.")
    return audience


@router.get("/{slug}/evaluation", response=dict[str, Any])
def evaluation(request: HttpRequest, slug: str, period: str, audience: str = "internal"):
    """Waves that opened in the period: response counts, scores per scale, paired change."""
    access = get_program_access(request.user, slug)
    audience = _audience(access, audience)
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from None
    language = translation.get_language() or "en"
    return evaluation_summary(access.program, parsed, audience, language=language)


@router.get("/{slug}/waves/{key}/results", response=dict[str, Any])
def results(request: HttpRequest, slug: str, key: str, audience: str = "internal"):
    access, wave = get_wave_for_user(request.user, slug, key)
    audience = _audience(access, audience)
    return wave_results(wave, audience=audience, language=translation.get_language() or "en")
