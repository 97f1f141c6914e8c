# Questline: `make run` starts the whole stack on this machine, `make test` runs every test.
# Both create .venv with Python 3.11 and install the project on first use (again only when
# pyproject.toml changes); nothing is installed system-wide.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
PY := $(VENV)/bin/python
# Inside the venv, so a new venv always reinstalls.
STAMP := $(VENV)/.questline-installed
PIP_FLAGS := --disable-pip-version-check $(if $(CI),--progress-bar off,)

.DEFAULT_GOAL := help
.PHONY: help install chromium run test lint clients bench scale scale-data faults clean

help:
	@echo "make run     start PostgreSQL, Temporal, the worker and the API here (Ctrl-C stops them)"
	@echo "             SOCIAL_EMULATOR=1: also the social platforms' emulator, which the worker verifies against"
	@echo "make test    run the tests (PYTEST_ARGS='-k x -x' to narrow them)"
	@echo "make lint    ruff, mypy and the import contracts (lint-imports)"
	@echo "make clients regenerate the typed clients from the OpenAPI document (clients/python is committed)"
	@echo "make bench   run the ingest benchmark"
	@echo "make scale   run the scale-out benchmark (1, 2 and 4 workers)"
	@echo "make scale-data  seed 1M users, 1,000 live missions, 10M journeys and events; time the reads"
	@echo "make faults  run the fault suite (10,000 events while the worker, API and Temporal are SIGKILLed)"
	@echo "make clean   delete the dev stack's data (.data), once nothing runs on it"

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found: install python3.11 (or set PYTHON=...)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install $(PIP_FLAGS) -e '.[dev]'
	@touch $@

install: $(STAMP)

# SOCIAL_EMULATOR=1 adds `--social-emulator` (devstack/social_emulator/ on a free 127.0.0.1 port).
run: $(STAMP)
	$(PY) -m devstack run$(if $(filter 1 yes true,$(SOCIAL_EMULATOR)), --social-emulator)

# The browser tests drive the system's Chromium (QUESTLINE_CHROMIUM, else `chromium` on the PATH):
# as root on Debian (CI), Debian's package is installed when it is absent; nothing else is downloaded.
chromium:
	@if [ -n "$$QUESTLINE_CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's chromium for the browser tests"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }; \
	else echo "no Chromium: install it (apt-get install chromium) or set QUESTLINE_CHROMIUM; the browser tests will fail" >&2; fi

# The layers first (import-linter contracts in pyproject.toml): a violation fails before any test runs.
test: $(STAMP) chromium
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports --no-cache

# Python (openapi-python-client) into clients/python; TypeScript (typescript-fetch) into
# clients/typescript, which is not committed (CLIENTS_ARGS='--typescript-out DIR' to choose).
clients: $(STAMP)
	$(PY) clients/generate.py --typescript-out clients/typescript $(CLIENTS_ARGS)

bench: $(STAMP)
	$(PY) bench/ingest.py $(BENCH_ARGS)

scale: $(STAMP)
	$(PY) bench/scale.py $(SCALE_ARGS)

# SCALE_DATA_ARGS='--small' for a one-per-cent smoke run.
scale-data: $(STAMP)
	$(PY) bench/scale_data.py $(SCALE_DATA_ARGS)

faults: $(STAMP)
	$(PY) -m bench.faults $(FAULTS_ARGS)

# The launcher refuses while a stack holds the data directory's lock or PostgreSQL still runs on it.
clean:
	@if [ -x $(PY) ]; then $(PY) -m devstack clean; else rm -rf "$${QUESTLINE_DATA_DIR:-.data}"; fi
