import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from jamlik.people.models import AuditEvent
from jamlik.tokens.models import ApiToken

TOKEN = re.compile(r"jamlik_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")


def make_token(client, user, *, days=30) -> str:
    client.force_login(user)
    response = client.post("/account/tokens/", {"name": "Statistics tool", "days": days})
    assert response.status_code == 200
    (raw,) = set(TOKEN.findall(response.content.decode()))
    client.logout()
    return raw


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.django_db
def test_it_reads_figures_with_a_token_and_audits_the_use(client, world):
    raw = make_token(client, world.leader)
    response = client.get("/api/programs/test/figures?period=2024&audience=internal", **bearer(raw))
    assert response.status_code == 200
    assert "unique_participants" in response.json()
    use = AuditEvent.objects.get(object_type="api_token", action="view")
    assert use.user == world.leader
    assert use.detail == {"method": "GET", "path": "/api/programs/test/figures"}
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.django_db
def test_each_use_is_a_row_in_the_audit_log(client, world):
    raw = make_token(client, world.viewer)
    for _ in range(3):
        client.get("/api/programs/test/figures?period=2024&audience=external", **bearer(raw))
    assert AuditEvent.objects.filter(object_type="api_token", action="view").count() == 3


@pytest.mark.django_db
def test_it_keeps_only_a_hash_and_shows_the_token_once(client, world):
    raw = make_token(client, world.leader)
    token = ApiToken.objects.get()
    assert raw not in {token.hashed, token.prefix, token.name}
    assert raw.startswith(f"jamlik_{token.prefix}_")
    client.force_login(world.leader)
    page = client.get("/account/tokens/").content.decode()
    assert f"jamlik_{token.prefix}" in page
    assert raw not in page


@pytest.mark.django_db
def test_a_revoked_token_gets_401(client, world):
    raw = make_token(client, world.leader)
    token = ApiToken.objects.get()
    client.force_login(world.leader)
    assert client.post(f"/account/tokens/{token.prefix}/revoke/").status_code == 302
    client.logout()
    response = client.get("/api/programs/test/figures?period=2024", **bearer(raw))
    assert response.status_code == 401
    assert AuditEvent.objects.filter(object_type="api_token", action="update").exists()
    assert not AuditEvent.objects.filter(object_type="api_token", action="view").exists()


@pytest.mark.django_db
def test_an_expired_token_gets_401(client, world):
    raw = make_token(client, world.leader, days=2)
    url = "/api/programs/test/figures?period=2024"
    with time_machine.travel(timezone.now() + timedelta(days=1, hours=23)):
        assert client.get(url, **bearer(raw)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        assert client.get(url, **bearer(raw)).status_code == 401


@pytest.mark.django_db
def test_a_wrong_secret_with_a_real_prefix_gets_401(client, world):
    raw = make_token(client, world.leader)
    forged = raw[:-4] + ("AAAA" if not raw.endswith("AAAA") else "BBBB")
    response = client.get("/api/programs/test/figures?period=2024", **bearer(forged))
    assert response.status_code == 401


@pytest.mark.django_db
def test_a_viewers_token_cannot_read_participants(client, world):
    raw = make_token(client, world.viewer)
    assert client.get("/api/programs/test/participants", **bearer(raw)).status_code == 404
    assert client.get("/api/programs/test/participants/T-AAAA", **bearer(raw)).status_code == 404


@pytest.mark.django_db
def test_a_token_cannot_write_even_when_its_role_may(client, world):
    raw = make_token(client, world.promoter_a)
    url = f"/api/programs/test/activities/{world.activity_a.key}/attendance/T-AAAA"
    assert client.put(url, **bearer(raw)).status_code == 401
    assert client.delete(url, **bearer(raw)).status_code == 401
    assert (
        client.get(
            f"/api/programs/test/activities/{world.activity_a.key}/attendance", **bearer(raw)
        ).status_code
        == 200
    )


@pytest.mark.django_db
def test_a_user_cannot_revoke_someone_elses_token(client, world):
    make_token(client, world.leader)
    token = ApiToken.objects.get()
    client.force_login(world.viewer)
    assert client.post(f"/account/tokens/{token.prefix}/revoke/").status_code == 404
    assert client.get(f"/account/tokens/{token.prefix}/revoke/").status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
def test_the_expiry_is_bounded(client, world, settings):
    settings.API_TOKEN_MAX_DAYS = 30
    client.force_login(world.leader)
    response = client.post("/account/tokens/", {"name": "Forever", "days": 31})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_the_page_needs_a_login(client):
    response = client.get("/account/tokens/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_the_openapi_description_names_the_token(client, world):
    client.force_login(world.leader)
    schema = client.get("/api/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiTokenAuth"]["scheme"] == "bearer"
    assert "GET" in schemes["ApiTokenAuth"]["description"]
    operation = schema["paths"]["/api/programs/{slug}/figures"]["get"]
    assert {"ApiTokenAuth": []} in operation["security"]


@pytest.mark.django_db
def test_an_administrator_makes_a_token_on_the_command_line(client, world, capsys):
    from django.core.management import call_command

    call_command("token", "--user", "viewer", "--name", "Statistik", "--days", "7")
    raw = capsys.readouterr().out.strip()
    assert TOKEN.fullmatch(raw)
    response = client.get("/api/programs/test/figures?period=2024&audience=external", **bearer(raw))
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (world.viewer, "Statistik")
    assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)
