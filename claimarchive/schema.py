"""The archive's tables and columns, and how an archive made by an older release is brought up to date.

``TABLES`` is the schema of this release. An archive records its schema version in ``pragma user_version``
(release 0.1.0 recorded none: version 1); ``ensure_schema`` creates a new archive at ``SCHEMA_VERSION`` and
upgrades an older one step by step through ``MIGRATIONS``, inside one write transaction, so two ingests
started at once on the same file never both create or upgrade it.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

import sqlite_utils

SCHEMA_VERSION = 5

# Tables in the order they are created; each: columns, primary key, foreign keys, not null.
TABLES: dict[str, dict] = {
    "articles": dict(
        columns={"id": int, "path": str, "sha256": str, "fingerprint": str, "size": int, "title": str,
                 "body": str, "published": str, "published_source": str, "publisher": str,
                 "original_outlet": str, "author": str, "url": str, "language": str, "format": str,
                 "encoding": str, "metadata_source": str, "raw": str, "extractor": str, "ingested_at": str},
        pk="id", not_null={"path", "sha256", "body"},
    ),
    "article_files": dict(
        columns={"path": str, "article_id": int, "sha256": str, "fingerprint": str, "sidecar_sha256": str,
                 "claims_sha256": str, "size": int, "legacy": int, "ingested_at": str},
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
                 "superseded_by": int, "note": str, "published": str},
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
    "places": dict(
        columns={"id": int, "name": str, "country": str, "feature": str, "population": int,
                 "latitude": float, "longitude": float, "region": str, "name_en": str, "local_name": str},
        pk="id", not_null={"name"},
    ),
    "quantities": dict(
        columns={"id": int, "article_id": int, "claim_id": int, "start": int, "end": int, "text": str,
                 "value": float, "unit": str, "kind": str, "qualifier": str, "part_of": int,
                 "counted": str, "event": str, "place_id": int, "period_start": str, "period_end": str},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("claim_id", "claims", "id"),
                               ("part_of", "quantities", "id"), ("place_id", "places", "id")],
        not_null={"article_id", "start", "end"},
    ),
    "place_mentions": dict(
        columns={"id": int, "article_id": int, "claim_id": int, "place_id": int, "start": int, "end": int,
                 "text": str, "kind": str},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("claim_id", "claims", "id"),
                               ("place_id", "places", "id")],
        not_null={"article_id", "place_id", "start", "end"},
    ),
    "date_mentions": dict(
        columns={"id": int, "article_id": int, "claim_id": int, "start": int, "end": int, "text": str,
                 "resolved_start": str, "resolved_end": str, "granularity": str, "kind": str},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("claim_id", "claims", "id")],
        not_null={"article_id", "start", "end"},
    ),
    # Across articles (schema 3): what an article shares with the others, kept so a new one is linked in
    # milliseconds (its MinHash signature and LSH band buckets), and the links found.
    "article_signatures": dict(
        columns={"article_id": int, "shingles": int, "minhash": bytes},
        pk="article_id", foreign_keys=[("article_id", "articles", "id")], not_null={"shingles", "minhash"},
    ),
    "article_bands": dict(
        columns={"id": int, "article_id": int, "band": int, "bucket": int},
        pk="id", foreign_keys=[("article_id", "articles", "id")], not_null={"article_id", "band", "bucket"},
    ),
    "article_links": dict(
        columns={"id": int, "article_id": int, "other_id": int, "relation": str, "score": float, "method": str},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("other_id", "articles", "id")],
        not_null={"article_id", "other_id", "relation"},
    ),
    "claim_links": dict(
        columns={"id": int, "claim_id": int, "other_id": int, "relation": str, "score": float, "method": str},
        pk="id", foreign_keys=[("claim_id", "claims", "id"), ("other_id", "claims", "id")],
        not_null={"claim_id", "other_id", "relation"},
    ),
    "claim_clusters": dict(
        columns={"claim_id": int, "cluster_id": int},
        pk="claim_id", foreign_keys=[("claim_id", "claims", "id")], not_null={"cluster_id"},
    ),
    "figure_conflicts": dict(
        columns={"id": int, "quantity_id": int, "other_quantity_id": int, "kind": str, "place_id": int,
                 "period_start": str, "period_end": str, "value": float, "other_value": float, "source": str,
                 "other_source": str},
        pk="id", foreign_keys=[("quantity_id", "quantities", "id"), ("other_quantity_id", "quantities", "id"),
                               ("place_id", "places", "id")],
        not_null={"quantity_id", "other_quantity_id"},
    ),
    # Per group of the same claim (schema 5): its counts, kept as its links change (link/clusters.py summarise), read
    # by the view claim_cluster_summary; derived rows, recomputed with their group (so no foreign keys).
    "cluster_summaries": dict(
        columns={"cluster_id": int, "claims": int, "articles": int, "outlets": int, "first_published": str,
                 "first_claim_id": int, "deepest_sources": int},
        pk="cluster_id", not_null={"claims", "articles", "outlets", "deepest_sources"},
    ),
    # Fact-checks (schema 4): a verdict on a claim (or on every claim of its group), imported from ClaimReview
    # or CSV, matched to the archive; kept whatever happens to the articles (claimarchive/reviews/).
    "reviews": dict(
        columns={"id": int, "key": str, "status": str, "claim_id": int, "scope": str, "article_id": int,
                 "method": str, "score": float, "claim_reviewed": str, "claim_author": str,
                 "claim_author_type": str, "claim_date": str, "appearances": str, "rating_value": float,
                 "best_rating": float, "worst_rating": float, "rating_name": str, "rated_false": int,
                 "reviewer": str, "reviewer_url": str, "url": str, "review_date": str, "note": str,
                 "claim_text": str, "orphaned_from": str, "file": str, "imported_at": str},
        pk="id", foreign_keys=[("claim_id", "claims", "id"), ("article_id", "articles", "id")],
        not_null={"key", "status", "scope", "claim_reviewed"},
    ),
}

# Rows of these tables belong to one article and go when it is replaced (children first).
ARTICLE_TABLES = ("date_mentions", "place_mentions", "quantities", "attributions", "claims", "segments")
# Rows that point at an article's rows from across articles: (table, column, the table it points into).
# They go with the article (both ends of a link), before its own rows.
LINK_COLUMNS = (
    ("claim_clusters", "claim_id", "claims"),
    ("claim_links", "claim_id", "claims"), ("claim_links", "other_id", "claims"),
    ("figure_conflicts", "quantity_id", "quantities"), ("figure_conflicts", "other_quantity_id", "quantities"),
    ("article_links", "article_id", "articles"), ("article_links", "other_id", "articles"),
    ("article_bands", "article_id", "articles"), ("article_signatures", "article_id", "articles"),
)

INDEXES = [
    ("sources", ["key"], True),
    ("source_aliases", ["source_id", "alias"], True),
    ("articles", ["sha256"], False),
    ("articles", ["fingerprint"], False),
    ("articles", ["published"], False),
    ("articles", ["publisher"], False),
    ("claims", ["article_id", "start"], False),
    # a source's claims newest first, read from the index in that order (claims_of_source); published is the
    # article's, copied onto its claims (schema 5), and status makes the index cover the query's filter
    ("claims", ["source_id", "published desc", "start", "status"], False),
    ("claims", ["kind"], False),
    ("claims", ["cue_lemma"], False),
    ("claims", ["certainty"], False),
    ("claims", ["event_date"], False),
    ("quantities", ["kind", "place_id", "value"], False),  # a kind's figures by place, then value (figures_by_kind)
    ("quantities", ["event", "counted", "period_start", "place_id", "period_end"], False),  # the same count
    ("places", ["country", "feature"], False),
    ("places", ["name"], False),  # places in name order (figures_by_kind), a place by its name
    # a place's mentions, and those worded like a name (`text like :place`, any case), each with its claim, from
    # the index alone (claims_about_place)
    ("place_mentions", ["place_id", "claim_id"], False),
    ("place_mentions", ["text collate nocase", "place_id", "claim_id"], False),
    ("article_bands", ["band", "bucket", "article_id"], False),  # covering: an LSH lookup reads no table row
    ("article_links", ["article_id", "other_id"], True),
    ("claim_links", ["claim_id", "other_id", "relation"], True),  # a pair may be the same claim and an update
    ("claim_links", ["relation"], False),
    ("claim_clusters", ["cluster_id"], False),
    ("cluster_summaries", ["deepest_sources", "outlets desc"], False),  # repeated_from_one_source, most outlets first
    ("figure_conflicts", ["quantity_id", "other_quantity_id"], True),
    # a place's conflicting figures in the order listed (figures_that_disagree)
    ("figure_conflicts", ["place_id", "kind", "period_start", "quantity_id", "other_quantity_id"], False),
    ("articles", ["url"], False),  # a review's appearance names an article by its url
    ("reviews", ["key"], True),
    ("reviews", ["status"], False),
    ("reviews", ["orphaned_from"], False),
]

FTS = {"articles": ["title", "body"], "claims": ["text", "source_text"]}


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One transaction that holds the write lock from its start (BEGIN IMMEDIATE), so that two writers wait
    for each other instead of failing on a lock upgrade; committed at the end, rolled back on any error."""
    db.execute("begin immediate")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.execute("rollback")
        raise
    db.execute("commit")


class SchemaError(Exception):
    """A database this release cannot write into: not an archive, or made by a newer release."""


def _add_columns(db: sqlite_utils.Database, table: str, names: list[str]) -> None:
    """Add the columns of TABLES[table] named, where missing, with their foreign keys (sqlite-utils'
    add_column) and an index on each foreign key."""
    existing = set(db[table].columns_dict)
    references = {column: other for column, other, _ in TABLES[table].get("foreign_keys", [])}
    for name in names:
        if name not in existing:
            db[table].add_column(name, TABLES[table]["columns"][name], fk=references.get(name))
            if name in references:
                db[table].create_index([name], if_not_exists=True)


def _v1_to_v2(db: sqlite_utils.Database) -> None:
    """Release 0.2.0: a file's identity is its path against the archive's folder, and everything that feeds
    an article (its sidecar and curated claims too) is fingerprinted. Release 0.1.0 named a file relative to
    the folder it was walked from: those rows are marked legacy until a file claims them by name and bytes."""
    _add_columns(db, "articles", ["fingerprint", "published_source"])
    _add_columns(db, "article_files", ["fingerprint", "sidecar_sha256", "claims_sha256", "legacy"])
    db.execute("update article_files set legacy = 1")
    db["articles"].create_index(["fingerprint"], if_not_exists=True)


def _v2_to_v3(db: sqlite_utils.Database) -> None:
    """Across articles: the quantities say what they count, where and when; the tables that link articles,
    claims and figures across the archive are created (and filled as articles are ingested), and every
    archived article gets its signature (from its stored segments), so the articles ingested next find their
    copies among it."""
    from .link.signature import sign_archived

    _add_columns(db, "quantities", ["counted", "event", "place_id", "period_start", "period_end"])
    new = [name for name in TABLES if name not in db.table_names()]
    _create(db, new)
    sign_archived(db)


def _v3_to_v4(db: sqlite_utils.Database) -> None:
    """Release 0.3.0: fact-checks (the reviews table, with its indexes, and one on articles.url that finds the
    article a review's appearance names, created empty); a foreign key that another index already finds loses its
    own index (each index costs every insert), and the LSH buckets' index holds the article too. Places, dates and
    figures: a place's first-level region and its English and local names, a mention's kind (a place, or a demonym
    linked to its country), a date expression's kind (a date, a duration or a set). The mentions archived before
    were all places and dates; their places gain a region, names, and countries their own point when their articles
    are extracted again (``--reextract``)."""
    _create(db, [name for name in ("reviews",) if name not in db.table_names()])
    db.execute("drop index if exists idx_article_bands_band_bucket")  # now (band, bucket, article_id)
    _drop_covered(db)
    _add_columns(db, "places", ["region", "name_en", "local_name"])
    _add_columns(db, "place_mentions", ["kind"])
    _add_columns(db, "date_mentions", ["kind"])
    db.execute("update place_mentions set kind = 'place' where kind is null")
    db.execute("update date_mentions set kind = 'date' where kind is null")


def _v4_to_v5(db: sqlite_utils.Database) -> None:
    """Release 0.4.0, serving at size: each claim carries its article's publication date (claims.published), so
    that a source's claims come newest first from an index; each group of the same claim has its counts kept
    (cluster_summaries, filled here from the groups archived), so that groups are listed by them from an index;
    figures are indexed by kind, place and value, places by name, place mentions by place and by their text in any
    case (with their claim), figures that disagree by place in the order listed. The indexes that the new ones lead
    with the same column go: claims.source_id's, place_mentions.place_id's, figure_conflicts.place_id's and
    figures' (kind, value)."""
    from .views import CLUSTER_SUMMARY

    _add_columns(db, "claims", ["published"])
    db.execute("update claims set published = (select published from articles where articles.id = claims.article_id)")
    _create(db, [name for name in ("cluster_summaries",) if name not in db.table_names()])
    db.execute("delete from cluster_summaries")  # (an archive of release 0.2 gained it empty, with its groups)
    db.execute("insert into cluster_summaries (cluster_id, claims, articles, outlets, first_published, "
               "first_claim_id, deepest_sources) " + CLUSTER_SUMMARY.format(where=""))
    db.execute("drop index if exists idx_quantities_kind_value")  # now (kind, place_id, value)
    _drop_covered(db)
    before = set(_index_names(db))
    for table, columns, unique in INDEXES:
        _create_index(db, table, columns, unique)
    if db["sqlite_stat1"].exists():  # the planner's statistics for the new indexes, as the last ANALYZE has the others'
        for name in sorted(set(_index_names(db)) - before):
            db.execute(f"analyze [{name}]")


def _index_names(db: sqlite_utils.Database) -> list[str]:
    return [name for (name,) in db.execute("select name from sqlite_master where type = 'index'")]


# MIGRATIONS[n] brings an archive from version n to n + 1.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4,
                                                                   4: _v4_to_v5}


def schema_version(db: sqlite_utils.Database) -> int:
    """The archive's schema version: 0 for an empty database, 1 for release 0.1.0 (which set none)."""
    version = db.execute("pragma user_version").fetchone()[0]
    if version:
        return version
    return 1 if db["articles"].exists() else 0


def _check_is_archive(db: sqlite_utils.Database, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaError(f"made by a newer release of Claim Archive (schema {version}; this release knows "
                          f"{SCHEMA_VERSION}): upgrade claimarchive to write into it")
    if version == 0:
        others = [name for name in db.table_names() if not name.startswith("sqlite_")]
        if others:
            raise SchemaError(f"an SQLite database that is not a claim archive (it has tables "
                              f"{', '.join(others[:5])}{', ...' if len(others) > 5 else ''}): not written into")


def _covered(table: str, column: str) -> bool:
    """Whether a column is already found by an index: it is the primary key, or leads one of INDEXES (a
    foreign key needs no index of its own then, and each index costs every insert)."""
    return column == TABLES[table]["pk"] or any(t == table and columns[0].split()[0] == column
                                                for t, columns, _ in INDEXES)


def _drop_covered(db: sqlite_utils.Database) -> None:
    """Drop each foreign key's own index that one of INDEXES now covers (each index costs every insert)."""
    for table, spec in TABLES.items():
        for column, *_ in spec.get("foreign_keys", []):
            if _covered(table, column) and table in db.table_names():
                db.execute(f"drop index if exists [idx_{table}_{column}]")


def _create_index(db: sqlite_utils.Database, table: str, columns: list[str], unique: bool) -> None:
    """One of INDEXES, unless it is there or a column it needs is not (yet: an older archive gains it in a later
    step). A column may carry its order or collation ("published desc", "text collate nocase"); the index is
    named by its columns, as sqlite-utils names one."""
    names = [column.split()[0] for column in columns]
    if not set(names) <= set(db[table].columns_dict):
        return
    spec = ", ".join(f"[{name}]{column[len(name):]}" for name, column in zip(names, columns, strict=True))
    db.execute(f"create {'unique ' if unique else ''}index if not exists [idx_{table}_{'_'.join(names)}] "
               f"on [{table}] ({spec})")


def _create(db: sqlite_utils.Database, names: list[str] | None = None) -> None:
    """Create the tables named (all by default), an index for each foreign key that no other index covers,
    and the indexes and full-text indexes that are missing."""
    for name in names if names is not None else TABLES:
        spec = TABLES[name]
        db[name].create(spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys", []),
                        not_null=spec.get("not_null", set()), if_not_exists=True)
        for column, *_ in spec.get("foreign_keys", []):
            if not _covered(name, column):
                db[name].create_index([column], if_not_exists=True)
    for table, columns, unique in INDEXES:
        _create_index(db, table, columns, unique)
    for table, columns in FTS.items():
        if not db[f"{table}_fts"].exists():
            db[table].enable_fts(columns, tokenize="porter", create_triggers=True)


def ensure_schema(db: sqlite_utils.Database) -> int:
    """Create a new archive, or upgrade an older one, to SCHEMA_VERSION, and renew views that are not today's.
    Returns the version the archive had before (0 when it was new). Raises SchemaError for a database this
    release cannot write into."""
    from .views import create_views, views_current

    version = schema_version(db)
    _check_is_archive(db, version)
    if version == SCHEMA_VERSION and views_current(db):
        return version
    with write_transaction(db):  # waits for another ingest doing the same, then looks again
        version = schema_version(db)
        _check_is_archive(db, version)
        if version == 0:
            _create(db)
        else:
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](db)
        db.execute(f"pragma user_version = {SCHEMA_VERSION}")
        create_views(db)
    return version
