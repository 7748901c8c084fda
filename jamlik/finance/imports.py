"""Expenses from the bookkeeping: CSV/XLSX exports and SIE 4 files.

Both are all or nothing: every problem is collected and reported as
`file:line: column: message`, and nothing is written unless there are none. Both are
idempotent by voucher reference: a voucher already booked with the same line, date and
amount is left as it is; booked differently, it is a problem naming the other line.

CSV/XLSX columns (header names in English or Swedish): date (datum), voucher
(verifikation), amount (belopp), line (finansieringsrad: the line's key or name),
and optionally workshop (verkstad: key), cost_category (kostnadsslag), description
(beskrivning, text).

SIE 4 (the Swedish standard for bookkeeping exports, www.sie.se) is read from its
#KONTO, #RAR, #VER and #TRANS records in the IBM PC 8 (CP437) encoding the format
prescribes. Each voucher's transactions on accounts mapped to a funding line become one
expense per voucher; the reference is "<series><number>/<fiscal year>", e.g. "A12/2023".
Unmapped cost accounts (BAS classes 4–7) are problems until they are mapped once
(`AccountMapping`); other accounts (balance sheet, income) are left out.
"""

import csv
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from jamlik.finance.formatting import AmountError, format_sek, parse_amount
from jamlik.finance.models import AccountMapping, CostCategory, Expense, FundingLine
from jamlik.finance.services import cap_problem, cap_warning
from jamlik.people import audit
from jamlik.programs.interchange.problems import ImportRejected, Problem
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

ZIP_MAGIC = b"PK\x03\x04"
SIE_SUFFIXES = (".se", ".si", ".sie")

COLUMNS = {
    "date": ("date", "datum", "bokföringsdatum"),
    "voucher": ("voucher", "verifikation", "ver", "verifikationsnummer", "ver.nr"),
    "amount": ("amount", "belopp", "summa"),
    "line": ("line", "funding_line", "finansieringsrad", "rad"),
    "workshop": ("workshop", "verkstad"),
    "cost_category": ("cost_category", "kostnadsslag"),
    "description": ("description", "beskrivning", "text"),
}
REQUIRED = ("date", "voucher", "amount", "line")
CATEGORY_ALIASES = {
    "salaries": CostCategory.SALARIES,
    "lön": CostCategory.SALARIES,
    "löner": CostCategory.SALARIES,
    "lönekostnader": CostCategory.SALARIES,
    "operating": CostCategory.OPERATING,
    "verksamhet": CostCategory.OPERATING,
    "verksamhetskostnader": CostCategory.OPERATING,
    "overhead": CostCategory.OVERHEAD,
    "oh": CostCategory.OVERHEAD,
    "oh-kostnader": CostCategory.OVERHEAD,
}


@dataclass
class Candidate:
    """One expense about to be booked, with where it came from."""

    file: str
    line_no: int
    date: date
    amount: Decimal
    voucher: str
    line: FundingLine
    workshop: Workshop | None = None
    cost_category: str = ""
    description: str = ""


@dataclass
class ImportResult:
    created: int = 0
    unchanged: int = 0
    ignored: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return _(
            "%(created)s expense(s) booked, %(unchanged)s already booked, "
            "%(ignored)s transaction(s) on accounts not charged to an agreement."
        ) % {"created": self.created, "unchanged": self.unchanged, "ignored": self.ignored}


class UnmappedAccounts(ImportRejected):
    """Rejected, among other things, because some cost accounts have no funding line yet."""

    def __init__(self, problems: list[Problem], accounts: dict[str, str]):
        super().__init__(problems)
        self.accounts = accounts


def import_file(
    *,
    program: Program,
    name: str,
    data: bytes,
    user: Any = None,
    mapping: dict[str, FundingLine | None] | None = None,
) -> ImportResult:
    """Imports a CSV, XLSX or SIE file; raises ImportRejected with every problem."""
    if name.lower().endswith(SIE_SUFFIXES) or data.lstrip().startswith(b"#"):
        return import_sie(program=program, name=name, data=data, user=user, mapping=mapping)
    return import_table(program=program, name=name, data=data, user=user)


# CSV and XLSX -----------------------------------------------------------------------


def import_table(*, program: Program, name: str, data: bytes, user: Any = None) -> ImportResult:
    rows, problems = read_table(name, data)
    candidates = []
    if not problems:
        candidates = _table_candidates(program, name, rows, problems)
    return _book(
        program=program, candidates=candidates, problems=problems, user=user, source="table"
    )


def read_table(name: str, data: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """The rows of a CSV file or the first sheet of a workbook, keyed by column."""
    if data.startswith(ZIP_MAGIC):
        try:
            lines = _workbook_lines(data)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            return [], [Problem(name, None, None, _("not a readable .xlsx workbook"))]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            message = _("the file is not UTF-8 text; save it as “CSV UTF-8” and try again")
            return [], [Problem(name, line, None, message)]
        header = text.split("\n", 1)[0]
        delimiter = ";" if ";" in header else "\t" if "\t" in header else ","
        lines = list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1))
    lines = [(n, cells) for n, cells in lines if any(c.strip() for c in cells)]
    if not lines:
        return [], [Problem(name, None, None, _("the file is empty"))]
    (header_no, header), body = lines[0], lines[1:]
    positions, problems = {}, []
    for position, cell in enumerate(header):
        label = cell.strip().lower().replace(" ", "_")
        column = next((c for c, aliases in COLUMNS.items() if label in aliases), None)
        if column is not None:
            positions[column] = position
    for column in REQUIRED:
        if column not in positions:
            problems.append(Problem(name, header_no, column, _("this column is missing")))
    rows = [
        (n, {c: (cells[p].strip() if p < len(cells) else "") for c, p in positions.items()})
        for n, cells in body
    ]
    return rows, problems


def _workbook_lines(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # heavy: only when a workbook is read

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [
            (n, [_cell_text(v) for v in values])
            for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        # Money typed into a spreadsheet arrives as float; two decimals are what it meant.
        return f"{value:.2f}"
    return str(value)


def _parse_date(text: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def _lines_by_name(program: Program) -> dict[str, list[FundingLine]]:
    found: dict[str, list[FundingLine]] = defaultdict(list)
    for line in FundingLine.objects.filter(agreement__program=program).select_related("agreement"):
        for label in {line.key.lower(), line.name.lower()}:
            found[label].append(line)
    return found


def _table_candidates(
    program: Program, name: str, rows: list[tuple[int, dict[str, str]]], problems: list[Problem]
) -> list[Candidate]:
    lines = _lines_by_name(program)
    workshops = {w.key: w for w in Workshop.objects.filter(program=program)}
    candidates = []
    for n, row in rows:
        before = len(problems)

        def problem(column: str, message: str, n: int = n) -> None:
            problems.append(Problem(name, n, column, message))

        day = _parse_date(row["date"])
        if day is None:
            problem("date", _("%(value)r is not a date (YYYY-MM-DD)") % {"value": row["date"]})
        try:
            amount = parse_amount(row["amount"])
            if amount == 0:
                problem("amount", _("the amount cannot be zero"))
        except AmountError:
            problem("amount", _("%(value)r is not an amount") % {"value": row["amount"]})
        if not row["voucher"]:
            problem("voucher", _("every expense needs its voucher reference"))
        matches = lines.get(row["line"].lower(), [])
        if len(matches) != 1:
            message = (
                _("%(value)r names more than one funding line; use its key")
                if matches
                else _("%(value)r is not a funding line of the program")
            )
            problem("line", message % {"value": row["line"]})
        workshop = None
        if row.get("workshop"):
            workshop = workshops.get(row["workshop"])
            if workshop is None:
                problem(
                    "workshop", _("%(value)r is not a workshop key") % {"value": row["workshop"]}
                )
        category = ""
        if row.get("cost_category"):
            category = CATEGORY_ALIASES.get(row["cost_category"].lower(), "")
            if not category:
                problem(
                    "cost_category",
                    _("%(value)r is not one of salaries, operating, overhead")
                    % {"value": row["cost_category"]},
                )
        if len(problems) == before:
            candidates.append(
                Candidate(
                    file=name,
                    line_no=n,
                    date=day,
                    amount=amount,
                    voucher=row["voucher"],
                    line=matches[0],
                    workshop=workshop,
                    cost_category=category,
                    description=row.get("description", ""),
                )
            )
    return candidates


# SIE 4 ------------------------------------------------------------------------------


@dataclass
class SieTransaction:
    line_no: int
    account: str
    amount: Decimal
    date: date | None
    text: str


@dataclass
class SieVoucher:
    line_no: int
    series: str
    number: str
    date: date
    text: str
    transactions: list[SieTransaction] = field(default_factory=list)


@dataclass
class SieFile:
    accounts: dict[str, str] = field(default_factory=dict)
    fiscal_year_start: date | None = None
    vouchers: list[SieVoucher] = field(default_factory=list)


_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\{[^}]*\})|(\S+)')


def sie_fields(line: str) -> list[str]:
    """The fields of one SIE line: quoted strings unquoted, {object lists} kept whole."""
    fields = []
    for quoted, objects, bare in _TOKEN.findall(line):
        if objects:
            fields.append(objects)
        elif bare:
            fields.append(bare)
        else:
            fields.append(re.sub(r"\\(.)", r"\1", quoted))
    return fields


def parse_sie(name: str, data: bytes) -> tuple[SieFile, list[Problem]]:
    """Reads the records an import needs; other records are skipped as the format allows."""
    text = data.decode("cp437")
    sie, problems = SieFile(), []
    voucher: SieVoucher | None = None
    in_block = False
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line == "{":
            if voucher is None or in_block:
                problems.append(Problem(name, n, None, _("“{” without a #VER before it")))
            in_block = True
            continue
        if line == "}":
            if not in_block:
                problems.append(Problem(name, n, None, _("“}” without a “{” before it")))
            in_block, voucher = False, None
            continue
        fields = sie_fields(line)
        label, args = fields[0].upper(), fields[1:]
        opens_block = label == "#VER" and args[-1:] == ["{"]
        if opens_block:
            args = args[:-1]
        if label == "#KONTO" and len(args) >= 1:
            sie.accounts[args[0]] = args[1] if len(args) > 1 else ""
        elif label == "#RAR" and len(args) >= 3 and args[0] == "0":
            sie.fiscal_year_start = _parse_date(args[1])
        elif label == "#VER":
            voucher = _sie_voucher(name, n, args, problems)
            if voucher is not None:
                sie.vouchers.append(voucher)
            else:
                # Keep reading the block of a broken #VER without booking it.
                voucher = SieVoucher(n, "", "", date.min, "")
            in_block = opens_block
        elif label == "#TRANS":
            if not in_block or voucher is None:
                problems.append(Problem(name, n, None, _("#TRANS outside a voucher")))
                continue
            transaction_ = _sie_transaction(name, n, args, problems)
            if transaction_ is not None:
                voucher.transactions.append(transaction_)
        # #RTRANS is followed by the same #TRANS, and #BTRANS was removed: skip both.
    if in_block:
        problems.append(Problem(name, None, None, _("the file ends inside a voucher")))
    return sie, problems


def _sie_voucher(name: str, n: int, args: list[str], problems: list[Problem]):
    if len(args) < 3:
        problems.append(Problem(name, n, None, _("#VER needs a series, a number and a date")))
        return None
    day = _parse_date(args[2])
    if day is None:
        problems.append(
            Problem(name, n, "#VER", _("%(value)r is not a date (YYYYMMDD)") % {"value": args[2]})
        )
        return None
    return SieVoucher(n, args[0], args[1], day, args[3] if len(args) > 3 else "")


def _sie_transaction(name: str, n: int, args: list[str], problems: list[Problem]):
    if len(args) < 3:
        problems.append(
            Problem(name, n, None, _("#TRANS needs an account, an object list and an amount"))
        )
        return None
    try:
        amount = Decimal(args[2])
    except InvalidOperation:
        problems.append(
            Problem(name, n, "#TRANS", _("%(value)r is not an amount") % {"value": args[2]})
        )
        return None
    day = _parse_date(args[3]) if len(args) > 3 and args[3] else None
    return SieTransaction(n, args[0], amount, day, args[4] if len(args) > 4 else "")


def is_cost_account(account: str) -> bool:
    """BAS classes 4–7: costs of goods, staff and other operating costs."""
    return len(account) == 4 and account.isdigit() and account[0] in "4567"


def import_sie(
    *,
    program: Program,
    name: str,
    data: bytes,
    user: Any = None,
    mapping: dict[str, FundingLine | None] | None = None,
) -> ImportResult:
    """Imports an SIE 4 file. `mapping` adds account mappings (remembered) first."""
    from jamlik.finance.services import map_accounts

    sie, problems = parse_sie(name, data)
    known = {
        m.account: m.line
        for m in AccountMapping.objects.filter(program=program).select_related(
            "line", "line__agreement"
        )
    }
    known.update(mapping or {})
    candidates, unmapped, ignored = [], {}, 0
    for voucher in sie.vouchers:
        year = (sie.fiscal_year_start or voucher.date).year
        ref = f"{voucher.series}{voucher.number}/{year}"
        by_line: dict[int, list[SieTransaction]] = defaultdict(list)
        lines: dict[int, FundingLine] = {}
        for t in voucher.transactions:
            line = known.get(t.account)
            if line is None:
                if t.account not in known and is_cost_account(t.account):
                    unmapped.setdefault(t.account, sie.accounts.get(t.account, ""))
                    problems.append(
                        Problem(
                            name,
                            t.line_no,
                            t.account,
                            _("account %(account)s (%(name)s) is not mapped to a funding line")
                            % {"account": t.account, "name": sie.accounts.get(t.account, "?")},
                        )
                    )
                else:
                    ignored += 1
                continue
            by_line[line.pk].append(t)
            lines[line.pk] = line
        if len(by_line) > 1:
            names = sorted(lines[pk].name for pk in by_line)
            problems.append(
                Problem(
                    name,
                    voucher.line_no,
                    ref,
                    _(
                        "the voucher is charged to two funding lines (%(lines)s); an expense "
                        "belongs to exactly one line, so split the voucher in the bookkeeping"
                    )
                    % {"lines": ", ".join(names)},
                )
            )
            continue
        for pk, transactions in by_line.items():
            amount = sum((t.amount for t in transactions), Decimal(0))
            if amount == 0:
                continue
            first = transactions[0]
            candidates.append(
                Candidate(
                    file=name,
                    line_no=voucher.line_no,
                    date=first.date or voucher.date,
                    amount=amount,
                    voucher=ref,
                    line=lines[pk],
                    description=(first.text or voucher.text)[:300],
                )
            )
    if unmapped:
        raise UnmappedAccounts(problems, unmapped)
    with transaction.atomic():
        if mapping:
            map_accounts(
                user=user,
                program=program,
                mapping=mapping,
                names={a: sie.accounts.get(a, "") for a in mapping},
            )
        result = _book(
            program=program, candidates=candidates, problems=problems, user=user, source="sie"
        )
    result.ignored = ignored
    return result


# Booking ----------------------------------------------------------------------------


def _book(
    *,
    program: Program,
    candidates: list[Candidate],
    problems: list[Problem],
    user: Any,
    source: str,
) -> ImportResult:
    """Checks vouchers, dates and caps across the whole batch, then writes it all."""
    result = ImportResult()
    existing = {
        e.voucher: e
        for e in Expense.objects.filter(
            program=program, voucher__in=[c.voucher for c in candidates]
        ).select_related("line")
    }
    seen: dict[str, Candidate] = {}
    new: list[Candidate] = []
    for c in candidates:
        if not c.line.agreement.covers(c.date):
            problems.append(
                Problem(
                    c.file,
                    c.line_no,
                    "date",
                    _("%(date)s is outside the agreement's period (%(start)s – %(end)s)")
                    % {
                        "date": c.date.isoformat(),
                        "start": c.line.agreement.start,
                        "end": c.line.agreement.end,
                    },
                )
            )
            continue
        if c.voucher in seen:
            problems.append(
                Problem(
                    c.file,
                    c.line_no,
                    "voucher",
                    _("voucher %(voucher)s appears twice in the file (also on line %(other)s)")
                    % {"voucher": c.voucher, "other": seen[c.voucher].line_no},
                )
            )
            continue
        seen[c.voucher] = c
        other = existing.get(c.voucher)
        if other is None:
            new.append(c)
        elif (other.line_id, other.date, other.amount) == (c.line.pk, c.date, c.amount):
            result.unchanged += 1
        else:
            message = (
                _("voucher %(voucher)s is already booked against the funding line “%(line)s”")
                if other.line_id != c.line.pk
                else _("voucher %(voucher)s is already booked on “%(line)s” with other figures")
            )
            problems.append(
                Problem(
                    c.file,
                    c.line_no,
                    "voucher",
                    message % {"voucher": c.voucher, "line": other.line.name}
                    + f" ({other.date.isoformat()}, {format_sek(other.amount)})",
                )
            )
    adding: dict[int, Decimal] = defaultdict(Decimal)
    lines = {}
    for c in new:
        adding[c.line.pk] += c.amount
        lines[c.line.pk] = c.line
    spent = {
        row["line"]: row["total"]
        for row in Expense.objects.filter(line__in=list(lines))
        .values("line")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    for pk, amount in adding.items():
        before = spent.get(pk) or Decimal(0)
        if over := cap_problem(line=lines[pk], spent=before, amount=amount):
            problems.append(Problem(new[0].file, None, None, over))
        elif warning := cap_warning(line=lines[pk], spent=before + amount):
            result.warnings.append(warning)
    if problems:
        raise ImportRejected(problems)
    with transaction.atomic():
        Expense.objects.bulk_create(
            Expense(
                program=program,
                line=c.line,
                date=c.date,
                amount=c.amount,
                cost_category=c.cost_category or c.line.cost_category,
                workshop=c.workshop,
                description=c.description,
                voucher=c.voucher,
                source=source,
                created_by=user if user is not None and user.is_authenticated else None,
            )
            for c in new
        )
        result.created = len(new)
        audit.record(
            user=user,
            program=program,
            action="import",
            object_type="expense",
            object_ref=candidates[0].file if candidates else "",
            detail={"created": result.created, "unchanged": result.unchanged, "source": source},
        )
    return result
