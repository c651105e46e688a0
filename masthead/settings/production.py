"""Production: secrets and hosts from the environment, compressed static files, a shared cache."""

from .base import *  # noqa: F403
from .base import BASE_DIR, REDIS_URL, env, shared_cache

DEBUG = False
# No default: production must never run on a known key. Missing, it raises ImproperlyConfigured.
SECRET_KEY = env.str("SECRET_KEY")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Without Redis, files: several workers must see one cache, or a publish would purge only one
# worker's fragments.
CACHES = {
    "default": shared_cache(
        REDIS_URL,
        prefix="masthead",
        directory=env.str("CACHE_DIR", default=str(BASE_DIR / "var" / "cache")),
    )
}
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
