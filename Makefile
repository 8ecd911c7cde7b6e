# Every target bootstraps .venv first, so each one works on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml web-assets/package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	cd web-assets && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m coalition.web.assets web-assets/node_modules
	touch $(STAMP)

# Builds the demo database, prints what it holds, and serves it on http://127.0.0.1:8000/.
demo: install
	$(BIN)/coalition demo

test: install
	$(BIN)/python -m pytest -q -n 2

bench: install
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.intake
	$(BIN)/python -m benchmarks.web
	$(BIN)/python -m benchmarks.sharing

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) web-assets/node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis
