"""Which archived claim a fact-check reviews.

1. ``given``: the claim named by hand (a CSV's claim_id).
2. ``url``: an appearance url of the review names an archived article (the same address whatever its scheme,
   ``www.`` and trailing slash): the claim of that article whose words the claim reviewed shares most
   (at least ARTICLE_MIN_SHARED content words, covering ARTICLE_MIN_COVER of the review's).
3. ``text``: the claim reviewed as the across-articles work compares claims (link/claims.py), against a
   shortlist from claims_fts (the SHORTLIST claims sharing most of its telling words): ``same_words`` (the same
   words, however short), ``same_quote``, ``same_claim``, or ``contained`` (its content words, at least four and TEXT_MIN_COVER of them, found in the
   archived claim with the same figures: a fact-check words a claim shorter than the article that carries it).

The best score wins, then the claim archived first. A review matched to a claim of a group (claim_clusters)
reviews the whole group unless its scope is ``claim``. Every lookup is indexed and bounded: linear in reviews.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import sqlite_utils

from ..link.signature import words
from ..link.claims import MIN_SHARED_TERMS, _Claim, _claims, _fetch, _same_claim, _same_quote, telling_words
from ..link.terms import newest_claims

SHORTLIST = 50  # claims compared with one review, those sharing most telling words first
TERM_LIMIT = 500  # claims_fts matches looked at per telling word, the newest first
TEXT_MIN_COVER = 0.7  # `contained`: the share of the review's content words found in the claim (as denials)
ARTICLE_MIN_SHARED = 2  # `url`: in the article the review names, a claim sharing this many content words
ARTICLE_MIN_COVER = 0.5  # and half the review's
MAX_ARTICLES = 20  # articles named by one review's appearances, at most compared


@dataclass
class Match:
    """Where a review stands in the archive: its claim (or None), the article it names, how and how sure."""

    claim_id: int | None
    article_id: int | None
    method: str | None
    score: float | None
    claim_text: str | None = None


def reading(text: str) -> _Claim:
    """The claim reviewed, read as the across-articles work reads a claim (no article, no speaker)."""
    quoted = any(mark in text for mark in '"“”')
    return _Claim(id=0, article_id=0, text=text, is_quote=quoted, denied=False, speaker=None)


def url_variants(url: str) -> list[str]:
    """The spellings of one address an archive may hold: http or https, with or without www. and a trailing
    slash (the fragment dropped)."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower()
    host = host[4:] if host.startswith("www.") else host
    path = parts.path.rstrip("/")
    return sorted({urlunsplit((scheme, h, p, parts.query, "")) for scheme in ("http", "https")
                   for h in (host, "www." + host) for p in (path, path + "/")})


def articles_named(db: sqlite_utils.Database, urls: list[str]) -> list[int]:
    """The archived articles an appearance url names, in the order of the urls (the first appearance first)."""
    found: list[int] = []
    for url in urls:
        variants = url_variants(url)
        for (article_id,) in db.execute(f"select id from articles where url in ({','.join('?' * len(variants))}) "
                                        "order by id", variants):
            if article_id not in found:
                found.append(article_id)
        if len(found) >= MAX_ARTICLES:
            break
    return found[:MAX_ARTICLES]


def compare(review: _Claim, claim: _Claim, loose: bool = False) -> tuple[float, str] | None:
    """(score, method) of the claim reviewed against an archived claim, or None. Loose: the review named the
    claim's article, so fewer words in common are enough."""
    if words(review.text) == words(claim.text):
        return 1.0, "same_words"
    score = _same_quote(review, claim)
    if score:
        return score, "same_quote"
    score = _same_claim(review, claim)
    if score:
        return score, "same_claim"
    if not review.terms or not review.figures <= claim.figures:  # every figure reviewed is the claim's
        return None
    shared = len(review.terms & claim.terms)
    cover = shared / len(review.terms)
    if loose and shared >= ARTICLE_MIN_SHARED and cover >= ARTICLE_MIN_COVER:
        return cover, "contained"
    if shared >= MIN_SHARED_TERMS and cover >= TEXT_MIN_COVER:
        return cover, "contained"
    return None


def best(review: _Claim, candidates: list[_Claim], loose: bool = False) -> tuple[_Claim, float, str] | None:
    """The candidate the review matches best (highest score, then the claim archived first)."""
    scored = []
    for claim in candidates:
        found = compare(review, claim, loose)
        if found:
            scored.append((-found[0], claim.id, claim, found))
    if not scored:
        return None
    _, _, claim, (score, method) = min(scored, key=lambda item: item[:2])
    return claim, round(score, 4), method


def in_articles(db: sqlite_utils.Database, review: _Claim, article_ids: list[int],
                loose: bool = True) -> tuple[_Claim, float, str] | None:
    """The best claim for the review among the current claims of the articles (loose: as for an article the
    review names)."""
    if not article_ids:
        return None
    marks = ",".join("?" * len(article_ids))
    return best(review, _claims(db, f"c.article_id in ({marks})", article_ids), loose)


def shortlist(db: sqlite_utils.Database, review: _Claim) -> list[int]:
    """Ids of the claims sharing most telling words with the review (two at least, when it has two), at most
    SHORTLIST: each word looked up in claims_fts once, its newest TERM_LIMIT matches (bounded however common
    the word), as the across-articles shortlist does."""
    telling = sorted(telling_words(review.text))
    lookups = newest_claims(db, TERM_LIMIT)  # remembered by stem: a file of reviews repeats its words
    hits: Counter = Counter()
    for word in telling:
        hits.update(lookups.matching(word))
    least = min(2, len(telling))
    ranked = sorted((item for item in hits.items() if item[1] >= least), key=lambda item: (-item[1], -item[0]))
    return [claim_id for claim_id, _ in ranked[:SHORTLIST]]


def match(db: sqlite_utils.Database, text: str, urls: list[str]) -> Match:
    """Where a review of this claim text, which appeared at these urls, stands in the archive."""
    review = reading(text)
    named = articles_named(db, urls)
    found = in_articles(db, review, named)
    if found:
        claim, score, _ = found
        return Match(claim.id, claim.article_id, "url", score, claim.text)
    found = best(review, _fetch(db, sorted(shortlist(db, review))))
    if found:
        claim, score, method = found
        return Match(claim.id, claim.article_id, f"text:{method}", score, claim.text)
    return Match(None, named[0] if named else None, None, None)
