"""The report's sections, in document order; the city asks that goals, activities,
follow-up and research be described separately (seed 003).

Each module has:

- KEY: the section's key (also the key of its narrative);
- title() -> str: its heading in the active language;
- collect(ctx) -> dict: the JSON-safe data it shows, computed when the report is
  collected (and frozen at approval); tables are protected for external readers;
- blocks(data, doc) -> list[dict]: what to print after the narrative, read only from
  `data` (see render/document.py for the block types).
"""

from jamlik.reports.sections import (
    activities,
    appendices,
    communication,
    evaluation,
    finance,
    goals,
    research,
    strategy,
    summary,
)

SECTIONS = [
    summary,
    goals,
    activities,
    evaluation,
    research,
    communication,
    strategy,
    finance,
    appendices,
]
SECTION_KEYS = [module.KEY for module in SECTIONS]
