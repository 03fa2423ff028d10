"""Curated claims: claims a fact-checker wrote or corrected by hand, or brought from another tool.

They come from ``NAME.claims.yml`` / ``NAME.claims.json`` beside the article, each with its text as it
stands in the article. Each is checked field by field (a claim with any problem is reported, with all its
problems, and left out), then located in the body to get its offsets; where it overlaps an extracted
claim, the curated one stands and the extracted one is kept, marked superseded.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

from .model import Claim, Segment
from .read import ISO_DATE, described, listed, quoted

KINDS = {"attributed", "reported", "headline", "caption"}
CERTAINTIES = {"asserted", "hedged", "denied"}
VERIFICATIONS = {"not_confirmed", "confirmed"}
TEXT_LIMITS = {"text": 5_000, "source": 500, "cue": 100, "note": 10_000, "notes": 10_000}  # characters
CHOICES = {"kind": KINDS, "certainty": CERTAINTIES, "verification": VERIFICATIONS}
FLAGS = ("is_quote", "quote")  # YAML or JSON booleans; quote is another name for is_quote
CLAIM_FIELDS = {*TEXT_LIMITS, *CHOICES, *FLAGS, "event_date", "origin", "figures"}
OVERLAP = 0.5  # a curated claim covering this share of an extracted claim stands instead of it
FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
WHITE_SPACE = re.compile(r"\s+")


class FoldedBody:
    """A body with quotes and dashes folded and each run of white space made one space, built once, so that
    a claim's words are found with str.find (linear) and mapped back to offsets in the body."""

    def __init__(self, body: str):
        folded = body.translate(FOLD)  # one character for one: offsets are the body's
        pieces, self.starts, self.shifts = [], [0], [0]  # from collapsed offset starts[i] on, add shifts[i]
        at = shift = 0
        for run in WHITE_SPACE.finditer(folded):
            pieces += [folded[at:run.start()], " "]
            shift += run.end() - run.start() - 1
            at = run.end()
            self.starts.append(at - shift)
            self.shifts.append(shift)
        pieces.append(folded[at:])
        self.text = "".join(pieces)

    def offset(self, collapsed: int) -> int:
        """The body offset of the character (not white space) at a collapsed offset."""
        return collapsed + self.shifts[bisect_right(self.starts, collapsed) - 1]

    def find(self, words: list[str]):
        """Each place the words stand, in order, with white space between them: (start, end) in the body."""
        needle = " ".join(words)
        at = self.text.find(needle)
        while at >= 0:
            yield self.offset(at), self.offset(at + len(needle) - 1) + 1
            at = self.text.find(needle, at + len(needle))


def locate(text: str, body: str, segments: list[Segment], folded: FoldedBody | None = None) -> tuple[int, int] | None:
    """Where the text stands in the body (quotes, dashes and white space forgiven), preferring a place outside
    page furniture; folded is the body's FoldedBody, when built already."""
    words = text.translate(FOLD).split()
    if not words:
        return None
    furniture = [(s.start, s.end) for s in segments if s.kind == "furniture"]
    first = None
    for start, end in (folded or FoldedBody(body)).find(words):
        if not any(fs <= start < fe for fs, fe in furniture):
            return start, end
        first = first or (start, end)
    return first


def _sentence_of(start: int, end: int, segments: list[Segment]) -> tuple[int, int]:
    for s in segments:
        if s.start <= start and end <= s.end:
            return s.start, s.end
    return start, end


def curated_claim(item: dict, span: tuple[int, int], body: str, segments: list[Segment]) -> Claim:
    """A Claim from one curated entry (checked by check) located at span."""
    start, end = span
    sentence_start, sentence_end = _sentence_of(start, end, segments)
    source = item.get("source")
    source_start = source_end = None
    if source:
        found = body.find(source, sentence_start, sentence_end)
        if found >= 0:
            source_start, source_end = found, found + len(source)
    kind = item.get("kind") or ("attributed" if source else "reported")
    note = item.get("note") or item.get("notes")
    event_date = item.get("event_date")
    return Claim(
        start=start, end=end, text=body[start:end], kind=kind, sentence_start=sentence_start,
        sentence_end=sentence_end, cue=item.get("cue"), cue_lemma=(item.get("cue") or "").lower() or None,
        source_text=source or None, source_start=source_start, source_end=source_end,
        is_quote=bool(item.get("is_quote", item.get("quote"))), certainty=item.get("certainty") or "asserted",
        verification=item.get("verification"),
        event_date=event_date.isoformat() if isinstance(event_date, dt.date) else event_date,
        origin="curated", note=note,
    )


def _text_problems(item: dict) -> list[str]:
    problems = []
    text = item.get("text")
    if text is None or isinstance(text, str) and not text.strip():
        problems.append("no text")
    for key, limit in TEXT_LIMITS.items():
        value = item.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(f"{key} must be text, not {described(value)}")
        elif len(value) > limit:
            problems.append(f"{key} is {len(value):,} characters long (the limit is {limit:,})")
    return problems


def _event_date_problem(value) -> str | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return f"event_date must be an ISO date (YYYY-MM-DD), not {described(value)}"


def _value_problems(item: dict) -> list[str]:
    problems = []
    for key, choices in CHOICES.items():
        value = item.get(key)
        if value is not None and (not isinstance(value, str) or value not in choices):
            problems.append(f"{key} must be one of {', '.join(sorted(choices))}, not {described(value)}")
    for key in FLAGS:
        if item.get(key) is not None and not isinstance(item[key], bool):
            problems.append(f"{key} must be true or false, not {described(item[key])}")
    problems.append(_event_date_problem(item.get("event_date")))
    if item.get("origin") not in (None, "curated"):
        problems.append(f"origin must be curated (every claim from a claims file is), not {described(item['origin'])}")
    if item.get("figures") is not None:
        problems.append("figures cannot be given: a claim's figures are found in its text")
    for one, other in (("is_quote", "quote"), ("note", "notes")):
        if item.get(one) is not None and item.get(other) is not None:
            problems.append(f"{one} and {other} are the same field: give one")
    return [p for p in problems if p]


def claim_problems(item) -> list[str]:
    """Every reason a curated entry is not a usable claim (none when it is)."""
    if not isinstance(item, dict):
        return [f"expected a mapping of fields, got {described(item)}"]
    found = []
    unknown = [key for key in item if key not in CLAIM_FIELDS]
    if unknown:
        found.append(f"unknown field(s) {listed(unknown)}")
    return found + _text_problems(item) + _value_problems(item)


def claim_label(number: int, file: str | None = None) -> str:
    return f"curated claim {number}" + (f" in {file}" if file else "")


def check(item, number: int, file: str | None = None) -> str | None:
    """Why a curated entry is not usable, every reason in one line naming it (and its file), or None."""
    found = claim_problems(item)
    return f"{claim_label(number, file)}: {'; '.join(found)}" if found else None


def _supersede(merged: list[Claim]) -> None:
    """Mark each extracted claim that a curated claim covers by half or more superseded by the first such
    curated claim, in one pass over the claims in order of start (keeping the curated claims that reach it)."""
    curated = [(index, claim) for index, claim in enumerate(merged) if claim.origin == "curated"]
    reaching: list[tuple[int, Claim]] = []
    waiting = 0
    for claim in merged:
        if claim.origin == "curated":
            continue
        while waiting < len(curated) and curated[waiting][1].start < claim.end:
            reaching.append(curated[waiting])
            waiting += 1
        reaching = [(index, other) for index, other in reaching if other.end > claim.start]
        for index, other in reaching:
            overlap = min(claim.end, other.end) - max(claim.start, other.start)
            if overlap >= OVERLAP * (claim.end - claim.start):
                claim.status, claim.superseded_by = "superseded", index
                break


def merge_curated(claims: list[Claim], curated: list[dict], body: str,
                  segments: list[Segment]) -> tuple[list[Claim], list[str]]:
    """Extracted and curated claims together in reading order, extracted ones under a curated one superseded.

    An extracted claim is superseded when a curated claim covers at least half of it.
    Returns the claims and one error for each curated claim that could not be used (a problem in its fields,
    its text not found, ...), naming its claims file when curated is a CuratedClaims.
    """
    if not curated:
        return claims, []
    file = getattr(curated, "file", None)
    folded = FoldedBody(body)
    errors: list[str] = []
    added: list[Claim] = []
    for number, item in enumerate(curated, 1):
        problem = check(item, number, file)
        if problem:
            errors.append(problem)
            continue
        span = locate(item["text"], body, segments, folded)
        if span is None:
            errors.append(f"{claim_label(number, file)} not found in the text: {quoted(item['text'])}")
            continue
        added.append(curated_claim(item, span, body, segments))
    merged = sorted(claims + added, key=lambda c: (c.start, c.origin != "curated"))
    _supersede(merged)
    return merged, errors
