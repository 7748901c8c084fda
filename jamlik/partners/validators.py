"""Swedish organisation numbers (organisationsnummer)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 10 digits, optionally written with a hyphen (or the en dash of word processors) after six,
# and optionally with the century prefix "16" used by some registers.
_ORG_NUMBER = re.compile(r"^(?:16)?(\d{6})[-–‐ ]?(\d{4})$")


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by Swedish personal and organisation numbers."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_org_number(text: str) -> str:
    """Returns "NNNNNN-NNNN"; raises ValidationError unless `text` is a valid number.

    A personal identity number (third digit 0 or 1, a sole trader's number) is refused:
    the register holds organisations, and a personal number is personal data.
    """
    match = _ORG_NUMBER.match(text.strip())
    if match is None:
        raise ValidationError(
            _("Write the organisation number as ten digits, e.g. 556000-0001."), code="format"
        )
    digits = match[1] + match[2]
    if int(digits[2]) < 2:
        raise ValidationError(
            _("This looks like a personal identity number, not an organisation number."),
            code="personal_number",
        )
    if not luhn_ok(digits):
        raise ValidationError(
            _("The check digit does not match: please check the organisation number."),
            code="checksum",
        )
    return f"{digits[:6]}-{digits[6:]}"


def validate_org_number(value: str) -> None:
    normalise_org_number(value)
