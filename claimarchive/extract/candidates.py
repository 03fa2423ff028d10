"""Candidates: a cue, where its source and content are, and the construction that found them.

Both paths give the same ``Candidate``, in doc spans (spaCy ``Span``; the one coordinate system of the
extractor). The fixed constructions ("according to", passives, "the claim that", ...) are ``Matcher`` patterns over
token shapes (``frames.yml``: ``token_patterns``, read in ``rules.py``) on both paths; a cue verb is read by word order
on the rules path, and off its dependents on the parser path (``DependencyMatcher``: ``dependency_patterns``, the
roles in ``dependency_roles``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token

from . import frames as F
from .frames import Frame
from .quotes import QuoteList

QUOTE_CHARS = set("\"“”‘’«»„'") | {"''", "``"}
SOURCELESS = ("hedge_passive", "unverified")  # the constructions that stand with no source


@dataclass
class Candidate:
    """One attribution: ``source`` and ``content`` may be None until a later pass supplies them."""

    construction: str  # the pattern that found it: verb, according, passive, hedge_passive, nominal, saying, ...
    cue: Span
    frame: Frame
    source: Span | None = None
    content: Span | None = None
    relays: list[tuple[str, Span]] = field(default_factory=list)  # (relation, mention)
    certainty: str = "asserted"
    verification: str | None = None
    inherit: bool = False  # "..., adding that": the source is the previous attribution's
    content_first: bool = False  # the content comes before the cue
    head: Token | None = None  # the cue verb whose dependents the parser path read (None: a token pattern's)
    particle: Token | None = None  # "out" of "pointed out"
    clause: Token | None = None  # the clause complement the content came from
    how: tuple = ("none", None)  # how the content pass finds the content (parser path): (how, head, ...)
    headline: bool = False  # in a headline, where a clause may have no verb ("Cases highest for a decade, agency says")

    @property
    def participle(self) -> bool:
        """"..., saying that": a cue after its subject's own clause."""
        first = self.cue[0]
        return first.lower_.endswith("ing") and first.i > 0 and first.nbor(-1).text == ","


def junk(tok: Token) -> bool:
    return (tok.is_punct and tok.text != "%") or tok.is_space or tok.text in QUOTE_CHARS


def trim(doc: Doc, start: int, end: int, lead=("that",)) -> Span | None:
    """doc[start:end] without punctuation, quote marks, a leading "that" or conjunction at its edges."""
    while start < end and (junk(doc[start]) or doc[start].lower_ in lead or doc[start].lower_ in ("and", "but", "or")):
        start += 1
    while end > start and (junk(doc[end - 1]) or doc[end - 1].lower_ in ("and", "or", "but")):
        mark = doc[end - 1].text
        if mark in ")”\"" and {")": "(", "”": "“", '"': '"'}[mark] in {t.text for t in doc[start:end - 1]} and (
                mark != '"' or sum(t.text == '"' for t in doc[start:end]) % 2 == 0):
            break  # the closing mark of a bracket or quote that opens inside
        end -= 1
    return doc[start:end] if end > start else None


def worded(span: Span | None) -> bool:
    return span is not None and any(t.is_alpha for t in span)


def in_quote(quotes: QuoteList, tok: Token) -> bool:
    """Inside a quote's marks (a quote that never closes does not hide a cue: its end is a guess)."""
    q = quotes.first_around(tok.i, tok.i + 1)
    return q is not None and q.closed


# ---------------------------------------------------------------- the parser path's patterns

DEP_PATTERNS = {role: set(deps) for role, deps in F.DATA["dependency_roles"].items()}  # role → its relations


@dataclass
class Slots:
    """A cue verb's dependents by role, as the patterns found them."""

    tok: Token
    roles: dict[str, list[Token]] = field(default_factory=dict)

    def first(self, role: str, after: int | None = None) -> Token | None:
        found = [t for t in self.roles.get(role, ()) if after is None or t.i > after]
        return found[0] if found else None


def dependency_matches(doc: Doc) -> dict[int, Slots]:
    """Cue verb index → its Slots."""
    slots: dict[int, Slots] = {}
    for _, (cue, dependent) in F.matcher(DependencyMatcher, "dependency_patterns", doc.vocab, F.TABLE, F.TABLE.version)(doc):
        for role in (role for role, deps in DEP_PATTERNS.items() if doc[dependent].dep_ in deps):
            slots.setdefault(cue, Slots(doc[cue])).roles.setdefault(role, []).append(doc[dependent])
    for s in slots.values():
        for found in s.roles.values():
            found.sort(key=lambda t: t.i)
    return dict(sorted(slots.items()))
