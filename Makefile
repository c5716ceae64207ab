# The README's two commands are `make demo` and `make test`; `make setup` is what both start with.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-packages demo test lint bench clean

setup: system-packages $(STAMP)

system-packages:
	@bash scripts/system-packages.sh

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

demo: setup
	$(BIN)/foi run examples/rhi-2026

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python benchmarks/run.py 1 5 20

clean:
	rm -rf $(VENV) examples/rhi-2026/.foi
