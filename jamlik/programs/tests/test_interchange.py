import csv
import io
import random
import shutil
import unicodedata
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone
from openpyxl import Workbook

from jamlik.activities.models import (
    Activity,
    Attendance,
    Category,
    Gender,
    Headcount,
    IndividualSupport,
    Participant,
)
from jamlik.lib.periods import Period
from jamlik.needs.models import Need
from jamlik.people.models import AuditEvent
from jamlik.programs.interchange import (
    ImportRejected,
    export_program,
    import_source,
    read_path,
    read_upload,
    write_folder,
)
from jamlik.programs.models import Program
from jamlik.reports.figures import compute_figures
from jamlik.workshops.models import Workshop

VALID = Path(__file__).parent / "data" / "valid"


@pytest.fixture(autouse=True)
def _in_english(english):
    """These tests read messages in English (the `english` fixture in conftest.py)."""


@pytest.fixture
def program(db):
    return Program.objects.create(slug="new", name="Nytt program")


def folder(tmp_path: Path, **files: str | None) -> Path:
    """The valid example files, with some replaced (text) or left out (None)."""
    path = tmp_path / "in"
    shutil.copytree(VALID, path)
    for name, text in files.items():
        if text is None:
            (path / f"{name}.csv").unlink()
        else:
            (path / f"{name}.csv").write_text(text, encoding="utf-8")
    return path


def only(tmp_path: Path, **files: str) -> Path:
    """A folder with just these files."""
    path = tmp_path / "only"
    path.mkdir()
    for name, text in files.items():
        (path / f"{name}.csv").write_text(text, encoding="utf-8")
    return path


def run_import(program, path, user=None):
    return import_source(program=program, source=read_path(path), user=user)


def problems_of(program, path) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        run_import(program, path)
    return [str(problem) for problem in rejected.value.problems]


def rows_in(program) -> dict[str, int]:
    return {
        "participants": Participant.objects.filter(program=program).count(),
        "workshops": Workshop.objects.filter(program=program).count(),
        "activities": Activity.objects.filter(program=program).count(),
        "attendance": Attendance.objects.filter(activity__program=program).count(),
        "headcounts": Headcount.objects.filter(activity__program=program).count(),
        "support": IndividualSupport.objects.filter(program=program).count(),
    }


def test_it_creates_the_rows_of_every_file(program, tmp_path):
    result = run_import(program, folder(tmp_path))

    assert rows_in(program) == {
        "participants": 3,
        "workshops": 2,
        "activities": 4,
        "attendance": 4,
        "headcounts": 2,
        "support": 3,
    }
    assert {name: c.created for name, c in result.counts.items()} == rows_in(program)
    adult = Participant.objects.get(program=program, code="N-0001")
    assert (adult.category, adult.gender, adult.birth_year, adult.home_area) == (
        "adult",
        "woman",
        1980,
        "Lindängen",
    )
    assert adult.registered_in.key == "mental"
    assert Participant.objects.get(program=program, code="N-0002").gender == Gender.UNKNOWN
    gym = Activity.objects.get(program=program, key="g-1")
    assert gym.workshop.key == "gym"
    assert gym.title == "Utegym, lördag"
    assert (gym.start_time, gym.duration_minutes, gym.large_event) == (time(10), 60, False)
    area_day = Activity.objects.get(program=program, key="area-1")
    assert (area_day.workshop, area_day.large_event, area_day.start_time) == (None, True, None)
    assert Activity.objects.get(program=program, key="m-2").status == "cancelled"
    assert Workshop.objects.get(program=program, key="gym").status == "active"
    headcount = Headcount.objects.get(activity=area_day, category="child_youth")
    assert (headcount.gender, headcount.count) == ("unknown", 25)
    referral = IndividualSupport.objects.get(program=program, kind="referral")
    assert (referral.participant, referral.minutes, referral.workshop.key) == (None, None, "gym")


def test_it_changes_nothing_when_the_same_files_are_imported_again(program, tmp_path):
    path = folder(tmp_path)
    run_import(program, path)
    before = rows_in(program)
    titles = list(Activity.objects.order_by("key").values_list("key", "title", "large_event"))

    result = run_import(program, path)

    assert rows_in(program) == before
    assert list(Activity.objects.order_by("key").values_list("key", "title", "large_event")) == (
        titles
    )
    assert {c.created + c.updated for c in result.counts.values()} == {0}
    assert result.counts["support"].unchanged == 3
    assert result.summary()[0] == "participants.csv: 0 created, 0 updated, 3 unchanged"


def test_it_updates_rows_whose_values_changed(program, tmp_path):
    run_import(program, folder(tmp_path))
    changed = only(
        tmp_path,
        activities="key,kind,date,title\nm-1,health_circle,2024-02-01,Ny titel\n",
        headcounts="activity,category,gender,count\narea-1,adult,kvinna,41\n",
    )

    result = run_import(program, changed)

    activity = Activity.objects.get(program=program, key="m-1")
    assert activity.title == "Ny titel"
    # Columns left out of the header are not touched.
    assert (activity.workshop.key, activity.start_time, activity.duration_minutes) == (
        "mental",
        time(17),
        90,
    )
    assert Headcount.objects.get(activity__key="area-1", category="adult").count == 41
    assert (result.counts["activities"].updated, result.counts["headcounts"].updated) == (1, 1)
    assert rows_in(program)["headcounts"] == 2


def test_it_leaves_out_columns_untouched_but_empties_empty_cells(program, tmp_path):
    run_import(program, folder(tmp_path))
    run_import(
        program,
        only(
            tmp_path,
            participants="code,category,home_area\nN-0001,adult,\n",
        ),
    )
    participant = Participant.objects.get(program=program, code="N-0001")
    assert (participant.gender, participant.birth_year, participant.home_area) == (
        "woman",
        1980,
        "",
    )
    assert participant.registered_in.key == "mental"


def test_it_compares_support_rows_without_workshop_when_the_column_is_left_out(world, tmp_path):
    IndividualSupport.objects.create(
        program=world.program,
        workshop=world.workshop_a,
        participant=world.participant_a,
        date=date(2024, 4, 3),
        minutes=30,
    )

    result = run_import(
        world.program, only(tmp_path, support="date,participant,minutes\n2024-04-03,T-AAAA,30\n")
    )

    assert (result.counts["support"].created, result.counts["support"].unchanged) == (0, 1)
    assert IndividualSupport.objects.get().workshop == world.workshop_a


def test_it_rejects_a_workshop_key_that_does_not_exist(world, tmp_path):
    path = only(
        tmp_path,
        participants="code,category,registered_in\nN-1,adult,a\nN-2,adult,c\n",
        support="date,participant,workshop\n2024-04-03,N-1,b\n2024-04-03,N-1,gym\n",
    )

    assert problems_of(world.program, path) == [
        "participants.csv:3: registered_in: no workshop with the key “c” in this import or in "
        "the program",
        "support.csv:3: workshop: no workshop with the key “gym” in this import or in the program",
    ]


def test_it_adds_only_the_missing_copies_of_identical_support_rows(program, tmp_path):
    run_import(program, folder(tmp_path, support="date,participant,kind,minutes\n"))
    participant = Participant.objects.get(program=program, code="N-0001")
    IndividualSupport.objects.create(
        program=program, participant=participant, date=date(2024, 2, 10), minutes=30
    )

    result = run_import(program, folder(tmp_path / "again"))

    rows = IndividualSupport.objects.filter(program=program, participant=participant)
    assert rows.count() == 2
    assert (result.counts["support"].created, result.counts["support"].unchanged) == (2, 1)


def test_it_keeps_more_identical_support_rows_than_the_file_has(program, tmp_path):
    participant = Participant.objects.create(program=program, code="N-0001", category="adult")
    for _ in range(3):
        IndividualSupport.objects.create(
            program=program, participant=participant, date=date(2024, 2, 10), minutes=30
        )

    run_import(program, folder(tmp_path))

    assert IndividualSupport.objects.filter(participant=participant).count() == 3


def test_it_accepts_swedish_labels_in_any_case_and_with_spaces(program, tmp_path):
    decomposed = unicodedata.normalize("NFD", "Okänd")
    path = only(
        tmp_path,
        participants=(
            "code,category,gender\n"
            "S-1, Barn_Unga ,KVINNA\n"
            "S-2,vuxen,man\n"
            "S-3,Yrkesverksam,annan\n"
            f"S-4,vuxen,{decomposed}\n"
        ),
        activities="key,kind,date,title\nx-1,culture,2024-01-10,Kultur\n",
        headcounts="activity,category,gender,count\nx-1,barn_unga,Kvinna,3\n",
    )

    run_import(program, path)

    assert list(
        Participant.objects.filter(program=program)
        .order_by("code")
        .values_list("category", "gender")
    ) == [
        (Category.CHILD_YOUTH, Gender.WOMAN),
        (Category.ADULT, Gender.MAN),
        (Category.PROFESSIONAL, Gender.OTHER),
        (Category.ADULT, Gender.UNKNOWN),
    ]
    headcount = Headcount.objects.get(activity__key="x-1")
    assert (headcount.category, headcount.gender) == (Category.CHILD_YOUTH, Gender.WOMAN)


def test_it_lists_every_problem_with_file_line_and_column_and_writes_nothing(program, tmp_path):
    path = folder(
        tmp_path,
        participants=(
            "code,category,gender,birth_year,home_area\n"
            "N-0001,adult,woman,1980,\n"
            "N-0002,teenager,,1850,\n"
            "N-0001,adult,,,\n"
        ),
        activities=(
            "key,workshop,kind,large_event,date,start_time,duration_minutes,title,status\n"
            "m-1,mental,yoga,maybe,2024-13-01,25:00,-5,,done\n"
            "bad key,nowhere,health_circle,,2024-02-01,,,Titel,held\n"
        ),
        attendance="activity,participant\nm-1,N-0001\nm-9,N-0404\n",
        headcounts=None,
    )

    problems = problems_of(program, path)

    this_year = timezone.localdate().year
    assert problems == [
        "participants.csv:3: category: “teenager” is not one of: child_youth, adult, "
        "professional, barn_unga, vuxen, yrkesverksam",
        f"participants.csv:3: birth_year: “1850” is not a plausible birth year: use a year "
        f"from 1900 to {this_year}",
        "participants.csv:4: code: “N-0001” is already on line 2",
        "activities.csv:2: kind: “yoga” is not one of: health_circle, physical_activity, "
        "health_information, experience_exchange, language_development, civic_information, "
        "parenting_support, culture, area_day, dialogue_forum, courtyard_party, other",
        "activities.csv:2: large_event: “maybe” is not true or false (leave it empty for the "
        "default of the kind)",
        "activities.csv:2: date: “2024-13-01” is not a date; write it as YYYY-MM-DD, for "
        "example 2024-03-05",
        "activities.csv:2: start_time: “25:00” is not a time; write it as HH:MM, for example 09:30",
        "activities.csv:2: duration_minutes: “-5” is not a whole number of 0 or more",
        "activities.csv:2: title: a value is required",
        "activities.csv:2: status: “done” is not one of: planned, held, cancelled, planerad, "
        "genomförd, inställd",
        "activities.csv:3: key: “bad key” is not a valid key: use only letters, digits, “-” "
        "and “_”",
        "activities.csv:3: workshop: no workshop with the key “nowhere” in this import or in "
        "the program",
        "attendance.csv:3: activity: no activity with the key “m-9” in this import or in the "
        "program",
        "attendance.csv:3: participant: no participant with the code “N-0404” in this import "
        "or in the program",
    ]
    assert set(rows_in(program).values()) == {0}


def test_it_refers_to_rows_already_in_the_program(world, tmp_path):
    path = only(
        tmp_path,
        activities="key,workshop,kind,date,title\nc-1,a,culture,2024-04-02,Kultur\n",
        attendance="activity,participant\nb-1,T-AAAA\nc-1,T-BBBB\n",
        support="date,participant\n2024-04-03,T-AAAA\n",
    )

    run_import(world.program, path)

    assert Activity.objects.get(key="c-1").workshop == world.workshop_a
    assert set(
        Attendance.objects.filter(activity__key__in=["b-1", "c-1"]).values_list(
            "activity__key", "participant__code"
        )
    ) == {("b-1", "T-AAAA"), ("b-1", "T-BBBB"), ("c-1", "T-BBBB")}
    assert IndividualSupport.objects.get().participant == world.participant_a


def test_it_does_not_see_rows_of_another_program(world, program, tmp_path):
    path = only(tmp_path, attendance="activity,participant\na-1,T-AAAA\n")

    assert problems_of(program, path) == [
        "attendance.csv:2: activity: no activity with the key “a-1” in this import or in the "
        "program",
        "attendance.csv:2: participant: no participant with the code “T-AAAA” in this import "
        "or in the program",
    ]


def test_it_reports_a_missing_column_once_for_the_header(program, tmp_path):
    path = only(
        tmp_path,
        activities="key,kind,title\nx-1,culture,A\nx-2,culture,B\n",
        attendance="activity,participant\nx-1,N-1\n",
        participants="code,category\nN-1,adult\n",
    )

    assert problems_of(program, path) == [
        "activities.csv:1: date: the column is missing from the header"
    ]


def test_it_reports_a_repeated_column_and_a_line_with_too_many_values(program, tmp_path):
    path = only(
        tmp_path,
        workshops="key,name,name\nw,W,W\n",
        participants="code,category\nN-1,adult,extra\nN-2,adult,,\n",
    )

    assert problems_of(program, path) == [
        "participants.csv:2: this line has more values than the header has columns",
        "workshops.csv:1: name: the column appears more than once in the header",
    ]


def test_it_rejects_a_file_that_is_not_utf8(program, tmp_path):
    path = folder(tmp_path)
    (path / "participants.csv").write_bytes(
        "code,category,home_area\nN-0001,adult,Holma\nN-0002,adult,Lindängen\n".encode("cp1252")
    )

    problems = problems_of(program, path)

    assert problems[0] == (
        "participants.csv:3: the file is not UTF-8 text; save it as “CSV UTF-8” and try again"
    )
    assert set(rows_in(program).values()) == {0}


def test_it_accepts_a_byte_order_mark_semicolons_and_blank_lines(program, tmp_path):
    path = tmp_path / "excel"
    path.mkdir()
    (path / "participants.csv").write_bytes(
        "code;category;home_area\r\nN-1;vuxen;Holma\r\n;;\r\n\r\n".encode("utf-8-sig")
    )

    run_import(program, path)

    assert list(Participant.objects.values_list("code", "category", "home_area")) == [
        ("N-1", "adult", "Holma")
    ]


def test_it_warns_about_unknown_files_and_columns_and_imports_the_rest(program, tmp_path):
    path = only(
        tmp_path,
        participants="code,category,name\nN-1,adult,Anna Andersson\n",
        activites="key\n",
    )
    (path / "README.txt").write_text("notes", encoding="utf-8")

    result = run_import(program, path)

    assert [str(w) for w in result.warnings] == [
        "activites.csv: ignored: not one of the files of the format (participants.csv, "
        "workshops.csv, activities.csv, attendance.csv, headcounts.csv, support.csv, "
        "goal_categories.csv, goals.csv, indicators.csv, indicator_values.csv, phases.csv, "
        "checklist.csv, premises.csv, volunteers.csv, volunteer_hours.csv, media_mentions.csv, "
        "decision_points.csv, policy_issues.csv)",
        "participants.csv:1: name: ignored: not a column of this file",
    ]
    assert Participant.objects.get().name == ""


def test_it_rejects_a_folder_without_any_of_the_files(program, tmp_path):
    (tmp_path / "notes.txt").write_text("nothing", encoding="utf-8")

    problems = problems_of(program, tmp_path)

    assert len(problems) == 1
    assert "found none of the files of the format" in problems[0]


def test_it_rejects_a_path_that_does_not_exist(program, tmp_path):
    assert problems_of(program, tmp_path / "missing") == [
        f"{tmp_path / 'missing'}: no such file or folder"
    ]


def workbook(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_it_imports_a_workbook_with_typed_cells(program):
    data = workbook(
        {
            "Participants": [["code", "category", "birth_year"], ["X-1", "vuxen", 1990]],
            "activities": [
                ["key", "kind", "large_event", "date", "start_time", "duration_minutes", "title"],
                # Excel's date-times carry no time zone.
                ["k-1", "area_day", False, datetime(2024, 3, 5), time(9, 30), 120.0, "'@Dag"],  # noqa: DTZ001
            ],
            "attendance": [["activity", "participant"], ["k-1", "X-1"]],
            "Instructions": [["Fill in the sheets"]],
        }
    )

    result = import_source(
        program=program, source=read_upload(name="record.xlsx", data=data), user=None
    )

    activity = Activity.objects.get(program=program)
    assert (activity.date, activity.start_time, activity.duration_minutes) == (
        date(2024, 3, 5),
        time(9, 30),
        120,
    )
    assert (activity.large_event, activity.title) == (False, "@Dag")
    assert Participant.objects.get().birth_year == 1990
    assert Attendance.objects.count() == 1
    assert [str(w) for w in result.warnings] == [
        "Instructions: ignored: not one of the files of the format (participants.csv, "
        "workshops.csv, activities.csv, attendance.csv, headcounts.csv, support.csv, "
        "goal_categories.csv, goals.csv, indicators.csv, indicator_values.csv, phases.csv, "
        "checklist.csv, premises.csv, volunteers.csv, volunteer_hours.csv, media_mentions.csv, "
        "decision_points.csv, policy_issues.csv)"
    ]


def test_it_names_workbook_problems_by_sheet_and_row(program):
    data = workbook(
        {
            "activities": [
                ["key", "kind", "date", "title"],
                ["k-1", "culture", "2024-03-05", "A"],
                [None, None, None, None],
                ["k-2", "culture", "5/3/2024", "B"],
            ]
        }
    )

    with pytest.raises(ImportRejected) as rejected:
        import_source(program=program, source=read_upload(name="r.xlsx", data=data), user=None)

    assert [str(p) for p in rejected.value.problems] == [
        "activities:4: date: “5/3/2024” is not a date; write it as YYYY-MM-DD, for example "
        "2024-03-05"
    ]


def test_it_rejects_a_damaged_workbook(program, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")

    assert problems_of(program, path) == [f"{path}: not a readable .xlsx workbook"]


def build_record(program: Program, seed: int = 7) -> None:
    """A varied record over 2023–2025: recurring and one-off participants, large events,
    cancelled and program-wide activities, headcounts and support."""
    rng = random.Random(seed)
    workshops = [
        Workshop.objects.create(program=program, key=key, name=key.title())
        for key in ("mental", "gym", "women", "youth")
    ]
    participants = [
        Participant.objects.create(
            program=program,
            code=f"R-{n:04d}",
            category=rng.choice(Category.values),
            gender=rng.choice(Gender.values),
            birth_year=rng.choice([None, rng.randint(1940, 2015)]),
            name="Secret Name" if n == 0 else "",
            name_consent_at=timezone.now() if n == 0 else None,
            registered_in=workshops[n % 4] if n % 5 else None,
        )
        for n in range(60)
    ]
    day = date(2023, 1, 2)
    n = 0
    while day <= date(2025, 6, 30):
        for workshop in workshops:
            if rng.random() < 0.6:
                continue
            kind = rng.choice(["health_circle", "physical_activity", "culture", "area_day"])
            activity = Activity.objects.create(
                program=program,
                key=f"act-{n}",
                workshop=workshop if rng.random() < 0.9 else None,
                kind=kind,
                large_event=Activity.is_large_event_kind(kind),
                date=day + timedelta(days=rng.randint(0, 6)),
                start_time=rng.choice([None, time(10), time(17, 30)]),
                duration_minutes=rng.choice([None, 60, 90]),
                title=f"Aktivitet {n}",
                status=rng.choice(["held"] * 8 + ["cancelled", "planned"]),
            )
            n += 1
            regulars = participants[:15] if rng.random() < 0.5 else participants
            for participant in rng.sample(regulars, rng.randint(0, 8)):
                Attendance.objects.create(activity=activity, participant=participant)
            if rng.random() < 0.4:
                Headcount.objects.create(
                    activity=activity,
                    category=rng.choice(Category.values),
                    gender=rng.choice(Gender.values),
                    count=rng.randint(0, 30),
                )
        if rng.random() < 0.5:
            IndividualSupport.objects.create(
                program=program,
                date=day,
                participant=rng.choice([None, *participants]),
                kind=rng.choice(IndividualSupport.Kind.values),
                minutes=rng.choice([None, 15, 30]),
                workshop=workshops[day.month % 4] if day.day % 3 else None,
            )
        day += timedelta(days=7)


PERIODS = ["2023H1", "2023H2", "2024H1", "2024H2", "2024", "2025H1", "2023-03-15..2024-08-31"]


def test_it_gives_identical_figures_after_export_and_import(program, tmp_path):
    build_record(program)
    for key, workshops in (("trygghet", ["mental", "women"]), ("rorelse", ["gym", "women"])):
        need = Need.objects.create(program=program, key=key, title=key.title())
        need.workshops.set(Workshop.objects.filter(program=program, key__in=workshops))
    export = export_program(program=program, user=None)
    write_folder(export.files, tmp_path / "export")
    # The needs a workshop refers to must be in the program before the import.
    copy = Program.objects.create(slug="copy", name="Copy")
    for need in Need.objects.filter(program=program):
        Need.objects.create(program=copy, key=need.key, title=need.title)

    result = run_import(copy, tmp_path / "export")

    for label in PERIODS:
        period = Period.parse(label)
        original = compute_figures(program=program, period=period)
        imported = compute_figures(program=copy, period=period)
        assert original["activities"] > 0
        assert original["recurring_participants"] > 0 or label.endswith("H1")
        assert {**imported, "program": "new"} == original, label
    assert export_program(program=copy, user=None).files == export.files

    def needs_of(of: Program) -> list[tuple]:
        rows = Workshop.objects.filter(program=of).order_by("key", "needs__key")
        return list(rows.values_list("key", "needs__key"))

    assert (
        needs_of(copy)
        == needs_of(program)
        == [
            ("gym", "rorelse"),
            ("mental", "trygghet"),
            ("women", "rorelse"),
            ("women", "trygghet"),
            ("youth", None),
        ]
    )
    assert [str(w).split(": ", 2)[:2] for w in result.warnings] == [["workshops.csv:5", "needs"]]


def test_it_keeps_registered_in_and_support_workshops_through_export_and_import(program, tmp_path):
    build_record(program)
    write_folder(export_program(program=program, user=None).files, tmp_path / "export")
    copy = Program(slug="copy", name="Copy")

    run_import(copy, tmp_path / "export")

    def registered(of: Program) -> list[tuple]:
        rows = Participant.objects.filter(program=of).order_by("code")
        return list(rows.values_list("code", "registered_in__key"))

    def support(of: Program) -> list[tuple]:
        rows = IndividualSupport.objects.filter(program=of)
        return sorted(
            rows.values_list("date", "participant__code", "kind", "minutes", "workshop__key"),
            key=repr,
        )

    assert {key for _code, key in registered(program)} == {None, "gym", "mental", "women", "youth"}
    assert {row[-1] for row in support(program)} == {None, "gym", "mental", "women", "youth"}
    assert registered(copy) == registered(program)
    assert support(copy) == support(program)


def test_it_changes_nothing_when_its_own_export_is_imported(program, tmp_path):
    build_record(program, seed=3)
    write_folder(export_program(program=program, user=None).files, tmp_path / "export")
    before = rows_in(program)

    result = run_import(program, tmp_path / "export")

    assert rows_in(program) == before
    assert {c.created + c.updated for c in result.counts.values()} == {0}


def test_it_never_exports_names(program):
    build_record(program, seed=1)
    assert Participant.objects.filter(name="Secret Name").exists()

    files = export_program(program=program, user=None).files

    assert sorted(files) == [
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
    assert not any(b"Secret" in content for content in files.values())
    assert files["participants.csv"].startswith(
        b"code,category,gender,birth_year,home_area,registered_in\n"
    )


def test_it_exports_sorted_rows_in_the_format(world):
    Activity.objects.create(
        program=world.program,
        key="0-early",
        kind="area_day",
        large_event=True,
        date=date(2024, 1, 2),
        start_time=time(9, 5),
        title='Dag "ute", med komma',
    )

    files = export_program(program=world.program, user=None).files

    assert files["activities.csv"].decode().splitlines() == [
        "key,workshop,kind,large_event,date,start_time,duration_minutes,title,status",
        '0-early,,area_day,true,2024-01-02,09:05,,"Dag ""ute"", med komma",held',
        "a-1,a,health_circle,false,2024-03-05,,,Hälsocirkel A,held",
        "b-1,b,physical_activity,false,2024-03-06,,,Träning B,held",
    ]
    assert files["attendance.csv"].decode().splitlines() == [
        "activity,participant",
        "a-1,T-AAAA",
        "b-1,T-BBBB",
    ]


def test_it_guards_text_against_spreadsheet_formulas_and_imports_it_back(world, tmp_path):
    title = '=HYPERLINK("https://example.com","Klicka")'
    Activity.objects.filter(key="a-1").update(title=title, duration_minutes=60)
    Activity.objects.filter(key="b-1").update(title="'-already quoted")
    Workshop.objects.filter(key="a").update(name="+46 Träffen", theme="@home")
    Participant.objects.filter(code="T-AAAA").update(home_area="\tÖster", code="-AAAA")

    files = export_program(program=world.program, user=None).files

    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(files[name].decode())))

    activities = {row["key"]: row for row in rows("activities.csv")}
    assert activities["a-1"]["title"] == f"'{title}"
    assert activities["b-1"]["title"] == "''-already quoted"
    # Dates, numbers and keys are not text, and are never escaped.
    assert (activities["a-1"]["date"], activities["a-1"]["duration_minutes"]) == (
        "2024-03-05",
        "60",
    )
    assert rows("workshops.csv")[0] == {
        "key": "a",
        "name": "'+46 Träffen",
        "theme": "'@home",
        "status": "active",
        "needs": "",
    }
    assert rows("participants.csv")[0]["home_area"] == "'\tÖster"
    assert rows("attendance.csv")[0] == {"activity": "a-1", "participant": "'-AAAA"}

    write_folder(files, tmp_path / "export")
    copy = Program(slug="copy", name="Copy")
    run_import(copy, tmp_path / "export")

    assert Activity.objects.get(program=copy, key="a-1").title == title
    assert Activity.objects.get(program=copy, key="b-1").title == "'-already quoted"
    assert Workshop.objects.filter(program=copy, key="a").values_list("name", "theme").get() == (
        "+46 Träffen",
        "@home",
    )
    participant = Participant.objects.get(program=copy, code="-AAAA")
    assert participant.home_area == "\tÖster"
    assert participant.attendances.get().activity.key == "a-1"
    assert export_program(program=copy, user=None).files == files


def test_it_records_imports_and_exports_in_the_audit_log(world, tmp_path):
    run_import(world.program, folder(tmp_path), user=world.leader)
    export_program(program=world.program, user=world.leader)

    imported, exported = AuditEvent.objects.order_by("at", "pk")
    assert (imported.action, imported.user, imported.program) == (
        "import",
        world.leader,
        world.program,
    )
    assert imported.detail["files"]["participants"] == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
    }
    assert exported.action == "export"
    assert exported.detail["rows"]["participants.csv"] == 5


def test_it_writes_no_audit_event_for_a_rejected_import(program, tmp_path):
    path = only(tmp_path, participants="code,category\nN-1,nobody\n")

    problems_of(program, path)

    assert not AuditEvent.objects.exists()


def test_it_creates_a_new_program_only_when_the_import_succeeds(db, tmp_path):
    bad = Program(slug="fresh", name="Fresh")
    problems_of(bad, only(tmp_path, participants="code,category\nN-1,nobody\n"))
    assert not Program.objects.filter(slug="fresh").exists()

    good = Program(slug="fresh", name="Fresh")
    run_import(good, folder(tmp_path))
    assert rows_in(Program.objects.get(slug="fresh"))["activities"] == 4


@time_machine.travel(date(2024, 5, 1))
def test_it_takes_planned_in_swedish_and_an_empty_status_by_the_date(program, tmp_path):
    path = only(
        tmp_path,
        activities=(
            "key,kind,date,title,status\n"
            "p-1,culture,2024-06-01,Kultur,Planerad\n"
            "p-2,culture,2024-06-02,Kultur,\n"
            "p-3,culture,2024-05-01,Kultur,\n"
            "p-4,culture,2024-04-01,Kultur,planerad\n"
        ),
    )
    run_import(program, path)
    statuses = dict(Activity.objects.filter(program=program).values_list("key", "status"))
    assert statuses == {"p-1": "planned", "p-2": "planned", "p-3": "held", "p-4": "planned"}
    assert compute_figures(program=program, period=Period.parse("2024H1"))["activities"] == 1


@time_machine.travel(date(2024, 5, 1))
def test_it_makes_a_new_activity_after_today_planned_when_the_status_column_is_left_out(
    program, tmp_path
):
    path = only(tmp_path, activities="key,kind,date,title\nf-1,culture,2024-05-02,Kultur\n")
    run_import(program, path)
    assert Activity.objects.get(key="f-1").status == "planned"


@time_machine.travel(date(2024, 5, 1))
def test_it_rejects_an_activity_after_today_that_is_held(program, tmp_path):
    path = only(
        tmp_path, activities="key,kind,date,title,status\nf-1,culture,2024-05-02,Kultur,held\n"
    )
    assert problems_of(program, path) == [
        "activities.csv:2: status: An activity after today cannot have been held yet: "
        "save it as planned."
    ]
