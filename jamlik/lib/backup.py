"""Backup and restore of the whole installation: the database and the uploaded files.

A backup is one gzipped tar file holding `manifest.json`, the database (SQLite: a copy
made with SQLite's online backup API, consistent while the site runs; PostgreSQL: a
`pg_dump` custom-format archive) and `media/`, the files under MEDIA_ROOT. A restore
goes only into an empty database and an empty MEDIA_ROOT unless forced.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT = 1
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


@dataclass(frozen=True)
class Summary:
    engine: str
    media_files: int
    size: int


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for var, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not on PATH: install the PostgreSQL client tools.")
    done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def backup(*, out: Path) -> Summary:
    """Write the database and the uploaded files to `out` (a .tar.gz)."""
    engine = _engine()
    with tempfile.TemporaryDirectory() as tmp:
        if engine == "sqlite":
            database = Path(tmp) / SQLITE_NAME
            connection.ensure_connection()
            target = sqlite3.connect(database)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            database = Path(tmp) / PG_NAME
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={database}",
                ]
            )
        media = _media_files()
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "database": database.name,
            "created_at": timezone.now().isoformat(timespec="seconds"),
            "media_files": len(media),
        }
        (Path(tmp) / "manifest.json").write_text(json.dumps(manifest, indent=2))
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(tmp) / "manifest.json", arcname="manifest.json")
            archive.add(database, arcname=database.name)
            root = Path(settings.MEDIA_ROOT)
            for path in media:
                archive.add(path, arcname=f"media/{path.relative_to(root).as_posix()}")
        partial.chmod(0o600)
        partial.replace(out)
    return Summary(engine=engine, media_files=len(media), size=out.stat().st_size)


def _database_tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def restore(*, archive_path: Path, force: bool = False) -> Summary:
    """Restore a backup into this installation's database and MEDIA_ROOT.

    Refuses a database that has tables, or a MEDIA_ROOT that has files, unless `force`:
    then the database is replaced and the backup's files are written over the old ones.
    """
    engine = _engine()
    try:
        archive = tarfile.open(archive_path, "r:gz")  # noqa: SIM115
        manifest = json.load(archive.extractfile("manifest.json"))
    except (tarfile.TarError, KeyError, ValueError, OSError):
        raise BackupError(f"{archive_path} is not a Jämlik backup.") from None
    with archive, tempfile.TemporaryDirectory() as tmp:
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        if manifest["engine"] != engine:
            raise BackupError(
                f"The backup is of a {manifest['engine']} database; this installation uses "
                f"{engine}. Set DATABASE_URL to a {manifest['engine']} database."
            )
        tables = _database_tables()
        if tables and not force:
            raise BackupError(
                f"The database is not empty ({len(tables)} tables). Restore only into an "
                "empty database, or add --force to replace its contents."
            )
        if _media_files() and not force:
            raise BackupError(
                f"MEDIA_ROOT ({settings.MEDIA_ROOT}) holds files. Restore into an empty "
                "MEDIA_ROOT, or add --force to write the backup's files over them."
            )
        archive.extractall(tmp, filter="data")
        database = Path(tmp) / manifest["database"]
        if engine == "sqlite":
            source = sqlite3.connect(database)
            connection.ensure_connection()
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
            if force:
                command += ["--clean", "--if-exists"]
            _run(
                [
                    *command,
                    "--single-transaction",
                    f"--dbname={_pg_env()['PGDATABASE']}",
                    str(database),
                ]
            )
        media = Path(tmp) / "media"
        count = 0
        if media.is_dir():
            root = Path(settings.MEDIA_ROOT)
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                target = root / path.relative_to(media)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                target.chmod(0o600)
                count += 1
    return Summary(engine=engine, media_files=count, size=archive_path.stat().st_size)
