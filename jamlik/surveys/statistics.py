"""Paired change between two waves for one scale.

The tests come from SciPy; what SciPy does not give (the 95 % interval written out, Cohen's
dz, the matched-pairs rank-biserial correlation and the share of changes beyond the minimal
important difference) is computed here and checked against SciPy in the tests.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# NumPy and SciPy are imported where they are used: importing the API (and so every
# command's system checks) must not pay for SciPy.

MIN_PAIRS_WITHOUT_WARNING = 10


@dataclass(frozen=True)
class PairedChange:
    n_pairs: int
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    ci_low: float | None
    ci_high: float | None
    sd_change: float | None
    t: float | None
    t_p: float | None
    wilcoxon_w: float | None
    wilcoxon_p: float | None
    rank_biserial: float | None
    cohen_dz: float | None
    mid: float | None
    share_improved_beyond_mid: float | None
    share_worsened_beyond_mid: float | None
    few_pairs: bool

    def as_dict(self) -> dict:
        return asdict(self)


def _finite(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def paired_change(
    before: Sequence[float],
    after: Sequence[float],
    *,
    mid: float | None = None,
    higher_is_better: bool = True,
    confidence: float = 0.95,
) -> PairedChange:
    """Change from `before` to `after` (after − before) for pairs in the same order."""
    if len(before) != len(after):
        raise ValueError("before and after must have one value per pair")
    import numpy as np

    x = np.asarray(before, dtype=float)
    y = np.asarray(after, dtype=float)
    d = y - x
    n = len(d)
    empty = dict.fromkeys(
        (
            "ci_low",
            "ci_high",
            "sd_change",
            "t",
            "t_p",
            "wilcoxon_w",
            "wilcoxon_p",
            "rank_biserial",
            "cohen_dz",
        )
    )
    result = {
        "n_pairs": n,
        "mean_before": _finite(x.mean()) if n else None,
        "mean_after": _finite(y.mean()) if n else None,
        "mean_change": _finite(d.mean()) if n else None,
        "mid": mid,
        **empty,
        **_mid_shares(d, mid, higher_is_better),
        "few_pairs": n < MIN_PAIRS_WITHOUT_WARNING,
    }
    if n >= 2:
        result |= _t_part(d, confidence)
        result |= _wilcoxon_part(d)
    return PairedChange(**result)


def _t_part(d: np.ndarray, confidence: float) -> dict:
    n = len(d)
    sd = float(d.std(ddof=1))
    mean = float(d.mean())
    part: dict = {"sd_change": sd}
    if sd == 0:
        # Every pair changed by the same amount: no variance, no test, no effect size.
        part |= {"ci_low": mean, "ci_high": mean}
        return part
    import numpy as np
    from scipy import stats

    half = stats.t.ppf((1 + confidence) / 2, n - 1) * sd / math.sqrt(n)
    test = stats.ttest_rel(d, np.zeros(n))
    part |= {
        "ci_low": mean - half,
        "ci_high": mean + half,
        "t": _finite(test.statistic),
        "t_p": _finite(test.pvalue),
        "cohen_dz": mean / sd,
    }
    return part


def _wilcoxon_part(d: np.ndarray) -> dict:
    nonzero = d[d != 0]
    if len(nonzero) == 0:
        return {}
    # Zero differences are dropped (Wilcoxon's own method), for the test and the ranks alike.
    from scipy import stats

    test = stats.wilcoxon(d, zero_method="wilcox")
    ranks = stats.rankdata(abs(nonzero))
    positive = float(ranks[nonzero > 0].sum())
    negative = float(ranks[nonzero < 0].sum())
    return {
        "wilcoxon_w": _finite(test.statistic),
        "wilcoxon_p": _finite(test.pvalue),
        # Kerby's (2014) simple difference: favourable minus unfavourable rank share.
        "rank_biserial": (positive - negative) / (positive + negative),
    }


def _mid_shares(d: np.ndarray, mid: float | None, higher_is_better: bool) -> dict:
    if mid is None or len(d) == 0:
        return {"share_improved_beyond_mid": None, "share_worsened_beyond_mid": None}
    better = d if higher_is_better else -d
    return {
        "share_improved_beyond_mid": float((better >= mid).mean()),
        "share_worsened_beyond_mid": float((better <= -mid).mean()),
    }
