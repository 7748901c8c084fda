"""Strategi: the stakeholder analysis counted by category, the open policy windows and the
socio-economic estimate (jamlik/strategy). The external version names no stakeholder; an
estimate is reported only when the steering group has approved its model (the internal
version lists the others by name)."""

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jamlik.reports import tables as t
from jamlik.strategy.pages import summary

KEY = "strategy"


def title() -> str:
    return pgettext("report section", "Strategy")


def _amount(value: float | None) -> str:
    return "" if value is None else str(round(value))


def collect(ctx) -> dict[str, Any]:
    found = summary(
        program=ctx.program, period=ctx.period, audience=ctx.audience, today=timezone.localdate()
    )
    # Stakeholders are not residents: their numbers per category are shown as they are.
    categories = t.table(
        "strategy_stakeholders",
        _("Stakeholders by category"),
        _("Category"),
        [t.column(_("What to do"), "text"), t.column(pgettext("how many", "Number"), "text")],
        [
            t.row(c["label"], [str(c.get("treatment", "")), str(c["count"])])
            for c in found["categories"]
        ],
    )
    language = (translation.get_language() or "sv")[:2]
    estimates = []
    for run in found["estimates"]:
        rows = [
            t.row(
                r["label"].get(language) or next(iter(r["label"].values()), r["key"]),
                [
                    _amount(r["value"]),
                    ""
                    if r["low"] is None or r["low"] == r["high"]
                    else f"{_amount(r['low'])}–{_amount(r['high'])}",
                    r["unit"],
                ],
            )
            for r in run["results"]
        ]
        note = _(
            "An example with invented parameters: it shows how a model works and is no estimate."
        )
        estimates.append(
            t.table(
                f"strategy_estimate_{len(estimates) + 1}",
                f"{run['title']} ({run['model']})",
                _("Result"),
                [
                    t.column(_("Value"), "money"),
                    t.column(_("Interval"), "text"),
                    t.column(_("Unit"), "text"),
                ],
                rows,
                note=note if run["example"] else "",
            )
        )
    return {
        "analysis": found["analysis"],
        "categories": categories,
        "stakeholders": found.get("stakeholders", []),
        "open_windows": found["open_windows"],
        "estimates": estimates,
        "not_approved": found["not_approved"],
    }


def blocks(data: dict[str, Any], doc) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if data["analysis"]:
        out.append(
            {
                "type": "paragraph",
                "text": _("Stakeholder analysis of %(date)s.") % {"date": data["analysis"]},
            }
        )
        out.append({"type": "table", "table": data["categories"]})
        if data["stakeholders"]:
            out.append(
                {
                    "type": "list",
                    "items": [f"{s['name']} ({s['category']})" for s in data["stakeholders"]],
                }
            )
    else:
        out.append({"type": "unavailable", "text": _("No stakeholder analysis is recorded yet.")})
    out.append({"type": "heading", "text": _("Open policy windows")})
    if data["open_windows"]:
        out.append(
            {
                "type": "list",
                "items": [
                    _("%(issue)s – next decision point %(date)s %(title)s")
                    % {"issue": w["issue"], "date": w["next"] or "–", "title": w["next_title"]}
                    for w in data["open_windows"]
                ],
            }
        )
    else:
        out.append({"type": "paragraph", "text": _("No open policy window.")})
    out.append({"type": "heading", "text": _("Socio-economic estimate")})
    if data["estimates"]:
        out += [{"type": "table", "table": table} for table in data["estimates"]]
    else:
        out.append({"type": "paragraph", "text": _("No model approved by the steering group.")})
    if data.get("not_approved"):
        text = _("Not approved by the steering group, so not reported: %(models)s.") % {
            "models": ", ".join(data["not_approved"])
        }
        out.append({"type": "paragraph", "text": text})
    return out
