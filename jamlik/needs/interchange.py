"""Needs as CSV or XLSX: export, and an import that writes all rows or none.

Columns: key, title, description, theme, determinants, priority, inventories.
`determinants` and `inventories` hold keys separated by ";". A row whose key exists
updates that need; an empty key makes a new need. Problems are reported as
`file:line: column: message`, the line counting the header as 1.

Free text (title, description, theme) that a spreadsheet would run as a formula is
exported behind an apostrophe, as the program's interchange format does, and the import
removes it, so an export imports back exactly.
"""

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jamlik.lib.spreadsheets import (
    UnreadableWorkbook,
    escape_formula,
    is_workbook,
    read_workbook,
    unescape_formula,
)
from jamlik.needs import determinants
from jamlik.needs.models import Need, NeedsInventory, Theme
from jamlik.needs.services import free_key
from jamlik.people import audit
from jamlik.people.access import ProgramAccess
from jamlik.programs.interchange.problems import ImportRejected, Problem

COLUMNS = ["key", "title", "description", "theme", "determinants", "priority", "inventories"]
REQUIRED = frozenset({"title"})
# Written by people; keys, determinants and priorities are not, and are never escaped.
FREE_TEXT = frozenset({"title", "description", "theme"})
MAX_ROWS = 5000
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,60}")


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def export_rows(program) -> list[list[str]]:
    rows = [COLUMNS]
    needs = (
        Need.objects.filter(program=program).select_related("theme").prefetch_related("inventories")
    )
    for need in needs:
        values = {
            "key": need.key,
            "title": need.title,
            "description": need.description,
            "theme": need.theme.name if need.theme else "",
            "determinants": ";".join(need.determinants),
            "priority": need.priority,  # a number cell in the workbook, "" in CSV when None
            "inventories": ";".join(sorted(i.key for i in need.inventories.all())),
        }
        rows.append([escape_formula(values[c]) if c in FREE_TEXT else values[c] for c in COLUMNS])
    return rows


def export_csv(program) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(export_rows(program))
    return out.getvalue().encode("utf-8-sig")


def export_xlsx(program) -> bytes:
    from openpyxl import Workbook  # heavy: only when a workbook is written

    book = Workbook()
    sheet = book.active
    sheet.title = "needs"
    for row in export_rows(program):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_table(name: str, data: bytes) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """(label for problems, [(line, {column: text})]); raises ImportRejected."""
    if is_workbook(name, data):
        try:
            sheets = read_workbook(data)
        except UnreadableWorkbook as exc:
            raise ImportRejected([Problem(name, None, None, str(exc))]) from exc
        sheet = next((s for s in sheets if s.title == "needs"), sheets[0])
        label = sheet.title
        lines = [["" if cell is None else str(cell).strip() for cell in row] for row in sheet.rows]
    else:
        label = name
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRejected([Problem(name, None, None, _("not UTF-8 text"))]) from None
        lines = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    if not lines:
        raise ImportRejected([Problem(label, None, None, _("the file is empty"))])
    header = [h.strip().lower() for h in lines[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportRejected(
            [
                Problem(
                    label,
                    1,
                    c,
                    _("missing column (the columns are %(columns)s)")
                    % {"columns": ", ".join(COLUMNS)},
                )
                for c in missing
            ]
        )
    if len(lines) - 1 > MAX_ROWS:
        raise ImportRejected(
            [Problem(label, None, None, _("more than %(n)d rows") % {"n": MAX_ROWS})]
        )
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cells):
            continue
        row = {
            h: unescape_formula(cells[i]) if i < len(cells) else ""
            for i, h in enumerate(header)
            if h in COLUMNS
        }
        rows.append((number, row))
    return label, rows


@dataclass
class ImportResult:
    created: int
    updated: int


def import_needs(*, access: ProgramAccess, name: str, data: bytes) -> ImportResult:
    """Checks every row first; writes nothing if any row has a problem."""
    label, rows = read_table(name, data)
    program = access.program
    themes = {t.name.lower(): t for t in Theme.objects.filter(program=program)}
    inventories = {i.key: i for i in NeedsInventory.objects.filter(program=program)}
    existing = {n.key: n for n in Need.objects.filter(program=program)}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    planned: list[tuple[Need | None, dict[str, Any], list[NeedsInventory]]] = []

    for line, row in rows:

        def problem(column: str, message: str, line: int = line) -> None:
            problems.append(Problem(label, line, column, message))

        key = row.get("key", "")
        if key and not SLUG.fullmatch(key):
            problem("key", _("use only letters, digits, '-' and '_'"))
        if key in seen:
            problem("key", _("the same key as line %(line)d") % {"line": seen[key]})
        elif key:
            seen[key] = line
        title = row.get("title", "")
        if not title:
            problem("title", _("empty; every need needs a title"))
        theme = None
        if theme_name := row.get("theme", ""):
            theme = themes.get(theme_name.lower())
            if theme is None:
                problem(
                    "theme",
                    _("unknown theme %(name)s; known themes: %(known)s")
                    % {
                        "name": f'"{theme_name}"',
                        "known": ", ".join(t.name for t in themes.values()) or "–",
                    },
                )
        keys = _split(row.get("determinants", ""))
        for bad in determinants.unknown(keys):
            problem(
                "determinants", _("unknown determinant of health %(key)s") % {"key": f'"{bad}"'}
            )
        priority = None
        if text := row.get("priority", ""):
            if text.isdigit() and int(text) >= 1:
                priority = int(text)
            else:
                problem(
                    "priority",
                    _("%(value)s is not a whole number from 1 up") % {"value": f'"{text}"'},
                )
        linked = []
        for inv_key in _split(row.get("inventories", "")):
            if inv_key in inventories:
                linked.append(inventories[inv_key])
            else:
                problem(
                    "inventories", _("unknown needs inventory %(key)s") % {"key": f'"{inv_key}"'}
                )
        fields = {
            "title": title[:200],
            "description": row.get("description", ""),
            "theme": theme,
            "determinants": keys,
            "priority": priority,
        }
        if len(title) > 200:
            problem("title", _("longer than 200 characters"))
        planned.append((existing.get(key), {**fields, "key": key}, linked))

    if problems:
        raise ImportRejected(problems)
    created = updated = 0
    with transaction.atomic():
        for need, fields, linked in planned:
            if need is None:
                need = Need(program=program)
                created += 1
                if not fields["key"]:
                    fields["key"] = free_key(Need, program=program, base=fields["title"])
            else:
                updated += 1
            for attr, value in fields.items():
                setattr(need, attr, value)
            need.save()
            if linked:
                need.inventories.add(*linked)
        audit.record(
            user=access.user,
            program=program,
            action="import",
            object_type="need",
            object_ref=name,
            detail={"created": created, "updated": updated},
        )
    return ImportResult(created, updated)
