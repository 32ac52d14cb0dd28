# Sturingsbot — one command to set up and run, one to test.
#   make run    installs what is needed (first time) and starts the bot on http://127.0.0.1:3978
#   make test   installs what is needed (incl. Chromium and Web Chat for the end-to-end tests) and runs all tests
#   make lint   the lint gate CI runs before the tests (ruff lint and format check, then mypy with pyproject's [tool.mypy])
VENV ?= .venv
PY := $(VENV)/bin/python
# pytest-xdist workers for `make test` (one per core); `make test PYTEST_WORKERS=0` runs in one process
PYTEST_WORKERS ?= auto

.PHONY: setup run chat webchat test lint bench

$(VENV)/.geinstalleerd: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.geinstalleerd

run: setup
	$(PY) -m bot

chat: setup
	$(PY) -m bot chat

webchat: setup
	npm install --no-audit --no-fund --silent
	$(PY) -m bot webchat

test: setup
	bash scripts/installeer-e2e.sh
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: setup
	$(PY) -m bench.beurt
	$(PY) -m bench.zoeken
