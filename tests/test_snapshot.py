"""Sharing an archive: ingest ends with the log checkpointed into the file, and `snapshot` writes a consistent
single-file copy even while a reader (Datasette) holds the log."""
import shutil
import sqlite3
from pathlib import Path

from conftest import cli, ingest
from test_ingest import GOOD, OTHER, rows, summary, write


def wal(db: Path) -> int:
    path = Path(f"{db}-wal")
    return path.stat().st_size if path.exists() else 0


def test_ingest_ends_with_the_log_in_the_file_so_a_plain_copy_is_whole(tmp_path):
    write(tmp_path / "in" / "a.txt", GOOD)
    write(tmp_path / "in" / "b.txt", OTHER)
    db = tmp_path / "archive.db"
    assert ingest(tmp_path / "in", "--db", db).exit_code == 0
    assert wal(db) == 0
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)  # the file alone, without its -wal
    assert rows(copy, "select path from articles order by path") == [("in/a.txt",), ("in/b.txt",)]


def test_snapshot_while_a_reader_holds_the_log(tmp_path):
    write(tmp_path / "in" / "a.txt", GOOD)
    db = tmp_path / "archive.db"
    ingest(tmp_path / "in", "--db", db)
    reader = sqlite3.connect(db)  # as Datasette holds a read transaction open during a query
    reader.execute("begin")
    assert reader.execute("select count(*) from articles").fetchone() == (1,)
    try:
        write(tmp_path / "in" / "b.txt", OTHER)
        result = ingest(tmp_path / "in", "--db", db)
        assert result.stderr.splitlines() == [
            summary(ingested=1, unchanged=1),
            f"note: a reader holds {db}-wal, so the newest articles are still in it: copy the archive with "
            f"`python ingest.py snapshot OUT.db --db {db}`, not by copying the file"]
        assert wal(db) > 0
        plain = tmp_path / "plain-copy.db"
        shutil.copy(db, plain)
        assert rows(plain, "select path from articles order by path") == [("in/a.txt",)]  # the newest is lost
        out = tmp_path / "shared" / "archive.db"
        out.parent.mkdir()
        result = cli("snapshot", out, "--db", db)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == f"{out}: 2 articles, {rows(db, 'select count(*) from claims')[0][0]} claims\n"
    finally:
        reader.close()
    assert not Path(f"{out}-wal").exists()
    assert rows(out, "pragma journal_mode") == [("delete",)]
    assert rows(out, "select path from articles order by path") == [("in/a.txt",), ("in/b.txt",)]
    assert rows(out, "pragma integrity_check") == [("ok",)]
    assert rows(out, "select count(*) from claims_fts where claims_fts match 'library'") == \
        rows(db, "select count(*) from claims_fts where claims_fts match 'library'")
    assert [p.name for p in out.parent.iterdir()] == ["archive.db"]


def test_snapshot_refuses_to_overwrite_unless_forced_and_never_a_non_database(tmp_path):
    write(tmp_path / "in" / "a.txt", GOOD)
    db = tmp_path / "archive.db"
    ingest(tmp_path / "in", "--db", db)
    out = tmp_path / "copy.db"
    assert cli("snapshot", out, "--db", db).exit_code == 0
    again = cli("snapshot", out, "--db", db)
    assert (again.exit_code, again.stderr) == (1, f"error: {db}: {out} exists already: not overwritten (--force overwrites it)\n")
    assert cli("snapshot", out, "--db", db, "--force").exit_code == 0
    notes = write(tmp_path / "notes.db", "my notes, not a database\n")
    refused = cli("snapshot", notes, "--db", db, "--force")
    assert refused.exit_code == 1
    assert refused.stderr == f"error: {db}: not an SQLite database (the file does not start with SQLite's header): not written into\n"
    assert notes.read_text() == "my notes, not a database\n"
    missing = cli("snapshot", tmp_path / "x.db", "--db", tmp_path / "none.db")
    assert (missing.exit_code, missing.stderr) == (1, f"error: {tmp_path / 'none.db'}: no such archive\n")
    assert not (tmp_path / "x.db").exists()
