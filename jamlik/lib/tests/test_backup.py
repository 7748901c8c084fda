"""`jamlik backup` and `jamlik restore`, run as an operator would: separate processes on
separate databases. A seeded program is backed up, restored into an empty database, and
must give the same figures (a hash of their JSON) and the same row count in every table.

SQLite always; PostgreSQL when DATABASE_URL names a PostgreSQL server and pg_dump is on
PATH (the databases `<name>_backup_src` and `<name>_backup_dst` are made and dropped)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest

MEASURE = """
import hashlib, json
import django
django.setup()
from django.apps import apps
from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.reports.figures import compute_figures
program = Program.objects.get(slug="bk")
figures = {
    f"{label}/{audience}": compute_figures(
        program=program, period=Period.parse(label), audience=audience
    )
    for label in ("2023", "2024", "2025H1")
    for audience in ("internal", "external")
}
text = json.dumps(figures, sort_keys=True, default=str)
counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
print(json.dumps({"figures": hashlib.sha256(text.encode()).hexdigest(), "counts": counts}))
"""


def jamlik(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "jamlik.cli", *args], env=env, capture_output=True, text=True
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def measure(env: dict) -> dict:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", MEASURE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def environment(tmp_path: Path, name: str, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "PG"))}
    env.update(
        DJANGO_SETTINGS_MODULE="jamlik.settings",
        DATABASE_URL=database_url,
        VAR_DIR=str(tmp_path / name),
        MEDIA_ROOT=str(tmp_path / name / "media"),
        SECRET_KEY="backup-test-" + "x" * 40,
    )
    return env


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")) or not shutil.which("pg_dump"):
        return None
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(request, tmp_path):
    """Environments for a source and an (empty) destination installation."""
    if request.param == "sqlite":
        yield (
            environment(tmp_path, "src", f"sqlite:///{tmp_path / 'src.sqlite3'}"),
            environment(tmp_path, "dst", f"sqlite:///{tmp_path / 'dst.sqlite3'}"),
        )
        return
    url = _postgres_url()
    if url is None:
        pytest.skip("DATABASE_URL is not PostgreSQL or pg_dump is not on PATH")
    import psycopg

    config = dj_database_url.parse(url)
    names = [f"{config['NAME']}_backup_src", f"{config['NAME']}_backup_dst"]
    admin = url.rsplit("/", 1)[0] + "/postgres"

    def recreate(create: bool) -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                if create:
                    conn.execute(f'CREATE DATABASE "{name}"')

    recreate(True)
    base = url.rsplit("/", 1)[0]
    yield tuple(
        environment(tmp_path, side, f"{base}/{name}")
        for side, name in zip(("src", "dst"), names, strict=True)
    )
    recreate(False)


def test_a_backup_restores_into_an_empty_database_with_identical_figures(two_databases, tmp_path):
    src, dst = two_databases
    jamlik(src, "migrate", "--no-input", "-v0")
    jamlik(src, "seed", "--program", "bk", "--seed", "3")
    letter = Path(src["MEDIA_ROOT"]) / "letters" / "intent.pdf"
    letter.parent.mkdir(parents=True)
    letter.write_bytes(b"%PDF-1.4 letter of intent")
    before = measure(src)
    assert before["counts"]["activities.Attendance"] > 1000

    out = tmp_path / "backup.tar.gz"
    assert "1 uploaded files" in jamlik(src, "backup", "--out", str(out)).stdout
    assert out.stat().st_mode & 0o077 == 0
    assert "Restored" in jamlik(dst, "restore", str(out)).stdout

    after = measure(dst)
    assert after["figures"] == before["figures"]
    assert after["counts"] == before["counts"]
    restored = Path(dst["MEDIA_ROOT"]) / "letters" / "intent.pdf"
    assert restored.read_bytes() == letter.read_bytes()

    refused = jamlik(dst, "restore", str(out), check=False)
    assert refused.returncode != 0
    assert "The database is not empty" in refused.stderr
    assert "Restored" in jamlik(dst, "restore", str(out), "--force").stdout
    assert measure(dst) == before


def test_a_file_that_is_no_backup_is_refused(tmp_path):
    dst = environment(tmp_path, "dst", f"sqlite:///{tmp_path / 'dst.sqlite3'}")
    missing = jamlik(dst, "restore", str(tmp_path / "missing.tar.gz"), check=False)
    assert missing.returncode == 1 and "No such file" in missing.stderr
    stranger = tmp_path / "other.tar.gz"
    stranger.write_bytes(b"not a backup")
    failed = jamlik(dst, "restore", str(stranger), check=False)
    assert failed.returncode == 1 and "is not a Jämlik backup" in failed.stderr
