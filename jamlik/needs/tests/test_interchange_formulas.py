"""Text a spreadsheet would run as a formula is exported behind an apostrophe and imported
back exactly, in CSV and in XLSX."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from jamlik.needs.models import Need, Theme

HYPERLINK = '=HYPERLINK("http://x","click")'
TEXTS = {
    "title": HYPERLINK,
    "description": "+46 70 123 45 67",
    "theme": "@home",
}


def url(name, *args):
    return reverse(f"needs:{name}", args=["test", *args])


@pytest.fixture
def risky(needs, world):
    """The fixture's need, its title, description and theme made to look like formulas, and
    a second need titled "-tobak"."""
    needs.theme.name = TEXTS["theme"]
    needs.theme.save()
    needs.need.title = TEXTS["title"]
    needs.need.description = TEXTS["description"]
    needs.need.save()
    Need.objects.create(program=world.program, key="tobak", title="-tobak", priority=2)
    return needs


def csv_rows(content: bytes) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    return {row["key"]: row for row in rows}


def xlsx_rows(content: bytes) -> dict[str, dict[str, object]]:
    sheet = load_workbook(io.BytesIO(content))["needs"]
    header, *rows = sheet.iter_rows()
    columns = [cell.value for cell in header]
    return {row[0].value: dict(zip(columns, row, strict=True)) for row in rows}


def test_the_csv_export_puts_an_apostrophe_before_formulas(login, risky):
    rows = csv_rows(login("leader").get(url("export", "csv")).content)

    assert rows["trygghet"]["title"] == "'" + HYPERLINK
    assert rows["trygghet"]["description"] == "'+46 70 123 45 67"
    assert rows["trygghet"]["theme"] == "'@home"
    assert rows["tobak"]["title"] == "'-tobak"


def test_the_xlsx_export_holds_text_cells_not_formulas(login, risky):
    rows = xlsx_rows(login("leader").get(url("export", "xlsx")).content)

    cells = [rows["trygghet"][c] for c in ("title", "description", "theme")]
    cells.append(rows["tobak"]["title"])
    assert [cell.data_type for cell in cells] == ["s"] * 4
    assert [cell.value for cell in cells] == [
        "'" + HYPERLINK,
        "'+46 70 123 45 67",
        "'@home",
        "'-tobak",
    ]


def test_plain_text_and_keys_are_exported_unchanged(login, needs):
    needs.need.description = "Belysning i parken - och trygga gångvägar"
    needs.need.save()
    client = login("leader")

    csv_row = csv_rows(client.get(url("export", "csv")).content)["trygghet"]
    xlsx_row = xlsx_rows(client.get(url("export", "xlsx")).content)["trygghet"]

    expected = {
        "key": "trygghet",
        "title": "Trygg utemiljö",
        "description": "Belysning i parken - och trygga gångvägar",
        "theme": "Trygghet",
        "priority": "1",
        "inventories": "fw-2024",
    }
    assert {c: csv_row[c] for c in expected} == expected
    # The workbook holds the priority as a number.
    assert {c: xlsx_row[c].value for c in expected} == expected | {"priority": 1}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imports_back_to_the_exact_text(login, risky, fmt):
    client = login("leader")
    exported = client.get(url("export", fmt)).content
    # Forget the texts, so that only the import can bring them back.
    Need.objects.filter(key="trygghet").update(title="x", description="")
    Need.objects.filter(key="tobak").update(title="y")
    risky.need.theme = None
    risky.need.save()

    response = client.post(url("data"), {"file": SimpleUploadedFile(f"needs.{fmt}", exported)})

    assert response.status_code == 302
    need = Need.objects.get(key="trygghet")
    assert (need.title, need.description, need.theme.name) == (
        HYPERLINK,
        "+46 70 123 45 67",
        "@home",
    )
    assert Need.objects.get(key="tobak").title == "-tobak"
    assert Theme.objects.get(pk=risky.theme.pk).name == "@home"


def test_an_apostrophe_a_person_typed_before_a_formula_survives_the_round_trip(login, needs):
    Need.objects.filter(key="trygghet").update(title="'=1+1")
    client = login("leader")
    exported = client.get(url("export", "csv")).content
    assert csv_rows(exported)["trygghet"]["title"] == "''=1+1"
    Need.objects.filter(key="trygghet").update(title="x")

    client.post(url("data"), {"file": SimpleUploadedFile("needs.csv", exported)})

    assert Need.objects.get(key="trygghet").title == "'=1+1"
