"""Följeforskning: the research that follows the program, publication by publication."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jamlik.reports.models import ResearchOutput

KEY = "research"


def title() -> str:
    return pgettext("report section", "Accompanying research")


def collect(ctx) -> dict[str, Any]:
    outputs = ResearchOutput.objects.filter(program=ctx.program, year__lte=ctx.period.end.year)
    return {
        "outputs": [
            {
                "kind": str(o.get_kind_display()),
                "title": o.title,
                "authors": o.authors,
                "year": o.year,
                "venue": o.venue,
                "url": o.url,
                "in_progress": o.status == ResearchOutput.Status.IN_PROGRESS,
                "new": o.year >= ctx.period.start.year,
            }
            for o in outputs
        ]
    }


def blocks(data: dict[str, Any], doc) -> list[dict[str, Any]]:
    outputs = data["outputs"]
    if not outputs:
        return [{"type": "unavailable", "text": _("No research outputs are registered yet.")}]
    return [{"type": "publications", "items": outputs}]
