# Two commands do all set-up on a fresh machine (Python >= 3.11, pip and make):
#   make demo   check the sample article: fill the SQLite queue, write the HTML report
#   make test   run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test
# One test worker more than there are cores: the suite's servers and subprocesses leave a core idle while a
# test waits on them (221 s against 235 s with one a core, on 2 cores; bench/RESULTS.md)
WORKERS ?= $(shell $(PYTHON) -c 'import os; print((os.cpu_count() or 1) + 1)')
PYTEST_ARGS ?= -n $(WORKERS)

export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: install demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TESTSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $(TESTSTAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/claims check examples/harbour-bridge-reopens.txt
	@echo "Queue: $(BIN)/claims queue    Reports: reports/index.html"

test: $(TESTSTAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(TESTSTAMP)
	$(BIN)/ruff check claims flows tests bench
	$(BIN)/ruff format --check claims flows tests bench
	$(BIN)/mypy

bench: $(TESTSTAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache reports claims.db claims.db-*
