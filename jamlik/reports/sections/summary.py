"""Sammanfattning: the period in a few figures, and the steering group's decisions."""

from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jamlik.governance.reports import governance_summary

KEY = "summary"


def title() -> str:
    return pgettext("report section", "Summary")


def collect(ctx) -> dict[str, Any]:
    governance = governance_summary(ctx.program, ctx.period)
    return {"governance": ctx.provided(governance)}


def blocks(data: dict[str, Any], doc) -> list[dict[str, Any]]:
    rows = doc.section_data("activities")["key_figures"]["rows"]
    # Unique, recurring, activities, larger events, participants given support.
    picked = [rows[i] for i in (0, 1, 2, 3, 6)]
    out: list[dict[str, Any]] = [
        {
            "type": "facts",
            "items": [
                {"label": r["label"], "value": r["cells"][0], "previous": r["cells"][1]}
                for r in picked
            ],
            "caption": capfirst(_("%(period)s; in brackets %(previous)s."))
            % {"period": doc.period_name, "previous": doc.previous_name},
        }
    ]
    governance = data.get("governance")
    if governance and governance.get("decisions"):
        out.append({"type": "heading", "text": _("Steering-group decisions in the period")})
        out.append(
            {
                "type": "list",
                "items": [
                    " · ".join(str(d[k]) for k in ("date", "reference", "text") if d.get(k))
                    for d in governance["decisions"]
                ],
            }
        )
    return out
