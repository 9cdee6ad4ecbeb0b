# One task runner. Every target sets up what it needs from a fresh clone:
# a virtual environment in .venv, created and filled on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
BENCH := $(VENV)/.bench-installed
PORT ?= 8501

.PHONY: run test lint format validate bench chromium clean

## run: serve the dashboard on http://localhost:$(PORT)
run: $(RUNTIME)
	$(BIN)/streamlit run app.py --server.port $(PORT)

## test: every test, the browser tests included (Chromium is installed when missing and possible)
test: $(DEV) chromium
	$(BIN)/python -m pytest

## lint: ruff's checks and formatting, without changing anything
lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## format: apply ruff's formatting and safe fixes
format: $(DEV)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## validate: check the data package (COOPERATION_DATA or data/)
validate: $(RUNTIME)
	$(BIN)/python -m cooperation validate

## bench: the benchmarks, written into docs/performance.md (about 20 minutes on 2 cores)
bench: $(BENCH) chromium
	$(BIN)/python -m benchmarks.run --sizes 0,10000,100000 --trials 9 --report docs/performance.md

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME): requirements.txt $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(DEV): requirements-dev.txt requirements.txt $(RUNTIME)
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

$(BENCH): requirements-bench.txt $(DEV)
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	touch $@

# Playwright's own browser download does not work everywhere; Debian's
# Chromium does. Installed here when missing and this user may (root, apt-get).
chromium:
	@if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "No Chromium and no way to install it: the browser tests will skip (they fail when CI=true)"; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis artifacts
