"""Copies of the same story (article_links): MinHash LSH over word shingles of the article's own text.

Candidates are the articles that share an LSH bucket with the new one in any band (an indexed lookup on
article_bands(band, bucket, article_id), which covers it); each is then scored from the two stored signatures.
What a pair is called:

- ``updated``: the same url or the same publisher carries a later version that differs by edits;
- ``republished``: another publisher or original outlet carries the same text;
- ``near_duplicate``: almost all text shared, and nothing says who carries it;
- ``shares_text``: a large part of the smaller text is in the larger (a story built on another's paragraphs).
"""
from __future__ import annotations

from functools import lru_cache

import numpy
import sqlite_utils

from .signature import values_of
from .terms import remembered

# A copy: at least 35 % of the two texts' shingles in common (five-word shingles, so an edited sentence loses
# only the shingles around each edit). A wire story trimmed, re-headlined and with its last paragraph replaced
# kept 47 % in our corpus; two reports of one event in their own words share 2 to 4 % (a quote, a name), ten
# times less, well beyond the estimate's error (±0.045).
COPY_JACCARD = 0.35
# Or a trimmed or extended copy: half of the smaller text's shingles are in the larger one.
COPY_CONTAINMENT = 0.5
# Almost all text shared: beyond this, one or two sentences differ.
NEAR_DUPLICATE_JACCARD = 0.9
# A large part shared: a quarter of the smaller text's shingles are in the larger (a few paragraphs of one
# story pasted into another); the reports of one event in their own words share 5 to 7 %.
SHARES_CONTAINMENT = 0.25
METHOD = "minhash-lsh"  # scored by the estimated Jaccard of the shingle sets
METHOD_CONTAINMENT = "minhash-lsh-containment"  # scored by the estimated containment of the smaller set

MAX_SIGNATURES = 20_000  # archived articles' signatures a run remembers at once (about 0.7 kB each)

_META = "select id, publisher, original_outlet, url, published from articles where id = ?"


def links(db: sqlite_utils.Database, article_id: int) -> list[dict]:
    """article_links rows from the article to the archived articles whose text it largely shares."""
    mine = db.execute("select shingles, minhash from article_signatures where article_id = ?", [article_id]).fetchone()
    if mine is None:
        return []
    meta = db.execute(_META, [article_id]).fetchone()
    candidates = _candidates(db, article_id)
    if not candidates:
        return []
    signatures = numpy.stack([values for *_, values in candidates])  # every candidate scored at once
    jaccards = (signatures == values_of(mine[1])).mean(axis=1)
    found = []
    for (other, other_size, _), jaccard in zip(candidates, jaccards.tolist(), strict=True):
        link = _link(meta, other, jaccard, _containment(jaccard, mine[0], other_size))
        if link:
            found.append(link)
    return found


def _candidates(db: sqlite_utils.Database, article_id: int) -> list[tuple]:
    """((id, publisher, original_outlet, url, published), shingles, MinHash values) of every other article
    sharing a bucket with this one in some band, in id order. What is read is remembered for the run: the
    copies of a story are candidates again for each new copy."""
    ids = [row[0] for row in db.execute(
        "select distinct other.article_id from article_bands mine join article_bands other"
        " on other.band = mine.band and other.bucket = mine.bucket"
        " where mine.article_id = ? and other.article_id != ? order by other.article_id",
        [article_id, article_id])]
    by_id = remembered(db, "article signature", MAX_SIGNATURES)
    found, missing = by_id.get_many(ids)
    for start in range(0, len(missing), 500):
        part = missing[start:start + 500]
        for *other, shingles, minhash in db.execute(
                "select a.id, a.publisher, a.original_outlet, a.url, a.published, s.shingles, s.minhash "
                f"from article_signatures s join articles a on a.id = s.article_id where s.article_id in "
                f"({','.join('?' * len(part))})", part):
            found[other[0]] = (tuple(other), shingles, values_of(minhash))
            by_id.keep(other[0], found[other[0]])
    return [found[other] for other in ids if other in found]


def _containment(jaccard: float, size: int, other_size: int) -> float:
    """The estimated share of the smaller set's shingles that the larger holds: |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    return min(1.0, jaccard * (size + other_size) / (1 + jaccard) / min(size, other_size))


@lru_cache(maxsize=10_000)
def _folded(value: str) -> str:
    """A publisher, outlet or url as compared (the same few come back with every copy)."""
    return value.strip().casefold()


def _same(one, other) -> bool:
    return bool(one) and bool(other) and _folded(one) == _folded(other)


def _differ(one, other) -> bool:
    return bool(one) and bool(other) and not _same(one, other)


def _relation(meta, other, jaccard: float, copy: bool) -> str:
    """What the pair is, from the two articles' url, publisher and original outlet."""
    _, publisher, outlet, url, _ = meta
    _, other_publisher, other_outlet, other_url, _ = other
    if copy and (_same(url, other_url) or _same(publisher, other_publisher)) and jaccard < 1.0:
        return "updated"
    if copy and (_differ(publisher, other_publisher) or _differ(outlet, other_outlet)):
        return "republished"
    return "near_duplicate" if jaccard >= NEAR_DUPLICATE_JACCARD else "shares_text"


def _link(meta, other, jaccard: float, containment: float) -> dict | None:
    """The article_links row for a scored pair (the smaller id first), or None when they are no copies."""
    by_jaccard = jaccard >= COPY_JACCARD
    copy = by_jaccard or containment >= COPY_CONTAINMENT
    if not copy and containment < SHARES_CONTAINMENT:
        return None
    return {"article_id": min(meta[0], other[0]), "other_id": max(meta[0], other[0]),
            "relation": _relation(meta, other, jaccard, copy), "score": round(jaccard if by_jaccard else containment, 4),
            "method": METHOD if by_jaccard else METHOD_CONTAINMENT}
