"""The figures aggregates (reports/aggregates.py) stay exact after every kind of write.

Each test reads date ranges (never cached, always added up from the aggregates) that cut
the world's weeks on different weekdays, after a write through one of the paths that
write figures' data, and compares them with a plain recomputation. FIGURES_CACHE_CHECK
is off, so these tests see what users see.
"""

import io
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD
from jamlik.activities.erasure import erase_participant
from jamlik.activities.models import Activity, Attendance
from jamlik.lib.periods import Period
from jamlik.programs.demo import seed_program
from jamlik.programs.models import Program
from jamlik.reports import aggregates
from jamlik.reports.figures import compute_figures, figures_changed, figures_for
from jamlik.reports.models import FiguresBuilt, FiguresDay, FiguresWeek, FiguresWorkshopWeek

HTMX = {"HTTP_HX_REQUEST": "true"}
# a-1 is on Tuesday 2024-03-05, b-1 on Wednesday 2024-03-06, in the same ISO week.
RANGES = [
    "2024-03-06..2024-06-30",  # from Wednesday: b-1 only
    "2024-03-05..2024-03-05",  # one Tuesday: a-1 only
    "2024-03-04..2024-03-10",  # the whole week
    "2024-01-01..2024-12-31",
    "2023-12-20..2024-03-05",
]


@pytest.fixture(autouse=True)
def _as_users_see_it(settings):
    settings.FIGURES_CACHE_CHECK = False


@pytest.fixture
def leader(client, world):
    assert client.login(username="leader", password=PASSWORD)
    return client


def api(client, period: str) -> dict:
    response = client.get(f"/api/programs/test/figures?period={period}")
    assert response.status_code == 200
    return response.json()


def assert_exact(client, world) -> list[dict]:
    """Every range as the API shows it equals compute_figures; returns them."""
    shown = []
    for label in RANGES:
        figures = api(client, label)
        assert figures == compute_figures(program=world.program, period=Period.parse(label))
        shown.append(figures)
    return shown


def url(name, *args):
    return reverse(f"activities:{name}", args=["test", *args])


def test_ranges_cutting_a_week_count_only_their_days(leader, world):
    b_only, a_only, week, *_ = assert_exact(leader, world)
    assert b_only["unique_participants"]["child_youth"] == 1
    assert b_only["unique_participants"]["total"] == 1
    assert a_only["unique_participants"] == {**a_only["unique_participants"], "adult": 1}
    assert a_only["by_workshop"].keys() == {"a"}
    assert week["unique_participants"]["total"] == 2
    assert week["visits"]["registered"] == 2


def test_the_first_read_builds_them_and_a_write_without_days_drops_them(leader, world):
    assert not FiguresBuilt.objects.filter(program=world.program).exists()
    assert_exact(leader, world)
    assert FiguresBuilt.objects.filter(program=world.program).exists()
    assert FiguresWeek.objects.filter(program=world.program).count() == 2
    figures_changed(program=world.program)
    assert not FiguresBuilt.objects.filter(program=world.program).exists()
    assert not FiguresDay.objects.filter(program=world.program).exists()
    assert_exact(leader, world)


def test_marking_on_the_web_keeps_them_exact(leader, world):
    assert_exact(leader, world)
    leader.post(url("mark", "b-1"), {"code": "T-AAAA", "present": "1"}, **HTMX)
    b_only, *_ = assert_exact(leader, world)
    assert b_only["unique_participants"]["total"] == 2
    leader.post(url("mark", "a-1"), {"code": "T-AAAA", "present": "0"}, **HTMX)
    _, a_only, *_ = assert_exact(leader, world)
    assert a_only["unique_participants"]["total"] == 0


def test_marking_through_the_api_keeps_them_exact(leader, world):
    assert_exact(leader, world)
    path = "/api/programs/test/activities/b-1/attendance/T-AAAA"
    assert leader.put(path).status_code in (200, 201)
    assert assert_exact(leader, world)[0]["visits"]["registered"] == 2
    assert leader.delete(path).status_code == 204
    assert assert_exact(leader, world)[0]["visits"]["registered"] == 1


def test_headcounts_status_and_new_activities_keep_them_exact(leader, world):
    assert_exact(leader, world)
    data = {"category": "adult", "gender": "unknown", "count": "7"}
    leader.post(url("headcount", "b-1"), data, **HTMX)
    assert assert_exact(leader, world)[0]["visits"]["headcount"] == 7
    leader.post(url("status", "b-1"), {"status": "cancelled"}, **HTMX)
    b_only = assert_exact(leader, world)[0]
    assert (b_only["activities"], b_only["cancelled_activities"]) == (0, 1)
    assert b_only["unique_participants"]["total"] == 0
    data = {"date": "2024-04-02", "kind": "referral", "minutes": "20", "workshop": ""}
    assert leader.post(url("support_new", "T-AAAA"), data).status_code == 302
    assert assert_exact(leader, world)[0]["individual_support"]["contacts"] == 1


def test_an_import_keeps_them_exact(leader, world, tmp_path):
    assert_exact(leader, world)
    (tmp_path / "attendance.csv").write_text("activity,participant\nb-1,T-AAAA\n", "utf-8")
    call_command("import", "--program", "test", str(tmp_path))
    assert assert_exact(leader, world)[0]["unique_participants"]["total"] == 2


def test_the_admin_keeps_them_exact(leader, world):
    assert_exact(leader, world)
    admin = User.objects.create_superuser("root", password=PASSWORD)
    leader.force_login(admin)
    change = reverse("admin:activities_activity_change", args=[world.activity_a.pk])
    page = leader.get(change)
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "program": world.program.pk,
            "workshop": world.workshop_a.pk,
            "date": "2024-03-07",  # moved from Tuesday to Thursday
            "start_time": "",
            "duration_minutes": "",
        }
    )
    response = leader.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    leader.force_login(world.leader)
    _, a_only, *_ = assert_exact(leader, world)
    assert a_only["activities"] == 0


def test_an_erasure_keeps_them_exact(leader, world):
    assert_exact(leader, world)
    erase_participant(user=world.leader, participant=world.participant_b)
    b_only, *_ = assert_exact(leader, world)
    assert b_only["unique_participants"]["total"] == 0
    assert b_only["visits"]["registered"] == 0


def test_seeding_again_keeps_them_exact(db):
    seed_program(slug="seeded", seed=1)
    program = Program.objects.get(slug="seeded")
    period = Period.parse("2023-08-09..2023-11-21")
    first = figures_for(program=program, period=period)
    assert first == compute_figures(program=program, period=period)
    seed_program(slug="seeded", seed=2, replace=True)
    again = figures_for(program=program, period=period)
    assert again == compute_figures(program=program, period=period)
    assert again != first


def test_a_mark_rebuilds_one_week_and_reads_no_raw_attendance(leader, world):
    assert_exact(leader, world)
    with CaptureQueriesContext(connection) as write:
        leader.post(url("mark", "b-1"), {"code": "T-AAAA", "present": "1"}, **HTMX)
    rebuilt = [q["sql"] for q in write.captured_queries if "INSERT INTO" in q["sql"]]
    assert any("reports_figuresweek" in sql and "2024-03-04" in sql for sql in rebuilt)
    with CaptureQueriesContext(connection) as read:
        figures_for(program=world.program, period=Period.parse("2024-02-01..2024-05-31"))
    assert not any("activities_attendance" in q["sql"] for q in read.captured_queries)


def test_rebuilt_rows_equal_a_fresh_build(leader, world):
    """After incremental writes the aggregate rows are those a build from scratch gives."""
    assert_exact(leader, world)
    extra = Activity.objects.create(
        program=world.program,
        key="a-2",
        workshop=world.workshop_a,
        kind="area_day",
        large_event=True,
        date=date(2024, 3, 10),
        title="Områdesdag",
    )
    Attendance.objects.create(activity=extra, participant=world.participant_b)
    figures_changed(program=world.program, days=[extra.date])
    leader.post(url("mark", "a-1"), {"code": "T-BBBB", "present": "1"}, **HTMX)

    def rows():
        return {
            model.__name__: sorted(model.objects.filter(program=world.program).values_list(*fields))
            for model, fields in (
                (FiguresDay, ("day", "workshop", "activities", "large_events", "visits")),
                (FiguresWeek, ("week", "participant", "category", "days", "regular_days")),
                (FiguresWorkshopWeek, ("week", "workshop", "participant", "days")),
            )
        }

    incremental = rows()
    FiguresBuilt.objects.filter(program=world.program).delete()
    aggregates.ensure_built(world.program)
    assert rows() == incremental
    # b attended Tuesday and Wednesday (regular) and Sunday (a larger event) that week.
    week_b = FiguresWeek.objects.get(participant=world.participant_b)
    assert (week_b.days, week_b.regular_days) == (0b1000110, 0b0000110)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_marks_in_one_week_stay_exact(world):
    """Two promoters mark at once at the same activity: each rebuild of the day waits for
    the other's commit (the program's row lock), so neither loses the other's marks."""
    import threading

    from jamlik.activities import services
    from jamlik.activities.models import Participant
    from jamlik.people.access import get_program_access

    aggregates.ensure_built(world.program)
    people = [
        Participant.objects.create(program=world.program, code=f"T-C{n}", category="adult")
        for n in range(8)
    ]
    start = threading.Barrier(2)
    errors = []

    def promoter(activity, mine):
        try:
            access = get_program_access(world.leader, "test")
            start.wait()
            for person in mine:
                services.set_attendance(
                    access=access, activity=activity, participant=person, present=True
                )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()  # this thread's own

    threads = [
        threading.Thread(target=promoter, args=(world.activity_a, people[:4])),
        threading.Thread(target=promoter, args=(world.activity_a, people[4:])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    period = Period.parse("2024-03-04..2024-03-10")
    figures = figures_for(program=world.program, period=period)
    assert figures == compute_figures(program=world.program, period=period)
    assert figures["unique_participants"]["total"] == 10
    assert figures["visits"]["registered"] == 10


def test_figures_rebuild_builds_them_again_from_the_raw_tables(leader, world):
    assert_exact(leader, world)
    # Written past the application (as an older release would during an upgrade).
    Attendance.objects.create(activity=world.activity_b, participant=world.participant_a)
    out = io.StringIO()
    call_command("figures_rebuild", stdout=out)
    assert out.getvalue() == "test: figures rebuilt\n"
    assert FiguresBuilt.objects.filter(program=world.program).exists()
    b_only, *_ = assert_exact(leader, world)
    assert b_only["unique_participants"]["total"] == 2
