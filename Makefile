# The README's two commands are `make demo` and `make test`; `make setup` is what both start with.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-packages demo test lint bench eval clean

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

# A fresh draw of the reply generator on each bundled survey, read by `foi run` and scored by layout and file kind.
SEED ?= 1
N ?= 200
eval: setup
	$(BIN)/python -m tests.generator.evaluate --survey examples/rhi-2026/survey.yaml --seed $(SEED) --n $(N)
	$(BIN)/python -m tests.generator.evaluate --survey examples/ta-2026/survey.yaml --seed $(SEED) --n $(N)

bench: setup
	$(BIN)/python benchmarks/run.py 1 5 20

clean:
	rm -rf $(VENV) examples/rhi-2026/.foi examples/ta-2026/.foi
