"""Shared fixtures: the spaCy pipelines (loaded once), the CLI as a user runs it, and an archived seed."""
from __future__ import annotations

import contextlib
import fcntl
import os
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


@pytest.fixture(params=["trained", "blank"])
def pipeline(request):
    """Each of the two paths: the trained pipeline (its parser) and the rules path (no trained pipeline)."""
    from claimarchive.nlp import has_parser

    if request.param == "trained" and not has_parser(request.getfixturevalue("nlp")):
        pytest.skip("no trained pipeline installed")
    return request.getfixturevalue("nlp" if request.param == "trained" else "blank_nlp")


def run_ingest(*args, cwd=ROOT, env=None) -> subprocess.CompletedProcess:
    """Run `python ingest.py ARGS` the way a user does, and return the finished process."""
    return subprocess.run([sys.executable, str(ROOT / "ingest.py"), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=300)


def archived_set(tmp_path_factory, name: str, pipeline: str) -> Path:
    """The archive of the article set tests/NAME ingested by the CLI with the pipeline ("trained" or "blank"),
    made once per test run and shared by pytest-xdist's workers (under a lock): tests only read it."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's own folder either way
    folder = shared / f"archived-{name}-{pipeline}"
    folder.mkdir(exist_ok=True)
    db, done = folder / "archive.db", folder / "done"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            args = [ROOT / "tests" / name, "--db", db] + (["--model", "blank"] if pipeline == "blank" else [])
            result = run_ingest(*args)
            assert result.returncode == 0, result.stderr
            done.write_text(result.stderr)
    return db


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


# The longest tests start first, so that pytest-xdist's workers do not wait on one of them at the end.
LONGEST_FIRST = ("test_faults.py", "test_browser.py", "test_cli_errors.py", "test_cluster.py", "test_shards.py",
                 "test_across.py")


def pytest_collection_modifyitems(items):
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
