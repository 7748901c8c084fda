import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from conftest import PASSWORD
from jamlik.activities.models import Activity, Attendance, Participant
from jamlik.people.models import AuditEvent

VALID = Path(__file__).parent / "data" / "valid"
PAGE = "/p/test/data/"
EXPORT = "/p/test/data/export.zip"


@pytest.fixture
def leader(client, world):
    client.cookies["django_language"] = "en"
    client.login(username="leader", password=PASSWORD)
    return client


def zipped(files: dict[str, bytes], name: str = "record.zip") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for filename, content in files.items():
            archive.writestr(filename, content)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def valid_zip() -> SimpleUploadedFile:
    # Zipping a folder puts the files under its name; that is accepted.
    return zipped({f"export/{p.name}": p.read_bytes() for p in VALID.iterdir()})


def test_it_shows_the_page_and_the_format_to_the_leader(leader):
    response = leader.get(PAGE)

    assert response.status_code == 200
    assert response.context["nav"] == "data"
    body = response.content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert "headcounts.csv" in body
    assert 'href="/p/test/data/export.zip"' in body


@pytest.mark.parametrize("user", ["promoter_a", "viewer", "outsider"])
def test_it_answers_404_to_everyone_but_the_leader(client, world, user):
    client.login(username=user, password=PASSWORD)

    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {"file": valid_zip()}).status_code == 404
    assert client.get(EXPORT).status_code == 404
    assert not Participant.objects.filter(code="N-0001").exists()
    assert not AuditEvent.objects.exists()


def test_it_sends_an_anonymous_visitor_to_the_login_page(client, world):
    assert client.get(PAGE).status_code == 302
    assert client.get(EXPORT).status_code == 302


def test_it_imports_an_uploaded_zip_and_reports_counts_per_file(leader):
    response = leader.post(PAGE, {"file": valid_zip()}, follow=True)

    assert response.redirect_chain == [(PAGE, 302)]
    assert Activity.objects.filter(program__slug="test").count() == 6
    assert Attendance.objects.filter(activity__key="m-1").count() == 2
    messages = {str(m): m.level_tag for m in response.context["messages"]}
    assert messages["activities.csv: 4 created, 0 updated, 0 unchanged"] == "success"
    # The example's two workshops are active, and the new program has no needs.
    warnings = [text for text, level in messages.items() if level == "warning"]
    assert [text.split(": ", 2)[:2] for text in warnings] == [
        ["workshops.csv:2", "needs"],
        ["workshops.csv:3", "needs"],
    ]
    assert "the workshop “mental” is active but meets none of" in warnings[0]
    assert len(messages) == 8
    event = AuditEvent.objects.get(action="import")
    assert event.user.username == "leader"


def test_it_says_nothing_changed_when_the_same_zip_comes_again(leader):
    leader.post(PAGE, {"file": valid_zip()})
    count = Participant.objects.count()

    response = leader.post(PAGE, {"file": valid_zip()}, follow=True)

    assert Participant.objects.count() == count
    messages = [str(m) for m in response.context["messages"]]
    assert "participants.csv: 0 created, 0 updated, 3 unchanged" in messages


def test_it_imports_an_uploaded_workbook(leader):
    book = Workbook()
    sheet = book.active
    sheet.title = "participants"
    sheet.append(["code", "category", "gender"])
    sheet.append(["X-1", "yrkesverksam", "Kvinna"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("people.xlsx", buffer.getvalue())

    response = leader.post(PAGE, {"file": upload})

    assert response.status_code == 302
    participant = Participant.objects.get(code="X-1")
    assert (participant.category, participant.gender) == ("professional", "woman")


def test_it_shows_every_problem_and_writes_nothing(leader):
    broken = zipped(
        {
            "activities.csv": b"key,kind,date,title\nx-1,yoga,2024-01-01,A\nx-2,culture,soon,B\n",
            "attendance.csv": b"activity,participant\nx-1,T-AAAA\nx-3,T-ZZZZ\n",
            "activites.csv": b"key\nx-3\n",
        }
    )

    response = leader.post(PAGE, {"file": broken})

    assert response.status_code == 200
    assert [str(p) for p in response.context["problems"]] == [
        "activities.csv:2: kind: “yoga” is not one of: health_circle, physical_activity, "
        "health_information, experience_exchange, language_development, civic_information, "
        "parenting_support, culture, area_day, dialogue_forum, courtyard_party, other",
        "activities.csv:3: date: “soon” is not a date; write it as YYYY-MM-DD, for example "
        "2024-03-05",
        "attendance.csv:3: activity: no activity with the key “x-3” in this import or in the "
        "program",
        "attendance.csv:3: participant: no participant with the code “T-ZZZZ” in this import "
        "or in the program",
    ]
    body = response.content.decode()
    assert "rejected because of 4 problems" in body
    assert "activities.csv:3: date:" in body
    assert "activites.csv: ignored" in body
    assert not Activity.objects.filter(key__in=["x-1", "x-2"]).exists()
    assert Attendance.objects.count() == 2
    assert not AuditEvent.objects.exists()


def test_it_rejects_an_upload_that_is_not_csv_a_workbook_or_zip(leader):
    response = leader.post(PAGE, {"file": SimpleUploadedFile("people.txt", b"code\n")})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Choose a CSV file named after its table (such as activities.csv), an .xlsx workbook "
        "or a .zip of CSV files."
    ]


def test_it_imports_a_single_csv_file_named_after_its_table(leader):
    text = "key,workshop,kind,date,title,status\nc-1,a,culture,2024-02-01,Kultur,genomförd\n"
    upload = SimpleUploadedFile("Activities.csv", text.encode())

    response = leader.post(PAGE, {"file": upload}, follow=True)

    assert response.redirect_chain == [(PAGE, 302)]
    activity = Activity.objects.get(program__slug="test", key="c-1")
    assert (activity.workshop.key, activity.status) == ("a", "held")
    messages = [str(m) for m in response.context["messages"]]
    assert "Activities.csv: 1 created, 0 updated, 0 unchanged" in messages


def test_it_explains_that_a_single_csv_file_needs_the_name_of_its_table(leader):
    upload = SimpleUploadedFile("Export 2024.csv", (VALID / "activities.csv").read_bytes())

    response = leader.post(PAGE, {"file": upload})

    assert [str(p) for p in response.context["problems"]] == [
        "Export 2024.csv: a single CSV file must be named after the table it holds, as one of "
        "participants.csv, workshops.csv, activities.csv, attendance.csv, headcounts.csv, "
        "support.csv, goal_categories.csv, goals.csv, indicators.csv, indicator_values.csv, "
        "phases.csv, checklist.csv, premises.csv, volunteers.csv, volunteer_hours.csv, "
        "media_mentions.csv, decision_points.csv, policy_issues.csv; rename it (for example to "
        "activities.csv) and try again"
    ]
    assert not Activity.objects.filter(key="m-1").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "x.zip",
            b"plain text",
            "x.zip: upload a CSV file, an .xlsx workbook or a .zip of CSV files",
        ),
        ("x.zip", b"PK\x03\x04 broken", "x.zip: not a zip file"),
    ],
)
def test_it_rejects_a_zip_that_is_not_one_and_says_so_once(leader, name, content, message):
    response = leader.post(PAGE, {"file": SimpleUploadedFile(name, content)})

    assert [str(p) for p in response.context["problems"]] == [message]
    assert response.content.decode().count(message.split(": ", 1)[1]) == 1


def test_it_refuses_an_upload_above_the_size_limit(leader, settings):
    settings.IMPORT_MAX_MB = 1
    upload = SimpleUploadedFile("big.zip", b"PK\x03\x04" + b"0" * (1024 * 1024))

    response = leader.post(PAGE, {"file": upload})

    assert response.context["form"].errors["file"] == ["The file is larger than 1 MB."]


def test_it_downloads_the_export_as_a_zip(leader, world):
    response = leader.get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="test-')
    assert "no-cache" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "activities.csv",
        "attendance.csv",
        "checklist.csv",
        "decision_points.csv",
        "goal_categories.csv",
        "goals.csv",
        "headcounts.csv",
        "indicator_values.csv",
        "indicators.csv",
        "media_mentions.csv",
        "participants.csv",
        "phases.csv",
        "policy_issues.csv",
        "premises.csv",
        "support.csv",
        "volunteer_hours.csv",
        "volunteers.csv",
        "workshops.csv",
    ]
    assert archive.read("attendance.csv") == b"activity,participant\na-1,T-AAAA\nb-1,T-BBBB\n"
    event = AuditEvent.objects.get()
    assert (event.action, event.user) == ("export", world.leader)


def test_it_accepts_only_get_for_the_export(leader):
    assert leader.post(EXPORT).status_code == 405
