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

.PHONY: help install run setup test test-fast lint format messages messages-check bench check clean db-stop

help:
	@echo "make run    - install, prepare the database, load demo data, serve on http://$(HOST):$(PORT)/"
	@echo "make test   - the whole test suite on the embedded PostgreSQL"
	@echo "make lint   - ruff check and format check"
	@echo "make messages - update locale/es from the sources and compile"
	@echo "make bench  - benchmarks at realistic sizes"
	@echo "make check  - lint, migrations check, catalogue check and tests (what CI runs)"

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

setup: install compile-messages
	$(MANAGE) setup_portal

run: setup
	$(MANAGE) runserver $(HOST):$(PORT)

test: install compile-messages
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# makemessages needs GNU gettext (xgettext, msgmerge): `apt-get install gettext`.
messages: install
	$(MANAGE) makemessages --locale es --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*'
	$(BIN)/python scripts/compile_messages.py
	$(BIN)/python scripts/check_messages.py

messages-check: messages

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

bench: install compile-messages
	$(BIN)/python -m bench

check: lint migrations-check messages-check test

db-stop:
	-$(BIN)/python -c "import pgserver; pgserver.get_server('var/postgres', cleanup_mode='stop')"

clean:
	rm -rf var/static var/media-test locale/*/LC_MESSAGES/*.mo
