"""Instrument files: the schema, the licence rules and the licensee's local texts."""

import copy
from pathlib import Path

import pytest
import yaml

from jamlik.surveys import catalog

WHO5_FILE = catalog.BUILTIN_DIR / "who5.yaml"


@pytest.fixture
def who5_doc():
    return yaml.safe_load(WHO5_FILE.read_text(encoding="utf-8"))


def test_every_shipped_instrument_is_valid():
    instruments = catalog.all_instruments()
    assert {"who5@1998", "srh_who@1996", "srh_us@1", "rand36@1.0", "gse@1995"} <= set(instruments)
    for instrument in instruments.values():
        assert instrument.citation and instrument.licence and instrument.missing_rule


def test_restricted_instruments_ship_without_texts():
    for ref in (
        "eq5d5l@1",
        "soc13@1",
        "wemwbs@1",
        "whoqol_bref@1996",
        "hls_eu_q16@1",
        "hls19_q12@1",
    ):
        instrument = catalog.get_instrument(ref)
        assert not instrument.redistributable
        assert instrument.available_languages() == []
        assert not any(item.text for item in instrument.items.values())


def test_arabic_exists_only_where_marked_unofficial():
    for instrument in catalog.all_instruments().values():
        if "ar" in instrument.available_languages():
            assert instrument.languages["ar"].status == "unofficial"
    assert catalog.get_instrument("who5@1998").available_languages() == ["en", "sv", "ar"]


def test_own_questionnaires_are_marked_not_validated():
    assert catalog.get_instrument("own_satisfaction@1").validated is False


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("citation"), "citation is required"),
        (lambda d: d.__setitem__("key", "WHO-5"), "key must be lower-case"),
        (lambda d: d["groups"][0]["items"][0]["text"].pop("ar"), "item q1: the text in ar"),
        (lambda d: d["option_sets"]["frequency"][0].__setitem__("code", "5"), "integer code"),
        (lambda d: d["scales"][0].__setitem__("min_answered", 4), "needs every item"),
        (lambda d: d["scales"][0].__setitem__("items", ["q9"]), "must name the instrument"),
        (lambda d: d["scales"][0].__setitem__("method", "median"), "method must be one of"),
        (
            lambda d: d["languages"]["ar"].__setitem__("status", "validated"),
            "official or unofficial",
        ),
        (lambda d: d.__setitem__("redistributable", False), "ships without languages"),
    ],
)
def test_the_schema_names_what_is_wrong(who5_doc, change, message):
    change(who5_doc)
    with pytest.raises(catalog.InstrumentError, match=message):
        catalog.build(who5_doc, source="who5.yaml")


def test_a_licensee_adds_texts_locally(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    local = tmp_path / "instruments"
    local.mkdir()
    doc = yaml.safe_load((catalog.BUILTIN_DIR / "wemwbs.yaml").read_text(encoding="utf-8"))
    doc["languages"] = {"en": {"status": "official", "source": "licence 123"}}
    for item in doc["groups"][0]["items"]:
        item["text"] = {"en": f"Licensed text {item['key']}"}
    for option in doc["option_sets"]["five"]:
        option["label"] = {"en": f"Option {option['code']}"}
    (local / "wemwbs.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    catalog.reload()
    try:
        assert catalog.get_instrument("wemwbs@1").available_languages() == ["en"]
        changed = copy.deepcopy(doc)
        changed["scales"][0]["min_answered"] = 10
        changed["scales"][0]["prorate"] = True
        (local / "wemwbs.yaml").write_text(yaml.safe_dump(changed), encoding="utf-8")
        catalog.reload()
        with pytest.raises(catalog.InstrumentError, match="give it a new version"):
            catalog.all_instruments()
    finally:
        catalog.reload()
        settings.VAR_DIR = Path(tmp_path)


def test_the_check_command_lists_the_instruments(capsys):
    from django.core.management import call_command

    call_command("check_instruments")
    out = capsys.readouterr().out
    assert "who5@1998: en, sv, ar" in out
    assert "eq5d5l@1: no texts (licensee)" in out
