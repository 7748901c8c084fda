"""Who may read, write, approve and send reports; write views reject GET."""

import re

import pytest
from django.urls import reverse

from jamlik.lib.periods import Period
from jamlik.people.models import AuditEvent
from jamlik.reports import services
from jamlik.reports.models import ReportDraft, ReportVersion
from jamlik.reports.tests.conftest import PERIOD


def make_draft(world, audience="external", status="draft"):
    draft = services.create_draft(
        user=world.leader, program=world.program, period=Period.parse(PERIOD), audience=audience
    )
    if status == "submitted":
        services.submit(user=world.leader, draft=draft)
    return draft


def url(name, *args):
    return reverse(f"reports:{name}", args=["test", *args])


@pytest.mark.parametrize(
    "username, status",
    [
        ("leader", 200),
        ("hub", 200),
        ("steering", 200),
        ("promoter_a", 404),
        ("researcher", 404),
        ("viewer", 404),
        ("outsider", 404),
    ],
)
def test_it_shows_the_reports_page_to_leader_hub_and_steering_group(
    report_world, login, username, status
):
    assert login(username).get(url("index")).status_code == status


def test_it_sends_anonymous_visitors_to_log_in(report_world, client):
    assert client.get(url("index")).status_code == 302


@pytest.mark.parametrize(
    "username, audience, status",
    [
        ("leader", "internal", 200),
        ("hub", "internal", 200),
        ("steering", "external", 200),
        ("steering", "internal", 404),
        ("promoter_a", "external", 404),
        ("outsider", "external", 404),
    ],
)
def test_it_shows_a_draft_to_its_audience(report_world, login, username, audience, status):
    draft = make_draft(report_world, audience)
    response = login(username).get(url("draft", draft.pk))
    assert response.status_code == status
    if status == 200:
        assert draft.period_label.encode() in response.content


@pytest.mark.parametrize(
    "name, args",
    [
        ("create", ()),
        ("narrative", ("DRAFT", "summary")),
        ("submit", ("DRAFT",)),
        ("withdraw", ("DRAFT",)),
        ("approve", ("DRAFT",)),
        ("send", ("VERSION",)),
        ("new_draft", ("VERSION",)),
    ],
)
def test_it_rejects_get_on_write_views(report_world, login, name, args):
    draft = make_draft(report_world)
    args = [draft.pk if a == "DRAFT" else 1 if a == "VERSION" else a for a in args]
    assert login("leader").get(url(name, *args)).status_code == 405


def test_it_lets_leader_and_hub_write_text_but_not_the_steering_group(report_world, login):
    draft = make_draft(report_world)
    target = url("narrative", draft.pk, "goals")
    assert login("steering").post(target, {"text": "Nej"}).status_code == 404
    client = login("hub")
    response = client.post(target, {"text": "Mål *ett*"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.narrative == {"goals": "Mål *ett*"}
    assert AuditEvent.objects.filter(object_type="report_draft", action="update").exists()
    page = client.get(url("draft", draft.pk))
    assert b"M\xc3\xa5l <em>ett</em>" in page.content


def test_it_lets_the_leader_start_a_draft(report_world, login):
    response = login("leader").post(url("create"), {"period": PERIOD, "audience": "internal"})
    draft = ReportDraft.objects.get()
    assert response.url == draft.get_absolute_url()
    assert (draft.period_label, draft.audience, draft.created_by) == (
        PERIOD,
        "internal",
        report_world.leader,
    )


def test_it_refuses_a_bad_period(report_world, login):
    login("leader").post(url("create"), {"period": "2024H3", "audience": "internal"})
    assert not ReportDraft.objects.exists()


def test_it_keeps_the_steering_group_to_the_external_audience(report_world, login):
    login("steering").post(url("create"), {"period": PERIOD, "audience": "internal"})
    assert not ReportDraft.objects.exists()


@pytest.mark.parametrize("username", ["hub", "promoter_a", "researcher", "viewer"])
def test_it_lets_only_leader_and_steering_group_approve(report_world, login, username):
    draft = make_draft(report_world, status="submitted")
    assert login(username).post(url("approve", draft.pk)).status_code == 404
    assert not ReportVersion.objects.exists()


def test_it_approves_sends_and_downloads_the_frozen_files(report_world, login):
    draft = make_draft(report_world, status="submitted")
    steering = login("steering")
    response = steering.post(url("approve", draft.pk), {"note": "§ 4"})
    version = ReportVersion.objects.get()
    assert response.url == version.get_absolute_url()
    assert steering.post(url("send", version.pk), {"sent_to": "Kommunen"}).status_code == 404

    download = steering.get(url("version_download", version.pk, "pdf"))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert content == version.files.get(format="pdf").file.open("rb").read()
    assert AuditEvent.objects.filter(action="export", object_type="report_version").exists()

    leader = login("leader")
    assert leader.post(url("send", version.pk), {"sent_to": "Kommunen"}).status_code == 302
    version.refresh_from_db()
    assert version.sent_to == "Kommunen"


def test_it_downloads_a_draft_in_each_format(report_world, login):
    draft = make_draft(report_world)
    client = login("hub")
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")):
        response = client.post(url("draft_render", draft.pk, fmt), follow=True)
        assert response.status_code == 200
        (link,) = re.findall(r'href="([^"]+/download\.\w+)"', response.content.decode())
        download = client.get(link)
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(magic)
    assert client.post(url("draft_render", draft.pk, "exe")).status_code == 404


def test_it_serves_frozen_figures_in_the_api(report_world, login):
    draft = make_draft(report_world, status="submitted")
    version = services.approve(user=report_world.leader, draft=draft)
    client = login("steering")
    listing = client.get("/api/programs/test/reports").json()
    assert [v["figures_sha256"] for v in listing] == [version.figures_sha256]
    frozen = client.get(f"/api/programs/test/reports/{version.pk}/figures").json()
    assert frozen["figures"] == version.figures
    assert (
        login("viewer").get(f"/api/programs/test/reports/{version.pk}/figures").status_code == 404
    )
