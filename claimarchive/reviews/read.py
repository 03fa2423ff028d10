"""Read fact-checks: a file → Review values, or the reason it cannot be read.

ClaimReview JSON-LD (``.json``, ``.jsonld``) in any of the shapes fact-check sites publish: a single object, a
list of them, an ``@graph`` (nodes referring to each other by ``@id`` are followed), or an ``ItemList`` of
``ListItem``s. A CSV (``.csv``) for hand-made reviews, one review a row, its columns ``CSV_COLUMNS``.

Everything is bounded: the file's size, the nesting of its JSON, the reviews in one file and the length of
every value. A file that cannot be read at all raises ``ReviewFileError``; a review with problems is returned
with them (``Review.problems``), so the file's other reviews still go in.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..read import _json_nesting, quoted

MAX_BYTES = 10_000_000  # a site's whole feed of fact-checks, thousands of them
MAX_NESTING = 20  # ItemList → ListItem → ClaimReview → Claim → appearance → publisher → logo: about ten
MAX_REVIEWS = 10_000  # reviews in one file
LIMITS = {"claim_reviewed": 5_000, "claim_author": 500, "rating_name": 300, "reviewer": 300, "note": 10_000,
          "url": 2_048}  # characters; every url (the review's, the reviewer's, each appearance) is a url
MAX_APPEARANCES = 1_000  # appearance urls of one review
JSON_SUFFIXES = (".json", ".jsonld")
CSV_SUFFIXES = (".csv",)
SCOPES = ("cluster", "claim")  # the review stands for every appearance of the claim, or for this one alone
# CSV columns: claim_reviewed (or claim_id) is required, the others optional. appearance_url may hold several
# urls separated by spaces; claim_id names an archived claim (its id in Datasette) to attach the review to it.
CSV_COLUMNS = ("claim_reviewed", "rating", "rating_value", "best_rating", "worst_rating", "reviewer",
               "reviewer_url", "review_url", "review_date", "claim_author", "claim_date", "appearance_url",
               "note", "scope", "claim_id")
# A verdict that a claim is false, by its name (words of the rating's name, lower-cased), and the lowest value of
# its scale. Data, not code: add a fact-checker's own wording here.
FALSE_WORDS = {"false", "fake", "untrue", "incorrect", "wrong", "fabricated", "hoax", "baseless", "bogus"}
FALSE_NAMES = {"pants on fire", "not true", "no evidence", "four pinocchios", "mostly false"}


class ReviewFileError(Exception):
    """A file of reviews that cannot be read at all, and why."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


@dataclass
class Review:
    """One fact-check as read: the claim reviewed, its rating, who reviewed it, where the claim appeared."""

    number: int  # its place in the file, from 1
    claim_reviewed: str = ""
    claim_author: str | None = None
    claim_author_type: str | None = None  # Person or Organization, as the file says
    claim_date: str | None = None
    appearances: list[str] = field(default_factory=list)  # urls where the claim appeared, the first appearance first
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    rating_name: str | None = None
    reviewer: str | None = None
    reviewer_url: str | None = None
    url: str | None = None
    review_date: str | None = None
    note: str | None = None
    scope: str = "cluster"
    claim_id: int | None = None  # given by hand (CSV)
    problems: list[str] = field(default_factory=list)

    @property
    def rated_false(self) -> bool:
        return rated_false(self.rating_name, self.rating_value, self.worst_rating)


def rated_false(name: str | None, value: float | None, worst: float | None) -> bool:
    """Whether a rating says the claim is false: its name (FALSE_WORDS, FALSE_NAMES), or, with no name, the
    lowest value of its scale."""
    if name:
        plain = " ".join(re.findall(r"[a-z]+", name.casefold()))
        return plain in FALSE_NAMES or bool(FALSE_WORDS & set(plain.split()))
    return value is not None and worst is not None and value == worst


def read_reviews(path: Path, name: str | None = None) -> list[Review]:
    """The reviews of one file (each with its problems, if any). Raises ReviewFileError."""
    name = name or str(path)
    suffix = path.suffix.lower()
    if suffix not in JSON_SUFFIXES + CSV_SUFFIXES:
        raise ReviewFileError(name, f"not a file of reviews ({suffix or 'no'} suffix: .json, .jsonld or .csv)")
    try:
        if not path.is_file():
            raise ReviewFileError(name, "not found" if not path.exists() else "not a regular file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReviewFileError(name, f"too large ({size:,} bytes; at most {MAX_BYTES:,})")
        data = path.read_bytes()
    except OSError as error:
        raise ReviewFileError(name, f"cannot be read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReviewFileError(name, f"not UTF-8 (byte {error.start})") from None
    reviews = _from_csv(name, text) if suffix in CSV_SUFFIXES else _from_json(name, text)
    if not reviews:
        raise ReviewFileError(name, "holds no review" + ("" if suffix in CSV_SUFFIXES else
                                                         " (no object of @type ClaimReview)"))
    return reviews  # each reader refuses more than MAX_REVIEWS


# JSON-LD ---------------------------------------------------------------------------------------------------

def _from_json(name: str, text: str) -> list[Review]:
    if _json_nesting(text) > MAX_NESTING:
        raise ReviewFileError(name, f"refused: lists and objects nested deeper than {MAX_NESTING} levels")
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ReviewFileError(name, f"malformed JSON: {str(error)[:200]}") from None
    nodes = _claim_reviews(data)
    if len(nodes) > MAX_REVIEWS:
        raise ReviewFileError(name, f"too many reviews ({len(nodes):,}; at most {MAX_REVIEWS:,} a file)")
    ids = _identified(data)
    return [_review(number, node, ids) for number, node in enumerate(nodes, 1)]


def _types(node) -> set[str]:
    """A node's @type(s), without their vocabulary ("schema:ClaimReview", "https://schema.org/ClaimReview")."""
    kinds = node.get("@type") if isinstance(node, dict) else None
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {re.split(r"[/:#]", kind)[-1] for kind in kinds if isinstance(kind, str)}


def _claim_reviews(data) -> list[dict]:
    """Every ClaimReview of a document: itself, the items of a list, of an @graph, of an ItemList (its
    ListItems' items). Walked with a stack (the nesting is bounded already)."""
    found, stack = [], [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            kinds = _types(node)
            if "ClaimReview" in kinds:
                found.append(node)
            elif "@graph" in node:
                stack.append(node["@graph"])
            elif "ItemList" in kinds:
                stack.append(node.get("itemListElement", []))
            elif "ListItem" in kinds:
                stack.append(node.get("item", []))
    return found


def _identified(data) -> dict[str, dict]:
    """The nodes of an @graph (or a list) that have an @id, by it: an @graph refers to its organisation once."""
    graph = data.get("@graph") if isinstance(data, dict) else data
    nodes = graph if isinstance(graph, list) else []
    return {node["@id"]: node for node in nodes if isinstance(node, dict) and isinstance(node.get("@id"), str)}


def _node(value, ids: dict[str, dict]):
    """A value, or the node its @id refers to; the first of a list."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in ids:
        return ids[value["@id"]]
    return value


def _review(number: int, node: dict, ids: dict[str, dict]) -> Review:
    review = Review(number)
    check = _Checker(review)
    review.claim_reviewed = check.text("claimReviewed", node.get("claimReviewed"), "claim_reviewed") or ""
    rating = _node(node.get("reviewRating"), ids)
    if isinstance(rating, dict):
        review.rating_value = check.number("ratingValue", rating.get("ratingValue"))
        review.best_rating = check.number("bestRating", rating.get("bestRating"))
        review.worst_rating = check.number("worstRating", rating.get("worstRating"))
        review.rating_name = check.text("reviewRating.alternateName", rating.get("alternateName") or rating.get("name"),
                                        "rating_name")
        review.note = check.text("ratingExplanation", rating.get("ratingExplanation"), "note")
    author = _node(node.get("author"), ids) or _node(node.get("publisher"), ids)
    review.reviewer, review.reviewer_url, _ = check.party("author", author)
    review.url = check.url("url", node.get("url"))
    review.review_date = check.date("datePublished", node.get("datePublished"))
    item = _node(node.get("itemReviewed"), ids)
    if isinstance(item, dict):
        review.claim_author, _, review.claim_author_type = check.party("itemReviewed.author",
                                                                       _node(item.get("author"), ids))
        review.claim_date = check.date("itemReviewed.datePublished", item.get("datePublished"))
        urls = [*_urls(item.get("firstAppearance"), ids), *_urls(item.get("appearance"), ids)]
        if "Claim" not in _types(item):  # older markup: the CreativeWork the claim is in, by its url
            urls += _urls(item.get("url"), ids)
        review.appearances = [u for u in dict.fromkeys(check.url("appearance", u) for u in urls[:MAX_APPEARANCES]) if u]
    check.complete()
    return review


def _urls(value, ids: dict[str, dict]) -> list:
    """The urls of an appearance: a url, a CreativeWork with one, or a list of either."""
    values = value if isinstance(value, list) else [value]
    out = []
    for one in values:
        one = _node(one, ids)
        if isinstance(one, dict):
            one = one.get("url") or (one.get("@id") if str(one.get("@id", "")).startswith("http") else None)
        if one is not None:
            out.append(one)
    return out


# CSV -------------------------------------------------------------------------------------------------------

def _from_csv(name: str, text: str) -> list[Review]:
    csv.field_size_limit(max(LIMITS.values()) * 4 + MAX_APPEARANCES * LIMITS["url"])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header:
            raise ReviewFileError(name, "empty (a CSV of reviews starts with a header row)")
        columns = [column.strip().lower() for column in header]
        unknown = [column for column in columns if column not in CSV_COLUMNS]
        if unknown:
            raise ReviewFileError(name, f"unknown column(s) {', '.join(map(repr, unknown[:5]))} (columns: "
                                        f"{', '.join(CSV_COLUMNS)})")
        if "claim_reviewed" not in columns and "claim_id" not in columns:
            raise ReviewFileError(name, "no claim_reviewed column (nor claim_id)")
        reviews = []
        for number, row in enumerate(reader, 1):
            if len(reviews) >= MAX_REVIEWS:
                raise ReviewFileError(name, f"too many reviews (more than {MAX_REVIEWS:,} rows)")
            if not any(cell.strip() for cell in row):
                continue
            reviews.append(_csv_review(number, dict(zip(columns, row, strict=False)), len(row) - len(columns)))
    except csv.Error as error:
        raise ReviewFileError(name, f"malformed CSV (line {reader.line_num}): {error}") from None
    return reviews


def _csv_review(number: int, row: dict[str, str], extra: int) -> Review:
    review = Review(number)
    check = _Checker(review)
    if extra > 0:
        review.problems.append(f"{extra} value(s) more than the header's columns")
    value = {key: (cell.strip() or None) for key, cell in row.items()}
    review.claim_reviewed = check.text("claim_reviewed", value.get("claim_reviewed"), "claim_reviewed") or ""
    review.rating_name = check.text("rating", value.get("rating"), "rating_name")
    for column in ("rating_value", "best_rating", "worst_rating"):
        setattr(review, column, check.number(column, value.get(column)))
    review.reviewer = check.text("reviewer", value.get("reviewer"), "reviewer")
    review.reviewer_url = check.url("reviewer_url", value.get("reviewer_url"))
    review.url = check.url("review_url", value.get("review_url"))
    review.review_date = check.date("review_date", value.get("review_date"))
    review.claim_author = check.text("claim_author", value.get("claim_author"), "claim_author")
    review.claim_date = check.date("claim_date", value.get("claim_date"))
    urls = (value.get("appearance_url") or "").split()[:MAX_APPEARANCES]
    review.appearances = [u for u in dict.fromkeys(check.url("appearance_url", u) for u in urls) if u]
    review.note = check.text("note", value.get("note"), "note")
    scope = (value.get("scope") or "cluster").lower()
    if scope not in SCOPES:
        review.problems.append(f"scope {quoted(scope)} is not one of {', '.join(SCOPES)}")
    review.scope = scope
    if value.get("claim_id"):
        if value["claim_id"].isdigit() and len(value["claim_id"]) < 19:
            review.claim_id = int(value["claim_id"])
        else:
            review.problems.append(f"claim_id {quoted(value['claim_id'])} is not a claim's id (a whole number)")
    check.complete(by_hand=review.claim_id is not None)
    return review


# Checking values -------------------------------------------------------------------------------------------

class _Checker:
    """Checks each value read into a review, noting every problem on it."""

    def __init__(self, review: Review):
        self.review = review

    def problem(self, text: str) -> None:
        self.review.problems.append(text)

    def text(self, label: str, value, limit_key: str) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.problem(f"{label} is not text")
            return None
        value = " ".join(value.split())
        if len(value) > LIMITS[limit_key]:
            self.problem(f"{label} too long ({len(value):,} characters; at most {LIMITS[limit_key]:,})")
            return None
        return value or None

    def number(self, label: str, value) -> float | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.problem(f"{label} is not a number")
            return None
        try:
            number = float(value) if not isinstance(value, str) or len(value) < 40 else math.nan
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            self.problem(f"{label} {quoted(str(value))} is not a number")
            return None
        return number

    def url(self, label: str, value) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or not re.match(r"https?://[^\s/]+", value.strip(), re.IGNORECASE):
            self.problem(f"{label} {quoted(str(value)) if isinstance(value, str) else '(not text)'} is not an "
                         f"http(s) url")
            return None
        if len(value) > LIMITS["url"]:
            self.problem(f"{label} too long ({len(value):,} characters; at most {LIMITS['url']:,})")
            return None
        return value.strip()

    def date(self, label: str, value) -> str | None:
        """An ISO date, or the date of an ISO date and time."""
        if value is None or value == "":
            return None
        if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}(?:$|[T ])", value.strip()):
            try:
                return dt.date.fromisoformat(value.strip()[:10]).isoformat()
            except ValueError:
                pass
        self.problem(f"{label} {quoted(str(value)) if isinstance(value, str) else '(not text)'} is not an ISO date")
        return None

    def party(self, label: str, value) -> tuple[str | None, str | None, str | None]:
        """(name, url, type) of an author: an Organization or Person, or a name."""
        if value is None:
            return None, None, None
        if isinstance(value, str):
            return self.text(f"{label}", value, "reviewer"), None, None
        if not isinstance(value, dict):
            self.problem(f"{label} is neither a name nor an Organization or Person")
            return None, None, None
        kinds = _types(value) & {"Organization", "Person"}
        return (self.text(f"{label}.name", value.get("name"), "claim_author"),
                self.url(f"{label}.url", value.get("url")), min(kinds) if kinds else None)

    def complete(self, by_hand: bool = False) -> None:
        """The checks of a whole review: a claim and a verdict, the value within its scale."""
        review = self.review
        if not review.claim_reviewed and not by_hand:
            self.problem("no claimReviewed (the claim's text)")
        if review.rating_name is None and review.rating_value is None:
            self.problem("no rating (reviewRating's alternateName or ratingValue)")
        values = [v for v in (review.worst_rating, review.best_rating) if v is not None]
        if review.rating_value is not None and len(values) == 2 and not min(values) <= review.rating_value <= max(values):
            self.problem(f"ratingValue {review.rating_value:g} is outside its scale ({review.worst_rating:g} to "
                         f"{review.best_rating:g})")
