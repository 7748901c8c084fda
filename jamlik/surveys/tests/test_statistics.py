"""Paired change equals SciPy's for the same numbers."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats

from jamlik.surveys.statistics import paired_change

BEFORE = [48, 52, 36, 60, 44, 68, 40, 56, 32, 64, 52, 44]
AFTER = [60, 56, 48, 64, 40, 80, 52, 56, 44, 72, 64, 60]


def test_it_matches_scipy_on_a_worked_example():
    result = paired_change(BEFORE, AFTER, mid=10)
    t = stats.ttest_rel(AFTER, BEFORE)
    ci = t.confidence_interval(0.95)
    w = stats.wilcoxon(AFTER, BEFORE, zero_method="wilcox")
    d = np.subtract(AFTER, BEFORE)
    assert result.n_pairs == 12
    assert result.mean_change == pytest.approx(d.mean())
    assert result.mean_change == pytest.approx(100 / 12)
    assert (result.ci_low, result.ci_high) == pytest.approx((ci.low, ci.high))
    assert (result.t, result.t_p) == pytest.approx((t.statistic, t.pvalue))
    assert (result.wilcoxon_w, result.wilcoxon_p) == pytest.approx((w.statistic, w.pvalue))
    assert result.cohen_dz == pytest.approx(d.mean() / d.std(ddof=1))
    # Changes: 12 4 12 4 -4 12 12 0 12 8 12 16 -> 7 of 12 reach +10, none reach -10.
    assert result.share_improved_beyond_mid == pytest.approx(7 / 12)
    assert result.share_worsened_beyond_mid == 0
    # The zero is dropped; ranks of |d|: the three 4s share rank 2, so the one -4 has
    # rank 2 of a total 66: (64 - 2) / 66.
    assert result.rank_biserial == pytest.approx(62 / 66)
    assert not result.few_pairs


def test_it_warns_under_ten_pairs():
    assert paired_change(BEFORE[:9], AFTER[:9]).few_pairs
    assert not paired_change(BEFORE[:10], AFTER[:10]).few_pairs


def test_lower_is_better_turns_the_mid_shares_round():
    result = paired_change([3, 3, 3, 3], [1, 2, 3, 5], mid=1, higher_is_better=False)
    assert result.share_improved_beyond_mid == 0.5
    assert result.share_worsened_beyond_mid == 0.25


@pytest.mark.parametrize(
    ("before", "after"),
    [([], []), ([50], [60]), ([50, 40], [50, 40]), ([50, 40, 30], [55, 45, 35])],
)
def test_degenerate_data_gives_no_statistic_instead_of_an_error(before, after):
    result = paired_change(before, after, mid=10)
    assert result.n_pairs == len(before)
    assert result.t is None and result.cohen_dz is None
    assert result.few_pairs


def test_the_two_sequences_must_pair_up():
    with pytest.raises(ValueError):
        paired_change([1, 2], [1])


values = st.integers(min_value=0, max_value=25).map(lambda v: v * 4)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(values, values), min_size=3, max_size=40))
def test_it_matches_scipy_on_random_data(pairs):
    before = [b for b, _ in pairs]
    after = [a for _, a in pairs]
    d = np.subtract(after, before)
    assume(d.std(ddof=1) > 0)
    result = paired_change(before, after, mid=10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = stats.ttest_rel(after, before)
        ci = t.confidence_interval(0.95)
        w = stats.wilcoxon(after, before, zero_method="wilcox")
    assert result.t == pytest.approx(t.statistic)
    assert result.t_p == pytest.approx(t.pvalue)
    assert (result.ci_low, result.ci_high) == pytest.approx((ci.low, ci.high))
    assert result.wilcoxon_w == pytest.approx(w.statistic)
    if math.isfinite(w.pvalue):
        assert result.wilcoxon_p == pytest.approx(w.pvalue)
    # SciPy's two-sided statistic is the smaller rank sum; the rank-biserial is their
    # difference over their total.
    nonzero = d[d != 0]
    ranks = stats.rankdata(np.abs(nonzero))
    plus, minus = ranks[nonzero > 0].sum(), ranks[nonzero < 0].sum()
    assert min(plus, minus) == pytest.approx(w.statistic)
    assert result.rank_biserial == pytest.approx((plus - minus) / (plus + minus))
    assert -1 <= result.rank_biserial <= 1
    assert result.cohen_dz == pytest.approx(d.mean() / d.std(ddof=1))
