# Portail PTF Mali — the two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.PHONY: run test setup lint format messages demo bench clean-db help screenshots

help:
	@echo "make run       set everything up and serve http://127.0.0.1:$(PORT) (SQLite)"
	@echo "make test      set up and run the whole test suite (PostgreSQL when reachable)"
	@echo "make lint | format | messages | demo | bench"

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing requirements into $(VENV)…"
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt 2> >(grep -v "is ignored: it is neither" >&2)
	@touch $(STAMP)

setup: $(STAMP)
	@mkdir -p var/static
	@$(PY) bin/compile_messages.py

run: setup
	@$(MANAGE) migrate --noinput -v0
	@$(MANAGE) load_demo_data --if-empty
	@echo ""
	@echo "  Portail PTF Mali: http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "  Demo accounts (demo only): see README.md — admin / pool-technique / editeur-sante / moderateur-sante / editeur-education, password: demo-ptf-2026"
	@echo ""
	@echo "  Background jobs: db_worker started alongside (stops with the server)."
	@$(MANAGE) db_worker --queue-name '*' --no-reload -v0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: setup
	@url="$$($(PY) bin/test_database_url.py)"; \
	if [ -z "$$url" ]; then echo "WARNING: PostgreSQL not reachable and DATABASE_URL unset: tests run on SQLite (PostgreSQL-only tests will skip)."; fi; \
	DATABASE_URL="$$url" $(PY) -m pytest $(PYTEST_ARGS)

demo: setup
	@$(MANAGE) migrate --noinput -v0
	@$(MANAGE) load_demo_data

lint: $(STAMP)
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

format: $(STAMP)
	@$(VENV)/bin/ruff check --fix .
	@$(VENV)/bin/ruff format .

messages: $(STAMP)
	@$(MANAGE) makemessages -l fr -l en --no-obsolete --ignore=.venv --ignore=var --ignore=node_modules --ignore=tests --ignore=bench
	@$(PY) bin/fill_english_catalogue.py
	@$(PY) bin/compile_messages.py

bench: setup
	@$(PY) bench/run_all.py

# Training screenshots from the running product (Debian's Chromium; after `make demo`), French then English admin.
screenshots: setup
	@$(MANAGE) take_screenshots
	@$(MANAGE) take_screenshots --language en

clean-db:
	rm -f var/db.sqlite3
