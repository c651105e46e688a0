# Masthead's only entry points. `make demo` and `make test` do all set-up on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_SEED ?= 1
export DJANGO_SETTINGS_MODULE ?= masthead.settings.dev

.PHONY: install demo serve test test-postgres lint format check bench lock serve-production clean

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
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

serve: install
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: install and run the whole suite, with the checks CI runs
test: install check
	$(BIN)/python -m pytest

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

## test-postgres: the suite again on PostgreSQL with the Redis cache (CI runs it)
test-postgres: install
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/masthead} \
	TEST_REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/15} \
	$(BIN)/python -m pytest -m "not browser"

lint: check

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: the bounded side-by-side benchmark against nginx (see docs/performance.md)
bench: install
	$(BIN)/python bench/run.py

## serve-production: gunicorn with production settings (SECRET_KEY must be set)
serve-production: install
	DJANGO_SETTINGS_MODULE=masthead.settings.production $(BIN)/python manage.py collectstatic --no-input -v0
	DJANGO_SETTINGS_MODULE=masthead.settings.production $(BIN)/gunicorn masthead.wsgi \
		--bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --no-control-socket

## lock: re-pin every dependency, with hashes, after editing pyproject.toml
lock:
	test -x $(BIN)/uv || $(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 -o requirements.lock

clean:
	rm -rf var/static var/cache
