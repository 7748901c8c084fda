"""An indicator's number as people write it: 1 530, not 1530,00; 2,5 stays 2,5."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def indicator_number(value):
    """Up to two decimals, none when the number is whole; text (such as "<5") as it is."""
    if isinstance(value, (Decimal, float, int)) and not isinstance(value, bool):
        return floatformat(value, "-2g")
    return value
