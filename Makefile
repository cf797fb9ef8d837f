# CRM Portal. `make run` and `make test` set everything up on a fresh machine (Python 3.11).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
INSTALLED := $(VENV)/.installed
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install compile-messages run setup test test-fast lint lint-imports format messages \
	messages-check migrations-check bench load check backup restore clean db-stop

help:
	@echo "make run    - install, prepare the database, load demo data, serve on http://$(HOST):$(PORT)/"
	@echo "make test   - the whole test suite on the embedded PostgreSQL"
	@echo "make test-fast - the suite without the browser tests"
	@echo "make lint   - ruff check and format check"
	@echo "make lint-imports - apps import downward only (import-linter, pyproject.toml)"
	@echo "make messages - update locale/es from the sources and compile"
	@echo "make bench  - benchmarks at realistic sizes"
	@echo "make load   - locust against gunicorn on 127.0.0.1 (LOAD_ARGS=--short: 20 s check)"
	@echo "make check  - lint, import layers, migrations and catalogue checks, tests (CI runs it)"
	@echo "make backup - database dump and uploaded files in one archive under var/backups/"
	@echo "make restore ARCHIVE=var/backups/... - replace the database and files from a backup"

# The virtualenv is rebuilt only when pyproject.toml changes.
$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

# Catalogues are compiled with polib: no gettext needed to run the portal.
locale/%.mo: locale/%.po $(INSTALLED)
	$(BIN)/python scripts/compile_messages.py

compile-messages: $(MO_FILES)

# The demo accounts printed and the links e-mailed point at the address served.
RUN_ENV := DJANGO_HOST=$(HOST) DJANGO_PORT=$(PORT)

setup: install compile-messages
	$(RUN_ENV) $(MANAGE) setup_portal

# The web server and one worker of the task queue (Procfile); Ctrl-C stops both.
run: setup
	$(RUN_ENV) HOST=$(HOST) $(BIN)/honcho start --procfile Procfile --port $(PORT)

test: install compile-messages
	$(BIN)/pytest $(PYTEST_ARGS)

# Everything but the Chromium tests: the quick loop while editing.
test-fast: install compile-messages
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The layers are declared in pyproject.toml ([tool.importlinter]).
lint-imports: install
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# makemessages needs GNU gettext (xgettext, msgmerge): `apt-get install gettext`.
MAKEMESSAGES_ARGS := --locale es --no-obsolete --ignore '.venv/*' --ignore 'var/*' \
	--ignore 'tests/*' --ignore 'bench/*'

messages: install
	$(MANAGE) makemessages $(MAKEMESSAGES_ARGS)
	$(BIN)/python scripts/compile_messages.py
	$(BIN)/python scripts/check_messages.py

# Read-only: makemessages runs on a temporary copy; fails on msgids missing from locale/es,
# obsolete ones, and untranslated or fuzzy entries.
messages-check: install
	$(BIN)/python scripts/check_messages.py --sources $(MAKEMESSAGES_ARGS)

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

bench: install compile-messages
	$(BIN)/python -m bench

# 50 users for 3 minutes by default; LOAD_ARGS="--users 80 --seconds 60" or "--short".
load: install compile-messages
	$(BIN)/python -m bench.load $(LOAD_ARGS)

# What a developer runs before pushing and what CI runs (.ci/run).
check: lint lint-imports migrations-check messages-check test

# BACKUP_DIR (default var/backups) holds the archives; see README "Backups".
backup: install
	$(MANAGE) backup_portal $(if $(BACKUP_DIR),--output-dir $(BACKUP_DIR))

restore: install
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=var/backups/<file>.tar.gz"; exit 2; }
	$(MANAGE) restore_portal "$(ARCHIVE)" --yes

db-stop:
	-$(BIN)/python -c "import pgserver; pgserver.get_server('var/postgres', cleanup_mode='stop')"

clean:
	rm -rf var/static var/media-test locale/*/LC_MESSAGES/*.mo .import_linter_cache
