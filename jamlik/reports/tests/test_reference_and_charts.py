"""The short reference at the foot of each page, and charts that stay readable when cells
are withheld."""

import io
import shutil
import subprocess

import pytest

from jamlik.reports import charts
from jamlik.reports.formatting import SUPPRESSED
from jamlik.reports.services import render_document
from jamlik.reports.tests.test_document import document


def pdf_pages(pdf: bytes) -> list[str]:
    pdftotext = shutil.which("pdftotext")
    text = subprocess.run(  # noqa: S603 - a fixed command on our own PDF
        [pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [page for page in text.split("\f") if page.strip()]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_each_page_carries_the_short_reference_and_the_appendix_the_whole_checksum(
    report_world,
):
    doc = document(report_world)
    pages = pdf_pages(render_document(doc, "pdf"))
    reference = doc.meta.sha256[:8].upper()
    numbered = [page for page in pages if "Page " in page]  # the cover has no footer
    assert len(numbered) == len(pages) - 1
    assert all(f"Ref. {reference}" in page for page in numbered)
    with_checksum = [p for p in pages if doc.meta.sha256 in p.replace("\n", "").replace(" ", "")]
    assert len(with_checksum) == 1
    assert "first 8 characters" in " ".join(with_checksum[0].split())


def test_the_word_footer_carries_the_short_reference(report_world):
    from docx import Document

    doc = document(report_world)
    word = Document(io.BytesIO(render_document(doc, "docx")))
    footer = word.sections[0].footer.paragraphs[0].text
    assert f"Ref. {doc.meta.sha256[:8].upper()}" in footer
    assert doc.meta.sha256 not in footer


def monthly_table(cells_a, cells_b, totals):
    months = [{"label": m} for m in ("jan", "feb", "mar")] + [{"label": "Sum"}]
    return {
        "columns": months,
        "rows": [
            {"label": "A", "total": False, "cells": [*cells_a, None]},
            {"label": "B", "total": False, "cells": [*cells_b, None]},
            {"label": "All", "total": True, "cells": [*totals, None]},
        ],
    }


def test_a_month_with_withheld_workshops_is_marked_at_its_total_not_with_a_hatched_bar():
    # February: both workshops withheld, the month's total (6) published.
    table = monthly_table([6, SUPPRESSED, 7], [9, SUPPRESSED, 8], [15, 6, 15])
    ax = charts.monthly(table).axes[0]
    assert not any(bar.get_hatch() for bar in ax.patches)
    heights = sorted(bar.get_height() for bar in ax.patches)
    assert heights == [0, 0, 6, 7, 8, 9]  # only published cells are drawn as bars
    (markers,) = ax.collections
    assert [tuple(point) for point in markers.get_offsets()] == [(1.0, 6.0)]
    assert "<pattern" not in charts.svg("monthly", table).decode()


def test_a_month_with_every_cell_published_gets_no_marker():
    table = monthly_table([6, 1, 7], [9, 5, 8], [15, 6, 15])
    assert len(charts.monthly(table).axes[0].collections) == 0
