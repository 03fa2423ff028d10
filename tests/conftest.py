"""Shared fixtures: the spaCy pipelines (loaded once), the CLI as a user runs it, and an archived seed."""
from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

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


def cli(*args, cwd: Path | None = None) -> Result:
    """Run the command line in this process, as `python ingest.py ARGS` would (exit code, stdout, stderr):
    for the tests where a separate process is not the point."""
    from claimarchive.cli import cli as command

    with contextlib.chdir(cwd) if cwd else contextlib.nullcontext():
        return CliRunner().invoke(command, [str(a) for a in args], catch_exceptions=False)


def ingest(*args, cwd: Path | None = None) -> Result:
    """`ingest.py ARGS --model blank --workers 1` in this process: the rules-only pipeline, no worker processes."""
    return cli(*args, "--model", "blank", "--workers", "1", cwd=cwd)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """The seeds archived by the CLI into a fresh archive.db (read-only for the tests that use it)."""
    db = tmp_path_factory.mktemp("seed") / "archive.db"
    result = run_ingest(SEEDS, "--db", db)
    assert result.returncode == 0, result.stderr
    return db
