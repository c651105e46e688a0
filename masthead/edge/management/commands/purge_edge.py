"""``manage.py purge_edge KEY [KEY ...]``: purge keys from every configured edge now, e.g. the
release a deploy replaced (``release-<name>``), or ``--release`` for the running one."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.caching.keys import release_key
from masthead.edge.backends import PurgeError, purge_keys_from_cache
from masthead.edge.purging import edges_configured


class Command(BaseCommand):
    help = "Purge keys (e.g. release-<name>) from every edge in WAGTAILFRONTENDCACHE, now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("keys", nargs="*", help="keys to purge, e.g. release-0123abcd")
        parser.add_argument("--release", action="store_true", help="also the running release's key")

    def handle(self, *args, keys: list[str], release: bool, **options) -> None:
        wanted = [*keys, *([release_key()] if release else [])]
        if not wanted:
            raise CommandError("Name at least one key, or --release.")
        if not edges_configured():
            raise CommandError("No edge is configured (EDGE_PURGE is empty): nothing to purge.")
        try:
            purge_keys_from_cache(wanted)
        except PurgeError as error:
            raise CommandError(f"Purge failed: {error}") from error
        self.stdout.write(f"Purged {len(wanted)} keys: {' '.join(wanted)}")
