"""Reads a folder of CSV files, a zip of them or an .xlsx workbook into plain tables.

Every cell arrives as trimmed text, without the apostrophe the export puts before
text a spreadsheet would run as a formula, so the checks in `validate` treat CSV and
workbook alike. Problems with the files themselves (not UTF-8, a missing column)
are collected here; problems with values are found by `validate`.
"""

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from jamlik.lib.spreadsheets import UnreadableWorkbook, read_workbook, unescape_formula
from jamlik.programs.interchange.problems import Problem
from jamlik.programs.interchange.schema import (
    FILENAMES,
    FileSpec,
    normalise_label,
    spec_for,
)

ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class Table:
    spec: FileSpec
    label: str  # how problems name the file: "activities.csv", or the sheet's name
    columns: frozenset[str]  # the format's columns present in the header
    rows: list[tuple[int, dict[str, str]]]  # (line, {column: text})


@dataclass
class Source:
    label: str
    tables: dict[str, Table] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def add(self, spec: FileSpec | None, label: str, lines: Iterable[tuple[int, list[str]]]):
        if spec is None:
            self.warnings.append(
                Problem(
                    label,
                    None,
                    None,
                    _("ignored: not one of the files of the format (%(names)s)")
                    % {"names": FILENAMES},
                )
            )
            return
        if spec.name in self.tables:
            self.problems.append(
                Problem(
                    label,
                    None,
                    None,
                    _("%(other)s holds the same data; keep only one of them")
                    % {"other": self.tables[spec.name].label},
                )
            )
            return
        self.tables[spec.name] = _table(spec, label, lines, self)


def read_path(path: Path) -> Source:
    """A folder of CSV files, one CSV file, a .zip of them or an .xlsx workbook on disk."""
    source = Source(str(path))
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.is_file() and child.suffix.lower() == ".csv" and not _hidden(child.name):
                _add_csv(source, child.name, child.read_bytes())
    elif path.is_file() and path.suffix.lower() in (".xlsx", ".zip"):
        _read_zip(source, path.read_bytes())
    elif path.is_file() and path.suffix.lower() == ".csv":
        _add_one_csv(source, path.name, path.read_bytes())
    elif path.exists():
        source.problems.append(
            Problem(
                str(path), None, None, _("not a folder, a CSV file, an .xlsx workbook or a .zip")
            )
        )
    else:
        source.problems.append(Problem(str(path), None, None, _("no such file or folder")))
    _require_something(source)
    return source


def read_upload(*, name: str, data: bytes) -> Source:
    """An uploaded .xlsx workbook or .zip of CSV files (told apart by their content), or
    one CSV file whose name says which file of the format it is."""
    source = Source(name)
    if data.startswith(ZIP_MAGIC) or name.lower().endswith(".xlsx"):
        _read_zip(source, data)
    elif name.lower().endswith(".csv"):
        _add_one_csv(source, name, data)
    else:
        source.problems.append(
            Problem(
                name, None, None, _("upload a CSV file, an .xlsx workbook or a .zip of CSV files")
            )
        )
    _require_something(source)
    return source


def _add_one_csv(source: Source, name: str, data: bytes) -> None:
    """A single CSV file: its name is all that says which table it holds."""
    if spec_for(name) is None:
        source.problems.append(
            Problem(
                name,
                None,
                None,
                _(
                    "a single CSV file must be named after the table it holds, as one of "
                    "%(names)s; rename it (for example to activities.csv) and try again"
                )
                % {"names": FILENAMES},
            )
        )
        return
    _add_csv(source, name, data)


def _require_something(source: Source) -> None:
    if not source.tables and not source.problems:
        source.problems.append(
            Problem(
                source.label,
                None,
                None,
                _("found none of the files of the format (%(names)s); nothing to import")
                % {"names": FILENAMES},
            )
        )


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$"))


def _read_zip(source: Source, data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        if source.label.lower().endswith(".xlsx"):
            message = _("not a readable .xlsx workbook")
        else:
            message = _("not a zip file")
        source.problems.append(Problem(source.label, None, None, message))
        return
    limit_mb = settings.IMPORT_MAX_MB * 10
    if sum(info.file_size for info in archive.infolist()) > limit_mb * 1024 * 1024:
        source.problems.append(
            Problem(
                source.label,
                None,
                None,
                _("the unpacked files are larger than %(max)s MB") % {"max": limit_mb},
            )
        )
        return
    if "xl/workbook.xml" in archive.namelist() or source.label.lower().endswith(".xlsx"):
        _read_workbook(source, data)
        return
    for info in archive.infolist():
        path = PurePosixPath(info.filename)
        hidden = any(_hidden(part) or part == "__MACOSX" for part in path.parts)
        if info.is_dir() or hidden or path.suffix.lower() != ".csv":
            continue
        try:
            content = archive.read(info)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError):
            source.problems.append(Problem(path.name, None, None, _("could not be unpacked")))
            continue
        _add_csv(source, path.name, content)


def _read_workbook(source: Source, data: bytes) -> None:
    try:
        sheets = read_workbook(data)
    except UnreadableWorkbook as exc:
        source.problems.append(Problem(source.label, None, None, str(exc)))
        return
    for sheet in sheets:
        lines = (
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.rows, start=1)
        )
        source.add(spec_for(sheet.title), sheet.title, lines)


def _cell_text(value: Any) -> str:
    """A workbook cell as the text the CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _add_csv(source: Source, name: str, data: bytes) -> None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        source.problems.append(
            Problem(
                name,
                line,
                None,
                _("the file is not UTF-8 text; save it as “CSV UTF-8” and try again"),
            )
        )
        return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    lines: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            lines.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        source.problems.append(
            Problem(
                name,
                reader.line_num,
                None,
                _("could not be read as CSV: %(error)s") % {"error": exc},
            )
        )
        return
    source.add(spec_for(name), name, lines)


def _delimiter(text: str) -> str:
    """A comma, or the semicolon a Swedish Excel writes, or a tab."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    if ";" in header:
        return ";"
    if "\t" in header:
        return "\t"
    return ","


def _table(
    spec: FileSpec, label: str, lines: Iterable[tuple[int, list[str]]], source: Source
) -> Table:
    table = Table(spec=spec, label=label, columns=frozenset(), rows=[])
    lines = [(number, cells) for number, cells in lines if any(cell.strip() for cell in cells)]
    if not lines:
        return table
    (header_line, header), rows = lines[0], lines[1:]
    positions: dict[str, int] = {}
    for position, cell in enumerate(header):
        column = normalise_label(cell)
        if not column:
            continue
        if column in positions:
            source.problems.append(
                Problem(
                    label, header_line, column, _("the column appears more than once in the header")
                )
            )
        elif column not in spec.columns:
            source.warnings.append(
                Problem(label, header_line, column, _("ignored: not a column of this file"))
            )
        else:
            positions[column] = position
    for column in spec.columns:
        if column in spec.required and column not in positions:
            source.problems.append(
                Problem(label, header_line, column, _("the column is missing from the header"))
            )
    table.columns = frozenset(positions)
    for number, cells in rows:
        if any(cell.strip() for cell in cells[len(header) :]):
            source.problems.append(
                Problem(
                    label,
                    number,
                    None,
                    _("this line has more values than the header has columns"),
                )
            )
            continue
        table.rows.append(
            (
                number,
                {
                    column: unescape_formula(cells[position].strip())
                    if position < len(cells)
                    else ""
                    for column, position in positions.items()
                },
            )
        )
    return table
