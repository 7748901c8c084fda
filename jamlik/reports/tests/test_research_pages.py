"""The research outputs (följeforskning) pages: who sees and keeps the list, and what it checks."""

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from jamlik.lib.periods import Period
from jamlik.people.models import AuditEvent
from jamlik.programs.models import Program
from jamlik.reports import services
from jamlik.reports.models import ResearchOutput

TODAY = date(2026, 6, 1)
VALID = {
    "kind": "article",
    "status": "published",
    "title": "Hälsocirklar och egenmakt",
    "authors": "B. Forskare, C. Forskare",
    "year": "2024",
    "venue": "Tidskrift för folkhälsa",
    "url": "https://doi.org/10.1234/halsa.2024.1",
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY):
        yield


@pytest.fixture
def output(roles):
    return ResearchOutput.objects.create(
        program=roles.program, kind="thesis", title="Avhandlingen", year=2023
    )


def url(name, *args):
    return reverse(f"reports:{name}", args=["test", *args])


def audit_events(action):
    return list(
        AuditEvent.objects.filter(object_type="research_output", action=action).values_list(
            "user__username", "detail"
        )
    )


@pytest.mark.parametrize(
    "username, status",
    [
        ("leader", 200),
        ("hub", 200),
        ("steering", 200),
        ("researcher", 200),
        ("promoter_a", 404),
        ("viewer", 404),
        ("outsider", 404),
    ],
)
def test_it_shows_the_list_to_report_readers_and_researchers(output, login, username, status):
    response = login(username).get(url("research"))
    assert response.status_code == status
    if status == 200:
        assert "Avhandlingen" in response.content.decode()


def test_it_sends_anonymous_visitors_to_log_in(output, client):
    response = client.get(url("research"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "username, editor",
    [("leader", True), ("hub", True), ("researcher", True), ("steering", False)],
)
def test_it_offers_changes_only_to_those_who_keep_the_list(output, login, username, editor):
    page = login(username).get(url("research")).content.decode()
    assert (url("research_new") in page) is editor
    assert (url("research_edit", output.pk) in page) is editor


@pytest.mark.parametrize("username", ["leader", "hub", "researcher"])
def test_it_lets_leader_hub_and_researchers_add_an_output(roles, login, username, english):
    client = login(username)
    assert client.get(url("research_new")).status_code == 200
    response = client.post(url("research_new"), VALID, follow=True)
    assert response.redirect_chain == [(url("research"), 302)]
    assert "The research output was saved." in response.content.decode()
    saved = ResearchOutput.objects.get()
    assert (saved.program, saved.title, saved.year, saved.url) == (
        roles.program,
        VALID["title"],
        2024,
        VALID["url"],
    )
    assert audit_events("create") == [(username, {"title": VALID["title"], "year": 2024})]


@pytest.mark.parametrize("username", ["steering", "promoter_a", "viewer", "outsider"])
def test_it_refuses_everyone_else_a_new_output(roles, login, username):
    client = login(username)
    assert client.get(url("research_new")).status_code == 404
    assert client.post(url("research_new"), VALID).status_code == 404
    assert not ResearchOutput.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("year", ["1989", "2028", "0"])
def test_it_refuses_an_implausible_year_in_plain_words(roles, login, english, year):
    response = login("leader").post(url("research_new"), {**VALID, "year": year})
    assert response.status_code == 200
    assert "Give the year it was published, or will be, from 1990 to 2027." in (
        response.content.decode()
    )
    assert not ResearchOutput.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("year", ["1990", "2027"])
def test_it_accepts_the_first_and_the_last_plausible_year(roles, login, year):
    assert login("leader").post(url("research_new"), {**VALID, "year": year}).status_code == 302
    assert ResearchOutput.objects.get().year == int(year)


def test_it_takes_a_link_as_optional_and_assumes_https(roles, login):
    client = login("researcher")
    client.post(url("research_new"), {**VALID, "url": ""})
    client.post(url("research_new"), {**VALID, "title": "Andra", "url": "doi.org/10.1/x"})
    assert dict(ResearchOutput.objects.values_list("title", "url")) == {
        VALID["title"]: "",
        "Andra": "https://doi.org/10.1/x",
    }


def test_it_refuses_a_link_that_is_not_one(roles, login, english):
    response = login("leader").post(url("research_new"), {**VALID, "url": "inte en länk"})
    assert "Enter a valid URL." in response.content.decode()
    assert not ResearchOutput.objects.exists()


def test_it_changes_an_output_and_records_what_changed(output, login):
    client = login("hub")
    form = client.get(url("research_edit", output.pk))
    assert 'value="2023"' in form.content.decode()
    response = client.post(
        url("research_edit", output.pk), {**VALID, "kind": "thesis", "title": "Avhandlingen"}
    )
    assert response.status_code == 302
    output.refresh_from_db()
    assert (output.year, output.venue) == (2024, VALID["venue"])
    [(user, detail)] = audit_events("update")
    assert user == "hub"
    assert detail["changed"] == ["authors", "url", "venue", "year"]


def test_it_keeps_the_stored_output_when_a_change_is_refused(output, login):
    response = login("leader").post(url("research_edit", output.pk), {**VALID, "year": "1850"})
    assert response.status_code == 200
    output.refresh_from_db()
    assert (output.title, output.year) == ("Avhandlingen", 2023)
    assert not AuditEvent.objects.exists()


def test_it_answers_404_for_another_programs_output(roles, login):
    other = Program.objects.create(slug="other", name="Annat program", code_prefix="O")
    foreign = ResearchOutput.objects.create(program=other, title="Främmande", year=2020)
    client = login("leader")
    assert client.get(url("research_edit", foreign.pk)).status_code == 404
    assert client.post(url("research_delete", foreign.pk)).status_code == 404
    assert ResearchOutput.objects.filter(pk=foreign.pk).exists()
    assert "Främmande" not in client.get(url("research")).content.decode()


def test_it_asks_before_deleting_and_deletes_on_post(output, login, english):
    client = login("researcher")
    confirm = client.get(url("research_delete", output.pk))
    assert confirm.status_code == 200
    assert "Delete the publication?" in confirm.content.decode()
    assert ResearchOutput.objects.filter(pk=output.pk).exists()

    response = client.post(url("research_delete", output.pk), follow=True)
    assert response.redirect_chain == [(url("research"), 302)]
    assert "The research output was deleted." in response.content.decode()
    assert not ResearchOutput.objects.exists()
    assert audit_events("delete") == [("researcher", {"title": "Avhandlingen", "year": 2023})]


@pytest.mark.parametrize("username", ["steering", "promoter_a", "viewer", "outsider"])
def test_it_lets_no_one_else_delete(output, login, username):
    client = login(username)
    assert client.get(url("research_delete", output.pk)).status_code == 404
    assert client.post(url("research_delete", output.pk)).status_code == 404
    assert ResearchOutput.objects.filter(pk=output.pk).exists()


def test_it_deletes_only_by_post(output, login):
    assert login("leader").put(url("research_delete", output.pk)).status_code == 405
    assert login("leader").post(url("research")).status_code == 405
    assert ResearchOutput.objects.filter(pk=output.pk).exists()


def test_it_refuses_a_delete_without_the_csrf_token(output):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="leader", password=PASSWORD)
    assert client.post(url("research_delete", output.pk)).status_code == 403
    assert ResearchOutput.objects.filter(pk=output.pk).exists()


def test_it_shows_an_added_output_in_the_reports_accompanying_research(roles, login):
    client = login("leader")
    client.post(url("research_new"), VALID)
    draft = services.create_draft(
        user=roles.leader, program=roles.program, period=Period.parse("2024H1"), audience="internal"
    )
    page = client.get(url("draft", draft.pk)).content.decode()
    section = page.split('class="report-section report-section-research"')[1]
    section = section.split("</section>")[0]
    assert "Följeforskning" in section
    assert VALID["title"] in section
    assert VALID["url"] in section


def test_it_links_both_pages_from_the_reports_page(roles, login):
    page = login("steering").get(url("index")).content.decode()
    assert f'href="{url("research")}"' in page
    assert f'href="{url("rules")}"' in page


def test_it_links_the_list_from_a_draft_for_those_who_write_it(roles, login):
    draft = services.create_draft(
        user=roles.leader, program=roles.program, period=Period.parse("2024H1"), audience="internal"
    )
    link = f'href="{url("research")}"'
    section = login("leader").get(url("draft", draft.pk)).content.decode()
    section = section.split('class="report-section report-section-research"')[1]
    assert link in section.split("</section>")[0]


@pytest.mark.parametrize("username, shown", [("researcher", True), ("promoter_a", False)])
def test_the_top_bar_takes_researchers_to_the_list(roles, login, username, shown):
    page = login(username).get(reverse("programs:dashboard", args=["test"])).content.decode()
    assert (f'href="{url("research")}"' in page) is shown
