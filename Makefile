# Reageerwijzer: the two README commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test e2e bench lint messages clean-var

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
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile

## make test: install what the tests need and run the whole suite (browser journeys included)
test: $(STAMP_DEV)
	$(PY) -m pytest $(PYTEST_ARGS)

e2e: $(STAMP_DEV)
	$(PY) -m pytest tests/e2e $(PYTEST_ARGS)

bench: $(STAMP_DEV)
	$(PY) -m tests.bench

lint: $(STAMP_DEV)
	$(BIN)/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

## make messages: refresh the Dutch catalogue (needs gettext's xgettext/msgfmt)
messages: $(STAMP_DEV)
	$(PY) manage.py makemessages -l nl --no-obsolete --ignore=.venv --ignore=var --ignore=tests
	$(PY) manage.py compilemessages -l nl --ignore=.venv

clean-var:
	rm -rf var
