from datetime import date

import pytest
import time_machine

from conftest import PASSWORD
from jamlik.activities.models import Activity, Attendance, Participant
from jamlik.people.models import ProgramRole
from jamlik.programs.models import Program
from jamlik.reports.aggregates import ensure_built


def login(client, user):
    client.login(username=user, password=PASSWORD)


@pytest.mark.parametrize("user", ["leader", "promoter_a"])
def test_it_shows_the_figures_of_the_period_and_the_one_before(client, world, user):
    login(client, user)
    response = client.get("/p/test/?period=2024H1")
    assert response.status_code == 200
    headline = {row["label"]: row for row in response.context["headline"]}
    assert len(headline) == 4
    activities = response.context["headline"][0]
    assert (activities["current"], activities["previous"], activities["change"]) == (2, 0, 2)
    assert response.context["previous_period"].label == "2023H2"


def test_it_suppresses_small_counts_for_viewers(client, world):
    login(client, "viewer")
    response = client.get("/p/test/?period=2024H1")
    participants = response.context["headline"][2]
    assert participants["current"] == "<5"
    assert participants["change"] is None
    assert "&lt;5" in response.content.decode()


def test_it_shows_exact_counts_to_the_leader(client, world):
    login(client, "leader")
    response = client.get("/p/test/?period=2024H1")
    assert response.context["headline"][2]["current"] == 2


def test_it_shows_each_workshop(client, world):
    login(client, "leader")
    rows = client.get("/p/test/?period=2024H1").context["by_workshop"]
    assert [(r["key"], r["current"]["unique_participants"]) for r in rows] == [("a", 1), ("b", 1)]


def test_it_explains_a_bad_period_and_falls_back_to_the_current_half_year(client, world):
    login(client, "leader")
    response = client.get("/p/test/?period=soon")
    assert response.status_code == 200
    assert response.context["period_error"] == (
        "”soon” är ingen period: skriv ett halvår (2023H1 eller 2023H2), ett år (2023) "
        "eller två datum (2023-07-01..2023-12-31)."
    )
    assert "2023H1 eller 2023H2" in response.content.decode()


def test_it_takes_a_half_year_in_lower_case(client, world):
    login(client, "leader")
    response = client.get("/p/test/?period=2024h1")
    assert response.context["period_error"] == ""
    assert response.context["period"].label == "2024H1"


@pytest.mark.parametrize("user", ["outsider", "admin"])
def test_it_hides_the_program_from_users_without_a_role(client, world, django_user_model, user):
    if user == "admin":
        django_user_model.objects.create_superuser("admin", password=PASSWORD)
    login(client, user)
    assert client.get("/p/test/").status_code == 404
    assert client.get("/p/test/partners/").status_code == 404


def test_it_sends_anonymous_visitors_to_the_login_page(client, world):
    response = client.get("/p/test/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_it_takes_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries, settings
):
    # The queries production makes: without the suite's recomputation of every figure.
    settings.FIGURES_CACHE_CHECK = False
    for n in range(20):
        activity = Activity.objects.create(
            program=world.program,
            key=f"x{n}",
            workshop=world.workshop_a,
            kind="culture",
            date=date(2024, 4, 1 + n % 28),
            title="x",
        )
        p = Participant.objects.create(program=world.program, code=f"T-X{n}", category="adult")
        Attendance.objects.create(activity=activity, participant=p)
    login(client, "leader")
    ensure_built(world.program)  # once per program (the first figures read does it)
    with django_assert_max_num_queries(30):
        client.get("/p/test/?period=2024H1")


def test_home_goes_straight_to_the_only_program(client, world):
    login(client, "promoter_a")
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/p/test/"


def test_home_lists_several_programs(client, world):
    from jamlik.people.models import ProgramRole
    from jamlik.programs.models import Program

    other = Program.objects.create(slug="other", name="Annat program")
    ProgramRole.objects.create(user=world.leader, program=other, role="viewer")
    login(client, "leader")
    response = client.get("/")
    assert response.status_code == 200
    assert "Annat program" in response.content.decode()


def test_partners_page_flags_missing_pentahelix_sectors(client, world):
    from jamlik.partners.models import Partner, Partnership

    uni = Partner.objects.create(name="Exempeluniversitetet", sector="academia")
    Partnership.objects.create(program=world.program, partner=uni, role="iop_party")
    login(client, "viewer")
    sectors = {
        value: present
        for value, _label, present in client.get("/p/test/partners/").context["sectors"]
    }
    assert sectors == {
        "public": False,
        "nonprofit": False,
        "private": False,
        "academia": True,
        "residents": False,
    }


def test_it_opens_on_the_latest_half_year_with_activities(client, world):
    login(client, "leader")
    with time_machine.travel(date(2026, 11, 25)):
        response = client.get("/p/test/")
    assert response.context["period"].label == "2024H1"


def test_it_opens_on_the_current_half_year_when_it_has_activities(client, world):
    Activity.objects.create(
        program=world.program,
        key="now",
        workshop=world.workshop_a,
        kind="culture",
        date=date(2026, 9, 1),
        title="Nu",
    )
    login(client, "leader")
    with time_machine.travel(date(2026, 11, 25)):
        response = client.get("/p/test/")
    assert response.context["period"].label == "2026H2"


def test_the_admin_s_home_links_the_admin_and_the_programs_without_a_role(
    client, world, django_user_model
):
    other = Program.objects.create(slug="other", name="Annat program")
    admin = django_user_model.objects.create_superuser("admin", password=PASSWORD)
    ProgramRole.objects.create(user=admin, program=other, role="leader")
    login(client, "admin")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200  # not sent on to its one program
    html = response.content.decode()
    assert 'href="/admin/"' in html
    assert f"/admin/programs/program/{world.program.pk}/change/" in html
    assert "Testprogrammet" in html and other.get_absolute_url() in html
    assert "Ask your program leader" not in html
    assert f"/admin/programs/program/{other.pk}/change/" not in html


def test_a_user_without_a_role_is_told_to_ask_the_program_leader(client, world):
    login(client, "outsider")
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Ask your program leader" in html
    assert 'href="/admin/"' not in html
