"""The hub keeps a stakeholder analysis on a phone: adds stakeholders in two categories,
sees the matrix, turns an action into a hub action item, records a policy issue whose
window opens, and prints a dialogue sheet.

Runs headless Debian Chromium through Playwright against the live test server.
Screenshots go to test-artifacts/.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from conftest import PASSWORD, make_user
from jamlik.governance.models import ActionItem, Body, Meeting
from jamlik.people.models import ProgramRole
from jamlik.strategy.models import PolicyIssue, StakeholderAnalysis
from tests.browser import helpers
from tests.browser.helpers import assert_no_sideways_scroll as assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hub_user(world):
    user = make_user("hubmember")
    ProgramRole.objects.create(user=user, program=world.program, role="hub")
    body = Body.objects.create(program=world.program, kind=Body.Kind.HUB, key="hub", name="Hub")
    Meeting.objects.create(body=body, key="m1", date=timezone.localdate() - timedelta(days=3))
    StakeholderAnalysis.objects.create(program=world.program, made_on=date(2024, 1, 10))
    return user


def test_the_hub_keeps_the_strategy_tools_on_a_phone(open_page, live_server, world, hub_user):
    page = open_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "hubmember")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/p/test/strategy/")
    page.get_by_role("link", name="2024-01-10").click()
    for name, influence, necessary, action in (
        ("Fritidsnämnden", "large", True, "Boka dialogmöte"),
        ("Grannskapsföreningen", "small", False, ""),
    ):
        page.locator("summary", has_text="Add a stakeholder").click()
        page.fill("#sh-name", name)
        page.select_option("#sh-influence", influence)
        if necessary:
            page.check("#sh-necessary")
        page.fill("#sh-action_what", action)
        page.locator("form[action$='/stakeholders/'] button[type=submit]").click()
        page.wait_for_load_state()
    rows = page.locator("#stakeholders + .table-wrap tbody")
    assert "Resource persons – are involved" in rows.inner_text()
    assert "Externals – are oriented" in rows.inner_text()
    matrix = page.locator(".stakeholder-matrix img")
    assert matrix.evaluate("img => img.naturalWidth") > 0
    assert_fits(page)
    helpers.shot(page, "strategy-analysis", full_page=False)

    page.get_by_role("button", name="Make a hub action item").click()
    page.wait_for_load_state()
    assert ActionItem.objects.get().text.startswith("Boka dialogmöte")

    page.goto(f"{live_server.url}/p/test/strategy/windows/")
    page.locator("summary", has_text="Add an issue").click()
    page.fill("#pi-title", "Open sports halls")
    for box in ("problem_present", "politics_present", "policy_present"):
        page.check(f"#pi-{box}")
    page.locator("form[action$='/issues/new/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "Open window: all three streams are present." in page.content()
    assert PolicyIssue.objects.get().is_open
    assert_fits(page)
    helpers.shot(page, "strategy-issue")
