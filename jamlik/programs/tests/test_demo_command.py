from datetime import date
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from jamlik.people.access import ethics_approvals_for, get_program_access
from jamlik.people.models import HealthPromoter, ProgramRole
from jamlik.programs.demo import DEMO_PASSWORD, DEMO_SLUG
from jamlik.programs.models import Program
from jamlik.surveys.demo import delete_evaluation_data
from jamlik.surveys.export import export_table

USERNAMES = ["ledare", "framjare", "framjare2", "hubb", "styrgrupp", "forskare", "lasare", "admin"]


@pytest.fixture(autouse=True)
def _today():
    """The demo's record runs up to the day it is loaded: a day soon after the tests' usual
    record end keeps each load short (and the same on any day the tests run)."""
    with time_machine.travel(date(2025, 9, 15)):
        yield


def run_demo() -> str:
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_loads_the_program_and_one_login_per_role_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    first = run_demo()
    assert (tmp_path / "var").is_dir()
    program = Program.objects.get(slug=DEMO_SLUG)
    activities = program.activities.count()
    assert "Loaded the demo program" in first

    second = run_demo()
    assert "Using the existing demo program" in second
    assert program.activities.count() == activities
    assert Program.objects.filter(slug=DEMO_SLUG).count() == 1

    roles = dict(ProgramRole.objects.filter(program=program).values_list("user__username", "role"))
    assert roles == {
        "ledare": "leader",
        "framjare": "promoter",
        "framjare2": "promoter",
        "hubb": "hub",
        "styrgrupp": "steering",
        "forskare": "researcher",
        "lasare": "viewer",
    }
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert not admin.program_roles.exists()
    for username in USERNAMES:
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
        assert f"  {username} " in second
    assert DEMO_PASSWORD in second
    assert "http://127.0.0.1:8000/" in second


@pytest.mark.django_db
def test_it_links_each_promoter_login_to_other_workshops(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    run_demo()
    run_demo()
    workshops = {}
    for username in ["framjare", "framjare2"]:
        profile = HealthPromoter.objects.get(program__slug=DEMO_SLUG, user__username=username)
        workshops[username] = set(profile.workshops.values_list("key", flat=True))
    assert len(workshops["framjare"]) >= 2
    assert workshops["framjare2"]
    assert not workshops["framjare"] & workshops["framjare2"]
    assert HealthPromoter.objects.filter(user__isnull=False).count() == 2


@pytest.mark.django_db
def test_it_reloads_a_demo_program_without_the_other_apps(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    run_demo()
    program = Program.objects.get(slug=DEMO_SLUG)
    delete_evaluation_data(program=program)

    out = run_demo()

    assert "Loaded the demo program" in out
    # The two questionnaire waves, besides the CBPR round's partnership questionnaire.
    assert program.waves.filter(cbpr_round__isnull=True).count() == 2
    assert program.needs.exists()
    assert ProgramRole.objects.filter(program=program).count() == 7


@pytest.mark.django_db
def test_it_gives_the_researcher_a_current_approval_to_export_under(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    out = run_demo()
    researcher = User.objects.get(username="forskare")
    access = get_program_access(researcher, DEMO_SLUG)

    approvals = list(ethics_approvals_for(access, today=timezone.localdate()))

    assert len(approvals) == 1
    assert approvals[0].study in out
    assert approvals[0].waves.count() == 2
    header, rows = export_table(approvals[0])
    assert len(rows) > 100
    assert not any("LIN-" in str(cell) for row in rows for cell in row)
