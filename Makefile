# accord: two commands. `make demo` and `make test` create .venv and install from the
# package registries on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= demo.duckdb
PORT ?= 8000

.PHONY: demo test install bench clean serve

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DB)
	$(BIN)/accord ingest examples --db $(DB)
	$(BIN)/accord docs --db $(DB)
	$(BIN)/accord show examples/001_c17310a070c6f817.txt --db $(DB)

test: $(STAMP)
	$(BIN)/python -m pytest -q -ra

clean:
	rm -rf $(VENV) demo.duckdb .pytest_cache tests/artifacts
