"""The program leader works through the model's cycle on a phone: the timeline, a
checklist tick, and a step change by a steering-group decision.

Runs headless Debian Chromium through Playwright against the live test server.
Screenshots go to test-artifacts/.
"""

from datetime import date

import pytest
from django.utils import timezone

from conftest import PASSWORD
from jamlik.governance.tests.conftest import gov  # noqa: F401 - the fixture
from jamlik.programs.models import ChecklistTick, PhaseStep
from jamlik.programs.tests.cycle_helpers import decision
from tests.browser import helpers
from tests.browser.helpers import assert_no_sideways_scroll as assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name: str) -> None:
    helpers.shot(page, f"model-{name}")


def test_the_leader_ticks_an_item_and_moves_the_program_by_decision(open_page, live_server, gov):  # noqa: F811
    taken = decision(gov.steering, date(2024, 2, 1))
    page = open_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "leader")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/p/test/model/")
    assert page.get_by_role("heading", name="The model", exact=True).is_visible()
    steps = page.locator("ol.cycle-steps > li")
    assert steps.count() == 7
    shot(page, "01-timeline-360")
    assert_fits(page)

    # Tick the value norms in the direction step's checklist.
    page.locator("#step-direction summary").click()
    item = page.locator("#item-value_norms")
    item.get_by_label("Note").fill("Adopted by the hub")
    item.get_by_label("Link to the document").fill("https://example.org/values.pdf")
    item.get_by_role("button", name="Tick").click()
    page.wait_for_load_state()
    assert ChecklistTick.objects.get(item="value_norms").note == "Adopted by the hub"
    # Back at the ticked item: the browser opens the step that holds the link's target.
    assert page.locator("#step-direction details").evaluate("d => d.open")
    assert page.locator("#item-value_norms").get_by_text("Adopted by the hub").is_visible()
    shot(page, "02-ticked-360")

    # Move to the formation step by the steering group's decision.
    form = page.locator("form[action$='/model/step/']")
    form.get_by_label("New step").select_option("formation")
    form.get_by_label("Starts on").fill(timezone.localdate().isoformat())
    form.get_by_label("Decision").select_option(str(taken.pk))
    form.get_by_role("button", name="Move to this step").click()
    page.wait_for_load_state()
    step = PhaseStep.objects.get()
    assert (step.phase, step.decision_id) == ("formation", taken.pk)
    assert page.locator("#step-formation").get_by_text("now").is_visible()
    assert page.locator("table").get_by_text("Styrgruppen 2024-02-01 §1").is_visible()
    # The formation step's open items are shown as a warning.
    assert page.locator(".message-warning").is_visible()
    shot(page, "03-moved-360")
    assert_fits(page)
