# Lotse — the two commands: `make run` and `make test`. Everything else is a helper.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export LOTSE_DATA_DIR ?= $(CURDIR)/var

.PHONY: install run test test-fast lint format demo bench assets messages system-deps browser-deps lock clean

## Install Python packages (from the lock files), front-end assets and compiled translations.
install: $(VENV)/.installed assets messages

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

## KERN UX and htmx from npm, copied into static (not committed).
assets: node_modules/.package-lock.json
	mkdir -p lotse/static/vendor/kern lotse/static/vendor/htmx
	cp node_modules/@kern-ux/native/dist/kern.min.css lotse/static/vendor/kern/
	cp -r node_modules/@kern-ux/native/dist/fonts lotse/static/vendor/kern/
	cp node_modules/htmx.org/dist/htmx.min.js lotse/static/vendor/htmx/

## Debian packages: gettext compiles the translations; chromium drives the browser tests.
## WeasyPrint (PDFs) needs Pango and fonts: Noto Sans (Latin, Cyrillic incl. Ukrainian,
## Turkish) and Noto Sans Arabic (Arabic, Persian/Dari) from fonts-noto-core, DejaVu as fallback.
PDF_PKGS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-core
system-deps:
	@command -v msgfmt >/dev/null || $(MAKE) --no-print-directory apt PKGS="gettext"
	@command -v dpkg-query >/dev/null || exit 0; \
	missing=$$(for p in $(PDF_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	[ -z "$$missing" ] || $(MAKE) --no-print-directory apt PKGS="$$(echo $$missing)"

browser-deps:
	@[ -x /usr/bin/chromium ] || $(MAKE) --no-print-directory apt PKGS="chromium fonts-dejavu-core"

apt:
	@if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(PKGS)

messages: system-deps $(VENV)/.installed
	cd lotse && ../$(BIN)/django-admin compilemessages --verbosity 0

## Migrate, load the demo regions and serve on http://127.0.0.1:$(PORT) in demo mode.
run: install
	LOTSE_DEMO=1 $(BIN)/lotse migrate --no-input
	LOTSE_DEMO=1 $(BIN)/lotse demo
	LOTSE_DEMO=1 $(BIN)/lotse runserver 127.0.0.1:$(PORT)

demo: install
	LOTSE_DEMO=1 $(BIN)/lotse migrate --no-input
	LOTSE_DEMO=1 $(BIN)/lotse demo

## The whole suite, browser tests included, on every core (pytest-xdist);
## TEST_WORKERS=0 runs it in one process (easier to read when debugging).
TEST_WORKERS ?= auto
test: install browser-deps
	$(BIN)/pytest -n $(TEST_WORKERS)

test-fast: install
	$(BIN)/pytest -n $(TEST_WORKERS) -m "not browser"

## Style (ruff), the layers (import-linter, pyproject.toml) and types (mypy with
## django-stubs: strict for lotse/kernel and the rules, plain for scope and API).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	LOTSE_SECRET_KEY=typecheck-only LOTSE_ALLOWED_HOSTS=localhost $(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Regenerate the lock files after changing pyproject.toml.
lock: $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml -o requirements.lock --python-version 3.11 --generate-hashes -q
	$(BIN)/uv pip compile pyproject.toml --extra dev -o requirements-dev.lock --python-version 3.11 --generate-hashes -q

clean:
	rm -rf $(VENV) node_modules lotse/static/vendor
