"""The `jamlik` command: Django's management commands under the project's own name.

`jamlik demo` runs a development server, so it switches DEBUG on unless the
environment says otherwise; every other command keeps the safe defaults.
"""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["demo"]:
        os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamlik.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jamlik", *sys.argv[1:]])


if __name__ == "__main__":
    main()
