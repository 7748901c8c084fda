"""Swedish is the default language: every string must have a Swedish translation."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "jamlik" / "locale"


@pytest.fixture(scope="module")
def swedish():
    return polib.pofile(str(LOCALE / "sv" / "LC_MESSAGES" / "django.po"))


def test_every_swedish_entry_is_translated(swedish):
    missing = [e.msgid for e in swedish.untranslated_entries()]
    assert missing == [], f"untranslated: {missing[:20]}"


def test_no_swedish_entry_is_fuzzy(swedish):
    fuzzy = [e.msgid for e in swedish.fuzzy_entries()]
    assert fuzzy == [], f"fuzzy: {fuzzy[:20]}"


def test_placeholders_survive_translation(swedish):
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    broken = [
        e.msgid
        for e in swedish.translated_entries()
        for translation in (list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr])
        if set(pattern.findall(e.msgid)) != set(pattern.findall(translation))
    ]
    assert broken == []


def test_the_compiled_catalogue_is_up_to_date(swedish):
    compiled = polib.mofile(str(LOCALE / "sv" / "LC_MESSAGES" / "django.mo"))
    wanted = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in swedish.translated_entries()
    }
    have = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in compiled}
    assert {k: v for k, v in wanted.items() if have.get(k) != v} == {}


def test_the_site_speaks_swedish_by_default_and_english_on_request(client):
    swedish_page = client.get("/accounts/login/")
    assert 'lang="sv"' in swedish_page.content.decode()
    assert "Logga in" in swedish_page.content.decode()
    client.cookies["django_language"] = "en"
    english_page = client.get("/accounts/login/")
    assert 'lang="en"' in english_page.content.decode()
    assert "Log in" in english_page.content.decode()
