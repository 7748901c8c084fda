import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from jamlik.finance import imports
from jamlik.finance.models import AccountMapping, Expense
from jamlik.people.models import AuditEvent

D = Decimal

CSV = (
    "datum;verifikation;belopp;finansieringsrad;verkstad;beskrivning\n"
    "2023-09-01;A1;1 200,50;operating;a;Fika vid områdesdag\n"
    "2023-09-03;A2;800;Verksamhet;;Material\n"
    "2023-09-30;L1;30000;promoters;;Lön september\n"
)


def run(world, data: bytes, name: str = "bokföring.csv", **kwargs):
    return imports.import_file(program=world.program, name=name, data=data, **kwargs)


# CSV and XLSX


def test_it_imports_a_swedish_csv(lines, world):
    result = run(world, CSV.encode())
    assert (result.created, result.unchanged) == (3, 0)
    a1 = Expense.objects.get(voucher="A1")
    assert (a1.amount, a1.line.key, a1.workshop, a1.source) == (
        D("1200.50"),
        "operating",
        world.workshop_a,
        "table",
    )
    assert a1.description == "Fika vid områdesdag"
    assert AuditEvent.objects.filter(action="import", object_type="expense").count() == 1


def test_importing_the_same_file_again_changes_nothing(lines, world):
    run(world, CSV.encode())
    result = run(world, CSV.encode())
    assert (result.created, result.unchanged) == (0, 3)
    assert Expense.objects.count() == 3


def test_a_bad_row_rejects_the_whole_file_with_every_problem(lines, world):
    bad = CSV + (
        "2023-13-01;A3;100;operating;;\n2023-10-01;A4;tio;nope;zz;\n2023-10-02;A1;5;operating;;\n"
    )
    with pytest.raises(imports.ImportRejected) as rejected:
        run(world, bad.encode())
    problems = [str(p) for p in rejected.value.problems]
    assert "bokföring.csv:5: date: '2023-13-01' is not a date (YYYY-MM-DD)" in problems
    assert "bokföring.csv:6: amount: 'tio' is not an amount" in problems
    assert "bokföring.csv:6: line: 'nope' is not a funding line of the program" in problems
    assert "bokföring.csv:6: workshop: 'zz' is not a workshop key" in problems
    assert any(p.startswith("bokföring.csv:7: voucher: voucher A1 appears twice") for p in problems)
    assert Expense.objects.count() == 0


def test_a_voucher_already_booked_on_another_line_is_refused_naming_it(lines, world):
    run(world, CSV.encode())
    other = "date,voucher,amount,line\n2023-09-01,A1,1200.50,overhead\n"
    with pytest.raises(imports.ImportRejected) as rejected:
        run(world, other.encode(), name="x.csv")
    [problem] = rejected.value.problems
    assert str(problem).startswith(
        "x.csv:2: voucher: voucher A1 is already booked against the funding line “Verksamhet”"
    )


def test_a_cap_breach_rejects_the_import(lines, world):
    rows = "".join(f"2023-09-{d:02d},A{d},100000,operating\n" for d in (1, 2, 3))
    with pytest.raises(imports.ImportRejected) as rejected:
        run(world, ("date,voucher,amount,line\n" + rows).encode(), name="x.csv")
    assert "cap" in str(rejected.value.problems[0])
    assert Expense.objects.count() == 0


def test_a_missing_column_is_reported_on_the_header_line(lines, world):
    with pytest.raises(imports.ImportRejected) as rejected:
        run(world, b"date,amount,line\n2023-09-01,1,operating\n", name="x.csv")
    assert [str(p) for p in rejected.value.problems] == ["x.csv:1: voucher: this column is missing"]


def test_it_imports_an_xlsx_export(lines, world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Date", "Voucher", "Amount", "Line", "Cost category"])
    sheet.append([date(2023, 10, 5), "B7", 1234.5, "overhead", "OH"])
    sheet.append([date(2023, 10, 6), "B8", 99, "operating", "lön"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run(world, buffer.getvalue(), name="export.xlsx")
    assert result.created == 2
    assert Expense.objects.get(voucher="B7").amount == D("1234.50")
    assert Expense.objects.get(voucher="B8").cost_category == "salaries"


# SIE 4

SIE = """#FLAGGA 0
#FORMAT PC8
#SIETYP 4
#PROGRAM "Bokföringsprogrammet" 1.0
#FNAMN "Föreningen Ängsbarnen"
#RAR 0 20230101 20231231
#KONTO 1930 "Företagskonto"
#KONTO 5460 "Förbrukningsmaterial"
#KONTO 6110 "Kontorsmateriel och trycksaker"
#KONTO 7010 "Löner till kollektivanställda"
#KONTO 3010 "Försäljning"
#VER A 12 20230915 "Inköp: fika åt Ängens förening"
{
   #TRANS 5460 {} 1200.00 20230915 "Kaffe, bröd & frukt, Lärkängen"
   #TRANS 1930 {} -1200.00
}
#VER A 13 20230920 "Tryck av affischer"
{
   #TRANS 6110 {} 450.50
   #TRANS 5460 {} 100.00
   #TRANS 1930 {} -550.50
}
#VER L 3 20230925 "Lön september"
{
   #TRANS 7010 {1 "12"} 28000.00
   #TRANS 1930 {} -28000.00
}
#VER B 1 20230926 "Intäkt"
{
   #TRANS 1930 {} 500.00
   #TRANS 3010 {} -500.00
}
"""


def sie_bytes(text: str = SIE) -> bytes:
    return text.replace("\n", "\r\n").encode("cp437")


def test_it_reads_swedish_characters_in_cp437(lines, world):
    data = sie_bytes()
    assert "Förbrukningsmaterial".encode("cp437") in data  # ö is 0x94 in CP437
    assert b"\x94" in data and "ö".encode() not in data
    sie, problems = imports.parse_sie("ab.se", data)
    assert problems == []
    assert sie.accounts["5460"] == "Förbrukningsmaterial"
    assert sie.vouchers[0].text == "Inköp: fika åt Ängens förening"
    assert sie.vouchers[0].transactions[0].text == "Kaffe, bröd & frukt, Lärkängen"
    assert sie.fiscal_year_start == date(2023, 1, 1)


def test_an_sie_file_with_unmapped_accounts_is_rejected_naming_them(lines, world):
    with pytest.raises(imports.UnmappedAccounts) as rejected:
        run(world, sie_bytes(), name="ab.se")
    assert rejected.value.accounts == {
        "5460": "Förbrukningsmaterial",
        "6110": "Kontorsmateriel och trycksaker",
        "7010": "Löner till kollektivanställda",
    }
    assert "ab.se:14: 5460: account 5460 (Förbrukningsmaterial) is not mapped" in str(
        rejected.value.problems[0]
    )
    assert Expense.objects.count() == 0


def test_it_imports_an_sie_file_once_the_accounts_are_mapped(lines, world):
    mapping = {"5460": lines["operating"], "6110": lines["operating"], "7010": lines["promoters"]}
    result = run(world, sie_bytes(), name="ab.se", mapping=mapping)
    assert (result.created, result.ignored) == (3, 5)
    a12 = Expense.objects.get(voucher="A12/2023")
    assert (a12.amount, a12.line.key, a12.source) == (D("1200.00"), "operating", "sie")
    assert a12.description == "Kaffe, bröd & frukt, Lärkängen"
    assert Expense.objects.get(voucher="A13/2023").amount == D("550.50")
    assert Expense.objects.get(voucher="L3/2023").line.key == "promoters"
    # The mapping is remembered: the next import needs no --map, and changes nothing.
    assert AccountMapping.objects.get(account="5460").account_name == "Förbrukningsmaterial"
    again = run(world, sie_bytes(), name="ab.se")
    assert (again.created, again.unchanged) == (0, 3)


def test_a_voucher_split_over_two_lines_is_refused(lines, world):
    mapping = {"5460": lines["operating"], "6110": lines["overhead"], "7010": lines["promoters"]}
    with pytest.raises(imports.ImportRejected) as rejected:
        run(world, sie_bytes(), name="ab.se", mapping=mapping)
    [problem] = rejected.value.problems
    assert str(problem).startswith("ab.se:17: A13/2023: the voucher is charged to 2 funding")
    assert "OH, Verksamhet" in str(problem)
    assert not AccountMapping.objects.exists()
    assert Expense.objects.count() == 0


def test_an_sie_voucher_line_may_open_its_block(lines, world):
    text = (
        "#FORMAT PC8\n#RAR 0 20240101 20241231\n"
        '#VER A 1 20240105 "Städmaterial" {\n#TRANS 5460 {} 99.90\n}\n'
    )
    result = run(world, sie_bytes(text), name="x.si", mapping={"5460": lines["operating"]})
    assert result.created == 1
    assert Expense.objects.get().voucher == "A1/2024"


# Command


def test_the_command_imports_and_maps(lines, world, tmp_path, capsys):
    path = tmp_path / "ab.se"
    path.write_bytes(sie_bytes())
    with pytest.raises(CommandError, match="--map"):
        call_command("finance-import", "--program", "test", str(path))
    call_command(
        "finance-import",
        "--program",
        "test",
        str(path),
        "--map",
        "5460=operating",
        "--map",
        "6110=operating",
        "--map",
        "7010=promoters",
    )
    assert "3 expense(s) booked" in capsys.readouterr().out
    call_command("finance-import", "--program", "test", str(path))
    assert "0 expense(s) booked, 3 already booked" in capsys.readouterr().out


def test_the_command_prints_problems_as_file_line_column(lines, world, tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("date,voucher,amount,line\n2023-09-01,A1,1,nope\n")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("finance-import", "--program", "test", str(path))
    assert "x.csv:2: line: 'nope' is not a funding line" in capsys.readouterr().err


MONTHLY = """#FORMAT PC8
#RAR 0 20240101 20241231
#KONTO 7010 "Löner till kollektivanställda"
#KONTO 1930 "Företagskonto"
#VER L 1 {day} "Lön"
{{
   #TRANS 7010 {{}} {amount}
   #TRANS 1930 {{}} -{amount}
}}
"""


def monthly(day: str, amount: str) -> bytes:
    return sie_bytes(MONTHLY.format(day=day, amount=amount))


def test_monthly_files_that_number_from_one_again_are_booked_each(lines, world):
    mapping = {"7010": lines["promoters"]}
    january = run(world, monthly("20240125", "28000.00"), name="lön-jan.se", mapping=mapping)
    february = run(world, monthly("20240223", "28500.00"), name="lön-feb.se")
    assert (january.created, february.created) == (1, 1)
    assert any("L 1" in w and "another file" in w for w in february.warnings)
    assert Expense.objects.get(voucher="L1/2024").amount == D("28000.00")
    [renamed] = Expense.objects.exclude(voucher="L1/2024")
    assert renamed.voucher.startswith("L1:20240223-") and renamed.amount == D("28500.00")
    # Importing either month again changes nothing.
    assert run(world, monthly("20240223", "28500.00"), name="lön-feb.se").unchanged == 1
    assert run(world, monthly("20240125", "28000.00"), name="lön-jan.se").unchanged == 1
    assert Expense.objects.count() == 2


def test_the_same_number_and_date_with_other_figures_is_still_refused(lines, world):
    mapping = {"7010": lines["promoters"]}
    run(world, monthly("20240125", "28000.00"), name="lön-jan.se", mapping=mapping)
    with pytest.raises(imports.ImportRejected) as rejected:
        run(world, monthly("20240125", "29000.00"), name="lön-jan-rättad.se")
    assert "L1/2024 is already booked" in str(rejected.value.problems[0])
    assert Expense.objects.count() == 1
