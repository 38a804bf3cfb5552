# Two commands: `make run` and `make test`. Both build .venv from requirements.txt when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test init bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

init: $(STAMP)
	$(BIN)/python -m hdras init

run: init
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	for f in benchmarks/bench_*.py benchmarks/axe_audit.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) var
