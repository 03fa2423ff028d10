"""The database: its tables, and the one writer that puts a Record into them.

Each article is written in one transaction: its rows are all there or none are. A file already
archived with the same bytes is left alone; a changed file replaces its article's rows.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

import sqlite_utils

from . import __version__
from .model import Record

# Tables in the order they are created; each: (columns, primary key, foreign keys, not null).
TABLES: dict[str, dict] = {
    "articles": dict(
        columns={"id": int, "path": str, "sha256": str, "size": int, "title": str, "body": str,
                 "published": str, "publisher": str, "original_outlet": str, "author": str, "url": str,
                 "language": str, "format": str, "encoding": str, "metadata_source": str, "raw": str,
                 "extractor": str, "ingested_at": str},
        pk="id", not_null={"path", "sha256", "body"},
    ),
    "article_files": dict(
        columns={"path": str, "article_id": int, "sha256": str, "size": int, "ingested_at": str},
        pk="path", foreign_keys=[("article_id", "articles", "id")], not_null={"article_id", "sha256"},
    ),
    "segments": dict(
        columns={"id": int, "article_id": int, "kind": str, "start": int, "end": int, "text": str},
        pk="id", foreign_keys=[("article_id", "articles", "id")], not_null={"article_id", "kind", "start", "end"},
    ),
    "sources": dict(
        columns={"id": int, "name": str, "kind": str, "key": str},
        pk="id", not_null={"name", "key"},
    ),
    "source_aliases": dict(
        columns={"id": int, "source_id": int, "alias": str},
        pk="id", foreign_keys=[("source_id", "sources", "id")], not_null={"source_id", "alias"},
    ),
    "claims": dict(
        columns={"id": int, "article_id": int, "start": int, "end": int, "text": str, "kind": str,
                 "cue": str, "cue_lemma": str, "cue_start": int, "cue_end": int,
                 "source_text": str, "source_start": int, "source_end": int, "source_resolved": str,
                 "source_id": int, "is_quote": int, "certainty": str, "verification": str, "event_date": str,
                 "sentence_start": int, "sentence_end": int, "origin": str, "status": str,
                 "superseded_by": int, "note": str},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("source_id", "sources", "id"),
                               ("superseded_by", "claims", "id")],
        not_null={"article_id", "start", "end", "kind"},
    ),
    "attributions": dict(
        columns={"id": int, "claim_id": int, "depth": int, "source_id": int, "mention": str,
                 "relation": str, "start": int, "end": int},
        pk="id", foreign_keys=[("claim_id", "claims", "id"), ("source_id", "sources", "id")],
        not_null={"claim_id", "depth"},
    ),
    "quantities": dict(
        columns={"id": int, "article_id": int, "claim_id": int, "start": int, "end": int, "text": str,
                 "value": float, "unit": str, "kind": str, "qualifier": str, "part_of": int},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("claim_id", "claims", "id"),
                               ("part_of", "quantities", "id")],
        not_null={"article_id", "start", "end"},
    ),
    "places": dict(
        columns={"id": int, "name": str, "country": str, "feature": str, "population": int,
                 "latitude": float, "longitude": float},
        pk="id", not_null={"name"},
    ),
    "place_mentions": dict(
        columns={"id": int, "article_id": int, "claim_id": int, "place_id": int, "start": int, "end": int,
                 "text": str},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("claim_id", "claims", "id"),
                               ("place_id", "places", "id")],
        not_null={"article_id", "place_id", "start", "end"},
    ),
    "date_mentions": dict(
        columns={"id": int, "article_id": int, "claim_id": int, "start": int, "end": int, "text": str,
                 "resolved_start": str, "resolved_end": str, "granularity": str},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("claim_id", "claims", "id")],
        not_null={"article_id", "start", "end"},
    ),
}

# Rows of these tables belong to one article and go when it is replaced (children first).
ARTICLE_TABLES = ("date_mentions", "place_mentions", "quantities", "attributions", "claims", "segments")

INDEXES = [
    ("sources", ["key"], True),
    ("source_aliases", ["source_id", "alias"], True),
    ("articles", ["sha256"], False),
    ("articles", ["published"], False),
    ("articles", ["publisher"], False),
    ("claims", ["article_id", "start"], False),
    ("claims", ["kind"], False),
    ("claims", ["cue_lemma"], False),
    ("claims", ["certainty"], False),
    ("claims", ["event_date"], False),
    ("quantities", ["kind", "value"], False),
]

FTS = {"articles": ["title", "body"], "claims": ["text", "source_text"]}


def open_db(path) -> sqlite_utils.Database:
    """The archive at path, created if new, in WAL mode so Datasette can read while ingest writes."""
    db = sqlite_utils.Database(path)
    db.execute("pragma foreign_keys = on")
    if db.journal_mode != "wal":
        db.enable_wal()
    # In WAL mode NORMAL keeps the database consistent when the process is killed at any moment; only an
    # OS crash or power loss can cost the last commits, which a re-run of the ingest puts back.
    db.execute("pragma synchronous = normal")
    ensure_schema(db)
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


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create every table, index, full-text index and view that is missing; views are always renewed."""
    from .views import create_views

    if all(db[name].exists() for name in TABLES):
        create_views(db)  # an archive made by an older version gets today's views
        return
    with db.atomic():
        for name, spec in TABLES.items():
            db[name].create(spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys", []),
                            not_null=spec.get("not_null", set()), if_not_exists=True)
            for column, *_ in spec.get("foreign_keys", []):
                db[name].create_index([column], if_not_exists=True)
        for table, columns, unique in INDEXES:
            db[table].create_index(columns, unique=unique, if_not_exists=True)
        for table, columns in FTS.items():
            if not db[f"{table}_fts"].exists():
                db[table].enable_fts(columns, tokenize="porter", create_triggers=True)
        create_views(db)


def source_key(name: str) -> str:
    """The key that makes two names one source row: lower-case ASCII words without articles."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in {"the", "a", "an"}]
    return " ".join(words)


def archived(db: sqlite_utils.Database, path: str, sha256: str) -> str:
    """What the archive holds for a file: 'unchanged', 'changed' or 'new'."""
    row = db.execute("select sha256 from article_files where path = ?", [path]).fetchone()
    if row is None:
        return "new"
    return "unchanged" if row[0] == sha256 else "changed"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _delete_article(db: sqlite_utils.Database, article_id: int) -> None:
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
    db.execute("delete from articles where id = ?", [article_id])


def _source_id(db: sqlite_utils.Database, name: str, kind: str, aliases: list[str]) -> int:
    key = source_key(name) or name.lower()
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


def write_record(db: sqlite_utils.Database, record: Record) -> str:
    """Store one article and everything found in it, in one transaction. Returns what happened:
    'ingested', 'unchanged', 'replaced' or 'duplicate' (same bytes as an archived article under another path)."""
    article = record.article
    with db.atomic():
        state = archived(db, article.path, article.sha256)
        if state == "unchanged":
            return "unchanged"
        now = _now()
        if state == "changed":
            old_id = db.execute("select article_id from article_files where path = ?", [article.path]).fetchone()[0]
            db.execute("delete from article_files where path = ?", [article.path])
            others = db.execute("select path from article_files where article_id = ? order by path",
                                [old_id]).fetchall()
            if others:  # the old text still stands under another path
                db.execute("update articles set path = ? where id = ?", [others[0][0], old_id])
            else:
                _delete_article(db, old_id)
        same = db.execute("select id from articles where sha256 = ?", [article.sha256]).fetchone()
        if same:
            db["article_files"].insert({"path": article.path, "article_id": same[0], "sha256": article.sha256,
                                        "size": article.size, "ingested_at": now})
            return "duplicate"
        article_id = _insert(db, record, now)
        db["article_files"].insert({"path": article.path, "article_id": article_id, "sha256": article.sha256,
                                    "size": article.size, "ingested_at": now})
        return "replaced" if state == "changed" else "ingested"


def _insert(db: sqlite_utils.Database, record: Record, now: str) -> int:
    article = record.article
    row = {k: getattr(article, k) for k in ("path", "sha256", "size", "title", "body", "published", "publisher",
                                             "original_outlet", "author", "url", "language", "format",
                                             "encoding", "metadata_source", "raw")}
    row.update(extractor=f"claimarchive {__version__}", ingested_at=now)
    article_id = db["articles"].insert(row).last_pk
    body = article.body
    db["segments"].insert_all(
        {"article_id": article_id, "kind": s.kind, "start": s.start, "end": s.end, "text": body[s.start:s.end]}
        for s in record.segments
    )
    source_ids = [_source_id(db, s.name, s.kind, s.aliases) for s in record.sources]
    claim_ids: list[int] = []
    for index, claim in enumerate(record.claims):
        values = {k: v for k, v in vars(claim).items() if k not in ("relays",)}
        values.update(article_id=article_id, is_quote=int(claim.is_quote),
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
    quantity_ids: list[int] = []
    for q in record.quantities:
        quantity_ids.append(db["quantities"].insert({
            "article_id": article_id, "claim_id": _id(claim_ids, q.claim_index),
            "start": q.start, "end": q.end, "text": q.text, "value": q.value, "unit": q.unit, "kind": q.kind,
            "qualifier": q.qualifier}).last_pk)
    for index, q in enumerate(record.quantities):
        if q.part_of is not None:
            db.execute("update quantities set part_of = ? where id = ?", [quantity_ids[q.part_of], quantity_ids[index]])
    for mention in record.places:
        p = mention.place
        db["places"].insert({"id": p.geonames_id, "name": p.name, "country": p.country, "feature": p.feature,
                             "population": p.population, "latitude": p.latitude, "longitude": p.longitude},
                            ignore=True)
    db["place_mentions"].insert_all(
        {"article_id": article_id, "claim_id": _id(claim_ids, m.claim_index), "place_id": m.place.geonames_id,
         "start": m.start, "end": m.end, "text": m.text}
        for m in record.places
    )
    db["date_mentions"].insert_all(
        {"article_id": article_id, "claim_id": _id(claim_ids, d.claim_index), "start": d.start,
         "end": d.end, "text": d.text, "resolved_start": d.resolved_start, "resolved_end": d.resolved_end,
         "granularity": d.granularity}
        for d in record.dates
    )
    return article_id


def _id(ids: list[int], index: int | None) -> int | None:
    return ids[index] if index is not None else None

