"""Optional data from other apps, looked up by import so the report runs without them.

Each entry names a function by its dotted path. The report calls it if it can be
imported; if the module or function does not exist yet, the section says plainly that
the data is not yet available. To plug in a new app, write the function with the
signature below and add or correct its path here; nothing else changes.

    needs:       needs_summary(program, period) -> dict
                 (jamlik.needs.figures; "Behov och inriktning" under Målbilder)
    finance:     income_statement(program, period) -> dict
                 (jamlik.finance; Ekonomisk redovisning; see sections/finance.py for the
                 keys it reads)
    evaluation:  evaluation_summary(program, period, audience) -> dict
                 (jamlik.surveys; Uppföljning och utvärdering; see sections/evaluation.py)
    governance:  governance_summary(program, period) -> dict
                 (jamlik.governance; steering-group decisions under Sammanfattning; see
                 sections/summary.py)
    goals:       goals_summary(program, period) -> dict
                 (jamlik.workshops; program and workshop goals with indicators under
                 Målbilder; see sections/goals.py)

A provider's result is frozen into an approved version with the figures, so it must be
plain JSON data (str, int, float, bool, None, lists and dicts) and for the external
audience must not contain counts of people below the publication threshold; tables
it returns in the `tables` key (see tables.py) are protected by the report itself.
"""

import importlib
import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

PROVIDERS: dict[str, str] = {
    "needs": "jamlik.needs.figures.needs_summary",
    "finance": "jamlik.finance.figures.income_statement",
    "evaluation": "jamlik.surveys.reports.evaluation_summary",
    "governance": "jamlik.governance.reports.governance_summary",
    "goals": "jamlik.workshops.goals.goals_summary",
}


def get_provider(name: str) -> Callable[..., Any] | None:
    """The provider's function, or None when its app does not offer it (yet)."""
    path = PROVIDERS.get(name)
    if path is None:
        return None
    module_name, _, attribute = path.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        # Only a missing module of the path itself means "not yet"; a broken import
        # inside an existing module is a bug and must surface.
        if exc.name and module_name.startswith(exc.name):
            return None
        raise
    return getattr(module, attribute, None)


def call_provider(name: str, **kwargs: Any) -> dict[str, Any] | None:
    provider = get_provider(name)
    if provider is None:
        return None
    return provider(**kwargs)
