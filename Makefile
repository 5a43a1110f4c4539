# Regie Inburgering. Two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements/dev.txt pyproject.toml | sha1sum | cut -c1-12)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint bench setup migrate demo messages openapi clean

$(STAMP): requirements/dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 of nieuwer is nodig.")'
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

setup: $(STAMP)

migrate: setup
	$(BIN)/regie migrate --no-input -v 0

demo: migrate
	$(BIN)/regie demo load

run: demo
	@bin/run.sh $(PORT)

test: setup
	@bin/ensure-chromium.sh
	$(BIN)/pytest -q -p no:randomly --durations=15 $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench
	$(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=regie.settings.test $(BIN)/regie makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=regie.settings.production SECRET_KEY=$$(printf 'x%.0s' {1..60})-lint \
	  REGIE_PSEUDONYM_KEY=lint ALLOWED_HOSTS=regie.example.nl \
	  $(BIN)/regie check --deploy --fail-level WARNING
	DJANGO_SETTINGS_MODULE=regie.settings.test $(BIN)/regie spectacular --file /tmp/regie-openapi.yaml --validate --fail-on-warn
	diff -u openapi.yaml /tmp/regie-openapi.yaml && echo "openapi.yaml is bijgewerkt"

openapi: setup
	DJANGO_SETTINGS_MODULE=regie.settings.test $(BIN)/regie spectacular --file openapi.yaml --validate --fail-on-warn

messages: setup
	@echo "Werkt de Engelse catalogus bij; vertaal daarna de nieuwe regels in src/regie/locale/en/LC_MESSAGES/django.po"
	cd src/regie && DJANGO_SETTINGS_MODULE=regie.settings.test ../../$(BIN)/regie makemessages -l en --no-obsolete --ignore 'tests/*' --ignore testing.py && msgfmt --check -o locale/en/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.po

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var staticfiles
