import pytest
from django.core.exceptions import ValidationError

from jamlik.partners.validators import luhn_ok, normalise_org_number


def with_check_digit(nine: str) -> str:
    """Completes nine digits with the Luhn check digit."""
    for digit in "0123456789":
        if luhn_ok(nine + digit):
            return nine + digit
    raise AssertionError("unreachable")


def test_luhn_matches_the_textbook_examples():
    assert luhn_ok("79927398713")
    assert not luhn_ok("79927398710")
    assert with_check_digit("556000000") == "5560000001"


@pytest.mark.parametrize(
    "text", ["556000-0001", "5560000001", "16556000-0001", "165560000001", " 556000–0001 "]
)
def test_it_accepts_and_normalises_organisation_numbers(text):
    assert normalise_org_number(text) == "556000-0001"


def test_it_accepts_every_number_with_a_correct_check_digit():
    for nine in ("802002863", "212000112", "969663215", "252002156"):
        number = with_check_digit(nine)
        assert normalise_org_number(number) == f"{number[:6]}-{number[6:]}"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("556000-0002", "checksum"),
        ("556000-000", "format"),
        ("55600-00005", "format"),
        ("abcdef-ghij", "format"),
        ("", "format"),
        ("800101-0019", "personal_number"),  # a personal identity number's month digit
    ],
)
def test_it_refuses_what_is_not_an_organisation_number(text, code):
    with pytest.raises(ValidationError) as error:
        normalise_org_number(text)
    assert error.value.code == code


def test_the_model_field_validates(db):
    from jamlik.partners.models import Partner

    partner = Partner(name="Bolaget", sector="private", org_number="556000-0002")
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "org_number" in error.value.message_dict
