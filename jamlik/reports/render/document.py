"""From collected data and narrative to a document every renderer reads.

Block types a section may return:

- {"type": "table", "table": …} (see tables.py)
- {"type": "chart", "chart": "participants"|"monthly"|"trend", "table": …, "title": …}
- {"type": "heading", "text": …} · {"type": "paragraph", "text": …}
- {"type": "list", "items": [str]} · {"type": "definitions", "items": [(term, text)]}
- {"type": "facts", "items": [{"label", "value", "previous"}], "caption": …}
- {"type": "publications", "items": [{"kind", "title", "authors", "year", "venue", "url", …}]}
- {"type": "unavailable", "text": …}: data another part of Jämlik does not offer yet
- {"type": "about"}: the document's own facts (version, checksum)
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import markdown
import nh3
from django.utils.translation import gettext as _

from jamlik.lib.periods import Period
from jamlik.reports.formatting import SUPPRESSED, period_name

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "h3", "h4", "a", "code",
    "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to show: only a few tags, links without scripts.

    Markdown headings are shifted down to h3/h4 so they sit under the section heading.
    """
    if not text or not text.strip():
        return ""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    for level, to in (("h1", "h3"), ("h2", "h3"), ("h5", "h4"), ("h6", "h4")):
        html = html.replace(f"<{level}>", f"<{to}>").replace(f"</{level}>", f"</{to}>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "td": {"align"}, "th": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


@dataclass
class Meta:
    """Who and what the document is, beside its figures."""

    title: str = ""
    status: str = "draft"  # draft, submitted, approved, sent
    status_label: str = ""
    version: int | None = None
    approved_at: datetime | None = None
    approval_note: str = ""
    generated_at: datetime | None = None
    sha256: str = ""

    @property
    def reference(self) -> str:
        """The short reference printed on every page: the checksum's first 8 characters,
        enough to tell copies apart; the appendix prints the whole checksum."""
        return self.sha256[:8].upper()


@dataclass
class Section:
    key: str
    number: int
    title: str
    narrative_html: str
    narrative_text: str
    blocks: list[dict[str, Any]]

    @property
    def anchor(self) -> str:
        return f"section-{self.key}"


@dataclass
class Document:
    data: dict[str, Any]
    meta: Meta
    sections: list[Section] = field(default_factory=list)

    @property
    def period(self) -> Period:
        p = self.data["period"]
        return (
            Period.parse(p["label"])
            if ".." not in p["label"]
            else Period.parse(f"{p['start']}..{p['end']}")
        )

    @property
    def previous_period(self) -> Period:
        p = self.data["previous_period"]
        return Period.parse(p["label"])

    @property
    def period_name(self) -> str:
        return period_name(self.period)

    @property
    def previous_name(self) -> str:
        return period_name(self.previous_period)

    @property
    def program_name(self) -> str:
        return self.data["program"]["name"]

    @property
    def external(self) -> bool:
        return self.data["audience"] == "external"

    @property
    def threshold(self) -> int:
        return self.data["suppress_below"]

    @property
    def audience_label(self) -> str:
        if self.external:
            return _("External version for the steering group and the municipality")
        return _("Internal version for the hub")

    @property
    def is_final(self) -> bool:
        return self.meta.status in ("approved", "sent")

    def section_data(self, key: str) -> dict[str, Any]:
        return self.data["sections"][key]

    def tables(self) -> list[dict[str, Any]]:
        """Every table in document order, for the Excel workbook."""
        return [
            block["table"]
            for section in self.sections
            for block in section.blocks
            if block["type"] == "table"
        ]


def build_document(data: dict[str, Any], narrative: dict[str, str], meta: Meta) -> Document:
    """Call inside translation.override(data["language"]) so headings match the data."""
    from jamlik.reports.sections import SECTIONS

    doc = Document(data=data, meta=meta)
    for number, module in enumerate(SECTIONS, start=1):
        text = narrative.get(module.KEY, "")
        doc.sections.append(
            Section(
                key=module.KEY,
                number=number,
                title=module.title(),
                narrative_html=render_markdown(text),
                narrative_text=text,
                blocks=[],
            )
        )
    # Blocks may read other sections' data (the summary reads the key figures).
    counters = {"table": 0, "chart": 0}
    for section, module in zip(doc.sections, SECTIONS, strict=True):
        section.blocks = module.blocks(data["sections"].get(module.KEY, {}), doc)
        for block in section.blocks:
            if block["type"] in counters:
                counters[block["type"]] += 1
                block["number"] = counters[block["type"]]
            if block["type"] == "table":
                block["rows"] = table_rows(block["table"])
    return doc


def table_rows(table: dict[str, Any]) -> list[dict[str, Any]]:
    """The table's rows as printed, each cell with its text and alignment."""
    from jamlik.reports.templatetags.report_format import cell

    kinds = [c["kind"] for c in table["columns"]]
    return [
        {
            "label": r["label"],
            "total": r["total"],
            "cells": [
                {
                    "text": cell(value, kind),
                    "numeric": kind not in ("text", "date"),
                    "withheld": value == SUPPRESSED,
                }
                for value, kind in zip(r["cells"], kinds, strict=True)
            ],
        }
        for r in table["rows"]
    ]
