"""Swedish is the default language: every string must have a Swedish translation.

Each app keeps its own catalogue in `jamlik/<app>/locale/sv/`; the project's own
templates use `jamlik/locale/sv/`. These tests read all of them.
"""

import re
from pathlib import Path

import polib
import pytest

JAMLIK = Path(__file__).resolve().parent.parent / "jamlik"
CATALOGUES = sorted(JAMLIK.glob("**/locale/sv/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def ids(paths):
    return [str(p.relative_to(JAMLIK)) for p in paths]


def test_there_is_a_catalogue_for_the_project_and_each_domain_app():
    apps = {p.relative_to(JAMLIK).parts[0] for p in CATALOGUES}
    assert {"locale", "activities", "programs", "reports", "needs", "surveys"} <= apps


@pytest.fixture(params=CATALOGUES, ids=ids(CATALOGUES))
def swedish(request):
    return polib.pofile(str(request.param))


def test_every_swedish_entry_is_translated(swedish):
    missing = [e.msgid for e in swedish.untranslated_entries()]
    assert missing == [], f"untranslated in {swedish.fpath}: {missing[:20]}"


def test_no_swedish_entry_is_fuzzy(swedish):
    fuzzy = [e.msgid for e in swedish.fuzzy_entries()]
    assert fuzzy == [], f"fuzzy in {swedish.fpath}: {fuzzy[:20]}"


def test_placeholders_survive_translation(swedish):
    def pairs(entry):
        if not entry.msgid_plural:
            return [(entry.msgid, entry.msgstr)]
        # Form 0 translates the singular; every other form translates the plural.
        return [
            (entry.msgid if int(form) == 0 else entry.msgid_plural, text)
            for form, text in entry.msgstr_plural.items()
        ]

    broken = [
        source
        for e in swedish.translated_entries()
        for source, translation in pairs(e)
        if set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(translation))
    ]
    assert broken == []


def test_the_compiled_catalogue_is_up_to_date(swedish):
    compiled = polib.mofile(str(Path(swedish.fpath).with_suffix(".mo")))
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


def test_a_string_means_the_same_in_every_catalogue():
    # Django merges all catalogues into one; a msgid translated two ways shows one of
    # them everywhere. Tell meanings apart with pgettext instead.
    meanings: dict[tuple, set] = {}
    for path in CATALOGUES:
        for e in polib.pofile(str(path)).translated_entries():
            text = e.msgstr or tuple(sorted(e.msgstr_plural.items()))
            meanings.setdefault((e.msgctxt, e.msgid), set()).add(text)
    assert {key: texts for key, texts in meanings.items() if len(texts) > 1} == {}
