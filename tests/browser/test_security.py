"""Login security in the browser: no Content Security Policy violation on the main pages
of each role, a TOTP login, and the lockout page after repeated failures.

Runs headless Debian Chromium through Playwright against the live test server.
"""

import re
from base64 import b32decode

import pytest

from conftest import PASSWORD
from tests.browser.helpers import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOWNLOADS = re.compile(r"\.(csv|xlsx|pdf|zip|ics|svg|docx|json)(\?|$)|/logout|/api/|/admin/")
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push([e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber].join(" "));
});
"""


class Watched:
    """A page whose CSP violations (console and securitypolicyviolation events) are kept."""

    def __init__(self, browser, base_url: str):
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": 360, "height": 740}, bypass_csp=False)
        self.context.add_cookies([{"name": "django_language", "value": "en", "url": base_url}])
        self.context.add_init_script(LISTEN)
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.violations: list[str] = []
        self.page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(f"{self.page.url}: {message.text}")

    def collect(self) -> None:
        events = self.page.evaluate("window.__csp || []")
        self.violations += [f"{self.page.url}: {event}" for event in events]

    def visit(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("load")
        self.collect()

    def log_in(self, username: str, password: str = PASSWORD) -> None:
        self.visit("/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.locator("main").get_by_role("button", name="Log in").click()
        self.page.wait_for_load_state("load")
        self.collect()

    def links(self, selector: str) -> list[str]:
        hrefs = self.page.eval_on_selector_all(
            selector, "els => els.map(e => e.getAttribute('href'))"
        )
        return [h for h in hrefs if h and h.startswith("/") and not DOWNLOADS.search(h)]


@pytest.fixture
def demo(db):
    from jamlik.programs.demo import DEMO_SEED, DEMO_SLUG, ensure_demo_users, seed_program

    program = seed_program(slug=DEMO_SLUG, seed=DEMO_SEED, replace=True).program
    ensure_demo_users(program=program)
    from django.contrib.auth.models import User

    for user in User.objects.all():
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return program


def deeper_pages(program) -> list[str]:
    """Pages with htmx, bars and charts that the tabs' own links may not reach."""
    from django.urls import reverse

    from jamlik.needs.models import DotVote, NeedsInventory

    inventory = NeedsInventory.objects.filter(program=program).first()
    vote = DotVote.objects.filter(inventory__program=program).first()
    wave = program.waves.first()
    pages = [
        reverse("finance:workshops", args=[program.slug]),
        reverse("governance:power_shift", args=[program.slug]),
    ]
    if inventory:
        pages.append(reverse("needs:capture", args=[program.slug, inventory.key]))
    if vote:
        pages.append(reverse("needs:vote", args=[program.slug, vote.public_id]))
    if wave:
        pages.append(reverse("surveys:wave", args=[program.slug, wave.key]))
    return pages


def test_the_main_pages_break_no_content_security_policy(browser, live_server, demo):
    visited = 0
    for username, depth in (("ledare", 2), ("framjare", 2), ("lasare", 1), ("forskare", 1)):
        watched = Watched(browser, live_server.url)
        watched.log_in(username)
        dashboard = f"/p/{demo.slug}/"
        watched.visit(dashboard)
        pages = [dashboard, *watched.links("nav.tabs a"), "/accounts/security/"]
        if username == "ledare":
            pages += deeper_pages(demo)
        seen = set()
        for path in pages:
            if path in seen:
                continue
            seen.add(path)
            watched.visit(path)
            visited += 1
            if depth > 1:
                for link in watched.links("main a")[:6]:
                    if link not in seen:
                        seen.add(link)
                        watched.visit(link)
                        visited += 1
        if username == "framjare":
            # An htmx search on an attendance page swaps content in under the policy.
            from jamlik.activities.models import Activity

            activity = Activity.objects.filter(
                workshop__health_promoters__user__username=username
            ).first()
            watched.visit(f"/p/{demo.slug}/activities/{activity.key}/")
            watched.page.fill("#q", "X")
            watched.page.wait_for_timeout(800)
            watched.collect()
        watched.visit("/accounts/security/two-factor/setup/")
        assert watched.page.locator(".qr svg").is_visible()
        assert watched.violations == [], "\n".join(watched.violations)
        watched.context.close()
    assert visited > 40


def test_the_admin_pages_break_no_content_security_policy(browser, live_server, world):
    from django.contrib.auth.models import User

    User.objects.create_superuser("root", password=PASSWORD)
    watched = Watched(browser, live_server.url)
    watched.log_in("root")
    for path in (
        "/admin/",
        "/admin/axes/accessattempt/",
        "/admin/auth/user/",
        "/admin/auth/user/add/",
    ):
        watched.visit(path)
    assert watched.violations == [], "\n".join(watched.violations)


def totp_now(secret_b32: str) -> str:
    from django_otp.oath import totp

    return f"{totp(b32decode(secret_b32)):06d}"


def test_a_leader_sets_up_and_logs_in_with_totp(browser, live_server, world, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["leader", "researcher", "admin"]
    watched = Watched(browser, live_server.url)
    page = watched.page
    watched.log_in("leader")
    page.wait_for_url(re.compile(r"/two-factor/setup/"))
    assert page.locator(".qr svg").is_visible()
    shot(page, "two-factor-setup")
    secret = page.locator("#secret").inner_text().replace(" ", "")
    page.fill("#id_token", totp_now(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    assert page.locator(".recovery-codes li").count() == 10
    page.get_by_role("link", name="I have saved them").click()
    page.wait_for_url(re.compile(r"/p/test/$"))
    watched.collect()
    assert watched.violations == []


def test_a_researcher_gives_an_authenticator_code_after_the_password(
    browser, live_server, world, settings
):
    from django.contrib.auth.models import User
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from jamlik.people.models import ProgramRole

    settings.TWO_FACTOR_REQUIRED_ROLES = ["leader", "researcher", "admin"]
    researcher = User.objects.create_user("res", password=PASSWORD)
    ProgramRole.objects.create(user=researcher, program=world.program, role="researcher")
    device = TOTPDevice.objects.create(user=researcher, name="phone", confirmed=True)
    watched = Watched(browser, live_server.url)
    page = watched.page
    watched.visit("/accounts/login/?next=/p/test/")
    page.fill("#id_username", "res")
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/two-factor/verify/"))
    page.fill("#id_token", "000000")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("That code did not match.").is_visible()
    page.wait_for_timeout(1100)  # django-otp delays the next try after a wrong code
    from django_otp.oath import totp

    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/p/test/$"))
    watched.collect()
    assert watched.violations == []


def test_repeated_failures_show_the_lockout_page(browser, live_server, world, settings):
    settings.AXES_ENABLED = True
    watched = Watched(browser, live_server.url)
    page = watched.page
    for _ in range(5):
        watched.log_in("leader", password="wrong")
        assert page.get_by_role("alert").is_visible(), page.locator("main").inner_text()
    watched.log_in("leader")
    assert page.get_by_role("heading", name="Login locked").is_visible()
    assert page.get_by_text("Try again in 15 minutes").is_visible()
    shot(page, "login-locked")
    assert watched.violations == []
