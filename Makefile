# counterflow: the two commands that matter are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint typecheck contracts pytest test-fast install browser bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

VENDOR := src/counterflow/web/static/vendor
$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p $(VENDOR)/fonts
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/
	cp node_modules/vega/build/vega.min.js node_modules/vega-lite/build/vega-lite.min.js \
	   node_modules/vega-embed/build/vega-embed.min.js \
	   node_modules/vega-interpreter/build/vega-interpreter.min.js $(VENDOR)/
	cp node_modules/@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-400-normal.woff2 \
	   node_modules/@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-700-normal.woff2 $(VENDOR)/fonts/
	touch $@

## browser: Debian's Chromium and a Khmer font for the browser tests (root, or already there)
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi khmer; then \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-khmeros >/dev/null; \
	fi

install: $(STAMP) $(VENDOR)/.stamp

## run: install, generate a demo world, monitor it, print the summary
run: install
	$(BIN)/counterflow serve --demo

## test: every quality gate, then the whole test suite (slow suites included)
test: install browser lint typecheck contracts pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy src

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: install
	$(BIN)/pytest -n 2 -q

test-fast: install
	$(BIN)/pytest -n 2 -q -m "not slow"

## bench: benchmarks (needs the bench extra: snapml, psutil)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/features_vs_snapml.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
