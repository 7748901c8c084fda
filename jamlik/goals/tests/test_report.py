"""Målbilder in the report: goals with their indicators per result category, frozen with
an approved version; the evaluations under Uppföljning och utvärdering."""

from decimal import Decimal

import pytest

from jamlik.goals.models import Goal, GoalCategory, HalfYearEvaluation, Indicator, IndicatorValue
from jamlik.lib.periods import Period
from jamlik.reports import services
from jamlik.reports.formatting import SUPPRESSED


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def goals(world, bodies):
    category = GoalCategory.objects.create(program=world.program, name="Hälsa och livsvillkor")
    goal = Goal.objects.create(
        program=world.program, category=category, text="Fler deltar", anchored_by=bodies["decision"]
    )
    other = Goal.objects.create(program=world.program, text="Tryggare område", term="short")
    computed = Indicator.objects.create(
        goal=goal, name="Aktiviteter", kind="computed", source="figures.activities", target=10
    )
    manual = Indicator.objects.create(goal=other, name="Trygghet", kind="manual", target=70)
    IndicatorValue.objects.create(indicator=manual, period_label="2024H1", value=Decimal("62.5"))
    return computed, manual


def section(document, key):
    return next(s for s in document.sections if s.key == key)


def goal_tables(world, audience):
    draft = services.create_draft(
        user=world.leader, program=world.program, period=Period.parse("2024H1"), audience=audience
    )
    return draft, services.draft_document(draft).section_data("goals")["goals"]["groups"]


def test_it_shows_each_category_with_its_goals_and_values(world, goals):
    _draft, tables = goal_tables(world, "internal")
    # The report is written in Swedish (its language).
    assert [t["title"] for t in tables] == ["Hälsa och livsvillkor", "Övriga mål"]
    rows = {r["label"]: r["cells"] for t in tables for r in t["rows"]}
    assert rows["· Aktiviteter"][:3] == ["0", "2", "10"]
    assert rows["· Trygghet"][:3] == [None, "62,5", "70"]
    assert any("inte förankrat i styrgruppen" in label for label in rows)


def test_external_readers_get_small_counts_suppressed(world, goals):
    _draft, tables = goal_tables(world, "external")
    rows = {r["label"]: r["cells"] for t in tables for r in t["rows"]}
    assert rows["· Aktiviteter"][1] == SUPPRESSED
    assert rows["· Trygghet"][1] == "62,5"  # entered by hand: not a count of people


def test_an_approved_version_keeps_the_values_it_was_approved_with(world, goals, bodies):
    computed, manual = goals
    draft, _tables = goal_tables(world, "internal")
    services.submit(user=world.leader, draft=draft)
    version = services.approve(user=world.leader, draft=draft, note="Styrgruppen § 1")
    IndicatorValue.objects.filter(indicator=manual).update(value=Decimal("99"))
    HalfYearEvaluation.objects.create(
        program=world.program, period_label="2024H1", works="Cirklarna", status="approved",
        approved_at_meeting=bodies["hub_meeting"],
    )  # fmt: skip
    frozen = services.version_document(version).section_data("goals")["goals"]["groups"]
    rows = {r["label"]: r["cells"] for t in frozen for r in t["rows"]}
    assert rows["· Trygghet"][1] == "62,5"
    # A new draft shows today's data, the evaluation's conclusions included.
    draft = services.create_draft(
        user=world.leader, program=world.program, period=Period.parse("2024H1"),
        audience="internal",
    )  # fmt: skip
    document = services.draft_document(draft)
    evaluation = section(document, "evaluation")
    assert document.section_data("evaluation")["half_years"][0]["works"] == "Cirklarna"
    assert any(b.get("type") == "definitions" for b in evaluation.blocks)
