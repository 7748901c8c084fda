"""iCalendar (RFC 5545): a feed of a body's meetings and the invitation sent with an agenda.

Times are in the site's time zone (TIME_ZONE), described by a VTIMEZONE whose daylight
saving rules are yearly recurrence rules taken from the zone's current rule in the time
zone database, so that they hold for meetings in any year. UIDs end in SITE_DOMAIN, and
SEQUENCE is the meeting's revision, which rises with each change of time, place or status.
"""

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from email.utils import parseaddr
from functools import cache
from importlib import resources
from pathlib import Path
from zoneinfo import TZPATH

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vText,
)

from jamlik.governance.models import Body, Meeting

DEFAULT_LENGTH = timedelta(hours=2)
PRODID = "-//Jämlik//Governance//SV"


def _uid(meeting: Meeting) -> str:
    return f"jamlik-meeting-{meeting.pk}@{settings.SITE_DOMAIN}"


def organizer_address() -> str:
    """The sender's address, unless it is a local one; then one at the site's domain."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    if address.rpartition("@")[2] in ("", "localhost", "localhost.localdomain"):
        return f"jamlik@{settings.SITE_DOMAIN}"
    return address


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
    event.add("sequence", meeting.revision)
    return event


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _add_timezone(calendar: Calendar) -> None:
    """The site's time zone with recurring rules where the database has them."""
    zone = timezone.get_default_timezone_name()
    uses_zone = any(
        getattr(event.get(name), "params", {}).get("TZID") == zone
        for event in calendar.walk("VEVENT")
        for name in ("dtstart", "dtend")
    )
    found = recurring_timezone(zone) if uses_zone else None
    if found is not None:
        calendar.subcomponents.insert(0, found)
    calendar.add_missing_timezones()


def body_feed(body: Body, meetings: Iterable[Meeting], *, url_for) -> bytes:
    """All the body's meetings as one calendar, for a calendar program to subscribe to."""
    calendar = _calendar(f"{body.name} – {body.program.name}")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, url=url_for(meeting)))
    _add_timezone(calendar)
    return calendar.to_ical()


def invitation(meeting: Meeting, *, recipients: list[str], url: str) -> bytes:
    """A METHOD:REQUEST calendar that mail programs show as an invitation."""
    calendar = _calendar(meeting.body.name)
    calendar.add("method", "REQUEST")
    event = meeting_event(meeting, url=url)
    organizer = vCalAddress(f"mailto:{organizer_address()}")
    organizer.params["cn"] = vText(meeting.body.name)
    event["organizer"] = organizer
    for address in recipients:
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    _add_timezone(calendar)
    return calendar.to_ical()


# The time zone's rule, from the POSIX TZ string at the end of its TZif file (RFC 8536),
# e.g. "CET-1CEST,M3.5.0,M10.5.0/3" for Europe/Stockholm.

_NAME = r"(<[^>]+>|[A-Za-z]+)"
_OFFSET = r"([+-]?\d{1,2}(?::\d{2}){0,2})"
_RULE = r"M(\d{1,2})\.(\d)\.(\d)(?:/([+-]?\d{1,3}(?::\d{2}){0,2}))?"
_POSIX = re.compile(rf"^{_NAME}{_OFFSET}(?:{_NAME}{_OFFSET}?,{_RULE},{_RULE})?$")
_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]


def _tzif_footer(zone: str) -> str | None:
    for folder in TZPATH:
        path = Path(folder, zone)
        if path.is_file():
            data = path.read_bytes()
            break
    else:
        try:
            package = "tzdata.zoneinfo." + ".".join(zone.split("/")[:-1])
            data = resources.files(package.rstrip(".")).joinpath(zone.split("/")[-1]).read_bytes()
        except (ModuleNotFoundError, FileNotFoundError, OSError):
            return None
    if not data.startswith(b"TZif") or not data.endswith(b"\n"):
        return None
    return data[:-1].rsplit(b"\n", 1)[-1].decode("ascii", "replace")


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _onset(year: int, month: int, week: int, weekday: int) -> date:
    """Day `weekday` (0 = Sunday) of week `week` (5 = the last) of the month."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - (first.isoweekday() % 7)) % 7)
    day += timedelta(weeks=week - 1)
    while day.month != month:
        day -= timedelta(weeks=1)
    return day


def _observance(kind, name, offset_from, offset_to, rule) -> object:
    month, week, weekday, at = int(rule[0]), int(rule[1]), int(rule[2]), rule[3] or "2"
    start = datetime.combine(_onset(1970, month, week, weekday), datetime.min.time())
    start += timedelta(seconds=_seconds(at))
    part = kind()
    part.add("dtstart", start)
    part.add("tzname", name.strip("<>"))
    part.add("tzoffsetfrom", timedelta(seconds=offset_from))
    part.add("tzoffsetto", timedelta(seconds=offset_to))
    by_day = f"{-1 if week == 5 else week}{_DAYS[weekday]}"
    part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": by_day})
    return part


@cache
def recurring_timezone(zone: str) -> Timezone | None:
    """A VTIMEZONE whose observances recur yearly, or None where the rule is not simple."""
    footer = _tzif_footer(zone)
    match = _POSIX.match(footer or "")
    if match is None:
        return None
    std_name, std_offset, dst_name, dst_offset = match.group(1, 2, 3, 4)
    # POSIX offsets count west of Greenwich: "CET-1" is one hour east.
    standard = -_seconds(std_offset)
    found = Timezone()
    found.add("tzid", zone)
    if dst_name is None:
        part = TimezoneStandard()
        part.add("dtstart", datetime(1970, 1, 1))  # noqa: DTZ001 - local time of the zone
        part.add("tzname", std_name.strip("<>"))
        part.add("tzoffsetfrom", timedelta(seconds=standard))
        part.add("tzoffsetto", timedelta(seconds=standard))
        found.add_component(part)
        return found
    daylight = -_seconds(dst_offset) if dst_offset else standard + 3600
    start_rule, end_rule = match.group(5, 6, 7, 8), match.group(9, 10, 11, 12)
    found.add_component(_observance(TimezoneDaylight, dst_name, standard, daylight, start_rule))
    found.add_component(_observance(TimezoneStandard, std_name, daylight, standard, end_rule))
    return found
