"""The report's evaluation section, the API behind it and the recompute command."""

from datetime import date

import pytest
from django.core.management import call_command
from django.utils import translation

from jamlik.activities.models import Category, Participant
from jamlik.lib.periods import Period
from jamlik.surveys.models import QualitativeRecord, Score
from jamlik.surveys.statistics import MIN_PAIRS_WITHOUT_WARNING
from jamlik.surveys.summary import evaluation_summary
from jamlik.surveys.tests.conftest import answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world, waves):
    """Twelve participants at baseline and follow-up, each 2 WHO-5 steps better."""
    baseline, follow_up = waves
    for n in range(12):
        person = Participant.objects.create(
            program=world.program, code=f"T-P{n:03d}", category=Category.ADULT
        )
        level = n % 4
        answer(baseline, person, who5=(level,) * 5, srh=3)
        answer(follow_up, person, who5=(level + 2,) * 5, srh=2 if n < 3 else 3)
    answer(follow_up, None, who5=(5,) * 5, srh=1)  # anonymous: counted, never paired
    return waves


def test_the_internal_summary_has_counts_scores_and_paired_change(world, answered):
    summary = evaluation_summary(world.program, Period.parse("2024"), "internal")
    assert summary["responses"] == {"completed": 25, "unfinished": 0}
    baseline, follow_up = summary["waves"]
    assert baseline["wave"] == "baseline-2024" and baseline["paired_change"] == []
    who5 = next(i for i in follow_up["instruments"] if i["instrument"] == "who5@1998")
    index = next(s for s in who5["scales"] if s["scale"] == "index")
    assert index["n"] == 13
    change = {(r["instrument"], r["scale"]): r for r in follow_up["paired_change"]}
    who5_index = change[("who5@1998", "index")]
    assert who5_index["n_pairs"] == 12
    assert who5_index["mean_change"] == 40  # 2 steps on 5 items, times 4
    assert who5_index["share_improved_beyond_mid"] == 1.0
    assert not who5_index["few_pairs"]
    srh = change[("srh_who@1996", "srh")]
    assert srh["mean_change"] == pytest.approx(-3 / 12)
    assert srh["share_improved_beyond_mid"] is None  # no MID for this item


def test_the_external_summary_suppresses_small_cells(world, answered, settings):
    settings.SUPPRESS_BELOW = 5
    QualitativeRecord.objects.create(
        program=world.program, kind="interview", date=date(2024, 5, 1), participants_count=1
    )
    summary = evaluation_summary(world.program, Period.parse("2024"), "external")
    follow_up = summary["waves"][1]
    assert follow_up["responses"]["anonymous"] == "<5"
    assert summary["qualitative"]["interviews"] == {"count": "<5", "participants": "<5"}
    change = {(r["instrument"], r["scale"]): r for r in follow_up["paired_change"]}
    assert change[("who5@1998", "index")]["n_pairs"] == 12
    who5 = next(i for i in follow_up["instruments"] if i["instrument"] == "who5@1998")
    raw = next(s for s in who5["scales"] if s["scale"] == "raw")
    # 13 scores: "poor" holds 3 and "not poor" 10; the small cell is suppressed and, as
    # one suppressed cell could be worked out from n, so is the other.
    assert raw["bands"]["poor"]["count"] == "<5"
    assert raw["bands"]["not_poor"]["count"] == "<5"


def test_few_pairs_are_suppressed_in_the_external_summary(world, waves):
    baseline, follow_up = waves
    answer(baseline, world.participant_a, who5=(1,) * 5, srh=3)
    answer(follow_up, world.participant_a, who5=(4,) * 5, srh=2)
    summary = evaluation_summary(world.program, Period.parse("2024"), "external")
    row = summary["waves"][1]["paired_change"][0]
    assert row["n_pairs"] == "<5"
    assert row["mean_change"] is None and row["t_p"] is None


def test_shares_of_few_pairs_beyond_the_mid_are_left_out_externally(world, waves, settings):
    settings.SUPPRESS_BELOW = 5
    baseline, follow_up = waves
    for n in range(6):
        person = Participant.objects.create(
            program=world.program, code=f"T-M{n:03d}", category=Category.ADULT
        )
        answer(baseline, person, who5=(2,) * 5, srh=3)
        answer(follow_up, person, who5=(4 if n < 4 else 2,) * 5, srh=3)
    period = Period.parse("2024")

    def index(audience):
        follow_up = evaluation_summary(world.program, period, audience)["waves"][1]
        return next(r for r in follow_up["paired_change"] if r["scale"] == "index")

    assert index("internal")["share_improved_beyond_mid"] == pytest.approx(4 / 6)
    # 4 of 6 pairs improved: a count below 5, and the 2 who did not are fewer still.
    external = index("external")
    assert external["n_pairs"] == 6 and external["mean_change"] is not None
    assert external["share_improved_beyond_mid"] is None
    assert external["share_worsened_beyond_mid"] == 0.0


def test_the_report_provider_gives_plain_json_in_the_report_language(world, answered):
    from jamlik.surveys.reports import evaluation_summary as provider

    period = Period.parse("2024")
    with translation.override("sv"):
        result = provider(program=world.program, period=period, audience="internal")
    assert result.pop("few_pairs_below") == MIN_PAIRS_WITHOUT_WARNING
    assert result == evaluation_summary(world.program, period, "internal", language="sv")
    follow_up = result["waves"][1]
    assert follow_up["baseline_name"] == "Baseline 2024"
    assert follow_up["instruments"][0]["title"] == "WHO-5 välbefinnandeindex"
    assert json_types(result) <= {dict, list, str, int, float, bool, type(None)}


def json_types(value) -> set[type]:
    if isinstance(value, dict):
        return {dict}.union(*(json_types(v) for v in value.values()))
    if isinstance(value, list):
        return {list}.union(*(json_types(v) for v in value))
    return {type(value)}


def test_the_period_selects_waves_by_opening_date(world, answered):
    summary = evaluation_summary(world.program, Period.parse("2024H1"), "internal")
    assert [w["wave"] for w in summary["waves"]] == ["baseline-2024"]


def test_the_api_serves_the_summary(client, world, answered, roles):
    client.force_login(world.viewer)
    response = client.get("/api/programs/test/evaluation?period=2024&audience=internal")
    assert response.status_code == 404
    response = client.get("/api/programs/test/evaluation?period=2024&audience=external")
    assert response.status_code == 200
    assert response.json()["waves"][1]["responses"]["anonymous"] == "<5"
    client.force_login(world.outsider)
    assert client.get("/api/programs/test/evaluation?period=2024").status_code == 404


def test_recompute_scores_rebuilds_them(world, answered, capsys):
    Score.objects.all().delete()
    call_command("recompute_scores")
    assert "25 responses" in capsys.readouterr().out
    assert Score.objects.filter(instrument="who5", scale="index", value__isnull=False).count() == 25


def test_the_external_total_hides_a_suppressed_wave_count(world, waves, settings):
    settings.SUPPRESS_BELOW = 5
    baseline, follow_up = waves
    for n in range(8):
        person = Participant.objects.create(
            program=world.program, code=f"T-Q{n:03d}", category=Category.ADULT
        )
        answer(baseline, person, who5=(3,) * 5, srh=3)
        if n < 2:
            answer(follow_up, person, who5=(4,) * 5, srh=2)
    summary = evaluation_summary(world.program, Period.parse("2024"), "external")
    assert [w["responses"]["completed"] for w in summary["waves"]] == [8, "<5"]
    # 10 in total would give the follow-up's 2 away: 10 - 8.
    assert summary["responses"]["completed"] == "<5"
