"""Bilagor: how the figures are counted, disclosure control and the report's checksum."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

KEY = "appendices"


def title() -> str:
    return pgettext("report section", "Appendices")


def collect(ctx) -> dict[str, Any]:
    from django.conf import settings

    return {"recurring_min_weeks": settings.RECURRING_MIN_WEEKS}


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
    out += [
        {"type": "heading", "text": _("About this document")},
        {"type": "about"},
    ]
    return out
