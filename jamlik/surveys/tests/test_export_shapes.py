"""The same submissions exported by ODK Central and KoboToolbox in each of their shapes
import as the same responses with the same ids; a file that imports nothing says why."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from conftest import PASSWORD
from jamlik.people.access import get_program_access
from jamlik.surveys.models import Response, Wave
from jamlik.surveys.tests.conftest import SRH, WHO5
from jamlik.surveys.xlsform import build_xlsform, import_submissions, read_submissions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

WHO5_ITEMS = [f"who5__q{i}" for i in range(1, 6)]
# What the respondents answered, as choice codes.
SUBMISSIONS = [
    {
        "id": "aaa-111",
        "start": "2024-09-03T09:50:00.000+02:00",
        "form_language": "sv",
        "consent": "yes",
        "mode": "assisted",
        "participant_code": "T-AAAA",
        "who5": ["3", "3", "3", "3", "3"],
        "srh": "2",
    },
    {
        "id": "bbb-222",
        "start": "2024-09-04T14:00:00.000+02:00",
        "form_language": "en",
        "consent": "yes",
        "mode": "self",
        "participant_code": "",
        "who5": ["5", "4", "3", "2", "1"],
        "srh": "",
    },
    {
        "id": "ccc-333",
        "start": "2024-09-05T10:00:00.000+02:00",
        "form_language": "sv",
        "consent": "no",
        "mode": "self",
        "participant_code": "",
        "who5": ["", "", "", "", ""],
        "srh": "",
    },
]


def values(s: dict) -> dict[str, str]:
    return {
        "start": s["start"],
        "form_language": s["form_language"],
        "consent": s["consent"],
        "mode": s["mode"],
        "participant_code": s["participant_code"],
        **dict(zip(WHO5_ITEMS, s["who5"], strict=True)),
        "srh_who__q1": s["srh"],
    }


def group_of(name: str) -> str:
    return "g_" + name.split("__")[0] if "__" in name else ""


def write_csv(header, rows, *, delimiter=",", quoting=csv.QUOTE_MINIMAL) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def odk_central_csv() -> bytes:
    fields = list(values(SUBMISSIONS[0]))
    header = [
        "SubmissionDate",
        *[f"{group_of(f)}-{f}" if group_of(f) else f for f in fields],
        "meta-instanceID",
        "KEY",
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "Status",
        "ReviewState",
        "DeviceID",
        "Edits",
        "FormVersion",
    ]
    rows = [
        [
            "2024-09-06T08:00:00.000Z",
            *values(s).values(),
            f"uuid:{s['id']}",
            f"uuid:{s['id']}",
            "5",
            "Hälsofrämjare A",
            "0",
            "0",
            "",
            "",
            "collect:abc",
            "0",
            "1a2b",
        ]
        for s in SUBMISSIONS
    ]
    return write_csv(header, rows)


def kobo_xml_csv() -> bytes:
    fields = list(values(SUBMISSIONS[0]))
    header = [
        *[f"{group_of(f)}/{f}" if group_of(f) else f for f in fields],
        "_id",
        "_uuid",
        "_submission_time",
        "_validation_status",
        "_notes",
        "_status",
        "_submitted_by",
        "__version__",
        "_tags",
        "_index",
    ]
    rows = [
        [
            *values(s).values(),
            str(100 + i),
            s["id"],
            "2024-09-06T08:00:00",
            "",
            "",
            "submitted_via_web",
            "",
            "vKx2",
            "",
            str(i + 1),
        ]
        for i, s in enumerate(SUBMISSIONS)
    ]
    return write_csv(header, rows, delimiter=";", quoting=csv.QUOTE_ALL)


def form_labels(wave: Wave, language: str):
    """The questions' and choices' labels in one language, read from the XLSForm as Kobo
    reads it."""
    book = load_workbook(io.BytesIO(build_xlsform(wave)))
    survey = list(book["survey"].iter_rows(values_only=True))
    column = survey[0].index(f"label::{language}")
    questions = {row[1]: row[column] for row in survey[1:] if row[1]}
    choices_rows = list(book["choices"].iter_rows(values_only=True))
    choice_column = choices_rows[0].index(f"label::{language}")
    lists = {}
    for row in choices_rows[1:]:
        lists.setdefault(row[0], {})[row[1]] = row[choice_column]
    types = {row[1]: row[0] for row in survey[1:] if row[1]}
    return questions, lists, types


def kobo_label_csv(wave: Wave, language: str = "Svenska (sv)", *, groups=False) -> bytes:
    """Kobo's default export: labels as headers and as values, ';'-separated, all quoted."""
    questions, lists, types = form_labels(wave, language)
    fields = list(values(SUBMISSIONS[0]))

    def header_of(name):
        label = questions[name] or name
        if groups and group_of(name):
            return f"{questions[group_of(name)]}/{label}"
        return label

    def value_of(name, value):
        kind = types[name] or ""
        if kind.startswith("select_one ") and value:
            return lists[kind.split(" ", 1)[1]][value]
        return value

    header = [*[header_of(f) for f in fields], "_id", "_uuid", "_submission_time", "_index"]
    rows = [
        [
            *[value_of(name, value) for name, value in values(s).items()],
            str(100 + i),
            s["id"],
            "2024-09-06T08:00:00",
            str(i + 1),
        ]
        for i, s in enumerate(SUBMISSIONS)
    ]
    return write_csv(header, rows, delimiter=";", quoting=csv.QUOTE_ALL)


def as_xlsx(data: bytes) -> bytes:
    book = Workbook()
    text = data.decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def fresh_wave(world):
    made = iter(range(100))

    def make():
        return Wave.objects.create(
            program=world.program,
            key=f"wave-{next(made)}",
            name="Hösten 2024",
            kind=Wave.Kind.BASELINE,
            instruments=[WHO5, SRH],
            opens_on=date(2024, 9, 1),
        )

    return make


def imported(world, wave, name, data):
    access = get_program_access(world.leader, world.program.slug)
    result = import_submissions(access=access, wave=wave, rows=read_submissions(name, data))
    assert result.errors == []
    responses = {
        r.submission_id: (r.participant_id, r.language, r.mode, r.answers)
        for r in Response.objects.filter(wave=wave)
    }
    return result, responses


SHAPES = {
    "odk central": lambda wave: ("export.csv", odk_central_csv()),
    "kobo xml headers": lambda wave: ("export.csv", kobo_xml_csv()),
    "kobo labels, swedish": lambda wave: ("export.csv", kobo_label_csv(wave)),
    "kobo labels, english": lambda wave: ("export.csv", kobo_label_csv(wave, "English (en)")),
    "kobo labels with groups": lambda wave: ("export.csv", kobo_label_csv(wave, groups=True)),
    "kobo labels as xlsx": lambda wave: ("export.xlsx", as_xlsx(kobo_label_csv(wave))),
}


def test_every_shape_imports_the_same_responses_with_the_same_ids(world, fresh_wave):
    seen = {}
    for shape, export in SHAPES.items():
        wave = fresh_wave()
        result, responses = imported(world, wave, *export(wave))
        assert (result.created, result.without_consent, result.unknown_columns) == (2, 1, []), shape
        seen[shape] = responses
    expected = {
        "uuid:aaa-111": (
            world.participant_a.pk,
            "sv",
            "assisted",
            {WHO5: {f"q{i}": 3 for i in range(1, 6)}, SRH: {"q1": 2}},
        ),
        "uuid:bbb-222": (
            None,
            "en",
            "self",
            {WHO5: {"q1": 5, "q2": 4, "q3": 3, "q4": 2, "q5": 1}, SRH: {}},
        ),
    }
    for shape, responses in seen.items():
        assert responses == expected, shape


def test_another_export_of_the_same_submissions_changes_nothing(world, fresh_wave):
    wave = fresh_wave()
    first, _ = imported(world, wave, "kobo.csv", kobo_label_csv(wave))
    assert first.created == 2
    for name, data in (("odk.csv", odk_central_csv()), ("kobo.csv", kobo_xml_csv())):
        again, _ = imported(world, wave, name, data)
        assert (again.created, again.unchanged, again.without_consent) == (0, 2, 1)
    assert Response.objects.filter(wave=wave).count() == 2


@pytest.fixture
def leader(client, world):
    client.login(username="leader", password=PASSWORD)
    return client


def test_the_page_says_why_nothing_was_imported(leader, fresh_wave):
    wave = fresh_wave()
    url = reverse("surveys:import", args=["test", wave.key])
    data = kobo_label_csv(wave)

    response = leader.post(url, {"file": SimpleUploadedFile("kobo.csv", data)}, follow=True)
    body = response.content.decode()
    assert "2 responses imported." in body and "1 row was skipped: no consent" in body

    response = leader.post(url, {"file": SimpleUploadedFile("kobo.csv", data)})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was imported from the file&#x27;s 3 rows." in body
    assert "2 rows were already imported." in body
    assert "1 row was skipped: no consent to research." in body
    assert "responses imported" not in body


def test_a_file_of_another_form_is_refused_naming_the_columns(leader, fresh_wave):
    wave = fresh_wave()
    url = reverse("surveys:import", args=["test", wave.key])
    data = write_csv(["Namn", "Ålder", "_uuid"], [["Kim", "34", "x-1"]], delimiter=";")

    response = leader.post(url, {"file": SimpleUploadedFile("annat.csv", data)})

    body = response.content.decode()
    assert "No column holds the consent question" in body
    assert not Response.objects.exists()


@pytest.mark.parametrize("data", [b"PK\x03\x04broken", bytes(range(256))])
def test_a_broken_workbook_gets_a_message_not_an_error_page(leader, fresh_wave, data):
    wave = fresh_wave()
    url = reverse("surveys:import", args=["test", wave.key])

    response = leader.post(url, {"file": SimpleUploadedFile("kobo.xlsx", data)})

    assert response.status_code == 200
    assert "not a readable .xlsx workbook" in response.content.decode()
