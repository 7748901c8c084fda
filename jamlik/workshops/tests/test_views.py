import pytest

from conftest import PASSWORD


def login(client, user):
    client.login(username=user, password=PASSWORD)


@pytest.mark.parametrize("user", ["leader", "promoter_a", "promoter_b", "viewer"])
def test_every_role_sees_the_list_of_workshops(client, world, user):
    login(client, user)
    response = client.get("/p/test/workshops/")
    assert response.status_code == 200
    assert [w.key for w in response.context["workshops"]] == ["a", "b"]


def test_a_promoter_sees_which_workshops_are_theirs(client, world):
    login(client, "promoter_a")
    assert client.get("/p/test/workshops/").context["own"] == {world.workshop_a.pk}


@pytest.mark.parametrize(
    ("user", "sees_activities"),
    [("leader", True), ("promoter_a", True), ("promoter_b", False), ("viewer", False)],
)
def test_the_workshop_page_lists_activities_only_to_those_who_work_there(
    client, world, user, sees_activities
):
    login(client, user)
    response = client.get("/p/test/workshops/a/")
    assert response.status_code == 200
    assert ("Hälsocirkel A" in response.content.decode()) is sees_activities


@pytest.mark.parametrize("path", ["/p/test/workshops/", "/p/test/workshops/a/"])
def test_outsiders_get_404(client, world, path):
    login(client, "outsider")
    assert client.get(path).status_code == 404


def test_a_missing_workshop_is_404(client, world):
    login(client, "leader")
    assert client.get("/p/test/workshops/nope/").status_code == 404


def test_the_list_takes_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    login(client, "leader")
    with django_assert_max_num_queries(12):
        client.get("/p/test/workshops/")
