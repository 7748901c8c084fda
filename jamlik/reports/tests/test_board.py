"""The board's handling of a sent report and the payment condition (seed 001)."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import PASSWORD
from jamlik.lib.periods import Period
from jamlik.people.models import AuditEvent
from jamlik.reports.board import (
    funder_cycle,
    payment_conditions,
    payment_released,
    record_board_handling,
)
from jamlik.reports.collect import collect_report_data
from jamlik.reports.models import BoardHandling, ReportDraft, ReportVersion


def year_version(program, year=2024, *, sent=True):
    draft = ReportDraft.objects.create(program=program, period_label=str(year), status="sent")
    return ReportVersion.objects.create(
        draft=draft, program=program, period_label=str(year), audience="external", number=1,
        title=f"Rapport {year}", figures_sha256="0" * 64,
        figures=collect_report_data(
            program=program, period=Period.parse(str(year)), audience="external"
        ),
        approved_at=datetime(year + 1, 1, 20, 10, tzinfo=UTC),
        sent_at=datetime(year + 1, 1, 25, 10, tzinfo=UTC) if sent else None,
    )  # fmt: skip


def test_the_board_approves_and_next_years_payment_is_released(world):
    version = year_version(world.program)
    assert not payment_released(world.program, 2025)
    record_board_handling(
        user=world.leader, version=version, handled_on=date(2025, 4, 10), outcome="approved",
        reference="KS 2025/12",
    )  # fmt: skip
    assert payment_released(world.program, 2025)
    assert not payment_released(world.program, 2026)
    assert AuditEvent.objects.filter(object_type="board_handling").count() == 1
    chain = funder_cycle(world.program, today=date(2025, 5, 1))
    assert [link.done for link in chain["chain"]] == [True, True, True, True, True]


def test_a_returned_report_releases_no_payment(world):
    version = year_version(world.program)
    record_board_handling(
        user=world.leader, version=version, handled_on=date(2025, 4, 10), outcome="returned"
    )
    assert not payment_released(world.program, 2025)
    chain = funder_cycle(world.program, today=date(2025, 5, 1))
    assert [link.done for link in chain["chain"]] == [True, True, True, False, False]


def test_an_unsent_report_or_an_earlier_date_is_refused(world):
    version = year_version(world.program, sent=False)
    with pytest.raises(ValidationError):
        record_board_handling(
            user=world.leader, version=version, handled_on=date(2025, 4, 1), outcome="approved"
        )
    version.sent_at = datetime(2025, 1, 25, 10, tzinfo=UTC)
    version.save()
    with pytest.raises(ValidationError):
        record_board_handling(
            user=world.leader, version=version, handled_on=date(2025, 1, 2), outcome="approved"
        )
    assert not BoardHandling.objects.exists()


def test_the_page_records_it_for_the_leader_only(world, client, english):
    version = year_version(world.program)
    address = reverse("reports:board", args=["test", version.pk])
    data = {"handled_on": "2025-04-10", "outcome": "approved", "reference": "KS 1"}
    assert client.login(username="promoter_a", password=PASSWORD)
    assert client.post(address, data).status_code == 404
    client.logout()
    assert client.login(username="leader", password=PASSWORD)
    assert client.get(address).status_code == 405
    assert client.post(address, data).status_code == 302
    assert BoardHandling.objects.get().reference == "KS 1"
    page = client.get(version.get_absolute_url())
    assert b"Handled by the board" in page.content and b"KS 1" in page.content
    dashboard = client.get(reverse("programs:dashboard", args=["test"]))
    chain_url = reverse("reports:funder_cycle", args=["test"])
    assert chain_url.encode() in dashboard.content
    assert b"The funder" in client.get(chain_url).content
    client.logout()
    assert client.login(username="promoter_a", password=PASSWORD)
    assert (
        chain_url.encode() not in client.get(reverse("programs:dashboard", args=["test"])).content
    )
    assert client.get(chain_url).status_code == 404


def test_the_agreement_shows_its_payment_condition(world, client, english):
    from jamlik.finance.models import Agreement
    from jamlik.partners.models import Partner

    city = Partner.objects.create(name="Staden", sector="public")
    agreement = Agreement.objects.create(
        program=world.program, key="iop", name="IOP", payer=city, payment_recipient=city,
        start=date(2024, 1, 1), end=date(2026, 12, 31),
    )  # fmt: skip
    assert [c["met"] for c in payment_conditions(agreement)] == [False, False]
    version = year_version(world.program)
    record_board_handling(
        user=world.leader, version=version, handled_on=date(2025, 4, 10), outcome="approved"
    )
    assert [(c["year"], c["met"]) for c in payment_conditions(agreement)] == [
        (2025, True),
        (2026, False),
    ]
    assert client.login(username="leader", password=PASSWORD)
    page = client.get(reverse("finance:agreement", args=["test", "iop"]))
    assert b"Payment for 2025: the board has approved the report for 2024." in page.content
