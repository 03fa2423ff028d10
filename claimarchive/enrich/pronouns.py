"""Pronoun sources: a claim whose source is a pronoun ("She said ...") gets the nearest compatible earlier name
as ``source_resolved``.

    PronounFinder(): .add(passage) for each parsed passage, then .resolve(claims)

The names are the people and groups the recogniser found, and the claims' own named sources.
"""
from __future__ import annotations

from bisect import bisect_left

from ..extract import frames as F
from ..model import Claim
from ..nlp import Passage

Mention = tuple[int, str, bool, bool]  # (body offset, text, is a person, is a sentence subject)


class PronounFinder:
    """The names of an article, passage by passage: a passage's parse may go once it is added."""

    def __init__(self):
        self.mentions: list[Mention] = []

    def add(self, passage: Passage) -> None:
        self.mentions.extend(_mentions(passage))

    def resolve(self, claims: list[Claim]) -> None:
        """Set ``source_resolved`` on claims whose source is a pronoun: the nearest compatible earlier name."""
        mentions = sorted(self.mentions + _source_mentions(claims, self.mentions))
        candidates = {}
        for person in (True, False):
            found = [m for m in mentions if m[2] == person]
            subjects = [m for m in found if m[3]]
            candidates[person] = [(subjects, [m[0] for m in subjects]), (found, [m[0] for m in found])]
        for c in claims:
            if not c.source_text or c.source_text.lower() not in F.PRONOUNS or c.source_start is None:
                continue
            for found, offsets in candidates[c.source_text.lower() in F.PERSON_PRONOUNS]:
                earlier = bisect_left(offsets, c.source_start)
                if earlier:
                    c.source_resolved = found[earlier - 1][1]
                    break


def _mentions(passage: Passage) -> list[Mention]:
    """Named people and groups in a passage."""
    out = []
    doc = passage.doc
    for ent in doc.ents:
        subject = ent.root.dep_ in ("nsubj", "nsubjpass")
        start = ent.start
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
            start -= 1  # a first name the recogniser left out
        name = doc[start:ent.end]
        if ent.label_ == "PERSON":
            out.append((passage.offset + name.start_char, name.text, True, subject))
        elif ent.label_ in ("ORG", "NORP", "GPE"):
            out.append((passage.offset + ent.start_char, ent.text, False, subject))
    return out


def _looks_like_person(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and words[0].lower() not in F.DETERMINERS


def _source_mentions(claims: list[Claim], mentions: list[Mention]) -> list[Mention]:
    """The named sources of the claims, as mentions: a person when a person's name, or an earlier source taken for
    a person, starts inside it (without names, when it looks like one and is the article's first)."""
    people = sorted(m[0] for m in mentions if m[2])
    named = [c for c in claims if c.source_text and c.source_text.lower() not in F.PRONOUNS and c.source_start is not None]
    taken_starts = sorted({c.source_start for c in named})
    taken: set[int] = set()
    out = []
    for c in named:
        k = bisect_left(people, c.source_start)
        person = (k < len(people) and people[k] < c.source_end) or any(
            taken_starts[j] in taken for j in range(bisect_left(taken_starts, c.source_start),
                                                    bisect_left(taken_starts, c.source_end))) or (
            not mentions and not out and _looks_like_person(c.source_text))
        out.append((c.source_start, c.source_text, person, True))
        if person:
            taken.add(c.source_start)
    return out
