import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from jamlik.needs.models import Need
from jamlik.people.models import AuditEvent

HEADER = "key,title,description,theme,determinants,priority,inventories\n"


def url(name, *args):
    return reverse(f"needs:{name}", args=["test", *args])


def upload(text: str, name: str = "needs.csv"):
    return {"file": SimpleUploadedFile(name, text.encode())}


def test_the_export_holds_every_need(login, needs):
    response = login("viewer").get(url("export", "csv"))
    assert response["Content-Disposition"] == 'attachment; filename="test-needs.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        HEADER.strip().split(","),
        ["trygghet", "Trygg utemiljö", "", "Trygghet", "", "1", "fw-2024"],
    ]
    assert AuditEvent.objects.filter(action="export", object_type="need").exists()


def test_the_xlsx_export_has_the_same_rows(login, needs):
    response = login("leader").get(url("export", "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]][:2] == ["trygghet", "Trygg utemiljö"]


def test_an_export_round_trip_changes_nothing(login, needs):
    client = login("leader")
    exported = client.get(url("export", "csv")).content.decode("utf-8-sig")
    response = client.post(url("data"), upload(exported))
    assert response.status_code == 302
    assert Need.objects.count() == 1


def test_the_import_creates_and_updates(login, needs):
    text = HEADER + (
        "trygghet,Trygg utemiljö och belysning,,Trygghet,"
        "housing_safety;physical_environment,1,fw-2024\n"
        ",Mötesplatser för kvinnor,Från visionsfasen,,social_networks,2,fw-2024\n"
    )
    response = login("leader").post(url("data"), upload(text))
    assert response.status_code == 302
    needs.need.refresh_from_db()
    assert needs.need.title == "Trygg utemiljö och belysning"
    assert needs.need.determinants == ["housing_safety", "physical_environment"]
    new = Need.objects.get(key="motesplatser-for-kvinnor")
    assert (new.priority, list(new.inventories.all())) == (2, [needs.inventory])
    assert AuditEvent.objects.filter(action="import", detail__created=1, detail__updated=1).exists()


def test_a_workbook_is_imported(login, needs):
    book = Workbook()
    sheet = book.active
    sheet.title = "needs"
    sheet.append(["title", "priority"])
    sheet.append(["Sommarlov", 4])
    data = io.BytesIO()
    book.save(data)
    response = login("leader").post(
        url("data"), {"file": SimpleUploadedFile("needs.xlsx", data.getvalue())}
    )
    assert response.status_code == 302
    assert Need.objects.get(title="Sommarlov").priority == 4


def test_a_bad_file_is_refused_whole_with_located_problems(login, needs):
    text = HEADER + "\n".join(
        [
            ",Bra rad,,,,,",
            "x,,,Okänt tema,moon_phase,noll,fw-1999",
            "x,Dubblett,,,,,",
            "inte bra,Mellanslag,,,,,",
        ]
    )
    response = login("leader").post(url("data"), upload(text))
    assert response.status_code == 400
    page = response.content.decode()
    for problem in (
        "needs.csv:3: title: empty; every need needs a title",
        "needs.csv:3: theme: unknown theme &quot;Okänt tema&quot;; known themes: Trygghet",
        "needs.csv:3: determinants: unknown determinant of health &quot;moon_phase&quot;",
        "needs.csv:3: priority: &quot;noll&quot; is not a whole number from 1 up",
        "needs.csv:3: inventories: unknown needs inventory &quot;fw-1999&quot;",
        "needs.csv:4: key: the same key as line 3",
        "needs.csv:5: key: use only letters, digits, &#x27;-&#x27; and &#x27;_&#x27;",
    ):
        assert problem in page
    assert Need.objects.count() == 1  # not even the good row


def test_a_file_without_the_title_column_is_refused(login, needs):
    response = login("leader").post(url("data"), upload("key,priority\nx,1\n"))
    assert "needs.csv:1: title: missing column" in response.content.decode()


def test_a_file_that_is_not_text_is_refused(login, needs):
    response = login("leader").post(
        url("data"), {"file": SimpleUploadedFile("n.csv", b"\xff\xfe\x00")}
    )
    assert "n.csv: not UTF-8 text" in response.content.decode()


@pytest.mark.parametrize("who", ["promoter_a", "hub", "viewer", "outsider"])
def test_only_the_leader_imports(login, needs, who):
    response = login(who).post(url("data"), upload(HEADER + ",Ny,,,,,\n"))
    assert response.status_code == 404
    assert Need.objects.count() == 1


def test_an_unknown_export_format_is_404(login, needs):
    assert login("leader").get(url("export", "pdf")).status_code == 404
