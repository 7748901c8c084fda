"""SIE 4 files in the shapes bookkeeping, salary and asset programs really write."""

from datetime import date
from decimal import Decimal

import pytest

from jamlik.finance import imports
from jamlik.finance.models import Expense

D = Decimal
HEAD = '#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#PROGRAM "Exempelprogrammet" 2.1\n'


def sie(body: str, *, encoding: str = "cp437", head: str = HEAD) -> bytes:
    return (head + body).replace("\n", "\r\n").encode(encoding)


@pytest.fixture
def mapped(lines):
    return {
        "5460": lines["operating"],
        "7832": lines["operating"],
        "7010": lines["promoters"],
        "6110": lines["overhead"],
    }


def import_twice(world, data: bytes, mapping, name: str = "export.se"):
    """Imports the file, then again: the second import must change nothing."""
    first = imports.import_file(program=world.program, name=name, data=data, mapping=mapping)
    booked = {e.voucher: (e.date, e.amount, e.description) for e in Expense.objects.all()}
    again = imports.import_file(program=world.program, name=name, data=data)
    assert (again.created, again.unchanged) == (0, first.created)
    assert {e.voucher: (e.date, e.amount, e.description) for e in Expense.objects.all()} == booked
    return first


def booked() -> list[tuple[date, Decimal, str]]:
    return sorted(Expense.objects.values_list("date", "amount", "description"))


def test_an_asset_register_repeating_the_same_series_and_number(world, mapped):
    body = "#RAR 0 20230101 20231231\n" + "".join(
        f'#VER # 1 2023{month:02d}28 "Avskrivning inventarier {month}/2023"\n{{\n'
        f"#TRANS 7832 {{}} {amount}\n#TRANS 1229 {{}} -{amount}\n}}\n"
        for month, amount in ((7, "812.50"), (8, "812.50"), (9, "799.00"))
    )
    result = import_twice(world, sie(body), mapped)
    assert result.created == 3
    assert booked() == [
        (date(2023, 7, 28), D("812.50"), "Avskrivning inventarier 7/2023"),
        (date(2023, 8, 28), D("812.50"), "Avskrivning inventarier 8/2023"),
        (date(2023, 9, 28), D("799.00"), "Avskrivning inventarier 9/2023"),
    ]
    assert all(v.startswith("#1:2023") and v.endswith("/2023") for v in voucher_refs())
    assert any("# 1 name more than one voucher" in w for w in result.warnings)


def voucher_refs() -> list[str]:
    return list(Expense.objects.order_by("date").values_list("voucher", flat=True))


SALARY_SEPTEMBER = (
    '#VER "" "" 20230925 "Lön september, hälsofrämjare Åsa"\n{\n'
    "#TRANS 7010 {} 28000.00\n#TRANS 2710 {} -8000.00\n#TRANS 1930 {} -20000.00\n}\n"
)
SALARY_OCTOBER = (
    '#VER "" "" 20231025 "Lön oktober, hälsofrämjare Åsa"\n{\n'
    "#TRANS 7010 {} 28500.00\n#TRANS 2710 {} -8100.00\n#TRANS 1930 {} -20400.00\n}\n"
)


def test_a_salary_file_without_series_or_number(world, mapped):
    result = import_twice(world, sie(SALARY_SEPTEMBER), mapped, name="lon-09.se")
    assert result.created == 1
    assert booked() == [(date(2023, 9, 25), D("28000.00"), "Lön september, hälsofrämjare Åsa")]
    assert "1 voucher has no series or number" in result.warnings[0]
    [reference] = voucher_refs()
    assert reference.startswith("20230925-") and reference.endswith("/2023")

    # The next month's file is not a double booking; the same voucher again is not booked twice.
    both = imports.import_file(
        program=world.program, name="lon-10.se", data=sie(SALARY_SEPTEMBER + SALARY_OCTOBER)
    )
    assert (both.created, both.unchanged) == (1, 1)
    assert Expense.objects.filter(line__key="promoters").count() == 2
    assert voucher_refs()[0] == reference


def test_a_voucher_booked_again_with_other_figures_is_still_refused(world, mapped):
    imports.import_file(
        program=world.program,
        name="a.se",
        data=sie('#VER A 5 20230925 "Fika"\n{\n#TRANS 5460 {} 100.00\n}\n'),
        mapping=mapped,
    )
    with pytest.raises(imports.ImportRejected) as rejected:
        imports.import_file(
            program=world.program,
            name="b.se",
            data=sie('#VER A 5 20230925 "Fika"\n{\n#TRANS 5460 {} 180.00\n}\n'),
        )
    assert "already booked" in str(rejected.value.problems[0])


TEXTS = (
    '#RAR 0 20230101 20231231\n#KONTO 5460 "Förbrukningsmaterial"\n'
    '#VER A 7 20230912 "Kaffebröd till områdesdagen i Ängen"\n{\n'
    '#TRANS 5460 {} 345.00 20230912 "Kaffebröd, saft och frukt åt föräldrar"\n'
    "#TRANS 1930 {} -345.00\n}\n"
)


@pytest.mark.parametrize(("encoding", "named"), [("utf-8", "UTF-8"), ("cp1252", "Windows-1252")])
def test_a_file_declaring_pc8_but_written_otherwise(world, mapped, encoding, named):
    result = import_twice(world, sie(TEXTS, encoding=encoding), mapped)
    assert booked() == [(date(2023, 9, 12), D("345.00"), "Kaffebröd, saft och frukt åt föräldrar")]
    assert f"declares the character set PC8 but is written in {named}" in result.warnings[0]
    sie_file, _ = imports.parse_sie("x.se", sie(TEXTS, encoding=encoding))
    assert sie_file.accounts["5460"] == "Förbrukningsmaterial"


def test_a_utf8_file_with_a_byte_order_mark_and_another_name_is_read_as_sie(world, mapped):
    data = b"\xef\xbb\xbf" + sie(TEXTS, encoding="utf-8")
    result = import_twice(world, data, mapped, name="bokforing.txt")
    assert booked() == [(date(2023, 9, 12), D("345.00"), "Kaffebröd, saft och frukt åt föräldrar")]
    assert "written in UTF-8" in result.warnings[0]


def test_a_pc8_file_gives_no_warning(world, mapped):
    result = import_twice(world, sie(TEXTS), mapped)
    assert result.warnings == []
    assert booked()[0][2] == "Kaffebröd, saft och frukt åt föräldrar"


def test_a_file_whose_encoding_cannot_be_told_is_refused(world, mapped):
    data = sie(TEXTS) + "Åsa".encode("cp1252")  # PC8 and Windows-1252 letters alike
    data += "ö".encode("cp1252") * 2 + "ö".encode("cp437")
    with pytest.raises(imports.ImportRejected) as rejected:
        imports.import_file(program=world.program, name="x.se", data=data, mapping=mapped)
    assert "neither PC8 (CP437), UTF-8 nor Windows-1252" in str(rejected.value.problems[0])
    assert not Expense.objects.exists()


def test_tabs_between_fields_and_object_lists(world, mapped):
    body = (
        "#RAR\t0\t20230101\t20231231\n"
        '#VER\tB\t3\t20231002\t"Hyra lokal för hälsocirkel"\n{\n'
        '\t#TRANS\t5460\t{1 "456" 6 "Ängen"}\t1500.00\t20231002\t"Lokalhyra, Möllan"\n'
        "\t#TRANS\t1930\t{}\t-1500.00\n}\n"
    )
    result = import_twice(world, sie(body), mapped)
    assert result.created == 1
    assert booked() == [(date(2023, 10, 2), D("1500.00"), "Lokalhyra, Möllan")]
    assert voucher_refs() == ["B3/2023"]


def test_added_and_removed_transactions_are_booked_as_the_bookkeeping_stands(world, mapped):
    body = (
        "#RAR 0 20230101 20231231\n"
        '#VER C 1 20231105 "Material åt verkstaden"\n{\n'
        "#TRANS 5460 {} 200.00\n"
        '#RTRANS 5460 {} 50.00 20231106 "Tillägg: färg"\n'
        '#TRANS 5460 {} 50.00 20231106 "Tillägg: färg"\n'  # SIE 4B repeats the addition
        '#BTRANS 5460 {} 999.00 20231106 "Felregistrerad"\n'
        "#TRANS 1930 {} -250.00\n}\n"
        '#VER C 2 20231110 "Fika på öppet hus"\n{\n'
        "#TRANS 5460 {} 80.00\n"
        '#RTRANS 5460 {} 20.00 20231111 "Mer kaffe"\n'  # a program that does not repeat it
        "#TRANS 1930 {} -100.00\n}\n"
    )
    result = import_twice(world, sie(body), mapped)
    assert result.created == 2
    amounts = dict(Expense.objects.values_list("voucher", "amount"))
    assert amounts == {"C1/2023": D("250.00"), "C2/2023": D("100.00")}
    assert Expense.objects.get(voucher="C1/2023").description == "Material åt verkstaden"


def test_vouchers_of_two_fiscal_years_keep_their_years(world, mapped):
    body = (
        "#RAR 0 20240101 20241231\n#RAR -1 20230101 20231231\n"
        '#VER A 1 20230915 "Årets första: fika"\n{\n#TRANS 5460 {} 120.00\n}\n'
        '#VER A 1 20240110 "Nytt år: städmaterial åt föreningen"\n{\n#TRANS 5460 {} 90.00\n}\n'
    )
    result = import_twice(world, sie(body), mapped)
    assert result.created == 2 and result.warnings == []
    assert voucher_refs() == ["A1/2023", "A1/2024"]
    assert booked() == [
        (date(2023, 9, 15), D("120.00"), "Årets första: fika"),
        (date(2024, 1, 10), D("90.00"), "Nytt år: städmaterial åt föreningen"),
    ]


def test_a_fiscal_year_across_new_year_names_the_year_it_starts(world, mapped):
    body = (
        "#RAR 0 20230701 20240630\n"
        '#VER A 9 20240220 "Vårens första träff"\n{\n#TRANS 5460 {} 75.00\n}\n'
    )
    import_twice(world, sie(body), mapped)
    assert voucher_refs() == ["A9/2023"]


def test_a_voucher_charged_to_three_lines_says_how_many(world, mapped):
    body = (
        '#VER A 13 20230920 "Blandat"\n{\n#TRANS 6110 {} 450.50\n#TRANS 5460 {} 100.00\n'
        "#TRANS 7010 {} 10.00\n#TRANS 1930 {} -560.50\n}\n"
    )
    with pytest.raises(imports.ImportRejected) as rejected:
        imports.import_file(program=world.program, name="x.se", data=sie(body), mapping=mapped)
    [problem] = rejected.value.problems
    assert "charged to 3 funding lines (Hälsofrämjare, OH, Verksamhet)" in str(problem)


def test_a_file_ending_inside_a_voucher_names_the_line_it_began(world, mapped):
    body = '#VER A 1 20230915 "Fika"\n{\n#TRANS 5460 {} 120.00\n#TRANS 1930 {} -120.00\n'
    with pytest.raises(imports.ImportRejected) as rejected:
        imports.import_file(program=world.program, name="x.se", data=sie(body), mapping=mapped)
    messages = [str(p) for p in rejected.value.problems]
    assert messages == ["x.se:5: the file ends inside the voucher that begins on this line"]


def test_a_voucher_left_open_before_the_next_names_both_lines(world, mapped):
    body = (
        '#VER A 1 20230915 "Fika"\n{\n#TRANS 5460 {} 120.00\n'
        '#VER A 2 20230916 "Mer"\n{\n#TRANS 5460 {} 10.00\n}\n'
    )
    with pytest.raises(imports.ImportRejected) as rejected:
        imports.import_file(program=world.program, name="x.se", data=sie(body), mapping=mapped)
    messages = [str(p) for p in rejected.value.problems]
    assert messages == ["x.se:5: the voucher that begins on this line has no “}” before line 8"]
