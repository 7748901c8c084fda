"""The data a program owns beyond its daily record, in the interchange format: goals with
indicators and entered values, the cycle's steps and hand ticks, premises, volunteers."""

import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from jamlik.activities.models import Activity, Category
from jamlik.communication.models import MediaMention
from jamlik.goals.models import Goal, GoalCategory, Indicator, IndicatorValue
from jamlik.needs.models import Need
from jamlik.people.models import AuditEvent
from jamlik.premises.models import Premises
from jamlik.programs.interchange import (
    export_program,
    import_source,
    write_folder,
)
from jamlik.programs.models import ChecklistTick, PhaseStep, Program
from jamlik.programs.tests.test_interchange import only, problems_of, run_import
from jamlik.strategy.models import DecisionPoint, PolicyIssue
from jamlik.volunteers.models import Volunteer, VolunteerHours
from jamlik.workshops.models import Workshop

OWNED = (
    "goal_categories",
    "goals",
    "indicators",
    "indicator_values",
    "phases",
    "checklist",
    "premises",
    "volunteers",
    "volunteer_hours",
    "media_mentions",
    "decision_points",
    "policy_issues",
)


@pytest.fixture(autouse=True)
def _in_english(english):
    """These tests read messages in English (the `english` fixture in conftest.py)."""


@pytest.fixture
def program(db):
    return Program.objects.create(slug="new", name="Nytt program", code_prefix="N")


def build_owned(program: Program) -> None:
    gym = Workshop.objects.create(program=program, key="gym", name="Utegym")
    Workshop.objects.create(program=program, key="mental", name="Psykisk hälsa")
    walk = Activity.objects.create(
        program=program,
        key="walk-1",
        workshop=gym,
        kind=Activity.Kind.PHYSICAL_ACTIVITY,
        date=date(2024, 3, 5),
        title="Promenad",
        status=Activity.Status.HELD,
    )
    area = GoalCategory.objects.create(program=program, name="Trygghet", kind="area", position=2)
    GoalCategory.objects.create(program=program, name="=Hälsa", kind="result")
    whole = Goal.objects.create(program=program, text="Fler boende rör sig", category=area)
    local = Goal.objects.create(
        program=program, workshop=gym, text="=Fler kvinnor tränar", term=Goal.Term.SHORT
    )
    Indicator.objects.create(goal=whole, name="Aktiviteter", source="figures.activities")
    hand = Indicator.objects.create(
        goal=whole,
        name="Andel som känner sig trygga",
        kind=Indicator.Kind.MANUAL,
        source_note="Områdesenkäten",
        unit="%",
        baseline=Decimal("41.5"),
        target=Decimal("60"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
    )
    visits = Indicator.objects.create(
        goal=local, name="Besök", kind=Indicator.Kind.MANUAL, direction="lower"
    )
    IndicatorValue.objects.create(indicator=hand, period_label="2024H1", value=Decimal("44.25"))
    IndicatorValue.objects.create(indicator=hand, period_label="2023H2", value=Decimal("41.5"))
    IndicatorValue.objects.create(indicator=visits, period_label="2024H1", value=12, source="@x")
    PhaseStep.objects.create(
        program=program, phase="initiative", started_on=date(2023, 1, 9), ended_on=date(2023, 3, 1)
    )
    PhaseStep.objects.create(
        program=program, phase="exploratory", started_on=date(2023, 3, 1), note="Två kvällar"
    )
    ChecklistTick.objects.create(
        program=program,
        item="value_norms",
        done_on=date(2023, 5, 2),
        note="Antagna",
        document_url="https://example.org/normer",
    )
    ChecklistTick.objects.create(program=program, item="area_chosen", done_on=date(2023, 1, 9))
    Premises.objects.create(
        program=program,
        name="Mötesplatsen",
        address="Exempelgatan 1",
        capacity=40,
        signage_languages="svenska; arabiska",
        in_use=True,
    )
    Premises.objects.create(program=program, name="Gamla lokalen", in_use=False)
    coach = Volunteer.objects.create(
        program=program,
        code="N-V-AAAA",
        kind=Volunteer.Kind.COACH,
        category=Category.ADULT,
        workshop=gym,
        training="Diabetescoach",
        trained_on=date(2023, 9, 1),
        ambassador_from=date(2024, 1, 1),
    )
    helper = Volunteer.objects.create(
        program=program, code="N-V-BBBB", kind="volunteer", category=Category.CHILD_YOUTH
    )
    VolunteerHours.objects.create(volunteer=coach, month=date(2024, 3, 1), hours=Decimal("2.5"))
    VolunteerHours.objects.create(volunteer=coach, month=date(2024, 3, 1), hours=Decimal("2.5"))
    VolunteerHours.objects.create(
        volunteer=helper, month=date(2024, 3, 1), activity=walk, hours=Decimal("3")
    )
    MediaMention.objects.create(
        program=program,
        date=date(2024, 4, 2),
        kind="press",
        outlet="Lokaltidningen",
        title="Utegym för alla",
        url="https://example.org/artikel",
    )
    DecisionPoint.objects.create(
        program=program, date=date(2024, 11, 20), title="Budget 2025", kind="budget"
    )
    DecisionPoint.objects.create(
        program=program, date=date(2026, 9, 13), title="Valet", kind="election", level="region"
    )
    safety = Need.objects.create(program=program, key="trygghet", title="Trygghet")
    Need.objects.create(program=program, key="rorelse", title="Rörelse")
    issue = PolicyIssue.objects.create(
        program=program,
        title="Belysning i parken",
        problem_present=True,
        problem_note="Boende känner sig otrygga\nom kvällen",
    )
    issue.needs.set([safety])
    PolicyIssue.objects.create(program=program, title="-Fler bänkar", policy_present=True)


def program_with_needs_of(program: Program, slug: str) -> Program:
    """A new program with the needs of `program` (needs are not in this format)."""
    copy = Program.objects.create(slug=slug, name=slug.title(), code_prefix="C")
    for need in Need.objects.filter(program=program):
        Need.objects.create(program=copy, key=need.key, title=need.title)
    return copy


def test_it_exports_and_imports_the_owned_data_unchanged(program, tmp_path):
    build_owned(program)
    export = export_program(program=program, user=None)
    write_folder(export.files, tmp_path / "export")
    copy = program_with_needs_of(program, "copy")

    result = run_import(copy, tmp_path / "export")

    assert export_program(program=copy, user=None).files == export.files
    assert {name: result.counts[name].created for name in OWNED} == {
        "goal_categories": 2,
        "goals": 2,
        "indicators": 3,
        "indicator_values": 3,
        "phases": 2,
        "checklist": 2,
        "premises": 2,
        "volunteers": 2,
        "volunteer_hours": 3,
        "media_mentions": 1,
        "decision_points": 2,
        "policy_issues": 2,
    }
    assert list(PolicyIssue.objects.filter(program=copy).values_list("title", "needs__key")) == [
        ("-Fler bänkar", None),
        ("Belysning i parken", "trygghet"),
    ]
    coach = Volunteer.objects.get(program=copy, code="N-V-AAAA")
    assert (coach.workshop.key, coach.trained_on, coach.hours.count()) == (
        "gym",
        date(2023, 9, 1),
        2,
    )
    hand = Indicator.objects.get(goal__program=copy, name="Andel som känner sig trygga")
    assert (hand.goal.category.name, hand.baseline, hand.max_value) == (
        "Trygghet",
        Decimal("41.50"),
        Decimal("100.00"),
    )


def test_it_writes_the_files_in_the_format(program):
    build_owned(program)
    # A value of a computed indicator (not enterable, but possibly left from a change of
    # kind) is derived from the record and never exported.
    computed = Indicator.objects.get(name="Aktiviteter")
    IndicatorValue.objects.create(indicator=computed, period_label="2024H1", value=3)

    files = export_program(program=program, user=None).files

    assert files["goals.csv"].decode() == (
        "workshop,text,term,category\n"
        ",Fler boende rör sig,long,Trygghet\n"
        "gym,'=Fler kvinnor tränar,short,\n"
    )
    assert files["indicator_values.csv"].decode() == (
        "workshop,goal,indicator,half_year,value,source\n"
        ",Fler boende rör sig,Andel som känner sig trygga,2023H2,41.50,\n"
        ",Fler boende rör sig,Andel som känner sig trygga,2024H1,44.25,\n"
        "gym,'=Fler kvinnor tränar,Besök,2024H1,12.00,'@x\n"
    )
    assert files["checklist.csv"].decode() == (
        "item,done_on,note,document_url\n"
        "area_chosen,2023-01-09,,\n"
        "value_norms,2023-05-02,Antagna,https://example.org/normer\n"
    )
    assert files["volunteer_hours.csv"].decode() == (
        "volunteer,month,activity,hours\n"
        "N-V-AAAA,2024-03,,2.5\n"
        "N-V-AAAA,2024-03,,2.5\n"
        "N-V-BBBB,2024-03,walk-1,3.0\n"
    )
    assert files["policy_issues.csv"].decode() == (
        "title,problem_present,problem_note,politics_present,politics_note,policy_present,"
        "policy_note,needs\n"
        "'-Fler bänkar,false,,false,,true,,\n"
        'Belysning i parken,true,"Boende känner sig otrygga\nom kvällen",false,,false,,trygghet\n'
    )
    assert files["media_mentions.csv"].decode() == (
        "date,kind,outlet,title,url\n"
        "2024-04-02,press,Lokaltidningen,Utegym för alla,https://example.org/artikel\n"
    )
    assert files["phases.csv"].decode() == (
        "round,phase,started_on,ended_on,note\n"
        "1,initiative,2023-01-09,2023-03-01,\n"
        "1,exploratory,2023-03-01,,Två kvällar\n"
    )


def test_it_changes_nothing_when_the_same_files_are_imported_again(program, tmp_path):
    build_owned(program)
    write_folder(export_program(program=program, user=None).files, tmp_path / "export")
    before = {
        "goals": list(Goal.objects.values_list("pk", "text", "term", "category_id")),
        "values": list(IndicatorValue.objects.values_list("pk", "value")),
        "hours": VolunteerHours.objects.count(),
    }

    result = run_import(program, tmp_path / "export")

    assert all(
        (result.counts[name].created, result.counts[name].updated) == (0, 0) for name in OWNED
    )
    assert result.counts["volunteer_hours"].unchanged == 3
    assert before == {
        "goals": list(Goal.objects.values_list("pk", "text", "term", "category_id")),
        "values": list(IndicatorValue.objects.values_list("pk", "value")),
        "hours": VolunteerHours.objects.count(),
    }


def test_it_updates_by_identity_and_reads_swedish_labels(program, tmp_path):
    build_owned(program)
    path = only(
        tmp_path,
        goals="workshop;text;term\n;Fler boende rör sig;kort\n",
        indicators=(
            "goal,name,kind,direction,min_value,max_value\n"
            'Fler boende rör sig,Andel som känner sig trygga,manuell,lägre,0,"100,5"\n'
        ),
        indicator_values=(
            "goal;indicator;half_year;value\nFler boende rör sig;Andel som känner sig trygga;"
            "2024h1;47,5\n"
        ),
        phases="phase,started_on,ended_on\nutforskande,2023-03-01,2023-06-01\n",
        volunteers=(
            "code,kind,category,trained_on,ambassador_until\n"
            "n-v-cccc,hälsocoach,vuxen,2024-02-01,\n"
            # Without the column, the program's coach keeps the ambassadorship's start.
            "N-V-AAAA,coach,professional,2023-09-01,2024-06-30\n"
        ),
        volunteer_hours='volunteer,month,hours\nN-V-CCCC,2024-04-01,"1,5"\n',
    )

    result = run_import(program, path)

    assert Goal.objects.get(workshop=None).term == Goal.Term.SHORT
    hand = Indicator.objects.get(name="Andel som känner sig trygga")
    assert (hand.direction, hand.max_value, hand.unit) == ("lower", Decimal("100.50"), "%")
    assert hand.values.get(period_label="2024H1").value == Decimal("47.50")
    assert PhaseStep.objects.get(phase="exploratory").ended_on == date(2023, 6, 1)
    assert VolunteerHours.objects.get(volunteer__code="N-V-CCCC").hours == Decimal("1.5")
    coach = Volunteer.objects.get(code="N-V-AAAA")
    assert (coach.ambassador_from, coach.ambassador_until) == (date(2024, 1, 1), date(2024, 6, 30))
    assert {name: c.as_dict() for name, c in result.counts.items()} == {
        "goals": {"created": 0, "updated": 1, "unchanged": 0},
        "indicators": {"created": 0, "updated": 1, "unchanged": 0},
        "indicator_values": {"created": 0, "updated": 1, "unchanged": 0},
        "phases": {"created": 0, "updated": 1, "unchanged": 0},
        "volunteers": {"created": 1, "updated": 1, "unchanged": 0},
        "volunteer_hours": {"created": 1, "updated": 0, "unchanged": 0},
    }


def test_it_lists_every_bad_row_and_writes_nothing(program, tmp_path):
    build_owned(program)
    path = only(
        tmp_path,
        goal_categories="name,kind,position\nNy,område,1\n",
        goals="workshop,text,category\nyoga,Mål,\n,Mål två,Okänd\n",
        indicators=(
            "goal,name,kind,source,min_value,max_value\n"
            "Fler boende rör sig,Räknad,computed,figures.nothing,,\n"
            "Saknas,Ny,manual,,,\n"
            "Fler boende rör sig,Fel,manual,,5,5\n"
        ),
        indicator_values=(
            "goal,indicator,half_year,value\n"
            "Fler boende rör sig,Aktiviteter,2024H1,3\n"
            "Fler boende rör sig,Andel som känner sig trygga,2024H3,3\n"
            "Fler boende rör sig,Andel som känner sig trygga,2024H2,101\n"
            "Fler boende rör sig,Andel som känner sig trygga,2025H1,1.234\n"
            "Fler boende rör sig,Andel som känner sig trygga,2025H2,-1\n"
            "Fler boende rör sig," + "x" * 2001 + ",2025H2,1\n"
        ),
        phases="round,phase,started_on,ended_on\n0,formation,2024-01-01,2023-12-01\n",
        checklist="item,done_on,document_url\nbudget,2024-01-01,\nvalue_norms,2024-01-01,arkiv\n",
        premises="name,capacity,in_use\nLokalen,-3,kanske\n",
        volunteers="code,kind,category,ambassador_from,ambassador_until\nN-V-DDDD,coach,adult,,2024-01-01\n",
        volunteer_hours="volunteer,month,activity,hours\nN-V-ZZZZ,2024-13,walk-9,0\n",
        media_mentions="date,kind,outlet,title\n2024-01-01,tv,Radio,Inslag\n",
        decision_points="date,title,kind,level\n2025-02-01,Nämnden,nämndmöte,kommun\n,Utan,,\n",
        policy_issues="title,needs\nBelysning,trygghet;saknas\n",
    )

    assert problems_of(program, path) == [
        "goal_categories.csv:2: kind: “område” is not one of: result, area, resultat, målområde",
        "goals.csv:2: workshop: no workshop with the key “yoga” in this import or in the program",
        "goals.csv:3: category: no goal category named “Okänd” in this import or in the program",
        "indicators.csv:2: source: a computed indicator needs the key of what it is computed "
        "from, one of the sources on the indicator's page; “figures.nothing” is not one",
        "indicators.csv:3: goal: no goal “Saknas” in this import or in the program",
        "indicators.csv:4: max_value: the highest value must be above the lowest value",
        "indicator_values.csv:2: indicator: the indicator is computed from Jämlik's data; only "
        "values of indicators entered by hand are imported",
        "indicator_values.csv:3: half_year: “2024H3” is not a half-year; write it as 2024H1 or "
        "2024H2",
        "indicator_values.csv:4: value: 101 is above the indicator's highest possible value, "
        "100.00",
        "indicator_values.csv:5: value: “1.234” has more than 2 decimals",
        "indicator_values.csv:6: value: -1 is below the indicator's lowest possible value, 0.00",
        "indicator_values.csv:7: indicator: the value is longer than 200 characters",
        "phases.csv:2: ended_on: the step ends before it started",
        "phases.csv:2: round: rounds are counted from 1",
        "checklist.csv:2: item: “budget” checks itself from the record and is not ticked",
        "checklist.csv:3: document_url: “arkiv” is not a link; write it as https://…",
        "premises.csv:2: capacity: “-3” is not a whole number of 0 or more",
        "premises.csv:2: in_use: “kanske” is not true or false (leave it empty for the default "
        "of the kind)",
        "volunteers.csv:2: trained_on: a health coach needs the date of the training",
        "volunteers.csv:2: ambassador_until: an ambassadorship ends after the date it starts from",
        "volunteer_hours.csv:2: month: “2024-13” is not a month; write it as YYYY-MM, for "
        "example 2024-03",
        "volunteer_hours.csv:2: hours: “0” is not a number above 0",
        "volunteer_hours.csv:2: volunteer: no coach or volunteer with the code “N-V-ZZZZ” in "
        "this import or in the program",
        "volunteer_hours.csv:2: activity: no activity with the key “walk-9” in this import or "
        "in the program",
        "media_mentions.csv:2: kind: “tv” is not one of: press, broadcast, conference, "
        "publication, online, pressartikel, radio_tv, konferens, publikation, webb",
        "decision_points.csv:3: date: a value is required",
        "policy_issues.csv:2: needs: no need with the key “saknas” in the program; the needs "
        "must be in the program before the import (import them on the Needs page first)",
    ]
    assert not GoalCategory.objects.filter(name="Ny").exists()
    assert Goal.objects.count() == 2
    assert not AuditEvent.objects.filter(action="import").exists()


def test_it_refers_to_goals_and_volunteers_made_in_the_same_import(program, tmp_path):
    Workshop.objects.create(program=program, key="gym", name="Utegym")
    path = only(
        tmp_path,
        goal_categories="name\nHälsa\n",
        goals="workshop,text,category\ngym,Starkare,Hälsa\n",
        indicators="workshop,goal,name,kind\ngym,Starkare,Pass,manual\n",
        indicator_values="workshop,goal,indicator,half_year,value\ngym,Starkare,Pass,2024H1,4\n",
        volunteers="code,kind,category\nN-V-EEEE,volunteer,adult\n",
        volunteer_hours="volunteer,month,hours\nN-V-EEEE,2024-05,2\n",
    )

    run_import(program, path, user=None)

    value = IndicatorValue.objects.get()
    assert (value.indicator.goal.workshop.key, value.indicator.goal.category.name) == (
        "gym",
        "Hälsa",
    )
    assert VolunteerHours.objects.get().volunteer.code == "N-V-EEEE"
    event = AuditEvent.objects.get(action="import")
    assert event.detail["files"]["indicator_values"] == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
    }


def test_it_reads_the_newer_sheets_of_a_workbook_with_typed_cells(program):
    from openpyxl import Workbook

    from jamlik.programs.interchange import read_upload

    book = Workbook()
    book.remove(book.active)
    rows = {
        "Goals": [["text", "term"], ["Fler rör sig", "lång"]],
        "indicators": [
            ["goal", "name", "kind", "max_value"],
            ["Fler rör sig", "Andel", "manual", 100],
        ],
        "indicator_values": [
            ["goal", "indicator", "half_year", "value"],
            ["Fler rör sig", "Andel", "2024H2", 47.5],
        ],
        "phases": [["phase", "started_on"], ["formation", datetime(2024, 2, 1)]],  # noqa: DTZ001
        "volunteer_hours": [["volunteer", "month", "hours"]],
    }
    for title, lines in rows.items():
        sheet = book.create_sheet(title)
        for line in lines:
            sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)

    import_source(
        program=program, source=read_upload(name="mål.xlsx", data=buffer.getvalue()), user=None
    )

    value = IndicatorValue.objects.get()
    assert (value.indicator.goal.text, value.indicator.max_value, value.value) == (
        "Fler rör sig",
        Decimal("100.00"),
        Decimal("47.50"),
    )
    assert PhaseStep.objects.get(program=program).started_on == date(2024, 2, 1)


GOAL_FILES = {
    "goals.csv": b"workshop,text\na,Fler deltar\n",
    "indicators.csv": "workshop,goal,name,kind\na,Fler deltar,Besök,manual\n".encode(),
    "indicator_values.csv": (
        "workshop,goal,indicator,half_year,value\na,Fler deltar,Besök,2024H1,7\n".encode()
    ),
}


def goal_zip():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jamlik.programs.interchange import to_zip

    return SimpleUploadedFile("mål.zip", to_zip(GOAL_FILES), content_type="application/zip")


def test_the_leader_imports_goals_on_the_page(client, world):
    from conftest import PASSWORD

    client.login(username="leader", password=PASSWORD)

    response = client.post("/p/test/data/", {"file": goal_zip()}, follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert "indicator_values.csv: 1 created, 0 updated, 0 unchanged" in messages
    assert IndicatorValue.objects.get().indicator.goal.workshop == world.workshop_a
    assert AuditEvent.objects.get(action="import").user.username == "leader"


@pytest.mark.parametrize("user", ["promoter_a", "viewer", "outsider"])
def test_no_one_else_imports_or_exports_goals(client, world, user):
    from conftest import PASSWORD

    client.login(username=user, password=PASSWORD)

    assert client.post("/p/test/data/", {"file": goal_zip()}).status_code == 404
    assert client.get("/p/test/data/export.zip").status_code == 404
    assert not Goal.objects.exists()


def test_each_table_is_described_once_by_its_spec():
    """The columns live in schema.SPECS; parsers, identities and the README follow them."""
    import re

    from jamlik.programs.interchange.schema import SPECS
    from jamlik.programs.interchange.validate import IDENTITY, PARSERS

    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Interchange format", 1)[1].split("\n## ", 1)[0]
    documented = {
        name: [re.sub(r" \(.*\)$", "", column) for column in columns.split(", ")]
        for name, columns in re.findall(r"^\| `(\w+)\.csv` \| (.+) \|$", section, re.M)
    }
    for spec in SPECS:
        assert list(PARSERS[spec.name]) == list(spec.columns), spec.name
        assert set(IDENTITY[spec.name]) <= set(spec.columns), spec.name
        assert spec.required | spec.text <= set(spec.columns), spec.name
        assert documented.pop(spec.name) == list(spec.columns), spec.name
    assert documented == {}


def test_it_checks_an_indicator_with_the_values_the_file_leaves_out(program, tmp_path):
    build_owned(program)
    path = only(
        tmp_path,
        indicators=(
            "goal,name,kind,unit,min_value\n"
            "Fler boende rör sig,Aktiviteter,computed,st,\n"
            "Fler boende rör sig,Andel som känner sig trygga,manual,%,100\n"
        ),
    )

    # The computed indicator keeps its source; the range would end below its start.
    assert problems_of(program, path) == [
        "indicators.csv:3: max_value: the highest value must be above the lowest value"
    ]
    (path / "indicators.csv").write_text(
        "goal,name,kind,unit\nFler boende rör sig,Aktiviteter,computed,st\n", encoding="utf-8"
    )
    run_import(program, path)
    computed = Indicator.objects.get(name="Aktiviteter")
    assert (computed.unit, computed.source) == ("st", "figures.activities")
