"""The cue frames (``frames.yml``): one row per cue word or phrase, saying what it takes; both paths read it.

The row grammar is described at the top of ``frames.yml``; ``register`` adds a row at run time. The word classes both
paths use (prepositions, auxiliaries, ...) are lists in the same file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA = yaml.safe_load((Path(__file__).parent / "frames.yml").read_text(encoding="utf-8"))
FRAMES: dict[str, str] = DATA["frames"]
W: dict[str, set[str]] = {name: set(text.split()) for name, text in DATA["words"].items()}
globals().update({name.upper(): words for name, words in W.items()})  # each word class: F.PREPOSITIONS, ...
ACT_ENDINGS = tuple(W["act_endings"])
SPEECH = {"that", "bare", "quote", "first"}


@dataclass
class Frame:
    """One row: what a cue takes, its flags, certainty and irregular forms."""

    lemma: str
    takes: set[str]
    objects: set[str] | None = None  # obj only with these nouns
    certainty: str = "asserted"
    verify: bool = False
    flags: set[str] = field(default_factory=set)
    forms: list[str] = field(default_factory=list)

    def __contains__(self, kind: str) -> bool:
        return kind in self.takes or kind in self.flags

    @property
    def preps(self) -> set[str]:
        return self.takes & W["prepositions"]


def parse_row(lemma: str, spec: str) -> Frame:
    frame = Frame(lemma, set())
    for word in spec.split():
        if word == "speech":
            frame.takes |= SPEECH
        elif word.startswith("="):
            frame.forms += word[1:].split(",")
        elif word.startswith("obj:"):
            frame.takes.add("obj")
            frame.objects = W["claim_nouns"] if word == "obj:@claim" else set(word[4:].split(","))
        elif word in ("hedge", "deny"):
            frame.certainty = {"hedge": "hedged", "deny": "denied"}[word]
        elif word == "verify":
            frame.verify = True
        else:
            (frame.flags if word in ("any", "addressee", "to", "passive", "nounlike", "noun") else frame.takes).add(word)
    if "noun" in frame.flags:
        frame.flags.add("nounlike")
    return frame


def verb_forms(lemma: str, irregular: list[str]) -> list[str]:
    """claim → claims, claimed, claiming; the row's irregular forms instead of "-ed"."""
    stem, s, ed = (lemma[:-1], "s", "d") if lemma.endswith("e") else (lemma, "es", "ed") if lemma.endswith(
        ("s", "sh", "ch", "x", "z")) else (lemma, "s", "ed")
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms = [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    else:
        forms = [lemma, lemma + s, lemma + ed, stem + "ing"]
    return [f for f in forms if not f.endswith("ed")] + irregular if irregular else forms


def resolved(pattern, lists: dict[str, list[str]]):
    """A pattern of ``frames.yml`` with each "@name" replaced by its list of words."""
    if isinstance(pattern, dict):
        return {key: resolved(value, lists) for key, value in pattern.items()}
    if isinstance(pattern, list):
        return [resolved(value, lists) for value in pattern]
    return lists[pattern[1:]] if isinstance(pattern, str) and pattern.startswith("@") else pattern


class Frames:
    """The table, parsed once, with the lookups both paths use; ``version`` changes when a row is added."""

    def __init__(self, rows: dict[str, str]):
        self.rows: dict[str, Frame] = {}
        self.forms: dict[str, str] = {}  # every inflected form of a verb cue (a phrasal cue's verb) → its lemma
        self.phrasal: dict[str, set[str]] = {}  # verb → the particles of its phrasal rows
        self.version = 0
        for lemma, spec in rows.items():
            self.register(lemma, spec)

    def register(self, lemma: str, spec: str) -> Frame:
        """Add (or replace) a row: ``register("blorf", "that bare =blorft")``; both paths use it at once."""
        frame = self.rows[lemma] = parse_row(lemma, spec)
        head, *particle = lemma.split()
        if particle and lemma != "according to":
            self.phrasal.setdefault(head, set()).add(particle[0])
        if self.verb(head):
            for form in verb_forms(head, (self.rows[head] if head in self.rows else frame).forms):
                self.forms.setdefault(form, head)
        self.version += 1
        return frame

    def get(self, lemma: str, particle: str | None = None) -> Frame | None:
        """The row of a cue, its particle's row first ("point out", "call for")."""
        return (particle and self.rows.get(f"{lemma} {particle}")) or self.rows.get(lemma)

    def verb(self, lemma: str) -> bool:
        frame = self.rows.get(lemma)
        return lemma in self.phrasal or frame is not None and bool(frame.takes - {"according"} or "passive" in frame)

    def noun(self, lemma: str) -> bool:
        return lemma in self.rows and "noun" in self.rows[lemma]

    def lists(self) -> dict[str, list[str]]:
        """The word lists patterns name ("@forms"): the word classes and those the rows make."""
        rows = {f: self.rows.get(lemma, Frame("", set())) for f, lemma in self.forms.items()}
        past = [f for f, row in sorted(rows.items()) if f != row.lemma and not f.endswith(("s", "ing"))]
        return {name: sorted(words) for name, words in W.items()} | {
            "forms": sorted(rows), "ing": sorted(f for f in rows if f.endswith("ing")), "past": past,
            "nouns": sorted(k for k, f in self.rows.items() if "noun" in f),
            "hedged": [f for f in past if "passive" in rows[f]], "verify": [f for f in past if rows[f].verify],
            "addressee_forms": sorted(f for f, row in rows.items() if "addressee" in row),
            "agented": [f for f in past if "that" in rows[f] or "obj" in rows[f] and rows[f].objects is None],
            "dependents": sorted(set().union(*DATA["dependency_roles"].values()))}


TABLE = Frames(FRAMES)
register = TABLE.register


@lru_cache(maxsize=8)
def matcher(kind: type, section: str, vocab, table: Frames, version: int, greedy: str | None = None):
    """A spaCy ``kind`` (Matcher, DependencyMatcher) of the patterns in frames.yml's ``section``, for the frames as
    they are now (``version``: made again when a row is registered)."""
    found, lists = kind(vocab), table.lists()
    for name, patterns in DATA[section].items():
        found.add(name, resolved(patterns, lists), **({"greedy": greedy} if greedy else {}))
    return found
