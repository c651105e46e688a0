"""Production: secrets and hosts from the environment, compressed static files, a shared cache."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, REDIS_URL, env, shared_cache

DEBUG = False
# No default: production must never run on a known key. Missing, it raises ImproperlyConfigured.
SECRET_KEY = env.str("SECRET_KEY")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Every application server, worker and task process must see one cache, or a change made by one
# would stay unseen by the others: Redis. Only a site that says it runs as one process on one
# machine may use files instead.
MASTHEAD_ONE_PROCESS = env.bool("MASTHEAD_ONE_PROCESS", default=False)
if not REDIS_URL and not MASTHEAD_ONE_PROCESS:
    raise ImproperlyConfigured(
        "Set the REDIS_URL environment variable: production needs a cache that every process "
        "shares (or set MASTHEAD_ONE_PROCESS=true if this site really runs as one process)."
    )
CACHES = {
    "default": shared_cache(
        REDIS_URL,
        prefix="masthead",
        directory=env.str("CACHE_DIR", default=str(BASE_DIR / "var" / "cache")),
    )
}
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
