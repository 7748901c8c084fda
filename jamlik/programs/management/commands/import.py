from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug
from django.utils.translation import ngettext

from jamlik.programs import interchange
from jamlik.programs.models import Program


class Command(BaseCommand):
    help = (
        "Import a program's record from a folder of CSV files, a .zip of them or an .xlsx "
        "workbook (the interchange format). All or nothing: on any bad row nothing is written, "
        "every problem is printed as file:line: column: message and the command fails. "
        "Importing the same files again changes nothing. The needs named in workshops.csv must "
        "already be in the program (import them on the Needs page first); an active workshop "
        "left without any need is imported with a warning."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="The program's short name (slug).")
        parser.add_argument("path", type=Path, help="A folder, a .zip file or an .xlsx workbook.")
        parser.add_argument(
            "--create", action="store_true", help="Create the program if it does not exist."
        )
        parser.add_argument("--name", help="The name of a program made by --create.")

    def handle(self, *args, program: str, path: Path, create: bool, name: str | None, **options):
        found = Program.objects.filter(slug=program).first()
        if found is None:
            if not create:
                raise CommandError(
                    f"No program with the short name {program!r}; add --create to create it."
                )
            try:
                validate_slug(program)
            except ValidationError:
                raise CommandError(
                    f"{program!r} is not a valid short name: use letters, digits, '-' and '_'."
                ) from None
            found = Program(slug=program, name=name or program)
        source = interchange.read_path(path)
        try:
            result = interchange.import_source(program=found, source=source, user=None)
        except interchange.ImportRejected as rejected:
            self._warn(rejected.warnings)
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            count = len(rejected.problems)
            raise CommandError(
                ngettext(
                    "Import rejected: %(count)d problem; nothing was written.",
                    "Import rejected: %(count)d problems; nothing was written.",
                    count,
                )
                % {"count": count}
            ) from None
        self._warn(result.warnings)
        for line in result.summary():
            self.stdout.write(line)

    def _warn(self, warnings):
        for warning in warnings:
            self.stderr.write(f"warning: {warning}")
