"""`gov`: the `world` program with a hub and a steering group.

Partners: the municipality (three people in the hub), an association and a university;
health promoter A and a resident representative sit in the hub too. Users: a hub member
and a steering-group member in addition to `world`'s roles.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import User

from conftest import World, make_user
from jamlik.governance.models import Body, Membership
from jamlik.partners.models import Partner, Partnership
from jamlik.people.models import HealthPromoter, ProgramRole

START = date(2024, 1, 1)


@dataclass
class Gov:
    world: World
    hub: Body
    steering: Body
    municipality: Partner
    association: Partner
    university: Partner
    hub_member: User
    steering_member: User
    # Hub seats
    muni_1: Membership
    muni_2: Membership
    muni_3: Membership
    assoc_hub: Membership
    uni_hub: Membership
    promoter_seat: Membership
    resident_seat: Membership
    # Steering seats
    muni_steer: Membership
    assoc_steer: Membership
    uni_steer: Membership
    assoc_substitute: Membership

    @property
    def program(self):
        return self.world.program


def seat(body, name, *, kind="partner", role="member", **extra) -> Membership:
    return Membership.objects.create(
        body=body, name=name, kind=kind, role=role, starts_on=START, **extra
    )


@pytest.fixture
def gov(world) -> Gov:
    program = world.program
    municipality = Partner.objects.create(name="Exempelstads kommun", sector="public")
    association = Partner.objects.create(name="Föreningen Ängen", sector="nonprofit")
    university = Partner.objects.create(name="Högskolan i Exempelstad", sector="academia")
    for partner in (municipality, association, university):
        Partnership.objects.create(program=program, partner=partner, role="iop_party")
    hub_member = make_user("hub_member")
    hub_member.email = "hub@example.org"
    hub_member.save()
    steering_member = make_user("steering_member")
    ProgramRole.objects.create(user=hub_member, program=program, role="hub")
    ProgramRole.objects.create(user=steering_member, program=program, role="steering")
    hub = Body.objects.create(
        program=program, key="hub", name="Hubben", kind="hub", cadence="biweekly"
    )
    steering = Body.objects.create(
        program=program, key="steering", name="Styrgruppen", kind="steering", cadence="semester"
    )
    promoter_a = HealthPromoter.objects.get(user=world.promoter_a)
    promoter_a.employer = association
    promoter_a.save()
    return Gov(
        world=world,
        hub=hub,
        steering=steering,
        municipality=municipality,
        association=association,
        university=university,
        hub_member=hub_member,
        steering_member=steering_member,
        muni_1=seat(hub, "Alva Kommun", partner=municipality, email="alva@example.org"),
        muni_2=seat(hub, "Bo Kommun", partner=municipality, user=hub_member),
        muni_3=seat(hub, "Cleo Kommun", partner=municipality),
        assoc_hub=seat(hub, "Dani Förening", partner=association, email="dani@example.org"),
        uni_hub=seat(hub, "Eli Högskola", partner=university),
        promoter_seat=seat(hub, "Promoter a", kind="health_promoter", health_promoter=promoter_a),
        resident_seat=seat(hub, "Fatima Boende", kind="resident"),
        muni_steer=seat(steering, "Gun Chef", partner=municipality, email="gun@example.org"),
        assoc_steer=seat(steering, "Hugo Chef", partner=association, email="hugo@example.org"),
        uni_steer=seat(steering, "Ines Chef", partner=university, email="ines@example.org"),
        assoc_substitute=seat(steering, "Jon Ersättare", partner=association, role="substitute"),
    )


@pytest.fixture(autouse=True)
def _in_english(english):
    """These tests read messages in English (the `english` fixture in conftest.py)."""
