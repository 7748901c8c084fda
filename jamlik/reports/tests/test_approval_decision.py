"""An approved version names the steering-group decision that approved it (issue 6, item 7).

The decision is chosen on approval or, when it is taken afterwards, linked later by the
program leader; the version page and the document's appendix say which it was.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation

from jamlik.governance.models import Body, Decision, Meeting
from jamlik.lib.periods import Period
from jamlik.people.models import AuditEvent
from jamlik.programs.models import Program
from jamlik.reports import services
from jamlik.reports.models import ReportVersion
from jamlik.reports.tests.conftest import PERIOD


def url(name, *args):
    return reverse(f"reports:{name}", args=["test", *args])


def decision_of(program, kind, day, number, text="Återrapporteringen godkänns"):
    body, _created = Body.objects.get_or_create(
        program=program, key=kind, defaults={"name": f"{kind.title()} body", "kind": kind}
    )
    meeting, _created = Meeting.objects.get_or_create(
        body=body, key=day.isoformat(), defaults={"date": day, "status": "held"}
    )
    return Decision.objects.create(
        meeting=meeting, number=number, text=text, initiated_by="strategic"
    )


@pytest.fixture
def decisions(report_world):
    program = report_world.program
    other = Program.objects.create(slug="other", name="Annat program")
    return {
        "spring": decision_of(program, "steering", date(2024, 3, 12), 2, "Verksamhetsplan"),
        "approval": decision_of(program, "steering", date(2024, 9, 20), 4),
        "hub": decision_of(program, "hub", date(2024, 9, 24), 1),
        "other": decision_of(other, "steering", date(2024, 9, 20), 4),
    }


@pytest.fixture
def submitted(report_world):
    draft = services.create_draft(
        user=report_world.leader,
        program=report_world.program,
        period=Period.parse(PERIOD),
        audience="external",
    )
    return services.submit(user=report_world.leader, draft=draft)


@pytest.fixture
def unlinked(report_world, submitted):
    return services.approve(user=report_world.leader, draft=submitted)


def test_the_approval_form_offers_the_steering_group_s_decisions_most_recent_first(
    login, decisions, submitted
):
    response = login("steering").get(url("draft", submitted.pk))
    offered = list(response.context["approve_form"].fields["decision"].queryset)
    assert offered == [decisions["approval"], decisions["spring"]]
    assert "2024-09-20 § 4" in response.content.decode()


def test_it_approves_with_the_steering_group_s_decision(login, decisions, submitted):
    decision = decisions["approval"]
    client = login("steering")
    response = client.post(url("approve", submitted.pk), {"decision": decision.pk, "note": ""})

    version = ReportVersion.objects.get()
    assert response.url == version.get_absolute_url()
    assert version.decision == decision
    event = AuditEvent.objects.get(object_type="report_version", action="create")
    assert event.detail["decision"] == decision.pk
    with translation.override("en"):
        assert version.approval_statement() == (
            "Approved by the steering group, 20 September 2024, § 4"
        )
    # The frozen document says it in its appendix and on its cover.
    doc = services.version_document(version)
    assert "20 september 2024, § 4" in doc.meta.approval_note.lower()
    page = client.get(version.get_absolute_url()).content.decode()
    assert decision.meeting.get_absolute_url() in page
    assert "20 september 2024, § 4" in page.lower()
    assert 'class="definitions about"' in page
    assert page.lower().count("2024, § 4") >= 2  # the facts and the document's appendix


@pytest.mark.parametrize("which", ["hub", "other"])
def test_it_refuses_a_decision_of_another_body_or_program(
    login, decisions, submitted, report_world, which
):
    response = login("leader").post(url("approve", submitted.pk), {"decision": decisions[which].pk})
    assert response.url == submitted.get_absolute_url()
    assert not ReportVersion.objects.exists()
    with pytest.raises(ValidationError):
        services.approve(user=report_world.leader, draft=submitted, decision=decisions[which])


def test_it_approves_without_a_decision_and_says_it_is_not_yet_linked(
    login, decisions, unlinked, client
):
    assert unlinked.decision is None
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = login("leader").get(unlinked.get_absolute_url())
    assert "Not yet linked to a steering-group decision" in page.content.decode()
    assert page.context["link_form"] is not None
    assert login("steering").get(unlinked.get_absolute_url()).context["link_form"] is None


def test_the_leader_links_the_decision_taken_afterwards(login, decisions, unlinked):
    files = {f.format: f.sha256 for f in unlinked.files.all()}
    decision = decisions["approval"]

    response = login("leader").post(url("link_decision", unlinked.pk), {"decision": decision.pk})

    assert response.url == unlinked.get_absolute_url()
    version = ReportVersion.objects.get()
    assert version.decision == decision
    # The approval record grows; the frozen figures and files do not change.
    assert version.figures_sha256 == unlinked.figures_sha256
    assert {f.format: f.sha256 for f in version.files.all()} == files
    event = AuditEvent.objects.get(object_type="report_version", action="update")
    assert event.detail == {"decision": decision.pk}
    assert "§ 4" in services.version_document(version).meta.approval_note
    assert login("leader").get(version.get_absolute_url()).context["link_form"] is None


def test_a_linked_decision_is_not_replaced(login, decisions, unlinked, report_world):
    services.link_decision(
        user=report_world.leader, version=unlinked, decision=decisions["approval"]
    )
    login("leader").post(url("link_decision", unlinked.pk), {"decision": decisions["spring"].pk})
    unlinked.refresh_from_db()
    assert unlinked.decision == decisions["approval"]
    with pytest.raises(ValidationError):
        services.link_decision(
            user=report_world.leader, version=unlinked, decision=decisions["spring"]
        )


def test_linking_refuses_a_decision_of_another_body(login, decisions, unlinked):
    login("leader").post(url("link_decision", unlinked.pk), {"decision": decisions["hub"].pk})
    unlinked.refresh_from_db()
    assert unlinked.decision is None
    assert not AuditEvent.objects.filter(object_type="report_version", action="update").exists()


def test_only_the_leader_links_a_decision(login, decisions, unlinked):
    for username in ("steering", "hub", "promoter_a", "outsider"):
        response = login(username).post(
            url("link_decision", unlinked.pk), {"decision": decisions["approval"].pk}
        )
        assert response.status_code == 404, username
    unlinked.refresh_from_db()
    assert unlinked.decision is None


def test_linking_rejects_get(login, report_world):
    assert login("leader").get(url("link_decision", 1)).status_code == 405


def test_a_decision_that_approved_a_report_is_kept(decisions, submitted, report_world):
    services.approve(user=report_world.leader, draft=submitted, decision=decisions["approval"])
    with pytest.raises(ProtectedError):
        decisions["approval"].delete()


def test_the_summary_lists_the_steering_group_s_decisions_of_the_period(decisions, submitted):
    doc = services.draft_document(submitted)
    summary = next(s for s in doc.sections if s.key == "summary")
    lists = [b["items"] for b in summary.blocks if b["type"] == "list"]
    assert lists == [["2024-03-12 · Steering body § 2 · Verksamhetsplan"]]
