from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jamlik.activities.models import (
    Activity,
    Attendance,
    Category,
    Headcount,
    IndividualSupport,
    Participant,
)
from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.reports.figures import compute_figures
from jamlik.workshops.models import Workshop

H2 = Period.parse("2023H2")


class Builder:
    def __init__(self):
        self.program = Program.objects.create(slug="fig", name="Figures")
        self.workshop = Workshop.objects.create(program=self.program, key="w", name="W")
        self.n = 0

    def activity(self, day, *, kind="health_circle", status="held", workshop="default"):
        self.n += 1
        return Activity.objects.create(
            program=self.program,
            key=f"a{self.n}",
            workshop=self.workshop if workshop == "default" else workshop,
            kind=kind,
            large_event=Activity.is_large_event_kind(kind),
            date=day,
            title=f"Activity {self.n}",
            status=status,
        )

    def participant(self, code, category=Category.ADULT):
        return Participant.objects.create(program=self.program, code=code, category=category)

    def attend(self, activity, *participants):
        for p in participants:
            Attendance.objects.create(activity=activity, participant=p)

    def figures(self, period=H2, audience="internal"):
        return compute_figures(program=self.program, period=period, audience=audience)


@pytest.fixture
def b(db):
    return Builder()


def test_it_counts_only_held_activities_inside_the_period(b):
    b.activity(date(2023, 7, 1))
    b.activity(date(2023, 12, 31))
    b.activity(date(2023, 6, 30))  # before
    b.activity(date(2024, 1, 1))  # after
    b.activity(date(2023, 8, 1), status="cancelled")
    b.activity(date(2023, 8, 2), status="planned")
    b.activity(date(2023, 9, 1), kind="area_day")
    b.activity(date(2023, 9, 2), kind="area_day", status="cancelled")
    f = b.figures()
    assert f["activities"] == 2
    assert f["large_events"] == 1
    assert f["cancelled_activities"] == 2


def test_it_counts_distinct_participants_by_category(b):
    a1, a2 = b.activity(date(2023, 8, 1)), b.activity(date(2023, 8, 8), kind="area_day")
    cancelled = b.activity(date(2023, 8, 9), status="cancelled")
    kid, adult, pro = (
        b.participant("K", Category.CHILD_YOUTH),
        b.participant("A"),
        b.participant("P", Category.PROFESSIONAL),
    )
    ghost = b.participant("G")
    b.attend(a1, kid, adult)
    b.attend(a2, kid, pro)
    b.attend(cancelled, ghost)
    f = b.figures()
    assert f["unique_participants"] == {"total": 3, "child_youth": 1, "adult": 1, "professional": 1}
    assert f["visits"]["registered"] == 4


def test_it_calls_recurring_those_seen_in_six_distinct_iso_weeks(b):
    regular, almost, twice_a_week = b.participant("R"), b.participant("S"), b.participant("T")
    start = date(2023, 9, 4)  # a Monday
    for week in range(6):
        monday = b.activity(start + timedelta(weeks=week))
        thursday = b.activity(start + timedelta(weeks=week, days=3))
        b.attend(monday, regular)
        if week < 5:
            b.attend(monday, almost)
        if week < 3:
            b.attend(monday, twice_a_week)
            b.attend(thursday, twice_a_week)
    # Large events do not make anyone recurring.
    b.attend(b.activity(start + timedelta(weeks=8), kind="area_day"), almost)
    assert b.figures()["recurring_participants"] == 1


def test_it_respects_the_recurring_weeks_setting(b, settings):
    settings.RECURRING_MIN_WEEKS = 2
    p = b.participant("R")
    b.attend(b.activity(date(2023, 9, 4)), p)
    b.attend(b.activity(date(2023, 9, 11)), p)
    assert b.figures()["recurring_participants"] == 1


def test_it_tells_iso_weeks_apart_across_a_new_year(b, settings):
    settings.RECURRING_MIN_WEEKS = 2
    p = b.participant("R")
    # 2023-01-02 is ISO week 1 of 2023; 2024-01-01 is ISO week 1 of 2024.
    b.attend(b.activity(date(2023, 1, 2)), p)
    b.attend(b.activity(date(2024, 1, 1)), p)
    assert b.figures(Period.parse("2023-01-01..2024-01-07"))["recurring_participants"] == 1


def test_an_iso_week_runs_from_monday_to_sunday(b, settings):
    settings.RECURRING_MIN_WEEKS = 2
    same_week = b.participant("R")
    b.attend(b.activity(date(2023, 9, 4)), same_week)  # Monday
    b.attend(b.activity(date(2023, 9, 10)), same_week)  # the Sunday after
    assert b.figures()["recurring_participants"] == 0
    two_weeks = b.participant("S")
    b.attend(b.activity(date(2023, 9, 17)), two_weeks)  # a Sunday
    b.attend(b.activity(date(2023, 9, 18)), two_weeks)  # the Monday after
    assert b.figures()["recurring_participants"] == 1


def test_it_sums_headcounts_of_held_activities(b):
    held, cancelled = (
        b.activity(date(2023, 10, 1)),
        b.activity(date(2023, 10, 2), status="cancelled"),
    )
    Headcount.objects.create(activity=held, category=Category.ADULT, gender="woman", count=7)
    Headcount.objects.create(
        activity=held, category=Category.CHILD_YOUTH, gender="unknown", count=5
    )
    Headcount.objects.create(activity=cancelled, category=Category.ADULT, gender="man", count=9)
    assert b.figures()["visits"]["headcount"] == 12


def test_it_counts_individual_support_in_the_period(b):
    p, q = b.participant("P"), b.participant("Q")
    for day, who in [
        (date(2023, 7, 3), p),
        (date(2023, 8, 3), p),
        (date(2023, 8, 4), q),
        (date(2023, 8, 5), None),
        (date(2024, 2, 1), q),
    ]:
        IndividualSupport.objects.create(program=b.program, date=day, participant=who)
    assert b.figures()["individual_support"] == {"participants": 2, "contacts": 4}


def test_it_breaks_figures_down_by_workshop(b):
    other = Workshop.objects.create(program=b.program, key="v", name="V")
    Workshop.objects.create(program=b.program, key="idle", name="Idle")
    p, q = b.participant("P"), b.participant("Q")
    a1 = b.activity(date(2023, 8, 1))
    a2 = b.activity(date(2023, 8, 2), kind="courtyard_party")
    a3 = b.activity(date(2023, 8, 3), workshop=other)
    b.activity(date(2023, 8, 4), workshop=None, kind="area_day")
    b.attend(a1, p, q)
    b.attend(a2, p)
    b.attend(a3, q)
    Headcount.objects.create(activity=a3, category=Category.ADULT, gender="unknown", count=10)
    f = b.figures()
    assert f["by_workshop"] == {
        "v": {"activities": 1, "large_events": 0, "unique_participants": 1, "visits": 11},
        "w": {"activities": 1, "large_events": 1, "unique_participants": 2, "visits": 3},
    }
    assert f["large_events"] == 2


def test_it_suppresses_small_counts_for_external_readers(b, settings):
    settings.SUPPRESS_BELOW = 5
    activities = [b.activity(date(2023, 8, d)) for d in range(1, 8)]
    p = b.participant("P")
    b.attend(activities[0], p)
    internal, external = b.figures(), b.figures(audience="external")
    assert internal["activities"] == 7 and external["activities"] == 7
    assert internal["unique_participants"]["total"] == 1
    assert external["unique_participants"]["total"] == "<5"
    assert external["unique_participants"]["child_youth"] == 0
    assert external["by_workshop"]["w"]["unique_participants"] == "<5"
    assert external["audience"] == "external"


def test_it_follows_the_threshold_setting_in_the_label(b, settings):
    settings.SUPPRESS_BELOW = 10
    for d in range(1, 8):
        b.activity(date(2023, 8, d))
    assert b.figures(audience="external")["activities"] == "<10"


def test_it_refuses_an_unknown_audience(b):
    with pytest.raises(ValueError, match="audience"):
        b.figures(audience="public")


def test_it_names_program_and_period(b):
    f = b.figures(Period.parse("2023-07-01..2023-12-31"))
    assert f["program"] == "fig"
    assert f["period"] == {
        "label": "2023-07-01..2023-12-31",
        "start": "2023-07-01",
        "end": "2023-12-31",
    }
    assert set(f) == {
        "program",
        "period",
        "audience",
        "activities",
        "large_events",
        "cancelled_activities",
        "unique_participants",
        "recurring_participants",
        "visits",
        "individual_support",
        "by_workshop",
    }


def test_activities_by_month_agree_with_the_figures_of_each_month(b):
    from jamlik.reports.figures import activities_by_month

    other = Workshop.objects.create(program=b.program, key="v", name="V")
    for day, workshop, kind, status in [
        (date(2023, 7, 3), "default", "health_circle", "held"),
        (date(2023, 7, 31), "default", "health_circle", "held"),
        (date(2023, 8, 1), other, "culture", "held"),
        (date(2023, 8, 2), None, "other", "held"),
        (date(2023, 8, 3), "default", "area_day", "held"),
        (date(2023, 8, 4), "default", "health_circle", "cancelled"),
        (date(2023, 12, 31), other, "culture", "held"),
    ]:
        b.activity(day, workshop=workshop, kind=kind, status=status)
    by_month = activities_by_month(program=b.program, period=H2)
    for month in range(7, 13):
        start = date(2023, month, 1)
        end = (date(2023, month + 1, 1) if month < 12 else date(2024, 1, 1)) - timedelta(days=1)
        f = b.figures(Period(f"{start}..{end}", start, end))
        counts = by_month.get(start, {})
        assert sum(counts.values()) == f["activities"]
        for key, row in f["by_workshop"].items():
            assert counts.get(key, 0) == row["activities"]
    assert by_month[date(2023, 8, 1)] == {"v": 1, None: 1}


def test_it_takes_the_same_queries_however_many_workshops_and_participants(b):
    b.attend(b.activity(date(2023, 9, 4)), b.participant("A"))
    with CaptureQueriesContext(connection) as few:
        b.figures()
    for i in range(5):
        workshop = Workshop.objects.create(program=b.program, key=f"w{i}", name=f"W{i}")
        activity = b.activity(date(2023, 9, 5 + i), workshop=workshop)
        b.attend(activity, *(b.participant(f"P{i}-{j}") for j in range(3)))
    with CaptureQueriesContext(connection) as many:
        figures = b.figures()
    assert len(figures["by_workshop"]) == 6
    assert len(many.captured_queries) == len(few.captured_queries) <= 6
