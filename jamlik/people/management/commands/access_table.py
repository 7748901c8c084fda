from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jamlik.people.policy import README_END, README_START, roles_table


class Command(BaseCommand):
    help = (
        "Print the README's roles tables, generated from the access policy "
        "(jamlik/people/policy.py); --write puts them into README.md between their markers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help="update README.md in place")

    def handle(self, *args, write: bool, **options):
        table = roles_table()
        if not write:
            self.stdout.write(table, ending="")
            return
        path = Path(settings.BASE_DIR) / "README.md"
        text = path.read_text(encoding="utf-8")
        start, end = text.find(README_START), text.find(README_END)
        if start < 0 or end < start:
            raise CommandError(f"README.md has no markers {README_START!r} … {README_END!r}")
        head = text[: start + len(README_START)]
        path.write_text(f"{head}\n{table}{text[end:]}", encoding="utf-8")
        self.stdout.write("README.md: roles tables written")
