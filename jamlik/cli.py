"""The `jamlik` command: Django's management commands under the project's own name.

`jamlik demo` runs a development server, so it switches DEBUG on unless the
environment says otherwise; every other command keeps the safe defaults.
"""

import os
import sys
from pathlib import Path

# Commands that make the tables or need none; every other command needs a migrated database.
NO_TABLES_NEEDED = {
    "access_table",
    "check",
    "check_instruments",
    "check_estimates",
    "collectstatic",
    "compilemessages",
    "createcachetable",
    "demo",
    "diffsettings",
    "dbshell",
    "findstatic",
    "help",
    "makemessages",
    "makemigrations",
    "migrate",
    "restore",  # into an empty database: it brings the tables
    "showmigrations",
    "sqlmigrate",
    "test",
    "version",
}


def main() -> None:
    if sys.argv[1:2] == ["demo"]:
        os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamlik.settings")
    from django.core.management import execute_from_command_line

    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    if not command.startswith("-") and command not in NO_TABLES_NEEDED:
        problem = missing_tables()
        if problem:
            sys.stderr.write(problem + "\n")
            sys.exit(1)
    execute_from_command_line(["jamlik", *sys.argv[1:]])


def missing_tables() -> str | None:
    """One line if the database has no tables yet; checking creates no SQLite file."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.utils.translation import gettext as _

    database = settings.DATABASES["default"]
    new_sqlite_file = (
        connection.vendor == "sqlite"
        and str(database["NAME"]) != ":memory:"
        and not Path(database["NAME"]).exists()
    )
    if new_sqlite_file or "django_migrations" not in connection.introspection.table_names():
        return _("The database has no tables yet: run `jamlik migrate` (or `jamlik demo`).")
    return None


if __name__ == "__main__":
    main()
