"""The hub holds a meeting on a phone: agenda, attendance, a vote, an action item, minutes,
then approves the minutes at the next meeting, where the open action item is followed up.

Runs headless Debian Chromium through Playwright against the live test server.
Screenshots go to test-artifacts/.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import PASSWORD
from jamlik.governance.models import ActionItem, Meeting
from jamlik.governance.tests.conftest import gov  # noqa: F401 - the fixture
from tests.browser import helpers
from tests.browser.helpers import ARTIFACTS
from tests.browser.helpers import assert_no_sideways_scroll as assert_fits

DESKTOP = {"width": 1280, "height": 900}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name: str, *, full_page: bool = True) -> None:
    helpers.shot(page, f"gov-{name}", full_page=full_page)


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def seat_row(page, name: str):
    return page.locator("#attendance li.gov-seat").filter(has_text=name)


def test_the_hub_holds_a_meeting_from_agenda_to_approved_minutes(open_page, live_server, gov):  # noqa: F811
    base = f"{live_server.url}/p/test/governance"
    page = open_page()
    log_in(page, live_server, "hub_member")

    # Plan the meeting: the date follows the cadence and the chair is suggested.
    page.goto(f"{base}/")
    shot(page, "01-index-360")
    assert_fits(page)
    page.get_by_role("link", name="Hubben").click()
    page.wait_for_url(f"{base}/hub/")
    shot(page, "02-body-360")
    assert_fits(page)
    today = timezone.localdate()
    page.fill("#meeting-date", today.isoformat())
    page.fill("#meeting-starts_at", "13:00")
    page.fill("#meeting-location", "Träffpunkten")
    page.get_by_role("button", name="Plan meeting").click()
    page.wait_for_url(re.compile(rf"/hub/{today.isoformat()}/$"))
    first_url = page.url

    # The agenda: an item proposed by a resident representative.
    agenda = page.locator("#agenda")
    agenda.locator("#item-title").fill("Sommarens utflykt")
    agenda.locator("label", has_text="Decision").click()
    page.select_option("#item-category", "financing")
    page.select_option("#item-proposed_by", label="Fatima Boende")
    page.get_by_role("button", name="Add to the agenda").click()
    page.locator("#agenda .gov-agenda li", has_text="Sommarens utflykt").wait_for()
    assert "Initiative: Resident" in page.locator("#agenda").inner_text()

    # Attendance with one tap each (htmx swaps the section).
    for name in ("Alva Kommun", "Bo Kommun", "Cleo Kommun", "Dani Förening", "Fatima Boende"):
        seat_row(page, name).get_by_role("button", name="Present").click()
        seat_row(page, name).locator("button[aria-pressed='true']", has_text="Present").wait_for()
    seat_row(page, "Eli Högskola").get_by_role("button", name="Absent").click()
    seat_row(page, "Eli Högskola").locator("button[aria-pressed='true']").wait_for()
    page.locator("#attendance").scroll_into_view_if_needed()
    shot(page, "03-attendance-360", full_page=False)
    assert_fits(page)

    # A decision by vote: three people of the municipality still give one vote.
    page.reload()
    page.locator("#new-decision summary").click()
    page.select_option("#decision-agenda_item", label="1. Sommarens utflykt")
    page.fill("#decision-text", "Hubben genomför en utflykt i juni.")
    page.locator("#new-decision label", has_text="By vote").click()
    page.select_option("#decision-category", "financing")
    page.select_option("#decision-initiated_by", "resident")
    page.get_by_role("button", name="Record decision").click()
    decision = page.locator("#decision-1")
    decision.wait_for()
    assert "Unanchored" in decision.inner_text()
    for name, choice in (
        ("Alva Kommun", "Yes"),
        ("Bo Kommun", "Yes"),
        ("Cleo Kommun", "Yes"),
        ("Dani Förening", "No"),
        ("Fatima Boende", "Yes"),
    ):
        decision.locator(".gov-vote").filter(has_text=name).locator(
            "label", has_text=choice
        ).click()
    decision.get_by_role("button", name="Save votes").click()
    page.locator("#decision-1 .gov-tally").wait_for()
    assert "Yes 2 · No 1 · Abstain 0" in page.locator("#decision-1 .gov-tally").inner_text()
    assert "5 people voted" in page.locator("#decision-1").inner_text()
    page.locator("#decision-1").scroll_into_view_if_needed()
    shot(page, "04-decision-360", full_page=False)

    # An action item, the minutes, and the meeting marked held.
    page.locator("#actions summary").click()
    page.fill("#action-text", "Boka buss till utflykten")
    page.select_option("#action-owner", label="Dani Förening")
    page.fill("#action-due_on", (today + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Add action item").click()
    page.locator("#actions td", has_text="Boka buss till utflykten").wait_for()
    page.fill("#id_minutes", "## Utflykten\n\nHubben röstade om **utflykten** i juni.")
    page.get_by_role("button", name="Save the minutes").click()
    page.locator(".gov-minutes strong", has_text="utflykten").wait_for()
    page.locator("#details summary").click()
    page.select_option("#details-status", "held")
    page.locator("#details").get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    shot(page, "05-meeting-360")
    assert_fits(page)

    # The next meeting: the open action item is on its agenda; the minutes are approved.
    page.goto(f"{base}/hub/")
    next_day = today + timedelta(days=14)
    page.locator("#new-meeting summary").click()
    page.fill("#meeting-date", next_day.isoformat())
    page.get_by_role("button", name="Plan meeting").click()
    page.wait_for_url(re.compile(rf"/hub/{next_day.isoformat()}/$"))
    assert "Follow-up: Boka buss till utflykten" in page.locator("#agenda").inner_text()
    shot(page, "06-next-meeting-360")
    page.get_by_role("button", name="Approve the previous minutes").click()
    page.locator("#previous-minutes .badge-ok").wait_for()
    page.locator("#agenda form.gov-inline").get_by_role("button", name="Done").click()
    page.locator("#agenda .badge-ok", has_text="Done").wait_for()
    assert_fits(page)

    first = Meeting.objects.get(date=today, body=gov.hub)
    assert first.minutes_approved_in.date == next_day
    assert first.status == "held"
    assert ActionItem.objects.get().status == "done"

    # A steering-group member now reads the approved minutes, and the PDF.
    reader = open_page(DESKTOP)
    log_in(reader, live_server, "steering_member")
    reader.goto(first_url)
    assert "Approved at the meeting of" in reader.locator("#minutes").inner_text()
    assert "Hubben genomför en utflykt i juni." in reader.locator("#decisions").inner_text()
    shot(reader, "07-approved-minutes-1280")
    pdf = reader.request.get(f"{first_url}minutes.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "gov-minutes.pdf").write_bytes(pdf.body())
    reader.goto(f"{base}/power-shift/")
    shot(reader, "08-power-shift-1280")
    reader.goto(f"{base}/")
    shot(reader, "09-index-1280")
    reader.goto(f"{live_server.url}/p/test/partners/")
    shot(reader, "10-partners-1280")
