"""Uppföljning och utvärdering: results of the questionnaires and the CBPR evaluation.

Reads `evaluation_summary(program, period, audience)` (see providers.py). Expected keys,
all optional: "summary" (list of paragraphs), "tables" (tables as in tables.py; count
columns are protected here for external readers) and "notes" (list of strings).
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jamlik.reports import tables as t
from jamlik.reports.providers import call_provider

KEY = "evaluation"


def title() -> str:
    return pgettext("report section", "Follow-up and evaluation")


def collect(ctx) -> dict[str, Any]:
    result = call_provider(
        "evaluation", program=ctx.program, period=ctx.period, audience=ctx.audience
    )
    if result is None:
        return {"available": False}
    from jamlik.reports.collect import jsonable

    data = jsonable(result)
    tables = data.pop("tables", [])
    if ctx.external:
        # Tables get complementary suppression from their raw counts; the rest primary.
        for table in tables:
            if not table.get("protected"):
                t.protect(table, threshold=ctx.threshold)
    data = ctx.provided(data)
    data["tables"] = tables
    return {"available": True, **data}


def blocks(data: dict[str, Any], doc) -> list[dict[str, Any]]:
    if not data.get("available"):
        return [
            {
                "type": "unavailable",
                "text": _(
                    "Results of the questionnaires and focus groups are not yet available in "
                    "Jämlik; the evaluation is described in the text above."
                ),
            }
        ]
    out: list[dict[str, Any]] = [
        {"type": "paragraph", "text": str(text)} for text in data.get("summary", [])
    ]
    out += [{"type": "table", "table": table} for table in data.get("tables", [])]
    if data.get("notes"):
        out.append({"type": "list", "items": [str(n) for n in data["notes"]]})
    return out
