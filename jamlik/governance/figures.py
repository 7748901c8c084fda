"""The power shift (seed 000: "förskjutning av makt och handlingsutrymme") in figures.

Per half-year: the share of decisions initiated by residents and health promoters, and the
share of the hub's meetings chaired by them. One function computes it for the page, the
chart and the API.
"""

import io
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from jamlik.governance.models import COMMUNITY_INITIATORS, Body, Decision, Meeting, Membership
from jamlik.lib.periods import Period
from jamlik.programs.models import Program


@dataclass(frozen=True)
class PowerShiftRow:
    period: Period
    decisions: int
    community_decisions: int
    hub_meetings: int
    community_chaired: int

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def decision_share(self) -> float | None:
        return self._share(self.community_decisions, self.decisions)

    @property
    def chair_share(self) -> float | None:
        return self._share(self.community_chaired, self.hub_meetings)

    def as_dict(self) -> dict:
        return {
            "period": self.period.as_dict(),
            "decisions": self.decisions,
            "community_decisions": self.community_decisions,
            "decision_share": self.decision_share,
            "hub_meetings": self.hub_meetings,
            "community_chaired": self.community_chaired,
            "chair_share": self.chair_share,
        }


def half_years(first: date, last: date) -> list[Period]:
    periods = [Period.half_year_of(first)]
    while periods[-1].end < last:
        periods.append(periods[-1].following())
    return periods


def power_shift(*, program: Program, today: date) -> list[PowerShiftRow]:
    """One row per half-year from the first held meeting up to today's half-year.

    Counts decisions of every body, and hub meetings held with a chair recorded.
    """
    held = Meeting.objects.filter(body__program=program, status=Meeting.Status.HELD)
    first = held.order_by("date").values_list("date", flat=True).first()
    if first is None:
        return []
    decisions = list(
        Decision.objects.filter(meeting__in=held).values_list("meeting__date", "initiated_by")
    )
    chairs = list(
        held.filter(body__kind=Body.Kind.HUB, chair__isnull=False).values_list(
            "date", "chair__kind"
        )
    )
    community_seats = {Membership.Kind.RESIDENT, Membership.Kind.HEALTH_PROMOTER}
    rows = []
    for period in half_years(first, max(today, first)):
        in_period = [who for day, who in decisions if period.start <= day <= period.end]
        chaired = [kind for day, kind in chairs if period.start <= day <= period.end]
        rows.append(
            PowerShiftRow(
                period=period,
                decisions=len(in_period),
                community_decisions=sum(who in COMMUNITY_INITIATORS for who in in_period),
                hub_meetings=len(chaired),
                community_chaired=sum(kind in community_seats for kind in chaired),
            )
        )
    return rows


def power_shift_svg(rows: list[PowerShiftRow]) -> str:
    """A line chart of both shares per half-year, as an SVG document."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import PercentFormatter

    labels = [row.period.label for row in rows]
    decisions = [row.decision_share for row in rows]
    chairs = [row.chair_share for row in rows]
    fig, ax = plt.subplots(figsize=(7.2, 3.8), dpi=100, layout="constrained")
    try:
        ax.plot(
            labels,
            [v if v is not None else float("nan") for v in decisions],
            marker="o",
            color="#0b6e4f",
            linewidth=2.2,
            label=_("Decisions initiated by residents and health promoters"),
        )
        ax.plot(
            labels,
            [v if v is not None else float("nan") for v in chairs],
            marker="s",
            color="#b35c00",
            linewidth=2.2,
            linestyle="--",
            label=_("Hub meetings chaired by residents and health promoters"),
        )
        for line in ax.get_lines():
            line.set_clip_on(False)
        ax.set_ylim(0, 100)
        ax.yaxis.set_major_formatter(PercentFormatter())
        ax.grid(axis="y", color="#d9dde5")
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="x", labelrotation=45 if len(labels) > 6 else 0)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), frameon=False, fontsize=9)
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
    finally:
        plt.close(fig)
    return out.getvalue()
