"""The city dashboard reads a fixed number of queries per program (its figures from the
cache, its report and caps), whatever the program holds."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD
from jamlik.organisations.tests.conftest import add_record
from jamlik.programs.models import Program


def _queries(client) -> int:
    client.get("/o/city/?period=2024H1")  # the figures are computed and cached once
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/o/city/?period=2024H1").status_code == 200
    return len(queries)


def test_queries_grow_by_a_constant_per_program_and_not_with_its_records(client, city):
    assert client.login(username="funder", password=PASSWORD)
    two = _queries(client)
    Program.objects.create(slug="p3", name="P3", code_prefix="A", organisation=city.organisation)
    three = _queries(client)
    Program.objects.create(slug="p4", name="P4", code_prefix="B", organisation=city.organisation)
    four = _queries(client)
    assert four - three == three - two
    # The first workshop and activities may open a branch (fidelity reads the workshops'
    # needs once there are workshops); more records never add queries.
    add_record(city.second, people=5, activities=2, start=date(2024, 1, 8))
    some = _queries(client)
    assert some <= four + 2
    add_record(city.second, people=20, activities=12, start=date(2024, 3, 4))
    assert _queries(client) == some
