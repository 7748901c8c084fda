from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def amount(value) -> str:
    """A number as the estimate shows it: whole above 100, two decimals below; "–" if none."""
    if value is None or value == "":
        return "–"
    value = float(value)
    places = 0 if abs(value) >= 100 else 2
    return number_format(round(value, places), places, force_grouping=True)


@register.filter
def percent(value) -> str:
    return f"{round(float(value) * 100)} %"


@register.filter
def in_language(mapping, language: str) -> str:
    if not isinstance(mapping, dict):
        return str(mapping or "")
    return mapping.get(language) or mapping.get("en") or next(iter(mapping.values()), "")
