# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# Django 6 needs Python 3.12 or newer: the first one found on PATH or under pyenv.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
DEV_ENV := DEBUG=1 WELFARELAB_DEMO=1

.PHONY: run test lint bootstrap system-deps

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (Django 6). Install it and run make again."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-virtualenv -r requirements.txt
	touch $@

# System packages: gettext to compile the translations, Chromium (with fonts) to print the Mapping
# Tool sheet to PDF and for the browser tests.
system-deps:
	@missing=""; command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else echo "Missing system packages:$$missing. Install them (e.g. sudo apt-get install$$missing) and run make again."; exit 1; fi; \
	fi

bootstrap: $(VENV)/.installed system-deps
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v0

run: bootstrap
	$(DEV_ENV) $(PY) manage.py migrate -v0
	$(DEV_ENV) $(PY) manage.py load_demo
	@echo "Welfare Lab: http://127.0.0.1:8000  (stop with Ctrl-C)"
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: bootstrap
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -n auto

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
