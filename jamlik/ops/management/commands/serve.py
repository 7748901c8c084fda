import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

CONFIG = settings.BASE_DIR / "gunicorn.conf.py"


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn and the repository's gunicorn.conf.py (workers, "
        "timeouts and bind address from the environment; see docs/deployment.md). "
        "Run `jamlik migrate` and `jamlik collectstatic` first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind", help="Address to listen on (default GUNICORN_BIND or 127.0.0.1:8000)."
        )
        parser.add_argument("--workers", type=int, help="Worker processes (default: see config).")
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="Check that the site can be served, print the gunicorn command and stop.",
        )

    def handle(self, *args, bind=None, workers=None, check_only=False, **options):
        manifest = settings.STATIC_ROOT / "staticfiles.json"
        if not settings.DEBUG and not manifest.exists():
            raise CommandError(
                f"No static files in {settings.STATIC_ROOT}: run `jamlik collectstatic` first."
            )
        argv = [sys.executable, "-m", "gunicorn", "--config", str(CONFIG)]
        if bind:
            argv += ["--bind", bind]
        if workers:
            argv += ["--workers", str(workers)]
        argv.append("jamlik.wsgi:application")
        if check_only:
            self.stdout.write(" ".join(argv))
            return
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - the fixed gunicorn command
