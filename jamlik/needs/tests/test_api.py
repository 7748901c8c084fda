import pytest


def test_the_needs_with_their_workshops(login, needs):
    body = login("viewer").get("/api/programs/test/needs").json()
    assert body == [
        {
            "key": "trygghet",
            "title": "Trygg utemiljö",
            "priority": 1,
            "theme": "Trygghet",
            "determinants": [],
            "workshops": ["a"],
            "met": True,
        }
    ]


def test_the_unmet_needs(login, needs):
    needs.need.workshops.clear()
    assert [n["key"] for n in login("hub").get("/api/programs/test/needs/unmet").json()] == [
        "trygghet"
    ]


def test_the_summary_needs_a_period(login, needs):
    client = login("steering")
    assert client.get("/api/programs/test/needs/summary?period=2024").json()["statements"] == 2
    bad = client.get("/api/programs/test/needs/summary?period=someday")
    assert bad.status_code == 422 and "detail" in bad.json()


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_outsiders_get_nothing(login, needs, who):
    assert login(who).get("/api/programs/test/needs").status_code in (401, 404)
