from decimal import Decimal

from django.utils import translation

from jamlik.goals.templatetags.goals_format import indicator_number


def test_whole_numbers_lose_their_decimals_and_text_stays_as_it_is():
    with translation.override("sv"):
        assert indicator_number(Decimal("1530.00")) == "1\xa0530"
        assert indicator_number(Decimal("63.20")) == "63,20"
        assert indicator_number(0) == "0"
        assert indicator_number("<5") == "<5"
        assert indicator_number("–") == "–"


def test_a_number_kept_as_text_is_written_as_a_number():
    with translation.override("sv"):
        assert indicator_number("60.00") == "60"
        assert indicator_number("1530.5") == "1\xa0530,50"
