PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The embedded default runs in debug mode; production sets DEBUG=0 and a SECRET_KEY.
RUN_ENV := DEBUG=$${DEBUG:-1}
# Tests run in production mode over plain HTTP: the test client and the live server speak no TLS.
TEST_ENV := SECRET_KEY=$${SECRET_KEY:-test-secret-key} DEBUG=0 SECURE_SSL_REDIRECT=0 DEMO=1

.PHONY: run test bench lint faults system-deps browser

$(VENV)/.installed-run: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

# Pango lays out the PDFs; HarfBuzz's subsetter embeds only the glyphs used, five times faster
# than WeasyPrint's fallback to fontTools.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

system-deps:
	@(ldconfig -p | grep -q libpangoft2-1.0 && ldconfig -p | grep -q libharfbuzz-subset) || (apt-get update && apt-get install -y --no-install-recommends $(PDF_LIBS))

browser:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y --no-install-recommends chromium)

run: system-deps $(VENV)/.installed-run
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The load generator is wrk (Debian's package); BENCH_ARGS=--small for a quick run, --verbose for EXPLAIN.
bench: system-deps $(VENV)/.installed-dev
	@command -v wrk >/dev/null || (apt-get update && apt-get install -y --no-install-recommends wrk)
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(PY) bench/run.py $(BENCH_ARGS)

test: system-deps browser $(VENV)/.installed-dev
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

# The floors of the house (.importlinter): no app imports one above it.
lint: $(VENV)/.installed-dev
	$(VENV)/bin/lint-imports

# Faults and hostile input against real processes: its own gunicorn, Celery worker, redis-server
# and SMTP server on free loopback ports; PostgreSQL when DATABASE_URL says so (a fresh
# <name>_faults database), else SQLite. Prints one figure a line; fails when one misses its target.
faults: system-deps $(VENV)/.installed-dev
	@command -v redis-server >/dev/null || (apt-get update && apt-get install -y --no-install-recommends redis-server)
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(PY) tests/faults/run.py
