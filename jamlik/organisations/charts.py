"""The chart comparing programs on one figure over time (matplotlib, SVG)."""

import io

from jamlik.lib.periods import Period

PHONE_WIDTH_IN = 4.2


def trend_svg(series: dict[str, list[int | None]], periods: list[Period], title: str) -> bytes:
    """One line per program; a withheld value breaks its line."""
    from matplotlib.figure import Figure

    from jamlik.reports.charts import PALETTE, STYLE, _lock

    labels = [p.label for p in periods]
    from matplotlib import pyplot as plt

    with _lock, plt.rc_context(STYLE | {"svg.hashsalt": "jamlik-city"}):
        # Drawn for a phone's width (the page shows it at 100 %), the legend under the
        # plot: at the report's A4 width, beside the plot, its text shrank to 4 px.
        fig = Figure(figsize=(PHONE_WIDTH_IN, 2.6 + 0.22 * len(series)))
        ax = fig.subplots()
        for i, (name, values) in enumerate(series.items()):
            ax.plot(
                labels,
                [float("nan") if v is None else v for v in values],
                marker="o",
                markersize=3,
                linewidth=1.6,
                color=PALETTE[i % len(PALETTE)],
                label=name,
            )
        ax.set_title(title, loc="left", fontsize=10)
        ax.tick_params(labelsize=8.5)
        ax.set_ylim(bottom=0)
        ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(0, -0.12), frameon=False)
        fig.set_layout_engine("constrained")
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
