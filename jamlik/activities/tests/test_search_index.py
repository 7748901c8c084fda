"""Participant search by a code's beginning can use the (program, code) index: codes are
stored in upper case and searched case-sensitively, with no UPPER() in the SQL."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jamlik.activities.models import Participant

HTMX = {"HTTP_HX_REQUEST": "true"}


def search(client, q: str):
    url = reverse("activities:search", args=["test", "a-1"])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"q": q}, **HTMX)
    return response, [query["sql"] for query in captured]


def test_search_finds_lower_case_input_without_upper_in_the_sql(login, world):
    client = login("promoter_a")
    for q in ("aa", "t-aaaa", "T-AA"):
        response, sql = search(client, q)
        assert [r.participant for r in response.context["results"]] == [world.participant_a]
        assert not [s for s in sql if "UPPER(" in s.upper() and "participant" in s], q


def test_the_exact_code_of_another_workshop_is_found_without_upper(login, world):
    response, sql = search(login("promoter_a"), "t-bbbb")
    results = response.context["results"]
    assert [(r.participant, r.visible) for r in results] == [(world.participant_b, False)]
    assert not [s for s in sql if "UPPER(" in s.upper()]


def test_the_participants_api_searches_without_upper(login, world):
    client = login("leader")
    with CaptureQueriesContext(connection) as captured:
        rows = client.get("/api/programs/test/participants", {"q": "t-b"}).json()
    assert [row["code"] for row in rows] == ["T-BBBB"]
    assert not [q["sql"] for q in captured if "UPPER(" in q["sql"].upper()]


def test_an_imported_code_is_stored_in_upper_case(world, tmp_path):
    (tmp_path / "participants.csv").write_text("code,category\nt-cccc,adult\n", "utf-8")
    (tmp_path / "attendance.csv").write_text("activity,participant\na-1,t-cccc\n", "utf-8")
    call_command("import", "--program", "test", str(tmp_path))
    participant = Participant.objects.get(program=world.program, code="T-CCCC")
    assert participant.attendances.filter(activity=world.activity_a).exists()
