import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from jamlik.people.models import AuditEvent, ProgramRole
from jamlik.programs.management.commands.demo import _logins_table

DASHBOARD = "/p/test/"
SETUP = "/accounts/security/two-factor/setup/"
VERIFY = "/accounts/security/two-factor/verify/"
API = "/api/programs/test/participants/T-AAAA"


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["leader", "researcher", "admin"]


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def logged_in(username: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_leader_without_a_device_must_set_one_up(world, required, english, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code delays the next try; not here
    client = logged_in("leader")
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fp%2Ftest%2F"
    assert client.get("/p/test/activities/").status_code == 302

    page = client.get(SETUP)
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=world.leader, confirmed=False)
    wrong = client.post(SETUP, {"token": "000000", "next": DASHBOARD})
    assert b"did not match" in wrong.content
    done = client.post(SETUP, {"token": code(device), "next": DASHBOARD})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10
    assert codes[0].encode() in done.content
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(DASHBOARD).status_code == 200
    assert AuditEvent.objects.filter(user=world.leader, object_type="two_factor").exists()


def test_a_leader_with_a_device_gives_a_code_after_login(world, required, english, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = TOTPDevice.objects.create(user=world.leader, name="phone", confirmed=True)
    client = logged_in("leader")
    assert client.get(DASHBOARD)["Location"] == f"{VERIFY}?next=%2Fp%2Ftest%2F"
    # The set-up page cannot replace the device without the second factor.
    assert client.get(SETUP)["Location"] == VERIFY
    assert b"did not match" in client.post(VERIFY, {"token": "123456"}).content
    response = client.post(VERIFY, {"token": code(device), "next": DASHBOARD})
    assert response["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200


def test_a_recovery_code_works_once(world, required):
    TOTPDevice.objects.create(user=world.leader, name="phone", confirmed=True)
    from jamlik.security.twofactor import new_recovery_codes

    recovery = new_recovery_codes(user=world.leader)[0]
    client = logged_in("leader")
    assert client.post(VERIFY, {"token": recovery, "next": DASHBOARD}).status_code == 302
    assert client.get(DASHBOARD).status_code == 200
    again = logged_in("leader")
    assert again.post(VERIFY, {"token": recovery}).status_code == 200
    assert again.get(DASHBOARD).status_code == 302
    assert StaticToken.objects.filter(device__user=world.leader).count() == 9


def test_the_api_refuses_an_unverified_leader(world, required):
    client = logged_in("leader")
    response = client.get(API)
    assert response.status_code == 403
    assert "detail" in response.json()


def test_a_superuser_and_a_researcher_must_set_one_up(world, required):
    User.objects.create_superuser("root", password=PASSWORD)
    researcher = User.objects.create_user("res", password=PASSWORD)
    ProgramRole.objects.create(user=researcher, program=world.program, role="researcher")
    assert logged_in("root").get("/admin/")["Location"].startswith(SETUP)
    assert logged_in("res").get(DASHBOARD)["Location"].startswith(SETUP)


def test_a_promoter_needs_none_but_may_set_one_up(world, required):
    client = logged_in("promoter_a")
    assert client.get(DASHBOARD).status_code == 200
    assert client.get(API).status_code == 200
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=world.promoter_a)
    assert client.post(SETUP, {"token": code(device)}).status_code == 200

    later = logged_in("promoter_a")
    assert later.get(DASHBOARD)["Location"].startswith(VERIFY)


def test_turning_it_off_sends_a_required_user_back_to_set_up(world, required):
    client = logged_in("leader")
    client.get(SETUP)
    client.post(SETUP, {"token": code(TOTPDevice.objects.get(user=world.leader))})
    assert client.post("/accounts/security/two-factor/disable/").status_code == 302
    assert not TOTPDevice.objects.filter(user=world.leader).exists()
    assert client.get(DASHBOARD)["Location"].startswith(SETUP)


def test_demo_logins_skip_it_only_with_debug(world, required, settings):
    demo_leader = User.objects.create_user("ledare", password=PASSWORD)
    ProgramRole.objects.create(user=demo_leader, program=world.program, role="leader")
    settings.DEBUG = True
    assert logged_in("ledare").get(DASHBOARD).status_code == 200
    settings.DEBUG = False
    assert logged_in("ledare").get(DASHBOARD)["Location"].startswith(SETUP)


def test_the_demo_command_says_whether_demo_logins_skip_it(world, settings):
    settings.DEBUG = True
    assert "skip two-factor authentication because DEBUG is on" in _logins_table(
        world.program, [], "http://127.0.0.1:8000/"
    )
    settings.DEBUG = False
    assert "DEBUG is off" in _logins_table(world.program, [], "http://127.0.0.1:8000/")


def test_it_is_off_in_tests_by_default(world):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.leader)
    assert client.get(DASHBOARD).status_code == 200
