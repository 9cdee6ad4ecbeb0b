# One task runner. Every target sets up what it needs from a fresh clone:
# a virtual environment in .venv, created and filled on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
BENCH := $(VENV)/.bench-installed
PORT ?= 8501

.PHONY: run test lint format validate bench capacity balanced chromium haproxy clean

## run: serve the dashboard on http://localhost:$(PORT)
run: $(RUNTIME)
	$(BIN)/streamlit run app.py --server.port $(PORT)

## test: every test, the browser tests and the load test's smoke run included (Chromium and HAProxy are installed when missing and possible)
test: $(DEV) chromium haproxy
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

## bench: the benchmarks, written into docs/performance.md (about 10 minutes on 2 cores)
bench: $(BENCH) chromium
	$(BIN)/python -m benchmarks.run --sizes 0,10000,100000 --trials 9 --report docs/performance.md

## capacity: the load test (Locust readers over the WebSocket; one process, the bare app, HAProxy, failover), written into docs/performance.md (about 10 minutes)
capacity: $(DEV) haproxy
	$(BIN)/python -m benchmarks.capacity --report docs/performance.md

## balanced: two dashboard processes (ports 8501, 8502) behind HAProxy on http://localhost:8080 (deploy/haproxy.cfg); Ctrl-C stops all three
balanced: $(RUNTIME) haproxy
	@trap 'kill $$(jobs -p) 2>/dev/null' EXIT; \
	$(BIN)/streamlit run app.py --server.port 8501 --server.address 127.0.0.1 & \
	$(BIN)/streamlit run app.py --server.port 8502 --server.address 127.0.0.1 & \
	LB_PORT=8080 APP1_PORT=8501 APP2_PORT=8502 haproxy -db -f deploy/haproxy.cfg

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

# A Debian package the tests need, installed when missing and this user may
# (root, apt-get); otherwise the tests that need it skip (and fail when CI=true).
# $(call debian_package,package,what it is for,what skips without it)
define debian_package
	@if command -v $(1) >/dev/null 2>&1 || [ -x /usr/bin/$(1) ]; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's $(1) for $(2)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else \
		echo "No $(1) and no way to install it: $(3) will skip (and fail when CI=true)"; \
	fi
endef

# Playwright's own browser download does not work everywhere; Debian's Chromium does.
chromium:
	$(call debian_package,chromium,the browser tests,the browser tests)

# Debian's haproxy, for the load balancer and its tests.
haproxy:
	$(call debian_package,haproxy,the load balancer's tests,the load balancer's smoke test)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis artifacts
