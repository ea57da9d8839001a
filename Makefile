# Abierto: two commands matter. `make run` serves the demo site; `make test` runs every check.
.DEFAULT_GOAL := help
.PHONY: help run test install lint messages bench clean

VENV ?= .venv
PY := $(VENV)/bin/python
DEPS := $(VENV)/.deps-installed
HOST ?= 127.0.0.1
PORT ?= 8000

help:
	@echo "make run   - instala, migra, carga los datos de demostración y sirve http://$(HOST):$(PORT)"
	@echo "make test  - instala las dependencias de desarrollo, ejecuta ruff, mypy y toda la batería de pruebas"

$(PY):
	@py=$$(scripts/find-python) && echo "Python: $$py" && "$$py" -m venv $(VENV)

$(DEPS): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(DEPS)

run: $(DEPS)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py demo_accounts --url http://$(HOST):$(PORT)
	@echo "Sirviendo en http://$(HOST):$(PORT)/ (Ctrl+C para detener; el trabajador de tareas corre al lado)"
	@$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

lint: $(DEPS)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

test: $(DEPS) lint
	$(PY) manage.py makemigrations --check --dry-run
	@# Any non-zero exit fails the target, "no tests ran" (pytest's 5) included.
	ABIERTO_ENV=test $(PY) -m pytest $(PYTEST_ARGS)

messages: $(DEPS)
	scripts/messages $(PY)

bench: $(DEPS)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var/ staticfiles/
