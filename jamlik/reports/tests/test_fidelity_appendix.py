"""The report's appendix holds the model fidelity table in PDF, Word and Excel."""

import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from jamlik.reports.services import render_document
from jamlik.reports.tests.test_document import document

TITLE = "One vote per party"


def test_the_fidelity_table_is_in_the_appendix(report_world):
    doc = document(report_world, audience="external")
    table = doc.section_data("appendices")["fidelity"]
    labels = [r["label"] for r in table["rows"]]
    assert TITLE in labels and "Half-year evaluation held" in labels
    statuses = {r["label"]: r["cells"][0] for r in table["rows"]}
    assert statuses["Half-year evaluation held"] == "not met"


def test_word_and_excel_show_it(report_world):
    from docx import Document

    doc = document(report_world)
    word = Document(io.BytesIO(render_document(doc, "docx")))
    cells = {c.text for t in word.tables for row in t.rows for c in row.cells}
    assert TITLE in cells
    book = load_workbook(io.BytesIO(render_document(doc, "xlsx")))
    values = {v for sheet in book for row in sheet.iter_rows(values_only=True) for v in row}
    assert TITLE in values


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_the_pdf_shows_it(report_world):
    pdf = render_document(document(report_world), "pdf")
    text = subprocess.run(  # noqa: S603 - a fixed command on our own PDF
        [shutil.which("pdftotext"), "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Model fidelity" in text and TITLE in text


def test_a_version_frozen_without_the_table_still_renders(report_world):
    doc = document(report_world)
    data = dict(doc.data)
    data["sections"] = dict(data["sections"])
    data["sections"]["appendices"] = {"recurring_min_weeks": 3}
    from jamlik.reports.render.document import build_document

    again = build_document(data, {}, doc.meta)
    assert not [t for t in again.tables() if t["key"] == "fidelity"]
