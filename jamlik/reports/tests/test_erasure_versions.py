"""Erasing a participant leaves approved report versions as they were: they hold
aggregates only, no participant code."""

from jamlik.activities.erasure import erase_participant
from jamlik.activities.models import Participant
from jamlik.reports.collect import canonical_json, figures_sha256
from jamlik.reports.models import ReportVersion
from jamlik.reports.tests.test_versions import approved


def test_an_approved_version_holds_no_code_and_survives_an_erasure(report_world):
    version = approved(report_world, audience="internal")
    codes = list(Participant.objects.values_list("code", flat=True))
    assert len(codes) > 5
    frozen = canonical_json(version.figures).decode()
    assert not [code for code in codes if code in frozen]

    for participant in Participant.objects.filter(attendances__isnull=False).distinct()[:3]:
        erase_participant(user=report_world.leader, participant=participant)

    again = ReportVersion.objects.get(pk=version.pk)
    assert canonical_json(again.figures).decode() == frozen
    assert figures_sha256(again.figures) == version.figures_sha256
    for stored in again.files.all():
        assert stored.file.size == stored.size
