"""Gather everything a report shows from the data, as one JSON-safe dict.

`collect_report_data` is what an approval freezes: the figures (from
`compute_figures`, the one place they are computed), the section data built from them
and from the other apps' data functions (each section imports its own), with
disclosure control applied for the external audience. Renderers only read this
dict, so re-rendering an approved version gives the same figures whatever happened
to the data since.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Min
from django.utils import translation

from jamlik.activities.models import Activity
from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.reports.disclosure import suppress_small_counts
from jamlik.reports.figures import Audience, figures_for, for_audience

SCHEMA = 1


@dataclass
class Context:
    """What a section's `collect` needs: the program, the period and the figures."""

    program: Program
    period: Period
    audience: Audience
    threshold: int
    _figures: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)

    @property
    def external(self) -> bool:
        return self.audience == "external"

    @property
    def previous(self) -> Period:
        return self.period.previous()

    def figures(self, period: Period) -> dict[str, Any]:
        """Unsuppressed figures of any period (memoised); tables protect them."""
        key = (period.label, period.start.isoformat(), period.end.isoformat())
        if key not in self._figures:
            self._figures[key] = figures_for(
                program=self.program, period=period, audience="internal"
            )
        return self._figures[key]

    def half_years(self) -> list[Period]:
        """Every half-year from the program's first activity to the report's period."""
        first = Activity.objects.filter(program=self.program).aggregate(d=Min("date"))["d"]
        last = Period.half_year_of(self.period.end)
        current = Period.half_year_of(min(first or self.period.start, self.period.start))
        periods = []
        while current.start <= last.start:
            periods.append(current)
            current = current.following()
        return periods

    def provided(self, data: Any) -> Any:
        """Another app's result as JSON, with small counts suppressed for external readers."""
        data = jsonable(data)
        return suppress_small_counts(data, self.threshold) if self.external else data


def collect_report_data(
    *, program: Program, period: Period, audience: Audience, language: str = "sv"
) -> dict[str, Any]:
    from jamlik.reports.sections import SECTIONS

    ctx = Context(
        program=program, period=period, audience=audience, threshold=settings.SUPPRESS_BELOW
    )
    with translation.override(language):
        sections = {module.KEY: module.collect(ctx) for module in SECTIONS}
        return {
            "schema": SCHEMA,
            "language": language,
            "program": {"slug": program.slug, "name": program.name, "area": program.area},
            "period": period.as_dict(),
            "previous_period": period.previous().as_dict(),
            "audience": audience,
            "suppress_below": ctx.threshold,
            "figures": for_audience(ctx.figures(period), audience),
            "previous_figures": for_audience(ctx.figures(period.previous()), audience),
            "sections": sections,
        }


def jsonable(value: Any) -> Any:
    """Decimals become exact strings, dates ISO strings, lazy strings plain ones."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def canonical_json(data: Any) -> bytes:
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode()


def figures_sha256(data: Any) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()
