"""`ingest.py export claimreview`: ClaimReview JSON-LD for every review on an archived claim.

Each review becomes one ClaimReview with the properties Google's fact-check markup asks for (required:
claimReviewed, reviewRating with its alternateName, url; recommended: author, datePublished, itemReviewed, a
Claim with its author, datePublished, appearance and firstAppearance; the Rating's ratingValue, bestRating,
worstRating and name). Its ``appearance`` is every archived article carrying the claim (every claim of its group
in claim_clusters, unless the review's scope is the claim alone) — url, headline, date and publisher — then the
appearance urls the review gave that no archived article has; ``firstAppearance`` is the earliest dated article.
"""
from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

from ..link.clusters import members
from .match import url_variants

REQUIRED = ("url", "rating_name")  # the review's columns behind Google's required url and Rating.alternateName
_ARTICLES = ("select id, url, title, published, coalesce(publisher, original_outlet) from articles where id in ({}) "
             "order by published is null, published, id")


def _number(value: float | None):
    return int(value) if value is not None and float(value).is_integer() else value


def _pruned(node: dict) -> dict:
    """The node without its empty properties."""
    return {key: value for key, value in node.items() if value not in (None, [], {}, "")}


def _work(url, title, published, publisher) -> dict:
    return _pruned({"@type": "CreativeWork", "url": url, "headline": title, "datePublished": published,
                    "publisher": _pruned({"@type": "Organization", "name": publisher}) if publisher else None})


def _speaker(db: sqlite_utils.Database, claim_id: int) -> dict | None:
    """The claim's speaker as a Person or an Organization: its depth-0 source, else its source."""
    row = db.execute("select s.name, s.kind from claims c join sources s on s.id = coalesce("
                     "(select a.source_id from attributions a where a.claim_id = c.id and a.depth = 0), c.source_id) "
                     "where c.id = ?", [claim_id]).fetchone()
    if not row:
        return None
    return {"@type": "Person" if row[1] == "person" else "Organization", "name": row[0]}


def claim_review(db: sqlite_utils.Database, row: dict) -> dict:
    """The ClaimReview of one reviews row (on a claim)."""
    claims = members(db, row["claim_id"]) if row["scope"] == "cluster" else [row["claim_id"]]
    article_ids = sorted({r[0] for r in db.execute(
        f"select article_id from claims where id in ({','.join('?' * len(claims))})", claims)})
    articles = db.execute(_ARTICLES.format(",".join("?" * len(article_ids))), article_ids).fetchall()
    appearance = [_work(*article[1:]) for article in articles]
    archived = {variant for article in articles if article[1] for variant in url_variants(article[1])}
    appearance += [_work(url, None, None, None) for url in json.loads(row["appearances"] or "[]")
                   if not archived & set(url_variants(url))]
    dated = [article for article in articles if article[3]]
    first = _work(*dated[0][1:]) if dated else None
    author = ({"@type": row["claim_author_type"] or "Person", "name": row["claim_author"]} if row["claim_author"]
              else _speaker(db, row["claim_id"]))
    claim = _pruned({"@type": "Claim", "author": author, "datePublished": row["claim_date"] or (dated[0][3] if dated else None),
                     "appearance": appearance, "firstAppearance": first})
    rating = _pruned({"@type": "Rating", "ratingValue": _number(row["rating_value"]),
                      "bestRating": _number(row["best_rating"]), "worstRating": _number(row["worst_rating"]),
                      "alternateName": row["rating_name"], "name": row["rating_name"],
                      "ratingExplanation": row["note"]})
    reviewer = _pruned({"@type": "Organization", "name": row["reviewer"], "url": row["reviewer_url"]}) \
        if row["reviewer"] else None
    return _pruned({"@context": "https://schema.org", "@type": "ClaimReview", "url": row["url"],
                    "claimReviewed": row["claim_reviewed"], "datePublished": row["review_date"], "author": reviewer,
                    "reviewRating": rating, "itemReviewed": claim})


def reviewed(db: sqlite_utils.Database) -> list[dict]:
    """Every review on an archived claim, as a reviews row, in the order imported."""
    cursor = db.execute("select * from reviews where status = 'matched' and claim_id is not null order by id")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor]


def missing(row: dict) -> list[str]:
    """Google's required properties the review cannot fill."""
    names = {"url": "url", "rating_name": "reviewRating.alternateName"}
    return [names[column] for column in REQUIRED if not row[column]]


def export(db: sqlite_utils.Database, out: Path | None) -> tuple[list[dict], list[str]]:
    """Every ClaimReview (written to out/claimreview-ID.json when out is given), and a warning for each that
    lacks a property Google requires."""
    documents, warnings = [], []
    for row in reviewed(db):
        document = claim_review(db, row)
        documents.append(document)
        lacking = missing(row)
        if lacking:
            warnings.append(f"review {row['id']} has no {' and no '.join(lacking)} (required by Google's fact-check "
                            f"markup)")
        if out is not None:
            (out / f"claimreview-{row['id']}.json").write_text(
                json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return documents, warnings
