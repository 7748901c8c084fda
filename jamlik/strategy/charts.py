"""The stakeholder matrix of seed 002 (figure 4–1) as a small hand-written SVG: four
quadrants by influence and necessary participation, each listing its stakeholders (or,
for external readers, only their number). Sized for a 360 px phone; no script, no style
element, so the page's Content Security Policy holds."""

from django.utils.html import escape
from django.utils.translation import gettext as _

from jamlik.strategy.models import TREATMENT, Quadrant

WIDTH, HEIGHT = 360, 420
LEFT, TOP = 26, 22  # room for the axis labels
CELL_W, CELL_H = (WIDTH - LEFT) // 2, (HEIGHT - TOP - 22) // 2
MAX_LINES = 9
MAX_CHARS = 24
COLOURS = {
    Quadrant.WORKER_BEES: "#e8f3ee",
    Quadrant.RESOURCE_PERSONS: "#d3eadf",
    Quadrant.EXTERNALS: "#f4f5f7",
    Quadrant.GREY_EMINENCES: "#fbeede",
}
# Column (influence small, large) and row (necessary, not necessary) of each quadrant.
PLACE = {
    Quadrant.WORKER_BEES: (0, 0),
    Quadrant.RESOURCE_PERSONS: (1, 0),
    Quadrant.EXTERNALS: (0, 1),
    Quadrant.GREY_EMINENCES: (1, 1),
}
INK, MUTED = "#1d2330", "#5b6475"


def _text(x: float, y: float, text: str, *, size: int = 11, weight: str = "normal", **attrs) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" font-weight="{weight}" '
        f'fill="{INK}"{extra}>{escape(text)}</text>'
    )


def _short(name: str) -> str:
    return name if len(name) <= MAX_CHARS else name[: MAX_CHARS - 1] + "…"


def matrix_svg(by_quadrant: dict[str, list[str]], *, names: bool = True) -> str:
    """`by_quadrant` maps each quadrant to its stakeholders' names (sorted by the caller)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'font-family="Liberation Sans, DejaVu Sans, Arial, sans-serif">',
        f"<title>{escape(_('Stakeholder matrix'))}</title>",
    ]
    for quadrant in Quadrant:
        column, row = PLACE[quadrant]
        x, y = LEFT + column * CELL_W, TOP + row * CELL_H
        members = by_quadrant.get(quadrant.value, [])
        parts.append(
            f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" '
            f'fill="{COLOURS[quadrant]}" stroke="#ffffff" stroke-width="3"/>'
        )
        parts.append(_text(x + 8, y + 18, str(quadrant.label), size=13, weight="bold"))
        parts.append(_text(x + 8, y + 33, f"{TREATMENT[quadrant]} · {len(members)}", size=10))
        if names:
            shown = members if len(members) <= MAX_LINES else members[: MAX_LINES - 1]
            for index, name in enumerate(shown):
                parts.append(_text(x + 8, y + 52 + index * 15, "• " + _short(name), size=11))
            if len(shown) < len(members):
                more = _("and %(n)d more") % {"n": len(members) - len(shown)}
                parts.append(_text(x + 8, y + 52 + len(shown) * 15, more, size=10))
        else:
            parts.append(
                _text(
                    x + CELL_W / 2,
                    y + CELL_H / 2 + 18,
                    str(len(members)),
                    size=36,
                    weight="bold",
                    text_anchor="middle",
                )
            )
    # Axes: influence along the bottom, necessary participation up the left side.
    bottom = TOP + 2 * CELL_H + 16
    parts.append(
        _text(LEFT + CELL_W / 2, bottom, _("Small influence"), size=10, text_anchor="middle")
    )
    parts.append(
        _text(LEFT + CELL_W * 1.5, bottom, _("Large influence"), size=10, text_anchor="middle")
    )
    for row, label in ((0, _("Necessary")), (1, _("Not necessary"))):
        cy = TOP + row * CELL_H + CELL_H / 2
        parts.append(
            f'<text x="14" y="{cy:.0f}" font-size="10" fill="{MUTED}" text-anchor="middle" '
            f'transform="rotate(-90 14 {cy:.0f})">{escape(label)}</text>'
        )
    parts.append(_text(LEFT, 14, _("Participation"), size=10))
    parts.append("</svg>")
    return "".join(parts)
