"""The leader's pages for the data subject's rights: lookup, extract, consent, erasure."""

import json
from datetime import date

import pytest
from django.urls import reverse

from jamlik.activities.models import IndividualSupport, Participant
from jamlik.people.models import AuditEvent
from jamlik.surveys.models import Response, Wave
from jamlik.surveys.tests.conftest import SRH, WHO5, answer


def url(name, *args):
    return reverse(f"activities:{name}", args=["test", *args])


@pytest.fixture
def subject(world):
    world.participant_a.birth_year = 1990
    world.participant_a.save()
    IndividualSupport.objects.create(
        program=world.program, participant=world.participant_a, date=date(2024, 3, 9), minutes=20
    )
    wave = Wave.objects.create(
        program=world.program,
        key="w",
        name="Baslinje",
        instruments=[WHO5, SRH],
        opens_on=date(2024, 1, 1),
    )
    answer(wave, world.participant_a, who5=[3, 4, 3, 2, 5], srh=2)
    return world.participant_a


PAGES = [
    ("get", "rights", ("T-AAAA",)),
    ("get", "extract", ("T-AAAA", "json")),
    ("get", "extract", ("T-AAAA", "pdf")),
    ("get", "erase", ("T-AAAA",)),
    ("post", "erase", ("T-AAAA",)),
    ("post", "withdraw_consent", ("T-AAAA",)),
    ("get", "rights_lookup", ()),
]


@pytest.mark.parametrize(
    "username", ["promoter_a", "promoter_b", "viewer", "outsider", "hub", "steering", "researcher"]
)
@pytest.mark.parametrize(("method", "name", "args"), PAGES)
def test_only_the_leader_gets_in(login, subject, username, method, name, args):
    client = login(username)
    assert getattr(client, method)(url(name, *args)).status_code == 404
    assert Participant.objects.filter(code="T-AAAA").exists()
    assert Response.objects.get().consent_withdrawn_at is None


def test_an_anonymous_visitor_is_sent_to_log_in(login, subject):
    response = login("anonymous").post(url("erase", "T-AAAA"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Participant.objects.filter(code="T-AAAA").exists()


def test_a_missing_code_is_404_for_the_leader(login, subject):
    assert login("leader").get(url("rights", "T-ZZZZ")).status_code == 404


def test_the_lookup_finds_a_code_as_written_on_a_card(login, subject):
    client = login("leader")
    response = client.get(url("rights_lookup"), {"code": " t-aaaa "})
    assert response.status_code == 302 and response["Location"] == url("rights", "T-AAAA")
    missing = client.get(url("rights_lookup"), {"code": "T-ZZZZ"})
    assert missing.status_code == 200 and "T-ZZZZ" in missing.content.decode()


def test_the_rights_page_and_the_participant_page_link_each_other(login, subject):
    client = login("leader")
    page = client.get(url("rights", "T-AAAA")).content.decode()
    assert url("extract", "T-AAAA", "pdf") in page and url("erase", "T-AAAA") in page
    assert url("rights", "T-AAAA") in client.get(url("participant", "T-AAAA")).content.decode()
    promoter = login("promoter_a").get(url("participant", "T-AAAA")).content.decode()
    assert url("rights", "T-AAAA") not in promoter


def test_the_json_extract_holds_everything_and_is_logged(login, world, subject):
    response = login("leader").get(url("extract", "T-AAAA", "json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="T-AAAA-')
    data = json.loads(response.content)
    assert data["participant"]["code"] == "T-AAAA"
    assert data["participant"]["birth_year"] == 1990
    assert [a["activity"] for a in data["attendance"]] == ["Hälsocirkel A"]
    assert data["support_contacts"][0]["minutes"] == 20
    [given] = data["survey_responses"]
    assert given["answers"][WHO5]["q2"] == 4
    assert given["scores"] and given["consent_withdrawn_at"] is None
    event = AuditEvent.objects.get(object_type="participant_extract")
    assert (event.action, event.object_ref) == ("export", f"id:{subject.pk}")
    assert event.user == world.leader


def test_the_pdf_extract(login, subject):
    response = login("leader").get(url("extract", "T-AAAA", "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert login("leader").get(url("extract", "T-AAAA", "csv")).status_code == 404


def test_withdrawing_the_research_consent(login, world, subject):
    client = login("leader")
    assert client.get(url("withdraw_consent", "T-AAAA")).status_code == 405
    response = client.post(url("withdraw_consent", "T-AAAA"))
    assert response.status_code == 302
    assert Response.objects.get().consent_withdrawn_at is not None
    event = AuditEvent.objects.get(object_type="research_consent")
    assert event.detail == {"withdrawn": True, "responses": 1}
    assert event.object_ref == f"id:{subject.pk}"


def test_the_confirmation_names_what_will_go_and_the_post_erases(login, world, subject):
    client = login("leader")
    client.cookies["django_language"] = "en"
    page = client.get(url("erase", "T-AAAA")).content.decode()
    for text in ("1 attendance", "1 support contact", "1 questionnaire response"):
        assert text in page
    assert Participant.objects.filter(code="T-AAAA").exists()

    response = client.post(url("erase", "T-AAAA"))
    assert response.status_code == 302 and response["Location"] == url("rights_lookup")
    assert not Participant.objects.filter(code="T-AAAA").exists()
    assert not Response.objects.exists()
    assert not IndividualSupport.objects.exists()
    event = AuditEvent.objects.get(object_type="participant", action="delete")
    assert event.user == world.leader and "T-AAAA" not in json.dumps(event.detail)
    assert client.get(url("rights", "T-AAAA")).status_code == 404
