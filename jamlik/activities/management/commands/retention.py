from django.conf import settings
from django.core.management.base import BaseCommand

from jamlik.activities import erasure
from jamlik.programs.management.arguments import program_named


class Command(BaseCommand):
    help = (
        "Erase or anonymise (as each program's 'after the retention period' says) the "
        "participants whose last attendance, support contact or questionnaire response is "
        "older than RETENTION_MONTHS. --dry-run lists them and changes nothing. Safe to run "
        "daily: a participant is handled once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", help="Only this program (its short name).")
        parser.add_argument("--dry-run", action="store_true", help="List, change nothing.")

    def handle(self, *args, program: str | None, dry_run: bool, **options):
        found = program_named(program) if program else None
        due = erasure.due_for_retention(program=found)
        for item in due:
            self.stdout.write(
                f"{item.participant.program.slug}\t{item.participant.code}\t"
                f"last seen {item.last_seen}\t{item.action}"
            )
        if dry_run:
            self.stdout.write(
                f"Would handle {len(due)} participants not seen for "
                f"{settings.RETENTION_MONTHS} months (dry run, nothing changed)."
            )
            return
        done = erasure.apply_retention(due)
        self.stdout.write(
            f"Erased {done['erase']} and anonymised {done['anonymise']} participants not seen "
            f"for {settings.RETENTION_MONTHS} months."
        )
