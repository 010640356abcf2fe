# Accord: `make run` for a working staff UI with the demo scenario, `make test` for everything.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(PY) -m pytest
SCALE ?= 1
# Test processes (pytest-xdist): one more than the cores, since many tests wait on a browser,
# a live worker or a subprocess rather than compute. `make test TEST_WORKERS=0` runs serially.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
# Each test file runs whole on one process: the module-scoped fixtures (the demo scenario,
# the permission matrix's world) are built once, not once per process.
PARALLEL := -n $(TEST_WORKERS) --dist loadfile

.PHONY: run setup test test-sqlite test-postgres test-quick bench bench-postgres lint messages clean

$(VENV)/.installed: pyproject.toml
	scripts/system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	scripts/system-deps.sh
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

run: setup
	mkdir -p var
	test -f .env || printf '# Development only; production sets its environment instead.\nDEBUG=true\n' > .env
	DEBUG=true $(PY) manage.py migrate --no-input -v 0
	DEBUG=true $(PY) manage.py seed_demo --if-empty
	scripts/run-dev.sh

# Everything: the suite on SQLite, then on a throwaway PostgreSQL, each in parallel; both
# include the tests that start a real Redis server and Celery worker. The browser walks (e2e)
# run in the SQLite pass only: they test pages, and the database behaviour under them is
# tested on both.
test: setup
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: setup
	scripts/system-deps.sh --test
	$(PYTEST) $(PARALLEL)

test-postgres: setup
	scripts/system-deps.sh --test
	scripts/with-postgres.sh $(PYTEST) $(PARALLEL) -m "not e2e"

# The inner loop: SQLite, no browser, no Redis or Celery worker (only moto's S3 server).
test-quick: setup
	$(PYTEST) $(PARALLEL) -m "not e2e and not redis" -q

# SCALE=40: also every staff page, dashboard and API list on the whole demo at 40 times the
# reference event (tests/bench/pages.py), and the badge batch's memory at 1,000 and 10,000.
bench: setup
	$(PY) -m tests.bench.run --scale $(SCALE)

bench-postgres: setup
	scripts/with-postgres.sh sh -c 'BENCH_DATABASE_URL=$$DATABASE_URL $(PY) -m tests.bench.run --scale $(SCALE)'

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

messages: setup
	DEBUG=true $(PY) manage.py makemessages $(foreach language,$(notdir $(wildcard locale/*)),-l $(language)) --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests
	DEBUG=true $(PY) manage.py public_catalogues
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf var staticfiles .pytest_cache
