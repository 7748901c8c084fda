"""A resident opens the program's public calendar on a 360 px phone, in Swedish and in
Arabic (right to left), and subscribes to its iCalendar feed. Screenshots go to
test-artifacts/.
"""

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from jamlik.activities.models import Activity
from jamlik.communication.models import PublicListing
from tests.browser.helpers import assert_no_sideways_scroll, shot

PHONE = {"width": 360, "height": 740}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server):
    failed: list[str] = []
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, locale="sv-SE"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("pageerror", lambda error: failed.append(str(error)))
    yield page
    context.close()
    assert [url for url in failed if not url.endswith("/favicon.ico")] == []


@pytest.fixture
def listed(world):
    day = timezone.localdate() + timedelta(days=2)
    activity = Activity.objects.create(
        program=world.program,
        key="open-circle",
        workshop=world.workshop_a,
        kind="health_circle",
        date=day,
        start_time=time(17, 30),
        duration_minutes=90,
        title="Intern titel",
        status=Activity.Status.PLANNED,
    )
    PublicListing.objects.create(
        activity=activity,
        published=True,
        title_sv="Öppen hälsocirkel om sömn",
        title_en="Open health circle on sleep",
        title_ar="حلقة صحية مفتوحة عن النوم",
        description_sv="Alla är välkomna. Det bjuds på kaffe och te.",
        description_ar="الجميع مرحب بهم. نقدم القهوة والشاي.",
        place="Mötesplatsen, Lindängsvägen",
        audience="women",
    )
    return world


def test_a_resident_reads_the_calendar_in_swedish_and_arabic_and_subscribes(
    page, live_server, listed
):
    page.goto(live_server.url + "/c/test/")
    page.wait_for_url(re.compile(r"/c/test/sv/$"))
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.get_by_role("heading", name="Öppen hälsocirkel om sömn").wait_for()
    page.get_by_text("Kvinnor").wait_for()
    shot(page, "public-calendar-01-sv-360")
    assert_no_sideways_scroll(page)

    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(re.compile(r"/c/test/ar/$"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    heading = page.get_by_role("heading", name="حلقة صحية مفتوحة عن النوم")
    heading.wait_for()
    page.get_by_text("النساء").wait_for()
    # Right to left: the activity's title sits at the right edge of its card.
    box = heading.bounding_box()
    assert box["x"] + box["width"] > PHONE["width"] - 40
    shot(page, "public-calendar-02-ar-360")
    assert_no_sideways_scroll(page)

    feed = page.get_by_role("link", name="اشترك").get_attribute("href")
    response = page.request.get(feed)
    assert response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["حلقة صحية مفتوحة عن النوم"]
    assert events[0].decoded("dtstart").time() == time(17, 30)
    assert str(events[0]["location"]) == "Mötesplatsen, Lindängsvägen"
