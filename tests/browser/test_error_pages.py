"""The error pages as a person meets them: Swedish, on a 360 px phone, with DEBUG off."""

import pytest

from conftest import PASSWORD
from tests.browser.helpers import assert_no_sideways_scroll, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACCENT = "rgb(11, 110, 79)"  # the top bar's colour in jamlik/static/jamlik/app.css


@pytest.fixture
def phone(browser, live_server, settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.error_urls"
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, locale="sv-SE"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def assert_styled(page) -> None:
    colour = page.evaluate("getComputedStyle(document.querySelector('.topbar')).backgroundColor")
    assert colour == ACCENT, "the stylesheet did not apply"
    assert_no_sideways_scroll(page)


def test_a_page_one_may_not_see_says_so_in_swedish(phone, live_server, world):
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.fill("#id_username", "promoter_a")
    phone.fill("#id_password", PASSWORD)
    phone.locator("main button[type=submit]").click()
    phone.wait_for_url(f"{live_server.url}/p/test/")

    response = phone.goto(f"{live_server.url}/p/test/participants/{world.participant_b.code}/")

    assert response.status == 404
    heading = phone.locator("h1").inner_text()
    assert heading == "Sidan finns inte, eller så har du inte behörighet till den"
    assert phone.get_by_role("link", name="Dina program").is_visible()
    assert phone.get_by_role("button", name="Logga ut").is_visible()
    assert_styled(phone)
    shot(phone, "error-404-360")


@pytest.mark.parametrize(
    ("status", "heading"),
    [
        (400, "Förfrågan kunde inte tolkas"),
        (403, "Det här får du inte göra"),
        (500, "Något gick fel hos oss"),
    ],
)
def test_the_other_errors_have_swedish_pages(phone, live_server, world, status, heading):
    response = phone.goto(f"{live_server.url}/fail/{status}/")
    assert response.status == status
    assert phone.locator("h1").inner_text() == heading
    assert_styled(phone)
    shot(phone, f"error-{status}-360")
