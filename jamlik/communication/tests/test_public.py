"""The public calendar: no login, three languages, published listings only, and nothing
about participants anywhere on it (a crawl of every public page)."""

import re
from datetime import date, time, timedelta

import pytest
import time_machine
from django.core.cache import cache
from icalendar import Calendar

from jamlik.activities.models import Activity, IndividualSupport
from jamlik.communication.models import PublicListing

TODAY = date(2024, 3, 4)


@pytest.fixture(autouse=True)
def _today():
    cache.clear()
    with time_machine.travel(date(2024, 3, 4), tick=True):
        yield


def planned(world, key, day, workshop=None, **listing):
    activity = Activity.objects.create(
        program=world.program,
        key=key,
        workshop=workshop or world.workshop_a,
        kind="health_circle",
        date=day,
        start_time=time(17, 30),
        duration_minutes=90,
        title=f"Internt {key}",
        status=Activity.Status.PLANNED,
        premises="Lindängens mötesplats",
    )
    if listing:
        PublicListing.objects.create(activity=activity, **listing)
    return activity


@pytest.fixture
def listed(world):
    planned(
        world,
        "open-1",
        TODAY + timedelta(days=2),
        published=True,
        title_sv="Öppen hälsocirkel",
        title_en="Open health circle",
        title_ar="حلقة صحية مفتوحة",
        description_sv="Vi pratar om sömn.",
        place="Mötesplatsen",
        sign_up="required",
        sign_up_how="Hos receptionen",
    )
    planned(
        world,
        "open-2",
        TODAY + timedelta(days=3),
        workshop=world.workshop_b,
        published=True,
        title_sv="Promenad",
    )
    planned(world, "hidden", TODAY + timedelta(days=2), published=False, title_sv="Hemlig")
    planned(world, "no-listing", TODAY + timedelta(days=2))
    IndividualSupport.objects.create(
        program=world.program,
        workshop=world.workshop_a,
        participant=world.participant_a,
        date=TODAY - timedelta(days=1),
        kind="guidance",
    )
    return world


def test_it_shows_published_activities_in_swedish_without_login(client, listed):
    response = client.get("/c/test/sv/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'lang="sv" dir="ltr"' in page
    assert "Öppen hälsocirkel" in page
    assert "Mötesplatsen" in page
    assert "Hos receptionen" in page
    assert "Promenad" in page
    assert "Hemlig" not in page
    assert "Internt no-listing" not in page
    assert response["Cache-Control"] == "public, max-age=300"


def test_it_speaks_arabic_right_to_left_and_falls_back_to_the_written_language(client, listed):
    page = client.get("/c/test/ar/").content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert "حلقة صحية مفتوحة" in page
    # "Promenad" has only a Swedish title: shown, marked as Swedish.
    assert '<h3 lang="sv" dir="auto">Promenad</h3>' in page


def test_the_workshop_page_shows_only_its_workshop(client, listed):
    page = client.get("/c/test/en/w/b/").content.decode()
    assert "Promenad" in page
    assert "Open health circle" not in page


@pytest.mark.parametrize(
    "address", ["/c/nope/sv/", "/c/test/de/", "/c/test/sv/w/nope/", "/c/nope/sv/calendar.ics"]
)
def test_unknown_programs_workshops_and_languages_are_404(client, listed, address):
    assert client.get(address).status_code == 404


def test_a_change_is_shown_at_once_despite_the_cache(client, listed):
    assert "Hemlig" not in client.get("/c/test/sv/").content.decode()
    listing = PublicListing.objects.get(activity__key="hidden")
    listing.published = True
    listing.save()
    assert "Hemlig" in client.get("/c/test/sv/").content.decode()


def test_the_feed_is_icalendar_with_published_activities_only(client, listed):
    response = client.get("/c/test/en/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Open health circle", "Promenad"}
    event = events["Open health circle"]
    assert event.decoded("dtstart").hour == 17
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=90)
    assert str(event["location"]) == "Mötesplatsen"


def test_the_workshop_feed_has_its_workshop_only(client, listed):
    calendar = Calendar.from_ical(client.get("/c/test/sv/w/b/calendar.ics").content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Promenad"]


def test_the_embed_snippet_may_be_framed_and_has_no_script(client, listed, settings):
    settings.PUBLIC_EMBED_ANCESTORS = ["https://partner.example"]
    response = client.get("/c/test/sv/embed/")
    assert "X-Frame-Options" not in response
    assert "frame-ancestors https://partner.example" in response["Content-Security-Policy"]
    assert "<script" not in response.content.decode()
    assert "Öppen hälsocirkel" in response.content.decode()
    # Every other page still refuses framing.
    assert "frame-ancestors 'none'" in client.get("/c/test/sv/")["Content-Security-Policy"]


def test_past_and_held_activities_are_not_public(client, listed):
    Activity.objects.filter(key="open-1").update(date=TODAY - timedelta(days=1))
    Activity.objects.filter(key="open-2").update(status=Activity.Status.HELD)
    PublicListing.objects.filter(activity__key="hidden").update(title_en="touch")
    page = client.get("/c/test/sv/").content.decode()
    assert "Öppen hälsocirkel" not in page
    assert "Promenad" not in page


SECRETS = ("T-AAAA", "T-BBBB", "Internt", "internt", "Hemlig", "guidance", "Promoter a")


def _links(page: str) -> set[str]:
    return {h for h in re.findall(r'href="(/c/[^"]+)"', page)}


def test_a_crawl_of_the_public_pages_finds_no_participant_or_internal_text(client, listed):
    seen, todo = set(), ["/c/test/", "/c/test/sv/", "/c/test/sv/embed/"]
    while todo:
        address = todo.pop()
        if address in seen:
            continue
        seen.add(address)
        response = client.get(address, follow=True)
        assert response.status_code == 200, address
        text = response.content.decode()
        for secret in SECRETS:
            assert secret not in text, (address, secret)
        if "html" in response["Content-Type"]:
            todo.extend(_links(text) - seen)
            todo.extend(
                h.split("testserver", 1)[1]
                for h in re.findall(r'href="(http://testserver/c/[^"]+)"', text)
            )
    assert {"/c/test/ar/", "/c/test/en/", "/c/test/sv/calendar.ics", "/c/test/ar/w/b/"} <= seen


@pytest.mark.parametrize("address", ["/c/test/sv/", "/c/test/ar/calendar.ics", "/c/test/en/embed/"])
def test_public_pages_take_no_query_per_activity(client, world, address):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(n: int) -> int:
        for i in range(n):
            planned(world, f"q-{n}-{i}", TODAY + timedelta(days=1 + i % 5), title_sv=f"A{i}",
                    published=True)  # fmt: skip
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    assert queries(2) == queries(8)


def test_a_cached_page_takes_two_queries(client, listed, django_assert_num_queries):
    client.get("/c/test/sv/")
    with django_assert_num_queries(2):  # the program, and the listings' last change
        client.get("/c/test/sv/")


def test_descriptions_are_sanitised_and_links_safe(client, world):
    planned(
        world,
        "md",
        TODAY + timedelta(days=1),
        published=True,
        title_sv="Markdown",
        description_sv=(
            "**Välkommen** <script>alert(1)</script> [karta](https://example.org/karta) "
            "[fel](javascript:alert(2)) <img src=x onerror=alert(3)>"
        ),
    )
    page = client.get("/c/test/sv/").content.decode()
    assert "<strong>Välkommen</strong>" in page
    assert 'href="https://example.org/karta"' in page and "noopener" in page
    assert "<script>alert" not in page
    assert "javascript:" not in page
    assert "onerror" not in page


def test_the_workshop_is_linked_and_its_page_found_by_the_crawl(client, listed):
    page = client.get("/c/test/sv/").content.decode()
    assert 'href="/c/test/sv/w/a/"' in page


def test_the_place_comes_from_the_premises_register_unless_the_listing_says_it(client, world):
    from jamlik.premises.models import Premises

    hall = Premises.objects.create(
        program=world.program, name="Stora salen", address="Lindängsvägen 1"
    )
    registered = planned(
        world, "in-hall", TODAY + timedelta(days=2), published=True, title_sv="I salen"
    )
    registered.place = hall
    registered.save()
    planned(world, "own-words", TODAY + timedelta(days=3), published=True, title_sv="Ute",
            place="Vid lekplatsen")  # fmt: skip
    page = client.get("/c/test/sv/").content.decode()
    assert "Stora salen, Lindängsvägen 1" in page
    assert "Vid lekplatsen" in page
    feed = Calendar.from_ical(client.get("/c/test/sv/calendar.ics").content)
    places = {str(e.get("location")) for e in feed.walk("VEVENT")}
    assert places == {"Stora salen, Lindängsvägen 1", "Vid lekplatsen"}
