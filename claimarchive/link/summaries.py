"""Each group of the same claim's row of cluster_summaries (its claims, articles, outlets, first appearance and
deepest sources), kept as links change the groups.

A run remembers what it read of a group (``Group``: its claims' articles, outlets and speakers, and its first
appearance), so a group that gains a claim from each new copy of a story is read once in the run, not once for
each copy: a new article's claims are added to it (``grown``), groups that merge are joined. A group the run has
not read, or one an article leaving split, is read whole from the archive (``_read``). Either way the row is
what CLUSTER_SUMMARY (views.py) counts from the group's claims, value for value.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlite_utils

from .terms import remembered

MAX_GROUPS = 20_000  # groups remembered at once by a run (the least recently used go)

# One row per claim of the groups asked for (a claim with several depth-0 attributions counts once for each,
# as CLUSTER_SUMMARY's join does): what the summary counts, worded as it words it.
_MEMBERS = """
select claim_clusters.cluster_id, claims.article_id, lower(coalesce(articles.publisher, articles.original_outlet)),
  coalesce(speakers.source_id, claims.source_id), articles.published,
  case when articles.published is not null then
    articles.published || ' ' || printf('%012d %012d', articles.id, claims.id) end
from claim_clusters
join claims on claims.id = claim_clusters.claim_id
join articles on articles.id = claims.article_id
left join attributions as speakers on speakers.claim_id = claims.id and speakers.depth = 0
where claim_clusters.{column} in ({marks})
"""


@dataclass
class Group:
    """What a group's summary counts: its claims' rows, articles, outlets and speakers, the earliest
    publication date, and the least "published article-id claim-id" of them (the first appearance)."""

    claims: int = 0
    articles: set = field(default_factory=set)
    outlets: set = field(default_factory=set)
    speakers: set = field(default_factory=set)
    published: str | None = None
    first: str | None = None

    def add(self, article_id: int, outlet: str | None, speaker: int | None, published: str | None,
            first: str | None) -> None:
        self.claims += 1
        self.articles.add(article_id)
        if outlet is not None:
            self.outlets.add(outlet)
        if speaker is not None:
            self.speakers.add(speaker)
        self.published, self.first = _least(self.published, published), _least(self.first, first)

    def join(self, other: Group) -> None:
        self.claims += other.claims
        self.articles |= other.articles
        self.outlets |= other.outlets
        self.speakers |= other.speakers
        self.published, self.first = _least(self.published, other.published), _least(self.first, other.first)

    def row(self, cluster_id: int) -> tuple:
        """Its row of cluster_summaries."""
        first_claim = int(self.first[-12:]) if self.first is not None else None
        return (cluster_id, self.claims, len(self.articles), len(self.outlets), self.published, first_claim,
                len(self.speakers))


def _least(one: str | None, other: str | None) -> str | None:
    """SQL's min() of two values, NULL left out (text compared as SQLite compares it: by code point)."""
    return other if one is None or (other is not None and other < one) else one


def _groups(db: sqlite_utils.Database):
    return remembered(db, "groups", MAX_GROUPS)


def _read(db: sqlite_utils.Database, column: str, ids: list[int], chunk: int = 500) -> dict[int, Group]:
    """The groups of these clusters (column ``cluster_id``) or of these claims (``claim_id``), from the archive."""
    found: dict[int, Group] = {}
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        for cluster_id, *values in db.execute(_MEMBERS.format(column=column, marks=",".join("?" * len(part))), part):
            found.setdefault(cluster_id, Group()).add(*values)
    return found


def grown(db: sqlite_utils.Database, before: dict[int, int], changed: dict[int, int]) -> None:
    """Bring the remembered groups up to date after claim_clusters took ``changed`` (claim id → cluster id;
    ``before``: the clusters those claims were in). A group gains the claims that were in no group and the
    groups merged into it; a group it needs that the run has not read is forgotten, to be read whole."""
    groups = _groups(db)
    into: dict[int, list[int]] = {}
    for claim, root in changed.items():
        into.setdefault(root, []).append(claim)
    joining = _read(db, "claim_id", sorted(claim for claim in changed if claim not in before))
    for root, claims in into.items():
        # a root that changed group was in none (a group's id is its smallest claim): else it keeps its group
        merging = {before[c] for c in claims if c in before} - {root}
        parts = [groups.pop(cluster, None) for cluster in merging]
        for cluster in merging:
            groups.keep(cluster, Group())  # gone: its row goes
        base = groups.pop(root, None) if root not in changed else Group()
        if base is None or None in parts:
            continue  # not all of it remembered: read whole when summarised
        for part in parts:
            base.join(part)
        if root in joining:
            base.join(joining[root])
        groups.keep(root, base)


def forget_groups(db: sqlite_utils.Database, cluster_ids: Iterable[int]) -> None:
    """Drop what the run remembers of these groups (claims left them other than by ``grown``)."""
    groups = _groups(db)
    for cluster_id in cluster_ids:
        groups.pop(cluster_id, None)


def summarise(db: sqlite_utils.Database, cluster_ids: Iterable[int], chunk: int = 500) -> None:
    """Bring the groups' rows of cluster_summaries up to date (gone with a group that is gone): from what the run
    remembers of them, else read whole."""
    groups = _groups(db)
    ids = sorted(set(cluster_ids))
    known, missing = groups.get_many(ids)
    read = _read(db, "cluster_id", missing)
    for cluster_id, group in read.items():
        groups.keep(cluster_id, group)
    known.update(read)
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        db.execute(f"delete from cluster_summaries where cluster_id in ({','.join('?' * len(part))})", part)
    db.conn.executemany("insert into cluster_summaries (cluster_id, claims, articles, outlets, first_published, "
                        "first_claim_id, deepest_sources) values (?, ?, ?, ?, ?, ?, ?)",
                        [known[cluster_id].row(cluster_id) for cluster_id in ids
                         if cluster_id in known and known[cluster_id].claims])
