from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jamlik.lib.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a file written by `jamlik backup` into this installation's database "
        "(DATABASE_URL, of the same kind as the backup's) and MEDIA_ROOT. Refuses a database "
        "that has tables or a MEDIA_ROOT that has files, unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database's contents and write over existing uploaded files.",
        )

    def handle(self, *args, file: Path, force: bool, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            summary = restore(archive_path=file, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Restored the {summary.engine} database and {summary.media_files} uploaded "
            f"files from {file}."
        )
