"""On a 360 px phone: a health promoter opens their own competence plan; the program
leader allocates funded FTE to a promoter and is refused, with the numbers, over the cap."""

import re
from datetime import date

import pytest

from conftest import PASSWORD
from jamlik.finance.models import FteAllocation
from jamlik.people.models import CompetencePlan, HealthPromoter
from jamlik.people.tests.helpers import salaries_line
from tests.browser.helpers import assert_no_sideways_scroll, shot

PHONE = {"width": 360, "height": 740}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_phone(browser, live_server):
    contexts, failed = [], []

    def _open(username: str):
        context = browser.new_context(viewport=PHONE, is_mobile=True, locale="sv-SE")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.press("#id_password", "Enter")
        page.wait_for_url(re.compile(r"/p/test/|/$"))
        return page

    yield _open
    for context in contexts:
        context.close()
    assert [url for url in failed if not url.endswith("/favicon.ico")] == []


def test_a_promoter_opens_their_competence_plan(open_phone, live_server, world):
    promoter = HealthPromoter.objects.get(user=world.promoter_a)
    CompetencePlan.objects.create(
        promoter=promoter, goals="Leda hälsocirklar på egen hand", follow_up_on=date(2099, 1, 1)
    )
    page = open_phone("promoter_a")
    page.goto(f"{live_server.url}/p/test/people/plans/")
    page.wait_for_url(re.compile(rf"/p/test/people/promoters/{promoter.pk}/$"))
    assert page.locator("h1").inner_text() == "Promoter a"
    assert "Leda hälsocirklar på egen hand" in page.locator("#plan + dl").inner_text()
    assert page.locator("form[action$='/fte/']").count() == 0  # the leader's, not theirs
    assert_no_sideways_scroll(page)
    shot(page, "people-01-own-plan-360")


def test_the_leader_is_refused_fte_over_the_cap(open_phone, live_server, world):
    line = salaries_line(world.program, fte_cap=100)
    promoter_a = HealthPromoter.objects.get(user=world.promoter_a)
    promoter_b = HealthPromoter.objects.get(user=world.promoter_b)
    FteAllocation.objects.create(line=line, promoter=promoter_a, percent=80, start=date(2024, 1, 1))
    page = open_phone("leader")
    page.goto(f"{live_server.url}/p/test/people/promoters/{promoter_b.pk}/")
    form = page.locator("form[action$='/fte/']")
    form.locator("select[name=line]").select_option(str(line.pk))
    form.locator("input[name=percent]").fill("50")
    form.locator("input[name=start]").fill("2024-02-01")
    assert_no_sideways_scroll(page)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#fte$"))
    message = page.locator(".message-error, .message.error, [role=alert]").first
    text = message.inner_text().replace("\N{NO-BREAK SPACE}", " ")
    assert "2024-02-01" in text and "130,0 %" in text and "100,0 %" in text
    shot(page, "people-02-fte-refused-360")
    assert FteAllocation.objects.filter(promoter=promoter_b).count() == 0
