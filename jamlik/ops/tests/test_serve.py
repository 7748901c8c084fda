import pytest
from django.core.management import CommandError, call_command


def test_it_refuses_to_serve_without_collected_static_files(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    with pytest.raises(CommandError, match="collectstatic"):
        call_command("serve", "--check-only")


def test_it_runs_gunicorn_with_the_repository_config(settings, tmp_path, capsys):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text("{}")
    call_command("serve", "--check-only", "--bind", "127.0.0.1:8123", "--workers", "3")
    command = capsys.readouterr().out.split()
    assert command[1:3] == ["-m", "gunicorn"]
    assert command[command.index("--config") + 1] == str(settings.BASE_DIR / "gunicorn.conf.py")
    assert command[command.index("--bind") + 1] == "127.0.0.1:8123"
    assert command[command.index("--workers") + 1] == "3"
    assert command[-1] == "jamlik.wsgi:application"
