"""Shared fixtures: the spaCy pipelines (loaded once), the CLI as a user runs it, and an archived seed."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = "000_6c372f994df79183.txt"


@pytest.fixture(scope="session")
def nlp():
    from claimarchive.nlp import load

    return load()


@pytest.fixture(scope="session")
def blank_nlp():
    from claimarchive.nlp import load

    return load("blank")


def run_ingest(*args, cwd=ROOT, env=None) -> subprocess.CompletedProcess:
    """Run `python ingest.py ARGS` the way a user does, and return the finished process."""
    return subprocess.run([sys.executable, str(ROOT / "ingest.py"), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """The seeds archived by the CLI into a fresh archive.db (read-only for the tests that use it)."""
    db = tmp_path_factory.mktemp("seed") / "archive.db"
    result = run_ingest(SEEDS, "--db", db)
    assert result.returncode == 0, result.stderr
    return db
