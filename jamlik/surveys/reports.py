"""The data of the report's "Uppföljning och utvärdering" (reports/sections/evaluation.py).

The statistics are those of `summary.evaluation_summary`; this only asks for them in the
report's language and hands them over as the plain JSON an approved version freezes.
"""

import json
from typing import Any

from django.utils import translation

from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.surveys import summary
from jamlik.surveys.statistics import MIN_PAIRS_WITHOUT_WARNING


def evaluation_summary(*, program: Program, period: Period, audience: str) -> dict[str, Any]:
    """`summary.evaluation_summary`, plus "few_pairs_below": the number of pairs under
    which a paired change is flagged (its "few_pairs")."""
    language = translation.get_language() or "sv"
    result = summary.evaluation_summary(program, period, audience, language=language)
    result["few_pairs_below"] = MIN_PAIRS_WITHOUT_WARNING
    # SciPy's results are NumPy floats; a JSON round trip makes them plain (and refuses NaN).
    return json.loads(json.dumps(result, allow_nan=False))
