import pytest
from django.urls import reverse

from jamlik.needs.figures import needs_matrix, unmet_needs
from jamlik.needs.models import Need
from jamlik.people.models import AuditEvent
from jamlik.workshops.models import Workshop


def url(name, *args):
    return reverse(f"needs:{name}", args=["test", *args])


@pytest.fixture
def more_needs(world, needs):
    """Need 2 is prioritised but only a planned workshop addresses it; need 3 is not
    prioritised; the fixture's need 1 is met by active workshop A."""
    planned = Workshop.objects.create(
        program=world.program, key="c", name="Verkstad C", status=Workshop.Status.PLANNED
    )
    two = Need.objects.create(program=world.program, key="moten", title="Mötesplatser", priority=2)
    three = Need.objects.create(program=world.program, key="sommar", title="Sommarlov")
    planned.needs.add(two)
    return two, three, planned


def test_the_unmet_needs_are_prioritised_and_without_an_active_workshop(world, needs, more_needs):
    two, _three, _planned = more_needs
    assert list(unmet_needs(world.program)) == [two]


def test_the_unmet_page_lists_them(login, needs, more_needs):
    page = login("viewer").get(url("unmet")).content.decode()
    assert "Mötesplatser" in page
    assert "Trygg utemiljö" not in page and "Sommarlov" not in page


def test_a_need_becomes_met_when_its_workshop_is_activated(world, needs, more_needs):
    two, _three, planned = more_needs
    planned.activate()
    assert list(unmet_needs(world.program)) == []


def test_the_matrix_crosses_needs_and_workshops(world, needs, more_needs):
    matrix = needs_matrix(world.program)
    assert [w.key for w in matrix.workshops] == ["a", "b", "c"]
    cells = {row.need.key: (row.cells, row.met) for row in matrix.rows}
    assert cells == {
        "trygghet": ([True, False, False], True),
        "moten": ([False, False, True], False),
        "sommar": ([False, False, False], False),
    }


def test_the_matrix_page_shows_the_ticks_and_the_gaps(login, needs, more_needs):
    page = login("steering").get(url("matrix")).content.decode()
    assert page.count("✓") == 2
    assert "Active workshops without a documented need:" in page and "Verkstad B" in page


def test_a_need_shows_the_activities_that_serve_it(login, needs, world):
    page = login("viewer").get(url("need", "trygghet")).content.decode()
    assert "Hälsocirkel A" in page  # activity of workshop A, which addresses the need
    assert "Träning B" not in page
    assert "Verkstad A" in page


def test_a_viewer_sees_needs_but_not_what_was_said(login, needs):
    page = login("viewer").get(url("need", "trygghet")).content.decode()
    assert needs.statement_sv.text not in page
    steering = login("steering").get(url("need", "trygghet")).content.decode()
    assert needs.statement_sv.text in steering


def test_the_workshop_page_shows_the_needs_behind_it(login, needs, world):
    page = login("promoter_b").get(reverse("workshops:detail", args=["test", "a"])).content.decode()
    assert "Needs behind this workshop" in page and "Trygg utemiljö" in page


# Linking and activating through the UI


def test_the_leader_links_needs_to_a_workshop(login, needs, more_needs):
    _two, three, _planned = more_needs
    client = login("leader")
    response = client.post(url("workshop_needs", "b"), {"needs": [three.pk]})
    assert response.status_code == 302
    assert list(Workshop.objects.get(key="b").needs.all()) == [three]
    assert AuditEvent.objects.filter(object_type="workshop", object_ref="b").exists()


def test_the_last_need_of_an_active_workshop_cannot_be_removed(login, needs):
    response = login("leader").post(url("workshop_needs", "a"), {})
    assert response.status_code == 400
    assert "must address at least one need" in response.content.decode()
    assert Workshop.objects.get(key="a").needs.count() == 1


def test_activating_a_workshop_without_a_need_is_refused_with_a_reason(login, world):
    Workshop.objects.create(program=world.program, key="c", name="C", status="planned")
    response = login("leader").post(url("workshop_activate", "c"), follow=True)
    assert "at least one documented need" in response.content.decode()
    assert Workshop.objects.get(key="c").status == "planned"
    assert not AuditEvent.objects.filter(object_type="workshop").exists()


def test_activating_a_workshop_with_a_need(login, needs, more_needs):
    _two, _three, planned = more_needs
    response = login("leader").post(url("workshop_activate", "c"), follow=True)
    assert "The workshop is active." in response.content.decode()
    planned.refresh_from_db()
    assert planned.status == "active"
    assert AuditEvent.objects.filter(object_type="workshop", detail__status="active").exists()


def test_linking_and_activating_reject_get(login, needs):
    client = login("leader")
    assert client.get(url("workshop_activate", "a")).status_code == 405


@pytest.mark.parametrize("who", ["promoter_a", "hub", "steering", "viewer", "outsider"])
def test_only_the_leader_links_and_activates(login, needs, world, who):
    Workshop.objects.create(program=world.program, key="c", name="C", status="planned")
    client = login(who)
    assert client.get(url("workshop_needs", "a")).status_code == 404
    assert client.post(url("workshop_needs", "a"), {}).status_code == 404
    assert client.post(url("workshop_activate", "c")).status_code == 404
    assert Workshop.objects.get(key="a").needs.count() == 1
    assert Workshop.objects.get(key="c").status == "planned"
