"""Worked examples for every shipped scoring rule, including missing and wrong answers."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jamlik.surveys.catalog import get_instrument
from jamlik.surveys.scoring import score_instrument


def score(ref: str, answers) -> dict:
    return {k: v.value for k, v in score_instrument(get_instrument(ref), answers).items()}


def who5(*codes):
    return {f"q{i}": c for i, c in enumerate(codes, start=1)}


class TestWho5:
    def test_it_sums_and_multiplies_by_four(self):
        # "More than half of the time" (3) on every item: raw 15, index 60.
        assert score("who5@1998", who5(3, 3, 3, 3, 3)) == {"raw": 15, "index": 60}

    def test_it_spans_0_to_100(self):
        assert score("who5@1998", who5(0, 0, 0, 0, 0)) == {"raw": 0, "index": 0}
        assert score("who5@1998", who5(5, 5, 5, 5, 5)) == {"raw": 25, "index": 100}

    def test_it_flags_poor_well_being_below_a_raw_score_of_13(self):
        scores = score_instrument(get_instrument("who5@1998"), who5(3, 3, 2, 2, 2))
        assert (scores["raw"].value, scores["raw"].band) == (12, "poor")
        assert (scores["index"].value, scores["index"].band) == (48, "poor")
        scores = score_instrument(get_instrument("who5@1998"), who5(3, 3, 3, 2, 2))
        assert (scores["raw"].value, scores["raw"].band) == (13, "not_poor")
        assert (scores["index"].value, scores["index"].band) == (52, "not_poor")

    def test_one_missing_item_gives_no_score(self):
        scores = score_instrument(get_instrument("who5@1998"), {"q1": 5, "q2": 5, "q3": 5, "q4": 5})
        assert scores["index"].value is None
        assert (scores["index"].answered, scores["index"].items) == (4, 5)

    def test_a_code_outside_the_answers_counts_as_missing(self):
        assert score("who5@1998", who5(3, 3, 3, 3, 6))["raw"] is None
        assert score("who5@1998", who5(3, 3, 3, 3, "x"))["raw"] is None
        assert score("who5@1998", who5("3", " 3", 3.0, 3, "3"))["raw"] == 15


class TestRand36:
    ref = "rand36@1.0"

    def test_it_recodes_items_to_0_100(self):
        # Physical functioning: "limited a little" (2) on every item recodes to 50.
        answers = {f"q{n}": 2 for n in range(3, 13)}
        assert score(self.ref, answers)["physical_functioning"] == 50

    def test_it_reverses_the_negatively_worded_items(self):
        # Energy/fatigue: full of pep all of the time (1 -> 100), a lot of energy most of
        # the time (2 -> 80), worn out none of the time (6 -> 100), tired some of the time
        # (4 -> 60): (100 + 80 + 100 + 60) / 4 = 85.
        answers = {"q23": 1, "q27": 2, "q29": 6, "q31": 4}
        assert score(self.ref, answers)["energy_fatigue"] == 85

    def test_general_health_mixes_three_recodings(self):
        # q1 good (3 -> 50), q33 mostly false (4 -> 75), q34 mostly true (2 -> 75),
        # q35 definitely false (5 -> 100), q36 don't know (3 -> 50): 350 / 5 = 70.
        answers = {"q1": 3, "q33": 4, "q34": 2, "q35": 5, "q36": 3}
        assert score(self.ref, answers)["general_health"] == 70

    def test_a_scale_is_the_mean_of_the_answered_items(self):
        # RAND's rule, unlike SF-36's half-items rule: one answered item is enough.
        answers = {"q3": 1, "q4": 3, "q5": 3}  # 0, 100, 100 of ten items
        result = score_instrument(get_instrument(self.ref), answers)["physical_functioning"]
        assert result.value == pytest.approx(200 / 3)
        assert (result.answered, result.items) == (3, 10)
        assert score(self.ref, {"q21": 6})["pain"] == 0

    def test_a_scale_without_any_answer_has_no_score(self):
        scores = score(self.ref, {"q3": 1})
        assert scores["physical_functioning"] == 0
        assert scores["pain"] is None
        assert scores["role_emotional"] is None

    def test_the_health_change_item_belongs_to_no_scale(self):
        assert all(value is None for value in score(self.ref, {"q2": 1}).values())

    def test_it_has_no_summary_scores(self):
        keys = set(score(self.ref, {}))
        assert len(keys) == 8
        assert not keys & {"pcs", "mcs"}


class TestGse:
    ref = "gse@1995"

    def test_it_sums_ten_items(self):
        assert score(self.ref, {f"q{i}": 3 for i in range(1, 11)})["total"] == 30
        assert score(self.ref, {f"q{i}": 1 for i in range(1, 11)})["total"] == 10
        assert score(self.ref, {f"q{i}": 4 for i in range(1, 11)})["total"] == 40

    def test_it_prorates_with_up_to_three_missing(self):
        # Seven answers summing to 20: the authors' MEAN.7 (20/7) times ten items.
        answers = {"q1": 3, "q2": 3, "q3": 3, "q4": 3, "q5": 3, "q6": 3, "q7": 2}
        result = score_instrument(get_instrument(self.ref), answers)["total"]
        assert Fraction(result.value).limit_denominator(1000) == Fraction(200, 7)
        assert result.answered == 7

    def test_four_missing_give_no_score(self):
        answers = {f"q{i}": 4 for i in range(1, 7)}
        assert score(self.ref, answers)["total"] is None

    def test_wrong_answers_count_as_missing(self):
        answers = {f"q{i}": 4 for i in range(1, 8)} | {"q8": 5, "q9": None, "q10": True}
        assert score(self.ref, answers)["total"] == 40


class TestSelfRatedHealth:
    def test_it_keeps_the_answer_code_with_lower_meaning_better(self):
        result = score_instrument(get_instrument("srh_who@1996"), {"q1": 2})["srh"]
        assert (result.value, result.band) == (2, "good")
        assert score("srh_who@1996", {"q1": 4})["srh"] == 4

    def test_no_answer_gives_no_score(self):
        assert score("srh_who@1996", {})["srh"] is None

    def test_the_two_wordings_are_different_instruments(self):
        who, us = get_instrument("srh_who@1996"), get_instrument("srh_us@1")
        assert who.wording == "who-eu" and us.wording == "us"
        assert who.key != us.key


class TestRestrictedDefinitions:
    def test_whoqol_domains_follow_the_who_manual(self):
        # Physical: Q3 = 2 and Q4 = 1 are reversed (4, 5); with Q10 3, Q15 4, Q16 3, Q17 3,
        # Q18 4 the mean is 26/7; WHO: (mean * 4 - 4) * 100 / 16 = 475/7.
        answers = {"q3": 2, "q4": 1, "q10": 3, "q15": 4, "q16": 3, "q17": 3, "q18": 4}
        answers |= {f"q{i}": 3 for i in (1, 2, 5, 6, 7, 8, 9, 11, 12, 13, 14, 19, 20, 21)}
        scores = score("whoqol_bref@1996", answers)
        assert scores["physical"] == pytest.approx(475 / 7)

    def test_whoqol_discards_an_assessment_with_over_20_percent_missing(self):
        answers = {f"q{i}": 3 for i in range(1, 21)}  # 20 of 26
        assert all(v is None for v in score("whoqol_bref@1996", answers).values())
        answers = {f"q{i}": 3 for i in [*range(1, 20), 23, 24]}  # 21 of 26
        scores = score("whoqol_bref@1996", answers)
        assert scores["physical"] == 50
        assert scores["social"] is None  # none of Q20-Q22 answered
        answers |= {"q20": 4, "q21": 4}  # MEAN.2: one of three may be missing
        assert score("whoqol_bref@1996", answers)["social"] == 75

    def test_soc13_reverses_five_items(self):
        answers = {f"q{i}": 1 for i in range(1, 14)}
        assert score("soc13@1", answers)["total"] == 5 * 7 + 8 * 1

    def test_hls19_is_the_share_of_easy_answers_among_valid_ones(self):
        answers = {f"q{i}": 3 for i in range(1, 10)} | {"q10": 5, "q11": 2, "q12": 1}
        assert score("hls19_q12@1", answers)["total"] == pytest.approx(900 / 11)
        answers |= {"q11": 5, "q12": 5}  # three "don't know": 9 valid of 12
        assert score("hls19_q12@1", answers)["total"] is None

    def test_eq5d_scores_the_visual_analogue_scale_only(self):
        assert score("eq5d5l@1", {"vas": 70}) == {"vas": 70}
        assert score("eq5d5l@1", {"vas": 101}) == {"vas": None}


@given(
    st.dictionaries(
        st.sampled_from([f"q{i}" for i in range(1, 37)] + ["zz", ""]),
        st.one_of(
            st.none(), st.integers(), st.text(), st.floats(), st.booleans(), st.lists(st.integers())
        ),
    )
)
def test_no_answer_ever_crashes_scoring(answers):
    for ref in ("who5@1998", "rand36@1.0", "gse@1995", "whoqol_bref@1996", "hls19_q12@1"):
        for result in score_instrument(get_instrument(ref), answers).values():
            assert result.value is None or isinstance(result.value, float)


def test_answers_that_are_not_a_mapping_score_nothing():
    assert score("who5@1998", ["q1", 3]) == {"raw": None, "index": None}
    assert score("who5@1998", None) == {"raw": None, "index": None}
