"""A mark (htmx POST) runs a fixed, small number of queries: no savepoints inside its own
transaction, no fresh participant code drawn for a form the answer does not show."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD
from jamlik.reports.aggregates import ensure_built

HTMX = {"HTTP_HX_REQUEST": "true"}


def _mark(client, present: str) -> list[str]:
    url = reverse("activities:mark", args=["test", "b-1"])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"code": "T-AAAA", "present": present}, **HTMX)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_a_mark_with_the_figures_aggregates_built_is_bounded(client, world):
    assert client.login(username="leader", password=PASSWORD)
    ensure_built(world.program)
    present = _mark(client, "1")
    absent = _mark(client, "0")
    # 5 to find the session, user, role, activity and participant; the write, the
    # figures' stamp and the rebuild of one day and one participant-week (10); the
    # audit event; the answer's present list and headcounts; the test's savepoints
    # (one pair stands for the request's BEGIN/COMMIT, one is get_or_create's).
    # PostgreSQL adds the program row's lock (FOR NO KEY UPDATE), taken once.
    lock = 1 if connection.vendor == "postgresql" else 0
    assert len(present) <= 25 + lock, present
    assert len(absent) <= 22 + lock, absent
    for sqls in (present, absent):
        assert not any("activities_participant" in s and '"code" = ' in s for s in sqls[5:])
        assert sum(s.startswith("SAVEPOINT") for s in sqls) <= (2 if sqls is present else 1)
        assert sum("FOR NO KEY UPDATE" in s for s in sqls) == lock
