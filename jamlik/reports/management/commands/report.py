from pathlib import Path

from django.core.management.base import BaseCommand

from jamlik.programs.management.arguments import period_named, program_named
from jamlik.reports.figures import AUDIENCES
from jamlik.reports.render import FORMATS
from jamlik.reports.services import adhoc_report


class Command(BaseCommand):
    help = (
        "Write a program's report back to the funder for a period as PDF, Word, Excel or "
        "HTML. Uses the latest approved version of that period and audience if there is "
        "one (its frozen figures and text), otherwise today's figures without text."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="The program's short name (slug).")
        parser.add_argument("--period", required=True, help="2023H1, 2023H2 or 2023.")
        parser.add_argument("--audience", choices=AUDIENCES, default="external")
        parser.add_argument("--format", choices=FORMATS, default="pdf", dest="fmt")
        parser.add_argument("--out", required=True, type=Path, help="The file to write.")
        parser.add_argument("--language", default="sv", help="Language of the document.")

    def handle(self, *args, program, period, audience, fmt, out, language, **options):
        found = program_named(program)
        parsed = period_named(period)
        result = adhoc_report(
            program=found, period=parsed, audience=audience, fmt=fmt, language=language
        )
        out.write_bytes(result.content)
        version = result.doc.meta.version
        source = f"approved version {version}" if version else "today's figures"
        self.stdout.write(
            f"Wrote {out} ({len(result.content)} bytes, {fmt}, {audience}, {source}; "
            f"figures SHA-256 {result.doc.meta.sha256})."
        )
