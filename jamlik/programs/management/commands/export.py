from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jamlik.programs import interchange
from jamlik.programs.management.arguments import program_named


class Command(BaseCommand):
    help = (
        "Write a program's record as the CSV files of the interchange format (one per table) "
        "into a folder (created if missing; files of the same name are replaced). Participants' "
        "names are never exported."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="The program's short name (slug).")
        parser.add_argument("--out", required=True, type=Path, help="The folder to write to.")

    def handle(self, *args, program: str, out: Path, **options):
        found = program_named(program)
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} exists and is not a folder.")
        export = interchange.export_program(program=found, user=None)
        interchange.write_folder(export.files, out)
        counts = ", ".join(f"{name} {n}" for name, n in export.rows.items())
        self.stdout.write(f"Exported {found.slug!r} to {out}: {counts}.")
