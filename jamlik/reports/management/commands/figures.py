import json

from django.core.management.base import BaseCommand

from jamlik.programs.management.arguments import period_named, program_named
from jamlik.reports.figures import AUDIENCES, figures_for


class Command(BaseCommand):
    help = "Print a program's figures for a period as JSON (the same as the API and dashboard)."

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="The program's short name (slug).")
        parser.add_argument(
            "--period", required=True, help="2023H1, 2023H2, 2023 or 2023-07-01..2023-12-31."
        )
        parser.add_argument("--audience", choices=AUDIENCES, default="internal")

    def handle(self, *args, program: str, period: str, audience: str, **options):
        found = program_named(program)
        parsed = period_named(period)
        figures = figures_for(program=found, period=parsed, audience=audience)
        self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
