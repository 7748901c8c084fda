"""What a viewer (aggregates only, e.g. a municipal officer) may see, role by role.

A viewer reads the published figures, the workshops, the needs and the partnership
register, and the finance totals (each agreement's spending against its caps). The
health promoters' names, employers and FTE and the finance detail answer 404.
"""

import pytest
from django.urls import reverse

from conftest import PASSWORD, make_user
from jamlik.people.models import HealthPromoter, ProgramRole
from jamlik.programs.models import Program

OTHER_ROLES = ("hub", "steering", "researcher")
PROMOTER_READERS = ("leader", "promoter_a", *OTHER_ROLES)


@pytest.fixture
def login(client, world):
    for role in OTHER_ROLES:
        ProgramRole.objects.create(user=make_user(role), program=world.program, role=role)
    HealthPromoter.objects.filter(user=world.promoter_a).update(fte_percent=75)

    def _login(username: str):
        assert client.login(username=username, password=PASSWORD)
        return client

    return _login


@pytest.mark.parametrize("username", [*PROMOTER_READERS, "viewer", "outsider"])
def test_only_those_who_work_in_the_program_see_its_health_promoters(login, username):
    response = login(username).get(reverse("programs:promoters", args=["test"]))
    if username in PROMOTER_READERS:
        assert response.status_code == 200
        assert "Promoter a" in response.content.decode()
    else:
        assert response.status_code == 404


def test_a_viewer_sees_the_workshops_without_their_health_promoters(login, world):
    client = login("viewer")
    listing = client.get(reverse("workshops:list", args=["test"])).content.decode()
    detail = client.get(world.workshop_a.get_absolute_url()).content.decode()
    for html in (listing, detail):
        assert "Verkstad A" in html
        assert "Promoter a" not in html
    assert reverse("programs:promoters", args=["test"]) not in listing


@pytest.mark.parametrize("username", ["leader", "promoter_a", "hub", "steering"])
def test_the_others_see_who_leads_each_workshop(login, world, username):
    html = login(username).get(reverse("workshops:list", args=["test"])).content.decode()
    assert "Promoter a" in html


def test_a_viewer_reads_the_figures_suppressed(login, world):
    response = login("viewer").get(reverse("programs:dashboard", args=["test"]) + "?period=2024H1")
    assert response.status_code == 200
    assert response.context["access"].audience == "external"


def test_a_viewer_in_another_program_sees_no_promoters_here(client, world):
    other = Program.objects.create(slug="other", name="Annat", code_prefix="O")
    ProgramRole.objects.create(user=world.leader, program=other, role="viewer")
    assert client.login(username="leader", password=PASSWORD)
    assert client.get(reverse("programs:promoters", args=["other"])).status_code == 404
    assert client.get(reverse("programs:promoters", args=["test"])).status_code == 200


@pytest.mark.parametrize(
    ("username", "detail"), [("viewer", False), ("leader", True), ("hub", True)]
)
def test_a_viewer_sees_a_partner_s_commitments_without_their_money_and_fte(
    login, world, username, detail
):
    from jamlik.partners.models import Commitment, Partner, Partnership, Sector

    partner = Partner.objects.create(name="Bostadsbolaget", sector=Sector.PRIVATE)
    partnership = Partnership.objects.create(program=world.program, partner=partner)
    Commitment.objects.create(
        partnership=partnership,
        kind=Commitment.Kind.EMPLOYS_PROMOTER,
        description="Anställer Promoter a",
        amount_sek=412000,
        fte_percent=75,
    )
    url = reverse("programs:partners:detail", args=["test", partnership.pk])
    html = login(username).get(url).content.decode()
    assert "Anställer en hälsofrämjare" in html or "Employs a health promoter" in html
    assert ("Anställer Promoter a" in html) is detail
    assert ("412\u00a0000" in html) is detail
