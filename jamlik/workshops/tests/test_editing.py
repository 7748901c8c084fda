import pytest

from conftest import PASSWORD
from jamlik.needs.models import Need
from jamlik.people.models import AuditEvent
from jamlik.workshops.models import Workshop


def login(client, user):
    client.login(username=user, password=PASSWORD)


@pytest.fixture
def need(world):
    return Need.objects.create(program=world.program, key="trygghet", title="Trygghet")


def test_it_lets_the_leader_start_a_planned_workshop_without_needs(client, world):
    login(client, "leader")
    response = client.post(
        "/p/test/workshops/new/",
        {"key": "c", "name": "Verkstad C", "theme": "Munhälsa", "status": "planned"},
    )
    workshop = Workshop.objects.get(program=world.program, key="c")
    assert response.status_code == 302
    assert response["Location"] == workshop.get_absolute_url()
    assert (workshop.name, workshop.theme, workshop.status) == ("Verkstad C", "Munhälsa", "planned")
    event = AuditEvent.objects.get(object_type="workshop", object_ref="c")
    assert event.action == "create"


def test_it_refuses_an_active_workshop_without_a_need_and_saves_nothing(client, world):
    login(client, "leader")
    response = client.post(
        "/p/test/workshops/new/", {"key": "c", "name": "Verkstad C", "status": "active"}
    )
    assert response.status_code == 200
    assert "needs" in response.context["form"].errors
    assert not Workshop.objects.filter(key="c").exists()


def test_it_starts_an_active_workshop_with_its_need_and_promoter_in_one_step(client, world, need):
    login(client, "leader")
    promoter = world.workshop_a.health_promoters.get()
    client.post(
        "/p/test/workshops/new/",
        {
            "key": "c",
            "name": "Verkstad C",
            "status": "active",
            "needs": [need.pk],
            "health_promoters": [promoter.pk],
        },
    )
    workshop = Workshop.objects.get(key="c")
    assert workshop.status == "active"
    assert list(workshop.needs.all()) == [need]
    assert list(workshop.health_promoters.all()) == [promoter]


def test_it_refuses_a_key_already_used_or_reserved(client, world):
    login(client, "leader")
    for key in ("a", "new"):
        response = client.post(
            "/p/test/workshops/new/", {"key": key, "name": "X", "status": "planned"}
        )
        assert "key" in response.context["form"].errors
    assert Workshop.objects.filter(program=world.program).count() == 2


def test_it_changes_a_workshop_but_not_its_key(client, world, need):
    login(client, "leader")
    client.post(
        "/p/test/workshops/a/edit/",
        {"key": "zzz", "name": "Nytt namn", "status": "active", "needs": [need.pk]},
    )
    world.workshop_a.refresh_from_db()
    assert (world.workshop_a.key, world.workshop_a.name) == ("a", "Nytt namn")
    event = AuditEvent.objects.get(object_type="workshop", action="update")
    assert "name" in event.detail["changed"]


def test_it_offers_only_the_programs_own_needs_and_promoters(client, world, need):
    from jamlik.programs.models import Program

    other = Program.objects.create(slug="other", name="Annat", code_prefix="O")
    foreign = Need.objects.create(program=other, key="x", title="Främmande")
    login(client, "leader")
    response = client.post(
        "/p/test/workshops/a/edit/", {"name": "A", "status": "active", "needs": [foreign.pk]}
    )
    assert "needs" in response.context["form"].errors
    assert list(world.workshop_a.needs.all()) == []


@pytest.mark.parametrize("user", ["promoter_a", "viewer", "outsider"])
@pytest.mark.parametrize("path", ["/p/test/workshops/new/", "/p/test/workshops/a/edit/"])
def test_other_roles_get_404_and_change_nothing(client, world, user, path):
    login(client, user)
    assert client.get(path).status_code == 404
    assert client.post(path, {"key": "c", "name": "X", "status": "planned"}).status_code == 404
    assert Workshop.objects.filter(program=world.program).count() == 2
    world.workshop_a.refresh_from_db()
    assert world.workshop_a.name == "Verkstad A"


def test_only_the_leader_is_offered_the_links(client, world):
    login(client, "leader")
    assert "/p/test/workshops/new/" in client.get("/p/test/workshops/").content.decode()
    login(client, "promoter_a")
    assert "/p/test/workshops/new/" not in client.get("/p/test/workshops/").content.decode()
    assert "/p/test/workshops/a/edit/" not in client.get("/p/test/workshops/a/").content.decode()
