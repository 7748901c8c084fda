"""Uppföljning och utvärdering: the report prints what evaluation_summary computes."""

import io
from datetime import date

import pytest
from django.utils import translation
from openpyxl import load_workbook

from jamlik.activities.models import Category, Participant
from jamlik.lib.periods import Period
from jamlik.reports.collect import collect_report_data, figures_sha256
from jamlik.reports.formatting import SUPPRESSED, format_number
from jamlik.reports.render.document import Meta, build_document
from jamlik.reports.services import render_document
from jamlik.reports.tests.conftest import PERIOD
from jamlik.surveys.models import QualitativeRecord, Wave
from jamlik.surveys.summary import evaluation_summary
from jamlik.surveys.tests.conftest import SRH, WHO5, answer

pytestmark = pytest.mark.django_db

WHO5_INDEX = "WHO-5 Well-Being Index: Well-being index (0–100)"
WHO5_RAW = "WHO-5 Well-Being Index: Raw score (0–25)"


@pytest.fixture
def waves(world):
    baseline = Wave.objects.create(
        program=world.program,
        key="baseline-2024",
        name="Baseline spring 2024",
        kind=Wave.Kind.BASELINE,
        instruments=[WHO5, SRH],
        opens_on=date(2024, 2, 1),
    )
    follow_up = Wave.objects.create(
        program=world.program,
        key="follow-up-2024",
        name="Follow-up spring 2024",
        kind=Wave.Kind.FOLLOW_UP,
        baseline=baseline,
        instruments=[WHO5, SRH],
        opens_on=date(2024, 5, 15),
    )
    return baseline, follow_up


def pairs(world, waves, count):
    """`count` participants answering both waves, WHO-5 one or two steps better each, and
    one anonymous follow-up answer."""
    baseline, follow_up = waves
    for n in range(count):
        person = Participant.objects.create(
            program=world.program, code=f"T-E{n:03d}", category=Category.ADULT
        )
        answer(baseline, person, who5=(n % 4,) * 5, srh=3)
        answer(follow_up, person, who5=(n % 4 + 1 + n % 2,) * 5, srh=2 if n < 3 else 3)
    answer(follow_up, None, who5=(5,) * 5, srh=1)


def section(world, audience="internal"):
    data = collect_report_data(
        program=world.program, period=Period.parse(PERIOD), audience=audience, language="en"
    )
    return data["sections"]["evaluation"]


def summary(world, audience="internal"):
    with translation.override("en"):
        return evaluation_summary(world.program, Period.parse(PERIOD), audience, language="en")


def document(world, audience="internal"):
    data = collect_report_data(
        program=world.program, period=Period.parse(PERIOD), audience=audience, language="en"
    )
    meta = Meta(title="Report", status="draft", status_label="Draft", sha256=figures_sha256(data))
    with translation.override("en"):
        return build_document(data, {}, meta)


def rows(table):
    return {r["label"]: r["cells"] for r in table["rows"]}


def test_it_shows_the_numbers_of_evaluation_summary(world, waves):
    pairs(world, waves, 12)
    data, expected = section(world), summary(world)
    assert data["available"]
    baseline, follow_up = expected["waves"]

    responses = rows(data["responses"])
    assert responses["Follow-up spring 2024"][1:] == ["Baseline spring 2024", 13, 0, 1]
    assert follow_up["responses"] == {"completed": 13, "unfinished": 0, "anonymous": 1}

    who5 = next(i for i in follow_up["instruments"] if i["instrument"] == WHO5)
    index = next(s for s in who5["scales"] if s["scale"] == "index")
    scores = rows(data["scores"][1])
    assert scores[WHO5_INDEX] == [
        13,
        format_number(index["mean"], decimals=1),
        format_number(index["sd"], decimals=1),
        format_number(index["median"], decimals=1),
    ]
    poor = index["bands"]["poor"]
    assert scores[f"of whom: {poor['label']}"][0] == poor["count"]

    change = next(r for r in follow_up["paired_change"] if r["scale"] == "index")
    assert change["n_pairs"] == 12 and change["mean_change"] == 30
    assert rows(data["paired"][0]["change"])[WHO5_INDEX] == [
        12,
        format_number(change["mean_before"], decimals=1),
        format_number(change["mean_after"], decimals=1),
        "30,0",
        format_number(change["ci_low"], decimals=1),
        format_number(change["ci_high"], decimals=1),
        "10",
        "100.0",
        "0.0",
    ]
    assert rows(data["paired"][0]["tests"])[WHO5_INDEX] == [
        12,
        format_number(change["t"], decimals=2),
        "<0,001",
        format_number(change["wilcoxon_w"], decimals=1),
        "<0,001",
        format_number(change["cohen_dz"], decimals=2),
        format_number(change["rank_biserial"], decimals=2),
    ]
    assert "A lower score is better for: Self-rated health" in data["paired"][0]["change"]["note"]
    assert baseline["paired_change"] == [] and len(data["paired"]) == 1


def test_it_marks_a_change_of_fewer_than_ten_pairs(world, waves):
    pairs(world, waves, 3)
    change = section(world)["paired"][0]["change"]
    assert rows(change)[f"{WHO5_INDEX} *"][0] == 3
    assert "* Fewer than 10 pairs" in change["note"]


def test_it_does_not_mark_ten_pairs_or_more(world, waves):
    pairs(world, waves, 10)
    change = section(world)["paired"][0]["change"]
    assert rows(change)[WHO5_INDEX][0] == 10
    assert "Fewer than" not in change["note"]


def test_the_external_version_suppresses_small_counts(world, waves, settings):
    settings.SUPPRESS_BELOW = 5
    pairs(world, waves, 12)
    data, expected = section(world, "external"), summary(world, "external")
    follow_up = expected["waves"][1]
    assert follow_up["responses"]["anonymous"] == "<5"
    assert rows(data["responses"])["Follow-up spring 2024"][4] == SUPPRESSED
    # WHO-5 raw scores: 13 people, of whom 3 below 13 (the anonymous one is not).
    who5 = next(i for i in follow_up["instruments"] if i["instrument"] == WHO5)
    raw = next(s for s in who5["scales"] if s["scale"] == "raw")
    assert raw["bands"]["poor"]["count"] == "<5"
    assert rows(data["scores"][1])[f"of whom: {raw['bands']['poor']['label']}"][0] == SUPPRESSED
    assert rows(data["paired"][0]["change"])[WHO5_INDEX][0] == 12
    tables = [data["responses"], *data["scores"], data["paired"][0]["change"]]
    assert all(table["protected"] for table in tables)


def test_the_external_version_leaves_out_the_statistics_of_few_pairs(world, waves, settings):
    settings.SUPPRESS_BELOW = 5
    pairs(world, waves, 3)
    data = section(world, "external")
    change = rows(data["paired"][0]["change"])[f"{WHO5_INDEX} *"]
    assert change[0] == SUPPRESSED
    assert change[1:] == [None, None, None, None, None, "10", None, None]
    tests = rows(data["paired"][0]["tests"])[f"{WHO5_INDEX} *"]
    assert tests == [SUPPRESSED, None, None, None, None, None, None]
    assert "Statistics of fewer than 5 people are left out." in data["scores"][0]["note"]


def test_it_is_available_with_waves_even_without_answers(world, waves):
    data = section(world)
    assert data["available"]
    assert [r["cells"][2:] for r in data["responses"]["rows"]] == [[0, 0, 0], [0, 0, 0]]
    assert rows(data["scores"][0])[WHO5_INDEX] == [0, None, None, None]


def test_it_is_not_available_without_waves(world):
    QualitativeRecord.objects.create(
        program=world.program, kind="focus_group", date=date(2024, 3, 1), participants_count=8
    )
    doc = document(world)
    assert not doc.section_data("evaluation")["available"]
    blocks = next(s for s in doc.sections if s.key == "evaluation").blocks
    assert blocks[0] == {
        "type": "unavailable",
        "text": "No questionnaire wave opened in the period.",
    }
    focus_groups = next(b["table"] for b in blocks if b["type"] == "table")
    assert rows(focus_groups)["Focus groups"] == [1, 8]


def test_it_prints_the_tables_in_html_word_and_excel(world, waves):
    from docx import Document

    pairs(world, waves, 12)
    doc = document(world)
    evaluation = next(s for s in doc.sections if s.key == "evaluation")
    titles = [b["table"]["title"] for b in evaluation.blocks if b["type"] == "table"]
    assert titles == [
        "Questionnaire responses per wave",
        "Scores per scale: Baseline spring 2024",
        "Scores per scale: Follow-up spring 2024",
        "Paired change from Baseline spring 2024 to Follow-up spring 2024",
        "Tests and effect sizes of the paired change: Follow-up spring 2024",
    ]
    mean_change = rows(doc.section_data("evaluation")["paired"][0]["change"])[WHO5_INDEX][3]

    html = render_document(doc, "html").decode()
    assert all(title in html for title in titles)
    assert f">{mean_change}<" in html

    word = Document(io.BytesIO(render_document(doc, "docx")))
    cells = {c.text for table in word.tables for row in table.rows for c in row.cells}
    assert {WHO5_INDEX, mean_change, "100,0\u202f%"} <= cells

    book = load_workbook(io.BytesIO(render_document(doc, "xlsx")))
    sheet = next(sheet for sheet in book if sheet["A1"].value == titles[3])
    printed = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert printed[WHO5_INDEX][0] == 12 and printed[WHO5_INDEX][3] == mean_change


def test_it_renders_the_pdf(world, waves):
    pairs(world, waves, 12)
    assert render_document(document(world, "external"), "pdf").startswith(b"%PDF")
