"""The archive file and the one writer that puts a Record into it.

Each article is written in one transaction: its rows are all there or none are. A file is known by the
path it is archived under (``article_files.path``); its fingerprint covers everything that feeds it (its
bytes, its sidecar, its curated claims). A file whose fingerprint is archived under its path is unchanged;
one whose text changed replaces its article's rows, one whose sidecar or curated claims changed updates
them; the same fingerprint under another path is archived once with both paths.
"""
from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import sqlite_utils

from . import __version__
from .link.clusters import clusters_of_article, split_clusters, write_clusters
from .link.signature import store_signature
from .link.terms import forget
from .model import Record
from .read import Inputs
from .schema import ARTICLE_TABLES, LINK_COLUMNS, SchemaError, ensure_schema, write_transaction

EXTRACTOR = f"claimarchive {__version__}"
BUSY_SECONDS = 60.0  # how long a writer waits for another one (two ingests at once) before giving up
CHECKPOINT_BUSY_MS = 2_000  # how long the last checkpoint waits for Datasette's readers
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseError(Exception):
    """The archive file cannot be opened or written, and why."""


def storage_failure(error: BaseException) -> bool:
    """Whether an error is the database's own (disk full, I/O error, locked, corrupt), not one record's."""
    return isinstance(error, sqlite3.OperationalError) or type(error) is sqlite3.DatabaseError


def check_db_path(path: Path) -> None:
    """Raise DatabaseError when path cannot be an archive: a folder, in a missing folder, not SQLite."""
    folder = path.parent
    if path.is_dir():
        raise DatabaseError("is a folder, not a database file")
    if not folder.is_dir():
        raise DatabaseError(f"folder {folder} does not exist" if not folder.exists() else f"{folder} is not a folder")
    if not path.exists():
        return
    try:
        with open(path, "rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseError(f"cannot be read: {error.strerror or error}") from None
    if header and header != SQLITE_HEADER:
        raise DatabaseError("not an SQLite database (the file does not start with SQLite's header): not written into")


CACHE_KIB = 262_144  # the writer's page cache, at most 256 MB (filled only as far as the archive is large)


def open_db(path) -> sqlite_utils.Database:
    """The archive at path, created if new and upgraded if old, in WAL mode so Datasette can read while
    ingest writes. Raises DatabaseError (with the reason) when it cannot be."""
    path = Path(path)
    check_db_path(path)
    try:
        db = sqlite_utils.Database(sqlite3.connect(str(path), timeout=BUSY_SECONDS))
        db.execute("pragma foreign_keys = on")
        if db.execute("pragma journal_mode").fetchone()[0] != "wal":
            db.execute("pragma journal_mode = wal")
        # In WAL mode NORMAL keeps the database consistent when the process is killed at any moment; only an
        # OS crash or power loss can cost the last commits, which a re-run of the ingest puts back.
        db.execute("pragma synchronous = normal")
        # A large archive's indexes are read at random by every article's inserts and links: SQLite's default
        # 2 MB page cache would send most of those reads to the OS, one system call a page.
        db.execute(f"pragma cache_size = -{CACHE_KIB}")
        ensure_schema(db)
    except SchemaError as error:
        raise DatabaseError(str(error)) from None
    except sqlite3.Error as error:
        raise DatabaseError(f"cannot be opened: {error}") from None
    return db


def optimize(db: sqlite_utils.Database) -> None:
    """Gather the query planner's statistics (ANALYZE) when there are none, or when the claims have grown
    by more than a quarter since they were gathered."""
    claims = db.execute("select count(*) from claims").fetchone()[0]
    analysed = 0
    if db["sqlite_stat1"].exists():
        analysed = db.execute("select max(cast(stat as integer)) from sqlite_stat1 where tbl = 'claims'").fetchone()[0]
    if not analysed or claims > 1.25 * analysed:
        db.execute("analyze")


def checkpoint(db: sqlite_utils.Database) -> bool:
    """Move the write-ahead log into the database file and empty it, so that the file alone holds the whole
    archive (a copy of it loses nothing). Returns False when a reader held the log and it stayed."""
    db.execute(f"pragma busy_timeout = {CHECKPOINT_BUSY_MS}")
    busy, _, _ = db.execute("pragma wal_checkpoint(TRUNCATE)").fetchone()
    db.execute(f"pragma busy_timeout = {int(BUSY_SECONDS * 1000)}")
    return not busy


@dataclass
class FileRow:
    """What the archive holds for one file path."""

    path: str
    article_id: int
    sha256: str
    fingerprint: str | None
    sidecar_sha256: str | None
    claims_sha256: str | None
    legacy: bool
    extractor: str | None  # of its article


def file_row(db: sqlite_utils.Database, path: str, legacy_only: bool = False) -> FileRow | None:
    """The archived row of a file path (with its article's extractor), or None."""
    row = db.execute(
        "select f.path, f.article_id, f.sha256, f.fingerprint, f.sidecar_sha256, f.claims_sha256, "
        "coalesce(f.legacy, 0), a.extractor from article_files f join articles a on a.id = f.article_id "
        "where f.path = ?" + (" and f.legacy = 1" if legacy_only else ""), [path]).fetchone()
    return FileRow(*row[:6], bool(row[6]), row[7]) if row else None


def article_with(db: sqlite_utils.Database, fingerprint: str) -> tuple[int, str | None] | None:
    """The archived article (id, extractor) with this fingerprint, the newest extraction first, or None."""
    return db.execute("select id, extractor from articles where fingerprint = ? order by extractor = ? desc, id "
                      "limit 1", [fingerprint, EXTRACTOR]).fetchone()


def adopt(db: sqlite_utils.Database, old_path: str, path: str, inputs: Inputs) -> None:
    """Give a row release 0.1 archived (under a name relative to its folder) the file's path and fingerprint:
    the same bytes are the same file."""
    with write_transaction(db):
        db.execute("update article_files set path = ?, fingerprint = ?, sidecar_sha256 = ?, claims_sha256 = ?, "
                   "legacy = 0 where path = ?",
                   [path, inputs.fingerprint, inputs.sidecar_sha256, inputs.claims_sha256, old_path])
        db.execute("update articles set path = ? where path = ?", [path, old_path])
        db.execute("update articles set fingerprint = ? where fingerprint is null and id = "
                   "(select article_id from article_files where path = ?)", [inputs.fingerprint, path])


def attach(db: sqlite_utils.Database, path: str, article_id: int, inputs: Inputs, size: int) -> None:
    """Archive one more path for an archived article (the same text and inputs under another name)."""
    db["article_files"].insert({
        "path": path, "article_id": article_id, "sha256": inputs.sha256, "fingerprint": inputs.fingerprint,
        "sidecar_sha256": inputs.sidecar_sha256, "claims_sha256": inputs.claims_sha256, "size": size,
        "legacy": 0, "ingested_at": _now()}, ignore=True)


def source_key(name: str) -> str:
    """The key that makes two names one source row: lower-case ASCII words without articles."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in {"the", "a", "an"}]
    return " ".join(words)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def changes(row: FileRow, inputs: Inputs, extractor: str = EXTRACTOR) -> list[str]:
    """What differs between an archived file and what feeds it now, in words."""
    if row.sha256 != inputs.sha256:
        return ["its text changed"]
    said = []
    for what, old, new in (("sidecar", row.sidecar_sha256, inputs.sidecar_sha256),
                           ("curated claims", row.claims_sha256, inputs.claims_sha256)):
        if old != new and not row.legacy:
            said.append(f"{what} added" if old is None else f"{what} removed" if new is None else f"{what} changed")
    if not said and row.extractor != extractor:
        said.append(f"re-extracted ({row.extractor or 'an older release'} → {extractor})")
    return said or ["its sidecar or curated claims changed"]


def inputs_of(record: Record) -> Inputs:
    """What fed a record's article (its digests), as the archive keeps them per file."""
    article = record.article
    return Inputs(sha256=article.sha256, fingerprint=article.fingerprint or article.sha256,
                  sidecar_sha256=article.sidecar_sha256, claims_sha256=article.claims_sha256)


@dataclass
class Written:
    """What the writer did with one record: its status, why, and the id of the article it wrote (None when it
    wrote no new article: unchanged, or a duplicate of one archived)."""

    status: str
    changes: list[str]
    article_id: int | None = None


def write_record(db: sqlite_utils.Database, record: Record, reextract: bool = False) -> Written:
    """Store one article and everything found in it, in one transaction (a savepoint inside the caller's).
    Its status: 'ingested', 'unchanged', 'replaced' (its text changed), 'updated' (its sidecar or curated
    claims changed, or re-extracted) or 'duplicate' (the same inputs are archived under another path).

    An article extracted by an older release whose inputs match is re-extracted only when reextract is set."""
    return write_article(db, record.article.path, inputs_of(record), record.article.size,
                         lambda now: insert_article(db, record, now), reextract)


def write_article(db: sqlite_utils.Database, path: str, inputs: Inputs, size: int, insert: Callable[[str], int],
                  reextract: bool = False) -> Written:
    """write_record for the article archived under path, made by `insert(now)` (which writes its rows and
    returns its id) when the archive needs a new one: from a Record, or merged from a shard (shards.py)."""
    with db.atomic():
        row = file_row(db, path)
        if row and row.fingerprint == inputs.fingerprint and (row.extractor == EXTRACTOR or not reextract):
            return Written("unchanged", [])
        written = Written("ingested", []) if row is None else \
            Written("replaced" if row.sha256 != inputs.sha256 else "updated", changes(row, inputs))
        if row:
            db.execute("delete from article_files where path = ?", [path])
        same = article_with(db, inputs.fingerprint)
        if same and (same[1] == EXTRACTOR or not reextract):
            attach(db, path, same[0], inputs, size)
            written.status = "duplicate" if row is None else written.status
        else:
            written.article_id = insert(_now())
            attach(db, path, written.article_id, inputs, size)
            _move_files(db, inputs.fingerprint, written.article_id)
        if row:
            _release(db, row.article_id)
        from .reviews.keep import reattach  # here: reviews match with link/, which imports this module

        reattach(db, written.article_id if written.article_id is not None else same[0])  # reviews it held
        return written


def _insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict], verb: str = "insert or ignore") -> None:
    """Many rows of one shape into a table, in one statement (sqlite-utils' insert_all inspects the table
    on every call, which costs more than the rows of one article's links)."""
    if not rows:
        return
    columns = list(rows[0])
    db.conn.executemany(f"{verb} into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
                        f"values ({', '.join('?' * len(columns))})", [[row[c] for c in columns] for row in rows])


def write_links(db: sqlite_utils.Database, links) -> None:
    """Store what linking one article found (a link.Links): its links, and the clusters that changed."""
    _insert_rows(db, "article_links", links.article_links)
    _insert_rows(db, "claim_links", links.claim_links)
    write_clusters(db, links.clusters)
    _insert_rows(db, "figure_conflicts", links.figure_conflicts)


def _move_files(db: sqlite_utils.Database, fingerprint: str, article_id: int) -> None:
    """Move the files with these inputs from older extractions of them to the new article; an older article
    left with no file goes (one release 0.1 merged other files into keeps them)."""
    for (old_id,) in db.execute("select id from articles where fingerprint = ? and id != ?",
                                [fingerprint, article_id]).fetchall():
        db.execute("update article_files set article_id = ? where article_id = ? and fingerprint = ?",
                   [article_id, old_id, fingerprint])
        _release(db, old_id)


def _release(db: sqlite_utils.Database, article_id: int) -> None:
    """After a path left an article: delete the article when no file holds it any longer, else name it by
    a file that still does."""
    first = db.execute("select min(path) from article_files where article_id = ?", [article_id]).fetchone()[0]
    if first is None:
        if db.execute("select 1 from articles where id = ?", [article_id]).fetchone():
            _delete_article(db, article_id)
    else:
        db.execute("update articles set path = ? where id = ? and path not in "
                   "(select path from article_files where article_id = ?)", [first, article_id, article_id])


def _delete_article(db: sqlite_utils.Database, article_id: int) -> None:
    """Delete an article and all its rows, with every link from across the archive to them (both ends); the
    groups of the same claim that its claims were in are split where they held them together."""
    forget(db)  # the run's remembered full-text lookups held its claims
    from .reviews.keep import detach  # here: reviews match with link/, which imports this module

    detach(db, article_id)  # its reviews stay: re-attached to its new version, or listed as orphaned
    clusters = clusters_of_article(db, article_id)
    for table, column, target in LINK_COLUMNS:
        owner = "id" if target == "articles" else "article_id"
        db.execute(f"delete from [{table}] where [{column}] in (select id from [{target}] where {owner} = ?)",
                   [article_id])
    for table in ARTICLE_TABLES:
        if table == "attributions":
            db.execute("delete from attributions where claim_id in (select id from claims where article_id = ?)",
                       [article_id])
        elif table == "claims":
            db.execute("update claims set superseded_by = null where article_id = ?", [article_id])
            db.execute("delete from claims where article_id = ?", [article_id])
        elif table == "quantities":
            db.execute("update quantities set part_of = null where article_id = ?", [article_id])
            db.execute("delete from quantities where article_id = ?", [article_id])
        else:
            db.execute(f"delete from [{table}] where article_id = ?", [article_id])
    _delete_scoped_sources(db, article_id)
    db.execute("delete from articles where id = ?", [article_id])
    split_clusters(db, clusters)


def _delete_scoped_sources(db: sqlite_utils.Database, article_id: int) -> None:
    """Delete the generic sources of an article (their keys start with its scope), with their aliases."""
    prefix = scoped_key(article_id)
    scoped = "select id from sources where key >= ? and key < ?"
    bounds = [prefix, prefix[:-2] + ";"]  # ";" follows ":": every key that starts with the prefix, no other
    db.execute(f"delete from source_aliases where source_id in ({scoped})", bounds)
    db.execute("delete from sources where key >= ? and key < ?", bounds)


def scoped_key(article_id: int) -> str:
    """The start of the key of every generic source of one article ("article 12: officials")."""
    return f"article {article_id}: "


# The one column that names an article without a foreign key: a generic source's key starts with its article's
# scoped_key. Whatever gives an article another id (a shard's merge, shards.py) renames it there too.
SCOPED_COLUMN = ("sources", "key")


def _source_id(db: sqlite_utils.Database, name: str, kind: str, aliases: list[str], scope: str = "") -> int:
    """The row of a real-world source: one for every article that names it, or, for a generic source ("the
    judge", "officials"), one for its article alone (``scope``: its ``scoped_key``)."""
    key = scope + (source_key(name) or name.lower())
    row = db.execute("select id from sources where key = ?", [key]).fetchone()
    if row:
        source_id = row[0]
    else:
        source_id = db["sources"].insert({"name": name, "kind": kind, "key": key}).last_pk
    db["source_aliases"].insert_all(
        ({"source_id": source_id, "alias": alias} for alias in dict.fromkeys([name, *aliases]) if alias),
        ignore=True,
    )
    return source_id


ARTICLE_COLUMNS = ("path", "sha256", "fingerprint", "size", "title", "body", "published", "published_source",
                   "publisher", "original_outlet", "author", "url", "language", "format", "encoding",
                   "metadata_source", "raw")


def insert_article(db: sqlite_utils.Database, record: Record, now: str) -> int:
    """Write the rows one article makes (the one definition of them: into the archive, or into a shard) and
    return its id; sources are shared by key and places by their gazetteer id with what the database holds."""
    article = record.article
    row = {k: getattr(article, k) for k in ARTICLE_COLUMNS}
    row.update(extractor=EXTRACTOR, ingested_at=now)
    article_id = db["articles"].insert(row).last_pk
    body = article.body
    db["segments"].insert_all(
        {"article_id": article_id, "kind": s.kind, "start": s.start, "end": s.end, "text": body[s.start:s.end]}
        for s in record.segments
    )
    source_ids = [_source_id(db, s.name, s.kind, s.aliases, scoped_key(article_id) if s.generic else "")
                  for s in record.sources]
    claim_ids: list[int] = []
    for index, claim in enumerate(record.claims):
        values = {k: v for k, v in vars(claim).items() if k not in ("relays",)}
        values.update(article_id=article_id, is_quote=int(claim.is_quote), published=article.published,
                      source_id=source_ids[record.claim_sources[index]] if index in record.claim_sources else None)
        values.pop("superseded_by", None)
        claim_ids.append(db["claims"].insert(values).last_pk)
    for index, claim in enumerate(record.claims):
        if claim.superseded_by is not None:
            db.execute("update claims set superseded_by = ? where id = ?",
                       [claim_ids[claim.superseded_by], claim_ids[index]])
    db["attributions"].insert_all(
        {"claim_id": claim_ids[index], "depth": depth, "source_id": source_ids[source] if source is not None else None,
         "mention": mention, "relation": relation, "start": start, "end": end}
        for index, chain in record.claim_chains.items()
        for depth, (source, mention, relation, start, end) in enumerate(chain)
    )
    for mention in record.places:  # before the figures, whose place_id points at them
        p = mention.place
        db["places"].upsert({"id": p.geonames_id, "name": p.name, "country": p.country, "feature": p.feature,
                             "population": p.population, "latitude": p.latitude, "longitude": p.longitude,
                             "region": p.region, "name_en": p.name_en, "local_name": p.local_name},
                            pk="id")  # as today's gazetteer has it
    quantity_ids: list[int] = []
    for q in record.quantities:
        quantity_ids.append(db["quantities"].insert({
            "article_id": article_id, "claim_id": _id(claim_ids, q.claim_index),
            "start": q.start, "end": q.end, "text": q.text, "value": q.value, "unit": q.unit, "kind": q.kind,
            "qualifier": q.qualifier, "counted": q.counted, "event": q.event, "place_id": q.place_id,
            "period_start": q.period_start, "period_end": q.period_end}).last_pk)
    for index, q in enumerate(record.quantities):
        if q.part_of is not None:
            db.execute("update quantities set part_of = ? where id = ?", [quantity_ids[q.part_of], quantity_ids[index]])
    db["place_mentions"].insert_all(
        {"article_id": article_id, "claim_id": _id(claim_ids, m.claim_index), "place_id": m.place.geonames_id,
         "start": m.start, "end": m.end, "text": m.text, "kind": m.kind}
        for m in record.places
    )
    db["date_mentions"].insert_all(
        {"article_id": article_id, "claim_id": _id(claim_ids, d.claim_index), "start": d.start,
         "end": d.end, "text": d.text, "resolved_start": d.resolved_start, "resolved_end": d.resolved_end,
         "granularity": d.granularity, "kind": d.kind}
        for d in record.dates
    )
    store_signature(db, article_id, record.signature)
    return article_id


def _id(ids: list[int], index: int | None) -> int | None:
    return ids[index] if index is not None else None

