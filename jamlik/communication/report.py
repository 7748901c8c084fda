"""The communication section of the report back to the funder: the year's communication
plan, what was done against it, and the media log (seed 000: the plan is reported yearly;
seed 001: the parties tell each other of press and conference mentions). Imported by
jamlik/reports/sections/communication.py."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jamlik.communication.services import report_data


def title() -> str:
    return pgettext("report section", "Communication")


def collect(ctx) -> dict[str, Any]:
    return report_data(ctx.program, start=ctx.period.start, end=ctx.period.end)


def blocks(data: dict[str, Any], doc) -> list[dict[str, Any]]:
    if not data:
        # A version frozen before this section existed.
        return [{"type": "unavailable", "text": _("No communication plan is registered yet.")}]
    found: list[dict[str, Any]] = []
    for plan in data["plans"]:
        found.append(
            {"type": "heading", "text": _("Communication plan %(year)s") % {"year": plan["year"]}}
        )
        if plan["goals"]:
            found.append({"type": "paragraph", "text": plan["goals"]})
        if plan["entries"]:
            found.append(
                {
                    "type": "definitions",
                    "items": [
                        (f"{e['channel']}: {e['audience']}", f"{e['message']} ({e['when']})")
                        for e in plan["entries"]
                    ],
                }
            )
    if not data["plans"]:
        found.append({"type": "unavailable", "text": _("No communication plan is registered yet.")})
    found.append({"type": "heading", "text": _("Done during the period")})
    if data["done"]:
        found.append(
            {"type": "list", "items": [f"{d['channel']}: {d['count']}" for d in data["done"]]}
        )
    else:
        found.append({"type": "paragraph", "text": _("Nothing was recorded.")})
    found.append({"type": "heading", "text": _("The media log")})
    if not data["mentions"]:
        found.append({"type": "paragraph", "text": _("No mentions were logged.")})
        return found
    found.append(
        {
            "type": "publications",
            "items": [
                {
                    "year": m["date"],
                    "authors": m["outlet"],
                    "title": m["title"],
                    "venue": (
                        _("Reported by %(party)s") % {"party": m["reported_by"]}
                        if m["reported_by"]
                        else ""
                    ),
                    "kind": m["kind"],
                    "url": m["url"],
                    "in_progress": False,
                }
                for m in data["mentions"]
            ],
        }
    )
    return found
