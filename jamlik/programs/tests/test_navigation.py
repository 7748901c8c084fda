"""Each role gets the overview and its two main destinations; the rest is under "More"."""

import re

import pytest
from django.urls import reverse

from conftest import PASSWORD, make_user
from jamlik.people.models import ProgramRole

MAIN = {
    "leader": ["programs:dashboard", "activities:list", "reports:index"],
    "promoter_a": ["programs:dashboard", "activities:list", "workshops:list"],
    "hub": ["programs:dashboard", "governance:index", "needs:index"],
    "steering": ["programs:dashboard", "governance:index", "reports:index"],
    "researcher": ["programs:dashboard", "surveys:index", "reports:research"],
    "viewer": ["programs:dashboard", "workshops:list", "needs:index"],
}
# Pages a role may not open are not offered at all.
ABSENT = {
    "leader": [],
    "promoter_a": ["programs:import", "reports:index"],
    "hub": ["activities:list", "programs:import"],
    "steering": ["activities:list", "programs:import"],
    "researcher": ["activities:list", "finance:index", "governance:index"],
    "viewer": ["activities:list", "programs:promoters", "governance:index", "reports:index"],
}


def nav_links(html: str) -> tuple[list[str], list[str]]:
    nav = html[html.index('<nav class="tabs"') : html.index("</nav>", html.index('class="tabs"'))]
    main_part, _, more_part = nav.partition('<details class="nav-more">')
    return re.findall(r'href="([^"]+)"', main_part), re.findall(r'href="([^"]+)"', more_part)


@pytest.fixture
def client_for(client, world):
    for role in ("hub", "steering", "researcher"):
        ProgramRole.objects.create(user=make_user(role), program=world.program, role=role)

    def _client(username):
        assert client.login(username=username, password=PASSWORD)
        return client

    return _client


@pytest.mark.parametrize("username", MAIN)
def test_each_role_sees_its_main_destinations_and_a_menu_for_the_rest(client_for, username):
    html = client_for(username).get(reverse("programs:dashboard", args=["test"])).content.decode()
    main, more = nav_links(html)
    assert main == [reverse(name, args=["test"]) for name in MAIN[username]]
    assert more and not set(main) & set(more)
    for name in ABSENT[username]:
        assert reverse(name, args=["test"]) not in main + more


def test_the_menu_marks_the_current_page(client_for):
    client = client_for("leader")
    html = client.get(reverse("programs:partners", args=["test"])).content.decode()
    assert '<summary class="is-current">' in html
    assert f'href="{reverse("programs:partners", args=["test"])}" aria-current="page"' in html


def test_a_promoter_opens_on_a_new_activity_and_their_own_workshops(client_for, world):
    html = client_for("promoter_a").get(reverse("programs:dashboard", args=["test"]))
    html = html.content.decode()
    new = reverse("activities:new", args=["test"])
    assert html.index(new) < html.index('class="kpis"')  # before the figures
    assert world.workshop_a.get_absolute_url() in html.split('class="kpis"')[0]
    assert world.workshop_b.get_absolute_url() not in html.split('class="kpis"')[0]


@pytest.mark.parametrize(
    ("username", "shown"), [("steering", True), ("leader", True), ("hub", False)]
)
def test_the_steering_group_opens_on_what_awaits_its_approval(client_for, world, username, shown):
    from jamlik.lib.periods import Period
    from jamlik.reports import services

    draft = services.create_draft(
        user=world.leader, program=world.program, period=Period.parse("2024H1"), audience="external"
    )
    services.submit(user=world.leader, draft=draft)
    response = client_for(username).get(reverse("programs:dashboard", args=["test"]))
    html = response.content.decode()
    if shown:
        assert response.context["awaiting_approval"] == [draft]
        assert html.index(draft.get_absolute_url()) < html.index('class="kpis"')
    else:
        assert draft.get_absolute_url() not in html
