from datetime import date

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError

from jamlik.governance import services
from jamlik.governance.models import AgendaItem
from jamlik.people.access import get_program_access
from jamlik.people.models import AuditEvent


@pytest.fixture
def leader(gov):
    return get_program_access(gov.world.leader, "test")


def test_an_open_action_item_is_carried_to_the_next_agenda(gov, leader):
    first = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 5))
    item = services.add_action_item(
        access=leader, meeting=first, text="Boka lokal", owner=gov.promoter_seat
    )
    done = services.add_action_item(access=leader, meeting=first, text="Skicka inbjudan")
    services.set_action_status(access=leader, item=done, status="done", at=first)

    second = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 19))

    follow_ups = list(second.agenda_items.filter(follow_up_of__isnull=False))
    assert [f.follow_up_of for f in follow_ups] == [item]
    assert follow_ups[0].initiated_by == "health_promoter"
    assert services.carry_open_actions(second) == 0  # idempotent


def test_an_action_item_added_after_the_next_meeting_was_planned_reaches_it(gov, leader):
    first = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 5))
    second = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 19))

    item = services.add_action_item(access=leader, meeting=first, text="Ring föreningen")

    assert second.agenda_items.filter(follow_up_of=item).exists()


def test_an_item_closed_at_the_follow_up_leaves_later_agendas(gov, leader):
    first = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 5))
    item = services.add_action_item(access=leader, meeting=first, text="Ring föreningen")
    second = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 19))
    third = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 4, 2))
    assert third.agenda_items.filter(follow_up_of=item).exists()

    services.set_action_status(access=leader, item=item, status="done", at=second)

    item.refresh_from_db()
    assert (item.status, item.closed_in) == ("done", second)
    assert second.agenda_items.filter(follow_up_of=item).exists()
    assert not third.agenda_items.filter(follow_up_of=item).exists()


def test_minutes_are_approved_at_a_later_meeting_and_then_frozen(gov, leader):
    first = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 5))
    second = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 19))
    with pytest.raises(ValidationError, match="no minutes"):
        services.approve_minutes(access=leader, meeting=first, at=second)
    services.save_minutes(access=leader, meeting=first, text="Vi beslutade om sommaren.")
    with pytest.raises(ValidationError, match="later meeting"):
        services.approve_minutes(access=leader, meeting=second, at=first)
    assert services.previous_meeting(second) == first

    services.approve_minutes(access=leader, meeting=first, at=second)

    first.refresh_from_db()
    assert first.minutes_approved_in == second
    assert first.minutes_approved_at is not None
    with pytest.raises(ValidationError, match="not changed"):
        services.save_minutes(access=leader, meeting=first, text="Ändrat i efterhand")
    assert AuditEvent.objects.filter(object_type="minutes_approved").count() == 1


def test_sending_the_agenda_emails_members_an_invitation(
    gov, leader, django_capture_on_commit_callbacks
):
    meeting = services.create_meeting(access=leader, body=gov.steering, date=date(2030, 3, 14))
    services.add_agenda_item(
        access=leader,
        meeting=meeting,
        title="Verksamhetsrapport",
        kind="decision",
        category="other",
        proposed_by=gov.muni_steer,
    )

    with django_capture_on_commit_callbacks(execute=True):
        count = services.send_agenda(access=leader, meeting=meeting, meeting_url="http://x/m/")

    assert count == 3  # the substitute has no address
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.bcc) == ["gun@example.org", "hugo@example.org", "ines@example.org"]
    assert "Verksamhetsrapport" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "invite.ics" and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["method"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == date(2030, 3, 14)
    assert len(event.get("attendee")) == 3
    # The default sender is at localhost: the organiser and the UID use the site's domain.
    assert str(event["organizer"]) == f"mailto:jamlik@{settings.SITE_DOMAIN}"
    assert str(event["uid"]).endswith(f"@{settings.SITE_DOMAIN}")
    meeting.refresh_from_db()
    assert meeting.agenda_sent_at is not None
    assert not meeting.agenda_is_late(date(2030, 3, 1))


def test_an_empty_agenda_is_not_sent(gov, leader):
    meeting = services.create_meeting(access=leader, body=gov.steering, date=date(2030, 3, 14))
    with pytest.raises(ValidationError, match="empty"):
        services.send_agenda(access=leader, meeting=meeting, meeting_url="http://x/")


def test_an_agenda_item_takes_its_initiative_from_the_proposer(gov, leader):
    meeting = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 5))
    item = services.add_agenda_item(
        access=leader,
        meeting=meeting,
        title="Sommaraktiviteter",
        kind="discussion",
        category="other",
        proposed_by=gov.resident_seat,
    )
    assert item.initiated_by == "resident"
    assert AgendaItem.objects.get().position == 1


def test_every_write_is_audited(gov, leader):
    meeting = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 5))
    services.set_attendance(access=leader, meeting=meeting, membership=gov.muni_1, status="present")
    services.record_decision(
        access=leader,
        meeting=meeting,
        text="Ja",
        method="consensus",
        category="other",
        initiated_by="resident",
    )
    kinds = set(AuditEvent.objects.values_list("object_type", flat=True))
    assert {"meeting", "attendance", "decision"} <= kinds
    assert set(AuditEvent.objects.values_list("user", flat=True)) == {gov.world.leader.pk}


def test_body_keys_that_shadow_pages_are_refused(gov, leader):
    with pytest.raises(ValidationError, match="reserved"):
        services.create_body(access=leader, key="feed", name="Flöde", kind="other")
    body = services.create_body(
        access=leader, key="strategic", name="Strategiska", kind="strategic"
    )
    assert body.cadence == "none"
    assert services.create_body(access=leader, key="hub2", name="Hub 2", kind="hub").cadence == (
        "biweekly"
    )


# The worker closes its connection after a task: commit for real (a transactional test).
@pytest.mark.django_db(transaction=True)
def test_the_agenda_email_waits_for_the_task_worker(
    gov, leader, settings, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    meeting = services.create_meeting(access=leader, body=gov.steering, date=date(2030, 3, 14))
    services.add_agenda_item(
        access=leader,
        meeting=meeting,
        title="Budget",
        kind="decision",
        category="other",
        proposed_by=gov.muni_steer,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.send_agenda(access=leader, meeting=meeting, meeting_url="http://x/m/")
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    (message,) = mail.outbox
    assert "Budget" in message.body
    assert len(message.bcc) == 3
