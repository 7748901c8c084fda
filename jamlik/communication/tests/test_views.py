"""The pages inside the program: listings, the plan, the media log, posters, outreach."""

from datetime import date, time, timedelta

import pytest
import time_machine
from django.core import mail

from conftest import make_user
from jamlik.activities.models import Activity, Attendance, Participant
from jamlik.communication.models import (
    CommunicationAction,
    CommunicationPlan,
    MediaMention,
    MentionNotice,
    PublicListing,
)
from jamlik.governance.models import Body, Membership
from jamlik.partners.models import Partner, Partnership
from jamlik.people.models import AuditEvent, ProgramRole

TODAY = date(2024, 6, 3)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=True):
        yield


def _planned(world, key="p-1", workshop=None):
    return Activity.objects.create(
        program=world.program,
        key=key,
        workshop=workshop or world.workshop_a,
        kind="health_circle",
        date=TODAY + timedelta(days=3),
        start_time=time(10),
        title="Cirkel",
        status=Activity.Status.PLANNED,
    )


# Public listings


def test_a_promoter_publishes_an_activity_of_their_workshop(client, world):
    activity = _planned(world)
    client.force_login(world.promoter_a)
    response = client.post(
        f"/p/test/communication/activities/{activity.key}/public/",
        {
            "published": "on",
            "title_sv": "Öppen cirkel",
            "title_ar": "حلقة",
            "audience": "women",
            "sign_up": "none",
        },
    )
    assert response.status_code == 302
    listing = PublicListing.objects.get(activity=activity)
    assert listing.published and listing.title_ar == "حلقة"
    assert AuditEvent.objects.filter(object_type="public_listing", object_ref="p-1").exists()
    assert "Öppen cirkel" in client.get("/c/test/sv/").content.decode()


def test_a_planned_activity_links_to_its_listing(client, world):
    activity = _planned(world)
    client.force_login(world.promoter_a)
    page = f"/p/test/activities/{activity.key}/"
    listing = f"/p/test/communication/activities/{activity.key}/public/"
    answer = client.get(page).content.decode()
    assert f'href="{listing}"' in answer and "Inte i den offentliga kalendern" in answer
    PublicListing.objects.create(activity=activity, published=True, title_sv="Cirkel")
    assert ">I den offentliga kalendern<" in client.get(page).content.decode()
    activity.status = Activity.Status.HELD
    activity.date = TODAY
    activity.save()
    assert listing not in client.get(page).content.decode()


def test_a_listing_needs_a_title_in_some_language(client, world):
    activity = _planned(world)
    client.force_login(world.leader)
    response = client.post(
        f"/p/test/communication/activities/{activity.key}/public/",
        {"published": "on", "audience": "everyone", "sign_up": "none"},
    )
    assert response.status_code == 200
    assert not PublicListing.objects.exists()


def test_another_workshops_promoter_cannot_publish(client, world):
    activity = _planned(world)
    client.force_login(world.promoter_b)
    address = f"/p/test/communication/activities/{activity.key}/public/"
    assert client.get(address).status_code == 404
    assert client.post(address, {"title_sv": "x", "published": "on"}).status_code == 404
    assert not PublicListing.objects.exists()


# The plan


def test_the_plan_is_kept_with_lines_and_actions(client, world):
    client.force_login(world.leader)
    assert client.post("/p/test/communication/plans/", {"year": 2024, "goals": "Nå fler"})[
        "Location"
    ].endswith("/plans/2024/")
    client.post(
        "/p/test/communication/plans/2024/entries/",
        {
            "audience": "Boende",
            "channel": "social_media",
            "message": "Välkommen",
            "responsible": "Hälsofrämjarna",
            "when": "Varje vecka",
        },
    )
    entry = CommunicationPlan.objects.get(year=2024).entries.get()
    client.post(
        "/p/test/communication/plans/2024/actions/",
        {
            "date": "2024-05-02",
            "channel": "social_media",
            "description": "Inlägg",
            "entry": entry.pk,
        },
    )
    action = CommunicationAction.objects.get()
    assert action.entry == entry and action.created_by == world.leader
    page = client.get("/p/test/communication/plans/2024/").content.decode()
    assert "Välkommen" in page and "Inlägg" in page


def test_a_viewer_reads_the_plan_but_cannot_change_it(client, world):
    CommunicationPlan.objects.create(program=world.program, year=2024)
    client.force_login(world.viewer)
    assert client.get("/p/test/communication/plans/2024/").status_code == 200
    response = client.post("/p/test/communication/plans/2024/actions/", {"date": "2024-05-02"})
    assert response.status_code == 404
    assert client.get("/p/test/communication/plans/2023/").status_code == 404


def test_a_plan_year_once_only(client, world):
    CommunicationPlan.objects.create(program=world.program, year=2024)
    client.force_login(world.leader)
    client.post("/p/test/communication/plans/", {"year": 2024})
    assert CommunicationPlan.objects.count() == 1


# The media log


@pytest.fixture
def partners(world):
    partner = Partner.objects.create(name="Bostadsbolaget", sector="private")
    Partnership.objects.create(program=world.program, partner=partner)
    body = Body.objects.create(
        program=world.program, key="styrgrupp", name="Styrgrupp", kind="steering"
    )
    Membership.objects.create(
        body=body,
        kind="partner",
        partner=partner,
        name="Ledamot",
        email="ledamot@example.org",
        starts_on=date(2023, 1, 1),
    )
    Membership.objects.create(
        body=body,
        kind="partner",
        partner=partner,
        name="Avgången",
        email="old@example.org",
        starts_on=date(2020, 1, 1),
        ends_on=date(2022, 1, 1),
    )
    steering = make_user("steering")
    ProgramRole.objects.create(user=steering, program=world.program, role="steering")
    return partner, steering


def test_a_mention_tells_the_partners_in_the_app_and_by_email(
    client, world, partners, django_capture_on_commit_callbacks
):
    partner, steering = partners
    client.force_login(world.promoter_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/p/test/communication/media/new/",
            {
                "date": "2024-05-30",
                "kind": "press",
                "outlet": "Lokaltidningen",
                "title": "Hälsa i området",
                "url": "https://example.org/a",
                "reported_by": partner.pk,
            },
        )
    assert response.status_code == 302
    mention = MediaMention.objects.get()
    assert mention.reported_by == partner
    assert set(MentionNotice.objects.values_list("user__username", flat=True)) == {
        "leader",
        "steering",
    }
    assert len(mail.outbox) == 1
    assert mail.outbox[0].bcc == ["ledamot@example.org"]
    assert "Lokaltidningen" in mail.outbox[0].subject
    # The steering-group member sees it as new once, then as seen.
    client.force_login(steering)
    assert "badge-warn" in client.get("/p/test/communication/media/").content.decode()
    assert "badge-warn" not in client.get("/p/test/communication/media/").content.decode()


def test_the_media_log_refuses_a_javascript_link(client, world):
    client.force_login(world.leader)
    client.post(
        "/p/test/communication/media/new/",
        {
            "date": "2024-05-30",
            "kind": "press",
            "outlet": "X",
            "title": "Y",
            "url": "javascript:alert(1)",
        },
    )
    assert not MediaMention.objects.exists()


# Posters


def test_the_poster_is_a_pdf(client, world):
    activity = _planned(world)
    PublicListing.objects.create(
        activity=activity, published=True, title_sv="Öppen cirkel", title_ar="حلقة"
    )
    client.force_login(world.viewer)
    response = client.get(
        "/p/test/communication/poster.pdf",
        {"size": "A3", "span": "week", "start": TODAY.isoformat(), "languages": ["sv", "ar"]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


# Outreach


def _visits(world, participant, days, workshop=None):
    for i, day in enumerate(days):
        activity = Activity.objects.create(
            program=world.program,
            key=f"v-{participant.code}-{i}-{day:%j}",
            workshop=workshop or world.workshop_a,
            kind="health_circle",
            date=day,
            title="Cirkel",
        )
        Attendance.objects.create(activity=activity, participant=participant)


def test_outreach_lists_regulars_who_stopped_coming(client, world, settings):
    settings.OUTREACH_AFTER_WEEKS = 4
    stopped = Participant.objects.create(program=world.program, code="T-STOP", category="adult")
    still = Participant.objects.create(program=world.program, code="T-STIL", category="adult")
    moved = Participant.objects.create(program=world.program, code="T-MOVD", category="adult")
    once = Participant.objects.create(program=world.program, code="T-ONCE", category="adult")
    old = [TODAY - timedelta(weeks=w) for w in (10, 9, 8)]
    _visits(world, stopped, old)
    _visits(world, still, [*old, TODAY - timedelta(weeks=1)])
    _visits(world, moved, old)
    _visits(world, moved, [TODAY - timedelta(days=3)], workshop=world.workshop_b)
    _visits(world, once, old[:1])
    client.force_login(world.promoter_a)
    page = client.get("/p/test/communication/workshops/a/outreach/").content.decode()
    assert "T-STOP" in page
    for code in ("T-STIL", "T-MOVD", "T-ONCE"):
        assert code not in page
    assert (TODAY - timedelta(weeks=8)).isoformat() in page
    event = AuditEvent.objects.get(object_type="outreach_list")
    assert event.detail["codes"] == ["T-STOP"] and event.user == world.promoter_a


@pytest.mark.parametrize("who", ["promoter_b", "viewer", "outsider"])
def test_outreach_is_the_workshops_promoters_and_the_leaders(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get("/p/test/communication/workshops/a/outreach/").status_code == 404
    client.force_login(world.leader)
    assert client.get("/p/test/communication/workshops/a/outreach/").status_code == 200


def test_the_overview_counts_the_mentions_not_seen_yet(client, world, partners):
    _partner, steering = partners
    client.force_login(world.leader)
    for n in range(2):
        client.post(
            "/p/test/communication/media/new/",
            {"date": "2024-05-30", "kind": "online", "outlet": f"Blogg {n}", "title": "Omnämnd"},
        )
    client.force_login(steering)
    assert "2 nya omnämnanden" in client.get("/p/test/communication/").content.decode()
    client.get("/p/test/communication/media/")
    assert "nya omnämnanden" not in client.get("/p/test/communication/").content.decode()


@pytest.mark.parametrize(
    "address",
    ["/p/test/communication/media/", "/p/test/communication/plans/2024/", "/p/test/communication/"],
)
def test_the_lists_take_no_query_per_row(client, world, address):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = CommunicationPlan.objects.create(program=world.program, year=2024)
    partner = Partner.objects.create(name="Bostadsbolaget", sector="private")
    client.force_login(world.leader)

    def queries(n: int) -> int:
        for i in range(n):
            entry = plan.entries.create(
                audience="A", channel="video", message="M", responsible="R", when="W"
            )
            plan.actions.create(entry=entry, date=TODAY, channel="video", description="D")
            MediaMention.objects.create(
                program=world.program, date=TODAY, kind="press", outlet="O", title="T",
                reported_by=partner,
            )  # fmt: skip
            _planned(world, key=f"row-{n}-{i}")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    assert queries(2) == queries(6)


def test_a_mention_keeps_a_pdf_and_refuses_other_files(client, world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.leader)
    for name, content in (("artikel.pdf", b"%PDF-1.4 artikel"), ("artikel.exe", b"MZ\x90")):
        client.post(
            "/p/test/communication/media/new/",
            {
                "date": "2024-05-30",
                "kind": "press",
                "outlet": name,
                "title": "T",
                "file": SimpleUploadedFile(name, content),
            },
        )
    mention = MediaMention.objects.get()
    assert mention.outlet == "artikel.pdf"
    address = f"/p/test/communication/media/{mention.pk}/file/"
    client.force_login(world.viewer)
    assert b"".join(client.get(address).streaming_content) == b"%PDF-1.4 artikel"
    client.force_login(world.outsider)
    assert client.get(address).status_code == 404
