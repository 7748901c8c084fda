"""What a computed indicator may be computed from: a list of named sources, never code.

Each source has a stable key (stored in `Indicator.source`), a label and a function of
(program, period, goal) that returns the number, or None for "no data" (never 0 in its
place). The numbers come from the functions that compute them elsewhere: the figures
(`reports.figures.figures_for`, the same as the dashboard's), the questionnaires'
statistics (`surveys.summary`), the power shift (`governance.figures.power_shift`), the
partnership register, the unmet needs (`needs.figures.unmet_needs`) and the coaches,
ambassadors and volunteers (`volunteers.figures`).

To add a source, append one `Source` to `_static_sources()` (or a generator like
`_survey_sources`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jamlik.lib.periods import Period

FIGURES = _("Activity figures")
WORKSHOP = _("Activity figures of the goal's workshop")
SURVEYS = _("Questionnaires")
GOVERNANCE = _("Power shift")
PARTNERS = _("Partnership")
NEEDS = _("Needs")
VOLUNTEERS = _("Coaches and volunteers")


@dataclass
class Context:
    """What one page or report computes once: the figures and results it has read."""

    program: Any
    today: date
    memo: dict = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.memo = {}

    def once(self, key: tuple, compute: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


@dataclass(frozen=True)
class Source:
    key: str
    label: str | Promise
    group: str | Promise
    compute: Callable[[Context, Period, Any], float | None]
    unit: str | Promise = ""
    # A count from the activity figures: published with small counts suppressed.
    count: bool = False


def _number(value: Any) -> float | None:
    """A count or measure as a number; "no data" (None, a missing key) stays None."""
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


# Figures ------------------------------------------------------------------------------


def _figures(ctx: Context, period: Period) -> dict[str, Any]:
    from jamlik.reports.figures import figures_for

    return ctx.once(
        ("figures", period.label),
        lambda: figures_for(program=ctx.program, period=period, audience="internal"),
    )


def _figure(*path: str):
    def compute(ctx: Context, period: Period, goal) -> float | None:
        value: Any = _figures(ctx, period)
        for part in path:
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        return _number(value)

    return compute


def _workshop_figure(name: str):
    def compute(ctx: Context, period: Period, goal) -> float | None:
        if goal is None or goal.workshop_id is None:
            return None
        # A workshop that held nothing in the period has no row: no data, not 0.
        row = _figures(ctx, period)["by_workshop"].get(goal.workshop.key)
        return None if row is None else _number(row.get(name))

    return compute


def _counts(sources: list[Source]) -> list[Source]:
    return [Source(s.key, s.label, s.group, s.compute, s.unit, count=True) for s in sources]


def _figure_sources() -> list[Source]:
    from jamlik.activities.models import Category

    n = _("people")
    sources = [
        Source("figures.activities", _("Activities held"), FIGURES, _figure("activities")),
        Source("figures.large_events", _("Larger events"), FIGURES, _figure("large_events")),
        Source(
            "figures.cancelled_activities",
            _("Cancelled activities"),
            FIGURES,
            _figure("cancelled_activities"),
        ),
        Source(
            "figures.unique_participants.total",
            _("Unique participants"),
            FIGURES,
            _figure("unique_participants", "total"),
            n,
        ),
    ]
    sources += [
        Source(
            f"figures.unique_participants.{category.value}",
            _("Unique participants: %(category)s") % {"category": category.label},
            FIGURES,
            _figure("unique_participants", category.value),
            n,
        )
        for category in Category
    ]
    sources += [
        Source(
            "figures.recurring_participants",
            _("Recurring participants"),
            FIGURES,
            _figure("recurring_participants"),
            n,
        ),
        Source(
            "figures.visits.registered",
            _("Visits by registered participants"),
            FIGURES,
            _figure("visits", "registered"),
        ),
        Source(
            "figures.visits.headcount",
            _("Visits counted anonymously"),
            FIGURES,
            _figure("visits", "headcount"),
        ),
        Source(
            "figures.individual_support.participants",
            _("Participants given individual support"),
            FIGURES,
            _figure("individual_support", "participants"),
            n,
        ),
        Source(
            "figures.individual_support.contacts",
            _("Individual support contacts"),
            FIGURES,
            _figure("individual_support", "contacts"),
        ),
    ]
    workshop = [
        ("activities", _("Activities held in the workshop")),
        ("large_events", _("Larger events of the workshop")),
        ("unique_participants", _("Unique participants in the workshop")),
        ("visits", _("Visits to the workshop")),
    ]
    sources += [
        Source(f"workshop.{name}", label, WORKSHOP, _workshop_figure(name))
        for name, label in workshop
    ]
    return _counts(sources)


# Questionnaires ----------------------------------------------------------------------


def _latest_wave(ctx: Context, period: Period, ref: str, goal, *, paired: bool):
    """The wave opened last in the period that used the instrument (with a baseline that
    used it too, for a change): the wave pair of the period."""
    from jamlik.surveys.models import Wave

    def find():
        waves = Wave.objects.filter(
            program=ctx.program, opens_on__gte=period.start, opens_on__lte=period.end
        ).select_related("baseline", "workshop")
        return list(waves.order_by("-opens_on", "-pk"))

    waves = ctx.once(("waves", period.label), find)
    for wave in waves:
        if ref not in wave.instruments:
            continue
        if (
            goal is not None
            and goal.workshop_id
            and wave.workshop_id
            not in (
                None,
                goal.workshop_id,
            )
        ):
            continue
        if paired and (wave.baseline is None or ref not in wave.baseline.instruments):
            continue
        return wave
    return None


def _scale_mean(ref: str, scale: str):
    def compute(ctx: Context, period: Period, goal) -> float | None:
        from jamlik.surveys.summary import wave_results

        wave = _latest_wave(ctx, period, ref, goal, paired=False)
        if wave is None:
            return None
        results = ctx.once(("wave", wave.pk), lambda: wave_results(wave))
        for instrument in results["instruments"]:
            if instrument["instrument"] == ref:
                for row in instrument["scales"]:
                    if row["scale"] == scale:
                        return _number(row["mean"])
        return None

    return compute


def _paired(ref: str, scale: str, key: str, percent: bool = False):
    def compute(ctx: Context, period: Period, goal) -> float | None:
        from jamlik.surveys.summary import paired_results

        wave = _latest_wave(ctx, period, ref, goal, paired=True)
        if wave is None:
            return None
        rows = ctx.once(("pairs", wave.pk), lambda: paired_results(wave.baseline, wave))
        for row in rows:
            if row["instrument"] == ref and row["scale"] == scale:
                value = _number(row[key])
                return None if value is None else (100 * value if percent else value)
        return None

    return compute


def _survey_sources() -> list[Source]:
    from jamlik.surveys.catalog import all_instruments

    sources = []
    for ref, instrument in sorted(all_instruments().items()):
        for scale in instrument.scales:
            base = f"{ref}:{scale.key}"
            sources.append(
                Source(
                    f"survey.mean:{base}",
                    _SurveyLabel(instrument, scale, _("mean")),
                    SURVEYS,
                    _scale_mean(ref, scale.key),
                )
            )
            sources.append(
                Source(
                    f"survey.change:{base}",
                    _SurveyLabel(instrument, scale, _("paired change since the baseline")),
                    SURVEYS,
                    _paired(ref, scale.key, "mean_change"),
                )
            )
            if scale.mid is not None:
                sources.append(
                    Source(
                        f"survey.improved:{base}",
                        _SurveyLabel(
                            instrument,
                            scale,
                            _("share improved beyond the minimal important difference"),
                        ),
                        SURVEYS,
                        _paired(ref, scale.key, "share_improved_beyond_mid", percent=True),
                        "%",
                    )
                )
    return sources


class _SurveyLabel:
    """ "Instrument: scale, measure" in the active language."""

    def __init__(self, instrument, scale, measure) -> None:
        self.instrument, self.scale, self.measure = instrument, scale, measure

    def __str__(self) -> str:
        from django.utils.translation import get_language

        from jamlik.surveys.catalog import text_in

        language = (get_language() or "sv")[:2]
        title = text_in(self.instrument.title, language)
        if len(self.instrument.scales) > 1:
            title = f"{title}: {text_in(self.scale.label, language)}"
        return f"{title} – {self.measure}"


# Power shift, partnership, needs -----------------------------------------------------


def _power_shift(attribute: str):
    def compute(ctx: Context, period: Period, goal) -> float | None:
        from jamlik.governance.figures import power_shift

        rows = ctx.once(("power_shift",), lambda: power_shift(program=ctx.program, today=ctx.today))
        for row in rows:
            if row.period.label == period.label:
                return _number(getattr(row, attribute))
        return None

    return compute


def _partners(sector: str | None):
    def compute(ctx: Context, period: Period, goal) -> float | None:
        if period.start > ctx.today:
            return None
        counts = ctx.once(("partners", period.label), lambda: _partners_by_sector(ctx, period))
        if sector is None:
            return float(sum(counts.values()))
        return float(counts.get(sector, 0))

    return compute


def _partners_by_sector(ctx: Context, period: Period) -> dict[str, int]:
    """Partnerships of the program active at some time in the period, per sector."""
    from django.db.models import Count, Q

    from jamlik.partners.models import Partnership

    rows = (
        Partnership.objects.filter(program=ctx.program)
        .filter(
            Q(joined_on__isnull=True) | Q(joined_on__lte=period.end),
            Q(left_on__isnull=True) | Q(left_on__gte=period.start),
        )
        .values("partner__sector")
        .annotate(n=Count("pk"))
        .values_list("partner__sector", "n")
        .order_by()
    )
    return dict(rows)


def _unmet_needs(ctx: Context, period: Period, goal) -> float | None:
    """Needs are not dated: the count is today's, so it exists for today's half-year only."""
    from jamlik.needs.figures import unmet_needs

    if not period.start <= ctx.today <= period.end:
        return None
    return float(ctx.once(("unmet",), lambda: unmet_needs(ctx.program).count()))


def _volunteers(name: str):
    """One of `volunteers.figures`' counts: trained coaches, active ambassadors, hours."""

    def compute(ctx: Context, period: Period, goal) -> float | None:
        from jamlik.volunteers import figures

        if period.start > ctx.today:
            return None
        return float(getattr(figures, name)(program=ctx.program, period=period))

    return compute


def _static_sources() -> list[Source]:
    from jamlik.partners.models import Sector

    share = "%"
    sources = [
        Source(
            "governance.decision_share",
            _("Decisions initiated by residents and health promoters"),
            GOVERNANCE,
            _power_shift("decision_share"),
            share,
        ),
        Source(
            "governance.chair_share",
            _("Hub meetings chaired by residents and health promoters"),
            GOVERNANCE,
            _power_shift("chair_share"),
            share,
        ),
        Source("partners.total", _("Partners in the partnership"), PARTNERS, _partners(None)),
    ]
    sources += [
        Source(
            f"partners.{sector.value}",
            _("Partners: %(sector)s") % {"sector": sector.label},
            PARTNERS,
            _partners(sector.value),
        )
        for sector in Sector
    ]
    sources += [
        Source(
            "volunteers.trained_coaches",
            _("Health coaches trained"),
            VOLUNTEERS,
            _volunteers("trained_coaches"),
            count=True,
        ),
        Source(
            "volunteers.active_ambassadors",
            _("Active ambassadors"),
            VOLUNTEERS,
            _volunteers("active_ambassadors"),
            count=True,
        ),
        Source(
            "volunteers.volunteer_hours",
            _("Volunteer hours"),
            VOLUNTEERS,
            _volunteers("volunteer_hours"),
            _("hours"),
        ),
    ]
    sources.append(
        Source(
            "needs.unmet",
            _("Prioritised needs that no active workshop answers"),
            NEEDS,
            _unmet_needs,
        )
    )
    return sources


@cache
def _sources() -> dict[str, Source]:
    every = _figure_sources() + _static_sources() + _survey_sources()
    return {source.key: source for source in every}


class _Sources:
    """The registry, built at first use (the instrument catalog is read from files)."""

    def __contains__(self, key: object) -> bool:
        return key in _sources()

    def __getitem__(self, key: str) -> Source:
        return _sources()[key]

    def get(self, key: str) -> Source | None:
        return _sources().get(key)

    def values(self):
        return _sources().values()


SOURCES = _Sources()


def source_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The sources for a select, grouped (the label is read in the active language)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for source in SOURCES.values():
        groups.setdefault(str(source.group), []).append((source.key, str(source.label)))
    return list(groups.items())


def compute(indicator, period: Period, ctx: Context) -> float | None:
    """The computed indicator's value for a period; None for "no data" (and for a period
    that has not begun)."""
    if period.start > ctx.today:
        return None
    source = SOURCES.get(indicator.source)
    if source is None:
        return None
    return source.compute(ctx, period, indicator.goal)


def rounded(value: float | Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(repr(float(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def new_context(program, today: date | None = None) -> Context:
    return Context(program=program, today=today or timezone.localdate())


def is_count(indicator) -> bool:
    source = SOURCES.get(indicator.source) if indicator.kind == "computed" else None
    return bool(source and source.count)
