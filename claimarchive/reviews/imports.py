"""`ingest.py reviews FILE…`: read each file of fact-checks, match every review to the archive, store it.

Each file is one transaction. A review is known by its key (its url, reviewer and claim text): importing a file
again updates what changed and matches again the reviews still unmatched (the articles they name may have been
archived since), never moving a review already on a claim. A file that cannot be read, and a review with
problems, is reported in one line naming the file (and the review's number); the rest still go in.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from ..schema import write_transaction
from ..store import open_db
from .match import Match, match
from .read import CSV_SUFFIXES, JSON_SUFFIXES, Review, ReviewFileError, read_reviews

LISTED = 5  # problem reviews named in one error line, at most
OWN_COLUMNS = ("claim_reviewed", "claim_author", "claim_author_type", "claim_date", "appearances", "rating_value",
               "best_rating", "worst_rating", "rating_name", "rated_false", "reviewer", "reviewer_url", "url",
               "review_date", "note", "scope")  # what the file says; the rest is where the archive puts it


@dataclass
class Imported:
    """What one `reviews` run did."""

    counts: Counter = field(default_factory=Counter)  # url, text, given, unmatched (new reviews), updated, unchanged
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, reason): one line each
    unmatched: list[tuple[str, int, str]] = field(default_factory=list)  # (file, number, claim reviewed): on no claim
    created: bool = True

    @property
    def ok(self) -> bool:
        return not self.errors

    def line(self) -> str:
        c = self.counts
        new = c["url"] + c["text"] + c["given"] + c["unmatched"]
        return (f"{new} imported ({c['url']} matched by url, {c['text']} by text, {c['given']} by claim_id, "
                f"{c['unmatched']} unmatched), {c['updated']} updated, {c['unchanged']} unchanged, "
                f"{c['refused']} refused, {c['failed']} file(s) failed")


def review_files(paths: list[Path]) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """(file, name as given) for every file named and every review file under a folder (sorted, hidden ones
    skipped), and (name, reason) for the paths that are neither."""
    found, errors = [], []
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in file.relative_to(path).parts)
                if file.is_file() and not hidden and file.suffix.lower() in JSON_SUFFIXES + CSV_SUFFIXES:
                    found.append((file, str(file)))
        elif path.exists() or path.is_symlink():
            found.append((path, str(path)))
        else:
            errors.append((str(path), "not found"))
    return found, errors


def import_reviews(paths: list[Path], db_path: Path) -> Imported:
    """Import every review of the files (and folders) into the archive at db_path. Raises store.DatabaseError
    when the archive cannot be opened."""
    result = Imported()
    files, result.errors = review_files(paths)
    result.counts["failed"] += len(result.errors)
    read: list[tuple[str, list[Review]]] = []
    for path, name in files:
        try:
            read.append((name, read_reviews(path, name)))
        except ReviewFileError as error:
            result.errors.append((error.path, error.reason))
            result.counts["failed"] += 1
    if not read and not db_path.exists():
        result.created = False
        return result
    db = open_db(db_path)
    try:
        for name, reviews in read:
            _import_file(db, name, reviews, result)
    finally:
        db.close()
    return result


def _import_file(db: sqlite_utils.Database, name: str, reviews: list[Review], result: Imported) -> None:
    problems = []
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with write_transaction(db):
        for review in reviews:
            if not review.problems and review.claim_id is not None:
                _given(db, review)
            if review.problems:
                problems.append(f"review {review.number}: {'; '.join(review.problems)}")
                continue
            outcome, status = _store(db, review, name, now)
            result.counts[outcome] += 1
            if status != "matched":
                result.unmatched.append((name, review.number, review.claim_reviewed))
    if problems:
        more = len(problems) - LISTED
        result.errors.append((name, "; ".join(problems[:LISTED]) + (f"; and {more} more" if more > 0 else "") +
                              " (not imported; the file's other reviews were)"))
        result.counts["refused"] += len(problems)


def _given(db: sqlite_utils.Database, review: Review) -> None:
    """A review attached by hand to a claim: the claim must be archived; its text is the claim reviewed when
    the row gives none."""
    row = db.execute("select text from claims where id = ?", [review.claim_id]).fetchone()
    if row is None:
        review.problems.append(f"claim_id {review.claim_id} is no archived claim")
    elif not review.claim_reviewed:
        review.claim_reviewed = row[0]


def review_key(review: Review) -> str:
    """What makes two imports one review: its url, its reviewer and the claim it reviews (spacing and case
    aside)."""
    parts = [" ".join((value or "").casefold().split()) for value in (review.url, review.reviewer, review.claim_reviewed)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _own(review: Review) -> dict:
    values = {column: getattr(review, column) for column in OWN_COLUMNS if column not in ("appearances", "rated_false")}
    values.update(appearances=json.dumps(review.appearances) if review.appearances else None,
                  rated_false=int(review.rated_false))
    return values


def _placed(db: sqlite_utils.Database, review: Review) -> tuple[str, Match]:
    """The review's status and match: by hand, else by url or text."""
    if review.claim_id is not None:
        article_id, text = db.execute("select article_id, text from claims where id = ?", [review.claim_id]).fetchone()
        return "matched", Match(review.claim_id, article_id, "given", 1.0, text)
    found = match(db, review.claim_reviewed, review.appearances)
    return ("matched" if found.claim_id else "unmatched"), found


def _store(db: sqlite_utils.Database, review: Review, name: str, now: str) -> tuple[str, str]:
    """Insert or update one review. Returns what happened (url, text, given or unmatched for a new review;
    updated or unchanged) and its status now (matched, unmatched, orphaned)."""
    key = review_key(review)
    values = _own(review)
    row = db.execute(f"select id, status, article_id, {', '.join(OWN_COLUMNS)} from reviews where key = ?",
                     [key]).fetchone()
    if row is None:
        status, found = _placed(db, review)
        db["reviews"].insert({"key": key, "status": status, **values, **_placement(found), "file": name,
                              "imported_at": now})
        return (found.method.split(":")[0] if found.method else "unmatched"), status
    review_id, status, article_id = row[:3]
    changed = dict(zip(OWN_COLUMNS, row[3:], strict=True)) != values
    if status != "matched" or review.claim_id is not None:  # a review on a claim stays there
        new_status, found = _placed(db, review)
        if new_status == "matched":
            status = new_status
            values.update(status=status, **_placement(found), orphaned_from=None)
        elif status == "unmatched" and found.article_id != article_id:
            values.update(article_id=found.article_id)
        changed = changed or "status" in values or "article_id" in values
    if changed:
        db["reviews"].update(review_id, {**values, "file": name, "imported_at": now})
    return ("updated" if changed else "unchanged"), status


def _placement(found: Match) -> dict:
    return {"claim_id": found.claim_id, "article_id": found.article_id, "method": found.method, "score": found.score,
            "claim_text": found.claim_text}
