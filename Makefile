# Quick start: `make run` opens the app, `make test` runs every check. Both build .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "studyapp needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	@# compiled modules are cached even where PYTHONDONTWRITEBYTECODE is set (a faster start)
	@$(BIN)/python -m compileall -q studyapp
	$(BIN)/studyapp

lint: $(STAMP)
	$(BIN)/ruff check studyapp tests benchmarks migrations migrations_server scripts
	$(BIN)/ruff format --check studyapp tests benchmarks migrations migrations_server scripts
	$(BIN)/lint-imports
	$(BIN)/mypy studyapp

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/import_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
