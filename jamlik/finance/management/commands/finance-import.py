from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jamlik.finance import imports
from jamlik.finance.models import FundingLine
from jamlik.programs.management.arguments import program_named
from jamlik.programs.models import Program


class Command(BaseCommand):
    help = (
        "Import expenses into a program's funding lines from a CSV or XLSX export of the "
        "bookkeeping or an SIE 4 file (.se, .si, .sie). All or nothing: on any problem nothing "
        "is written, every problem is printed as file:line: column: message and the command "
        "fails. Importing the same file again changes nothing (vouchers are booked once). "
        "SIE cost accounts must be mapped to a funding line once; --map does it and the "
        "mapping is remembered."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="The program's short name (slug).")
        parser.add_argument("path", type=Path, help="A .csv, .xlsx, .se, .si or .sie file.")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="ACCOUNT=LINE",
            help="Charge an account to a funding line (its key), or '-' for none. Repeatable.",
        )

    def handle(self, *args, program: str, path: Path, map: list[str], **options):
        found = program_named(program)
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        mapping = self._mapping(found, map)
        try:
            result = imports.import_file(
                program=found, name=path.name, data=path.read_bytes(), mapping=mapping
            )
        except imports.ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            count = len(rejected.problems)
            message = ngettext(
                "Import rejected: %(count)d problem; nothing was written.",
                "Import rejected: %(count)d problems; nothing was written.",
                count,
            ) % {"count": count}
            if isinstance(rejected, imports.UnmappedAccounts):
                message += " " + _(
                    "Map the accounts with --map ACCOUNT=LINE (LINE: a line's key, or -)."
                )
            raise CommandError(message) from None
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(result.summary())

    def _mapping(self, program: Program, pairs: list[str]) -> dict[str, FundingLine | None]:
        lines = {line.key: line for line in FundingLine.objects.filter(agreement__program=program)}
        mapping: dict[str, FundingLine | None] = {}
        for pair in pairs:
            account, _, key = pair.partition("=")
            if not account.strip().isdigit() or not key.strip():
                raise CommandError(f"--map {pair!r}: write ACCOUNT=LINE, e.g. 5460=verksamhet")
            key = key.strip()
            if key != "-" and key not in lines:
                raise CommandError(
                    f"--map {pair!r}: {key!r} is not a funding line; use one of "
                    f"{', '.join(sorted(lines)) or '(none)'} or -"
                )
            mapping[account.strip()] = None if key == "-" else lines[key]
        return mapping
