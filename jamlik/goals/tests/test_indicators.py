"""Each kind of computed indicator gives the number of the function it is bound to."""

from datetime import date
from decimal import Decimal

import pytest

from jamlik.activities.models import Activity, Attendance
from jamlik.goals import indicators
from jamlik.goals.models import Goal, Indicator
from jamlik.goals.progress import value_for
from jamlik.governance.figures import power_shift
from jamlik.governance.models import Body, Decision, Meeting
from jamlik.lib.periods import Period
from jamlik.partners.models import Partner, Partnership
from jamlik.reports.figures import compute_figures
from jamlik.surveys.models import Wave
from jamlik.surveys.summary import paired_results, wave_results
from jamlik.surveys.tests.conftest import WHO5, answer

H1 = Period.parse("2024H1")
TODAY = date(2024, 12, 1)


def indicator(world, source, *, workshop=None) -> Indicator:
    goal = Goal.objects.create(program=world.program, workshop=workshop, text="Fler deltar")
    return Indicator.objects.create(goal=goal, name="Mått", kind="computed", source=source)


def value(world, ind, period=H1):
    return value_for(ind, period, indicators.new_context(world.program, TODAY))


@pytest.mark.parametrize(
    ("source", "path"),
    [
        ("figures.activities", ("activities",)),
        ("figures.unique_participants.total", ("unique_participants", "total")),
        ("figures.unique_participants.child_youth", ("unique_participants", "child_youth")),
        ("figures.unique_participants.adult", ("unique_participants", "adult")),
        ("figures.visits.registered", ("visits", "registered")),
        ("figures.recurring_participants", ("recurring_participants",)),
    ],
)
def test_it_gives_the_figure_it_is_bound_to(world, source, path):
    Activity.objects.filter(program=world.program).update(status="held")
    extra = Activity.objects.create(
        program=world.program, key="a-2", workshop=world.workshop_a, kind="health_circle",
        date=date(2024, 4, 2), title="Cirkel", status="held",
    )  # fmt: skip
    Attendance.objects.create(activity=extra, participant=world.participant_b)
    expected = compute_figures(program=world.program, period=H1)
    for part in path:
        expected = expected[part]
    assert value(world, indicator(world, source)) == Decimal(expected)
    assert expected != 0 or path == ("recurring_participants",)


def test_a_workshop_figure_is_the_workshops_and_no_data_when_it_held_nothing(world):
    Activity.objects.filter(pk=world.activity_a.pk).update(status="held")
    Activity.objects.filter(pk=world.activity_b.pk).update(status="cancelled")
    ind = indicator(world, "workshop.unique_participants", workshop=world.workshop_a)
    figures = compute_figures(program=world.program, period=H1)
    assert value(world, ind) == Decimal(figures["by_workshop"]["a"]["unique_participants"]) == 1
    # Workshop B held nothing (its activity was cancelled): no row, so no data, not 0.
    other = indicator(world, "workshop.unique_participants", workshop=world.workshop_b)
    assert value(world, other) is None
    # A half-year that has not begun has no data either.
    assert value(world, ind, Period.parse("2025H1")) is None


def test_a_survey_indicator_gives_the_waves_mean_and_paired_change(world):
    baseline = Wave.objects.create(
        program=world.program, key="b", name="Baseline", kind="baseline",
        instruments=[WHO5], opens_on=date(2024, 2, 1),
    )  # fmt: skip
    follow_up = Wave.objects.create(
        program=world.program, key="f", name="Follow-up", kind="follow_up", baseline=baseline,
        instruments=[WHO5], opens_on=date(2024, 5, 1),
    )  # fmt: skip
    answer(baseline, world.participant_a, who5=[1, 2, 2, 1, 3])
    answer(baseline, world.participant_b, who5=[2, 2, 2, 2, 2])
    answer(follow_up, world.participant_a, who5=[4, 4, 3, 3, 4])
    answer(follow_up, world.participant_b, who5=[2, 2, 2, 2, 2])
    change = next(r for r in paired_results(baseline, follow_up) if r["mid"] is not None)
    scales = wave_results(follow_up)["instruments"][0]["scales"]
    scale = next(s for s in scales if s["scale"] == change["scale"])
    key = f"{WHO5}:{scale['scale']}"

    mean = value(world, indicator(world, f"survey.mean:{key}"))
    assert mean == indicators.rounded(scale["mean"])
    assert value(world, indicator(world, f"survey.change:{key}")) == indicators.rounded(
        change["mean_change"]
    )
    improved = value(world, indicator(world, f"survey.improved:{key}"))
    assert change["share_improved_beyond_mid"] == 0.5
    assert improved == indicators.rounded(100 * change["share_improved_beyond_mid"])
    # No wave opened in 2023H2: no data.
    assert value(world, indicator(world, f"survey.mean:{key}"), Period.parse("2023H2")) is None


def test_power_shift_and_partners_per_sector(world):
    hub = Body.objects.create(program=world.program, key="hub", name="Hub", kind="hub")
    meeting = Meeting.objects.create(body=hub, key="m", date=date(2024, 3, 1), status="held")
    Decision.objects.create(meeting=meeting, number=1, text="A", initiated_by="resident")
    Decision.objects.create(meeting=meeting, number=2, text="B", initiated_by="partner_staff")
    row = next(r for r in power_shift(program=world.program, today=TODAY) if r.period == H1)
    assert value(world, indicator(world, "governance.decision_share")) == Decimal(
        str(row.decision_share)
    )
    assert row.decision_share == 50.0
    for i, sector in enumerate(["public", "public", "academia"]):
        partner = Partner.objects.create(name=f"P{i}", sector=sector)
        Partnership.objects.create(program=world.program, partner=partner)
    gone = Partner.objects.create(name="Gone", sector="public")
    Partnership.objects.create(
        program=world.program, partner=gone, joined_on=date(2020, 1, 1), left_on=date(2023, 1, 1)
    )
    assert value(world, indicator(world, "partners.public")) == 2
    assert value(world, indicator(world, "partners.total")) == 3
    assert value(world, indicator(world, "partners.private")) == 0


def test_unmet_needs_exist_for_todays_half_year_only(world):
    from jamlik.needs.models import Need

    Need.objects.create(program=world.program, key="n", title="Trygghet", priority=1)
    ind = indicator(world, "needs.unmet")
    assert value(world, ind, Period.parse("2024H2")) == 1
    assert value(world, ind, H1) is None


def test_a_computed_indicator_must_name_a_source_from_the_list(world):
    from django.core.exceptions import ValidationError

    goal = Goal.objects.create(program=world.program, text="Mål")
    bad = Indicator(goal=goal, name="X", kind="computed", source="__import__('os')")
    with pytest.raises(ValidationError):
        bad.full_clean()


def test_coaches_ambassadors_and_volunteer_hours_are_the_volunteers_figures(world):
    from jamlik.people.access import get_program_access
    from jamlik.volunteers import figures, services

    access = get_program_access(world.leader, "test")
    for day in (date(2024, 2, 1), date(2024, 5, 1), date(2024, 8, 1)):
        coach = services.add_volunteer(
            access=access, kind="coach", category="adult", workshop=world.workshop_a,
            training="Diabetescoach", trained_on=day,
        )  # fmt: skip
    services.set_ambassador(access=access, volunteer=coach, start=date(2024, 3, 1))
    services.add_hours(access=access, volunteer=coach, hours=Decimal("7.5"), month=date(2024, 4, 1))
    for source, name in [
        ("volunteers.trained_coaches", "trained_coaches"),
        ("volunteers.active_ambassadors", "active_ambassadors"),
        ("volunteers.volunteer_hours", "volunteer_hours"),
    ]:
        expected = getattr(figures, name)(program=world.program, period=H1)
        assert expected > 0
        assert value(world, indicator(world, source)) == Decimal(expected)
    assert value(world, indicator(world, "volunteers.trained_coaches")) == 2
    # A half-year after today has no data, never 0.
    assert (
        value(world, indicator(world, "volunteers.trained_coaches"), Period.parse("2025H2")) is None
    )
