"""Ekonomisk redovisning: budget and outcome per funding line, partners' contributions.

Reads jamlik.finance.figures.income_statement(program, period):
"lines" and "categories" with budget, outcome, deviation and deviation_percent, a
"total", "contributions" (rows, total) and "surplus". Money is frozen as exact strings.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jamlik.finance.figures import income_statement
from jamlik.reports import tables as t
from jamlik.reports.formatting import format_money

KEY = "finance"


def title() -> str:
    return pgettext("report section", "Financial report")


def collect(ctx) -> dict[str, Any]:
    from jamlik.reports.collect import jsonable

    statement = income_statement(ctx.program, ctx.period)
    s = jsonable(statement)
    money = [
        t.column(_("Budget"), "money"),
        t.column(_("Outcome"), "money"),
        t.column(_("Deviation"), "money"),
        t.column(_("Deviation, %"), "percent"),
    ]

    def cells(r):
        return [r["budget"], r["outcome"], r["deviation"], r["deviation_percent"]]

    lines = t.table(
        "finance_lines",
        _("Budget and outcome per funding line"),
        _("Funding line"),
        money,
        [t.row(r["name"], cells(r)) for r in s.get("lines", [])]
        + [t.row(_("Total"), cells(s["total"]), total=True)],
        note=_("Deviation is budget minus outcome: a positive deviation is money left."),
    )
    categories = t.table(
        "finance_categories",
        _("Budget and outcome per cost category"),
        _("Cost category"),
        money,
        [t.row(r["label"], cells(r)) for r in s.get("categories", [])],
    )
    contributions = s.get("contributions") or {}
    partners = t.table(
        "finance_contributions",
        _("Partners' own contributions"),
        _("Partner"),
        [
            t.column(_("Kind"), "text"),
            t.column(_("Description"), "text"),
            t.column(_("Value"), "money"),
        ],
        [
            t.row(r["partner"], [r["kind_label"], r.get("description", ""), r["value"]])
            for r in contributions.get("rows", [])
        ]
        + (
            [t.row(_("Total"), ["", "", contributions["total"]], total=True)]
            if contributions.get("rows")
            else []
        ),
    )
    return {
        "available": True,
        "lines": lines,
        "categories": categories,
        "contributions": partners,
        "surplus": s.get("surplus") or {},
    }


def blocks(data: dict[str, Any], doc) -> list[dict[str, Any]]:
    if not data.get("available"):
        return [
            {
                "type": "unavailable",
                "text": _(
                    "The income statement is not yet available in Jämlik; it is attached "
                    "separately."
                ),
            }
        ]
    if len(data["lines"]["rows"]) <= 1 and not data["contributions"]["rows"]:
        return [
            {
                "type": "unavailable",
                "text": _("No budget, expenses or contributions are registered for the period."),
            }
        ]
    out: list[dict[str, Any]] = [{"type": "table", "table": data["lines"]}]
    if data["categories"]["rows"]:
        out.append({"type": "table", "table": data["categories"]})
    if data["contributions"]["rows"]:
        out.append({"type": "table", "table": data["contributions"]})
    surplus = data["surplus"]
    if surplus.get("amount") not in (None, "0", "0.00"):
        out.append(
            {
                "type": "paragraph",
                "text": _("Money left for the period: %(amount)s.")
                % {"amount": format_money(surplus["amount"])},
            }
        )
        for h in surplus.get("handling", []):
            out.append({"type": "paragraph", "text": str(h.get("handling_label", ""))})
    return out
