"""Across articles: a new article is linked to what the archive holds.

    find_links(db, article_id) -> Links

Runs in the writer's process, inside the article's own transaction, after its rows are written (it reads
the archive to find candidates; ``store.write_links`` writes what it found). Each kind of link has a module:
``articles`` (copies of the same story: MinHash LSH over word shingles), ``claims`` (the same claim, the
same quote, denials, clusters), ``figures`` (figures that disagree; and later figures for the same count,
claim_links' ``updates``, stored after the claims' own links). None compares all pairs: candidates come from
indexed lookups (LSH buckets, keys, full-text search).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlite_utils

from . import articles, claims, figures


@dataclass
class Links:
    """What linking one article found, as rows for the writer."""

    article_links: list[dict] = field(default_factory=list)  # article_links rows
    claim_links: list[dict] = field(default_factory=list)  # claim_links rows (figures' ``updates`` after the others)
    clusters: dict[int, int] = field(default_factory=dict)  # claim id → cluster id, for each claim whose group changes
    figure_conflicts: list[dict] = field(default_factory=list)  # figure_conflicts rows


def find_links(db: sqlite_utils.Database, article_id: int) -> Links:
    """Every link from the article just written to the rest of the archive."""
    found_articles = articles.links(db, article_id)
    found_claims, clusters = claims.links(db, article_id, found_articles)
    conflicts, updates = figures.links(db, article_id)
    return Links(article_links=found_articles, claim_links=found_claims + updates, clusters=clusters,
                 figure_conflicts=conflicts)
