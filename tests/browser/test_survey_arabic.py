"""A respondent fills in the WHO-5 in Arabic on a 360×740 phone, through the wave's link.

The Arabic WHO-5 text is marked `translation_status: unofficial` in its YAML and the form
says so. Screenshots go to test-artifacts/.
"""

import re
from datetime import date

import pytest

from jamlik.surveys import links
from jamlik.surveys.models import Response, Score, Wave
from tests.browser.helpers import shot

PHONE = {"width": 360, "height": 740}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server):
    failed: list[str] = []
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("pageerror", lambda error: failed.append(str(error)))
    yield page
    context.close()
    assert [url for url in failed if not url.endswith("/favicon.ico")] == []


def assert_fits_the_phone(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"
    small = page.evaluate(
        """() => [...document.querySelectorAll('main button, main label.answer, main a.button')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
            .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert small == [], f"controls under 44px on {page.url}: {small}"


def test_a_respondent_fills_in_the_who5_in_arabic(page, live_server, world):
    wave = Wave.objects.create(
        program=world.program,
        key="baseline",
        name="Baseline",
        instruments=["who5@1998"],
        opens_on=date(2024, 1, 1),
    )
    page.goto(live_server.url + links.link_path(wave=wave))
    shot(page, "survey-01-language-360")
    assert_fits_the_phone(page)
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(re.compile(r"\?lang=ar$"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    page.get_by_text("لم تتم مراجعة هذه الترجمة").wait_for()
    shot(page, "survey-02-consent-ar-360")
    assert_fits_the_phone(page)
    page.get_by_text("أوافق على استخدام إجاباتي").click()
    page.get_by_role("button", name="ابدأ").click()
    page.wait_for_url(re.compile(r"/surveys/r/[0-9a-f-]{36}/$"))
    fill_url = page.url

    # The page reads right to left: the first answer sits at the right edge.
    first = page.locator("label.answer").first.bounding_box()
    assert first["x"] + first["width"] > PHONE["width"] - 24
    radio = page.locator("label.answer input").first.bounding_box()
    assert radio["x"] > first["x"] + first["width"] / 2
    assert page.get_by_text("الأسئلة 1–5 من 5").is_visible()
    shot(page, "survey-03-who5-ar-360")
    shot(page, "survey-03b-who5-ar-screen-360", full_page=False)
    assert_fits_the_phone(page)

    # Three answers, then the form is left and reopened: it resumes with them.
    questions = page.locator("fieldset.question")
    for index, label in enumerate(["طوال الوقت", "معظم الوقت", "أكثر من نصف الوقت"]):
        questions.nth(index).locator("label.answer", has_text=label).click()
    page.get_by_role("button", name="احفظ وأكمل لاحقًا").click()
    page.wait_for_url(re.compile(r"\?page=1$"))
    page.goto("about:blank")
    page.goto(live_server.url + links.link_path(wave=wave))
    page.wait_for_url(fill_url)
    assert questions.nth(0).locator("input:checked").get_attribute("value") == "5"
    assert questions.nth(2).locator("input:checked").get_attribute("value") == "3"

    questions.nth(3).locator("label.answer", has_text="أقل من نصف الوقت").click()
    questions.nth(4).locator("label.answer", has_text="بعض الوقت").click()
    shot(page, "survey-04-who5-answered-ar-360")
    page.get_by_role("button", name="إرسال").click()
    page.wait_for_url(re.compile(r"/done/$"))
    page.get_by_text("شكرًا لك!").wait_for()
    shot(page, "survey-05-done-ar-360")

    response = Response.objects.get()
    assert (response.language, response.completed, response.participant) == ("ar", True, None)
    assert response.answers == {"who5@1998": {"q1": 5, "q2": 4, "q3": 3, "q4": 2, "q5": 1}}
    index = Score.objects.get(response=response, scale="index")
    assert (index.value, index.band) == (60, "not_poor")


def test_the_leader_reads_the_paired_change_on_a_phone(page, live_server, world):
    from conftest import PASSWORD
    from jamlik.activities.models import Category, Participant
    from jamlik.surveys.tests.conftest import answer

    baseline = Wave.objects.create(
        program=world.program,
        key="baseline",
        name="Baseline 2024",
        instruments=["who5@1998", "srh_who@1996"],
        opens_on=date(2024, 2, 1),
    )
    follow_up = Wave.objects.create(
        program=world.program,
        key="follow-up",
        name="Follow-up 2024",
        kind=Wave.Kind.FOLLOW_UP,
        baseline=baseline,
        instruments=["who5@1998", "srh_who@1996"],
        opens_on=date(2024, 9, 1),
    )
    for n in range(12):
        person = Participant.objects.create(
            program=world.program, code=f"T-P{n:03d}", category=Category.ADULT
        )
        answer(baseline, person, who5=(n % 5, 2, 2, 1, 3), srh=3)
        answer(follow_up, person, who5=(n % 5 + 1, 3, 2, 2, 3), srh=2 + n % 2)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/accounts/login/?next=/p/test/surveys/waves/follow-up/")
    page.fill("#id_username", "leader")
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/surveys/waves/follow-up/$"))
    page.get_by_role("heading", name="Change since the baseline (paired)").wait_for()
    page.locator("figure.chart img").first.scroll_into_view_if_needed()
    page.wait_for_function(
        "[...document.querySelectorAll('figure.chart img')].every(i => i.complete)"
    )
    shot(page, "survey-10-wave-results-360")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
