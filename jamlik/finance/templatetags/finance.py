from django import template

from jamlik.finance.formatting import format_percent, format_sek
from jamlik.people.access import FINANCE_SCOPES

register = template.Library()


@register.filter
def sek(value):
    """1485000 → "1 485 000 kr"."""
    return format_sek(value)


@register.filter
def pct(value):
    """58.1 → "58,1 %"; empty for None."""
    return format_percent(value)


@register.filter
def fte(value):
    """275 → "275 %", 37.5 → "37,5 %"."""
    if value is None:
        return ""
    return format_percent(value, decimals=0 if value == int(value) else 1)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def finance_scope(access, scope: str) -> bool:
    """Whether the user's role is in a finance scope of people.access ("aggregates", …)."""
    return access is not None and access.role in FINANCE_SCOPES[scope]
