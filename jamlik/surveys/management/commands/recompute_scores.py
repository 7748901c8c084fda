from django.core.management.base import BaseCommand, CommandError

from jamlik.surveys import catalog, services
from jamlik.surveys.models import Wave


class Command(BaseCommand):
    help = (
        "Recompute the scores of every response (or of one wave) from the stored answers and "
        "the current instrument definitions. Safe to run again: it replaces, never adds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", help="program slug (with --wave)")
        parser.add_argument("--wave", help="wave key: only this wave's responses")

    def handle(self, *args, program=None, wave=None, **options):
        catalog.reload()
        chosen = None
        if wave:
            chosen = Wave.objects.filter(key=wave, program__slug=program).first()
            if chosen is None:
                raise CommandError(f"no wave {wave!r} in program {program!r}")
        count = services.recompute_scores(wave=chosen)
        self.stdout.write(f"Recomputed the scores of {count} responses.")
