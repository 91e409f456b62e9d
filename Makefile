# Two entry points for a newcomer: `make demo` and `make test`.
# Each creates .venv on first use and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e ".[test,embeddings]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsfuse brief examples/harbour-collapse --format md

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/cleaning.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/dedupe.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/contradictions.py
	$(BIN)/python bench/facts.py
	$(BIN)/python bench/summary.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .hypothesis
