"""Errors are answered with the site's own pages, in the user's language, with DEBUG off."""

import pytest
from django.test import Client

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _failing_urls(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.error_urls"


def test_a_missing_or_forbidden_page_says_both_and_where_to_go(client, world):
    client.login(username="promoter_a", password=PASSWORD)
    for url in ("/p/nope/", f"/p/test/participants/{world.participant_b.code}/"):
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Sidan finns inte, eller så har du inte behörighet till den" in html
        assert 'class="topbar"' in html and 'href="/"' in html  # the site's top bar and home
        assert url not in html  # the address is not echoed back


def test_the_404_page_is_in_english_for_an_english_browser(client, world):
    response = client.get("/nope/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    html = response.content.decode()
    assert "The page does not exist, or you have no access to it" in html
    assert "/accounts/login/" in html  # an anonymous visitor is offered the login


@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/fail/400/", 400, "Förfrågan kunde inte tolkas"),
        ("/fail/403/", 403, "Det här får du inte göra"),
        ("/fail/500/", 500, "Något gick fel hos oss"),
    ],
)
def test_each_error_has_a_swedish_page(world, url, status, text):
    client = Client(raise_request_exception=False)
    client.login(username="leader", password=PASSWORD)
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert text in html
    assert "jamlik/app.css" in html


def test_a_form_without_its_csrf_token_gets_the_expired_form_page(world):
    client = Client(enforce_csrf_checks=True)
    client.login(username="leader", password=PASSWORD)
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formuläret har gått ut" in html
    assert 'class="topbar"' in html


def test_the_500_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    from django.template import loader
    from django.utils import translation

    with translation.override("sv"), django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "Något gick fel hos oss" in html
