from datetime import date, datetime, time, timedelta

import icalendar
import pytest
from django.urls import reverse

from conftest import PASSWORD
from jamlik.governance import services
from jamlik.governance.models import Attendance, Decision, Meeting
from jamlik.people.access import get_program_access
from jamlik.people.models import ProgramRole


@pytest.fixture
def meeting(gov) -> Meeting:
    leader = get_program_access(gov.world.leader, "test")
    meeting = services.create_meeting(
        access=leader, body=gov.hub, date=date(2024, 3, 5), location="Träffpunkten"
    )
    services.add_agenda_item(
        access=leader,
        meeting=meeting,
        title="Sommarens aktiviteter",
        kind="decision",
        category="financing",
        initiated_by="resident",
    )
    services.set_attendance(access=leader, meeting=meeting, membership=gov.muni_1, status="present")
    decision = services.record_decision(
        access=leader,
        meeting=meeting,
        text="Hubben köper in material.",
        method="vote",
        category="financing",
        initiated_by="resident",
    )
    services.cast_vote(access=leader, decision=decision, membership=gov.muni_1, choice="yes")
    services.save_minutes(
        access=leader,
        meeting=meeting,
        text="## Noteringar\n\nVi ses **snart**. <script>alert('x')</script>"
        '<a href="javascript:alert(1)">länk</a>',
    )
    return meeting


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def url(name, *args):
    return reverse(f"governance:{name}", args=["test", *args])


def write_urls(meeting):
    body, key = meeting.body.key, meeting.key
    return [
        url("body_new"),
        url("member_new", body),
        url("member_end", body, 1),
        url("meeting_new", body),
        url("meeting_update", body, key),
        url("agenda_item_new", body, key),
        url("agenda_send", body, key),
        url("attendance", body, key),
        url("decision_new", body, key),
        url("votes", body, key, 1),
        url("anchor", body, key, 1),
        url("minutes", body, key),
        url("approve_previous", body, key),
        url("action_new", body, key),
        url("action_status", body, key, 1),
    ]


def test_it_rejects_get_on_every_write_view(client, gov, meeting):
    login(client, gov.world.leader)
    for address in write_urls(meeting):
        assert client.get(address).status_code == 405, address


@pytest.mark.parametrize("who", ["viewer", "outsider", "steering_member"])
def test_the_wrong_role_gets_404_on_every_hub_write(client, gov, meeting, who):
    user = getattr(gov, who, None) or getattr(gov.world, who)
    login(client, user)
    for address in write_urls(meeting):
        assert client.post(address, {"status": "present"}).status_code == 404, address
    assert Meeting.objects.count() == 1


def test_a_hub_member_may_not_write_the_steering_groups_record(client, gov):
    leader = get_program_access(gov.world.leader, "test")
    steering_meeting = services.create_meeting(
        access=leader, body=gov.steering, date=date(2024, 3, 5)
    )
    login(client, gov.hub_member)
    response = client.post(
        url("minutes", "steering", steering_meeting.key), {"minutes": "Hubben skriver"}
    )
    assert response.status_code == 404
    login(client, gov.steering_member)
    response = client.post(url("minutes", "steering", steering_meeting.key), {"minutes": "Ok"})
    assert response.status_code == 302
    steering_meeting.refresh_from_db()
    assert steering_meeting.minutes == "Ok"


@pytest.mark.parametrize("who", ["viewer", "outsider"])
def test_those_outside_governance_see_no_page(client, gov, meeting, who):
    login(client, getattr(gov.world, who))
    for address in [
        url("index"),
        url("body", "hub"),
        meeting.get_absolute_url(),
        url("feed", "hub"),
        url("minutes_pdf", "hub", meeting.key),
    ]:
        assert client.get(address).status_code == 404, address


def test_the_power_shift_is_open_to_every_role_with_the_program(client, gov, meeting):
    login(client, gov.world.viewer)
    assert client.get(url("power_shift")).status_code == 200
    login(client, gov.world.outsider)
    assert client.get(url("power_shift")).status_code == 404


def test_the_meeting_page_shows_the_record_and_safe_minutes(client, gov, meeting):
    login(client, gov.hub_member)
    response = client.get(meeting.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sommarens aktiviteter" in html
    assert "Hubben köper in material." in html
    minutes = html.split('<article class="card gov-minutes">')[1].split("</article>")[0]
    assert "<h2>Noteringar</h2>" in minutes and "<strong>snart</strong>" in minutes
    assert "<script" not in minutes and "alert" not in minutes
    assert "javascript:" not in minutes
    assert 'id="decision-1"' in html and "is-flagged" in html  # unanchored financing


def test_steering_members_read_hub_minutes_only_once_approved(client, gov, meeting):
    login(client, gov.steering_member)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Sommarens aktiviteter" in html  # the agenda is open
    assert "Hubben köper in material." not in html
    assert "Noteringar" not in html
    assert client.get(url("minutes_pdf", "hub", meeting.key)).status_code == 404

    leader = get_program_access(gov.world.leader, "test")
    following = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 19))
    services.approve_minutes(access=leader, meeting=meeting, at=following)

    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Hubben köper in material." in html
    assert "Noteringar" in html
    assert "Approve the previous minutes" not in html
    pdf = client.get(url("minutes_pdf", "hub", meeting.key))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_approving_the_previous_minutes_at_the_next_meeting(client, gov, meeting):
    leader = get_program_access(gov.world.leader, "test")
    following = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 19))
    login(client, gov.world.promoter_a)

    response = client.post(url("approve_previous", "hub", following.key))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_approved_in == following


def test_attendance_by_htmx_answers_with_the_section(client, gov, meeting):
    login(client, gov.hub_member)
    response = client.post(
        url("attendance", "hub", meeting.key),
        {"membership": gov.uni_hub.pk, "status": "substitute", "substitute_name": "Vik"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<section id="attendance"')
    assert 'hx-swap-oob="true"' in html
    attendance = Attendance.objects.get(meeting=meeting, membership=gov.uni_hub)
    assert (attendance.status, attendance.substitute_name) == ("substitute", "Vik")


def test_recording_a_decision_and_votes_through_the_page(client, gov, meeting):
    leader = get_program_access(gov.world.leader, "test")
    for seat in (gov.muni_2, gov.muni_3, gov.assoc_hub):
        services.set_attendance(access=leader, meeting=meeting, membership=seat, status="present")
    login(client, gov.hub_member)
    response = client.post(
        url("decision_new", "hub", meeting.key),
        {
            "text": "Vi röstar om lokalen.",
            "method": "vote",
            "category": "other",
            "initiated_by": "health_promoter",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(meeting=meeting, number=2)
    response = client.post(
        url("votes", "hub", meeting.key, 2),
        {
            f"vote_{gov.muni_1.pk}": "yes",
            f"vote_{gov.muni_2.pk}": "yes",
            f"vote_{gov.muni_3.pk}": "yes",
            f"vote_{gov.assoc_hub.pk}": "no",
        },
    )
    assert response.status_code == 302
    assert decision.votes.count() == 4
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Yes 1 · No 1 · Abstain 0" in html


def test_linking_the_anchor_through_the_page(client, gov, meeting):
    leader = get_program_access(gov.world.leader, "test")
    steering_meeting = services.create_meeting(
        access=leader, body=gov.steering, date=date(2024, 2, 1)
    )
    anchor = services.record_decision(
        access=leader,
        meeting=steering_meeting,
        text="Styrgruppen godkänner inköp.",
        method="consensus",
        category="financing",
        initiated_by="strategic",
    )
    login(client, gov.world.leader)
    response = client.post(url("anchor", "hub", meeting.key, 1), {"anchored_by": anchor.pk})
    assert response.status_code == 302
    assert Decision.objects.get(meeting=meeting, number=1).anchored_by == anchor


def test_the_calendar_feed_parses_with_icalendar(client, gov, meeting):
    login(client, gov.hub_member)
    response = client.get(url("feed", "hub"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Hubben"
    assert str(event["location"]) == "Träffpunkten"
    assert event.decoded("dtstart") == date(2024, 3, 5)
    assert "Sommarens aktiviteter" in str(event["description"])


def test_the_subscription_feed_works_without_login_while_the_role_lasts(client, gov, meeting):
    login(client, gov.hub_member)
    page = client.get(url("body", "hub")).content.decode()
    client.logout()
    feed_path = page.split('id="feed-url" type="text" readonly value="')[1].split('"')[0]
    feed_path = feed_path.removeprefix("http://testserver")
    response = client.get(feed_path)
    assert response.status_code == 200
    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT")

    ProgramRole.objects.filter(user=gov.hub_member).delete()
    assert client.get(feed_path).status_code == 404
    assert client.get(url("feed_token", "not-a-token")).status_code == 404


def test_planning_a_meeting_suggests_the_chair(client, gov):
    login(client, gov.world.promoter_a)
    response = client.post(url("meeting_new", "hub"), {"date": "2024-05-07", "starts_at": "13:00"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.chair is not None


def test_the_index_lists_what_needs_attention(client, gov, meeting, django_assert_max_num_queries):
    login(client, gov.world.leader)
    with django_assert_max_num_queries(30):
        response = client.get(url("index"))
    html = response.content.decode()
    assert "Unanchored" in html or "Ej förankrat" in html
    assert "Hubben" in html and "Styrgruppen" in html


def test_the_leader_creates_bodies_and_members(client, gov):
    login(client, gov.world.leader)
    response = client.post(
        url("body_new"), {"name": "Strategiska gruppen", "key": "strategic", "kind": "strategic"}
    )
    assert response.status_code == 302
    response = client.post(
        url("member_new", "strategic"),
        {
            "kind": "partner",
            "partner": gov.university.pk,
            "name": "Kim",
            "role": "member",
            "starts_on": "2024-01-01",
        },
    )
    assert response.status_code == 302
    assert gov.program.bodies.get(key="strategic").memberships.get().partner == gov.university
    login(client, gov.hub_member)
    response = client.post(url("body_new"), {"name": "X", "key": "x", "kind": "other"})
    assert response.status_code == 404


def test_the_api_gives_the_power_shift_and_the_bodies(client, gov, meeting):
    login(client, gov.hub_member)
    rows = client.get("/api/programs/test/governance/power-shift").json()
    assert rows == []  # the meeting is not marked held
    bodies = client.get("/api/programs/test/governance/bodies").json()
    assert [b["key"] for b in bodies] == ["hub", "steering"]
    login(client, gov.world.viewer)
    assert client.get("/api/programs/test/governance/bodies").status_code == 404


def feed_event(client):
    calendar = icalendar.Calendar.from_ical(client.get(url("feed", "hub")).content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_moving_a_meeting_raises_its_sequence_and_an_agenda_change_does_not(
    client, gov, meeting, settings
):
    settings.SITE_DOMAIN = "jamlik.example.org"
    login(client, gov.world.leader)
    _, before = feed_event(client)
    assert str(before["uid"]).endswith("@jamlik.example.org")
    details = {"date": "2024-03-05", "starts_at": "18:00", "location": "Träffpunkten"}
    details["status"] = "planned"
    client.post(url("meeting_update", "hub", meeting.key), details)
    _, timed = feed_event(client)
    assert timed["sequence"] > before["sequence"]

    leader = get_program_access(gov.world.leader, "test")
    services.add_agenda_item(
        access=leader,
        meeting=meeting,
        title="Övrigt",
        kind="information",
        category="other",
        initiated_by="resident",
    )
    _, with_item = feed_event(client)
    assert with_item["sequence"] == timed["sequence"]

    client.post(url("meeting_update", "hub", meeting.key), details | {"date": "2024-03-12"})
    _, moved = feed_event(client)
    assert moved["sequence"] > with_item["sequence"]
    assert moved.decoded("dtstart").date() == date(2024, 3, 12)
    client.post(url("meeting_update", "hub", meeting.key), details | {"date": "2024-03-12"})
    _, same = feed_event(client)
    assert same["sequence"] == moved["sequence"]


def test_the_feed_reads_the_same_in_a_second_rfc_5545_reader(client, gov, meeting):
    import vobject

    leader = get_program_access(gov.world.leader, "test")
    # Summer and winter time, also past 2038, when fixed transition dates would run out.
    for day in (date(2024, 7, 2), date(2045, 1, 10), date(2045, 7, 4)):
        services.create_meeting(
            access=leader, body=gov.hub, date=day, starts_at=time(18, 0), location="Möllan"
        )
    login(client, gov.world.leader)
    content = client.get(url("feed", "hub")).content.decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in content
    assert "2038" not in content

    parsed = vobject.readOne(content)
    events = sorted(parsed.vevent_list, key=lambda e: str(e.dtstart.value))
    timed = [e for e in events if isinstance(e.dtstart.value, datetime)]
    offsets = {e.dtstart.value.date(): e.dtstart.value.utcoffset() for e in timed}
    assert offsets == {
        date(2024, 7, 2): timedelta(hours=2),
        date(2045, 1, 10): timedelta(hours=1),
        date(2045, 7, 4): timedelta(hours=2),
    }
    assert {e.location.value for e in events} == {"Träffpunkten", "Möllan"}
    assert all(int(e.sequence.value) == 0 for e in events)


def test_ending_another_bodys_or_programs_membership_is_404(client, gov, django_user_model):
    from jamlik.governance.models import Body, Membership
    from jamlik.programs.models import Program

    other = Program.objects.create(slug="other", name="Annat program", code_prefix="O")
    other_body = Body.objects.create(program=other, key="hub", name="Hubben", kind="hub")
    foreign = Membership.objects.create(
        body=other_body, name="Kim Annan", kind="resident", starts_on=date(2024, 1, 1)
    )
    login(client, gov.world.leader)
    for pk in (foreign.pk, gov.muni_steer.pk, 999_999):
        assert client.post(url("member_end", "hub", pk)).status_code == 404, pk
    foreign.refresh_from_db()
    gov.muni_steer.refresh_from_db()
    assert foreign.ends_on is None
    assert gov.muni_steer.ends_on is None


def test_ending_a_membership_twice_changes_nothing_the_second_time(client, gov):
    login(client, gov.world.leader)
    address = url("member_end", "hub", gov.muni_3.pk)
    assert client.post(address).status_code == 302
    assert client.post(address).status_code == 302
    gov.muni_3.refresh_from_db()
    assert gov.muni_3.ends_on is not None
