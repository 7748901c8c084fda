"""Organisation roles: what a funder officer and an organisation admin reach, and that
organisations are isolated from each other."""

import re
import uuid

import pytest

from conftest import PASSWORD
from jamlik.people import policy
from jamlik.people.models import AuditEvent, ProgramRole
from jamlik.people.tests.test_policy import QUERIES, ask, project_urls
from jamlik.programs.models import Program

VALUES = {"int": "999", "uuid": str(uuid.uuid4()), "str": "pdf", "path": "x", "slug": "x"}
# Organisation pages a funder officer reads, with their address in the test city.
READ = {
    "organisations:dashboard": "/o/city/",
    "organisations:download": "/o/city/download.xlsx?period=2024H1",
    "organisations:chart": "/o/city/chart.svg?period=2024H1",
    "organisations:program": "/o/city/programs/second/",
    "organisations:evaluation": "/o/city/evaluation/",
    "api:organisation_figures": "/api/organisations/city/figures?period=2024H1",
}
ADMIN = {
    "organisations:manage": "/o/city/manage/",
    "organisations:program_new": "/o/city/manage/programs/new",
    "organisations:role_new": "/o/city/manage/roles/new",
}


def _address(name: str, route: str, *, program: str, org: str) -> str:
    for param in ("<slug:slug>", "{slug}", "<slug>"):
        route = route.replace(param, program)
    route = route.replace("<slug:org>", org)
    route = re.sub(r"<(\w+):\w+>", lambda m: VALUES[m[1]], route)
    route = re.sub(r"[{<]\w*(id|uuid)[}>]", VALUES["uuid"], route)
    route = re.sub(r"\{\w+\}|<\w+>", "999", route)
    return "/" + route + QUERIES.get(name, "?period=2024")


def _program_and_api_urls():
    return [
        (name, route) for name, route in project_urls() if route.startswith(("p/", "api/programs/"))
    ]


def test_a_funder_officer_gets_404_from_every_program_page_and_endpoint(client, city):
    """Participants, support contacts, internal figures and drafts live on program pages:
    a funder officer reaches none of them, in their own organisation's program either."""
    assert client.login(username="funder", password=PASSWORD)
    urls = _program_and_api_urls()
    assert len(urls) > 150
    wrong = []
    for name, route in urls:
        address = _address(name, route, program="test", org="city")
        method = name.rsplit("_", 1)[-1]
        if name.startswith("api:") and method in ("put", "delete"):
            status = client.generic(method.upper(), address).status_code
        else:
            status = ask(client, address).status_code
        if status != 404:
            wrong.append(f"{name}: {status}")
    assert wrong == [], "\n".join(wrong)


def test_a_funder_officer_reads_the_organisation_pages_but_does_not_manage(client, city):
    assert client.login(username="funder", password=PASSWORD)
    for name, address in READ.items():
        assert ask(client, address).status_code == 200, name
    for name, address in ADMIN.items():
        assert ask(client, address).status_code == 404, name


def test_every_organisation_url_is_covered_here(city):
    names = {
        n for n, _r in project_urls() if policy.needs(n) in ("organisation", "organisation.admin")
    }
    assert names == set(READ) | set(ADMIN) | {"organisations:report_download"}


@pytest.mark.parametrize("username", ["otherfunder", "leader", "viewer", "outsider"])
def test_others_get_404_from_every_organisation_page(client, city, username):
    """Another organisation's funder officer, and program roles without an organisation
    role (the program's leader too): organisations are isolated."""
    assert client.login(username=username, password=PASSWORD)
    for name, address in {**READ, **ADMIN}.items():
        assert ask(client, address).status_code == 404, name
    assert ask(client, "/o/city/programs/test/").status_code == 404


def test_a_program_of_another_organisation_is_not_found(client, city):
    assert client.login(username="funder", password=PASSWORD)
    assert client.get("/o/city/programs/elsewhere/").status_code == 404
    assert client.get("/o/other/programs/elsewhere/").status_code == 404


def test_the_home_page_leads_a_funder_officer_to_the_organisation(client, city):
    assert client.login(username="funder", password=PASSWORD)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/o/city/"


def test_an_organisation_admin_creates_a_program_in_the_organisation(client, city):
    assert client.login(username="orgadmin", password=PASSWORD)
    assert client.get("/o/city/manage/programs/new").status_code == 405
    response = client.post(
        "/o/city/manage/programs/new", {"name": "Nytt", "slug": "nytt", "area": "Norr"}
    )
    assert response.status_code == 302
    created = Program.objects.get(slug="nytt")
    assert created.organisation == city.organisation
    assert AuditEvent.objects.filter(
        program=created, action="create", object_type="program", username="orgadmin"
    ).exists()
    taken = client.post("/o/city/manage/programs/new", {"name": "X", "slug": "nytt"})
    assert taken.status_code == 400


def test_an_organisation_admin_gives_program_roles_in_its_programs_only(client, city):
    assert client.login(username="orgadmin", password=PASSWORD)
    response = client.post(
        "/o/city/manage/roles/new", {"program": "second", "username": "outsider", "role": "hub"}
    )
    assert response.status_code == 302
    assert ProgramRole.objects.get(user__username="outsider", program=city.second).role == "hub"
    assert AuditEvent.objects.filter(object_type="program_role", object_ref="outsider").exists()
    refused = client.post(
        "/o/city/manage/roles/new",
        {"program": "elsewhere", "username": "outsider", "role": "leader"},
    )
    assert refused.status_code == 400
    assert not ProgramRole.objects.filter(program=city.other_program).exists()


def test_a_funder_officer_cannot_give_roles(client, city):
    assert client.login(username="funder", password=PASSWORD)
    response = client.post(
        "/o/city/manage/roles/new", {"program": "second", "username": "funder", "role": "leader"}
    )
    assert response.status_code == 404
    assert not ProgramRole.objects.filter(user__username="funder").exists()
