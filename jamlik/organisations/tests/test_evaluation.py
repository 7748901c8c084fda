"""Pooled evaluation across programs, checked against SciPy."""

import random
from datetime import date

import pytest
from django.utils import timezone
from scipy import stats

from conftest import PASSWORD
from jamlik.activities.models import Category, Participant
from jamlik.organisations.evaluation import instruments_in_use, mean_interval, pooled_evaluation
from jamlik.surveys.models import Response, Score, Wave

WHO5 = "who5@1998"


def _wave(program, key, kind, refs, baseline=None):
    return Wave.objects.create(
        program=program,
        key=key,
        name=key,
        kind=kind,
        baseline=baseline,
        instruments=refs,
        opens_on=date(2024, 3, 1),
    )


def _answer(wave, participant, value, *, instrument="who5", version="1998", scale="index"):
    response = Response.objects.create(
        wave=wave,
        participant=participant,
        language="sv",
        consent_research_at=timezone.now(),
        completed=True,
    )
    Score.objects.create(
        response=response,
        instrument=instrument,
        version=version,
        scale=scale,
        value=value,
        answered=5,
        items=5,
    )


def _evaluated(program, n_pairs, *, seed, refs=(WHO5,)):
    """A baseline and a follow-up of `n_pairs` people; returns (before, after) values."""
    rng = random.Random(seed)
    base = _wave(program, "base", Wave.Kind.BASELINE, list(refs))
    follow = _wave(program, "follow", Wave.Kind.FOLLOW_UP, list(refs), baseline=base)
    before, after = [], []
    for i in range(n_pairs):
        person = Participant.objects.create(
            program=program, code=f"{program.code_prefix}-E{i:03d}", category=Category.ADULT
        )
        x, y = rng.randint(20, 80), rng.randint(20, 90)
        _answer(base, person, x)
        _answer(follow, person, y)
        before.append(x)
        after.append(y)
    return before, after


@pytest.fixture
def evaluated(world, city):
    first = _evaluated(world.program, 12, seed=1)
    second = _evaluated(city.second, 9, seed=2)
    return first, second


def _scale(result, key="index"):
    return next(s for s in result["scales"] if s["scale"] == key)


def _scipy_interval(values):
    values = [float(v) for v in values]
    mean = sum(values) / len(values)
    return stats.t.interval(0.95, len(values) - 1, loc=mean, scale=stats.sem(values))


def test_mean_interval_equals_scipy():
    values = [3.0, 7.5, 6.0, 9.0, 4.5, 5.0]
    got = mean_interval(values)
    low, high = _scipy_interval(values)
    assert got["ci_low"] == pytest.approx(low) and got["ci_high"] == pytest.approx(high)
    assert mean_interval([4.0]) == {
        "n": 1,
        "mean": 4.0,
        "sd": None,
        "ci_low": None,
        "ci_high": None,
    }


def test_per_program_and_pooled_statistics_equal_scipy(world, city, evaluated):
    (b1, a1), (b2, a2) = evaluated
    result = pooled_evaluation([world.program, city.second], WHO5, language="en")
    scale = _scale(result)
    first, second = scale["programs"]
    assert first["baseline"]["n"] == 12 and second["follow_up"]["n"] == 9
    assert first["baseline"]["mean"] == pytest.approx(sum(b1) / 12)
    low, high = _scipy_interval(a2)
    assert second["follow_up"]["ci_low"] == pytest.approx(low)
    assert second["follow_up"]["ci_high"] == pytest.approx(high)
    pooled = scale["pooled"]
    low, high = _scipy_interval(b1 + b2)
    assert pooled["baseline"]["n"] == 21
    assert (pooled["baseline"]["ci_low"], pooled["baseline"]["ci_high"]) == (
        pytest.approx(low),
        pytest.approx(high),
    )
    # The paired change pools the pairs of both programs.
    before, after = b1 + b2, a1 + a2
    diffs = [y - x for x, y in zip(before, after, strict=True)]
    test = stats.ttest_rel(after, before)
    low, high = _scipy_interval(diffs)
    assert pooled["paired"]["n_pairs"] == 21
    assert pooled["paired"]["mean_change"] == pytest.approx(sum(diffs) / 21)
    assert pooled["paired"]["t_p"] == pytest.approx(test.pvalue)
    assert pooled["paired"]["ci_low"] == pytest.approx(low)
    assert pooled["paired"]["wilcoxon_p"] == pytest.approx(stats.wilcoxon(diffs).pvalue)
    assert result["responses"] == {"test": 24, "second": 18}


def test_a_small_program_is_withheld_and_left_out_of_the_pooled_figures(world, city, evaluated):
    third_b, third_a = _evaluated(city.other_program, 3, seed=3)
    # Deliberately the other organisation's program: the function pools what it is given.
    result = pooled_evaluation([world.program, city.second, city.other_program], WHO5)
    scale = _scale(result)
    small = scale["programs"][2]
    assert small["baseline"] == {
        "n": "<5",
        "mean": None,
        "sd": None,
        "ci_low": None,
        "ci_high": None,
    }
    assert small["paired"]["n_pairs"] == "<5" and small["paired"]["mean_change"] is None
    assert scale["pooled"]["baseline"]["n"] == 21
    assert result["responses"]["elsewhere"] == 6  # 3 + 3: shown


def test_another_version_or_wording_is_never_pooled(world, city, evaluated):
    # A program whose waves used the US wording of self-rated health, and one whose
    # scores say another WHO-5 version: neither enters the WHO-5 1998 figures.
    _evaluated(city.other_program, 8, seed=4, refs=("srh_us@1",))
    wave = Wave.objects.get(program=world.program, key="base")
    person = Participant.objects.create(program=world.program, code="T-OLD", category="adult")
    _answer(wave, person, 99.0, version="1999")
    result = pooled_evaluation([world.program, city.second, city.other_program], WHO5)
    scale = _scale(result)
    assert scale["programs"][0]["baseline"]["n"] == 12
    assert scale["programs"][2]["baseline"]["n"] == 0
    assert scale["pooled"]["baseline"]["n"] == 21
    used = instruments_in_use([world.program, city.second, city.other_program])
    assert used == {"srh_us@1": ["elsewhere"], WHO5: ["second", "test"]}


def test_the_page_shows_the_pooled_row(client, city, evaluated, english):
    assert client.login(username="funder", password=PASSWORD)
    response = client.get("/o/city/evaluation/?instrument=who5@1998")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pooled" in html and "Andra programmet" in html
    assert "T-E000" not in html
