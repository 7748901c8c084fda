"""The command, the API and the dashboard show what compute_figures computes."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import PASSWORD
from jamlik.lib.periods import Period
from jamlik.reports.figures import compute_figures


def run_figures(*args):
    out = StringIO()
    call_command("figures", *args, stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_the_same_json_as_the_function(world):
    printed = run_figures("--program", "test", "--period", "2024H1")
    assert printed == compute_figures(program=world.program, period=Period.parse("2024H1"))
    assert printed["activities"] == 2
    assert printed["unique_participants"]["total"] == 2


def test_it_prints_suppressed_figures_for_external_readers(world):
    printed = run_figures("--program", "test", "--period", "2024", "--audience", "external")
    assert printed["unique_participants"]["total"] == "<5"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--program", "nope", "--period", "2024"], "No program"),
        (["--program", "test", "--period", "2024H3"], "är ingen period: skriv ett halvår"),
    ],
)
def test_it_explains_bad_arguments(world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("figures", *args)


def api_get(client, user, url):
    if user is not None:
        client.login(username=user, password=PASSWORD)
    return client.get(url)


@pytest.mark.parametrize("user", ["leader", "promoter_a", "promoter_b"])
def test_the_api_gives_internal_figures_to_program_staff(client, world, user):
    response = api_get(client, user, "/api/programs/test/figures?period=2024H1")
    assert response.status_code == 200
    assert response.json() == compute_figures(program=world.program, period=Period.parse("2024H1"))


def test_the_api_gives_a_viewer_external_figures_only(client, world):
    url = "/api/programs/test/figures?period=2024H1&audience=internal"
    internal = api_get(client, "viewer", url)
    assert internal.status_code == 404
    assert internal.json() == {"detail": "Not Found"}
    own = client.get("/api/programs/test/figures?period=2024H1")
    assert own.json()["unique_participants"]["total"] == "<5"
    external = client.get("/api/programs/test/figures?period=2024H1&audience=external")
    assert external.status_code == 200
    assert external.json()["unique_participants"]["total"] == "<5"


@pytest.mark.parametrize(("user", "status"), [("outsider", 404), (None, 401)])
def test_the_api_hides_figures_from_strangers(client, world, user, status):
    response = api_get(client, user, "/api/programs/test/figures?period=2024H1&audience=external")
    assert response.status_code == status
    assert "detail" in response.json()


def test_the_api_explains_a_bad_period(client, world):
    response = api_get(client, "leader", "/api/programs/test/figures?period=last-year")
    assert response.status_code == 422
    assert "2023H1" in response.json()["detail"]


def test_the_openapi_description_lists_the_figures_endpoint(client, world):
    schema = api_get(client, "leader", "/api/openapi.json").json()
    assert "/api/programs/{slug}/figures" in schema["paths"]
