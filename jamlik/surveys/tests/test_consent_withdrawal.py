"""A withdrawn research consent takes the participant's responses out of every research
export from then on, and each export says how many were left out."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from jamlik.people.models import AuditEvent
from jamlik.surveys import services
from jamlik.surveys.tests.conftest import answer


def export_url(approval, fmt=None):
    url = reverse("surveys:export", args=["test", approval.study])
    return url + (f"?format={fmt}" if fmt else "")


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_withdrawn_responses_leave_every_export(world, roles, login, waves, approval):
    baseline, follow_up = waves
    answer(baseline, world.participant_a, who5=(3, 3, 3, 3, 3), srh=2)
    answer(follow_up, world.participant_a, who5=(4, 4, 4, 4, 4), srh=1)
    answer(baseline, world.participant_b, who5=(1, 1, 1, 1, 1), srh=4)
    answer(baseline, None, who5=(2, 2, 2, 2, 2), srh=3)
    client = login(roles["researcher"])
    before = csv_rows(client.get(export_url(approval, "csv")))
    pseudonym_a = {approval.pseudonym(r) for r in world.participant_a.survey_responses.all()}
    assert len(before) == 4

    marked = services.withdraw_research_consent(user=world.leader, participant=world.participant_a)
    assert marked == 2

    response = client.get(export_url(approval, "csv"))
    after = csv_rows(response)
    assert len(after) == 2
    assert not {r["study_pseudonym"] for r in after} & pseudonym_a
    assert response["X-Withdrawn-Responses"] == "2"
    event = AuditEvent.objects.filter(object_type="research_export").latest("pk")
    assert (event.detail["rows"], event.detail["withdrawn"]) == (2, 2)

    workbook = load_workbook(io.BytesIO(client.get(export_url(approval, "xlsx")).content))
    assert workbook["responses"].max_row == 3  # header and two responses
    about = {row[0]: row[1] for row in workbook["about"].iter_rows(values_only=True)}
    assert about["withdrawn_responses_left_out"] == 2 and about["responses"] == 2

    page = client.get(export_url(approval)).content.decode()
    assert "2 responses are left out because the respondents withdrew" in page


def test_nothing_is_withdrawn_by_default(world, roles, login, waves, approval):
    answer(waves[0], world.participant_a, who5=(3, 3, 3, 3, 3), srh=2)
    client = login(roles["researcher"])
    response = client.get(export_url(approval, "csv"))
    assert len(csv_rows(response)) == 1 and response["X-Withdrawn-Responses"] == "0"
    assert "0 responses are left out" in client.get(export_url(approval)).content.decode()


def test_withdrawing_twice_marks_nothing_more(world, waves):
    answer(waves[0], world.participant_a, who5=(3, 3, 3, 3, 3), srh=2)
    assert services.withdraw_research_consent(user=None, participant=world.participant_a) == 1
    assert services.withdraw_research_consent(user=None, participant=world.participant_a) == 0
