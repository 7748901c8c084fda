"""Målbilder: the program's and workshops' goals with their indicators (jamlik.goals),
and Behov och inriktning (the needs that the workshops answer, from the needs app)."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jamlik.goals.report import goals_report
from jamlik.needs.figures import needs_summary
from jamlik.reports import tables as t
from jamlik.reports.formatting import format_date
from jamlik.workshops.models import Workshop

KEY = "goals"


def title() -> str:
    return pgettext("report section", "Goals")


def collect(ctx) -> dict[str, Any]:
    workshops = Workshop.objects.filter(program=ctx.program).exclude(status=Workshop.Status.PLANNED)
    workshop_table = t.table(
        "workshop_themes",
        _("Workshops and their themes"),
        _("Workshop"),
        [t.column(_("Theme"), "text"), t.column(_("Status"), "text")],
        [t.row(w.name, [w.theme or "–", str(w.get_status_display())]) for w in workshops],
    )
    return {
        "workshops": workshop_table,
        "goals": goals_report(
            program=ctx.program, period=ctx.period, external=ctx.external, threshold=ctx.threshold
        ),
        "needs": _needs(ctx, needs_summary(ctx.program, ctx.period)),
    }


def _needs(ctx, summary: dict[str, Any]) -> dict[str, Any]:
    """The needs summary as tables; the inventories' participant counts are people."""
    inventories = t.table(
        "needs_inventories",
        _("Needs inventories in the period"),
        _("Date"),
        [
            t.column(_("Inventory"), "text"),
            t.column(_("Kind"), "text"),
            t.column(_("Participants")),
            t.column(_("Statements")),
        ],
        [
            t.row(
                format_date(i["date"]),
                [i["title"], i["kind"], i["participants"]["total"], i["statements"]],
                day=i["date"],
            )
            for i in summary.get("inventories", [])
        ],
    )
    if ctx.external:
        t.protect(inventories, threshold=ctx.threshold)
    prioritised = t.table(
        "prioritised_needs",
        _("Prioritised needs and the workshops that answer them"),
        _("Priority"),
        [
            t.column(_("Need"), "text"),
            t.column(_("Theme"), "text"),
            t.column(_("Workshops"), "text"),
        ],
        [
            t.row(
                str(n["priority"]),
                [n["title"], n["theme"] or "–", ", ".join(n["workshops"]) or _("None yet")],
            )
            for n in summary.get("prioritised_needs", [])
        ],
    )
    return {
        "inventories": inventories,
        "prioritised": prioritised,
        "unmet": [n["title"] for n in summary.get("unmet_needs", [])],
        "without_need": list(summary.get("active_workshops_without_need", [])),
        "last_exploratory_workshop": summary.get("last_exploratory_workshop"),
    }


def blocks(data: dict[str, Any], doc) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    goals = data.get("goals") or {}
    if not goals.get("groups"):
        out.append(
            {
                "type": "unavailable",
                "text": _(
                    "No goals with indicators are recorded in Jämlik yet; the goals are "
                    "described in the text above."
                ),
            }
        )
    out += [{"type": "table", "table": table} for table in goals.get("groups", [])]
    if data["workshops"]["rows"]:
        out.append({"type": "table", "table": data["workshops"]})
    out.append({"type": "heading", "text": _("Needs and direction")})
    needs = data.get("needs")
    if needs is None:
        out.append({"type": "unavailable", "text": _("Needs inventories are not yet available.")})
        return out
    if needs["last_exploratory_workshop"]:
        out.append(
            {
                "type": "paragraph",
                "text": _("The latest exploratory workshop was held on %(date)s.")
                % {"date": format_date(needs["last_exploratory_workshop"])},
            }
        )
    if needs["inventories"]["rows"]:
        out.append({"type": "table", "table": needs["inventories"]})
    if needs["prioritised"]["rows"]:
        out.append({"type": "table", "table": needs["prioritised"]})
    else:
        out.append({"type": "paragraph", "text": _("No needs have been prioritised yet.")})
    if needs["unmet"]:
        out.append(
            {
                "type": "paragraph",
                "text": _("Prioritised needs that no active workshop answers yet:"),
            }
        )
        out.append({"type": "list", "items": needs["unmet"]})
    if needs["without_need"]:
        out.append(
            {
                "type": "paragraph",
                "text": _("Active workshops without a documented need: %(names)s.")
                % {"names": ", ".join(needs["without_need"])},
            }
        )
    return out
