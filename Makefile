# storyline: common tasks. `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_OUT ?= demo

.PHONY: install system demo test pytest lint typecheck docs check-install clean

$(BIN)/storyline: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[all,dev]'
	touch $@

install: $(BIN)/storyline

# Debian packages the full test suite uses: PostgreSQL server and headless Chromium.
system:
	bash scripts/install-system.sh

demo: install
	$(BIN)/storyline analyze examples/corpus --db $(DEMO_OUT)/storyline.db --out $(DEMO_OUT) --sources examples/sources.csv
	@echo "dossier written to $(DEMO_OUT)/dossier.html and $(DEMO_OUT)/dossier.json"
	@echo "run $(BIN)/storyline (or source $(BIN)/activate, then storyline), e.g. $(BIN)/storyline quotes --db $(DEMO_OUT)/storyline.db"

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy

# docs/cli.md is generated from the command itself; tests/test_docs.py fails when it is stale.
docs: install
	$(BIN)/python scripts/gen_cli_docs.py

pytest: install
	bash scripts/run-tests.sh $(BIN)

test: install system lint typecheck pytest

# storyline installed without constraints.txt into a fresh environment, then run on the sample
# corpus: fails when an import is not a declared dependency (CI runs it after `make test`).
check-install:
	bash scripts/check-unpinned-install.sh $(PYTHON)


clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache .mypy_cache .ruff_cache
