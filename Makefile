# Masthead's only entry points. `make demo` and `make test` do all set-up on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_SEED ?= 1
# Where the admin is served: the demo prints it, and the links in the newsroom's emails use it.
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
export DJANGO_SETTINGS_MODULE ?= masthead.settings.dev

.PHONY: install demo serve test test-postgres lint format check bench bench-edge bench-search lock serve-production clean

install: $(STAMP)

$(STAMP): requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

## demo: install, migrate, generate the demo newsroom and serve it at http://$(HOST):$(PORT)
demo: install
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py demo_newsroom --seed $(DEMO_SEED)
	$(MAKE) --no-print-directory serve

## serve: the development server and the task worker beside it (Ctrl-C stops both)
serve: install
	$(BIN)/python manage.py db_worker --backend edge --queue-name default,scheduling --interval 0.5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: install and run the whole suite, with the checks CI runs
test: install check
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(BIN)/python -m pytest

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

## test-postgres: the suite again on PostgreSQL with the Redis cache (CI runs it)
test-postgres: install
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/masthead} \
	TEST_REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/15} \
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(BIN)/python -m pytest -m "not browser"

lint: check

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: the bounded side-by-side benchmark against nginx (see docs/performance.md)
bench: install
	$(BIN)/python bench/run.py

## bench-edge: Varnish in front (the cached article against nginx, a publishing storm); see
## docs/performance.md
bench-edge: install
	$(BIN)/python bench/edge.py

## bench-search: reader search over 100,000 generated articles on PostgreSQL, through gunicorn,
## beside the article page (see docs/performance.md, "Search")
bench-search: install
	$(BIN)/python bench/search.py

## serve-production: gunicorn, the task worker and Varnish on loopback against PostgreSQL and
## Redis, with production settings; readers reach it through Varnish at http://$(HOST):$(PORT)
PRODUCTION_DB ?= postgres://postgres@127.0.0.1:5432/masthead
PRODUCTION_DEMO ?= 1
serve-production: install
	mkdir -p var
	test -s var/production-secret-key || $(BIN)/python -c \
		"import secrets; print(secrets.token_urlsafe(50))" > var/production-secret-key
	if [ -z "$$DATABASE_URL" ]; then \
		psql "$(PRODUCTION_DB:/masthead=/postgres)" -tAc \
			"SELECT 1 FROM pg_database WHERE datname='masthead'" | grep -q 1 \
		|| psql "$(PRODUCTION_DB:/masthead=/postgres)" -qc "CREATE DATABASE masthead"; fi
	export DJANGO_SETTINGS_MODULE=masthead.settings.production \
		SECRET_KEY=$${SECRET_KEY:-$$(cat var/production-secret-key)} \
		DATABASE_URL=$${DATABASE_URL:-$(PRODUCTION_DB)} \
		REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
		ALLOWED_HOSTS=$${ALLOWED_HOSTS:-$(HOST),127.0.0.1,localhost} \
		EDGE_PURGE=$${EDGE_PURGE:-varnish} \
		VARNISH_PURGE_URLS=$${VARNISH_PURGE_URLS:-http://$(HOST):$(PORT)} \
		SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} \
		SECURE_HSTS_SECONDS=$${SECURE_HSTS_SECONDS:-0} \
		SECURE_COOKIES=$${SECURE_COOKIES:-0}; \
	$(BIN)/python manage.py check && \
	$(BIN)/python manage.py migrate --no-input -v0 && \
	if [ "$(PRODUCTION_DEMO)" = 1 ]; then \
		$(BIN)/python manage.py demo_newsroom --seed $(DEMO_SEED); fi && \
	$(BIN)/python manage.py collectstatic --no-input -v0 && \
	$(BIN)/python deploy/stack.py --host $(HOST) --port $(PORT)

## lock: re-pin every dependency, with hashes, after editing pyproject.toml
lock:
	test -x $(BIN)/uv || $(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 -o requirements.lock

clean:
	rm -rf var/static var/cache
