import json
import logging

import pytest
from django.db import connection

from jamlik.ops.logs import JsonFormatter


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_it_answers_ok_without_login(client, media):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "media": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_fails_when_the_media_directory_is_missing(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "not-mounted"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "database": "ok", "media": "fail"}


@pytest.mark.django_db
def test_it_fails_when_the_database_does_not_answer(client, media, monkeypatch):
    def broken(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "fail"
    assert "refused" not in response.content.decode()


@pytest.mark.django_db
def test_it_rejects_post(client, media):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_each_request_is_logged_as_one_json_line(client, media, caplog, world):
    client.force_login(world.leader)
    with caplog.at_level(logging.INFO, logger="jamlik.request"):
        response = client.get("/healthz?code=T-AAAA", HTTP_X_REQUEST_ID="proxy-id.42")
    (record,) = [r for r in caplog.records if r.name == "jamlik.request"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "proxy-id.42" == response["X-Request-ID"]
    assert line["user_id"] == world.leader.pk
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz", 200)
    assert line["duration_ms"] >= 0
    assert "T-AAAA" not in json.dumps(line)
    assert "leader" not in json.dumps(line)


@pytest.mark.django_db
def test_it_makes_a_request_id_when_the_given_one_could_forge_log_lines(client, media):
    response = client.get("/healthz", HTTP_X_REQUEST_ID='x", "user_id": 1')
    assert len(response["X-Request-ID"]) == 32
