# Kemitraan: two commands.
#   make run    install, migrate, seed the demo (empty database only), serve on http://127.0.0.1:8000/
#               with a Celery worker and beat, on SQLite and the file-system broker under var/
#   make test   the whole suite (ruff, migrations check, pytest) on PostgreSQL and Redis
#   make bench  every page beside the framework's floor on a throwaway PostgreSQL database (bench/)
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help install messages run test lint format bench

help:
	@echo "make run    serve the app with a Celery worker and beat on http://127.0.0.1:8000/ (Ctrl-C stops)"
	@echo "make test   ruff, migrations check and pytest on PostgreSQL and Redis (found or started)"
	@echo "make lint   ruff check and ruff format --check only"
	@echo "make bench  pages, API and daily run beside the floor at the default scale (bench/README.md)"
	@echo "make format ruff format and ruff check --fix"

install:
	@scripts/install.sh

# The .mo files are build output (not committed): compile the catalogues under locale/ when they changed.
messages: install
	@if command -v msgfmt >/dev/null; then \
		.venv/bin/python manage.py compilemessages --ignore=.venv --ignore=var --ignore=node_modules -v 0; \
	else \
		echo "[messages] msgfmt not found (apt-get install gettext): English pages will show Bahasa Indonesia" >&2; \
	fi

run: install messages
	@scripts/run.sh

test: install
	@scripts/test.sh

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: install
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Figures only (nothing asserted), on BENCH_ADMIN_URL's server or the one scripts/services.sh finds or starts.
bench: install messages
	@scripts/services.sh run bash -c 'BENCH_ADMIN_URL="$${BENCH_ADMIN_URL:-$$DATABASE_URL}" .venv/bin/python bench/pages.py'
