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
