# Abierto: two commands matter. `make run` serves the demo site; `make test` runs every check.
.DEFAULT_GOAL := help
.PHONY: help run test install lint messages bench faults clean

VENV ?= .venv
PY := $(VENV)/bin/python
DEPS := $(VENV)/.deps-installed
HOST ?= 127.0.0.1
PORT ?= 8000

help:
	@echo "make run   - instala, migra, carga los datos de demostración y sirve http://$(HOST):$(PORT)"
	@echo "make test  - instala las dependencias de desarrollo, ejecuta ruff, mypy y toda la batería de pruebas"
	@echo "make faults - scripts de fallas (kill -9, PostgreSQL y Redis caídos, disco lleno, trabajador)"
	@echo "make bench - mide el sitio en producción (gunicorn + wrk) frente a R1; SCALE=S|L|T, NODES=1|2"

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
	@# Again, quietly: the evaluation, mesa and commitment demos give work to the demo accounts
	@# that exist now (idempotent: nothing else changes).
	@$(PY) manage.py load_demo --verbosity 0
	@echo "Sirviendo en http://$(HOST):$(PORT)/ (Ctrl+C para detener; el trabajador de tareas corre al lado)"
	@$(PY) manage.py task_worker --no-startup-delay & worker=$$!; \
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

# make bench [SCALE=S|L|T] [NODES=2] [BENCH_ARGS="--model sync:5 --only proposal_list"]
# (PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set; a scratch database, never the site's)
SCALE ?= S
NODES ?= 1
bench: $(DEPS)
	$(PY) bench/run.py --scale $(SCALE) --nodes $(NODES) $(BENCH_ARGS)

# make faults: the fault scripts of tests/faults/ (private PostgreSQL :5439 and Redis :6399,
# gunicorn on :8151; a few minutes). Results go to docs/operations.md by hand.
faults: $(DEPS)
	$(PY) tests/faults/kill_workers.py
	$(PY) tests/faults/kill_workers.py --postgresql
	$(PY) tests/faults/postgres_restart.py
	$(PY) tests/faults/redis_down.py
	$(PY) tests/faults/worker_kill.py

clean:
	rm -rf $(VENV) var/ staticfiles/
