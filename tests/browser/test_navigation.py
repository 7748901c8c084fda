"""The program navigation on a 360 px phone: the main tabs and the "More" menu fit one row,
and the menu opens without JavaScript; with JavaScript, Escape closes it."""

import re

import pytest

from conftest import PASSWORD
from tests.browser.helpers import assert_no_sideways_scroll, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_phone(browser, live_server, *, javascript: bool):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        locale="sv-SE",
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "leader")
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/p/test/")
    return context, page


@pytest.mark.parametrize("javascript", [False, True])
def test_the_menu_holds_the_other_pages_on_a_phone(browser, live_server, world, javascript):
    context, page = open_phone(browser, live_server, javascript=javascript)
    tabs = page.locator("nav.tabs")
    tops = tabs.locator("> a, summary").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1, "the tabs and the menu do not fit one row"
    partners = page.get_by_role("link", name="Partner", exact=True)
    assert not partners.is_visible()

    tabs.locator("summary").click()
    assert partners.is_visible()
    assert_no_sideways_scroll(page)
    shot(page, f"nav-more-360{'-js' if javascript else ''}")
    if javascript:
        page.keyboard.press("Escape")
        assert not partners.is_visible()
        tabs.locator("summary").click()
    partners.click()
    page.wait_for_url(re.compile(r"/p/test/partners/$"))
    assert page.locator("nav.tabs summary.is-current").is_visible()
    context.close()
