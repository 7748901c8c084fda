"""The public calendar as iCalendar (RFC 5545), in one language, for phones' calendars.

Built like the governance feeds (governance/ical.py): times in the site's time zone with
its recurring VTIMEZONE, UIDs ending in SITE_DOMAIN.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from jamlik.communication.models import PublicListing
from jamlik.governance.ical import recurring_timezone

DEFAULT_LENGTH = timedelta(hours=2)
PRODID = "-//Jämlik//Public calendar//SV"


def listing_event(listing: PublicListing, language: str, *, url: str) -> Event:
    activity = listing.activity
    event = Event()
    event.add("uid", f"jamlik-activity-{activity.pk}@{settings.SITE_DOMAIN}")
    event.add("dtstamp", listing.updated_at or timezone.now())
    event.add("summary", listing.title_in(language))
    if activity.start_time is None:
        event.add("dtstart", activity.date)
        event.add("dtend", activity.date + timedelta(days=1))
    else:
        start = datetime.combine(
            activity.date, activity.start_time, tzinfo=timezone.get_default_timezone()
        )
        length = (
            timedelta(minutes=activity.duration_minutes)
            if activity.duration_minutes
            else DEFAULT_LENGTH
        )
        event.add("dtstart", start)
        event.add("dtend", start + length)
    place = listing.public_place()
    if place:
        event.add("location", place)
    description = listing.description_in(language)
    if description:
        event.add("description", description)
    event.add("url", url)
    cancelled = activity.status == activity.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def public_feed(name: str, listings: Iterable[PublicListing], language: str, *, url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    timed = False
    for listing in listings:
        calendar.add_component(listing_event(listing, language, url=url))
        timed = timed or listing.activity.start_time is not None
    found = recurring_timezone(timezone.get_default_timezone_name()) if timed else None
    if found is not None:
        calendar.subcomponents.insert(0, found)
    calendar.add_missing_timezones()
    return calendar.to_ical()
