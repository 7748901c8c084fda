from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD
from jamlik.security.models import LoginSession

DASHBOARD = "/p/test/"


@pytest.fixture
def leader_client(client, world):
    assert client.login(username="leader", password=PASSWORD)
    return client


def test_it_logs_out_after_the_idle_timeout(leader_client, settings, english):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert leader_client.get(DASHBOARD).status_code == 200
        clock.move_to(start + timedelta(minutes=31))
        response = leader_client.get(DASHBOARD, follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/")
    assert b"without activity" in response.content
    assert "_auth_user_id" not in leader_client.session


def test_it_keeps_an_active_session(leader_client, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for minutes in (20, 40, 60):
            clock.move_to(start + timedelta(minutes=minutes))
            assert leader_client.get(DASHBOARD).status_code == 200


def test_the_session_cookie_ends_with_the_browser(client, world):
    response = client.post("/accounts/login/", {"username": "leader", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""


def test_it_logs_out_everywhere(world, english):
    tablet, laptop = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="en")
    for device in (tablet, laptop):
        device.post("/accounts/login/", {"username": "promoter_a", "password": PASSWORD})
        assert device.get(DASHBOARD).status_code == 200
    other = Client()
    other.force_login(world.leader)
    assert LoginSession.objects.filter(user=world.promoter_a).count() == 2

    page = laptop.get("/accounts/security/")
    assert b"Log out everywhere" in page.content
    response = laptop.post("/accounts/security/log-out-everywhere/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"

    for device in (tablet, laptop):
        assert device.get(DASHBOARD).status_code == 302
    assert other.get(DASHBOARD).status_code == 200
    assert not LoginSession.objects.filter(user=world.promoter_a).exists()


def test_log_out_everywhere_refuses_get(client, world):
    client.force_login(world.leader)
    assert client.get("/accounts/security/log-out-everywhere/").status_code == 405
