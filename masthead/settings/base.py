"""Settings shared by every environment. Everything that differs between machines comes
from environment variables, read through ``env`` in the settings modules and nowhere else."""

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "masthead"

# The one reader of the environment; a variable read without a default is required, and a
# missing one raises ImproperlyConfigured("Set the NAME environment variable").
env = environ.Env()
# A value starting with "$" names another variable (django-environ's proxy); "\$" writes a literal
# one, which a generated SECRET_KEY may need.
env.escape_proxy = True

SECRET_KEY = env.str("SECRET_KEY", default="masthead-insecure-development-key")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # Masthead's newsroom: content models first, then the reader pages built on them. The order
    # of imports between them is declared in tests/test_architecture.py (docs/architecture.md).
    "masthead.caching",
    "masthead.edge",
    "masthead.editions",
    "masthead.people",
    "masthead.programmes",
    "masthead.articles",
    "masthead.feed",
    "masthead.tags",
    "masthead.sections",
    "masthead.frontpage",
    "masthead.policies",
    "masthead.planning",
    "masthead.breaking",
    "masthead.editing",
    "masthead.forecasts",
    "masthead.syndication",
    "masthead.corrections",
    "masthead.serving",
    "masthead.search",
    "masthead.scheduling",
    "masthead.newsroom",
    "masthead.dashboard",
    "masthead.transcripts",
    "masthead.importers",
    "masthead.demo",
    "django_tasks_db",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "masthead.serving.replicas.ReadReplicaMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304s, for the Last-Modified and Cache-Control the edge middleware below sets.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "masthead.caching.middleware.SharedValuesMiddleware",
    # Whole public pages kept as shared values under their keys (masthead/edge/kept.py).
    "masthead.edge.kept.KeptPagesMiddleware",
    "masthead.edge.middleware.EdgeCacheMiddleware",
    "masthead.editions.middleware.EditionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Admin times on the edition's clock for editors who chose no time zone (masthead/editing).
    "masthead.editing.time_zones.EditionTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "masthead.urls"
WSGI_APPLICATION = "masthead.wsgi.application"

TEMPLATES = [
    # Reader pages: Jinja2 templates in masthead/jinja2/ and each app's jinja2/ (see
    # masthead/templating.py). First, so a reader's page is found without asking the other engine.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PROJECT_DIR / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "masthead.templating.environment",
            "context_processors": [
                "masthead.editions.context_processors.edition",
                "masthead.sections.context_processors.sections_menu",
                "masthead.feed.context_processors.latest_news",
                "masthead.breaking.context_processors.breaking_news",
                "masthead.syndication.context_processors.head",
            ],
        },
    },
    # The admin's: Wagtail's and Django's own templates.
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database(url: str) -> dict:
    """The settings of the database at ``url``, tuned for serving readers."""
    config = env.db_url_config(url)
    config["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=600)
    config["CONN_HEALTH_CHECKS"] = True
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work while an editor publishes; IMMEDIATE avoids lock upgrades failing.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # Server-side prepared statements: PostgreSQL plans the routing query (every page type
        # joined) in more time than it runs it; a query run this many times on a connection is
        # planned once. 0 turns them off, e.g. behind a pooler that cannot keep them.
        threshold = env.int("DATABASE_PREPARE_THRESHOLD", default=5)
        if threshold > 0:
            config.setdefault("OPTIONS", {}).update(
                server_side_binding=True, prepare_threshold=threshold
            )
    return config


DATABASES = {
    "default": database(
        env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'masthead.sqlite3'}")
    )
}

# Read replicas (masthead/serving/replicas.py): readers' queries go to one of these, the rest to
# the primary. DATABASE_REPLICA_URLS is a comma-separated list of database URLs.
MASTHEAD_READ_REPLICAS: list[str] = []
for number, replica_url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    DATABASES[f"replica{number}"] = database(replica_url)
    MASTHEAD_READ_REPLICAS.append(f"replica{number}")
DATABASE_ROUTERS = ["masthead.serving.replicas.ReplicaRouter"] if MASTHEAD_READ_REPLICAS else []

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# What redis-py connects to: TCP, TLS, a Unix socket.
REDIS_SCHEMES = frozenset({"redis", "rediss", "unix"})


def shared_cache(url: str, *, prefix: str, directory: str | None = None) -> dict:
    """The settings of the cache every process shares: the Redis server(s) at ``url`` (keys under
    ``prefix``); without a URL, files under ``directory`` when given, else this process's memory
    (named ``prefix``). django-redis keeps one client per server, reused by every operation."""
    if url:
        if urlsplit(url).scheme not in REDIS_SCHEMES:
            raise ImproperlyConfigured(f"Not a Redis URL (redis://, rediss://, unix://): {url!r}")
        return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
    if directory is not None:
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": directory,
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix}


REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {"default": shared_cache(REDIS_URL, prefix="masthead")}

# Shared fragments (the latest-news feed) are rendered once per change and kept in the cache.
# Turned off, every request renders them again: that is how the benchmark measures "uncached".
MASTHEAD_FRAGMENT_CACHE = env.bool("MASTHEAD_FRAGMENT_CACHE", default=True)
# Whole public pages are kept too, under the same keys as at the edge (masthead/edge/kept.py).
MASTHEAD_KEPT_PAGES = env.bool("MASTHEAD_KEPT_PAGES", default=True)
# Seconds a shared value is kept; its key names the release (masthead/caching/release.py), which
# is a digest of the code unless MASTHEAD_RELEASE names it (e.g. the deployed commit).
MASTHEAD_SHARED_VALUE_TTL = env.int("MASTHEAD_SHARED_VALUE_TTL", default=24 * 60 * 60)
MASTHEAD_RELEASE = env.str("MASTHEAD_RELEASE", default="")

TASKS = {
    # Wagtail's own tasks (the reference index, image focal points …) run at once, in the process
    # that made the change, as they always have.
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # The task worker's (`manage.py db_worker --backend edge --queue-name default,scheduling`),
    # stored in the database with the change that asks for them. "default": edge purges, sent
    # once the change commits and retried until they go (masthead/edge/purging.py).
    # "scheduling": go-live and expiry at their time, and the sweep that catches anything due
    # (masthead/scheduling/tasks.py).
    "edge": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "scheduling"],
    },
}

# HTTP caching of public responses (masthead/edge/middleware.py). Shared caches (Varnish, a CDN)
# keep pages long, because every change purges exactly the pages it affects; browsers only
# briefly, since nothing can purge them.
MASTHEAD_HTTP_CACHE = {
    "SHARED_SECONDS": env.int("EDGE_SHARED_SECONDS", default=24 * 60 * 60),
    "BROWSER_SECONDS": env.int("EDGE_BROWSER_SECONDS", default=15),
    "STALE_WHILE_REVALIDATE": env.int("EDGE_STALE_WHILE_REVALIDATE", default=60),
    "STALE_IF_ERROR": env.int("EDGE_STALE_IF_ERROR", default=24 * 60 * 60),
}
# Never cached anywhere: the admin, and documents (which a collection may restrict).
MASTHEAD_PRIVATE_PATHS = ("/admin/", "/documents/")


def frontend_caches(names: list[str]) -> dict:
    """Wagtail's WAGTAILFRONTENDCACHE for the edges named in EDGE_PURGE (varnish, fastly,
    cloudflare), each configured from its own variables (docs/edge.md)."""
    caches: dict[str, dict] = {}
    for name in names:
        if name == "varnish":
            caches[name] = {
                "BACKEND": "masthead.edge.backends.VarnishXkeyBackend",
                "LOCATIONS": env.list("VARNISH_PURGE_URLS", default=["http://127.0.0.1:8000"]),
            }
        elif name == "fastly":
            caches[name] = {
                "BACKEND": "masthead.edge.backends.FastlySurrogateKeyBackend",
                "SERVICE_ID": env.str("FASTLY_SERVICE_ID"),
                "API_TOKEN": env.str("FASTLY_API_TOKEN"),
            }
        elif name == "cloudflare":
            caches[name] = {
                "BACKEND": "masthead.edge.backends.CloudflareCacheTagBackend",
                "ZONEID": env.str("CLOUDFLARE_ZONE_ID"),
                "BEARER_TOKEN": env.str("CLOUDFLARE_BEARER_TOKEN"),
            }
        else:
            raise ImproperlyConfigured(
                f"EDGE_PURGE names {name!r}; it may name varnish, fastly and cloudflare"
            )
    return caches


# Which edges to purge when content changes; none by default (nothing caches in front).
WAGTAILFRONTENDCACHE = frontend_caches(env.list("EDGE_PURGE", default=[]))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("uk", "Ukrainian")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))


def media_storage(kind: str) -> dict:
    """Where uploaded images live: ``local`` files under MEDIA_ROOT, or ``s3``, any
    S3-compatible service through django-storages (bucket, endpoint and keys from AWS_*)."""
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind == "s3":
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
                "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
                "region_name": env.str("AWS_S3_REGION_NAME", default=None),
                "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default=None),
                "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
                "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
                # Public, permanent URLs: a rendition's address is cached at the edge.
                "querystring_auth": False,
                "file_overwrite": False,
            },
        }
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {kind!r}")


STORAGES = {
    "default": media_storage("local"),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Masthead"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")


def search_backends(url: str) -> dict:
    """Wagtail's search backends (the admin's and reader search's, ``masthead/search/``): the
    database's own full text by default (SQLite FTS5, PostgreSQL with the ``simple``
    configuration: Masthead adds stems itself, the same way on both, see
    ``masthead/search/text.py``), or OpenSearch at ``MASTHEAD_SEARCH_URL`` for large archives
    (``opensearch://host:9200/``, ``opensearchs://`` for TLS; see docs/search.md)."""
    if not url:
        return {
            "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
        }
    parts = urlsplit(url)
    if parts.scheme not in ("opensearch", "opensearchs"):
        raise ImproperlyConfigured(
            f"MASTHEAD_SEARCH_URL must be empty (the database) or opensearch[s]://…, not {url!r}"
        )
    scheme = "https" if parts.scheme == "opensearchs" else "http"
    return {
        "default": {
            "BACKEND": "modelsearch.backends.opensearch2",
            "URLS": [urlunsplit((scheme, parts.netloc, parts.path or "/", "", ""))],
            # Index names: masthead_reader_search_searchdocument, masthead_wagtailcore_page …
            "INDEX_PREFIX": env.str("MASTHEAD_SEARCH_INDEX", default="masthead") + "_",
            "TIMEOUT": 5,
            "ATOMIC_REBUILD": True,
            "AUTO_UPDATE": True,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }


WAGTAILSEARCH_BACKENDS = search_backends(env.str("MASTHEAD_SEARCH_URL", default=""))
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# E-mail (reminders of forecasts that fell due, masthead/forecasts/reminders.py): printed by the
# process that sends it unless EMAIL_URL names a server, e.g. smtp+tls://user:pass@host:587.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="newsroom@masthead.invalid")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
