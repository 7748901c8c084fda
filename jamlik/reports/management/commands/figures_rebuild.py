from django.core.management.base import BaseCommand

from jamlik.programs.management.arguments import program_named
from jamlik.programs.models import Program
from jamlik.reports.aggregates import ensure_built
from jamlik.reports.figures import figures_changed


class Command(BaseCommand):
    help = (
        "Build the figures aggregates and cache of every program (or one) again from the "
        "raw tables: after an upgrade once every server runs the new release, or after "
        "writing data past the application."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", help="The program's short name (slug); all if left out.")

    def handle(self, *args, program: str | None = None, **options):
        programs = [program_named(program)] if program else list(Program.objects.order_by("slug"))
        for found in programs:
            figures_changed(program=found)
            ensure_built(found)
            self.stdout.write(f"{found.slug}: figures rebuilt")
