"""Every import answers a broken workbook with one clear message; writers guard text."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from conftest import PASSWORD
from jamlik.lib.spreadsheets import (
    UnreadableWorkbook,
    csv_field,
    escape_formula,
    read_workbook,
    safe_row,
    unescape_formula,
)


def valid_workbook() -> bytes:
    book = Workbook()
    book.active.append(["date", "voucher", "amount", "line"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_broken_xml() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(valid_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut in the middle of an element
            target.writestr(info, data)
    return out.getvalue()


def zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hej")
    return out.getvalue()


BROKEN = {
    "random bytes": bytes(range(256)) * 8,
    "cut zip": valid_workbook()[:300],
    "zip without a workbook": zip_without_workbook(),
    "broken XML": with_broken_xml(),
}


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("kind", BROKEN)
def test_read_workbook_raises_one_clear_error(kind):
    with pytest.raises(UnreadableWorkbook, match="not a readable .xlsx workbook"):
        read_workbook(BROKEN[kind])


@pytest.fixture
def leader(client, world):
    client.cookies["django_language"] = "en"
    client.login(username="leader", password=PASSWORD)
    return client


PAGES = {
    "program": lambda: "/p/test/data/",
    "needs": lambda: reverse("needs:data", args=["test"]),
    "finance": lambda: reverse("finance:import_upload", args=["test"]),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("kind", BROKEN)
def test_every_import_page_answers_a_broken_workbook_with_a_message(leader, page, kind):
    upload = SimpleUploadedFile("export.xlsx", BROKEN[kind])

    response = leader.post(PAGES[page](), {"file": upload})

    assert response.status_code in (200, 400, 422)
    assert "not a readable .xlsx workbook" in response.content.decode()


@pytest.mark.parametrize("command", ["finance-import", "import"])
@pytest.mark.parametrize("kind", BROKEN)
def test_the_import_commands_fail_with_a_message_not_a_traceback(
    world, tmp_path, capsys, command, kind
):
    path = tmp_path / "export.xlsx"
    path.write_bytes(BROKEN[kind])

    with pytest.raises(CommandError):
        call_command(command, str(path), program="test")

    assert "not a readable .xlsx workbook" in capsys.readouterr().err


def test_text_is_guarded_and_values_keep_their_type():
    from datetime import date
    from decimal import Decimal

    row = safe_row(["=1+1", "@SUM(A1)", "-2", "Hälsa", 3, Decimal("1.50"), date(2024, 1, 2)])
    assert row == ["'=1+1", "'@SUM(A1)", "'-2", "Hälsa", 3, Decimal("1.50"), date(2024, 1, 2)]
    assert [csv_field(v) for v in (-2, date(2024, 1, 2), "+46", None)] == [
        "-2",
        "2024-01-02",
        "'+46",
        "",
    ]
    for text in ("=A1", "'=A1", "''=A1", "plain", "'plain"):
        assert unescape_formula(escape_formula(text)) == text
