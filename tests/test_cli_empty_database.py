"""Any command on a database without tables says so in one line and creates nothing."""

import os
import subprocess
import sys

import pytest


def jamlik(tmp_path, *args: str, language: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "jamlik.settings"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603 - our own command with fixed arguments
        [sys.executable, "-m", "jamlik.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("figures", "--program", "demo", "--period", "2023H2"),
        ("export", "--program", "demo", "--out", "out"),
        ("seed", "--program", "demo", "--seed", "1", "--scale", "1"),
    ],
)
def test_it_says_run_migrate_in_one_line_and_creates_no_database_file(tmp_path, args):
    result = jamlik(tmp_path, *args)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Databasen har inga tabeller ännu: kör `jamlik migrate` (eller `jamlik demo`)."
    ]
    assert not (tmp_path / "jamlik.sqlite3").exists()


def test_it_says_the_same_for_an_empty_database_file(tmp_path):
    (tmp_path / "jamlik.sqlite3").touch()
    result = jamlik(tmp_path, "figures", "--program", "demo", "--period", "2023H2")
    assert result.returncode == 1
    assert "jamlik migrate" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_it_still_migrates_and_then_runs_the_command(tmp_path):
    assert jamlik(tmp_path, "migrate", "--verbosity", "0").returncode == 0
    result = jamlik(tmp_path, "figures", "--program", "demo", "--period", "2023H2")
    assert result.returncode == 1
    assert "demo" in result.stderr
    assert "migrate" not in result.stderr
