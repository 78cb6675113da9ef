# The two commands (see README):  make serve   and   make test
# Everything else they need is installed by the targets below.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCAL  ?=
PLACEHOLDERS ?=
CONFIG := $(if $(LOCAL),local/$(LOCAL)/mkdocs.yml,mkdocs.yml)
BUILD_FLAGS := $(if $(LOCAL),--local $(LOCAL)) $(if $(PLACEHOLDERS),--allow-placeholders)
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build offline test test-fast check-data benchmark lighthouse clean

## serve: build and serve the site on http://127.0.0.1:8000 (LOCAL=<id> for a local copy)
serve: $(VENV)/.site
	$(if $(PLACEHOLDERS),KB_ALLOW_PLACEHOLDERS=1) $(BIN)/mkdocs serve --strict -a 127.0.0.1:8000 -f $(CONFIG)

## build: write the static site atomically to site/ (or site-<id>/ with LOCAL=<id>)
build: $(VENV)/.site
	$(BIN)/python scripts/build.py $(BUILD_FLAGS)

## offline: write the offline copy (open index.html from a folder or zip; search works)
offline: $(VENV)/.site
	$(BIN)/python scripts/build.py --offline $(BUILD_FLAGS)

## test: run the whole test suite (data, build, browser, accessibility, print, local copies)
test: $(VENV)/.test
	$(BIN)/python -m pytest

## check-data: validate data/ only, with every problem listed
check-data: $(VENV)/.site
	$(BIN)/python -m macros.check $(if $(LOCAL),--local $(LOCAL))

## benchmark: build-time, page-weight and search benchmarks against plain Material (issue budgets)
benchmark: $(VENV)/.test
	$(BIN)/python benchmarks/run.py

## lighthouse: Lighthouse scores for representative pages (several runs each)
lighthouse: $(VENV)/.test
	$(BIN)/python benchmarks/lighthouse.py

$(VENV)/.site: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: $(VENV)/.site requirements-test.txt package.json package-lock.json scripts/install-system-deps.sh
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	bash scripts/install-system-deps.sh
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site site-* .site.* .pytest_cache
