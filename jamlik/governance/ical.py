"""iCalendar (RFC 5545): a feed of a body's meetings and the invitation sent with an agenda."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from jamlik.governance.models import Body, Meeting

DEFAULT_LENGTH = timedelta(hours=2)
PRODID = "-//Jämlik//Governance//SV"


def _uid(meeting: Meeting) -> str:
    return f"jamlik-meeting-{meeting.pk}@{settings.DEFAULT_FROM_EMAIL.rpartition('@')[2]}"


def meeting_event(meeting: Meeting, *, url: str = "") -> Event:
    event = Event()
    event.add("uid", _uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("summary", meeting.body.name)
    if meeting.starts_at is None:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + timedelta(days=1))
    else:
        tz = timezone.get_default_timezone()
        start = datetime.combine(meeting.date, meeting.starts_at, tzinfo=tz)
        end = (
            datetime.combine(meeting.date, meeting.ends_at, tzinfo=tz)
            if meeting.ends_at and meeting.ends_at > meeting.starts_at
            else start + DEFAULT_LENGTH
        )
        event.add("dtstart", start)
        event.add("dtend", end)
    if meeting.location:
        event.add("location", meeting.location)
    items = [f"{item.position}. {item.title}" for item in meeting.agenda_items.all()]
    if items:
        event.add("description", "\n".join([_("Agenda"), *items]))
    if url:
        event.add("url", url)
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    # Each change of the agenda or the time is a new version for calendar programs.
    event.add("sequence", int(meeting.agenda_items.count()) + (1 if cancelled else 0))
    return event


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def body_feed(body: Body, meetings: Iterable[Meeting], *, url_for) -> bytes:
    """All the body's meetings as one calendar, for a calendar program to subscribe to."""
    calendar = _calendar(f"{body.name} – {body.program.name}")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, url=url_for(meeting)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def invitation(meeting: Meeting, *, recipients: list[str], url: str) -> bytes:
    """A METHOD:REQUEST calendar that mail programs show as an invitation."""
    calendar = _calendar(meeting.body.name)
    calendar.add("method", "REQUEST")
    event = meeting_event(meeting, url=url)
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = vText(meeting.body.name)
    event["organizer"] = organizer
    for address in recipients:
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
