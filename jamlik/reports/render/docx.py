"""Word: the same sections, tables and charts, in styles an officer can paste from.

Headings use Word's built-in styles, so the officer's own table of contents picks them
up; tables use the built-in "Light List" style; charts are PNG.
"""

import io
from html.parser import HTMLParser

from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from jamlik.reports import charts
from jamlik.reports.render.document import Document
from jamlik.reports.templatetags.report_format import number

ACCENT = RGBColor(0x0B, 0x6E, 0x4F)
MUTED = RGBColor(0x5B, 0x64, 0x75)
# The report's language (LANGUAGE_CODE) as Word's proofing language.
WORD_LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}


def render_docx(doc: Document) -> bytes:
    word = WordDocument()
    _setup(word, doc)
    _cover(word, doc)
    for section in doc.sections:
        word.add_heading(f"{section.number} {section.title}", level=1)
        if section.narrative_html:
            _NarrativeWriter(word).feed(section.narrative_html)
        for block in section.blocks:
            _block(word, doc, block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _setup(word, doc: Document) -> None:
    page = word.sections[0]
    page.page_height, page.page_width = Cm(29.7), Cm(21.0)
    page.left_margin = page.right_margin = Cm(2.2)
    page.top_margin, page.bottom_margin = Cm(2.4), Cm(2.4)
    styles = word.styles
    styles["Normal"].font.name = "Liberation Serif"
    styles["Normal"].font.size = Pt(10.5)
    for name, size in (("Heading 1", 16), ("Heading 2", 12), ("Title", 26)):
        styles[name].font.name = "Liberation Sans"
        styles[name].font.size = Pt(size)
        styles[name].font.color.rgb = ACCENT if name != "Heading 2" else RGBColor(0x1D, 0x23, 0x30)
    footer = page.footer.paragraphs[0]
    reference = _("Ref. %(ref)s") % {"ref": doc.meta.reference}
    footer.text = " · ".join([doc.program_name, doc.data["period"]["label"], reference])
    footer.runs[0].font.size = Pt(6.5)
    footer.runs[0].font.color.rgb = MUTED
    props = word.core_properties
    props.title = doc.meta.title
    props.author = doc.program_name
    props.comments = f"SHA-256 {doc.meta.sha256}"
    _set_language(word, WORD_LANGUAGES.get(doc.data.get("language", "sv"), "sv-SE"))


def _set_language(word, tag: str) -> None:
    """The document's proofing language, in the default run properties of its styles."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), tag)
    word.core_properties.language = tag


def _cover(word, doc: Document) -> None:
    kicker = word.add_paragraph(_("Report back to the funder").upper())
    kicker.runs[0].font.color.rgb = ACCENT
    kicker.runs[0].bold = True
    word.add_paragraph(doc.program_name, style="Title")
    period = word.add_paragraph(doc.period_name[:1].upper() + doc.period_name[1:])
    period.runs[0].font.size = Pt(16)
    audience = word.add_paragraph(doc.audience_label)
    audience.runs[0].italic = True
    status = doc.meta.status_label
    if doc.meta.version:
        status += " · " + _("version %(n)s") % {"n": doc.meta.version}
    word.add_paragraph(status).runs[0].bold = True
    word.add_section(WD_SECTION.NEW_PAGE)


def _block(word, doc: Document, block) -> None:
    kind = block["type"]
    if kind == "heading":
        word.add_heading(block["text"], level=2)
    elif kind == "paragraph":
        word.add_paragraph(block["text"])
    elif kind == "unavailable":
        p = word.add_paragraph(block["text"])
        p.runs[0].italic = True
        p.runs[0].font.color.rgb = MUTED
    elif kind == "list":
        for item in block["items"]:
            word.add_paragraph(str(item), style="List Bullet")
    elif kind == "definitions":
        for term, text in block["items"]:
            p = word.add_paragraph()
            p.add_run(f"{term}. ").bold = True
            p.add_run(str(text))
    elif kind == "facts":
        table = word.add_table(rows=2, cols=len(block["items"]))
        for j, fact in enumerate(block["items"]):
            value = table.cell(0, j).paragraphs[0]
            run = value.add_run(number(fact["value"]))
            run.bold, run.font.size, run.font.color.rgb = True, Pt(18), ACCENT
            label = table.cell(1, j).paragraphs[0]
            label.add_run(f"{fact['label']} ({number(fact['previous'])})").font.size = Pt(8)
        _caption(word, block["caption"])
    elif kind == "table":
        _table(word, block)
    elif kind == "chart":
        _caption(word, _("Figure %(n)s") % {"n": block["number"]} + " " + block["title"], bold=True)
        word.add_picture(io.BytesIO(charts.png(block["chart"], block["table"])), width=Cm(16.5))
    elif kind == "publications":
        for p in block["items"]:
            para = word.add_paragraph()
            para.add_run(f"{p['year']}  ").bold = True
            if p["authors"]:
                para.add_run(f"{p['authors']}. ")
            para.add_run(p["title"]).italic = True
            para.add_run(f". {p['venue']}." if p["venue"] else ".")
            para.add_run(f" {p['kind']}").font.color.rgb = MUTED
            if p["url"]:
                para.add_run(f"\n{p['url']}").font.size = Pt(8.5)
    elif kind == "about":
        for label, value in (
            (_("Audience"), doc.audience_label),
            (_("Status"), doc.meta.status_label),
            (_("Reference"), doc.meta.reference),
            (_("Figures checksum (SHA-256)"), doc.meta.sha256),
        ):
            p = word.add_paragraph()
            p.add_run(f"{label}: ").bold = True
            p.add_run(str(value))
        _caption(word, _verify_note())


def _verify_note() -> str:
    return _(
        "The reference at the foot of each page is the checksum's first 8 characters. To "
        "verify a copy, compare its reference and checksum with the approved version's, which "
        "the program's report page in Jämlik shows."
    )


def _caption(word, text: str, *, bold: bool = False) -> None:
    p = word.add_paragraph()
    run = p.add_run(text)
    run.font.size = Pt(8.5 if not bold else 9.5)
    run.bold = bold
    run.font.color.rgb = MUTED if not bold else RGBColor(0x1D, 0x23, 0x30)


def _table(word, block) -> None:
    table_data = block["table"]
    _caption(word, _("Table %(n)s") % {"n": block["number"]} + " " + table_data["title"], bold=True)
    columns = table_data["columns"]
    grouped = any(c["group"] for c in columns)
    header = [f"{c['group']} {c['label']}".strip() if grouped else c["label"] for c in columns]
    table = word.add_table(rows=1, cols=len(columns) + 1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.style = word.styles["Light List Accent 1"]
    cells = table.rows[0].cells
    for j, text in enumerate([table_data["stub"], *header]):
        _cell_text(cells[j], text, bold=True, right=j > 0 and columns[j - 1]["kind"] != "text")
    for r in block["rows"]:
        row = table.add_row().cells
        _cell_text(row[0], r["label"], bold=r["total"])
        for j, c in enumerate(r["cells"], start=1):
            _cell_text(row[j], c["text"], bold=r["total"], right=c["numeric"])
    note = table_data["note"]
    if table_data["protected"]:
        note = (note + " " if note else "") + _(
            '".." = withheld to protect the participants\' integrity.'
        )
    if note:
        _caption(word, note)


def _cell_text(cell, text: str, *, bold: bool = False, right: bool = False) -> None:
    p = cell.paragraphs[0]
    run = p.add_run(str(text))
    run.bold = bold
    run.font.size = Pt(8.5)
    run.font.name = "Liberation Sans"
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


class _NarrativeWriter(HTMLParser):
    """The sanitised narrative HTML as Word paragraphs: headings, lists, bold, italic, links
    (as text with the address)."""

    def __init__(self, word):
        super().__init__()
        self.word = word
        self.paragraph = None
        self.bold = self.italic = False
        self.lists: list[str] = []
        self.href = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "blockquote"):
            self.paragraph = self.word.add_paragraph()
        elif tag in ("h3", "h4"):
            self.paragraph = self.word.add_heading("", level=2 if tag == "h3" else 3)
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            style = "List Number" if self.lists and self.lists[-1] == "ol" else "List Bullet"
            self.paragraph = self.word.add_paragraph(style=style)
        elif tag == "strong":
            self.bold = True
        elif tag == "em":
            self.italic = True
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        elif tag == "a":
            self.href = dict(attrs).get("href", "")

    def handle_endtag(self, tag):
        if tag in ("p", "li", "h3", "h4", "blockquote"):
            self.paragraph = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "strong":
            self.bold = False
        elif tag == "em":
            self.italic = False
        elif tag == "a":
            if self.href and self.paragraph is not None:
                self.paragraph.add_run(f" ({self.href})").font.color.rgb = MUTED
            self.href = ""

    def handle_data(self, data):
        if not data.strip() and self.paragraph is None:
            return
        if self.paragraph is None:
            self.paragraph = self.word.add_paragraph()
        run = self.paragraph.add_run(data)
        run.bold, run.italic = self.bold, self.italic
