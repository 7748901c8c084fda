from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jamlik.tokens import services


class Command(BaseCommand):
    help = (
        "Create an API token for a user (read-only, with the user's roles) and print it once. "
        "Revoke tokens in the admin or on the user's own page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Username of the token's owner.")
        parser.add_argument("--name", required=True, help="What the token is for.")
        parser.add_argument(
            "--days",
            type=int,
            default=90,
            help=f"Days until it expires (at most {settings.API_TOKEN_MAX_DAYS}).",
        )

    def handle(self, *args, user, name, days, **options):
        owner = get_user_model().objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f"No user {user!r}.")
        try:
            token, raw = services.create_token(user=owner, name=name, days=days, by=None)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stderr.write(
            f"Token {token.name!r} for {owner.username}, expires {token.expires_at:%Y-%m-%d}:"
        )
        self.stdout.write(raw)
