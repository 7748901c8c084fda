"""A report for a period in one step, without starting a draft first."""

import pytest
from django.urls import reverse

from jamlik.people.models import AuditEvent
from jamlik.reports import services
from jamlik.reports.models import ReportDraft
from jamlik.reports.tests.conftest import PERIOD
from jamlik.reports.tests.test_views import make_draft

URL = reverse("reports:download", args=["test"])


def test_without_any_draft_it_renders_today_s_figures_marked_as_a_draft(report_world, login):
    client = login("leader")
    response = client.post(URL, {"period": PERIOD, "audience": "external", "format": "pdf"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert not ReportDraft.objects.exists()  # nothing was started on the leader's behalf
    event = AuditEvent.objects.get(object_type="report", action="export")
    assert event.detail["audience"] == "external"


def test_with_a_draft_it_makes_the_draft_s_file_and_shows_its_progress(report_world, login):
    draft = make_draft(report_world)
    client = login("hub")
    response = client.post(URL, {"period": PERIOD, "audience": "external", "format": "docx"})
    assert response.status_code == 302
    rendering = draft.renderings.get()
    assert rendering.format == "docx"
    status_page = reverse("reports:rendering", args=["test", draft.pk, rendering.pk])
    assert response["Location"] == status_page
    download = reverse("reports:rendering_download", args=["test", draft.pk, rendering.pk, "docx"])
    assert download in client.get(status_page).content.decode()


def test_it_answers_a_get_with_405(report_world, login):
    client = login("leader")
    assert client.get(URL, {"period": PERIOD}).status_code == 405


def test_an_approved_version_wins_over_a_later_draft(report_world, login):
    draft = make_draft(report_world, status="submitted")
    version = services.approve(user=report_world.leader, draft=draft)
    make_draft(report_world)
    client = login("steering")
    response = client.post(URL, {"period": PERIOD.lower(), "audience": "external", "format": "pdf"})
    assert response["Location"] == reverse(
        "reports:version_download", args=["test", version.pk, "pdf"]
    )
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        {"period": "2024-02-01..2024-03-01", "audience": "external", "format": "pdf"},
        {"period": "nonsense", "audience": "external", "format": "pdf"},
        {"period": PERIOD, "audience": "external", "format": "exe"},
    ],
)
def test_a_bad_request_goes_back_with_a_message(report_world, login, query):
    client = login("leader")
    response = client.post(URL, query, follow=True)
    assert response.redirect_chain[-1][0] == reverse("reports:index", args=["test"])
    assert list(response.context["messages"])


def test_the_steering_group_cannot_have_the_internal_version(report_world, login):
    client = login("steering")
    response = client.post(URL, {"period": PERIOD, "audience": "internal", "format": "pdf"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:index", args=["test"])


@pytest.mark.parametrize("username", ["promoter_a", "researcher", "viewer", "outsider"])
def test_those_who_do_not_read_reports_get_404(report_world, login, username):
    client = login(username)
    response = client.post(URL, {"period": PERIOD, "audience": "external", "format": "pdf"})
    assert response.status_code == 404
