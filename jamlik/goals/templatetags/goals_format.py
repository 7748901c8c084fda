"""An indicator's number as people write it: 1 530, not 1530,00; 2,5 stays 2,5."""

from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def indicator_number(value):
    """Up to two decimals, none when the number is whole; text (such as "<5") as it is.

    A number kept as text (an approved evaluation's frozen figures are JSON) is a number.
    """
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        if not number.is_finite():
            return value
        value = number
    if isinstance(value, (Decimal, float, int)) and not isinstance(value, bool):
        return floatformat(value, "-2g")
    return value
