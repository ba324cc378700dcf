"""`manage.py api_token_create USER [--name NAME] [--days N]`: print a new API token's key (shown once)."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.tokens import token_create


class Command(BaseCommand):
    help = "Make an API token for a user and print its key (it cannot be shown again)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="a name to recognise the token by")
        parser.add_argument("--days", type=int, default=None, help="validity in days (API_TOKEN_TTL_DAYS)")

    def handle(self, *args, username, name, days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        token, key = token_create(user=user, name=name, ttl_days=days)
        self.stdout.write(key)
        self.stderr.write(f"Expires {token.expires_at:%Y-%m-%d %H:%M %Z}.")
