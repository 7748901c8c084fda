from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from jamlik.lib.periods import PeriodError
from jamlik.people.access import PeriodNotAllowed, audience_for, get_program_access, period_for
from jamlik.reports.figures import AUDIENCES, figures_for

router = Router(tags=["figures"])


@router.get("/{slug}/figures", response=dict[str, Any])
def figures(request: HttpRequest, slug: str, period: str, audience: str = ""):
    """The program's figures for a period (2023H2, 2023 or 2023-07-01..2023-12-31).

    The audience is the caller's own unless given; roles that see only external figures
    get 404 for internal ones and 400 for a period that is not a whole half-year or year."""
    access = get_program_access(request.user, slug)
    if audience and audience not in AUDIENCES:
        raise HttpError(422, f"audience must be internal or external, not {audience!r}")
    audience = audience_for(access, audience)
    try:
        parsed = period_for(access, period)
    except PeriodNotAllowed as exc:
        raise HttpError(400, str(exc)) from None
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from None
    return figures_for(program=access.program, period=parsed, audience=audience)


@router.get("/{slug}/reports", response=list[dict[str, Any]], tags=["reports"])
def report_versions(request: HttpRequest, slug: str):
    """Approved report versions the user may read, newest first (no figures)."""
    from jamlik.people.access import get_reports_access, report_audiences_for
    from jamlik.reports.models import ReportVersion

    access = get_reports_access(request.user, slug)
    versions = ReportVersion.objects.filter(
        program=access.program, audience__in=report_audiences_for(access)
    ).order_by("-approved_at")
    return [
        {
            "id": v.pk,
            "period": v.period_label,
            "audience": v.audience,
            "number": v.number,
            "approved_at": v.approved_at.isoformat(),
            "sent_at": v.sent_at.isoformat() if v.sent_at else None,
            "figures_sha256": v.figures_sha256,
        }
        for v in versions
    ]


@router.get("/{slug}/reports/{pk}/figures", response=dict[str, Any], tags=["reports"])
def report_version_figures(request: HttpRequest, slug: str, pk: int):
    """The frozen figures JSON of an approved version, as approved."""
    from jamlik.people.access import get_report_version_for_user

    _access, version = get_report_version_for_user(request.user, slug, pk)
    return {"figures_sha256": version.figures_sha256, "figures": version.figures}
