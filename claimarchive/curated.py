"""Curated claims: claims a fact-checker wrote or corrected by hand, or brought from another tool.

They come from ``NAME.claims.yml`` / ``NAME.claims.json`` beside the article, each with its text as it
stands in the article. Each is located in the body to get its offsets; where it overlaps an extracted
claim, the curated one stands and the extracted one is kept, marked superseded.
"""
from __future__ import annotations

import re

from .model import Claim, Segment

CLAIM_FIELDS = {"text", "source", "cue", "kind", "certainty", "is_quote", "quote", "verification", "event_date",
                "note", "notes", "figures", "origin"}
KINDS = {"attributed", "reported", "headline", "caption"}
CERTAINTIES = {"asserted", "hedged", "denied"}
OVERLAP = 0.5  # a curated claim covering this share of an extracted claim stands instead of it
FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def locate(text: str, body: str, segments: list[Segment]) -> tuple[int, int] | None:
    """Where the text stands in the body, preferring a place outside page furniture."""
    # Folding maps one character to one, so offsets in the folded body are offsets in the body.
    pattern = r"\s+".join(re.escape(word) for word in text.translate(FOLD).split())
    matches = [(m.start(), m.end()) for m in re.finditer(pattern, body.translate(FOLD))]
    if not matches:
        return None
    furniture = [(s.start, s.end) for s in segments if s.kind == "furniture"]
    for start, end in matches:
        if not any(fs <= start < fe for fs, fe in furniture):
            return start, end
    return matches[0]


def _sentence_of(start: int, end: int, segments: list[Segment]) -> tuple[int, int]:
    for s in segments:
        if s.start <= start and end <= s.end:
            return s.start, s.end
    return start, end


def curated_claim(item: dict, span: tuple[int, int], body: str, segments: list[Segment]) -> Claim:
    """A Claim from one curated entry located at span."""
    start, end = span
    sentence_start, sentence_end = _sentence_of(start, end, segments)
    source = item.get("source")
    source_start = source_end = None
    if source:
        found = body.find(str(source), sentence_start, sentence_end)
        if found >= 0:
            source_start, source_end = found, found + len(str(source))
    kind = item.get("kind") or ("attributed" if source else "reported")
    note = item.get("note") or item.get("notes")
    return Claim(
        start=start, end=end, text=body[start:end], kind=kind, sentence_start=sentence_start,
        sentence_end=sentence_end, cue=item.get("cue"), cue_lemma=(item.get("cue") or "").lower() or None,
        source_text=str(source) if source else None, source_start=source_start, source_end=source_end,
        is_quote=bool(item.get("is_quote", item.get("quote", False))), certainty=item.get("certainty") or "asserted",
        verification=item.get("verification"), event_date=str(item["event_date"]) if item.get("event_date") else None,
        origin="curated", note=str(note) if note is not None else None,
    )


def check(item: dict, number: int) -> str | None:
    """Why a curated entry is not usable, or None."""
    unknown = set(item) - CLAIM_FIELDS
    if unknown:
        return f"curated claim {number}: unknown field(s) {', '.join(sorted(map(str, unknown)))}"
    if not str(item.get("text", "")).strip():
        return f"curated claim {number}: no text"
    if item.get("kind") and item["kind"] not in KINDS:
        return f"curated claim {number}: kind must be one of {', '.join(sorted(KINDS))}"
    if item.get("certainty") and item["certainty"] not in CERTAINTIES:
        return f"curated claim {number}: certainty must be one of {', '.join(sorted(CERTAINTIES))}"
    return None


def merge_curated(claims: list[Claim], curated: list[dict], body: str,
                  segments: list[Segment]) -> tuple[list[Claim], list[str]]:
    """Extracted and curated claims together in reading order, extracted ones under a curated one superseded.

    An extracted claim is superseded when a curated claim covers at least half of it.
    Returns the claims and one error for each curated claim that could not be used (its text not found, ...).
    """
    if not curated:
        return claims, []
    errors: list[str] = []
    added: list[Claim] = []
    for number, item in enumerate(curated, 1):
        problem = check(item, number)
        if problem:
            errors.append(problem)
            continue
        span = locate(str(item["text"]), body, segments)
        if span is None:
            text = str(item["text"])
            errors.append(f"curated claim {number} not found in the text: {text[:80]!r}")
            continue
        added.append(curated_claim(item, span, body, segments))
    merged = sorted(claims + added, key=lambda c: (c.start, c.origin != "curated"))
    for index, claim in enumerate(merged):
        if claim.origin == "curated":
            continue
        for other_index, other in enumerate(merged):
            overlap = min(claim.end, other.end) - max(claim.start, other.start)
            if other.origin == "curated" and overlap >= OVERLAP * (claim.end - claim.start):
                claim.status = "superseded"
                claim.superseded_by = other_index
                break
    return merged, errors
