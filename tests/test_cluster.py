"""Extraction on a Dask cluster: the same database as the worker pool, a worker killed mid-run loses nothing,
and a scheduler that cannot be reached is one error before anything is written. One LocalCluster serves the
module (starting one costs seconds)."""
import shutil
import sqlite3
import time

import pytest

from conftest import ROOT, cli
from test_faults import corpus, ingest_cmd, ingest_killing_a_worker
from test_ingest import dump, summary

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local, \
            distributed.Client(local) as client:
        yield client


def mixed_corpus(folder):
    """Generated stories, and the test corpus's own files: sidecars, front matter, HTML, curated claims."""
    corpus(folder / "generated", 16)
    shutil.copytree(ROOT / "tests" / "corpus", folder / "corpus")
    (folder / "corpus" / "broken.txt").write_bytes(b"\x00\x01 not text")  # fails on the driver, the same way
    return folder


def blank(*args):
    return cli(*args, "--model", "blank", "--quiet")


def test_cluster_and_worker_pool_write_the_same_database(tmp_path, cluster):
    folder = mixed_corpus(tmp_path / "in")
    pool, dask = tmp_path / "pool.db", tmp_path / "dask.db"
    by_pool = blank(folder, "--db", pool, "--workers", "2", "--batch", "5")
    by_dask = blank(folder, "--db", dask, "--scheduler", cluster.scheduler.address, "--batch", "5")
    assert by_pool.exit_code == by_dask.exit_code == 1  # the broken file
    assert by_dask.stderr == by_pool.stderr
    assert by_dask.stderr == f"error: {folder / 'corpus' / 'broken.txt'}: binary file (contains NUL bytes)\n"
    assert dump(dask) == dump(pool)
    again = blank(folder, "--db", dask, "--scheduler", cluster.scheduler.address)
    assert again.stderr == by_pool.stderr  # the broken file again, everything else unchanged, nothing sent


def test_local_cluster_of_the_command_line_writes_the_same_database(tmp_path):
    folder = corpus(tmp_path / "in", 6)
    pool, dask = tmp_path / "pool.db", tmp_path / "dask.db"
    assert blank(folder, "--db", pool, "--workers", "1").exit_code == 0
    result = cli(folder, "--db", dask, "--scheduler", "local:2", "--model", "blank")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == summary(ingested=6)
    assert dump(dask) == dump(pool)


def test_a_worker_killed_mid_run_loses_nothing(tmp_path, cluster):
    count = 150
    folder = corpus(tmp_path / "in", count)
    reference = tmp_path / "reference.db"
    assert blank(folder, "--db", reference, "--workers", "2").exit_code == 0
    db = tmp_path / "archive.db"
    written_at_kill = ingest_killing_a_worker(
        cluster, [*ingest_cmd(folder, "--db", db, "--batch", "3"), "--scheduler", cluster.scheduler.address], db)
    assert written_at_kill < count
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*), count(distinct path) from articles").fetchone() == (count, count)
    assert dump(db) == dump(reference)
    assert cli(folder, "--db", db, "--model", "blank", "--workers", "1").stderr.splitlines()[0] == \
        summary(unchanged=count)


def test_unreachable_scheduler_is_one_error_and_nothing_is_written(tmp_path):
    folder = corpus(tmp_path / "in", 2)
    db = tmp_path / "archive.db"
    started = time.monotonic()
    result = cli(folder, "--db", db, "--scheduler", "tcp://127.0.0.1:9", "--scheduler-timeout", "0.5")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: tcp://127.0.0.1:9: cannot reach the Dask scheduler: ")
    assert len(result.stderr.splitlines()) == 1
    assert not db.exists()
    assert time.monotonic() - started < 30
    bad = cli(folder, "--db", db, "--scheduler", "local:zero")
    assert bad.stderr == "error: local:zero: expected local:N, N worker processes (1 to 256), or tcp://HOST:PORT\n"
    assert bad.exit_code == 1 and not db.exists()
