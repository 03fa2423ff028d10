"""Sharded writing (`--shards DIR`): a worker writes the rows of the article it extracted into a shard, a small
SQLite database of the archive's own schema, and the one writer merges each shard into the archive with ATTACH
and INSERT ... SELECT, in the order of the files, then links the article as it links any other.

What rows an article makes is store.insert_article's alone, run by the worker into its shard; what the archive
does with them (unchanged, replaced, updated, duplicate) is store.write_article's, run by the writer with the
merge as the insert. The merge gives the rows the ids the one writer would: per table an offset (the archive's
next id less the shard's first), carried into every column that refers to that table by a foreign key as SQLite
reports them; rows shared across articles (sources, their aliases, places) are matched by their own keys.

A shard holds one article, and is complete (written in memory, then renamed into place) when its task returns:
consecutive articles come from different workers and SQLite attaches at most ten databases, so a batch merges
up to ten shards, attached before its transaction (SQLite attaches none inside one); no shard is read while it
is written, so a folder shared by worker machines (NFS) needs no locking; and a worker that dies leaves at most
a temporary file. Shards are removed once merged; a run's folder goes at its end, or at the next run in the same
folder when the run that made it died.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import sqlite3
import uuid
import weakref
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from .model import Record
from .read import Inputs
from .schema import FTS, TABLES, ensure_schema, write_transaction
from .store import SCOPED_COLUMN, Written, _now, insert_article, inputs_of, scoped_key, write_article

ROOT = "articles"  # the table whose rows are articles: a table is an article's when its foreign keys lead here
AT_ONCE = sqlite3.connect(":memory:").getlimit(sqlite3.SQLITE_LIMIT_ATTACHED)  # shards merged per transaction
PAGE_SIZE = 512  # a shard is one article: small pages keep its empty tables small (60 KB for the schema)


class ShardsError(Exception):
    """The folder given by --shards cannot hold shards; nothing was written."""


@dataclass
class Shard:
    """One article's rows in a shard file, and what the writer needs to place it: what a worker hands back."""

    file: str
    path: str  # the file the article was read from, as archived
    size: int
    inputs: Inputs
    warnings: list[str] = field(default_factory=list)
    words: int = 0
    alias: str | None = None  # its schema name while attached to the archive
    unreadable: str | None = None  # why it could not be attached


# The worker's side.

@cache
def _template() -> bytes:
    """An empty archive as bytes, made by the archive's own schema code; without full-text indexes, which the
    archive's triggers fill as the rows are merged."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"pragma page_size = {PAGE_SIZE}")
    db = sqlite_utils.Database(conn)
    ensure_schema(db)
    for table in FTS:
        db[table].disable_fts()
    data = conn.serialize()
    conn.close()
    return data


def shard_file(folder: str, key: str) -> str:
    """Where the shard of the file archived under key goes in a run's folder (the same for every attempt)."""
    return os.path.join(folder, hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:24] + ".db")


def write_shard(record: Record, file: str) -> Shard:
    """Write the rows of one record's article into a new shard at file (atomically: renamed into place)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(_template())
        db = sqlite_utils.Database(conn)
        with write_transaction(db):
            insert_article(db, record, _now())
        data = conn.serialize()
    finally:
        conn.close()
    part = f"{file}.{uuid.uuid4().hex[:8]}.part"
    with open(part, "wb") as out:
        out.write(data)
    os.replace(part, file)
    article = record.article
    return Shard(file, article.path, article.size, inputs_of(record), list(record.errors), len(article.body.split()))


# The writer's side.

@contextlib.contextmanager
def attached(db: sqlite_utils.Database, shards: list[Shard]):
    """Attach the shards (at most AT_ONCE) to the archive for one transaction, saying in each that cannot be
    read why. Detached and removed afterwards, merged or not (a run that stops re-extracts its files)."""
    names = []
    try:
        for index, shard in enumerate(shards):
            shard.alias = f"shard{index}"
            try:
                db.execute("attach database ? as [%s]" % shard.alias, [f"file:{quote(shard.file)}?immutable=1"])
                names.append(shard.alias)
                if db.execute(f"select count(*) from [{shard.alias}].[{ROOT}]").fetchone()[0] != 1:
                    raise sqlite3.DatabaseError("not a shard of one article")
            except sqlite3.Error as error:
                shard.unreadable = f"its shard {shard.file} cannot be read: {error}"
        yield
    finally:
        for name in names:
            with contextlib.suppress(sqlite3.Error):
                db.execute(f"detach database [{name}]")
        for shard in shards:
            with contextlib.suppress(OSError):
                os.remove(shard.file)


def store(db: sqlite_utils.Database, shard: Shard, reextract: bool = False) -> Written:
    """store.write_record for an attached shard: the archive decides as for a record, the shard's rows are
    merged when a new article is needed."""
    return write_article(db, shard.path, shard.inputs, shard.size, lambda now: merge(db, shard.alias, now), reextract)


@dataclass
class _Table:
    """How one table's rows are merged: its columns, the id the archive gives a row (None when the key is the
    row's own or a foreign key), what its foreign keys point at, whether it belongs to an article, and (for a
    table shared across articles) the columns of its unique key."""

    name: str
    columns: list[str]
    pk: str | None
    natural: str | None  # a shared table's primary key that is the row's own (a place's gazetteer id)
    references: dict[str, str]
    owned: bool = False
    unique: list[str] = field(default_factory=list)
    referenced: bool = False


_plans: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # per archive: (its schema cookie, its plan)


def _plan_of(db: sqlite_utils.Database) -> list[_Table]:
    """_plan, read again only when the archive's schema changed."""
    cookie = db.execute("pragma main.schema_version").fetchone()[0]
    known = _plans.get(db)
    if known is None or known[0] != cookie:
        known = _plans[db] = (cookie, _plan(db))
    return known[1]


def _plan(db: sqlite_utils.Database) -> list[_Table]:
    """The archive's tables in the order they are created (parents first), as SQLite reports them."""
    tables = []
    for name in [t for t in TABLES if t in db.table_names()]:
        info = db.execute(f"pragma main.table_info([{name}])").fetchall()
        keys = [row[1] for row in info if row[5]]
        references = {row[3]: row[2] for row in db.execute(f"pragma main.foreign_key_list([{name}])")}
        integer = len(keys) == 1 and next(row[2] for row in info if row[1] == keys[0]).upper() == "INTEGER"
        own_id = keys[0] if integer and keys[0] not in references else None
        table = _Table(name, [row[1] for row in info], own_id, None, references, owned=name == ROOT)
        for _, index, unique, origin, _ in db.execute(f"pragma main.index_list([{name}])").fetchall():
            if unique and origin != "pk" and not table.unique:
                table.unique = [row[2] for row in db.execute(f"pragma main.index_info([{index}])")]
        tables.append(table)
    by_name = {t.name: t for t in tables}
    while True:  # an article's table: one whose foreign keys lead to an article's table
        more = [t for t in tables if not t.owned and any(by_name[r].owned for r in t.references.values())]
        if not more:
            break
        for t in more:
            t.owned = True
    for t in tables:
        for target in t.references.values():
            by_name[target].referenced = True
        if not t.owned and not t.unique:
            t.natural, t.pk = t.pk, None
            if t.natural is None:
                raise ValueError(f"table {t.name} is shared across articles but has no key to merge by")
    return tables


@dataclass
class _Merge:
    """One shard's merge in progress: how each copied table's ids map into the archive."""

    db: sqlite_utils.Database
    alias: str
    now: str
    remap: dict[str, str] = field(default_factory=dict)  # table -> an SQL expression of {} (the shard's id)
    rescope: tuple = ()  # the shard's scoped_key and the archive's, for SCOPED_COLUMN

    def value(self, table: _Table, column: str, params: list) -> str:
        """The SQL expression that gives a shard row's column its archive value (over the shard row `x`)."""
        plain = f"x.[{column}]"
        if column == table.pk and table.owned:
            return self.remap[table.name].format(plain)
        if column in table.references:
            return self.remap.get(table.references[column], "{}").format(plain)
        if (table.name, column) == SCOPED_COLUMN:
            old, new = self.rescope
            params += [len(old), old, new, len(old) + 1]
            return f"case when substr({plain}, 1, ?) = ? then ? || substr({plain}, ?) else {plain} end"
        if column == "ingested_at":
            params.append(self.now)
            return "?"
        return plain

    def select(self, table: _Table, columns: list[str]) -> tuple[str, list]:
        params: list = []
        values = ", ".join(self.value(table, c, params) for c in columns)
        return f"select {values} from [{self.alias}].[{table.name}] as x", params

    def first(self, table: _Table):
        """The shard's first id in a table with ids of its own (else 1), None when it has no row there."""
        shard = f"[{self.alias}].[{table.name}]"
        if table.pk:
            return self.db.execute(f"select min([{table.pk}]) from {shard}").fetchone()[0]
        return self.db.execute(f"select 1 from {shard} limit 1").fetchone()

    def copy(self, table: _Table) -> None:
        """Merge one table's rows of the shard."""
        first = self.first(table)
        if first is None:
            return  # none in the shard
        names = ", ".join(f"[{c}]" for c in table.columns if c != table.pk or table.owned)
        if table.owned:
            if table.pk:
                start = self.db.execute(f"select coalesce(max([{table.pk}]), 0) + 1 from main.[{table.name}]")
                self.remap[table.name] = "({} + %d)" % (start.fetchone()[0] - first)
            sql, params = self.select(table, table.columns)
            self.db.execute(f"insert into main.[{table.name}] ({names}) {sql}", params)
        elif table.unique:
            sql, params = self.select(table, [c for c in table.columns if c != table.pk])
            self.db.execute(f"insert or ignore into main.[{table.name}] ({names}) {sql} order by x.[{table.pk}]",
                            params)
            if table.pk and table.referenced:
                self._ids(table)
        else:
            sql, params = self.select(table, table.columns)
            update = ", ".join(f"[{c}] = excluded.[{c}]" for c in table.columns if c != table.natural)
            self.db.execute(f"insert into main.[{table.name}] ({names}) {sql} where true "
                            f"on conflict([{table.natural}]) do update set {update}", params)

    def _ids(self, table: _Table) -> None:
        """Map the shard's ids of a shared table to the archive's rows with the same key."""
        ids = f"shard_ids_{table.name}"
        self.db.execute(f"create temp table if not exists [{ids}] (old integer primary key, new integer not null)")
        self.db.execute(f"delete from temp.[{ids}]")
        params: list = []
        match = " and ".join(f"m.[{c}] = {self.value(table, c, params)}" for c in table.unique)
        self.db.execute(f"insert into temp.[{ids}] (old, new) select x.[{table.pk}], m.[{table.pk}] "
                        f"from [{self.alias}].[{table.name}] as x join main.[{table.name}] as m on {match}", params)
        self.remap[table.name] = f"(select new from temp.[{ids}] where old = {{}})"


def merge(db: sqlite_utils.Database, alias: str, now: str) -> int:
    """Copy the attached shard's article into the archive (inside the caller's savepoint); its new id."""
    (old,) = db.execute(f"select id from [{alias}].[{ROOT}]").fetchone()
    (new,) = db.execute(f"select coalesce(max(id), 0) + 1 from main.[{ROOT}]").fetchone()
    run = _Merge(db, alias, now, rescope=(scoped_key(old), scoped_key(new)))
    for table in _plan_of(db):
        run.copy(table)
    return new


# A run's folder of shards.

class RunFolder:
    """DIR/run-ID, the folder of one run's shards, locked (DIR/run-ID.lock) while the run lasts; removed at its
    end, or by the next run in DIR when the one that made it died (its lock is free). The lock is a POSIX
    record lock: the process's own (a worker forked from it does not hold it), and one NFS honours."""

    def __init__(self, base: Path):
        base = Path(base).absolute()
        name = f"run-{uuid.uuid4().hex[:12]}"
        try:
            base.mkdir(parents=True, exist_ok=True)
            _sweep(base)
            part = base / f".{name}.lock"
            self._lock = open(part, "w")
            fcntl.lockf(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.replace(part, base / f"{name}.lock")  # visible to a sweep only once held
            self.path = base / name
            self.path.mkdir()
        except OSError as error:
            raise ShardsError(f"cannot hold shards: {error.strerror or error}") from None

    def close(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        with contextlib.suppress(OSError):
            os.remove(f"{self.path}.lock")
        self._lock.close()


def _sweep(base: Path) -> None:
    """Remove the folders of runs in base that are over: their lock is free, or gone."""
    for folder in base.glob("run-*"):
        if not folder.is_dir():
            continue
        lock = Path(f"{folder}.lock")
        try:
            with open(lock, "r+") as held:
                fcntl.lockf(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(folder, ignore_errors=True)
                os.remove(lock)
        except FileNotFoundError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue  # held: that run is alive
