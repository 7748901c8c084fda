"""The registers added for the model's later steps read on a phone (360 px, Swedish): every
column of the premises, volunteer and competence-plan registers, of the decision calendar
and of a program's page for the funder shows without a sideways scroll, and every field
of the volunteer page has its label.

Runs headless Debian Chromium through Playwright against the live test server.
Screenshots go to test-artifacts/.
"""

from datetime import date

import pytest

from conftest import PASSWORD
from jamlik.activities.models import Category
from jamlik.organisations.tests.conftest import city  # noqa: F401 - the fixture
from jamlik.people.access import get_program_access
from jamlik.people.models import CompetencePlan, HealthPromoter
from jamlik.premises.services import save_premises
from jamlik.strategy.services import add_decision_point
from jamlik.volunteers import services as volunteers
from tests.browser import helpers
from tests.browser.helpers import assert_no_hidden_columns
from tests.browser.helpers import assert_no_sideways_scroll as assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def test_the_leader_reads_the_registers_on_a_phone(open_page, live_server, world):
    access = get_program_access(world.leader, "test")
    save_premises(
        access=access,
        name="Kvarterslokalen vid torget, stora salen",
        address="Exempelgatan 12",
        capacity=40,
        accessibility="Entré utan trappsteg; hörslinga; ledstråk",
        signage_languages="sv, ar, so, en",
        opening_times="Mån–fre 9–20, lör 10–14",
    )
    coach = volunteers.add_volunteer(
        access=access,
        kind="coach",
        category=Category.ADULT,
        workshop=world.workshop_a,
        training="Diabetescoach, grundkurs",
        trained_on=date(2024, 2, 1),
    )
    volunteers.set_ambassador(
        access=access, volunteer=coach, start=date(2024, 3, 1), end=date(2024, 12, 31)
    )
    CompetencePlan.objects.create(
        promoter=HealthPromoter.objects.get(user=world.promoter_a),
        goals="Leda hälsocirklar på egen hand",
        follow_up_on=date(2099, 11, 27),
    )
    add_decision_point(
        access=access,
        date=date(2099, 1, 14),
        title="Folkhälsoberedningens sammanträde om lokalförsörjningen",
        kind="board",
        level="municipality",
    )
    page = open_page(language=None, locale="sv-SE")
    log_in(page, live_server, "leader")

    page.goto(f"{live_server.url}/p/test/premises/")
    assert page.get_by_text("Kvarterslokalen vid torget, stora salen").is_visible()
    assert page.get_by_text("Mån–fre 9–20, lör 10–14").is_visible()
    assert_fits(page)
    assert_no_hidden_columns(page)
    helpers.shot(page, "registers-premises")

    page.goto(f"{live_server.url}/p/test/volunteers/")
    assert page.get_by_role("cell", name=coach.code).is_visible()
    assert page.get_by_text("2024-12-31").is_visible()
    assert_fits(page)
    assert_no_hidden_columns(page)
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('main select, main input:not([type=hidden])')]
            .filter(e => e.labels.length === 0).map(e => e.name)"""
    )
    assert unlabelled == []
    helpers.shot(page, "registers-volunteers")

    for path, text in (
        ("people/plans/", "2099-11-27"),
        ("strategy/windows/", "Folkhälsoberedningens sammanträde om lokalförsörjningen"),
    ):
        page.goto(f"{live_server.url}/p/test/{path}")
        assert page.locator("main table").get_by_text(text).is_visible()
        assert_fits(page)
        assert_no_hidden_columns(page)
    helpers.shot(page, "registers-decision-calendar")


def test_the_funder_officer_reads_a_programs_figures_on_a_phone(
    open_page,
    live_server,
    world,
    city,  # noqa: F811
):
    page = open_page(language=None, locale="sv-SE")
    log_in(page, live_server, "funder")
    page.goto(f"{live_server.url}/o/city/programs/test/?period=2024H1")
    assert page.locator("tbody th", has_text="Aktiviteter").is_visible()
    assert_fits(page)
    assert_no_hidden_columns(page)
    helpers.shot(page, "registers-city-program")
