"""Shared set-up of the browser tests: Debian's Chromium driven by Playwright.

Locally a missing /usr/bin/chromium skips these tests; in CI (the CI variable set) it
fails them, so that they never silently stop running there.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls of the
# fixtures are still synchronous and safe there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        # Playwright's wait_for_function evaluates strings, which the Content Security
        # Policy forbids; contexts bypass it unless a test asks (test_security.py does).
        new_context = browser.new_context
        browser.new_context = lambda **options: new_context(**{"bypass_csp": True, **options})
        yield browser
        browser.close()
        # ORM calls made while Playwright's event loop runs open connections that the
        # test-database teardown cannot see; close them here, in the same context.
        from django.db import connections

        connections.close_all()


PHONE = {"width": 360, "height": 740}


@pytest.fixture
def open_page(browser, live_server):
    """Opens a page (a phone by default); fails the test on any broken request or script error.

    English labels by default keep the selectors independent of the Swedish catalogue;
    language=None leaves the choice to the browser's locale.
    """
    contexts, failed = [], []

    def _open(
        viewport=PHONE,
        *,
        language: str | None = "en",
        locale: str | None = None,
        is_mobile: bool = False,
        javascript: bool = True,
    ):
        options = {"viewport": viewport, "device_scale_factor": 2 if viewport == PHONE else 1}
        if is_mobile:
            options["is_mobile"] = True
        if not javascript:
            options["java_script_enabled"] = False
        if locale:
            options["locale"] = locale
        context = browser.new_context(**options)
        contexts.append(context)
        if language:
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
        page = context.new_page()
        page.set_default_timeout(30_000)  # a busy CI machine
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.on("pageerror", lambda error: failed.append(str(error)))
        return page

    yield _open
    for context in contexts:
        context.close()
    assert [url for url in failed if not url.endswith("/favicon.ico")] == []
