from datetime import date

import pytest
from django.core.exceptions import ValidationError

from jamlik.lib.periods import Period
from jamlik.people.access import get_program_access
from jamlik.people.tests.helpers import commitment
from jamlik.premises import services
from jamlik.premises.models import place_of


@pytest.fixture
def access(world):
    return get_program_access(world.leader, "test")


def test_a_premises_commitment_links_its_places_and_their_owner(access, world):
    offer = commitment(world.program, "premises", name="Bostadsbolaget")
    place = services.save_premises(
        access=access, name="Träffpunkten", commitment=offer, capacity=40
    )
    assert place.owner.name == "Bostadsbolaget"
    assert list(offer.premises.all()) == [place]


def test_only_a_premises_commitment_provides_a_place(access, world):
    offer = commitment(world.program, "employs_promoter")
    with pytest.raises(ValidationError):
        services.save_premises(access=access, name="Fel", commitment=offer)


def test_names_are_unique_in_the_register(access):
    services.save_premises(access=access, name="Biblioteket")
    with pytest.raises(ValidationError):
        services.save_premises(access=access, name="biblioteket")


def test_activities_and_meetings_use_the_register_or_free_text(access, world):
    hall = services.save_premises(access=access, name="Aulan")
    services.save_premises(access=access, name="Stängd lokal", in_use=False)
    world.activity_a.place = hall
    world.activity_a.save()
    world.activity_b.premises = "Parken"
    world.activity_b.save()
    assert place_of(world.activity_a) == "Aulan"
    assert place_of(world.activity_b) == "Parken"
    listed = services.premises_in_use(program=world.program, period=Period.parse("2024H1"))
    assert [(p.name, p.held) for p in listed] == [("Aulan", 1)]
    later = services.premises_in_use(program=world.program, period=Period.parse("2025H1"))
    assert [(p.name, p.held) for p in later] == [("Aulan", 0)]
    assert date(2024, 3, 5) == world.activity_a.date
