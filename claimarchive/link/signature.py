"""An article's MinHash signature and its LSH band buckets: a pure function of its text, computed in the worker.

The text is the article's own words: its headline and paragraph segments. Furniture, credits, bylines and
datelines are the page's, not the story's; captions are left out too, because a republisher keeps, drops or
replaces the photos (so captions lower the similarity of real copies) and unrelated stories that reuse one
agency photo share its caption word for word.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
import numpy

from ..model import Signature

SIGNED_KINDS = ("headline", "paragraph")
# Five-word shingles: long enough that two stories on the same event in their own words share almost none
# (names and set phrases like "the Office for the Coordination of Humanitarian Affairs" are one or two shingles in hundreds),
# short enough that an edited sentence still shares most of its shingles with the original.
SHINGLE_WORDS = 5
NUM_PERM = 128  # MinHash values: the estimated Jaccard's standard error is at most 0.045 (sqrt(0.25 / 128))
SEED = 1  # fixed: every signature in every archive must come from the same permutations
SCHEME = "affine32"  # datasketch 2.0's default, written down: signatures of another scheme cannot be compared
# 40 bands of 2 values (80 of the 128): two texts become candidates with probability 1 - (1 - J^2)^40: 0.995
# at J = 0.35 (the lowest Jaccard of a copy), 0.73 at J = 0.18 (a third of one text reused in another of the
# same size), 0.05 at J = 0.035 (two reports of one event in their own words) and 4e-4 at J = 0.003 (unrelated
# news), so a new article meets a few dozen chance candidates among 100,000, each scored in microseconds.
BANDS, ROWS = 40, 2
# Fewer shingles than this (a text of under about 25 words) is no story to call a copy: it gets a signature
# but no bands, so it is never linked.
MIN_SHINGLES = 20

WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The text's words, case-folded and compatibility-normalised (curly and straight apostrophes alike)."""
    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text_words: list[str]) -> set[str]:
    """The distinct runs of SHINGLE_WORDS words (the whole text when it is shorter)."""
    if len(text_words) <= SHINGLE_WORDS:
        return {" ".join(text_words)} if text_words else set()
    return {" ".join(text_words[i:i + SHINGLE_WORDS]) for i in range(len(text_words) - SHINGLE_WORDS + 1)}


def new_minhash(values=None):
    """A MinHash of this archive's permutations (empty, or holding stored values)."""
    from datasketch.minhash import MinHash

    if values is None:
        return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    return MinHash(seed=SEED, scheme=SCHEME, hashvalues=values)


def values_of(minhash: bytes) -> numpy.ndarray:
    return numpy.frombuffer(minhash, dtype="<u4")


def band_buckets(values: numpy.ndarray) -> list[int]:
    """One bucket per band: a 64-bit hash of the band's values, signed so SQLite stores it as an integer."""
    raw = values.astype("<u4").tobytes()
    size = ROWS * 4
    return [int.from_bytes(hashlib.blake2b(raw[b * size:(b + 1) * size], digest_size=8).digest(), "little",
                           signed=True) for b in range(BANDS)]


def signature(body: str, segments) -> Signature | None:
    """The signature of an article's headline and paragraphs; None when they hold no word."""
    text_words = [w for s in segments if s.kind in SIGNED_KINDS for w in words(body[s.start:s.end])]
    found = shingles(text_words)
    if not found:
        return None
    minhash = new_minhash()
    minhash.update_batch(s.encode("utf-8") for s in sorted(found))
    values = minhash.hashvalues.astype("<u4")
    return Signature(shingles=len(found), minhash=values.tobytes(),
                     buckets=band_buckets(values) if len(found) >= MIN_SHINGLES else [])


def store_signature(db, article_id: int, found: Signature | None) -> None:
    """Write an article's signature and its LSH buckets (article_signatures, article_bands)."""
    if found is None:
        return
    db["article_signatures"].insert({"article_id": article_id, "shingles": found.shingles, "minhash": found.minhash})
    db["article_bands"].insert_all({"article_id": article_id, "band": band, "bucket": bucket}
                                   for band, bucket in enumerate(found.buckets))


def sign_archived(db) -> None:
    """Sign every archived article that has no signature, from its stored body and segments (an upgrade)."""
    from ..model import Segment

    for article_id, body in db.execute("select id, body from articles where id not in "
                                       "(select article_id from article_signatures) order by id").fetchall():
        segments = [Segment(*row) for row in db.execute(
            "select kind, start, [end] from segments where article_id = ? order by start", [article_id])]
        store_signature(db, article_id, signature(body, segments))
