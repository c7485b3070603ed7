# Reageerwijzer: the two README commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test e2e bench lint messages clean-var backup restore

$(PY):
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@ $(STAMP_RUN)

## make run: install, migrate, load the demo organisation, start web + worker + beat (Ctrl-C stops all)
run: $(STAMP_RUN)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Reageerwijzer runs at http://127.0.0.1:$${WEB_PORT:-8000}/  (Ctrl-C stops web, worker and beat)"
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f config/Procfile -d $(CURDIR)

## make test: install what the tests need and run the whole suite (browser journeys included)
test: $(STAMP_DEV)
	$(PY) -m pytest $(PYTEST_ARGS)

e2e: $(STAMP_DEV)
	$(PY) -m pytest tests/e2e $(PYTEST_ARGS)

bench: $(STAMP_DEV)
	$(PY) -m tests.bench
	$(PY) -m tests.bench_sync
	$(PY) -m tests.bench_classifier
	@if [ -n "$$DATABASE_URL" ]; then $(PY) -m tests.bench_insights; else echo "insights bench: needs DATABASE_URL (PostgreSQL)"; fi
	$(PY) -m tests.load.run --users 50 --rate 100 --duration 60 --think 5,15
	$(PY) -m tests.load.run --users 50 --rate 100 --duration 60 --think 1,3

lint: $(STAMP_DEV)
	$(BIN)/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

## make backup: a full backup of the DATABASE_URL database (pg_dump custom format; SQLite: a file copy)
##   into var/backups/reageerwijzer-<UTC time>.dump, or BACKUP_FILE=path
backup: $(STAMP_RUN)
	$(PY) manage.py backup $(if $(BACKUP_FILE),--output "$(BACKUP_FILE)")

## make restore BACKUP_FILE=path: restore a backup into the DATABASE_URL database, which must be empty
##   (PostgreSQL: createdb first); pg_restore runs in one transaction and stops at the first error
restore: $(STAMP_RUN)
	@test -n "$(BACKUP_FILE)" || { echo "usage: make restore BACKUP_FILE=var/backups/reageerwijzer-....dump"; exit 2; }
	$(PY) manage.py restore "$(BACKUP_FILE)"

## make messages: refresh the Dutch catalogue (needs gettext's xgettext/msgfmt)
messages: $(STAMP_DEV)
	$(PY) manage.py makemessages -l nl --no-obsolete --ignore=.venv --ignore=var --ignore=tests
	$(PY) manage.py compilemessages -l nl --ignore=.venv

clean-var:
	rm -rf var
