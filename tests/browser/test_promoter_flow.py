"""A health promoter on a 360×740 phone records an activity and its attendance.

Runs headless Debian Chromium through Playwright against the live test server, then checks
that the dashboard's figures changed. Screenshots go to test-artifacts/.
"""

import re

import pytest

from conftest import PASSWORD
from tests.browser.helpers import shot

PERIOD = "2025H2"
ACTIVITY_DATE = "2025-10-07"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_fits_the_phone(page) -> None:
    """No sideways scrolling, and every control in the page is at least 44 px tall."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"
    small = page.evaluate(
        """() => [...document.querySelectorAll(
              'main button, main select, main input:not([type=hidden]):not([type=radio])'
              + ':not([type=checkbox]), main .pills label, main .checks label')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
            .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert small == [], f"controls under 44px on {page.url}: {small}"


def kpi(page, label: str) -> int:
    tile = page.locator(".kpi").filter(has=page.get_by_text(label, exact=True))
    return int(tile.locator(".kpi-value").inner_text().strip())


def count_bar_total(page) -> str:
    return page.locator("#count-bar .count-total strong").inner_text()


def test_a_promoter_records_an_activity_on_a_phone(open_page, live_server, world):
    page = open_page(is_mobile=True)
    dashboard = f"{live_server.url}/p/test/?period={PERIOD}"

    page.goto(f"{live_server.url}/accounts/login/?next=/p/test/%3Fperiod%3D{PERIOD}")
    shot(page, "01-login-360")
    assert_fits_the_phone(page)
    page.fill("#id_username", "promoter_a")
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/p/test/\?period="))
    page.goto(dashboard)
    shot(page, "02-dashboard-before-360")
    activities_before = kpi(page, "Activities")
    participants_before = kpi(page, "Unique participants")

    page.goto(f"{live_server.url}/p/test/activities/")
    shot(page, "03-activity-list-360")
    assert_fits_the_phone(page)
    page.get_by_role("link", name="New activity").click()
    page.wait_for_url(re.compile(r"/activities/new/"))
    page.fill("#id_date", ACTIVITY_DATE)
    page.fill("#id_start_time", "17:30")
    page.fill("#id_duration_minutes", "90")
    page.select_option("#id_kind", "health_circle")
    page.fill("#id_title", "Hälsocirkel om sömn")
    page.fill("#id_premises", "Träffpunkten")
    page.fill("#id_languages", "sv, ar")
    assert page.get_by_label("Planned", exact=True).is_checked()  # held must be chosen
    page.get_by_label("Held", exact=True).check()
    shot(page, "04-new-activity-360")
    shot(page, "04b-new-activity-screen-360", full_page=False)
    assert_fits_the_phone(page)
    page.get_by_role("button", name="Save and take attendance").click()
    page.wait_for_url(re.compile(r"/activities/a-\d{8}-[a-z0-9]{4}/$"))
    attendance_url = page.url
    assert count_bar_total(page) == "0"

    # A registered participant, found by the end of the code and marked with one tap.
    page.fill("#q", "aaaa")
    result = page.locator("#search-results button.result", has_text="T-AAAA")
    shot(page, "05-search-360", full_page=False)
    result.click()
    page.locator("#present").get_by_text("T-AAAA").wait_for()
    # The search is emptied and focused for the next code.
    page.wait_for_function("document.querySelector('#q').value === ''")
    assert page.evaluate("document.activeElement.id") == "q"
    assert count_bar_total(page) == "1"
    shot(page, "06-marked-360", full_page=False)
    page.keyboard.type("aaaa")
    page.locator("#search-results button.result.is-present", has_text="T-AAAA").click()
    # T-AAAA was listed before this click too; the emptied search shows its answer arrived.
    page.wait_for_function("document.querySelector('#q').value === ''")
    page.locator("#present").get_by_text("T-AAAA").wait_for()
    assert count_bar_total(page) == "1"  # marking again changes nothing

    # A removal by mistake is undone with one tap.
    page.locator("#present").get_by_role("button", name="Remove T-AAAA from the present").click()
    undo = page.locator("#present form.undo")
    undo.wait_for()
    assert count_bar_total(page) == "0"
    undo.scroll_into_view_if_needed()
    shot(page, "06b-removed-undo-360", full_page=False)
    undo.get_by_role("button", name="Undo").click()
    undo.wait_for(state="detached")
    page.locator("#present li").get_by_text("T-AAAA").wait_for()
    assert count_bar_total(page) == "1"

    # A new participant in two taps.
    new = page.locator("#new-participant")
    new.locator("label", has_text="Adult").click()
    new.get_by_role("button", name="Register and mark present").click()
    code = new.locator(".added .code-big").inner_text()
    assert re.fullmatch(r"T-[2-9A-HJ-NP-Z]{6}", code)
    page.locator("#present").get_by_text(code).wait_for()
    assert count_bar_total(page) == "2"
    new.scroll_into_view_if_needed()
    shot(page, "07-new-participant-360", full_page=False)

    # Two adults who do not wish to register.
    stepper = page.locator("#headcounts form.stepper").filter(has_text="Adult").first
    plus = stepper.locator("button[data-step='1']")
    plus.click()
    plus.click()
    page.wait_for_function(
        "document.querySelector('#count-bar .count-total strong').textContent.trim() === '4'"
    )
    stepper.scroll_into_view_if_needed()
    shot(page, "08-headcounts-360", full_page=False)

    # A number out of range is refused beside the stepper, and the saved one comes back.
    stepper.locator("input[name=count]").fill("-3")
    error = page.locator("#headcounts .stepper-error")
    error.wait_for()
    assert "cannot be below 0" in error.inner_text()
    assert stepper.locator("input[name=count]").input_value() == "2"
    shot(page, "08b-headcount-refused-360", full_page=False)
    assert count_bar_total(page) == "4"
    assert_fits_the_phone(page)
    shot(page, "09-attendance-full-360")

    # A reload repeats nothing and shows what was saved.
    page.reload()
    assert count_bar_total(page) == "4"
    assert page.locator("#present li").count() == 2
    assert stepper.locator("input[name=count]").input_value() == "2"

    page.locator("#present").get_by_role("link", name="T-AAAA").click()
    page.wait_for_url(re.compile(r"/participants/T-AAAA/$"))
    shot(page, "10-participant-360")
    assert_fits_the_phone(page)

    page.goto(dashboard)
    shot(page, "11-dashboard-after-360")
    assert kpi(page, "Activities") == activities_before + 1
    assert kpi(page, "Unique participants") == participants_before + 2

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(attendance_url)
    shot(page, "12-attendance-1280")


def log_in(page, live_server, next_path: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.fill("#id_username", "promoter_a")
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}{next_path}")


def test_attendance_works_without_javascript(open_page, live_server, world):
    page = open_page(is_mobile=True, javascript=False)
    log_in(page, live_server, "/p/test/activities/a-1/")
    page.fill("#q", "T-BBBB")
    page.locator("#find").get_by_role("button", name="Search").click()
    page.locator("#search-results button.result", has_text="T-BBBB").click()
    page.locator("#present").get_by_text("T-BBBB").wait_for()
    assert count_bar_total(page) == "2"

    new = page.locator("#new-participant")
    new.locator("label", has_text="Child or young person").click()
    new.get_by_role("button", name="Register and mark present").click()
    code = new.locator(".added .code-big").inner_text()
    assert count_bar_total(page) == "3"

    stepper = page.locator("#headcounts form.stepper").filter(has_text="Professional").first
    stepper.locator("input[name=count]").fill("3")
    stepper.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"#headcounts$"))
    assert count_bar_total(page) == "6"
    shot(page, "20-no-javascript-360")
    page.reload()
    assert count_bar_total(page) == "6"
    assert page.locator("#present li").count() == 3
    assert code in page.locator("#present").inner_text()
