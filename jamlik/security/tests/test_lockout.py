import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import RequestFactory

from conftest import PASSWORD
from jamlik.security.throttling import client_ip

LOGIN = "/accounts/login/"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def fail(client, username: str, times: int, **extra) -> None:
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "wrong"}, **extra)
        assert response.status_code in (200, 429)


def test_it_locks_the_account_after_five_failures(client, world, axes_on, english):
    fail(client, "leader", 4)
    assert client.post(LOGIN, {"username": "leader", "password": PASSWORD}).status_code == 302
    client.post("/accounts/logout/")

    fail(client, "leader", 5)
    response = client.post(LOGIN, {"username": "leader", "password": PASSWORD})
    assert response.status_code == 429
    assert b"Login locked" in response.content
    assert b"Try again in 15 minutes" in response.content
    assert "_auth_user_id" not in client.session

    # The account stays locked from another address too.
    other = client.post(LOGIN, {"username": "leader", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 429


def test_it_locks_the_address_that_tries_many_accounts(client, world, axes_on):
    for name in ("a1", "a2", "a3", "a4", "a5"):
        fail(client, name, 1)
    response = client.post(LOGIN, {"username": "viewer", "password": PASSWORD})
    assert response.status_code == 429
    elsewhere = client.post(
        LOGIN, {"username": "viewer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert elsewhere.status_code == 302


def test_it_shows_the_lockout_in_swedish_by_default(client, world, axes_on):
    fail(client, "leader", 5)
    response = client.post(LOGIN, {"username": "leader", "password": PASSWORD})
    assert "Inloggningen är spärrad".encode() in response.content


def test_it_lets_the_admin_unlock_an_account(client, world, axes_on):
    fail(client, "leader", 5)
    assert AccessAttempt.objects.filter(username="leader").exists()
    admin = User.objects.create_superuser("root", password=PASSWORD)
    staff = type(client)()
    staff.force_login(admin)
    attempt = AccessAttempt.objects.get(username="leader")
    page = staff.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and b"leader" in page.content
    staff.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert not AccessAttempt.objects.exists()
    assert client.post(LOGIN, {"username": "leader", "password": PASSWORD}).status_code == 302


def test_it_counts_the_forwarded_address_only_behind_a_proxy(client, world, axes_on, settings):
    forwarded = {"HTTP_X_FORWARDED_FOR": "203.0.113.7, 198.51.100.1"}
    fail(client, "nobody", 5, **forwarded)
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"

    AccessAttempt.objects.all().delete()
    settings.AXES_CLIENT_IP_CALLABLE = "jamlik.security.throttling.client_ip"
    fail(client, "nobody", 1, **forwarded)
    assert AccessAttempt.objects.get().ip_address == "198.51.100.1"


def test_it_trusts_only_the_address_the_proxy_appended():
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1", REMOTE_ADDR="10.0.0.1"
    )
    assert client_ip(request) == "198.51.100.1"
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


def test_client_login_works_with_lockout_off_by_default(client, world):
    assert client.login(username="leader", password=PASSWORD)
