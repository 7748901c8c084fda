"""Reading workbooks people upload, and writing cells a spreadsheet will not run.

Every import that takes an .xlsx file reads it with `read_workbook`, which answers any
damaged file (not a zip, a zip without a workbook, broken XML, random bytes) with one
`UnreadableWorkbook` carrying a message for the user, never an openpyxl traceback.

Every spreadsheet and CSV file Jämlik writes passes its cells through `safe_cell` (or its
text through `escape_formula`): text a spreadsheet would run as a formula goes behind an
apostrophe; numbers, dates and times stay what they are, so a workbook holds dates as
dates and numbers as numbers.
"""

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """The text behind an apostrophe if a spreadsheet would run it as a formula.

    Text that already starts with apostrophes before such a character gets one more, so
    that `unescape_formula` always gives back the original.
    """
    return f"'{text}" if text.lstrip("'").startswith(FORMULA_START) else text


def unescape_formula(text: str) -> str:
    """Removes the apostrophe that `escape_formula` (or a person) put before a formula."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text


def safe_cell(value: Any) -> Any:
    """A value for a workbook cell or a CSV field: text guarded, everything else as it is."""
    if isinstance(value, str):
        return escape_formula(value)
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


def csv_field(value: Any) -> str:
    """A value as CSV text: dates in ISO 8601, numbers as written, text guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float | Decimal):
        return str(value)
    return escape_formula(str(value))


class UnreadableWorkbook(ValueError):
    """The upload is not a workbook openpyxl can read; `str()` is the user's message."""


@dataclass
class Sheet:
    title: str
    rows: list[tuple[Any, ...]]  # cell values as openpyxl gives them, row 1 first


def is_workbook(name: str, data: bytes) -> bool:
    """Whether an upload is meant as a workbook: by its name, or by its zip signature."""
    return name.lower().endswith(WORKBOOK_SUFFIXES) or data.startswith(ZIP_MAGIC)


def read_workbook(data: bytes) -> list[Sheet]:
    """Every sheet's values; raises UnreadableWorkbook for a damaged or foreign file."""
    from openpyxl import load_workbook

    if not data.startswith(ZIP_MAGIC):
        raise UnreadableWorkbook(_("not a readable .xlsx workbook (the file is not a zip)"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise UnreadableWorkbook(
                    _("not a readable .xlsx workbook (the zip file holds no workbook)")
                )
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [
                Sheet(sheet.title, list(sheet.iter_rows(values_only=True)))
                for sheet in workbook.worksheets
            ]
        finally:
            workbook.close()
    except UnreadableWorkbook:
        raise
    # A damaged workbook fails deep inside openpyxl and lxml with many kinds of error.
    except Exception as exc:
        raise UnreadableWorkbook(_("not a readable .xlsx workbook (the file is damaged)")) from exc


def append_text_row(sheet, values: Iterable[Any]) -> None:
    """Appends a row whose text stays text without an apostrophe, for workbooks that other
    programs read rather than people (an XLSForm), where the apostrophe would become part
    of the text: a cell openpyxl would write as a formula is written as a string."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
