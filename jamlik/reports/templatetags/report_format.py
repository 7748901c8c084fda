from django import template
from django.utils.safestring import mark_safe

from jamlik.reports.formatting import (
    SUPPRESSED,
    format_date,
    format_money,
    format_number,
    format_percent,
)

register = template.Library()


@register.filter
def cell(value, kind: str = "count") -> str:
    """A table cell as printed: "1 463", "+12", "4,3 %", "1 485 000 kr", "..", "–"."""
    if value == SUPPRESSED:
        return SUPPRESSED
    if value is None or value == "":
        return "–" if kind != "text" else ""
    if kind == "count":
        return format_number(value)
    if kind == "change":
        return format_number(value, signed=True)
    if kind == "percent_change":
        return format_percent(value, signed=True)
    if kind == "percent":
        return format_percent(value)
    if kind == "money":
        return format_money(value)
    if kind == "date":
        return format_date(value)
    return str(value)


@register.filter
def number(value) -> str:
    return format_number(value) if value != SUPPRESSED else SUPPRESSED


@register.simple_tag
def chart_src(block) -> str:
    """The chart's SVG as a data URI: one self-contained picture for web and PDF."""
    from jamlik.reports import charts  # Matplotlib only when a chart is drawn

    return charts.data_uri(block["chart"], block["table"])


@register.filter
def column_groups(columns) -> list[tuple[str, int]]:
    """Consecutive columns sharing a group, as (group, span), for a two-row header."""
    groups: list[tuple[str, int]] = []
    for c in columns:
        if groups and groups[-1][0] == c["group"]:
            groups[-1] = (c["group"], groups[-1][1] + 1)
        else:
            groups.append((c["group"], 1))
    return groups


@register.filter
def has_groups(columns) -> bool:
    return any(c["group"] for c in columns)


@register.filter
def css_string(value) -> str:
    """Text for the inside of a double-quoted CSS string (page footers)."""
    text = str(value)
    for char, escape in (("\\", "\\5c "), ('"', "\\22 "), ("\n", "\\A "), ("<", "\\3c ")):
        text = text.replace(char, escape)
    return mark_safe(text)  # noqa: S308 - escaped for CSS above; HTML escaping would corrupt it
