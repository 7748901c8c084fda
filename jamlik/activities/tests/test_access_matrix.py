"""Each role against each page and API endpoint that shows or changes participant data.

Workshop A's activity a-1 and participant T-AAAA belong to promoter_a and the leader.
Everyone else gets 404 (anonymous: the login page, or 401 from the API), the answer never
contains the participant's code, and a refused write changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from jamlik.activities.models import (
    Activity,
    Attendance,
    Headcount,
    IndividualSupport,
    Participant,
)
from jamlik.people.policy import roles_with

CODE = "T-AAAA"
HTMX = {"HTTP_HX_REQUEST": "true"}
# From the policy table: the roles with the "participants" capability, as this test's users
# (a promoter: promoter_a, whose workshop it is; promoter_b is refused by workshop).
_USER = {"leader": "leader", "promoter": "promoter_a", "hub": "hub", "steering": "steering",
         "researcher": "researcher", "viewer": "viewer"}  # fmt: skip
ALLOWED = [user for role, user in _USER.items() if role in roles_with("participants")]
REFUSED = (
    ["promoter_b"]
    + [user for role, user in _USER.items() if role not in roles_with("participants")]
    + ["outsider"]
)


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str
    data: Callable | None = None  # world -> form data
    api: bool = False
    writes: bool = False

    def __str__(self) -> str:
        return self.name


ENDPOINTS = [
    Endpoint("attendance page", "get", "/p/test/activities/a-1/"),
    Endpoint("participant page", "get", f"/p/test/participants/{CODE}/"),
    Endpoint("participant search", "get", f"/p/test/activities/a-1/search/?q={CODE}"),
    Endpoint("mark present", "post", "/p/test/activities/a-1/attendance/",
             lambda w: {"code": "T-BBBB", "present": "1"}, writes=True),
    Endpoint("unmark present", "post", "/p/test/activities/a-1/attendance/",
             lambda w: {"code": CODE, "present": "0"}, writes=True),
    Endpoint("headcount set", "post", "/p/test/activities/a-1/headcounts/",
             lambda w: {"category": "adult", "gender": "unknown", "count": "3"}, writes=True),
    Endpoint("new participant", "post", "/p/test/activities/a-1/participants/",
             lambda w: {"code": "T-NEWW", "category": "adult"}, writes=True),
    Endpoint("status", "post", "/p/test/activities/a-1/status/",
             lambda w: {"status": "cancelled"}, writes=True),
    Endpoint("support contact", "post", f"/p/test/participants/{CODE}/support/",
             lambda w: {"date": "2024-04-02", "kind": "guidance", "workshop": w.workshop_a.pk},
             writes=True),
    Endpoint("API participant detail", "get", f"/api/programs/test/participants/{CODE}", api=True),
    Endpoint("API attendance", "get", "/api/programs/test/activities/a-1/attendance", api=True),
    Endpoint("API mark present", "put",
             f"/api/programs/test/activities/a-1/attendance/{CODE}", api=True),
    Endpoint("API unmark present", "delete",
             f"/api/programs/test/activities/a-1/attendance/{CODE}", api=True, writes=True),
]  # fmt: skip


def call(client, world, endpoint: Endpoint):
    send = getattr(client, endpoint.method)
    if endpoint.data is not None:
        return send(endpoint.path, endpoint.data(world), **HTMX)
    return send(endpoint.path, **HTMX)


def snapshot():
    return {
        "activities": sorted(Activity.objects.values_list("key", "status")),
        "participants": sorted(Participant.objects.values_list("code", "category")),
        "attendance": sorted(Attendance.objects.values_list("activity_id", "participant_id")),
        "headcounts": sorted(Headcount.objects.values_list("activity_id", "category", "count")),
        "support": IndividualSupport.objects.count(),
    }


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
@pytest.mark.parametrize("user", ALLOWED)
def test_the_leader_and_own_promoter_succeed(login, world, user, endpoint):
    before = snapshot()
    response = call(login(user), world, endpoint)
    assert response.status_code in (200, 201, 204, 302)
    assert "/accounts/login/" not in response.get("Location", "")
    assert (snapshot() != before) is endpoint.writes


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
@pytest.mark.parametrize("user", REFUSED)
def test_other_roles_get_404_and_change_nothing(login, world, user, endpoint):
    before = snapshot()
    response = call(login(user), world, endpoint)
    assert response.status_code == 404
    assert CODE not in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_anonymous_is_sent_to_log_in_and_changes_nothing(client, world, endpoint):
    before = snapshot()
    response = call(client, world, endpoint)
    if endpoint.api:
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert CODE not in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("user", ["leader", "promoter_a", "promoter_b"])
def test_the_activity_list_shows_only_what_the_role_may_see(login, world, user):
    page = login(user).get("/p/test/activities/")
    keys = [a.key for a in page.context["page"].object_list]
    assert keys == {"leader": ["b-1", "a-1"], "promoter_a": ["a-1"], "promoter_b": ["b-1"]}[user]


@pytest.mark.parametrize("user", REFUSED[1:])
def test_the_activity_list_is_404_for_roles_without_personal_data(login, world, user):
    assert login(user).get("/p/test/activities/").status_code == 404


def test_the_activity_list_sends_anonymous_to_log_in(client, world):
    assert client.get("/p/test/activities/")["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("user", ["leader", "promoter_a", "promoter_b"])
def test_the_api_participant_list_shows_only_what_the_role_may_see(login, world, user):
    codes = [p["code"] for p in login(user).get("/api/programs/test/participants").json()]
    expected = {"leader": ["T-AAAA", "T-BBBB"], "promoter_a": ["T-AAAA"], "promoter_b": ["T-BBBB"]}
    assert codes == expected[user]


@pytest.mark.parametrize("user", REFUSED[1:])
def test_the_api_participant_list_is_404_for_roles_without_personal_data(login, world, user):
    response = login(user).get("/api/programs/test/participants")
    assert response.status_code == 404
    assert CODE not in response.content.decode()


def test_the_api_participant_list_is_401_for_anonymous(client, world):
    assert client.get("/api/programs/test/participants").status_code == 401
