"""A needs inventory live: statements captured on a tablet, then a dot-vote on two phones.

The facilitator captures statements (one while the connection is down), opens a vote and
shows its QR code; two phones, one in Arabic, vote anonymously; the facilitator's tally
updates by itself and shows both. Screenshots go to test-artifacts/.
"""

import re
from datetime import date

import pytest

from conftest import PASSWORD
from jamlik.needs.models import Ballot, NeedsInventory, NeedStatement, Theme
from tests.browser.helpers import assert_no_sideways_scroll as assert_fits
from tests.browser.helpers import shot

TABLET = {"width": 820, "height": 1180}
PHONE = {"width": 360, "height": 740}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_device(browser, live_server, settings):
    """Opens a page in a fresh browser context (its own cookies: one device each) and
    fails on any unexpected error response or script error."""
    contexts, failed = [], []

    def _open(viewport, *, mobile: bool, language: str = "en"):
        context = browser.new_context(
            viewport=viewport, device_scale_factor=2 if mobile else 1, is_mobile=mobile
        )
        contexts.append(context)
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on(
            "response",
            lambda r: (
                failed.append(f"{r.status} {r.url}")
                if r.status >= 400 and r.status not in page.expected_statuses
                else None
            ),
        )
        page.on("pageerror", lambda error: failed.append(str(error)))
        page.expected_statuses = set()
        return page

    yield _open
    for context in contexts:
        context.close()
    assert [f for f in failed if not f.endswith("/favicon.ico")] == []


@pytest.fixture
def inventory(world):
    Theme.objects.create(program=world.program, name="Trygghet")
    inventory = NeedsInventory.objects.create(
        program=world.program,
        key="fw",
        title="Framtidsverkstad",
        kind=NeedsInventory.Kind.EXPLORATORY,
        method=NeedsInventory.Method.FUTURE_WORKSHOP,
        date=date(2025, 3, 1),
    )
    NeedStatement.objects.create(
        inventory=inventory,
        text="نحتاج إلى أماكن آمنة للقاء في المساء",
        language="ar",
        text_sv="Vi behöver trygga mötesplatser på kvällen",
        phase="critique",
    )
    return inventory


def log_in(page, live_server, next_path: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.fill("#id_username", "leader")
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def capture(page, text: str) -> None:
    page.fill("#id_text", text)
    page.get_by_role("button", name="Save statement").click()


def test_statements_are_captured_and_two_phones_vote(open_device, live_server, inventory):
    tablet = open_device(TABLET, mobile=False)
    log_in(tablet, live_server, "/p/test/needs/inventories/fw/capture/")

    # A statement in a few seconds: the text is cleared, the list grows.
    tablet.locator("#capture-form label", has_text="Vision").click()
    capture(tablet, "Ungdomarna behöver en egen lokal")
    tablet.locator("#latest").get_by_text("Ungdomarna behöver en egen lokal").wait_for()
    tablet.wait_for_function("document.querySelector('#id_text').value === ''")
    assert tablet.locator("#statement-count").inner_text() == "2"

    # The connection drops: the text stays, with a way to try again.
    tablet.context.set_offline(True)
    capture(tablet, "Mer belysning vid busshållplatsen")
    tablet.locator("[data-state=failed]").wait_for()
    assert tablet.input_value("#id_text") == "Mer belysning vid busshållplatsen"
    shot(tablet, "needs-01-capture-offline-tablet", full_page=False)
    tablet.context.set_offline(False)
    tablet.locator("[data-state=failed]").get_by_role("button", name="Try again").click()
    tablet.locator("#latest").get_by_text("Mer belysning vid busshållplatsen").wait_for()
    tablet.wait_for_function("document.querySelector('#id_text').value === ''")

    # An empty statement is answered, and nothing is saved.
    capture(tablet, "   ")
    tablet.get_by_text("Write the statement before saving it.").wait_for()
    assert NeedStatement.objects.filter(inventory=inventory).count() == 3
    tablet.fill("#id_text", "Läxhjälp på arabiska")
    tablet.locator("#capture-form label", has_text="Trygghet").click()
    tablet.locator("details.determinants summary").click()
    tablet.locator("#capture-form label.chip", has_text="Education").click()
    shot(tablet, "needs-02-capture-tablet")
    assert_fits(tablet)
    tablet.get_by_role("button", name="Save statement").click()
    tablet.locator("#latest").get_by_text("Läxhjälp på arabiska").wait_for()
    assert NeedStatement.objects.get(text="Läxhjälp på arabiska").determinants == ["education"]

    # The facilitator opens a vote with 3 dots and shows the QR code.
    tablet.goto(f"{live_server.url}/p/test/needs/inventories/fw/")
    tablet.locator("summary", has_text="New dot-vote").click()
    tablet.fill("#id_dots", "3")
    tablet.get_by_role("button", name="Create the vote").click()
    tablet.get_by_role("button", name="Open the vote").click()
    tablet.locator(".qr svg").wait_for()
    public_url = tablet.locator(".vote-url a").inner_text()
    assert "/needs/v/" in public_url

    # Phone 1 votes in Arabic, right to left.
    phone_1 = open_device(PHONE, mobile=True, language="sv")
    phone_1.goto(public_url + "?lang=ar")
    assert phone_1.locator("html").get_attribute("dir") == "rtl"
    assert phone_1.locator("html").get_attribute("lang") == "ar"
    phone_1.get_by_text("Vi behöver trygga mötesplatser på kvällen").wait_for()
    plus = phone_1.locator(".ballot-item button[data-step='1']")
    plus.nth(0).click()
    plus.nth(0).click()
    plus.nth(3).click()
    assert phone_1.locator("#dots-left").inner_text() == "0"
    assert plus.nth(1).is_disabled()  # no dots left to place
    shot(phone_1, "needs-03-ballot-ar-360")
    assert_fits(phone_1)
    phone_1.get_by_role("button", name="أرسل نقاطي").click()
    phone_1.get_by_text("شكرًا لك!").wait_for()
    shot(phone_1, "needs-04-ballot-ar-done-360")

    # The same phone cannot vote again, not even by posting the form once more.
    phone_1.goto(public_url + "?lang=en")
    phone_1.get_by_text("Your dots are counted").wait_for()
    assert phone_1.locator("form.ballot-form").count() == 0
    phone_1.expected_statuses.add(409)
    csrf = next(c["value"] for c in phone_1.context.cookies() if c["name"] == "csrftoken")
    statement = NeedStatement.objects.filter(inventory=inventory).order_by("pk").first()
    again = phone_1.context.request.post(
        public_url,
        form={"csrfmiddlewaretoken": csrf, f"dots-{statement.pk}": "1", "lang": "en"},
        headers={"Referer": public_url},
    )
    assert again.status == 409 and "already voted" in again.text()

    # Phone 2 over-votes first: refused with a clear message, nothing saved.
    phone_2 = open_device(PHONE, mobile=True)
    phone_2.expected_statuses.add(400)
    phone_2.goto(public_url)
    first_input = phone_2.locator(".ballot-item input[type=number]").first
    first_input.fill("5")
    assert "over" in phone_2.locator(".ballot-left").get_attribute("class")
    phone_2.get_by_role("button", name="Send my dots").click()
    phone_2.get_by_text("You may place 3 dots but placed 5").wait_for()
    assert Ballot.objects.count() == 1
    assert_fits(phone_2)
    phone_2.locator(".ballot-item input[type=number]").first.fill("1")
    phone_2.get_by_role("button", name="Send my dots").click()
    phone_2.get_by_text("Your dots are counted").wait_for()

    # The facilitator's tally has updated by itself and shows both phones.
    tablet.wait_for_function(
        "document.querySelector('[data-testid=phones]').textContent.trim() === '2'"
    )
    assert tablet.locator("[data-testid=dots]").inner_text() == "4"
    shot(tablet, "needs-05-tally-tablet")
    tablet.set_viewport_size({"width": 1280, "height": 800})
    shot(tablet, "needs-06-tally-1280", full_page=False)


def test_the_needs_pages_fit_a_phone(open_device, live_server, inventory, world):
    from jamlik.needs.models import DotVote, Need

    need = Need.objects.create(
        program=world.program, key="trygghet", title="Trygg utemiljö", priority=1
    )
    need.inventories.add(inventory)
    world.workshop_a.needs.add(need)
    vote = DotVote.objects.create(inventory=inventory, title="Viktigast?")
    page = open_device(PHONE, mobile=True)
    log_in(page, live_server, "/p/test/needs/")
    for path, name in (
        ("/p/test/needs/", "needs-07-index-360"),
        ("/p/test/needs/inventories/fw/", "needs-08-inventory-360"),
        ("/p/test/needs/inventories/fw/capture/", "needs-09-capture-360"),
        ("/p/test/needs/matrix/", None),
        ("/p/test/needs/unmet/", None),
        ("/p/test/needs/n/trygghet/", None),
        (f"/p/test/needs/votes/{vote.public_id}/", None),
        ("/p/test/needs/workshops/b/", None),
        ("/p/test/needs/inventories/new/", None),
        ("/p/test/needs/data/", None),
    ):
        page.goto(live_server.url + path)
        assert_fits(page)
        if name:
            shot(page, name)
