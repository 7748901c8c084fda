import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import PASSWORD, make_user
from jamlik.finance.models import FteAllocation
from jamlik.people.models import AuditEvent, Candidate, HealthPromoter, ProgramRole, TrainingRecord
from jamlik.people.tests.helpers import salaries_line


@pytest.fixture
def login(client, world):
    def _login(username):
        client.logout()
        assert client.login(username=username, password=PASSWORD)
        return client

    return _login


@pytest.fixture
def hub(world):
    user = make_user("hub")
    ProgramRole.objects.create(user=user, program=world.program, role="hub")
    return user


def _promoter(world, key="a"):
    return HealthPromoter.objects.get(user=getattr(world, f"promoter_{key}"))


def _url(name, *args):
    return reverse(f"people:{name}", args=["test", *args])


def test_a_promoter_sees_their_own_plan_and_not_another(login, world, english):
    own, other = _promoter(world, "a"), _promoter(world, "b")
    client = login("promoter_a")
    response = client.get(_url("plans"))
    assert response.status_code == 302 and response.url == _url("promoter", own.pk)
    page = client.get(_url("promoter", own.pk))
    assert page.status_code == 200 and "Competence plan" in page.text
    assert "Allocate funded FTE" not in page.text
    assert client.get(_url("promoter", other.pk)).status_code == 404
    assert client.post(_url("plan_edit", own.pk), {"goals": "x"}).status_code == 404
    assert AuditEvent.objects.filter(object_type="health_promoter", action="view").count() == 1


@pytest.mark.parametrize("username", ["hub", "viewer", "outsider"])
def test_other_roles_get_404_for_plans(login, world, hub, username):
    client = login(username)
    assert client.get(_url("promoter", _promoter(world).pk)).status_code == 404


def test_the_leader_allocates_fte_and_is_refused_over_the_cap(login, world, english):
    line = salaries_line(world.program, fte_cap=100)
    promoter = _promoter(world)
    client = login("leader")
    data = {"line": line.pk, "percent": "60", "start": "2024-01-01"}
    response = client.post(_url("fte_new", promoter.pk), data, follow=True)
    assert "The FTE allocation was saved." in response.text
    other = _promoter(world, "b")
    response = client.post(_url("fte_new", other.pk), {**data, "start": "2024-03-01"}, follow=True)
    text = response.text.replace("\N{NO-BREAK SPACE}", " ")
    assert (
        "From 2024-03-01 the line “Hälsofrämjare” would pay 120,0 % FTE; its cap is 100,0 %."
        in (text)
    ), re.findall(r"From 2024[^<]*", text)
    assert FteAllocation.objects.count() == 1


def test_the_promoters_own_fte_is_a_cap_too(login, world, english):
    line = salaries_line(world.program, fte_cap=275)
    promoter = _promoter(world)
    promoter.fte_percent = Decimal(50)
    promoter.save()
    client = login("leader")
    data = {"line": line.pk, "percent": "75", "start": "2024-01-01"}
    response = client.post(_url("fte_new", promoter.pk), data, follow=True)
    text = response.text.replace("\N{NO-BREAK SPACE}", " ")
    assert "Promoter a would be funded for 75,0 %; they are employed for 50,0 %." in text, (
        re.findall(r"From 2024[^<]*", text)
    )
    assert not FteAllocation.objects.exists()


def test_only_the_leader_allocates_fte(login, world):
    line = salaries_line(world.program)
    client = login("promoter_a")
    data = {"line": line.pk, "percent": "10", "start": "2024-01-01"}
    assert client.post(_url("fte_new", _promoter(world).pk), data).status_code == 404
    assert client.get(_url("fte_new", _promoter(world).pk)).status_code == 405


def test_the_leader_employs_and_ends_a_promoter(login, world, english):
    client = login("leader")
    response = client.post(
        _url("promoter_new"),
        {
            "name": "Nadia",
            "fte_percent": "75",
            "started_on": "2024-02-01",
            "workshops": [world.workshop_a.pk],
        },
    )
    promoter = HealthPromoter.objects.get(name="Nadia")
    assert response.url == _url("promoter", promoter.pk)
    assert list(promoter.workshops.all()) == [world.workshop_a]
    client.post(_url("promoter_end", promoter.pk), {"ended_on": "2024-12-31"})
    promoter.refresh_from_db()
    assert promoter.ended_on == date(2024, 12, 31)


def test_ending_is_refused_while_funded_fte_runs_on(login, world, english):
    line = salaries_line(world.program)
    promoter = _promoter(world)
    FteAllocation.objects.create(line=line, promoter=promoter, percent=50, start=date(2024, 1, 1))
    client = login("leader")
    response = client.post(
        _url("promoter_end", promoter.pk), {"ended_on": "2024-06-30"}, follow=True
    )
    assert "still fund this health promoter" in response.text
    promoter.refresh_from_db()
    assert promoter.ended_on is None


def test_a_certificate_upload_is_checked_on_the_page(login, world, english, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login("leader")
    client.post(_url("trainings"), {"name": "Barnskydd"})
    training = world.program.trainings.get()
    promoter = _promoter(world)
    bad = SimpleUploadedFile("intyg.pdf", b"<html>not a pdf</html>")
    response = client.post(
        _url("training_record", promoter.pk),
        {"training": training.pk, "completed_on": "2024-03-01", "certificate": bad},
        follow=True,
    )
    assert "The file must be one of: PDF, PNG, JPEG" in response.text
    assert not TrainingRecord.objects.exists()
    good = SimpleUploadedFile("intyg.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    client.post(
        _url("training_record", promoter.pk),
        {"training": training.pk, "completed_on": "2024-03-01", "certificate": good},
    )
    record = TrainingRecord.objects.get()
    own = login("promoter_a").get(_url("certificate", promoter.pk, record.pk))
    assert own.status_code == 200 and own["Content-Disposition"].startswith("attachment")
    other = login("promoter_b").get(_url("certificate", promoter.pk, record.pk))
    assert other.status_code == 404


def test_recruitment_is_for_the_leader_and_the_hub(login, world, hub, english):
    client = login("hub")
    client.post(_url("candidate_new"), {"name": "Samir", "source": "workshop", "languages": "so"})
    candidate = Candidate.objects.get()
    page = client.get(_url("recruitment"))
    assert "Samir" in page.text and "Workshops without a health promoter" in page.text
    client.post(_url("candidate_step", candidate.pk), {})
    candidate.refresh_from_db()
    assert candidate.step == Candidate.Step.TALKED
    response = client.post(_url("candidate_step", candidate.pk), {}, follow=True)
    assert "Agreeing in the hub needs the hub&#x27;s decision." in response.text
    for username in ("promoter_a", "viewer", "outsider"):
        other = login(username)
        assert other.get(_url("recruitment")).status_code == 404
        assert other.post(_url("candidate_decline", candidate.pk)).status_code == 404
    login("leader").post(_url("candidate_decline", candidate.pk))
    candidate.refresh_from_db()
    assert (candidate.step, candidate.name, candidate.languages) == ("declined", "", "")


def test_the_dashboard_reminds_of_plans_past_follow_up(login, world, english):
    promoter = _promoter(world)
    plan = promoter.competence_plan if hasattr(promoter, "competence_plan") else None
    from jamlik.people.models import CompetencePlan

    plan = plan or CompetencePlan.objects.create(promoter=promoter)
    plan.follow_up_on = date(2020, 1, 1)
    plan.save()
    html = login("leader").get(reverse("programs:dashboard", args=["test"])).text
    assert "Competence plans past their follow-up" in html
    assert _url("promoter", promoter.pk) in html
    own = login("promoter_a").get(reverse("programs:dashboard", args=["test"])).text
    assert _url("promoter", promoter.pk) in own
    other = login("promoter_b").get(reverse("programs:dashboard", args=["test"])).text
    assert "Competence plans past their follow-up" not in other
