"""Sharded writing (--shards DIR), tested as the cluster path is: through a LocalCluster the archive equals the
worker pool's row for row, a worker killed mid-run loses nothing, re-ingesting changes nothing, a replaced or
updated file is written as the one writer writes it, and a run killed mid-way leaves a whole archive that the
next run completes (and whose shards it removes). One LocalCluster serves the module."""
import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import ROOT, cli
from test_faults import corpus, ingest_cmd, ingest_killing_a_worker, wait_for_first_article
from test_ingest import dump, summary

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.xdist_group("shards")  # one worker: one LocalCluster, each reference archived once


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local, \
            distributed.Client(local) as client:
        yield client


def blank(*args):
    return cli(*args, "--model", "blank", "--quiet")


def same(db):
    """Every row of the archive (dump), with the full-text indexes checked against their tables: their inner
    segments, and so the planner's row counts of them, depend on how the rows were inserted, not on what."""
    with sqlite3.connect(db) as conn:
        for table in ("articles_fts", "claims_fts"):
            conn.execute(f"insert into {table}({table}) values ('integrity-check')")
    return [(table, [row for row in rows if not (table == "sqlite_stat1" and "_fts" in row[0])])
            for table, rows in dump(db)]


def mixed_corpus(folder):
    """Generated stories and a byte-identical copy of one; the seed (sidecar, curated claims superseding
    extracted ones); the linking tests' articles (copies, the same claims, denials, updated figures, front
    matter, HTML); and a file that fails."""
    corpus(folder / "generated", 4)
    shutil.copy(folder / "generated" / "002.txt", folder / "generated" / "002 copy.txt")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copytree(ROOT / "tests" / "across", folder / "across")
    (folder / "across" / "broken.txt").write_bytes(b"\x00\x01 not text")
    return folder


def gone(group: int) -> None:
    deadline = time.monotonic() + 10
    with contextlib.suppress(ProcessLookupError):
        while time.monotonic() < deadline:
            os.killpg(group, 0)
            time.sleep(0.01)


def no_shards_left(shards):
    return not shards.exists() or not list(shards.iterdir())


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """40 generated stories and their archive by the worker pool, for the tests that kill something: their
    archives go beside it (a file's archived path is relative to the archive's folder)."""
    base = tmp_path_factory.mktemp("generated")
    folder = corpus(base / "in", 40)
    assert blank(folder, "--db", base / "reference.db", "--workers", "2").exit_code == 0
    return folder, same(base / "reference.db")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """The mixed corpus in BASE/in and its archive BASE/pool.db by the worker pool (in batches of 5, as the
    sharded runs' batches are cut: the full-text indexes' segments follow the transactions)."""
    base = tmp_path_factory.mktemp("mixed")
    folder = mixed_corpus(base / "in")
    result = blank(folder, "--db", base / "pool.db", "--workers", "2", "--batch", "5")
    assert result.exit_code == 1, result.stderr  # the broken file
    return folder, result.stderr, same(base / "pool.db")


def test_sharded_cluster_writes_the_pool_database_and_re_ingest_changes_nothing(mixed, cluster):
    folder, pool_stderr, expected = mixed
    sharded, shards = folder.parent / "cluster.db", folder.parent / "shards-cluster"
    address = cluster.scheduler.address
    by_shards = blank(folder, "--db", sharded, "--scheduler", address, "--shards", shards, "--batch", "5")
    assert by_shards.exit_code == 1  # the broken file, one line
    assert by_shards.stderr == pool_stderr == f"error: {folder / 'across' / 'broken.txt'}: binary file (contains NUL bytes)\n"
    with sqlite3.connect(sharded) as conn:
        assert conn.execute("select count(*), count(distinct article_id) from article_files "
                            "where path like '%generated/002%'").fetchone() == (2, 1)  # the copy: one article
        assert conn.execute("select count(*) from sources where key like 'article %'").fetchone()[0] > 0
        assert conn.execute("select count(*) from claims where superseded_by is not null").fetchone()[0] > 0
        for table in ("article_links", "claim_links", "claim_clusters"):
            assert conn.execute(f"select count(*) from {table}").fetchone()[0] > 0, table
    assert same(sharded) == expected
    assert no_shards_left(shards)
    again = cli(folder, "--db", sharded, "--model", "blank", "--scheduler", address, "--shards", shards)
    assert again.stderr.splitlines()[1] == summary(unchanged=17, failed=1)
    assert same(sharded) == expected  # nothing changed, nothing sent


def test_sharded_writing_in_one_process_replaces_and_updates_as_the_one_writer(mixed, tmp_path):
    shutil.copytree(mixed[0], tmp_path / "in")
    folder, plain, sharded, shards = tmp_path / "in", tmp_path / "plain.db", tmp_path / "sharded.db", tmp_path / "s"
    shutil.copy(mixed[0].parent / "pool.db", plain)
    assert blank(folder, "--db", sharded, "--workers", "1", "--shards", shards, "--batch", "5").exit_code == 1
    assert same(sharded) == same(plain) == mixed[2]
    (folder / "generated" / "001.txt").write_text("Harbour Cranes Idle in Port Aster\n\nThe harbour authority "
                                                  "said on Monday that 40 cranes stood idle, a spokesman said.\n")
    (folder / "generated" / "003.yml").write_text("publisher: Coast Courier\n")
    for db, how in ((plain, []), (sharded, ["--shards", shards])):
        result = cli(folder, "--db", db, "--model", "blank", "--workers", "1", "--batch", "5", *how)
        assert result.stderr.splitlines()[1] == summary(replaced=1, updated=1, unchanged=15, failed=1)
    assert same(sharded) == same(plain)
    assert no_shards_left(shards)


def test_a_worker_killed_mid_run_loses_nothing_with_shards(cluster, generated):
    folder, expected = generated
    db, shards = folder.parent / "worker-killed.db", folder.parent / "shards-worker-killed"
    written_at_kill = ingest_killing_a_worker(cluster, [*ingest_cmd(folder, "--db", db, "--batch", "3"), "--scheduler",
                                                        cluster.scheduler.address, "--shards", str(shards)], db)
    assert written_at_kill < 40
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*), count(distinct path) from articles").fetchone() == (40, 40)
    assert same(db) == expected
    assert no_shards_left(shards)


def test_a_run_killed_mid_way_is_whole_and_the_next_completes_it(generated):
    folder, expected = generated
    db, shards = folder.parent / "run-killed.db", folder.parent / "shards-run-killed"
    process = subprocess.Popen(ingest_cmd(folder, "--db", db, "--workers", "2", "--batch", "2", "--shards", shards),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    wait_for_first_article(db, process, timeout=120)
    os.killpg(process.pid, signal.SIGKILL)  # the ingest and its workers
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    gone(process.pid)  # its workers too: they hold its folder's lock as long as they live
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        written = conn.execute("select count(*) from articles").fetchone()[0]
        assert conn.execute("select count(*) from article_files").fetchone()[0] == written
    assert 0 < written < 40
    assert list(shards.glob("run-*"))  # the killed run's shards
    again = blank(folder, "--db", db, "--workers", "2", "--shards", shards)
    assert again.exit_code == 0, again.stderr
    assert same(db) == expected
    assert no_shards_left(shards)  # the dead run's folder went too


def test_a_folder_that_cannot_hold_shards_is_one_error_and_nothing_is_written(tmp_path):
    folder = corpus(tmp_path / "in", 2)
    (tmp_path / "taken").write_text("a file, not a folder")
    db = tmp_path / "archive.db"
    result = blank(folder, "--db", db, "--shards", tmp_path / "taken", "--workers", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path / 'taken'}: cannot hold shards: ")
    assert len(result.stderr.splitlines()) == 1
    assert not db.exists()


def test_a_run_that_lives_keeps_its_shards_and_workers_must_see_the_folder(tmp_path):
    from claimarchive.cluster import check_folder
    from claimarchive.shards import RunFolder, ShardsError

    (tmp_path / "run-alive").mkdir()
    (tmp_path / "run-dead").mkdir()
    (tmp_path / "run-dead.lock").touch()
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'w'); "
                               "fcntl.lockf(f, fcntl.LOCK_EX); print(flush=True); time.sleep(60)",
                               str(tmp_path / "run-alive.lock")], stdout=subprocess.PIPE, text=True)
    try:
        holder.stdout.readline()  # it holds the lock
        folder = RunFolder(tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            ["run-alive", "run-alive.lock", folder.path.name, f"{folder.path.name}.lock"])
        folder.close()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["run-alive", "run-alive.lock"]
    finally:
        holder.kill()
        holder.wait()

    class Cluster:  # two workers: the second sees the folder at `elsewhere`
        def __init__(self, elsewhere):
            self.elsewhere = elsewhere

        def run(self, function, folder):
            return {"tcp://10.0.0.1:1": function(folder), "tcp://10.0.0.2:1": function(self.elsewhere)}

    check_folder(Cluster(str(tmp_path)), str(tmp_path))
    with pytest.raises(ShardsError, match=r"1 of the cluster's 2 workers \(tcp://10.0.0.2:1\) cannot write into"):
        check_folder(Cluster(str(tmp_path / "not-here")), str(tmp_path))
