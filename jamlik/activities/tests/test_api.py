from jamlik.activities.models import Attendance, Headcount
from jamlik.people.models import AuditEvent

BASE = "/api/programs/test/activities/a-1/attendance"


def test_it_lists_the_codes_present_and_the_headcounts(login, world):
    Headcount.objects.create(activity=world.activity_a, category="adult", count=4)
    response = login("promoter_a").get(BASE)
    assert response.status_code == 200
    assert response.json() == {
        "activity": "a-1",
        "present": ["T-AAAA"],
        "headcounts": [{"category": "adult", "gender": "unknown", "count": 4}],
    }
    assert AuditEvent.objects.filter(action="view", object_type="attendance").exists()


def test_put_marks_present_once(login, world):
    client = login("promoter_a")
    first = client.put(f"{BASE}/T-BBBB")
    second = client.put(f"{BASE}/T-BBBB")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == {"activity": "a-1", "participant": "T-BBBB", "present": True}
    assert Attendance.objects.filter(activity=world.activity_a).count() == 2


def test_delete_unmarks_and_is_idempotent(login, world):
    client = login("promoter_a")
    assert client.delete(f"{BASE}/T-AAAA").status_code == 204
    assert client.delete(f"{BASE}/T-AAAA").status_code == 204
    assert not Attendance.objects.filter(activity=world.activity_a).exists()


def test_an_unknown_code_or_activity_is_404_with_a_detail(login, world):
    client = login("promoter_a")
    for response in (
        client.put(f"{BASE}/T-ZZZZ"),
        client.get("/api/programs/test/activities/nope/attendance"),
    ):
        assert response.status_code == 404
        assert set(response.json()) == {"detail"}
