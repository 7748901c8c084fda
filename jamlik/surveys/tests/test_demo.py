import random
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User

from jamlik.activities.models import Activity, Attendance, Category, Participant
from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.surveys.demo import (
    STUDY,
    WHO5,
    delete_evaluation_data,
    ensure_research_access,
    seed_evaluation,
)
from jamlik.surveys.models import EthicsApproval, QualitativeRecord, Response, Score, Wave
from jamlik.surveys.summary import evaluation_summary

ADULTS = 150


@pytest.fixture
def program(db) -> Program:
    """ADULTS adults who took part in the autumn of 2023; the first two thirds of them
    again in the spring of 2024, with a few children who never answer."""
    program = Program.objects.create(slug="demo", name="Demo", code_prefix="D")
    autumn, spring = (
        Activity.objects.create(
            program=program, key=key, kind="health_circle", date=day, title="Hälsocirkel"
        )
        for key, day in (("a-1", date(2023, 10, 3)), ("a-2", date(2024, 3, 5)))
    )
    people = Participant.objects.bulk_create(
        Participant(program=program, code=f"D-{n:04d}", category=Category.ADULT)
        for n in range(ADULTS)
    )
    children = Participant.objects.bulk_create(
        Participant(program=program, code=f"D-C{n:03d}", category=Category.CHILD_YOUTH)
        for n in range(10)
    )
    Attendance.objects.bulk_create(
        [Attendance(activity=autumn, participant=p) for p in people + children]
        + [Attendance(activity=spring, participant=p) for p in people[: ADULTS * 2 // 3]]
    )
    return program


def test_it_records_consent_and_the_apps_own_scores(program):
    result = seed_evaluation(program, random.Random(1))
    responses = Response.objects.filter(wave__program=program).select_related("wave")

    assert result.responses == responses.count() > 60
    assert not responses.filter(participant__category=Category.CHILD_YOUTH).exists()
    for response in responses:
        assert response.language in response.wave.languages()
        assert response.wave.opens_on <= response.consent_research_at.date()
        assert response.consent_research_at.date() <= response.wave.closes_on
    completed = responses.filter(completed=True)
    assert responses.filter(completed=False).exists()
    assert Score.objects.filter(response__in=completed, scale="srh").count() == completed.count()
    assert Score.objects.filter(response__in=completed, scale="index", value__isnull=False).count()


def test_it_gives_the_follow_up_enough_pairs_and_a_modest_improvement(program):
    result = seed_evaluation(program, random.Random(2))
    (wave,) = evaluation_summary(program, Period.parse("2024H1"))["waves"]
    index = next(
        row
        for row in wave["paired_change"]
        if row["instrument"] == WHO5 and row["scale"] == "index"
    )

    assert result.pairs >= 30
    assert index["n_pairs"] >= 30 and not index["few_pairs"]
    assert 40 <= index["mean_before"] <= 60
    assert 0 < index["mean_change"] < 10
    assert wave["responses"]["anonymous"] > 0


def test_it_registers_the_study_and_keeps_the_researchers_approval_current(program):
    seed_evaluation(program, random.Random(1))
    researcher = User.objects.create_user(username="forskare")
    later = date(2031, 3, 1)

    approval = ensure_research_access(program=program, researcher=researcher, today=later)
    ensure_research_access(program=program, researcher=researcher, today=later)

    assert EthicsApproval.objects.filter(program=program).count() == 1
    assert approval.study == STUDY and approval.is_valid_on(later)
    assert approval.valid_until >= later + timedelta(days=300)
    assert list(approval.researchers.all()) == [researcher]
    assert sorted(approval.waves.values_list("kind", flat=True)) == ["baseline", "follow_up"]


def test_it_deletes_and_seeds_again(program):
    seed_evaluation(program, random.Random(1))
    first = sorted(
        Response.objects.filter(wave__program=program).values_list("answers", flat=True), key=str
    )
    seed_evaluation(program, random.Random(1))

    assert (
        sorted(
            Response.objects.filter(wave__program=program).values_list("answers", flat=True),
            key=str,
        )
        == first
    )

    delete_evaluation_data(program=program)

    assert not Wave.objects.filter(program=program).exists()
    assert not EthicsApproval.objects.filter(program=program).exists()
    assert not QualitativeRecord.objects.filter(program=program).exists()
    assert Participant.objects.filter(program=program).count() == ADULTS + 10
