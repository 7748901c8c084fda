from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jamlik.lib.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write the whole database and the uploaded files (MEDIA_ROOT) to one .tar.gz file: "
        "SQLite through its online backup API, PostgreSQL through pg_dump (custom format; "
        "pg_dump must be on PATH). Safe while the site runs. The file holds personal data: "
        "it is written readable by its owner only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="The backup file to write.")

    def handle(self, *args, out: Path, **options):
        try:
            summary = backup(out=out)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Backed up the {summary.engine} database and {summary.media_files} uploaded "
            f"files to {out} ({summary.size} bytes)."
        )
