# The commands of RumourTracker. `make run` and `make test` are all a newcomer needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test tag eval train bench bench-data lint format

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) scripts/devstack.py run

test: $(VENV)/.dev
	$(PY) scripts/devstack.py test $(ARGS)

tag: $(VENV)/.runtime
	@test -n "$(IN)" -a -n "$(OUT)" || (echo "usage: make tag IN=articles.jsonl OUT=tagged.jsonl" && exit 2)
	$(PY) scripts/tagging.py tag "$(IN)" "$(OUT)"

# make tag, eval and train read the knowledge base straight from players/data/: no database needed.
# Cross-validated figures of the tagger on the annotated corpus in ../shared (never part of make test).
eval: $(VENV)/.dev
	$(PY) scripts/tagging.py eval $(ARGS)

# Fits the tagger's model from ../shared/corpus into tagger/model.json (committed).
train: $(VENV)/.dev
	$(PY) scripts/tagging.py train $(ARGS)

bench: $(VENV)/.dev
	$(PY) scripts/devstack.py bench $(SUITE)

# Fills the benchmark database rt_bench (never yours) that `make bench SUITE=pages` reuses.
bench-data: $(VENV)/.dev
	$(PY) scripts/devstack.py bench-data

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/djlint templates --lint

format: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
