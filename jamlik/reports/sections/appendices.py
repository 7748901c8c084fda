"""Bilagor: how the figures are counted, disclosure control and the report's checksum."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

KEY = "appendices"


def title() -> str:
    return pgettext("report section", "Appendices")


def collect(ctx) -> dict[str, Any]:
    from django.conf import settings

    return {"recurring_min_weeks": settings.RECURRING_MIN_WEEKS, "fidelity": fidelity_table(ctx)}


def fidelity_table(ctx) -> dict[str, Any]:
    """Model fidelity of the report's period (programs/fidelity.py), as a text table."""
    from jamlik.programs.fidelity import fidelity_for
    from jamlik.reports.tables import column, row, table

    rows = fidelity_for(ctx.program, ctx.period)
    return table(
        "fidelity",
        _("Model fidelity"),
        _("Criterion"),
        [column(_("Status"), "text"), column(_("Evidence"), "text")],
        [row(r["title"], [r["status_label"], r["evidence"]]) for r in rows],
        note=_("Computed from the record; a criterion without data is never shown as met."),
    )


def blocks(data: dict[str, Any], doc) -> list[dict[str, Any]]:
    weeks = data["recurring_min_weeks"]
    out: list[dict[str, Any]] = [
        {"type": "heading", "text": _("How the figures are counted")},
        {
            "type": "definitions",
            "items": [
                (
                    _("Unique participants"),
                    _(
                        "Registered participants who attended at least one held activity in "
                        "the period, each counted once whatever the number of visits."
                    ),
                ),
                (
                    _("Recurring participants"),
                    _(
                        "Participants who attended held activities (larger events not "
                        "included) in at least %(weeks)s different weeks of the period."
                    )
                    % {"weeks": weeks},
                ),
                (
                    _("Activities"),
                    _(
                        "Held activities in the workshops and program-wide, larger events not "
                        "included."
                    ),
                ),
                (
                    _("Larger events"),
                    _("Held area days, dialogue forums, courtyard parties and similar events."),
                ),
                (
                    _("Visits"),
                    _(
                        "Attendances of registered participants plus people counted without "
                        "registering."
                    ),
                ),
                (
                    _("Individual support"),
                    _("Contacts in which a health promoter supported one person individually."),
                ),
            ],
        },
    ]
    if doc.external:
        out += [
            {"type": "heading", "text": _("Disclosure control")},
            {
                "type": "paragraph",
                "text": _(
                    "To protect the participants' integrity, counts from 1 to %(below)s are "
                    "not published. Where a table shows totals, further cells are withheld so "
                    "that a withheld count cannot be worked out from the totals. Withheld "
                    'cells are shown as ".."; 0 means none.'
                )
                % {"below": doc.threshold - 1},
            },
        ]
    events = doc.section_data("activities")["large_events"]["list"]
    if events["rows"]:
        out += [
            {"type": "heading", "text": _("Larger events")},
            {"type": "table", "table": events},
        ]
    # Versions approved before the fidelity table existed have none.
    if data.get("fidelity"):
        out += [
            {"type": "heading", "text": _("Model fidelity")},
            {"type": "table", "table": data["fidelity"]},
        ]
    out += [
        {"type": "heading", "text": _("About this document")},
        {"type": "about"},
    ]
    return out
