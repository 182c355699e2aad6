# Two commands for a fresh machine (see README):  make run   and   make test
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
PORT    ?= 8501

.PHONY: run test lint bench system-deps clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## Start the app on http://127.0.0.1:$(PORT) (the demo case is one click away on the Start page).
run: $(STAMP)
	$(BIN)/streamlit run serve.py --server.address 127.0.0.1 --server.port $(PORT)

## Install what the tests need (Debian chromium, DejaVu fonts, poppler) and run the whole suite.
test: system-deps $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check .

## Speed targets, printed with PASS/FAIL; results appended to bench/RESULTS.md.
bench: $(STAMP)
	$(BIN)/python -m bench

system-deps:
	@bash scripts/system-deps.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
