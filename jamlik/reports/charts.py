"""The report's charts, drawn server-side with matplotlib from the (protected) tables.

The same figure is written as SVG for the web page and the PDF, and as PNG for Word,
which cannot show SVG. Drawing reads only the table, so an approved version draws the
same picture every time; the SVG is made deterministic (fixed ids, no date).
Withheld cells are drawn as gaps and marked "..", never as a value.
"""

import base64
import io
import textwrap
import threading
from typing import Any

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from jamlik.reports.formatting import SUPPRESSED, format_number  # noqa: E402

INK = "#1d2330"
MUTED = "#5b6475"
GRID = "#d9dde5"
# Colour-blind safe, printable in greyscale by lightness (Okabe–Ito, reordered).
PALETTE = ["#0b6e4f", "#e69f00", "#56b4e9", "#cc79a7", "#009e73", "#d55e00", "#0072b2", "#999999"]
WIDTH_IN = 6.3  # the A4 text width at 2 cm margins, in inches
_lock = threading.Lock()  # pyplot's rcParams are global; drawing is serialised

STYLE = {
    "font.family": ["Liberation Sans", "DejaVu Sans"],
    "font.size": 8.5,
    "axes.edgecolor": GRID,
    "axes.labelcolor": MUTED,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.spines.left": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.major.size": 0,
    "ytick.major.size": 0,
    "legend.frameon": False,
    "svg.hashsalt": "jamlik-report",
    "svg.fonttype": "path",
}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else None


def _thousands(axis) -> None:
    axis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(int(v))))


def participants(table: dict[str, Any]) -> Figure:
    """Horizontal bars: each group's unique participants, this period and the previous."""
    rows = [r for r in table["rows"] if not r["total"]]
    labels = [r["label"] for r in rows]
    fig = Figure(figsize=(WIDTH_IN, 0.55 + 0.5 * len(rows)))
    ax = fig.add_subplot()
    height = 0.38
    periods = [table["columns"][0]["label"], table["columns"][1]["label"]]
    for k, (name, color) in enumerate(zip(periods, (PALETTE[0], "#a9c7bb"), strict=True)):
        ys = [i + (height / 2 if k else -height / 2) for i in range(len(rows))]
        values = [_number(r["cells"][k]) for r in rows]
        ax.barh(ys, [v or 0 for v in values], height=height, color=color, label=name)
        for y, v, r in zip(ys, values, rows, strict=True):
            text = SUPPRESSED if r["cells"][k] == SUPPRESSED else format_number(r["cells"][k])
            ax.text((v or 0), y, f" {text}", va="center", fontsize=7.5, color=INK)
    ax.set_axisbelow(True)
    ax.set_yticks(range(len(rows)), labels)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    _thousands(ax.xaxis)
    ax.margins(x=0.12)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=7.5, ncols=2)
    return fig


def monthly(table: dict[str, Any]) -> Figure:
    """Stacked bars per month, one colour per workshop; withheld cells leave a gap."""
    months = [c["label"] for c in table["columns"][:-1]]
    rows = [r for r in table["rows"] if not r["total"]]
    fig = Figure(figsize=(WIDTH_IN, 2.8))
    ax = fig.add_subplot()
    ax.set_axisbelow(True)
    bottom = [0.0] * len(months)
    for i, r in enumerate(rows):
        values = [_number(v) or 0 for v in r["cells"][:-1]]
        ax.bar(
            months,
            values,
            bottom=bottom,
            width=0.65,
            color=PALETTE[i % len(PALETTE)],
            label=r["label"],
            edgecolor="white",
            linewidth=0.5,
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    totals = next((r for r in table["rows"] if r["total"]), None)
    if totals:
        # A month whose total is published but some of whose workshops are withheld gets
        # a marker at its total: the gap below it is what is withheld. A filled bar there
        # read as one more workshop and, in a month with every workshop withheld, as a
        # full hatched bar that hid the shape of the year.
        marked = [
            (x, _number(total))
            for x, (total, shown) in enumerate(zip(totals["cells"][:-1], bottom, strict=True))
            if _number(total) is not None and _number(total) > shown
        ]
        if marked:
            ax.scatter(
                [x for x, _total in marked],
                [total for _x, total in marked],
                marker="_",
                s=260,
                linewidths=1.6,
                color=MUTED,
                zorder=3,
                label=_withheld_label(),
            )
        for x, (value, height) in enumerate(zip(totals["cells"][:-1], bottom, strict=True)):
            shown = SUPPRESSED if value == SUPPRESSED else format_number(value)
            top = max(height, _number(value) or 0)
            ax.text(x, top, shown, ha="center", va="bottom", fontsize=7.5, color=INK)
    _thousands(ax.yaxis)
    ax.margins(y=0.12)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7.5)
    return fig


def _withheld_label() -> str:
    from django.utils.translation import gettext as _

    return _("total, with withheld workshops")


def trend(table: dict[str, Any]) -> Figure:
    """Small multiples: one panel per main figure, each on its own scale, over all
    half-years; a withheld value breaks the line."""
    periods = [
        r["label"].replace("20", "", 1) if len(r["label"]) == 6 else r["label"]
        for r in table["rows"]
    ]
    columns = table["columns"]
    fig = Figure(figsize=(WIDTH_IN, 1.9))
    axes = fig.subplots(1, len(columns), sharex=True)
    for j, (ax, c) in enumerate(zip(axes, columns, strict=True)):
        values = [_number(r["cells"][j]) for r in table["rows"]]
        ax.plot(
            periods,
            [float("nan") if v is None else v for v in values],
            marker="o",
            markersize=3,
            linewidth=1.6,
            color=PALETTE[0],
        )
        # Each panel is a fifth of the width: long names break onto lines of their own.
        title = "\n".join(textwrap.wrap(c["label"], width=max(10, 70 // len(columns))))
        ax.set_title(title, fontsize=7.5, color=INK, loc="left")
        last = next((v for v in reversed(values) if v is not None), None)
        if last is not None:
            ax.annotate(
                format_number(int(last)),
                (len(values) - 1, last),
                xytext=(0, 5),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color=INK,
            )
        _thousands(ax.yaxis)
        ax.set_ylim(bottom=0, top=max([v for v in values if v is not None] + [1]) * 1.3)
        ax.tick_params(axis="x", labelsize=6.5, rotation=90 if len(periods) > 4 else 0)
        ax.tick_params(axis="y", labelsize=6.5)
    return fig


CHARTS = {"participants": participants, "monthly": monthly, "trend": trend}


def draw(kind: str, table: dict[str, Any], fmt: str) -> bytes:
    with _lock, plt.rc_context(STYLE):
        fig = CHARTS[kind](table)
        fig.set_layout_engine("constrained")
        out = io.BytesIO()
        fig.savefig(out, format=fmt, dpi=200, metadata={"Date": None} if fmt == "svg" else None)
    data = out.getvalue()
    return data


def svg(kind: str, table: dict[str, Any]) -> bytes:
    return draw(kind, table, "svg")


def data_uri(kind: str, table: dict[str, Any]) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg(kind, table)).decode()


def png(kind: str, table: dict[str, Any]) -> bytes:
    return draw(kind, table, "png")
