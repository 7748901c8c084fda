"""Approval freezes a version: later data never changes its figures or files."""

import hashlib
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from jamlik.activities.models import Activity, Attendance
from jamlik.lib.periods import Period
from jamlik.people.models import AuditEvent
from jamlik.reports import services
from jamlik.reports.collect import canonical_json, figures_sha256
from jamlik.reports.figures import figures_changed
from jamlik.reports.models import ReportDraft, ReportVersion
from jamlik.reports.tests.conftest import PERIOD


def approved(world, audience="external"):
    draft = services.create_draft(
        user=world.leader, program=world.program, period=Period.parse(PERIOD), audience=audience
    )
    services.update_narrative(
        user=world.leader, draft=draft, section="summary", text="Ett **bra** halvår."
    )
    services.submit(user=world.leader, draft=draft)
    return services.approve(user=world.leader, draft=draft, note="Styrgruppen 2024-09-20 § 3")


@pytest.fixture
def version(report_world):
    return approved(report_world)


def test_it_freezes_figures_narrative_and_files(version):
    assert version.number == 1
    assert version.figures["figures"]["activities"] == 27
    assert version.narrative == {"summary": "Ett **bra** halvår."}
    assert version.figures_sha256 == hashlib.sha256(canonical_json(version.figures)).hexdigest()
    stored = {f.format: f for f in version.files.all()}
    assert set(stored) == {"pdf", "docx", "xlsx"}
    for f in stored.values():
        content = f.file.read()
        assert hashlib.sha256(content).hexdigest() == f.sha256
        assert len(content) == f.size
    assert version.draft.status == ReportDraft.Status.APPROVED


def test_it_keeps_an_approved_version_when_the_data_changes(version, report_world):
    before = services.version_document(version)
    extra = Activity.objects.create(
        program=report_world.program,
        key="late-entry",
        workshop=report_world.workshop_a,
        kind="health_circle",
        date=date(2024, 6, 1),
        title="Sent registrerad",
    )
    Attendance.objects.create(activity=extra, participant=report_world.participant_a)
    report_world.workshop_a.name = "Nytt namn"
    report_world.workshop_a.save()
    figures_changed(program=report_world.program)  # written past the services

    version = ReportVersion.objects.get(pk=version.pk)
    after = services.version_document(version)
    assert after.data == before.data
    assert figures_sha256(after.data) == version.figures_sha256
    assert services.render_document(after, "html") == services.render_document(before, "html")
    # A fresh draft of the same period sees the new data.
    fresh = services.draft_document(
        services.create_draft(
            user=report_world.leader,
            program=report_world.program,
            period=Period.parse(PERIOD),
            audience="external",
        )
    )
    assert fresh.data["figures"]["activities"] == 28
    assert fresh.meta.sha256 != version.figures_sha256


def test_it_starts_a_new_draft_from_a_version(version, report_world):
    draft = services.create_draft(
        user=report_world.leader,
        program=report_world.program,
        period=version.period,
        audience=version.audience,
        based_on=version,
    )
    assert draft.status == ReportDraft.Status.DRAFT
    assert draft.narrative == version.narrative
    assert draft.based_on == version
    services.submit(user=report_world.leader, draft=draft)
    second = services.approve(user=report_world.leader, draft=draft)
    assert second.number == 2


def test_it_moves_through_the_statuses_in_order(report_world):
    draft = services.create_draft(
        user=report_world.leader,
        program=report_world.program,
        period=Period.parse(PERIOD),
        audience="internal",
    )
    with pytest.raises(ValidationError):
        services.approve(user=report_world.leader, draft=draft)
    services.submit(user=report_world.leader, draft=draft)
    with pytest.raises(ValidationError):
        services.update_narrative(user=report_world.leader, draft=draft, section="goals", text="x")
    services.withdraw(user=report_world.leader, draft=draft)
    services.update_narrative(user=report_world.leader, draft=draft, section="goals", text="x")
    with pytest.raises(ValidationError):
        services.update_narrative(user=report_world.leader, draft=draft, section="nope", text="x")


def test_it_records_sending_once(version, report_world):
    services.mark_sent(user=report_world.leader, version=version, sent_to="Stadskontoret")
    version.refresh_from_db()
    assert version.sent_to == "Stadskontoret"
    assert version.draft.status == ReportDraft.Status.SENT
    with pytest.raises(ValidationError):
        services.mark_sent(user=report_world.leader, version=version, sent_to="Igen")


def test_it_audits_every_change(version):
    events = AuditEvent.objects.filter(object_type__startswith="report_")
    assert {e.action for e in events} == {"create", "update"}
    assert events.filter(object_type="report_version", action="create").count() == 1
    assert events.filter(detail__section="summary").count() == 1


def test_it_prints_the_approved_version_from_the_command(version, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "report.html"
    call_command("report", program="test", period=PERIOD, audience="external", fmt="html", out=out)
    html = out.read_text()
    assert version.figures_sha256 in html
    assert "Ett <strong>bra</strong> halvår." in html
