"""Reviews are the user's work: an article replaced, updated or deleted never takes its reviews with it.

When an article goes (store._delete_article), each review of one of its claims, or that named the article
without a claim matched, is detached: ``claim_id`` emptied, ``status = 'orphaned'`` (an unmatched review stays
``unmatched``), ``orphaned_from`` = the article's path; ``claim_reviewed`` (the text the reviewer rated) and
``claim_text`` (the archived claim it was on) stay, so an orphaned review is still readable.

When the new version of the file is written (``reattach``, in the same transaction), each review detached from
one of its paths is matched to the new version's claims: the same archived words first (method
``reattached``, score 1), else the claim of the new version that the review's text matches best
as two versions of a claim are compared across articles (``reattached``, with that score; a review that named the
article and had no claim is matched as by url, method ``url``). Else a review of
the whole group (scope ``cluster``) moves to the group's claim in another article, archived first (``same_group``,
no score): the verdict still stands for every appearance. Else it stays listed as orphaned, with its text, and is
tried again whenever its file changes.
"""
from __future__ import annotations

import weakref

import sqlite_utils

from .match import in_articles, reading
from ..link.signature import words

# For one archive connection, between detach and reattach in one write: review id → the claim of its group in
# another article (claim id, article id, text) it moves to when the new version has no claim for it.
_GROUP_CLAIMS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def forget(db: sqlite_utils.Database) -> None:
    """Drop what detach noted for a connection: its write was rolled back."""
    _GROUP_CLAIMS.pop(db, None)


def detach(db: sqlite_utils.Database, article_id: int) -> None:
    """Before an article's rows are deleted: detach the reviews of its claims and of the article, noting for a
    review of a group the group's claim in another article."""
    path = db.execute("select path from articles where id = ?", [article_id]).fetchone()
    path = path[0] if path else None
    mine = "select id from claims where article_id = ?"
    fallbacks = _GROUP_CLAIMS.setdefault(db, {})
    for review_id, claim_id in db.execute(f"select id, claim_id from reviews where scope = 'cluster' and claim_id in "
                                          f"({mine})", [article_id]).fetchall():
        other = db.execute(
            "select k2.claim_id, c.article_id, c.text from claim_clusters k1 "
            "join claim_clusters k2 on k2.cluster_id = k1.cluster_id join claims c on c.id = k2.claim_id "
            "where k1.claim_id = ? and c.article_id != ? order by k2.claim_id limit 1", [claim_id, article_id]).fetchone()
        if other:
            fallbacks[review_id] = other
    db.execute(f"update reviews set status = case when claim_id is null then status else 'orphaned' end, "
               f"claim_id = null, article_id = null, orphaned_from = ? "
               f"where claim_id in ({mine}) or article_id = ?", [path, article_id, article_id])


def reattach(db: sqlite_utils.Database, article_id: int) -> None:
    """After an article is written: match the reviews detached from one of its paths to its claims."""
    paths = [row[0] for row in db.execute("select path from article_files where article_id = ?", [article_id])]
    fallbacks = _GROUP_CLAIMS.pop(db, {})
    if not paths:
        return
    marks = ",".join("?" * len(paths))
    detached = db.execute(f"select id, status, claim_reviewed, claim_text from reviews where orphaned_from in ({marks}) "
                          "order by id", paths).fetchall()
    if not detached:
        return
    claims = db.execute("select id, text from claims where article_id = ? and status = 'current' order by id",
                        [article_id]).fetchall()
    for review_id, status, reviewed, archived in detached:
        same = [claim_id for claim_id, text in claims if archived and words(text) == words(archived)]
        if same:
            found = (same[0], 1.0, archived)
        else:
            hit = in_articles(db, reading(archived or reviewed), [article_id], loose=status == "unmatched")
            found = (hit[0].id, hit[1], hit[0].text) if hit else None
        if found:
            method = "url" if status == "unmatched" else "reattached"  # it named the article, and now matches
            db.execute("update reviews set status = 'matched', claim_id = ?, article_id = ?, method = ?, score = ?, "
                       "claim_text = ?, orphaned_from = null where id = ?",
                       [found[0], article_id, method, found[1], found[2], review_id])
        elif review_id in fallbacks and db.execute("select 1 from claims where id = ?",
                                                   [fallbacks[review_id][0]]).fetchone():
            claim_id, other_article, text = fallbacks[review_id]
            db.execute("update reviews set status = 'matched', claim_id = ?, article_id = ?, method = 'same_group', "
                       "score = null, claim_text = ?, orphaned_from = null where id = ?",
                       [claim_id, other_article, text, review_id])
        elif status == "unmatched":  # it named this article and still matches none of its claims
            db.execute("update reviews set article_id = ?, orphaned_from = null where id = ?", [article_id, review_id])
