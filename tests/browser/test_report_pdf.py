"""The program leader starts a report, writes a line of text and downloads the PDF.

Runs headless Debian Chromium through Playwright against the live test server, then
reads the downloaded PDF: its figures checksum is the one of the draft's figures.
"""

import re
import shutil
import subprocess

import pytest

from conftest import PASSWORD
from tests.browser.helpers import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_leader_downloads_the_report_as_pdf(browser, live_server, world, settings, tmp_path):
    from jamlik.lib.periods import Period
    from jamlik.reports.collect import collect_report_data, figures_sha256

    settings.MEDIA_ROOT = tmp_path / "media"
    context = browser.new_context(accept_downloads=True)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(30_000)

    page.goto(f"{live_server.url}/accounts/login/?next=/p/test/reports/")
    page.fill("#id_username", "leader")
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/p/test/reports/$"))

    page.fill("#start-report input[name=period]", "2024H1")
    page.select_option("#start-report select[name=audience]", "external")
    page.locator("main").get_by_role("button", name="Start the draft").click()
    page.wait_for_url(re.compile(r"/reports/drafts/\d+/$"))

    page.click("#section-summary summary")
    page.fill("#narrative-summary", "The half-year in **one** sentence.")
    page.click("#section-summary button[type=submit]")
    page.wait_for_selector("#section-summary .narrative strong")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "report-draft.png", full_page=True)
    # The file is made by a task (inline in tests); htmx shows the link when it is ready.
    page.locator(".report-actions").get_by_role("button", name="PDF").click()
    with page.expect_download() as info:
        page.click("#renderings a[href$='download.pdf']")
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    context.close()

    content = path.read_bytes()
    assert content.startswith(b"%PDF")
    assert path.name == "aterrapportering-test-2024H1-utkast.pdf"
    expected = figures_sha256(
        collect_report_data(
            program=world.program, period=Period.parse("2024H1"), audience="external"
        )
    )
    if pdftotext := shutil.which("pdftotext"):
        text = subprocess.run(  # noqa: S603 - a fixed command on the downloaded file
            [pdftotext, str(path), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert expected in text.replace("\n", "")
        assert "one sentence" in text
