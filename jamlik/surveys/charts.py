"""Before/after distribution charts as SVG (matplotlib, Agg backend, no pyplot state)."""

import io

BEFORE_COLOUR = "#9aa3b2"
AFTER_COLOUR = "#0b6e4f"


def distribution_svg(
    before: list[float],
    after: list[float],
    *,
    title: str,
    bounds: tuple[float, float],
    labels: tuple[str, str],
    y_label: str,
) -> str:
    low, high = bounds
    bins = 10 if high - low >= 10 else int(high - low) + 1
    edges = (low, high) if high - low >= 10 else (low - 0.5, high + 0.5)
    # Matplotlib is imported here, not with the module: the survey views import this
    # module, and every command's URL checks import the views.
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.use("Agg")
    figure = Figure(figsize=(6.4, 3.2), layout="constrained")
    axes = figure.subplots()
    with matplotlib.rc_context({"svg.hashsalt": "jamlik", "svg.fonttype": "none"}):
        axes.hist(
            [before, after],
            bins=bins,
            range=edges,
            label=[f"{labels[0]} (n={len(before)})", f"{labels[1]} (n={len(after)})"],
            color=[BEFORE_COLOUR, AFTER_COLOUR],
        )
        axes.set_title(title, fontsize=11, loc="left")
        axes.set_ylabel(y_label)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(frameon=False, fontsize=9)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
