"""Production: secrets and hosts from the environment, compressed static files, a shared cache,
media on local disk or S3-compatible storage, and the security headers for a TLS-terminating
proxy in front (see docs/deployment.md)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, REDIS_URL, env, media_storage, shared_cache

DEBUG = False
# No default: production must never run on a known key. Missing, it raises ImproperlyConfigured.
SECRET_KEY = env.str("SECRET_KEY")
# No default either: the hosts readers reach the site by, comma-separated.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
STORAGES = {
    "default": media_storage(env.str("MEDIA_STORAGE", default="local")),
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
# Behind a TLS-terminating proxy that says so in X-Forwarded-Proto (and strips it from readers).
if env.bool("SECURE_PROXY_SSL", default=True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
