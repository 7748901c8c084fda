"""Figures are computed once per program-period and never served stale after a write.

These tests turn FIGURES_CACHE_CHECK off: they see the cache as users do, and check the
figures shown against a plain recomputation themselves.
"""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from conftest import PASSWORD
from jamlik.activities import services
from jamlik.activities.models import Activity, Category, Participant
from jamlik.lib.periods import Period
from jamlik.people.access import get_program_access
from jamlik.people.models import ProgramRole
from jamlik.programs.demo import seed_program
from jamlik.programs.models import Program
from jamlik.reports.figures import compute_figures, figures_changed, figures_for
from jamlik.reports.models import CachedFigures
from jamlik.workshops.models import Workshop

API = "/api/programs/test/figures?period=2024H1"
DASHBOARD = "/p/test/?period=2024H1"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _as_users_see_it(settings):
    settings.FIGURES_CACHE_CHECK = False


@pytest.fixture
def leader(client, world):
    assert client.login(username="leader", password=PASSWORD)
    return client


def shown(client) -> dict:
    """The figures as the API shows them, after the dashboard has shown them too."""
    client.get(DASHBOARD)
    return client.get(API).json()


def recomputed(world, period: str = "2024H1") -> dict:
    return compute_figures(program=world.program, period=Period.parse(period))


def headline(client, row: int):
    """The dashboard's current value in headline row `row` (0 activities, 2 participants)."""
    return client.get(DASHBOARD).context["headline"][row]["current"]


def url(name, *args):
    return reverse(f"activities:{name}", args=["test", *args])


def test_it_computes_a_period_once_and_reads_it_after(leader, world, django_assert_num_queries):
    first = shown(leader)
    period = Period.parse("2024H1")
    with django_assert_num_queries(2):  # the stamp and the stored figures
        again = figures_for(program=world.program, period=period)
    assert first == again == recomputed(world)


def test_marking_present_and_absent_shows_at_once(leader, world):
    before = shown(leader)
    leader.post(url("mark", "a-1"), {"code": "T-BBBB", "present": "1"}, **HTMX)
    after = shown(leader)
    assert after["visits"]["registered"] == before["visits"]["registered"] + 1
    assert after == recomputed(world)
    leader.post(url("mark", "a-1"), {"code": "T-AAAA", "present": "0"}, **HTMX)
    leader.post(url("mark", "b-1"), {"code": "T-BBBB", "present": "0"}, **HTMX)
    after = shown(leader)
    assert after["unique_participants"]["total"] == 1
    assert after == recomputed(world)
    assert headline(leader, 2) == 1


def test_registering_a_participant_shows_at_once(leader, world):
    before = shown(leader)
    html = leader.get(url("attendance", "a-1")).content.decode()
    code = re.search(r'name="code" value="(T-[A-Z0-9]+)" id="id_code"', html)[1]
    data = {"code": code, "category": "professional", "gender": "unknown", "birth_year": ""}
    leader.post(url("participant_new", "a-1"), data, **HTMX)
    after = shown(leader)
    assert after["unique_participants"]["professional"] == 1
    assert after["unique_participants"]["total"] == before["unique_participants"]["total"] + 1
    assert after == recomputed(world)


def test_a_headcount_shows_at_once(leader, world):
    shown(leader)
    data = {"category": "adult", "gender": "unknown", "count": "7"}
    leader.post(url("headcount", "a-1"), data, **HTMX)
    assert shown(leader)["visits"]["headcount"] == 7
    leader.post(url("headcount", "a-1"), {**data, "count": "0"}, **HTMX)
    assert shown(leader)["visits"]["headcount"] == 0
    assert shown(leader) == recomputed(world)


def test_cancelling_an_activity_shows_at_once(leader, world):
    shown(leader)
    leader.post(url("status", "a-1"), {"status": "cancelled"}, **HTMX)
    after = shown(leader)
    assert (after["activities"], after["cancelled_activities"]) == (1, 1)
    assert after == recomputed(world)
    assert headline(leader, 0) == 1


def test_a_new_activity_shows_at_once(leader, world):
    shown(leader)
    form = leader.get(url("new") + "?workshop=a").content.decode()
    key = re.search(r'name="key" value="([^"]*)"', form)[1]
    data = {
        "key": key,
        "workshop": world.workshop_a.pk,
        "date": "2024-04-10",
        "kind": "health_circle",
        "large_event": "auto",
        "title": "Ny cirkel",
        "status": "held",
    }
    assert leader.post(url("new"), data).status_code == 302
    after = shown(leader)
    assert after["activities"] == 3
    assert after == recomputed(world)


def test_a_support_contact_shows_at_once(leader, world):
    shown(leader)
    data = {"date": "2024-04-02", "kind": "referral", "minutes": "20", "workshop": ""}
    assert leader.post(url("support_new", "T-AAAA"), data).status_code == 302
    after = shown(leader)
    assert after["individual_support"] == {"participants": 1, "contacts": 1}
    assert after == recomputed(world)


def test_an_import_shows_at_once(leader, world, tmp_path):
    shown(leader)
    (tmp_path / "attendance.csv").write_text("activity,participant\na-1,T-BBBB\n", "utf-8")
    (tmp_path / "headcounts.csv").write_text("activity,category,gender,count\nb-1,adult,man,4\n")
    call_command("import", "--program", "test", str(tmp_path))
    after = shown(leader)
    assert after["visits"] == {"registered": 3, "headcount": 4}
    assert after == recomputed(world)


def test_an_activity_deleted_in_the_admin_shows_at_once(leader, world):
    shown(leader)
    admin = User.objects.create_superuser("root", password=PASSWORD)
    leader.force_login(admin)
    delete = reverse("admin:activities_activity_delete", args=[world.activity_b.pk])
    assert leader.post(delete, {"post": "yes"}).status_code == 302
    leader.force_login(world.leader)
    after = shown(leader)
    assert after["activities"] == 1
    assert after == recomputed(world)


def test_a_workshop_key_changed_in_the_admin_shows_at_once(leader, world):
    shown(leader)
    admin = User.objects.create_superuser("root", password=PASSWORD)
    leader.force_login(admin)
    change = reverse("admin:workshops_workshop_change", args=[world.workshop_a.pk])
    data = {
        "program": world.program.pk,
        "key": "a-new",
        "name": "Verkstad A",
        "theme": "",
        "status": world.workshop_a.status,
        "health_promoters": [p.pk for p in world.workshop_a.health_promoters.all()],
    }
    assert leader.post(change, data).status_code == 302
    leader.force_login(world.leader)
    assert set(shown(leader)["by_workshop"]) == {"a-new", "b"}


def test_a_write_in_one_half_year_keeps_the_others_cached(leader, world):
    figures_for(program=world.program, period=Period.parse("2023H2"))
    closed = CachedFigures.objects.get(start=date(2023, 7, 1))
    leader.post(url("mark", "a-1"), {"code": "T-BBBB", "present": "1"}, **HTMX)
    figures_for(program=world.program, period=Period.parse("2023H2"))
    assert CachedFigures.objects.get(pk=closed.pk).stamp == closed.stamp
    # ...while the year that holds the written half-year is computed again.
    year = figures_for(program=world.program, period=Period.parse("2024"))
    assert year["visits"]["registered"] == 3


def test_seeding_again_shows_the_new_data(db, client, settings):
    seed_program(slug="seeded", seed=1)
    period = Period.parse("2023H2")
    program = Program.objects.get(slug="seeded")
    first = figures_for(program=program, period=period)
    seed_program(slug="seeded", seed=2, replace=True)
    again = figures_for(program=program, period=period)
    assert again == compute_figures(program=program, period=period)
    assert again != first


# A property: on random data and random writes, the cached figures are the plain ones.

DAYS = st.dates(min_value=date(2023, 11, 1), max_value=date(2024, 8, 31))
PERIODS = st.one_of(
    st.sampled_from(["2023H2", "2024H1", "2024H2", "2024", "2024-02-15..2024-07-20"]),
    # Any date range, cutting its first and last weeks on any weekday.
    st.tuples(DAYS, st.integers(0, 150)).map(lambda t: f"{t[0]}..{t[0] + timedelta(days=t[1])}"),
)
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("activity"), DAYS, st.integers(0, 2), st.booleans()),
        st.tuples(st.just("status"), st.integers(0, 30), st.sampled_from(["held", "cancelled"])),
        st.tuples(st.just("attend"), st.integers(0, 30), st.integers(0, 5), st.booleans()),
        st.tuples(st.just("headcount"), st.integers(0, 30), st.integers(0, 9)),
        st.tuples(st.just("support"), DAYS, st.integers(0, 5)),
        st.tuples(st.just("read"), PERIODS),
    ),
    max_size=25,
)


class FiguresCacheProperty(TestCase):
    def setUp(self):
        self.program = Program.objects.create(slug="prop", name="Prop", code_prefix="P")
        self.workshops = [
            Workshop.objects.create(program=self.program, key=k, name=k) for k in ("x", "y")
        ]
        user = User.objects.create_user("lead")
        ProgramRole.objects.create(user=user, program=self.program, role="leader")
        self.access = get_program_access(user, "prop")
        categories = [Category.ADULT, Category.CHILD_YOUTH, Category.PROFESSIONAL]
        self.people = [
            Participant.objects.create(
                program=self.program, code=f"P-{n}", category=categories[n % 3]
            )
            for n in range(6)
        ]
        # Some attendance in six weeks, so that recurring participants exist.
        for week in range(6):
            self.apply(("activity", date(2024, 1, 8) + timedelta(weeks=week), 0, False))
            self.apply(("attend", week, 0, True))

    def apply(self, op) -> None:
        kind, *args = op
        activities = list(Activity.objects.filter(program=self.program).order_by("pk"))
        if kind == "activity":
            day, workshop, large = args
            services.create_activity(
                access=self.access,
                key=f"k{len(activities)}",
                workshop=self.workshops[workshop] if workshop < 2 else None,
                kind="area_day" if large else "health_circle",
                large_event=large,
                date=day,
                title="t",
            )
        elif kind == "support":
            day, person = args
            services.add_support_contact(
                access=self.access, participant=self.people[person], date=day
            )
        elif activities:
            activity = activities[args[0] % len(activities)]
            if kind == "status":
                services.set_activity_status(access=self.access, activity=activity, status=args[1])
            elif kind == "attend":
                services.set_attendance(
                    access=self.access,
                    activity=activity,
                    participant=self.people[args[1]],
                    present=args[2],
                )
            elif kind == "headcount":
                services.set_headcount(
                    access=self.access,
                    activity=activity,
                    category="adult",
                    gender="unknown",
                    count=args[1],
                )

    @override_settings(FIGURES_CACHE_CHECK=False)
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(operations=OPERATIONS)
    def test_cached_figures_equal_plain_ones_after_any_writes(self, operations):
        final = [("read", "2024"), ("read", "2024H1"), ("read", "2024-01-10..2024-03-02")]
        for op in [*operations, *final]:
            if op[0] == "read":
                period = Period.parse(op[1])
                for audience in ("internal", "external"):
                    assert figures_for(
                        program=self.program, period=period, audience=audience
                    ) == compute_figures(program=self.program, period=period, audience=audience)
            else:
                self.apply(op)


def test_figures_changed_without_days_makes_every_period_stale(world):
    for label in ("2023H2", "2024H1", "2024"):
        figures_for(program=world.program, period=Period.parse(label))
    stamps = dict(CachedFigures.objects.values_list("pk", "stamp"))
    figures_changed(program=world.program)
    for label in ("2023H2", "2024H1", "2024"):
        figures_for(program=world.program, period=Period.parse(label))
    assert all(row.stamp != stamps[row.pk] for row in CachedFigures.objects.all())
