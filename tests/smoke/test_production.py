"""Against the production server: log in, styled dashboard, htmx, hashed static files, health.

Needs no database access of its own: the server was started by .ci/run (see conftest.py).
"""

import json
import os
import re
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

BASE = os.environ.get("JAMLIK_SMOKE_URL", "").rstrip("/")
USER = os.environ.get("JAMLIK_SMOKE_USER", "smoke")
PASSWORD = os.environ.get("JAMLIK_SMOKE_PASSWORD", "")
PROGRAM = os.environ.get("JAMLIK_SMOKE_PROGRAM", "smoke")


def fetch(path: str, **headers: str):
    request = urllib.request.Request(BASE + path, headers=headers)  # noqa: S310 - our server
    return urllib.request.urlopen(request, timeout=30)  # noqa: S310


def test_healthz_is_ok():
    with fetch("/healthz") as response:
        assert response.status == 200
        assert json.load(response) == {"status": "ok", "database": "ok", "media": "ok"}


@pytest.fixture
def page():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: the smoke test needs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.set_default_timeout(30_000)
        yield page
        browser.close()


def test_a_user_logs_in_and_gets_the_styled_dashboard_with_htmx(page):
    page.goto(f"{BASE}/p/{PROGRAM}/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", USER)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{BASE}/p/{PROGRAM}/")

    # The stylesheet arrived and applies: the top bar is a flex row with a coloured background.
    topbar = page.locator("header.topbar")
    assert topbar.evaluate("e => getComputedStyle(e).display") == "flex"
    background = topbar.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.evaluate("typeof window.htmx") == "object"

    stylesheet = page.locator("link[rel=stylesheet]").first.get_attribute("href")
    assert re.search(r"/app\.[0-9a-f]{12}\.css$", stylesheet), stylesheet


def test_hashed_static_files_are_compressed_and_cached_for_long(page):
    page.goto(f"{BASE}/accounts/login/")
    stylesheet = page.locator("link[rel=stylesheet]").first.get_attribute("href")
    with fetch(stylesheet, **{"Accept-Encoding": "gzip"}) as response:
        assert response.status == 200
        assert response.headers["Content-Encoding"] == "gzip"
        cache = response.headers["Cache-Control"]
        assert "immutable" in cache
        assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= 365 * 24 * 3600
