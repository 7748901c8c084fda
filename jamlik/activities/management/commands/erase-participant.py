import sys

from django.core.management.base import BaseCommand, CommandError

from jamlik.activities import erasure
from jamlik.activities.models import Participant
from jamlik.programs.management.arguments import program_named


class Command(BaseCommand):
    help = (
        "Erase one participant (a data subject's request): the participant, its attendance, "
        "support contacts and questionnaire responses. Lists what will go and asks for "
        "confirmation unless --yes is given. Approved report versions are not changed. "
        "The audit log records the erasure with counts, without the code."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="The program's short name (slug).")
        parser.add_argument("--code", required=True, help="The participant's code.")
        parser.add_argument("--yes", action="store_true", help="Erase without asking.")

    def handle(self, *args, program: str, code: str, yes: bool, **options):
        found = program_named(program)
        participant = Participant.objects.filter(program=found, code__iexact=code.strip()).first()
        if participant is None:
            raise CommandError(f"No participant with the code {code!r} in {program}.")
        counts = erasure.holdings(participant).as_dict()
        listing = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in counts.items())
        self.stdout.write(f"{participant.code}: the participant row, {listing}.")
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError("Add --yes to erase without a terminal to confirm on.")
            if input("Erase all of it? Type yes: ").strip().lower() != "yes":
                raise CommandError("Nothing erased.")
        erasure.erase_participant(user=None, participant=participant, reason="command")
        self.stdout.write(f"Erased 1 participant ({listing}).")
