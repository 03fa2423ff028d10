"""A consistent single-file copy of an archive, safe to take while Datasette serves it or an ingest writes.

Copying ``archive.db`` by hand misses what is still in its write-ahead log (``archive.db-wal``);
``VACUUM INTO`` reads one consistent snapshot of both and writes a compact file that needs no log.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .schema import schema_version
from .store import DatabaseError, check_db_path


def snapshot(db_path: Path, out: Path, force: bool = False) -> dict[str, int]:
    """Write a copy of the archive at db_path to out (refusing to overwrite it unless force); returns its
    article and claim counts. Raises DatabaseError naming the reason."""
    db_path, out = Path(db_path), Path(out)
    if not db_path.is_file():
        raise DatabaseError("no such archive")
    check_db_path(db_path)
    check_db_path(out)
    if out.exists() and not force:
        raise DatabaseError(f"{out} exists already: not overwritten (--force overwrites it)")
    if out.absolute() == db_path.absolute():
        raise DatabaseError("the snapshot cannot be the archive itself")
    partial = out.with_name(f".{out.name}.partial-{os.getpid()}")
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=60)
        try:
            import sqlite_utils

            if not schema_version(sqlite_utils.Database(conn)):
                raise DatabaseError("not a claim archive")
            conn.execute("vacuum into ?", [str(partial)])
        finally:
            conn.close()
        counts = _finish(partial)
        os.replace(partial, out)
    except sqlite3.Error as error:
        raise DatabaseError(f"cannot be copied: {error}") from None
    finally:
        partial.unlink(missing_ok=True)
    return counts


def _finish(path: Path) -> dict[str, int]:
    """Make the copy a plain single file (no write-ahead log) and count what it holds."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("pragma journal_mode = delete")
        return {table: conn.execute(f"select count(*) from [{table}]").fetchone()[0] for table in ("articles", "claims")}
    finally:
        conn.close()
