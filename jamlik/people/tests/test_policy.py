"""The access policy table (people/policy.py) against the project's URLs and the README.

Every URL pattern of the project and every API operation must be classified in
`policy.URLS`, so that no page ships without an access decision. The access matrix below is
generated from the table: each program page and API endpoint whose only argument is the
program is asked for by every role, and must answer 404 exactly to the roles without the
capability it is classified under.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import PASSWORD, make_user
from jamlik.api import api
from jamlik.people import policy
from jamlik.people.models import ProgramRole

HOW_TO_CLASSIFY = """
{count} URL(s) have no access decision: {names}
Add one line per URL to URLS in jamlik/people/policy.py, naming the capability it needs
(a key of CAPABILITIES, e.g. "participants", "reports.write") or one of OPEN_CLASSES
("public", "token", "login", "staff"), e.g.
    "reports:index": "reports",
or a whole namespace of a third-party app, e.g. "two_factor:*": "login",
A new kind of access is a new Capability line in CAPABILITIES (then run
`uv run jamlik access_table --write` to update the README).
"""


def _walk(patterns, namespace="", route=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, inner, route + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            name = entry.name or ""
            qualified = f"{namespace}:{name}" if namespace and name else (name or namespace)
            yield qualified, route + str(entry.pattern)


def project_urls() -> list[tuple[str, str]]:
    """(name, route) of every URL pattern, plus "api:<function>" for every API operation."""
    urls = list(_walk(get_resolver().url_patterns))
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                route = f"api/{prefix}/{path}".replace("//", "/").replace("//", "/")
                urls.append((f"api:{operation.view_func.__name__}", route))
    return urls


def test_every_url_of_the_project_is_classified():
    unclassified = sorted(
        {
            f"{name or '(unnamed)'} ({route})"
            for name, route in project_urls()
            if not policy.needs(name)
        }
    )
    assert not unclassified, HOW_TO_CLASSIFY.format(
        count=len(unclassified), names=", ".join(unclassified)
    )


def test_every_classification_names_a_url_and_a_known_capability():
    names = {name for name, _route in project_urls()}
    namespaces = {name.rsplit(":", 1)[0] + ":*" for name in names if ":" in name}
    stale = set(policy.URLS) - names - namespaces
    assert stale == set(), f"URLS names URLs the project no longer has: {sorted(stale)}"
    known = set(policy.CAPABILITY) | set(policy.OPEN_CLASSES)
    assert {value for value in policy.URLS.values() if value not in known} == set()


def test_the_readme_shows_the_generated_roles_tables():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    start = readme.index(policy.README_START) + len(policy.README_START) + 1
    end = readme.index(policy.README_END)
    assert readme[start:end] == policy.roles_table(), (
        "README.md's roles tables differ from jamlik/people/policy.py: "
        "run `uv run jamlik access_table --write`"
    )


def test_the_command_prints_the_tables(capsys):
    call_command("access_table")
    assert capsys.readouterr().out == policy.roles_table()


# The generated access matrix.

USERS = {
    "leader": "leader",
    "promoter": "promoter_a",
    "hub": "hub",
    "steering": "steering",
    "researcher": "researcher",
    "viewer": "viewer",
}
# Query strings an endpoint needs before it looks at the user (a missing one answers 422).
QUERIES = {"api:figures": "?period=2024", "api:need_summary": "?period=2024",
           "api:evaluation": "?period=2024", "api:income_statement": "?period=2024",
           "api:organisation_figures": "?period=2024"}  # fmt: skip
ROLE_DECIDED = {name: key for name, key in policy.URLS.items() if key in policy.CAPABILITY}


def _program_only_urls() -> list[tuple[str, str]]:
    """Classified URLs whose only argument is the program's slug, with their address."""
    found = {}
    for name, route in project_urls():
        if name not in ROLE_DECIDED:
            continue
        route = route.replace("<slug:slug>", "test").replace("{slug}", "test")
        if "<" in route or "{" in route:
            continue
        found.setdefault(name, "/" + route + QUERIES.get(name, ""))
    return sorted(found.items())


PROGRAM_URLS = _program_only_urls()


def test_the_generated_matrix_covers_most_program_pages():
    assert len(PROGRAM_URLS) >= 50


@pytest.fixture
def users(world):
    for role in ("hub", "steering", "researcher"):
        ProgramRole.objects.create(user=make_user(role), program=world.program, role=role)
    return USERS


def ask(client, address: str):
    """GET, or an empty POST where the URL takes only POST: what the role is answered."""
    response = client.get(address)
    if response.status_code == 405:
        response = client.post(address, {})
    return response


@pytest.mark.parametrize(("name", "address"), PROGRAM_URLS, ids=[n for n, _ in PROGRAM_URLS])
def test_the_access_matrix(client, world, users, name, address, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    allowed = policy.roles_with(ROLE_DECIDED[name])
    wrong = []
    for role, username in users.items():
        assert client.login(username=username, password=PASSWORD)
        status = ask(client, address).status_code
        client.logout()
        if (status == 404) == (role in allowed) or status in (401, 403):
            wrong.append(f"{role}: {status}")
    assert client.login(username="outsider", password=PASSWORD)
    if ask(client, address).status_code != 404:
        wrong.append("outsider: not 404")
    roles = ", ".join(sorted(map(str, allowed)))
    assert not wrong, (
        f"{address} is classified as {ROLE_DECIDED[name]!r} (roles {roles}) "
        f"in jamlik/people/policy.py, but answered {', '.join(wrong)}"
    )
