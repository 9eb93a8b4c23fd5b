# `make run` serves the site with demo content on http://localhost:8000/; `make test` checks everything.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
AXE := .cache/npm/node_modules/axe-core/axe.min.js
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the tests need: a headless browser, Arabic fonts for it, gettext's msgfmt;
# wrk drives the load of `make bench`; nginx fronts `make prod-local` and the topology test,
# systemd's systemd-analyze checks deploy/'s units, pg_dump and pg_restore make and restore
# backups.
DEBIAN_PACKAGES := chromium fonts-noto-core fonts-liberation gettext wrk nginx systemd \
  postgresql-client

.PHONY: run test test-quick lint check messages screenshots system-packages bench bench-quick clean \
  lock audit prod-local backup restore

# Exact versions with their hashes (pyproject.toml keeps the ranges): `make lock` renews them.
$(BIN)/.installed: requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --requirement requirements-dev.lock
	touch $@

lock: $(BIN)/.installed
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --universal --python-version 3.11 \
	  --quiet --output-file requirements.lock
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --universal --python-version 3.11 \
	  --quiet --extra dev --output-file requirements-dev.lock

# Known vulnerabilities in the locked packages: exit 1 on one, 2 when the advisories could not be
# reached for every package (an unchecked package is not a clean one).
audit: $(BIN)/.installed
	$(BIN)/python .ci/audit.py

run: $(BIN)/.installed
	@if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --verbosity 0; \
	  else echo "msgfmt not found: using the committed .mo files"; fi
	$(MANAGE) migrate --verbosity 0
	$(MANAGE) load_demo_content
	$(MANAGE) local_admin
	@# The email worker runs beside the site (emails print in this terminal) and stops with it.
	$(MANAGE) db_worker & worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:8000

# The production topology on this machine: nginx on :8080 in front of two gunicorn servers,
# the email worker, PostgreSQL and Redis, production settings (deploy/local.py). Ctrl-C stops it.
prod-local: $(BIN)/.installed system-packages
	$(BIN)/python -m deploy.local

# A backup of the database of DATABASE_URL (pg_dump) and of every media file, folder or bucket,
# into backups/<date>/ (newsroom/backups.py); `make restore BACKUP=backups/<date>` brings one back
# into an empty database (`manage.py restore --check` only verifies it).
backup: $(BIN)/.installed
	$(MANAGE) backup --to backups

restore: $(BIN)/.installed
	@test -n "$(BACKUP)" || { echo "make restore BACKUP=backups/<date>"; exit 2; }
	$(MANAGE) restore $(BACKUP)

system-packages:
	@for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
	  | grep -q 'install ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(AXE):
	npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@4.14.1

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(BIN)/.installed system-packages
	$(MANAGE) compilemessages --verbosity 0
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

test: lint check $(AXE)
	$(BIN)/python -m pytest

# The inner loop: lint, then the tests but the slow and the browser ones, on SQLite in memory
# whatever DATABASE_URL says (about two minutes on two CPUs). `make test` runs them all.
test-quick: lint
	env -u DATABASE_URL $(BIN)/python -m pytest -m "not slow and not browser" -q

# Every kind of public page in both languages at 390 and 1280 px, JavaScript off, into
# screenshots/ with a gallery, screenshots/index.html (tests/browser/screenshots.py).
screenshots: $(BIN)/.installed system-packages
	$(BIN)/python -m tests.browser.screenshots

messages: $(BIN)/.installed
	$(MANAGE) makemessages --locale ar --no-obsolete --ignore ".venv/*" --ignore ".cache/*" \
	  --ignore "tests/*" --ignore "bench/*"
	$(MANAGE) compilemessages

clean:
	rm -rf $(VENV) .cache staticfiles

# The site under load (bench/site.py): wrk against gunicorn on a PostgreSQL database of its own,
# and Redis. `make bench` fills it with 100,000 articles and 1,000,000 signups first (about 20
# minutes on two CPUs, 6-8 of them filling); `make bench-quick` with 300 and 3,000, and 1 s runs
# (a minute and a half), keeps the harness working. Both print the figures and which goals are
# met, and fail only when the harness breaks.
bench: $(BIN)/.installed system-packages
	$(BIN)/python -m bench.site

bench-quick: $(BIN)/.installed system-packages
	$(BIN)/python -m bench.site --quick
