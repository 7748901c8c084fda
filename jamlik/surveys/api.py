from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Router
from ninja.errors import HttpError

from jamlik.lib.periods import PeriodError
from jamlik.people.access import (
    PeriodNotAllowed,
    audience_for,
    get_program_access,
    get_wave_for_user,
    period_for,
)
from jamlik.surveys.summary import AUDIENCES, evaluation_summary, wave_results

router = Router(tags=["evaluation"])


def _audience(access, audience: str) -> str:
    if audience and audience not in AUDIENCES:
        raise HttpError(422, f"audience must be internal or external, not {audience!r}")
    return audience_for(access, audience)


@router.get("/{slug}/evaluation", response=dict[str, Any])
def evaluation(request: HttpRequest, slug: str, period: str, audience: str = ""):
    """Waves that opened in the period: response counts, scores per scale, paired change."""
    access = get_program_access(request.user, slug)
    audience = _audience(access, audience)
    try:
        parsed = period_for(access, period)
    except PeriodNotAllowed as exc:
        raise HttpError(400, str(exc)) from None
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from None
    language = translation.get_language() or "en"
    return evaluation_summary(access.program, parsed, audience, language=language)


@router.get("/{slug}/waves/{key}/results", response=dict[str, Any])
def results(request: HttpRequest, slug: str, key: str, audience: str = ""):
    access, wave = get_wave_for_user(request.user, slug, key)
    audience = _audience(access, audience)
    return wave_results(wave, audience=audience, language=translation.get_language() or "en")
