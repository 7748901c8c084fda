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
#FORMAT, #KONTO, #RAR, #VER, #TRANS and #RTRANS records; fields may be separated by spaces
or tabs. The format prescribes the IBM PC 8 (CP437) encoding, but programs also write
UTF-8 and Windows-1252: the encoding is told from the bytes, with a warning naming it.
An added transaction (#RTRANS) is booked once although SIE 4B repeats it as a #TRANS; a
removed one (#BTRANS) is not booked. Each voucher's transactions on accounts mapped to a
funding line become one expense per voucher; the reference is
"<series><number>/<fiscal year>", e.g. "A12/2023", the fiscal year (#RAR) named by the year
it starts in. Where the file repeats a series and number or leaves them empty, the
voucher's date and a fingerprint of its content are added ("L1:20120425-3f9a01bc/2012"),
so re-importing the file changes nothing and a double booking is still found. A program
that numbers each monthly file from 1 again is recognised the same way: a series and number
already booked from another file with another date is told apart by date and content.
Unmapped cost accounts (BAS classes 4–7) are problems until they are mapped once
(`AccountMapping`); other accounts (balance sheet, income) are left out.
"""

import csv
import hashlib
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jamlik.finance.formatting import AmountError, format_sek, parse_amount
from jamlik.finance.models import AccountMapping, CostCategory, Expense, FundingLine
from jamlik.finance.services import cap_problem, cap_warning
from jamlik.lib.spreadsheets import UnreadableWorkbook, is_workbook, read_workbook
from jamlik.people import audit
from jamlik.programs.interchange.problems import ImportRejected, Problem
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

SIE_SUFFIXES = (".se", ".si", ".sie")
BOM = b"\xef\xbb\xbf"

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
    if name.lower().endswith(SIE_SUFFIXES) or data.removeprefix(BOM).lstrip().startswith(b"#"):
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
    if is_workbook(name, data):
        try:
            sheets = read_workbook(data)
        except UnreadableWorkbook as exc:
            return [], [Problem(name, None, None, str(exc))]
        lines = [
            (n, [_cell_text(v) for v in values]) for n, values in enumerate(sheets[0].rows, start=1)
        ]
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
    objects: str
    amount: Decimal
    date: date | None
    text: str

    def same_as(self, other: "SieTransaction") -> bool:
        return (self.account, self.objects, self.amount, self.date, self.text) == (
            other.account,
            other.objects,
            other.amount,
            other.date,
            other.text,
        )


@dataclass
class SieVoucher:
    line_no: int
    series: str
    number: str
    date: date
    text: str
    transactions: list[SieTransaction] = field(default_factory=list)

    def fingerprint(self) -> str:
        """Eight hex digits from the voucher's date, text and transactions, as written."""
        content = "\n".join(
            [
                self.date.isoformat(),
                self.text,
                *sorted(
                    f"{t.account}|{t.objects}|{t.amount}|{t.date or ''}|{t.text}"
                    for t in self.transactions
                ),
            ]
        )
        return hashlib.sha256(content.encode()).hexdigest()[:8]


@dataclass
class SieFile:
    accounts: dict[str, str] = field(default_factory=dict)
    fiscal_years: dict[int, tuple[date, date]] = field(default_factory=dict)
    vouchers: list[SieVoucher] = field(default_factory=list)
    encoding: str = "cp437"
    warnings: list[str] = field(default_factory=list)

    @property
    def fiscal_year_start(self) -> date | None:
        current = self.fiscal_years.get(0)
        return current[0] if current else None

    def fiscal_year_of(self, day: date) -> int:
        """The year a voucher's fiscal year starts in (#RAR), else its calendar year."""
        for start, end in self.fiscal_years.values():
            if start <= day <= end:
                return start.year
        return (self.fiscal_year_start or day).year


_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\{(?:[^}"]|"(?:[^"\\]|\\.)*")*\})|(\S+)')
# Swedish letters and é/ü, upper and lower case, in each encoding a file may really be in.
_CP437_LETTERS = frozenset(b"\x86\x84\x94\x8f\x8e\x99\x82\x90\x81\x9a")
_CP1252_LETTERS = frozenset(b"\xe5\xe4\xf6\xc5\xc4\xd6\xe9\xc9\xfc\xdc")
ENCODING_NAMES = {"cp437": "PC8 (CP437)", "utf-8": "UTF-8", "cp1252": "Windows-1252"}


def sie_fields(line: str) -> list[str]:
    """The fields of one SIE line: quoted strings unquoted, {object lists} kept whole.

    Fields are separated by spaces or tabs, as the format allows.
    """
    fields = []
    for quoted, objects, bare in _TOKEN.findall(line):
        if objects:
            fields.append(objects)
        elif bare:
            fields.append(bare)
        else:
            fields.append(re.sub(r"\\(.)", r"\1", quoted))
    return fields


def detect_encoding(data: bytes) -> str | None:
    """The encoding an SIE file is really in: the format prescribes PC8 (CP437), but
    programs also write UTF-8 and Windows-1252. None when it cannot be told."""
    high = [b for b in data if b >= 0x80]
    if not high:
        return "cp437"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    cp437 = sum(1 for b in high if b in _CP437_LETTERS)
    cp1252 = sum(1 for b in high if b in _CP1252_LETTERS)
    if cp437 > 3 * cp1252:
        return "cp437"
    if cp1252 > 3 * cp437:
        return "cp1252"
    if cp437 == cp1252 == 0:
        return "cp437"  # no Swedish letters either way: the encoding the format prescribes
    return None


def parse_sie(name: str, data: bytes) -> tuple[SieFile, list[Problem]]:
    """Reads the records an import needs; other records are skipped as the format allows."""
    sie, problems = SieFile(), []
    encoding = detect_encoding(data.removeprefix(BOM))
    if encoding is None:
        message = _(
            "the characters are neither PC8 (CP437), UTF-8 nor Windows-1252 text that can be "
            "told apart; export the file again as SIE 4 in PC8"
        )
        return sie, [Problem(name, None, None, message)]
    text = data.removeprefix(BOM).decode(encoding)
    sie.encoding = encoding
    declared = ""
    voucher: SieVoucher | None = None
    in_block = False
    added: SieTransaction | None = None  # the #RTRANS an identical #TRANS may repeat
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
            in_block, voucher, added = False, None, None
            continue
        fields = sie_fields(line)
        label, args = fields[0].upper(), fields[1:]
        opens_block = label == "#VER" and args[-1:] == ["{"]
        if opens_block:
            args = args[:-1]
        repeats_added = label == "#TRANS" and added is not None
        if label != "#TRANS":
            added = None
        if label == "#FORMAT" and args:
            declared = args[0].upper()
        elif label == "#KONTO" and len(args) >= 1:
            sie.accounts[args[0]] = args[1] if len(args) > 1 else ""
        elif label == "#RAR" and len(args) >= 3:
            start, end = _parse_date(args[1]), _parse_date(args[2])
            if start and end and args[0].lstrip("-").isdigit():
                sie.fiscal_years[int(args[0])] = (start, end)
        elif label == "#VER":
            if in_block and voucher is not None:
                problems.append(
                    Problem(
                        name,
                        voucher.line_no,
                        None,
                        _("the voucher that begins on this line has no “}” before line %(n)d")
                        % {"n": n},
                    )
                )
            voucher = _sie_voucher(name, n, args, problems)
            if voucher is not None:
                sie.vouchers.append(voucher)
            else:
                # Keep reading the block of a broken #VER without booking it.
                voucher = SieVoucher(n, "", "", date.min, "")
            in_block = opens_block
        elif label in ("#TRANS", "#RTRANS"):
            if not in_block or voucher is None:
                problems.append(
                    Problem(name, n, None, _("%(record)s outside a voucher") % {"record": label})
                )
                continue
            transaction_ = _sie_transaction(name, n, args, problems)
            if transaction_ is None:
                continue
            if repeats_added and transaction_.same_as(added):
                # SIE 4B: an added transaction (#RTRANS) is followed by the same #TRANS for
                # older readers; it is booked once.
                added = None
                continue
            voucher.transactions.append(transaction_)
            added = transaction_ if label == "#RTRANS" else None
        # #BTRANS is a transaction removed afterwards: not booked.
    if voucher is not None and in_block:
        problems.append(
            Problem(
                name,
                voucher.line_no,
                None,
                _("the file ends inside the voucher that begins on this line"),
            )
        )
    if encoding != "cp437" or declared not in ("", "PC8"):
        sie.warnings.append(
            _(
                "%(file)s declares the character set %(declared)s but is written in "
                "%(encoding)s; it was read as %(encoding)s."
            )
            % {
                "file": name,
                "declared": declared or "PC8",
                "encoding": ENCODING_NAMES[encoding],
            }
        )
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
        amount = Decimal(args[2].replace(",", "."))
    except InvalidOperation:
        problems.append(
            Problem(name, n, "#TRANS", _("%(value)r is not an amount") % {"value": args[2]})
        )
        return None
    day = _parse_date(args[3]) if len(args) > 3 and args[3] else None
    objects = " ".join(args[1].strip("{}").split())
    return SieTransaction(n, args[0], objects, amount, day, args[4] if len(args) > 4 else "")


def is_cost_account(account: str) -> bool:
    """BAS classes 4–7: costs of goods, staff and other operating costs."""
    return len(account) == 4 and account.isdigit() and account[0] in "4567"


def voucher_references(sie: SieFile) -> tuple[list[str], list[str]]:
    """Each voucher's reference, and warnings about the vouchers that needed one made up.

    "<series><number>/<fiscal year>" where that pair names one voucher of the file. Where a
    program repeats the pair (an asset register writes "# 1" every month) or leaves it
    empty (salary programs), the voucher's date and a fingerprint of its content are added,
    which stays the same when the same file is imported again.
    """
    keys = [
        (v.series, v.number, sie.fiscal_year_of(v.date)) if v.series or v.number else None
        for v in sie.vouchers
    ]
    counts = Counter(keys)
    references, repeated, unnumbered = [], set(), 0
    for voucher, key in zip(sie.vouchers, keys, strict=True):
        year = sie.fiscal_year_of(voucher.date)
        if key is not None and counts[key] == 1:
            references.append(f"{voucher.series}{voucher.number}/{year}")
            continue
        stamp = f"{voucher.date:%Y%m%d}-{voucher.fingerprint()}"
        if key is None:
            unnumbered += 1
            references.append(f"{stamp}/{year}")
        else:
            repeated.add(f"{voucher.series} {voucher.number}".strip())
            references.append(f"{voucher.series}{voucher.number}:{stamp}/{year}")
    warnings = []
    if repeated:
        warnings.append(
            _(
                "The series and number %(numbers)s name more than one voucher in the file; "
                "those vouchers are told apart by their date and content."
            )
            % {"numbers": ", ".join(sorted(repeated))}
        )
    if unnumbered:
        warnings.append(
            ngettext(
                "%(count)d voucher has no series or number; it is referred to by its date and "
                "content.",
                "%(count)d vouchers have no series or number; they are referred to by their "
                "date and content.",
                unnumbered,
            )
            % {"count": unnumbered}
        )
    return references, warnings


def _numbering_restarted(
    program: Program, sie: SieFile, references: list[str]
) -> tuple[list[str], list[str]]:
    """References for vouchers whose series and number an earlier file already booked
    with another date, and a warning naming them.

    Salary and asset programs export one file a month and number each file's vouchers
    from 1 again, so "A1/2024" in February's file is another voucher than January's
    "A1/2024". A bookkeeping never gives one number two dates within a fiscal year, so a
    booked reference with another date means a restart: the voucher is told apart by its
    date and content, as repeats within one file are, and importing the file again finds
    it. The same number and date with other figures is still a double booking.
    """
    plain = {ref: i for i, ref in enumerate(references) if ":" not in ref}
    booked = dict(
        Expense.objects.filter(
            program=program, source=Expense.Source.SIE, voucher__in=list(plain)
        ).values_list("voucher", "date")
    )
    renamed = []
    references = list(references)
    for ref, booked_date in booked.items():
        voucher = sie.vouchers[plain[ref]]
        dates = {voucher.date, *(t.date for t in voucher.transactions if t.date)}
        if booked_date in dates:
            continue
        number, _slash, year = ref.rpartition("/")
        references[plain[ref]] = f"{number}:{voucher.date:%Y%m%d}-{voucher.fingerprint()}/{year}"
        renamed.append(f"{voucher.series} {voucher.number}".strip())
    if not renamed:
        return references, []
    warning = _(
        "The series and number %(numbers)s were already booked from another file with "
        "another date (the program numbers each file from 1 again); these vouchers are "
        "told apart by their date and content."
    ) % {"numbers": ", ".join(sorted(renamed))}
    return references, [warning]


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
    references, warnings = voucher_references(sie)
    references, restarted = _numbering_restarted(program, sie, references)
    warnings += restarted
    known = {
        m.account: m.line
        for m in AccountMapping.objects.filter(program=program).select_related(
            "line", "line__agreement"
        )
    }
    known.update(mapping or {})
    candidates, unmapped, ignored = [], {}, 0
    for voucher, ref in zip(sie.vouchers, references, strict=True):
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
                        "the voucher is charged to %(count)d funding lines (%(lines)s); an "
                        "expense belongs to exactly one line, so split the voucher in the "
                        "bookkeeping"
                    )
                    % {"count": len(names), "lines": ", ".join(names)},
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
    result.warnings[:0] = [*sie.warnings, *warnings]
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
