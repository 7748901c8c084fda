import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from jamlik.needs import determinants
from jamlik.needs.models import Need, NeedStatement
from jamlik.workshops.admin import WorkshopAdminForm
from jamlik.workshops.models import Workshop


def test_the_taxonomy_holds_the_factors_of_seed_000():
    for key in (
        "language",
        "education",
        "work",
        "housing_safety",
        "social_networks",
        "childrens_adult_contacts",
        "influence",
        "food",
        "sleep",
        "exercise",
        "social_support",
        "relationships",
    ):
        assert key in determinants.FACTORS
    assert [layer.key for layer in determinants.LAYERS] == [
        "individual",
        "lifestyle",
        "community",
        "living_working",
        "general",
    ]
    assert len(determinants.FACTORS) == sum(len(layer.factors) for layer in determinants.LAYERS)


def test_it_refuses_an_unknown_determinant(needs):
    needs.statement_sv.determinants = ["housing_safety", "moon_phase"]
    with pytest.raises(ValidationError) as exc:
        needs.statement_sv.full_clean()
    assert "moon_phase" in str(exc.value)


def test_a_statement_cannot_be_empty(needs):
    with pytest.raises(IntegrityError):
        NeedStatement.objects.create(inventory=needs.inventory, text="")


def test_a_priority_starts_at_1(world):
    with pytest.raises(IntegrityError):
        Need.objects.create(program=world.program, key="x", title="X", priority=0)


def test_the_phases_follow_the_method(needs):
    assert [p for p, _ in needs.inventory.phases()] == ["critique", "vision", "realisation"]
    needs.inventory.method = "world_cafe"
    assert [p for p, _ in needs.inventory.phases()] == ["analysis", "deeper_analysis", "proposals"]
    needs.inventory.method = "other"
    assert needs.inventory.phases() == []


def test_a_workshop_without_a_need_cannot_be_activated(world):
    workshop = Workshop.objects.create(
        program=world.program, key="c", name="Verkstad C", status=Workshop.Status.PLANNED
    )
    with pytest.raises(ValidationError) as exc:
        workshop.activate()
    assert "at least one documented need" in exc.value.messages[0]
    workshop.refresh_from_db()
    assert workshop.status == Workshop.Status.PLANNED


def test_a_workshop_with_a_need_can_be_activated(world, needs):
    workshop = Workshop.objects.create(
        program=world.program, key="c", name="Verkstad C", status=Workshop.Status.PLANNED
    )
    workshop.needs.add(needs.need)
    workshop.activate()
    workshop.refresh_from_db()
    assert workshop.status == Workshop.Status.ACTIVE


def _admin_form(world, instance=None, **data):
    base = {
        "program": world.program.pk,
        "key": "c",
        "name": "Verkstad C",
        "theme": "",
        "status": "active",
        "health_promoters": [],
        "needs": [],
    }
    return WorkshopAdminForm({**base, **data}, instance=instance)


def test_the_admin_refuses_to_activate_a_workshop_without_a_need(world):
    form = _admin_form(world)
    assert not form.is_valid()
    assert "at least one documented need" in form.errors["needs"][0]


def test_the_admin_activates_a_workshop_with_a_need(world, needs):
    assert _admin_form(world, needs=[needs.need.pk]).is_valid()
    assert _admin_form(world, status="planned").is_valid()


def test_the_admin_lets_an_old_active_workshop_be_renamed(world):
    # Workshops made active before the rule (or by an import) can still be edited.
    form = _admin_form(world, instance=world.workshop_b, key="b", name="Verkstad B2")
    assert form.is_valid(), form.errors
