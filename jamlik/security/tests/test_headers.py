import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[3]
# Templates of web pages; e-mails and PDFs (WeasyPrint) are not under the policy.
PAGES = [
    p
    for p in (ROOT / "jamlik").rglob("templates/**/*.html")
    if "emails" not in p.parts and not p.name.endswith("pdf.html")
]
BLOCKED = {
    "inline script": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I),
    "event handler attribute": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "htmx hx-on (needs eval)": re.compile(r"\shx-on[:-]", re.I),
    "style element": re.compile(r"<style[\s>]", re.I),
}


def test_no_template_has_what_the_content_security_policy_blocks():
    found = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in PAGES
        for what, pattern in BLOCKED.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert len(PAGES) > 50
    assert found == []


def test_pages_are_served_with_a_strict_policy(client, world):
    client.login(username="leader", password=PASSWORD)
    policy = client.get("/p/test/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert "unsafe" not in policy


def test_the_base_page_turns_off_htmx_inline_indicator_styles(client, world):
    client.force_login(world.leader)
    page = client.get("/p/test/").content.decode()
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in page


def settings_of(**env) -> list[str]:
    code = (
        "import jamlik.settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SECURE_")}
    environ.update(env, SECRET_KEY="x" * 50)
    out = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    return out.stdout.split()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DEBUG": "false"}, ["True", "31536000", "True"]),
        ({"DEBUG": "true"}, ["False", "0", "True"]),
        (
            {"DEBUG": "false", "SECURE_SSL_REDIRECT": "false", "SECURE_HSTS_SECONDS": "0"},
            ["False", "0", "True"],
        ),
    ],
)
def test_https_redirect_and_hsts_are_on_without_debug(env, expected):
    assert settings_of(**env) == expected


def test_check_deploy_is_clean():
    environ = dict(os.environ, DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50))
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        environ.pop(name, None)
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "jamlik.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "no issues" in out.stdout
