"""A funder officer reads the reports sent to the funder, and nothing else of them."""

import pytest

from conftest import PASSWORD
from jamlik.lib.periods import Period
from jamlik.reports import services


def _approved(world, audience):
    draft = services.create_draft(
        user=world.leader, program=world.program, period=Period.parse("2024H1"), audience=audience
    )
    services.submit(user=world.leader, draft=draft)
    return draft, services.approve(user=world.leader, draft=draft, formats=("xlsx",))


@pytest.fixture
def reports(world, city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _draft, sent = _approved(world, "external")
    services.mark_sent(user=world.leader, version=sent, sent_to="Stadsdelsförvaltningen")
    _draft, internal = _approved(world, "internal")
    services.mark_sent(user=world.leader, version=internal, sent_to="Kommunen")
    draft, unsent = _approved(world, "external")
    return sent, internal, unsent, draft


def test_a_funder_officer_downloads_the_sent_external_version_only(client, city, reports):
    sent, internal, unsent, draft = reports
    assert client.login(username="funder", password=PASSWORD)
    page = client.get("/o/city/programs/test/").content.decode()
    assert f"/o/city/programs/test/reports/{sent.pk}.xlsx" in page
    assert f"/reports/{internal.pk}." not in page
    assert f"/reports/{unsent.pk}." not in page
    response = client.get(f"/o/city/programs/test/reports/{sent.pk}.xlsx")
    assert response.status_code == 200
    for version in (internal, unsent):
        assert client.get(f"/o/city/programs/test/reports/{version.pk}.xlsx").status_code == 404
    assert client.get(f"/o/city/programs/test/reports/{sent.pk}.pdf").status_code == 404
    # The drafts and versions of the program's own pages stay closed.
    assert client.get(f"/p/test/reports/drafts/{draft.pk}/").status_code == 404
    assert client.get(f"/o/other/programs/test/reports/{sent.pk}.xlsx").status_code == 404


def test_the_dashboard_says_the_report_was_sent(client, city, reports, english):
    assert client.login(username="funder", password=PASSWORD)
    html = client.get("/o/city/?period=2024H1").content.decode()
    assert "due 2024-10-01 · submitted · sent · no decision" in html
    html = client.get("/o/city/?period=2023H2").content.decode()
    assert "no report due for this period" in html


def test_the_dashboard_shows_the_boards_handling(client, world, city, reports, english):
    from django.utils import timezone

    from jamlik.reports.board import record_board_handling

    sent = reports[0]
    record_board_handling(
        user=world.leader, version=sent, handled_on=timezone.localdate(), outcome="approved",
        reference="KS 2024/12",
    )  # fmt: skip
    assert client.login(username="funder", password=PASSWORD)
    html = client.get("/o/city/?period=2024H1").content.decode()
    assert "sent · no decision · approved by the board" in html


def test_the_funders_program_page_counts_stakeholders_without_names(client, world, city, english):
    from datetime import date

    from jamlik.strategy.models import Stakeholder, StakeholderAnalysis

    analysis = StakeholderAnalysis.objects.create(program=world.program, made_on=date(2024, 3, 1))
    Stakeholder.objects.create(
        analysis=analysis, kind="person", name="Kim Kommunalråd", influence="large",
        necessary=True,
    )  # fmt: skip
    Stakeholder.objects.create(
        analysis=analysis, kind="organisation", name="Bostadsbolaget", influence="small",
        necessary=True,
    )  # fmt: skip
    assert client.login(username="funder", password=PASSWORD)
    html = client.get("/o/city/programs/test/?period=2024H1").content.decode()
    assert "Stakeholder analysis of 2024-03-01" in html
    assert "Kim Kommunalråd" not in html and "Bostadsbolaget" not in html
    assert "Worker bees 1 · Resource persons 1" in html
