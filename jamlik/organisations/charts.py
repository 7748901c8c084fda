"""The chart comparing programs on one figure over time (matplotlib, SVG)."""

import io

from jamlik.lib.periods import Period


def trend_svg(series: dict[str, list[int | None]], periods: list[Period], title: str) -> bytes:
    """One line per program; a withheld value breaks its line."""
    from matplotlib.figure import Figure

    from jamlik.reports.charts import PALETTE, STYLE, WIDTH_IN, _lock

    labels = [p.label for p in periods]
    from matplotlib import pyplot as plt

    with _lock, plt.rc_context(STYLE | {"svg.hashsalt": "jamlik-city"}):
        fig = Figure(figsize=(WIDTH_IN, 3.2))
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
        ax.set_title(title, loc="left", fontsize=9)
        ax.set_ylim(bottom=0)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1, 1))
        fig.set_layout_engine("constrained")
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
