"""Excel: one sheet per table, numbers as numbers, withheld cells as "..".

The first sheet says what the workbook is; every table sheet starts with its title.
"""

import io
import re
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from jamlik.lib.spreadsheets import safe_cell, safe_row
from jamlik.reports.formatting import SUPPRESSED
from jamlik.reports.render.document import Document

ACCENT = "0B6E4F"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(number: int, title: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", f"{number} {title}")[:31].strip()
    name, k = base, 2
    while name.lower() in used:
        name = f"{base[:28]} {k}"
        k += 1
    used.add(name.lower())
    return name


def _value(value, kind: str):
    if value is None or value == SUPPRESSED:
        return value
    if kind == "date":
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            return safe_cell(value)
    if kind in ("money", "percent", "percent_change"):
        try:
            return Decimal(str(value))
        except ArithmeticError:
            return value
    return safe_cell(value)


def _label(row):
    """A row's label: a date cell where the row is about a day."""
    if row.get("date"):
        return date.fromisoformat(row["date"])
    return safe_cell(row["label"])


FORMATS = {
    "count": "#,##0",
    "change": "+#,##0;-#,##0;0",
    "money": "#,##0.00",
    "percent": '0.0" %"',
    "percent_change": '+0.0" %";-0.0" %";0.0" %"',
    "date": "yyyy-mm-dd",
}


def render_xlsx(doc: Document) -> bytes:
    wb = Workbook()
    about = wb.active
    about.title = _("About")
    bold = Font(bold=True)
    about.append(safe_row([doc.meta.title or doc.program_name]))
    about["A1"].font = Font(bold=True, size=14)
    period = doc.data["period"]
    for label, value in (
        (_("Program"), doc.program_name),
        (_("Period starts"), date.fromisoformat(str(period["start"]))),
        (_("Period ends"), date.fromisoformat(str(period["end"]))),
        (_("Audience"), doc.audience_label),
        (_("Status"), doc.meta.status_label),
        (_("Version"), doc.meta.version or ""),
        (_("Figures checksum (SHA-256)"), doc.meta.sha256),
    ):
        about.append(safe_row([label, value]))
        about.cell(about.max_row, 1).font = bold
        if isinstance(value, date):
            about.cell(about.max_row, 2).number_format = FORMATS["date"]
            about.cell(about.max_row, 2).alignment = Alignment(horizontal="left")
    if doc.external:
        about.append([])
        about.append([_('".." = withheld to protect the participants\' integrity.')])
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 70

    used = {about.title.lower()}
    line = Side(style="thin", color="1D2330")
    for number, table in enumerate(doc.tables(), start=1):
        ws = wb.create_sheet(_sheet_title(number, table["title"], used))
        ws.append(safe_row([table["title"]]))
        ws["A1"].font = Font(bold=True, size=12)
        header_row = 3
        if any(c["group"] for c in table["columns"]):
            ws.append([])
            ws.append(safe_row(["", *(c["group"] for c in table["columns"])]))
            header_row = 4
        else:
            ws.append([])
        ws.append(safe_row([table["stub"], *(c["label"] for c in table["columns"])]))
        header_row = ws.max_row
        for cell in ws[header_row]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor=ACCENT)
            cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        kinds = [c["kind"] for c in table["columns"]]
        for r in table["rows"]:
            ws.append([_label(r), *(_value(v, k) for v, k in zip(r["cells"], kinds, strict=True))])
            if r.get("date"):
                ws.cell(ws.max_row, 1).number_format = FORMATS["date"]
                ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="left")
            for j, kind in enumerate(kinds, start=2):
                cell = ws.cell(ws.max_row, j)
                if kind in FORMATS and not isinstance(cell.value, str):
                    cell.number_format = FORMATS[kind]
                if kind not in ("text", "date"):
                    cell.alignment = Alignment(horizontal="right")
            if r["total"]:
                for cell in ws[ws.max_row]:
                    cell.font = bold
                    cell.border = Border(top=line)
        if table["note"]:
            ws.append([])
            ws.append(safe_row([table["note"]]))
        ws.column_dimensions["A"].width = max(
            18, min(48, max((len(str(r["label"])) for r in table["rows"]), default=10) + 2)
        )
        for j, c in enumerate(table["columns"], start=2):
            width = 40 if c["kind"] == "text" else 14
            ws.column_dimensions[get_column_letter(j)].width = width
        ws.freeze_panes = ws.cell(header_row + 1, 2)
    out = io.BytesIO()
    wb.properties.creator = "Jämlik"
    wb.properties.title = doc.meta.title
    wb.save(out)
    return out.getvalue()
