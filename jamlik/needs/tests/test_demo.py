import random

import pytest

from jamlik.needs.demo import FIRST, REVISED, delete_needs_data, seed_needs
from jamlik.needs.figures import active_workshops_without_need, compare_inventories, unmet_needs
from jamlik.needs.models import DotVote, Need, NeedsInventory, NeedStatement, Theme
from jamlik.needs.voting import tally
from jamlik.partners.models import Partner, Partnership, Sector
from jamlik.programs import demo_names as names
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop


@pytest.fixture
def program(db) -> Program:
    """A program with the demo's seven workshops and a university among its IOP parties."""
    program = Program.objects.create(slug="demo", name="Demo", code_prefix="D")
    for spec in names.WORKSHOPS:
        Workshop.objects.create(program=program, key=spec["key"], name=spec["name"])
    university = Partner.objects.create(name="Exempelstads universitet", sector=Sector.ACADEMIA)
    Partnership.objects.create(program=program, partner=university, role=Partnership.Role.IOP_PARTY)
    return program


def test_it_gives_every_workshop_a_need_so_that_it_may_be_active(program):
    seed_needs(program, random.Random(1))

    assert not active_workshops_without_need(program).exists()
    for workshop in program.workshops.all():
        workshop.check_may_activate()
    assert [n.key for n in unmet_needs(program)] == ["arbete-for-unga"]


def test_it_records_statements_in_several_languages_with_swedish_translations(program):
    seed_needs(program, random.Random(1))
    statements = NeedStatement.objects.filter(inventory__program=program)

    assert set(statements.values_list("language", flat=True)) == {"sv", "ar", "so", "en"}
    assert not statements.exclude(language="sv").filter(text_sv="").exists()
    assert not statements.filter(language="sv").exclude(text_sv="").exists()
    first = NeedsInventory.objects.get(program=program, key=FIRST)
    assert first.method == NeedsInventory.Method.FUTURE_WORKSHOP
    assert first.date.year == 2023 and first.academic_partner.name == "Exempelstads universitet"
    assert set(first.statements.values_list("phase", flat=True)) == {
        "critique",
        "vision",
        "realisation",
    }
    assert first.action_plan.filter(need__isnull=False).count() >= 5


def test_it_ranks_the_needs_by_the_dots_of_a_closed_vote(program):
    seed_needs(program, random.Random(1))
    vote = DotVote.objects.get(inventory__program=program)
    result = tally(vote)

    assert vote.status == DotVote.Status.CLOSED
    assert result.phones >= 30 and result.paper_sheets >= 10
    assert result.dots == sum(row.dots for row in result.rows) > 200
    dots_by_need: dict[str, int] = {}
    for row in result.rows:
        if row.statement.need is not None:
            key = row.statement.need.key
            dots_by_need[key] = dots_by_need.get(key, 0) + row.dots
    ranked = list(Need.objects.filter(program=program, priority__isnull=False))
    assert [n.priority for n in ranked] == list(range(1, 11))
    assert [dots_by_need[n.key] for n in ranked] == sorted(dots_by_need.values(), reverse=True)


def test_it_shows_new_persisting_and_faded_needs_at_the_revision(program):
    seed_needs(program, random.Random(1))
    earlier = NeedsInventory.objects.get(program=program, key=FIRST)
    later = NeedsInventory.objects.get(program=program, key=REVISED)

    comparison = compare_inventories(earlier, later)

    assert later.kind == NeedsInventory.Kind.REVISED_EXPLORATORY and later.date.year == 2024
    assert sorted(n.key for n in comparison.new) == ["digital-vardag", "ensamhet-bland-aldre"]
    assert [n.key for n in comparison.faded] == ["vardinformation"]
    assert len(comparison.persisting) == 9
    assert all(n.priority is None for n in comparison.new)


def test_it_gives_the_same_needs_for_the_same_seed_and_replaces_them(program):
    def snapshot():
        return (
            list(Need.objects.filter(program=program).values_list("key", "priority")),
            list(
                NeedStatement.objects.filter(inventory__program=program)
                .order_by("inventory__date", "pk")
                .values_list("text", "determinants", "client_id")
            ),
        )

    seed_needs(program, random.Random(5))
    first = snapshot()
    seed_needs(program, random.Random(5))

    assert snapshot() == first
    assert NeedsInventory.objects.filter(program=program).count() == 2

    delete_needs_data(program=program)

    assert not Need.objects.filter(program=program).exists()
    assert not Theme.objects.filter(program=program).exists()
    assert not NeedsInventory.objects.filter(program=program).exists()
    assert program.workshops.count() == 7
