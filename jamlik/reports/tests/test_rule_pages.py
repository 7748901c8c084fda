"""The reporting rules page: the rules in force, kept by the program leader, and what they check."""

from datetime import date
from html import escape

import pytest
import time_machine
from django.urls import reverse

from conftest import make_user
from jamlik.people.models import AuditEvent
from jamlik.programs.models import Program
from jamlik.reports.models import ReportingRule
from jamlik.reports.obligations import obligations

TODAY = date(2025, 3, 1)
# The second half-year's report, due by 15 March of the next year, from 2024.
VALID = {
    "scope": "second_half",
    "due_day": "15",
    "due_month": "3",
    "due_next_year": "on",
    "recipient": "Stadskontoret",
    "first_year": "2024",
    "last_year": "",
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY):
        yield


@pytest.fixture
def rule(roles):
    return ReportingRule.objects.create(
        program=roles.program,
        scope=ReportingRule.Scope.YEAR,
        due_month=2,
        due_day=1,
        due_next_year=True,
        recipient="Styrgrupp",
        first_year=2024,
    )


def url(name, *args):
    return reverse(f"reports:{name}", args=["test", *args])


def owed(program):
    return {o.period.label: o.due for o in obligations(program=program, today=TODAY)}


def due_section(response):
    """The "Reports due" card of a page."""
    return response.content.decode().split('class="card obligations"')[1].split("</section>")[0]


def audit_events(action):
    return list(
        AuditEvent.objects.filter(object_type="reporting_rule", action=action).values_list(
            "user__username", "detail"
        )
    )


@pytest.mark.parametrize(
    "username, status",
    [
        ("leader", 200),
        ("hub", 200),
        ("steering", 200),
        ("researcher", 404),
        ("promoter_a", 404),
        ("viewer", 404),
        ("outsider", 404),
    ],
)
def test_it_shows_the_rules_to_those_who_read_reports(roles, login, username, status):
    assert login(username).get(url("rules")).status_code == status


def test_it_shows_the_default_rules_marked_as_defaults(roles, login, english):
    page = login("hub").get(url("rules")).content.decode()
    assert "follows the default rules" in page
    assert page.count('<span class="badge">Default</span>') == 2
    assert "to the steering group by 1 February the following year" in page
    assert "to the steering group by 1 October" in page
    assert url("rule_new") not in page


def test_it_shows_stored_rules_without_the_defaults(rule, login, english):
    page = login("leader").get(url("rules")).content.decode()
    assert "Default" not in page
    assert "1 October" not in page
    assert "to Styrgrupp by 1 February the following year" in page
    assert url("rule_edit", rule.pk) in page
    assert url("rule_new") in page


@pytest.mark.parametrize("username", ["hub", "steering", "researcher", "viewer", "outsider"])
def test_it_lets_only_the_leader_change_rules(rule, login, username):
    client = login(username)
    for name, args in (
        ("rule_new", ()),
        ("rule_edit", (rule.pk,)),
        ("rule_delete", (rule.pk,)),
    ):
        assert client.get(url(name, *args)).status_code == 404
        assert client.post(url(name, *args), VALID).status_code == 404
    assert client.post(url("rules_adopt")).status_code == 404
    assert list(ReportingRule.objects.values_list("pk", "due_day")) == [(rule.pk, 1)]
    assert not AuditEvent.objects.exists()


def test_it_adds_a_rule_and_the_obligations_follow_it(roles, login, english):
    assert set(owed(roles.program)) == {"2024H1", "2024", "2025H1", "2025"}
    client = login("leader")
    form = client.get(url("rule_new")).content.decode()
    assert "only the program's own rules apply" in form

    response = client.post(url("rule_new"), VALID, follow=True)
    assert response.redirect_chain == [(url("rules"), 302)]
    assert "The reporting rule was saved." in response.content.decode()
    stored = ReportingRule.objects.get()
    assert (stored.program, stored.recipient, stored.due_next_year) == (
        roles.program,
        "Stadskontoret",
        True,
    )
    assert owed(roles.program) == {"2024H2": date(2025, 3, 15)}
    [(user, detail)] = audit_events("create")
    assert user == "leader"
    assert detail == {
        "scope": "second_half",
        "due": "03-15",
        "due_next_year": True,
        "recipient": "Stadskontoret",
        "years": [2024, None],
    }


def test_the_reports_page_and_the_dashboard_follow_a_stored_rule(roles, login):
    client = login("leader")
    client.post(url("rule_new"), VALID)
    index = due_section(client.get(url("index")))
    assert "2024H2" in index
    assert "2024H1" not in index
    dashboard = due_section(client.get(reverse("programs:dashboard", args=["test"])))
    assert "2024H2" in dashboard
    assert "Stadskontoret" in dashboard
    assert "2024H1" not in dashboard


@pytest.mark.parametrize(
    "change, field, message",
    [
        (
            {"due_day": "31", "due_month": "4"},
            "due_day",
            "Give a day from 1 to 30: April has 30 days.",
        ),
        (
            {"due_day": "29", "due_month": "2"},
            "due_day",
            "29 February does not exist every year; choose 28 February or 1 March.",
        ),
        ({"due_day": "0"}, "due_day", "Give a day from 1 to 31: March has 31 days."),
        ({"due_month": "13"}, "due_month", "Choose a month from January to December."),
        (
            {"first_year": "2024", "last_year": "2023"},
            "last_year",
            "The last year cannot be before the first year.",
        ),
        ({"first_year": "24"}, "first_year", "Give a year from 1990 to 2035."),
    ],
)
def test_it_refuses_a_rule_that_cannot_be_kept_and_says_why(
    roles, login, english, change, field, message
):
    response = login("leader").post(url("rule_new"), {**VALID, **change})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert not ReportingRule.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_accepts_the_last_day_of_february(roles, login):
    response = login("leader").post(url("rule_new"), {**VALID, "due_day": "28", "due_month": "2"})
    assert response.status_code == 302
    assert owed(roles.program) == {"2024H2": date(2025, 2, 28)}


def test_it_refuses_a_second_rule_for_the_same_period_and_years(rule, login, english):
    same = {**VALID, "scope": "year", "first_year": "2025"}
    response = login("leader").post(url("rule_new"), same)
    assert response.context["form"].errors["scope"] == [
        "Another rule already reports this period for some of the same years. "
        "Change that rule, or let the years not overlap."
    ]
    assert ReportingRule.objects.count() == 1


def test_it_accepts_a_new_rule_for_the_years_after_an_ended_one(rule, login):
    rule.last_year = 2024
    rule.save()
    later = {**VALID, "scope": "year", "due_day": "1", "due_month": "3", "first_year": "2025"}
    assert login("leader").post(url("rule_new"), later).status_code == 302
    assert owed(rule.program) == {"2024": date(2025, 2, 1), "2025": date(2026, 3, 1)}


def test_it_changes_a_rule_and_the_obligations_follow(rule, login):
    client = login("leader")
    assert 'value="2024"' in client.get(url("rule_edit", rule.pk)).content.decode()
    changed = {**VALID, "scope": "year", "due_day": "1", "due_month": "4"}
    response = client.post(url("rule_edit", rule.pk), changed)
    assert response.status_code == 302
    assert owed(rule.program) == {"2024": date(2025, 4, 1), "2025": date(2026, 4, 1)}
    [(user, detail)] = audit_events("update")
    assert (user, detail["changed"]) == ("leader", ["due_month", "recipient"])


def test_it_asks_before_deleting_and_falls_back_to_the_defaults(rule, login, english):
    client = login("leader")
    confirm = client.get(url("rule_delete", rule.pk)).content.decode()
    assert "the program then follows the default rules again" in confirm
    assert ReportingRule.objects.exists()

    response = client.post(url("rule_delete", rule.pk), follow=True)
    assert response.redirect_chain == [(url("rules"), 302)]
    assert "The reporting rule was deleted." in response.content.decode()
    assert not ReportingRule.objects.exists()
    assert set(owed(rule.program)) == {"2024H1", "2024", "2025H1", "2025"}
    [(user, detail)] = audit_events("delete")
    assert (user, detail["scope"], detail["due"]) == ("leader", "year", "02-01")


def test_it_deletes_only_by_post(rule, login):
    client = login("leader")
    assert client.put(url("rule_delete", rule.pk)).status_code == 405
    assert client.get(url("rules_adopt")).status_code == 405
    assert ReportingRule.objects.filter(pk=rule.pk).exists()


def test_it_stores_the_defaults_as_the_programs_own_rules(roles, login, english):
    before = owed(roles.program)
    client = login("leader")
    response = client.post(url("rules_adopt"), follow=True)
    assert escape("The default rules are now the program's own.") in response.content.decode()
    assert owed(roles.program) == before
    stored = ReportingRule.objects.order_by("due_month")
    # Stored in the program's language, though the leader reads English.
    assert [(r.scope, r.recipient, r.first_year) for r in stored] == [
        ("year", "styrgruppen", 2024),
        ("first_half", "styrgruppen", 2024),
    ]
    assert len(audit_events("create")) == 2

    again = client.post(url("rules_adopt"), follow=True)
    assert "The program already has reporting rules of its own." in again.content.decode()
    assert ReportingRule.objects.count() == 2


def test_it_answers_404_for_another_programs_rule(roles, login):
    other = Program.objects.create(slug="other", name="Annat program", code_prefix="O")
    foreign = ReportingRule.objects.create(
        program=other, scope="year", due_month=2, due_day=1, first_year=2024
    )
    client = login("leader")
    assert client.get(url("rule_edit", foreign.pk)).status_code == 404
    assert client.post(url("rule_delete", foreign.pk)).status_code == 404
    assert ReportingRule.objects.filter(pk=foreign.pk).exists()


def test_the_admin_asks_the_same_checks(client, roles):
    admin = make_user("site-admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = client.post(
        reverse("admin:reports_reportingrule_add"),
        {**VALID, "program": roles.program.pk, "due_month": "4", "due_day": "31"},
    )
    assert response.status_code == 200
    assert "30" in response.context["adminform"].form.errors["due_day"][0]
    assert not ReportingRule.objects.exists()
