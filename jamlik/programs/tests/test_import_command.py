import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from jamlik.activities.models import Activity, Attendance, Participant
from jamlik.people.models import AuditEvent
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

VALID = Path(__file__).parent / "data" / "valid"


@pytest.fixture(autouse=True)
def _in_english(english):
    """These tests read messages in English (the `english` fixture in conftest.py)."""


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_a_folder_into_a_new_program_and_prints_counts_per_file(db):
    out, err = run("import", "--program", "lindangen", str(VALID), "--create", "--name", "Lind")

    program = Program.objects.get(slug="lindangen")
    assert program.name == "Lind"
    assert Activity.objects.filter(program=program).count() == 4
    assert out.splitlines() == [
        "participants.csv: 3 created, 0 updated, 0 unchanged",
        "workshops.csv: 2 created, 0 updated, 0 unchanged",
        "activities.csv: 4 created, 0 updated, 0 unchanged",
        "attendance.csv: 4 created, 0 updated, 0 unchanged",
        "headcounts.csv: 2 created, 0 updated, 0 unchanged",
        "support.csv: 3 created, 0 updated, 0 unchanged",
    ]
    # Both workshops of the example are active, and a new program has no needs yet.
    assert err.splitlines() == [
        f"warning: workshops.csv:{line}: needs: the workshop “{key}” is active but meets none "
        "of the program's documented needs; write the keys of the needs it meets in this "
        "column, or link them on the workshop's needs page"
        for line, key in ((2, "mental"), (3, "gym"))
    ]


def test_it_changes_nothing_on_a_second_run(world):
    run("import", "--program", "test", str(VALID))
    counts = (Participant.objects.count(), Attendance.objects.count(), AuditEvent.objects.count())

    out, _err = run("import", "--program", "test", str(VALID))

    assert (Participant.objects.count(), Attendance.objects.count()) == counts[:2]
    assert "support.csv: 0 created, 0 updated, 3 unchanged" in out.splitlines()
    assert AuditEvent.objects.count() == counts[2] + 1


def test_it_prints_every_problem_fails_and_writes_nothing(world, tmp_path):
    path = tmp_path / "bad"
    shutil.copytree(VALID, path)
    (path / "participants.csv").write_text(
        "code,category,gender,birth_year,home_area\n"
        "N-0001,adult,woman,1980,\n"
        "N-0002,vuxen,robot,,\n"
        "N-0003,adult,,twelve,\n",
        encoding="utf-8",
    )
    (path / "notes.csv").write_text("x\n", encoding="utf-8")
    before = (Participant.objects.count(), Activity.objects.count())
    err = StringIO()

    with pytest.raises(CommandError, match="2 problem"):
        call_command("import", "--program", "test", str(path), stdout=StringIO(), stderr=err)

    assert err.getvalue().splitlines() == [
        "warning: notes.csv: ignored: not one of the files of the format (participants.csv, "
        "workshops.csv, activities.csv, attendance.csv, headcounts.csv, support.csv, "
        "goal_categories.csv, goals.csv, indicators.csv, indicator_values.csv, phases.csv, "
        "checklist.csv, premises.csv, volunteers.csv, volunteer_hours.csv, media_mentions.csv, "
        "decision_points.csv, policy_issues.csv)",
        "participants.csv:3: gender: “robot” is not one of: woman, man, other, unknown, "
        "kvinna, annan, okänd",
        "participants.csv:4: birth_year: “twelve” is not a plausible birth year: use a year "
        f"from 1900 to {timezone.localdate().year}",
    ]
    assert (Participant.objects.count(), Activity.objects.count()) == before


def test_it_imports_a_single_csv_file(world):
    out, _err = run("import", "--program", "test", str(VALID / "workshops.csv"))

    assert out == "workshops.csv: 2 created, 0 updated, 0 unchanged\n"
    assert Workshop.objects.filter(program=world.program).count() == 4


def test_it_refuses_an_unknown_program_unless_asked_to_create_it(db):
    with pytest.raises(CommandError, match="add --create"):
        run("import", "--program", "nope", str(VALID))
    assert not Program.objects.exists()


def test_it_refuses_to_create_a_program_with_a_bad_short_name(db):
    with pytest.raises(CommandError, match="not a valid short name"):
        run("import", "--program", "två ord", str(VALID), "--create")
    assert not Program.objects.exists()


def test_it_does_not_create_the_program_when_the_import_is_rejected(db, tmp_path):
    (tmp_path / "workshops.csv").write_text("key,name\nw 1,W\n", encoding="utf-8")

    with pytest.raises(CommandError):
        run("import", "--program", "fresh", str(tmp_path), "--create")

    assert not Program.objects.filter(slug="fresh").exists()


def test_it_exports_every_file_into_a_new_folder(world, tmp_path):
    out, _err = run("export", "--program", "test", "--out", str(tmp_path / "out" / "x"))

    files = sorted(p.name for p in (tmp_path / "out" / "x").iterdir())
    assert files == [
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
    assert (tmp_path / "out" / "x" / "participants.csv").read_text(encoding="utf-8") == (
        "code,category,gender,birth_year,home_area,registered_in\n"
        "T-AAAA,adult,unknown,,,a\n"
        "T-BBBB,child_youth,unknown,,,b\n"
    )
    assert "participants.csv 2" in out
    assert AuditEvent.objects.get().action == "export"


def test_it_exports_what_imports_back_unchanged(world, tmp_path):
    run("export", "--program", "test", "--out", str(tmp_path))

    out, _err = run("import", "--program", "test", str(tmp_path))

    assert all(" 0 created, 0 updated," in line for line in out.splitlines())


def test_it_refuses_to_export_an_unknown_program(db, tmp_path):
    with pytest.raises(CommandError, match="No program"):
        run("export", "--program", "nope", "--out", str(tmp_path))


def test_it_says_the_import_was_rejected_in_swedish(world, tmp_path):
    from django.utils import translation

    path = tmp_path / "participants.csv"
    path.write_text("code,category\nN-0001,robot\n", encoding="utf-8")
    with translation.override("sv"), pytest.raises(CommandError) as rejected:
        call_command("import", "--program", "test", str(path), stdout=StringIO(), stderr=StringIO())
    assert str(rejected.value) == "Importen avvisades: 1 fel; inget skrevs."
