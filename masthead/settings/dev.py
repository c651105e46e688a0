"""Local development: the demo newsroom served by runserver."""

from .base import *  # noqa: F403
from .base import BASE_DIR, REDIS_URL, env, shared_cache

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = ["*"]
# The server, the task worker and any management command run in another terminal are separate
# processes: they must share one cache, or a change made by one would never reach the others.
CACHES = {
    "default": shared_cache(
        REDIS_URL,
        prefix="masthead",
        directory=env.str("CACHE_DIR", default=str(BASE_DIR / "var" / "cache" / "dev")),
    )
}
