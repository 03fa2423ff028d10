"""Groups of the same claim (claim_clusters): the connected components of same_claim and same_quote links,
each named by its smallest claim id, kept up to date one article at a time.

A new article's links merge the groups they touch (``merged``); when an article goes, the groups its claims
were in are recomputed from the links left (``split_clusters``): only those groups, never the archive. Either way
the groups changed get their row of cluster_summaries again (``summarise``).
"""
from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import sqlite_utils

from . import summaries
from .terms import forget

CLUSTER_RELATIONS = ("same_claim", "same_quote")  # the links that make two claims one claim
_IN_CLUSTER = "relation in ('same_claim', 'same_quote')"


class _Groups:
    """Union-find over claim ids."""

    def __init__(self):
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def join(self, one: int, other: int) -> None:
        a, b = self.find(one), self.find(other)
        if a != b:
            self.parent[max(a, b)] = min(a, b)  # the root is always the smallest id

    def components(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for item in self.parent:
            out.setdefault(self.find(item), []).append(item)
        return out


def members(db: sqlite_utils.Database, claim_id: int) -> list[int]:
    """Every claim in the group of this claim (just itself when it is in none)."""
    cluster_id = _clusters_of(db, [claim_id]).get(claim_id)
    return [claim_id] if cluster_id is None else _members_of(db, cluster_id)


def merged(db: sqlite_utils.Database, links: Iterable[dict]) -> dict[int, int]:
    """claim id → cluster id for every claim whose group new links (not yet written) make or change: the
    claims that join a group, and the members of a group merged into one with a smaller id.

    The groups themselves are joined, not their members: a claim stands for its cluster (named by its smallest
    claim), and only a cluster that takes another's name has its members read."""
    joining = [(link["claim_id"], link["other_id"]) for link in links if link["relation"] in CLUSTER_RELATIONS]
    cluster_of = _clusters_of(db, sorted({claim for pair in joining for claim in pair}))
    groups = _Groups()
    for one, other in joining:
        groups.join(cluster_of.get(one, one), cluster_of.get(other, other))
    clusters, changed = set(cluster_of.values()), {}
    for root, nodes in groups.components().items():
        for node in nodes:
            if node not in clusters:
                changed[node] = root  # a claim in no group yet joins one
            elif node != root:
                changed.update((member, root) for member in _members_of(db, node))
    return changed


def _clusters_of(db: sqlite_utils.Database, claim_ids: list[int], chunk: int = 500) -> dict[int, int]:
    """claim id → cluster id, for the claims that are in a group."""
    found: dict[int, int] = {}
    for start in range(0, len(claim_ids), chunk):
        part = claim_ids[start:start + chunk]
        found.update(db.execute(f"select claim_id, cluster_id from claim_clusters where claim_id in "
                                f"({','.join('?' * len(part))})", part).fetchall())
    return found


def _members_of(db: sqlite_utils.Database, cluster_id: int) -> list[int]:
    return [r[0] for r in db.execute("select claim_id from claim_clusters where cluster_id = ?", [cluster_id])]


def clusters_of_article(db: sqlite_utils.Database, article_id: int) -> list[int]:
    """The groups the article's claims are in."""
    return [r[0] for r in db.execute(
        "select distinct cluster_id from claim_clusters where claim_id in (select id from claims where article_id = ?) "
        "order by cluster_id", [article_id])]


def split_clusters(db: sqlite_utils.Database, cluster_ids: list[int]) -> None:
    """Recompute the groups named from the claims and links left in them: a group a departed claim held
    together splits, each part named by its smallest claim, and a claim left with no link leaves; their summaries
    are brought up to date."""
    changed: set[int] = set()
    for cluster_id in cluster_ids:
        left = [r[0] for r in db.execute("select claim_id from claim_clusters where cluster_id = ?", [cluster_id])]
        groups = _Groups()
        for claim in left:
            groups.find(claim)
        # a group's links join its own claims only: those from its claims are all of them
        for one, other in db.execute(f"select l.claim_id, l.other_id from claim_clusters k join claim_links l on "
                                     f"l.claim_id = k.claim_id where k.cluster_id = ? and l.{_IN_CLUSTER}",
                                     [cluster_id]):
            groups.join(one, other)
        for root, group in groups.components().items():
            if len(group) == 1:
                db.execute("delete from claim_clusters where claim_id = ?", group)
            elif root != cluster_id:
                db.conn.executemany("update claim_clusters set cluster_id = ? where claim_id = ?",
                               [(root, claim) for claim in group])
            changed.add(root)
    summaries.forget_groups(db, changed | set(cluster_ids))  # to be read again, as they are now
    _summarise_then(db, changed | set(cluster_ids))


def write_clusters(db: sqlite_utils.Database, changed: dict[int, int]) -> None:
    """Store the groups that new links give claims (``merged``: claim id → cluster id), and the summaries of the
    groups those claims leave and join."""
    if not changed:
        return
    before = _clusters_of(db, sorted(changed))
    db.conn.executemany("insert or replace into claim_clusters (claim_id, cluster_id) values (?, ?)",
                        list(changed.items()))
    summaries.grown(db, before, changed)
    _summarise_then(db, set(before.values()) | set(changed.values()))


_DEFERRED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # connection → groups to summarise at the end


@contextmanager
def summaries_deferred(db: sqlite_utils.Database) -> Iterator[None]:
    """Within it (a batch of articles written in one transaction), the groups that links change are summarised
    once, at its end, not after each article: a wire story's groups gain a claim from each of its copies in the
    batch. Nothing is summarised when it ends by an error (the transaction around it is rolled back)."""
    if db in _DEFERRED:  # already deferred, by a batch around this one
        yield
        return
    _DEFERRED[db] = set()
    try:
        yield
        summarise(db, _DEFERRED[db])
    except BaseException:
        forget(db)  # what the run remembers of the groups is what the rolled-back batch made them
        raise
    finally:
        _DEFERRED.pop(db, None)


def _summarise_then(db: sqlite_utils.Database, cluster_ids: set[int]) -> None:
    """Summarise the groups now, or at the end of the batch when summaries are deferred."""
    pending = _DEFERRED.get(db)
    if pending is None:
        summarise(db, cluster_ids)
    else:
        pending.update(cluster_ids)


def summarise(db: sqlite_utils.Database, cluster_ids: Iterable[int]) -> None:
    """Bring the groups' rows of cluster_summaries up to date (summaries.py)."""
    summaries.summarise(db, cluster_ids)
