"""Production: secrets and hosts from the environment, compressed static files, a shared cache."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, REDIS_URL, env_bool

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]  # no default: production must never run on a known key
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if not REDIS_URL:
    # Several workers must see one cache, or a publish would purge only one worker's fragments.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        }
    }
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
