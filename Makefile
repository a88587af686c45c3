# Korkyt — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PORT   ?= 8000

.PHONY: run test install system-deps lint types contracts migrations messages-check messages-pages audit check messages messages-compile clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip setuptools wheel
	$(BIN)/pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

install: system-deps $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

## Install everything, prepare the SQLite database with the demo data, start web + worker on :8000
## (another port: `make run PORT=8001`).
run: install
	$(BIN)/korkyt setup
	$(BIN)/korkyt serve --port $(PORT)

## The whole suite: SQLite, then PostgreSQL and Redis when they answer (always under CI=true), then e2e.
test: install
	@bash scripts/test.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests e2e benchmarks
	$(BIN)/ruff format --check src tests e2e benchmarks

types: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

migrations: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

messages-check:
	@bash scripts/check-messages.sh

## Every public and staff page rendered in the 8 UI languages: no English UI word left (tests/web/test_no_english_left.py).
## The pages come in 4 parts, shared among up to 4 test processes (KORKYT_TEST_WORKERS=0: this process only).
messages-pages:
	$(BIN)/python -m pytest tests/web/test_no_english_left.py -q \
	  $(if $(filter 0,$(KORKYT_TEST_WORKERS)),-p no:xdist,-n $(or $(KORKYT_TEST_WORKERS),auto) --maxprocesses 4)

## Dependency audit (pip-audit): needs the network, so it runs only with KORKYT_AUDIT=1 (else it says it skipped).
audit:
	@BIN=$(BIN) bash scripts/audit.sh

check: lint types contracts migrations messages-check messages-pages audit

## Regenerate the .po catalogues after changing UI strings (then translate and run `make messages-compile`).
messages: $(STAMP)
	cd src/korkyt && ../../$(BIN)/django-admin makemessages --settings=korkyt.config.settings \
	  -l en -l ru -l kk -l az -l ky -l tk -l tr -l uz --no-obsolete --ignore '*/migrations/*'

messages-compile:
	for po in src/korkyt/locale/*/LC_MESSAGES/django.po; do msgfmt --check -o "$${po%.po}.mo" "$$po"; done

clean:
	rm -rf var/static var/screenshots .pytest_cache .mypy_cache .ruff_cache
