"""A funder officer opens the city dashboard on a phone (360 px) and a desktop (1280 px):
programs side by side, sorted by a figure, the chart, then one program's page."""

import re
from datetime import date

import pytest

from conftest import PASSWORD
from jamlik.organisations.tests.conftest import add_record, city  # noqa: F401 (fixture)
from tests.browser.helpers import assert_no_sideways_scroll, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_funder_officer_compares_the_programs(browser, live_server, world, city, width):  # noqa: F811
    add_record(city.second, people=12, activities=9, start=date(2024, 2, 5))
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "funder")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"/o/city/$"))

    page.goto(f"{live_server.url}/o/city/?period=2024H1")
    table = page.get_by_test_id("city-table")
    assert "Programmen sida vid sida, 2024H1" in page.locator("h1").inner_text()
    rows = table.locator("tbody tr")
    assert rows.count() == 2
    assert_no_sideways_scroll(page)
    page.wait_for_function("document.querySelector('img.city-chart').naturalWidth > 0")
    shot(page, f"city-dashboard-{width}")

    # Sorted by visits, most first: the second program (108 visits) leads.
    table.get_by_role("link", name="Besök (registrerade)").click()
    table.get_by_role("link", name="Besök (registrerade)").click()
    page.wait_for_url(re.compile(r"sort=-visits"))
    first = page.get_by_test_id("city-table").locator("tbody tr").first
    assert "Andra programmet" in first.inner_text()
    assert "108" in first.inner_text()

    first.get_by_role("link", name="Andra programmet").click()
    page.wait_for_url(re.compile(r"/o/city/programs/second/"))
    assert "Publicerade siffror, 2024H1" in page.content()
    assert_no_sideways_scroll(page)
    shot(page, f"city-program-{width}")
    context.close()
