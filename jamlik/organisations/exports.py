"""The city dashboard as an Excel workbook (openpyxl) and a PDF (WeasyPrint)."""

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from jamlik.lib.spreadsheets import safe_row
from jamlik.organisations.dashboard import COLUMNS, FIGURES


def table(rows: list, totals: dict[str, Any]) -> dict[str, Any]:
    """The dashboard's table as plain text cells, the same for both downloads."""
    header = [_("Program")]
    for figure in FIGURES:
        header += [str(figure.label), _("Since the previous period")]
    header += [str(column.label) for column in COLUMNS]
    body = []
    for row in rows:
        cells: list[Any] = [row.program.name]
        for figure in FIGURES:
            change = row.change(figure.key)
            cells += [row.values[figure.key], "" if change is None else change]
        cells += [row.cells[column.key].text for column in COLUMNS]
        body.append(cells)
    city: list[Any] = [_("All programs")]
    for figure in FIGURES:
        total = totals[figure.key]
        city += [_("not summed") if not figure.additive else ("" if total is None else total), ""]
    city += [""] * len(COLUMNS)
    return {"header": header, "rows": body, "city": city}


def workbook(data: dict[str, Any], *, title: str, note: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Programs")[:31]
    sheet.append(safe_row([title]))
    sheet.append(safe_row([note]))
    sheet.append([])
    sheet.append(safe_row(data["header"]))
    for cells in data["rows"]:
        sheet.append(safe_row(cells))
    sheet.append(safe_row(data["city"]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf(context: dict[str, Any], *, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string("organisations/dashboard_pdf.html", context)
    return HTML(string=html, base_url=base_url).write_pdf()
