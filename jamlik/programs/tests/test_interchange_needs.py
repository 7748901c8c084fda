"""The needs column of workshops.csv: exported, imported, checked against the program's
needs, and a warning for a workshop that is active without any need."""

import csv
import io
from pathlib import Path

import pytest

from jamlik.activities.models import Activity
from jamlik.needs.models import Need
from jamlik.programs.interchange import (
    ImportRejected,
    export_program,
    import_source,
    read_path,
)
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

HEADER = "key,name,theme,status,needs\n"


@pytest.fixture(autouse=True)
def _in_english(english):
    """These tests read messages in English (the `english` fixture in conftest.py)."""


@pytest.fixture
def needs(world) -> dict[str, Need]:
    """Three needs of the test program; workshop A addresses "trygghet"."""
    found = {
        key: Need.objects.create(program=world.program, key=key, title=key.title())
        for key in ("trygghet", "motesplatser", "rorelse")
    }
    world.workshop_a.needs.add(found["trygghet"])
    return found


def write(tmp_path: Path, **files: str) -> Path:
    path = tmp_path / "in"
    path.mkdir(exist_ok=True)
    for name, text in files.items():
        (path / f"{name}.csv").write_text(text, encoding="utf-8")
    return path


def run_import(program, path):
    return import_source(program=program, source=read_path(path), user=None)


def problems_of(program, path) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        run_import(program, path)
    return [str(problem) for problem in rejected.value.problems]


def need_keys(program, workshop_key: str) -> list[str]:
    workshop = Workshop.objects.get(program=program, key=workshop_key)
    return sorted(workshop.needs.values_list("key", flat=True))


def test_it_exports_the_keys_of_each_workshops_needs(world, needs):
    world.workshop_b.needs.add(needs["rorelse"], needs["motesplatser"])

    files = export_program(program=world.program, user=None).files

    assert files["workshops.csv"].decode().splitlines() == [
        "key,name,theme,status,needs",
        "a,Verkstad A,,active,trygghet",
        "b,Verkstad B,,active,motesplatser;rorelse",
    ]


def test_it_sets_the_needs_of_new_and_existing_workshops(world, needs, tmp_path):
    path = write(
        tmp_path,
        workshops=HEADER + "a,Verkstad A,,active, rorelse ;motesplatser;rorelse\n"
        "c,Verkstad C,,planned,trygghet\n",
    )

    result = run_import(world.program, path)

    assert need_keys(world.program, "a") == ["motesplatser", "rorelse"]
    assert need_keys(world.program, "c") == ["trygghet"]
    assert need_keys(world.program, "b") == []  # not in the file
    assert result.counts["workshops"].as_dict() == {"created": 1, "updated": 1, "unchanged": 0}


def test_it_reads_a_quoted_list_in_a_file_separated_by_semicolons(world, needs, tmp_path):
    path = write(tmp_path, workshops='key;name;needs\na;Verkstad A;"rorelse;motesplatser"\n')

    run_import(world.program, path)

    assert need_keys(world.program, "a") == ["motesplatser", "rorelse"]


def test_it_counts_a_workshop_whose_only_change_is_its_needs_as_updated(world, needs, tmp_path):
    same = write(tmp_path, workshops=HEADER + "a,Verkstad A,,active,trygghet\n")
    assert run_import(world.program, same).counts["workshops"].unchanged == 1

    path = write(tmp_path, workshops=HEADER + "a,Verkstad A,,active,trygghet;rorelse\n")
    result = run_import(world.program, path)

    assert result.counts["workshops"].as_dict() == {"created": 0, "updated": 1, "unchanged": 0}
    assert need_keys(world.program, "a") == ["rorelse", "trygghet"]


def test_it_leaves_needs_unchanged_without_the_column_and_clears_them_on_an_empty_cell(
    world, needs, tmp_path
):
    run_import(world.program, write(tmp_path, workshops="key,name\na,Nytt namn\n"))
    assert need_keys(world.program, "a") == ["trygghet"]

    run_import(world.program, write(tmp_path, workshops="key,name,needs\na,Nytt namn,\n"))
    assert need_keys(world.program, "a") == []


def test_it_rejects_an_unknown_need_and_writes_nothing(world, needs, tmp_path):
    other = Program.objects.create(slug="other", name="Other")
    Need.objects.create(program=other, key="annan", title="Annan")
    path = write(
        tmp_path,
        workshops=HEADER + "a,Verkstad A,,active,rorelse\n"
        "c,Verkstad C,,active,trygghet;sommarlov;annan\n"
        "d,Verkstad D,,active,två ord\n",
        activities="key,workshop,kind,date,title\nc-1,c,culture,2024-03-05,Film\n",
    )

    assert problems_of(world.program, path) == [
        "workshops.csv:3: needs: no need with the key “annan” in the program; the needs must "
        "be in the program before the import (import them on the Needs page first)",
        "workshops.csv:3: needs: no need with the key “sommarlov” in the program; the needs "
        "must be in the program before the import (import them on the Needs page first)",
        "workshops.csv:4: needs: “två ord” is not a valid key: use only letters, digits, “-” "
        "and “_”",
    ]
    assert need_keys(world.program, "a") == ["trygghet"]
    assert not Workshop.objects.filter(key__in=["c", "d"]).exists()
    assert not Activity.objects.filter(key="c-1").exists()


def test_it_warns_about_an_active_workshop_that_ends_up_without_needs(world, needs, tmp_path):
    path = write(
        tmp_path,
        workshops=HEADER
        + "a,Verkstad A,,active,\n"  # its need removed
        + "c,Verkstad C,,,\n"  # active by default
        + "d,Verkstad D,,planned,\n"
        + "e,Verkstad E,,active,rorelse\n",
    )

    result = run_import(world.program, path)

    assert [str(w) for w in result.warnings] == [
        f"workshops.csv:{line}: needs: the workshop “{key}” is active but meets none of the "
        "program's documented needs; write the keys of the needs it meets in this column, or "
        "link them on the workshop's needs page"
        for line, key in ((2, "a"), (3, "c"))
    ]
    assert Workshop.objects.get(key="c").status == "active"


def test_it_does_not_warn_when_an_active_workshop_keeps_the_needs_it_has(world, needs, tmp_path):
    path = write(tmp_path, workshops="key,name,status\na,Verkstad A,active\nb,Verkstad B,paused\n")

    result = run_import(world.program, path)

    assert result.warnings == []
    assert Workshop.objects.get(key="b").status == "paused"


def test_it_warns_about_workshops_of_a_new_program_which_has_no_needs_yet(db, tmp_path):
    path = write(tmp_path, workshops="key,name\nw,W\n")

    result = run_import(Program(slug="fresh", name="Fresh"), path)

    assert [str(w).split(": ", 2)[:2] for w in result.warnings] == [["workshops.csv:2", "needs"]]


def test_it_rejects_any_need_for_a_program_made_by_the_import(db, tmp_path):
    path = write(tmp_path, workshops=HEADER + "w,W,,active,trygghet\n")

    problems = problems_of(Program(slug="fresh", name="Fresh"), path)

    assert problems == [
        "workshops.csv:2: needs: no need with the key “trygghet” in the program; the needs must "
        "be in the program before the import (import them on the Needs page first)"
    ]
    assert not Program.objects.filter(slug="fresh").exists()


def test_it_keeps_the_needs_through_its_own_export(world, needs, tmp_path):
    world.workshop_b.needs.add(needs["rorelse"], needs["motesplatser"])
    files = export_program(program=world.program, user=None).files
    world.workshop_a.needs.clear()
    world.workshop_b.needs.set([needs["trygghet"]])
    (tmp_path / "workshops.csv").write_bytes(files["workshops.csv"])

    result = run_import(world.program, tmp_path / "workshops.csv")

    assert need_keys(world.program, "a") == ["trygghet"]
    assert need_keys(world.program, "b") == ["motesplatser", "rorelse"]
    assert result.warnings == []
    assert export_program(program=world.program, user=None).files == files
    rows = list(csv.DictReader(io.StringIO(files["workshops.csv"].decode())))
    assert [row["needs"] for row in rows] == ["trygghet", "motesplatser;rorelse"]
