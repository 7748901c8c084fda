"""The hub on a phone: adds a goal with a computed indicator, sees its progress, and holds
the half-year evaluation from preparing it to approving it at a hub meeting.

Runs headless Debian Chromium through Playwright against the live test server.
Screenshots go to test-artifacts/.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import PASSWORD
from jamlik.activities.models import Activity, Attendance
from jamlik.goals.models import Goal, HalfYearEvaluation
from jamlik.goals.tests.conftest import bodies, roles  # noqa: F401 - the fixtures
from jamlik.lib.periods import Period
from jamlik.reports.figures import figures_changed
from tests.browser import helpers
from tests.browser.helpers import assert_no_sideways_scroll as assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name: str) -> None:
    helpers.shot(page, f"goals-{name}")


def test_the_hub_adds_a_goal_sees_its_progress_and_holds_the_evaluation(
    open_page,
    live_server,
    world,
    roles,  # noqa: F811
    bodies,  # noqa: F811
):
    today = timezone.localdate()
    held = Activity.objects.create(
        program=world.program, key="now-1", workshop=world.workshop_a, kind="health_circle",
        date=today - timedelta(days=1), title="Hälsocirkel", status="held",
    )  # fmt: skip
    Attendance.objects.create(activity=held, participant=world.participant_a)
    figures_changed(program=world.program)
    finished = Period.half_year_of(today).previous().label
    base = f"{live_server.url}/p/test"

    page = open_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "hub")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/**")

    # The dashboard says which finished half-year has no evaluation.
    page.goto(f"{base}/")
    page.locator("details.dash-warnings summary").click()
    assert page.get_by_text(f"The evaluation of {finished} is missing.").is_visible()

    # A goal, anchored by the steering group's decision.
    page.goto(f"{base}/goals/")
    shot(page, "01-index-360")
    page.get_by_role("link", name="New goal").click()
    page.fill("#id_text", "Fler boende deltar i verksamheten")
    page.select_option("#id_anchored_by", str(bodies["decision"].pk))
    shot(page, "02-goal-form-360")
    assert_fits(page)
    page.get_by_role("button", name="Save").click()
    goal = Goal.objects.get(text="Fler boende deltar i verksamheten")
    page.wait_for_url(f"{base}/goals/{goal.pk}/")

    # A computed indicator, chosen from the list.
    page.get_by_role("link", name="New indicator").click()
    page.fill("#id_name", "Genomförda aktiviteter")
    page.check("input[name=kind][value=computed]")
    page.select_option("#id_source", "figures.activities")
    page.fill("#id_baseline", "0")
    page.fill("#id_target", "10")
    shot(page, "03-indicator-form-360")
    assert_fits(page)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{base}/goals/{goal.pk}/")

    # Its progress: this half-year's value (the activity held yesterday) and the chart.
    current = Period.half_year_of(today).label
    table = page.locator("table.indicator-progress")
    header = table.locator("thead th").all_inner_texts()
    cells = table.locator("tbody td").all_inner_texts()
    assert cells[header.index(current)] == "1"
    assert page.locator("img.indicator-chart").is_visible()
    assert page.get_by_text("Better than the baseline").first.is_visible()
    shot(page, "04-progress-360")
    assert_fits(page)

    # The half-year evaluation: prepared, written, approved at a hub meeting.
    page.goto(f"{base}/goals/evaluations/")
    page.select_option("#id_period_label", finished)
    page.get_by_role("button", name="Prepare the evaluation").click()
    page.wait_for_url(f"{base}/goals/evaluations/{finished}/")
    assert page.get_by_role("heading", name="Figures against the half-year before").is_visible()
    shot(page, "05-prepared-360")
    assert_fits(page)
    page.get_by_role("link", name="Write the conclusions").click()
    page.fill("#id_works", "Hälsocirklarna samlar många.")
    page.fill("#id_does_not_work", "Lokalen är för liten.")
    page.fill("#id_changes", "Hyra en större lokal.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{base}/goals/evaluations/{finished}/")
    page.select_option("#id_meeting", str(bodies["hub_meeting"].pk))
    page.get_by_role("button", name="Approve the evaluation").click()
    page.wait_for_url(f"{base}/goals/evaluations/{finished}/")
    assert page.get_by_text("The evaluation was approved; the steering group sees it.").is_visible()
    shot(page, "06-approved-360")
    assert_fits(page)
    evaluation = HalfYearEvaluation.objects.get(program=world.program, period_label=finished)
    assert evaluation.is_approved and evaluation.works == "Hälsocirklarna samlar många."
