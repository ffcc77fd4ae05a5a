# Set-up and checks for the study. Every target does its own set-up: a fresh machine with
# Python 3.11 needs nothing else. The venv is rebuilt only when the pinned files change.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
# Python may write its bytecode (__pycache__/, ignored by git): an environment that forbids it
# (PYTHONDONTWRITEBYTECODE) makes every process, kernel and test worker recompile the helpers and
# re-rewrite the tests' asserts. (A PYTHONPYCACHEPREFIX would hide the venv's compiled files.)
unexport PYTHONDONTWRITEBYTECODE

.PHONY: setup lab restore export serve test e2e lint unit nbval notebooks html bench workbench catalog check exports clean

setup: $(STAMP)

## The first run takes two to three minutes (about 170 pinned packages); pip prints each package
## as it fetches and installs it, then one line says the venv is ready. Later runs do nothing
## unless the pinned files change.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	@test -x $(BIN)/python || { echo "setup: creating the virtual environment $(VENV)/ with $(PYTHON)"; \
		$(PYTHON) -m venv $(VENV); }
	@echo "setup: installing the pinned packages into $(VENV)/ (requirements.txt, constraints.txt)"
	$(BIN)/python -m pip install --disable-pip-version-check -r requirements.txt -c constraints.txt
	@touch $(STAMP)
	@echo "setup: done; $(VENV)/ is ready"

## Open the study in JupyterLab (the main job). It serves the whole project, so links to
## METHODS.md, seeds/ and annotations/ work, and opens at explore/, a git-ignored working copy of
## notebooks/ (which JupyterLab shows read-only): exploring never changes the committed study.
## As root (a container, a cloud notebook) it adds --allow-root; with no display it prints the
## URL instead of opening a browser. Choose the port with PORT=8890 and pass any other JupyterLab
## option with LAB_ARGS="...". See helpers/sharing/lab.py.
PORT ?= 8888
LAB_ARGS ?=
lab: setup
	$(BIN)/python -m helpers.sharing.lab --port=$(PORT) \
		$(if $(filter 0,$(shell id -u)),--allow-root) \
		$(if $(DISPLAY)$(WAYLAND_DISPLAY),,--no-browser) \
		$(LAB_ARGS)

## Bring the working copies in explore/ back to the committed notebooks: all of them, or one with
## NB=04. A copy with changes is kept in explore/previous/.
restore: setup
	$(BIN)/python -m helpers.sharing.lab restore $(NB)

## One notebook as one self-contained HTML page, offline: make export NB=04 (the committed
## notebook) or NB=explore/04-words.ipynb (a saved working copy). Writes build/export/NAME.html;
## BOOK_URL=https://... links its citations to the published book instead of inlining them.
export: setup
	@test -n "$(NB)" || { echo "usage: make export NB=04 [BOOK_URL=https://...]" >&2; exit 2; }
	$(BIN)/python -m helpers.sharing.page "$(NB)" $(if $(BOOK_URL),--book-url "$(BOOK_URL)")

## Build the book and serve it on http://127.0.0.1:$(SERVE_PORT)/ (the search's snippets work from
## file:// too; a server is for readers who prefer one). Stop it with Ctrl+C.
SERVE_PORT ?= 8000
serve: html
	$(BIN)/python -m http.server $(SERVE_PORT) --bind 127.0.0.1 --directory $(SITE)

## Lint, the tests and nbval over every notebook, in one pytest run spread over TEST_WORKERS
## processes (default: one per core; each test file, so each notebook, stays in one process). The
## committed outputs are made under hash seed 0 (`make notebooks`) and checked under 1: no output
## may depend on it. The notebooks go first: the longest units start first, so the workers end together.
## The end-to-end checks (marked e2e: the book built and read in Chromium,
## JupyterLab driven in Chromium, the exported page, whole workbench runs, the notebooks' first cells
## against a broken copy of the project) are `make e2e`; CI runs both.
TEST_WORKERS ?= auto
test: setup lint
	PYTHONHASHSEED=1 $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not e2e" $(NOTEBOOKS) tests \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

e2e: setup
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m e2e tests

lint: setup
	$(BIN)/ruff check .

unit: setup
	$(BIN)/python -m pytest -m "not e2e" tests

nbval: setup
	PYTHONHASHSEED=1 $(BIN)/python -m pytest $(NOTEBOOKS) --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg

## Re-execute every notebook top to bottom in one fresh kernel and save its outputs, under hash
## seed 0; then, in a second pass (nbconvert coalesces streams before it executes, so not in the same
## pass), each cell's printed text joined into one output however the kernel flushed it.
notebooks: setup
	PYTHONHASHSEED=0 $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.record_timing=False \
		$(NOTEBOOKS)
	$(BIN)/jupyter nbconvert --to notebook --inplace --CoalesceStreamsPreprocessor.enabled=True $(NOTEBOOKS)

## Build site/: the study as a book (Sphinx, MyST-NB, the book theme), from the committed outputs, offline.
SITE ?= site
html: setup
	$(BIN)/python -m helpers.sharing.book $(SITE)

## Your own interviews. SEEDS, OUT, STRICT and REFRESH reach the commands as environment values,
## never pasted into a shell line (a folder name with a backtick or `$(...)` stays a name):
##   make catalog SEEDS=path/to/folder [REFRESH=1]   draft catalog entries for the texts without one
##   make check SEEDS=path/to/folder                 every problem of every text, with the fixes
##   make workbench SEEDS=path/to/folder [OUT=dir] [STRICT=1]
## The workbench analyses every text that splits, lists the skipped ones first, and writes the
## executed notebook, its HTML page and the exports to OUT (default: SEEDS/workbench, or workbench/
## here for a folder inside the project), replacing those of the last run.
override SEEDS := $(value SEEDS)
override OUT := $(value OUT)
override STRICT := $(value STRICT)
override REFRESH := $(value REFRESH)
export SEEDS OUT STRICT REFRESH

catalog: setup
	@test -n "$$SEEDS" || { echo "usage: make catalog SEEDS=path/to/folder [REFRESH=1]" >&2; exit 2; }
	$(BIN)/python -m helpers catalog "$$SEEDS" $${REFRESH:+--refresh}

check: setup
	@test -n "$$SEEDS" || { echo "usage: make check SEEDS=path/to/folder" >&2; exit 2; }
	$(BIN)/python -m helpers check "$$SEEDS"

workbench: setup
	@test -n "$$SEEDS" || { echo "usage: make workbench SEEDS=path/to/folder [OUT=path/to/output] [STRICT=1]" >&2; exit 2; }
	$(BIN)/python -m helpers.sharing.workbench "$$SEEDS" $${OUT:+"$$OUT"}

## Write the study's exports for other tools into annotations/export/: a REFI-QDA project
## (study.qdpx), a ConvoKit corpus (study-convokit.zip) and the tables (study-tables.xlsx and
## study-*.csv). Run it after changing an annotation file; a test fails until the exports agree.
exports: setup
	$(BIN)/python -m helpers.sharing.exports study

## Measure against the goals of issue 7 and rewrite BENCHMARKS.md (about four minutes).
bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) site build workbench .hypothesis .pytest_cache .ruff_cache *.egg-info
