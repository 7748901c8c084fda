from datetime import date
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command

from jamlik.organisations.demo import FUNDER_USERNAME, SLUG
from jamlik.organisations.evaluation import instruments_in_use
from jamlik.programs.demo import DEMO_PASSWORD, DEMO_SLUG
from jamlik.programs.models import Program


@pytest.mark.django_db
def test_the_demo_has_a_city_of_three_programs_and_a_funder_officer(settings, tmp_path, client):
    settings.VAR_DIR = tmp_path / "var"
    out = StringIO()
    with time_machine.travel(date(2025, 9, 15)):
        call_command("demo", "--no-serve", stdout=out)
    programs = list(Program.objects.filter(organisation__slug=SLUG).order_by("slug"))
    assert [p.slug for p in programs] == [DEMO_SLUG, "norrby-demo", "sjoang-demo"]
    sizes = [p.activities.count() for p in programs]
    assert sizes[1] > 1.5 * sizes[0]
    used = instruments_in_use(programs)
    assert len(used["who5@1998"]) == 3 and len(used["srh_who@1996"]) == 3
    funder = User.objects.get(username=FUNDER_USERNAME)
    assert funder.check_password(DEMO_PASSWORD) and not funder.program_roles.exists()
    assert f"/o/{SLUG}/" in out.getvalue()
    assert client.login(username=FUNDER_USERNAME, password=DEMO_PASSWORD)
    assert client.get(f"/o/{SLUG}/?period=2024H2").status_code == 200
