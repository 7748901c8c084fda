"""The figures printed in every format are the figures of the collected JSON."""

import io
import re
import shutil
import subprocess
from datetime import datetime

import pytest
from openpyxl import load_workbook

from jamlik.lib.periods import Period
from jamlik.reports.collect import collect_report_data, figures_sha256
from jamlik.reports.formatting import NNBSP, SUPPRESSED, format_number
from jamlik.reports.render.document import Meta, build_document, render_markdown
from jamlik.reports.services import render_document
from jamlik.reports.templatetags.report_format import cell
from jamlik.reports.tests.conftest import PERIOD

NUMBER = re.compile(rf"\d[\d{NNBSP}]*")


def document(world, audience="internal", narrative=None):
    data = collect_report_data(
        program=world.program, period=Period.parse(PERIOD), audience=audience, language="en"
    )
    meta = Meta(title="Report", status="draft", status_label="Draft", sha256=figures_sha256(data))
    from django.utils import translation

    with translation.override("en"):
        return build_document(data, narrative or {}, meta)


def key_figures(doc):
    return {r["label"]: r["cells"] for r in doc.section_data("activities")["key_figures"]["rows"]}


def test_it_fills_the_key_figures_from_compute_figures(report_world):
    doc = document(report_world)
    figures = doc.data["figures"]
    rows = key_figures(doc)
    assert rows["Unique participants"][0] == figures["unique_participants"]["total"] == 32
    assert rows["Activities"][0] == figures["activities"] == 27
    assert rows["Larger events"][0] == figures["large_events"] == 1
    assert rows["Activities"][1] == doc.data["previous_figures"]["activities"] == 8
    assert rows["Activities"][2] == 19


def test_it_prints_every_table_cell_in_the_html(report_world):
    doc = document(report_world)
    html = render_document(doc, "html").decode()
    for table in doc.tables():
        kinds = [c["kind"] for c in table["columns"]]
        for r in table["rows"]:
            for value, kind in zip(r["cells"], kinds, strict=True):
                if isinstance(value, int) and not isinstance(value, bool):
                    assert f">{cell(value, kind)}<" in html
    assert doc.meta.sha256 in html


def test_it_writes_each_table_to_its_own_sheet_with_the_same_numbers(report_world):
    doc = document(report_world)
    book = load_workbook(io.BytesIO(render_document(doc, "xlsx")))
    tables = doc.tables()
    assert len(book.sheetnames) == len(tables) + 1
    for sheet_name, table in zip(book.sheetnames[1:], tables, strict=True):
        sheet = book[sheet_name]
        rows = {row[0]: list(row[1:]) for row in sheet.iter_rows(values_only=True) if row[0]}
        for r in table["rows"]:
            label = datetime.fromisoformat(r["date"]) if r.get("date") else r["label"]
            printed = rows[label][: len(r["cells"])]
            for value, in_sheet in zip(r["cells"], printed, strict=True):
                if isinstance(value, int):
                    assert in_sheet == value


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_it_prints_the_figures_and_the_checksum_in_the_pdf(report_world):
    doc = document(report_world)
    pdf = render_document(doc, "pdf")
    pdftotext = shutil.which("pdftotext")
    text = subprocess.run(  # noqa: S603 - a fixed command on our own PDF
        [pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    rows = key_figures(doc)
    for label in ("Unique participants", "Activities", "Visits by registered participants"):
        current, previous = rows[label][0], rows[label][1]
        printed = [
            # Thousands are grouped with a narrow no-break space, columns by spaces.
            [int(n.replace(NNBSP, "")) for n in re.findall(NUMBER, line.split(label, 1)[1])]
            for line in text.splitlines()
            if line.strip().startswith(label)
        ]
        # The key figures table: this period, the previous one, then the change.
        assert [current, previous] in [numbers[:2] for numbers in printed]
    assert doc.meta.sha256 in text.replace("\n", "")
    assert "Page 2 of" in text


def test_it_renders_word(report_world):
    from docx import Document

    doc = document(report_world, narrative={"summary": "**Bra** halvår."})
    word = Document(io.BytesIO(render_document(doc, "docx")))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Bra halvår." in text
    cells = {c.text for table in word.tables for row in table.rows for c in row.cells}
    assert format_number(doc.data["figures"]["visits"]["registered"]) in cells


def test_it_suppresses_small_counts_in_every_external_table(report_world):
    doc = document(report_world, audience="external")
    for table in doc.tables():
        columns = table["columns"]
        for r in table["rows"]:
            for value, column in zip(r["cells"], columns, strict=True):
                if column["kind"] == "count" and isinstance(value, int):
                    assert value == 0 or value >= 5, (table["key"], r["label"], value)
    # Workshop B's 4 participants are withheld, and so is a second cell of the row or
    # column sums in the month table.
    participants = doc.section_data("activities")["workshops"]
    row_b = next(r for r in participants["rows"] if r["label"] == "Verkstad B")
    assert row_b["cells"][2] == SUPPRESSED


def test_it_withholds_a_second_cell_when_a_total_would_reveal_one(report_world):
    doc = document(report_world, audience="external")
    monthly = doc.section_data("activities")["monthly"]
    hidden = [
        (i, j)
        for i, r in enumerate(monthly["rows"])
        for j, v in enumerate(r["cells"])
        if v == SUPPRESSED
    ]
    for i, j in hidden:
        assert sum(1 for ii, _ in hidden if ii == i) != 1 or not monthly["rows"][i]["cells"]
        assert sum(1 for _, jj in hidden if jj == j) != 1


def test_it_says_plainly_when_no_questionnaire_wave_opened(report_world):
    doc = document(report_world)
    evaluation = next(s for s in doc.sections if s.key == "evaluation")
    assert "No questionnaire wave opened in the period." in [
        b.get("text") for b in evaluation.blocks if b["type"] == "unavailable"
    ]


def test_it_protects_the_tables_the_evaluation_summary_gives(report_world, monkeypatch):
    # The section lays out the summary's paragraphs and ready-made tables and protects
    # those tables for external readers; the stand-in gives one small count.
    from jamlik.reports.sections import evaluation as section

    monkeypatch.setattr(section, "evaluation_summary", fake_evaluation)
    doc = document(report_world, audience="external")
    evaluation = next(s for s in doc.sections if s.key == "evaluation")
    table = next(b["table"] for b in evaluation.blocks if b["type"] == "table")
    assert table["rows"][0]["cells"] == [SUPPRESSED, 12]
    assert "Self-rated health rose." in [b.get("text") for b in evaluation.blocks]


def fake_evaluation(*, program, period, audience):
    from jamlik.reports import tables as t

    return {
        "waves": [],
        "summary": ["Self-rated health rose."],
        "tables": [
            t.table("eq5d", "EQ-5D", "Wave", [t.column("n"), t.column("m")], [t.row("1", [3, 12])])
        ],
    }


def test_it_renders_narrative_markdown_safely():
    html = render_markdown(
        "# Rubrik\n\n**fet** <script>alert(1)</script> [länk](javascript:alert(1)) "
        "[ok](https://example.org)"
    )
    assert "<h3>Rubrik</h3>" in html
    assert "<strong>fet</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html


def test_the_swedish_comparison_columns_say_change_not_edit(report_world):
    from django.utils import translation

    data = collect_report_data(
        program=report_world.program, period=Period.parse(PERIOD), audience="internal"
    )
    meta = Meta(title="Rapport", status="draft", status_label="Utkast", sha256="0" * 64)
    with translation.override("sv"):
        doc = build_document(data, {}, meta)
    labels = [c["label"] for c in doc.section_data("activities")["key_figures"]["columns"]]
    assert labels[-2:] == ["Förändring", "Förändring, %"]


def test_it_writes_dates_as_date_cells_and_guards_text_against_formulas(report_world):
    workshop = report_world.workshop_a
    workshop.theme = '=HYPERLINK("https://example.org/x","Klicka")'
    workshop.save()
    doc = document(report_world)
    book = load_workbook(io.BytesIO(render_document(doc, "xlsx")))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "'" + workshop.theme in {c.value for c in cells}
    about = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True) if row}
    assert about["Period starts"] == datetime(2024, 1, 1)  # noqa: DTZ001 - a date cell
    assert about["Period ends"] == datetime(2024, 6, 30)  # noqa: DTZ001
    events = next(book[name] for name in book.sheetnames if "Larger events in" in name)
    area_day = next(r for r in events.iter_rows() if r[1].value == "Träff 26")
    assert area_day[0].is_date and area_day[0].value == datetime(2024, 5, 25)  # noqa: DTZ001


def test_the_word_file_speaks_the_reports_language(report_world):
    from django.utils import translation
    from docx import Document
    from docx.oxml.ns import qn

    data = collect_report_data(
        program=report_world.program, period=Period.parse(PERIOD), audience="internal"
    )
    meta = Meta(title="Rapport", status="draft", status_label="Utkast", sha256="0" * 64)
    for language, tag in (("sv", "sv-SE"), ("en", "en-GB")):
        data["language"] = language
        with translation.override(language):
            word = Document(io.BytesIO(render_document(build_document(data, {}, meta), "docx")))
        defaults = word.styles.element.find(qn("w:docDefaults"))
        lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
        assert lang.get(qn("w:val")) == tag
        assert word.core_properties.language == tag
