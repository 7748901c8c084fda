from django.core.management.base import BaseCommand, CommandError

from jamlik.surveys import catalog


class Command(BaseCommand):
    help = (
        "Load every instrument definition (shipped and local) and check it against the schema; "
        "lists each instrument with the languages it can be filled in."
    )

    def handle(self, *args, **options):
        catalog.reload()
        try:
            instruments = catalog.all_instruments()
        except catalog.InstrumentError as exc:
            raise CommandError(str(exc)) from None
        for ref, instrument in sorted(instruments.items()):
            languages = ", ".join(instrument.available_languages()) or "no texts (licensee)"
            self.stdout.write(f"{ref}: {languages}")
        self.stdout.write(f"{len(instruments)} instruments are valid.")
