"""What linking remembers for one ingest run: the newest claims holding a word, as the full-text index finds
them, and the archived claims it has read for comparing.

Linking looks up each telling word of a new article's claims in ``claims_fts`` (its newest TERM_LIMIT matches).
News repeats its words, so over a run most lookups were made before: the answers are kept per porter stem
(the index's own tokenizer, run in a private in-memory database, gives the stem) and each new article's
claims are added to the answers they belong in. Copies of a story come back too, so the claims read for
comparing are kept (``remembered``), by claim and by article. What is remembered stays exactly what the
archive holds: an article deleted or a write rolled back in the run empties it all (``forget``).
"""
from __future__ import annotations

import sqlite3
import weakref
from collections import OrderedDict
from functools import lru_cache

import sqlite_utils

MAX_WORDS = 50_000  # stems remembered at once (the least recently used go): bounded memory on any run
MAX_ROWS = 100_000  # rows remembered at once by a Remembered (the least recently used go)


class NewestClaims:
    """For one archive connection: word → the ids of the newest claims whose text holds it."""

    def __init__(self, db: sqlite_utils.Database, limit: int):
        self.db, self.limit = db, limit
        self.newest = Remembered(MAX_WORDS)  # stem → ids

    def matching(self, word: str) -> list[int]:
        """The ids of the newest claims (at most limit) whose text holds the word, newest first."""
        return self.matching_all([word])[word]

    def matching_all(self, words: list[str]) -> dict[str, list[int]]:
        """matching(word) for each of the words (their stems found together)."""
        out = {}
        for word, stems in word_stems_of(words).items():
            if len(stems) != 1:  # a phrase ("Iskander-M"): asked of the index each time
                out[word] = self._ask(word)
                continue
            found = self.newest.recall(stems[0])
            if found is None:
                found = self._ask(word)
                self.newest.keep(stems[0], found)
            out[word] = found
        return out

    def _ask(self, word: str) -> list[int]:
        return [row[0] for row in self.db.execute(
            "select rowid from claims_fts where claims_fts match ? order by rowid desc limit ?",
            [f'text : "{word}"', self.limit])]

    def add(self, claims: list[tuple[int, str]]) -> None:
        """Claims just written, (id, text) in id order: the newest for every remembered word their text holds."""
        for (claim_id, _), terms in zip(claims, stems_of_texts([text for _, text in claims]), strict=True):
            for stem in terms:
                ids = self.newest.get(stem)
                if ids is not None and (not ids or claim_id > ids[0]):
                    ids.insert(0, claim_id)
                    del ids[self.limit:]


@lru_cache(maxsize=1)
def _tokenizer() -> sqlite3.Connection:
    """A private in-memory database with a full-text table tokenized as schema.FTS's."""
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table t using fts5(x, tokenize='porter', content='')")  # the terms only
    conn.execute("create virtual table v using fts5vocab(t, 'instance')")
    return conn


def stems(text: str) -> list[str]:
    """The index's terms for a text: its tokens, lower-cased, folded and stemmed."""
    return stems_of_texts([text])[0]


def stems_of_texts(texts: list[str]) -> list[list[str]]:
    """stems(text) for each of the texts, tokenized together (three statements, however many texts)."""
    conn = _tokenizer()
    conn.executemany("insert into t (rowid, x) values (?, ?)", enumerate(texts, 1))
    found: list[list[str]] = [[] for _ in texts]
    for term, doc in conn.execute("select distinct term, doc from v order by doc, term"):
        found[doc - 1].append(term)
    conn.execute("insert into t (t) values ('delete-all')")
    return found


def word_stems_of(words: list[str]) -> dict[str, tuple[str, ...]]:
    """word → stems(word) for each of the words, remembered (those not remembered tokenized together)."""
    found, missing = _WORD_STEMS.get_many(dict.fromkeys(words))
    for word, terms in zip(missing, stems_of_texts(missing) if missing else (), strict=True):
        found[word] = tuple(terms)
        _WORD_STEMS.keep(word, found[word])
    return found


_UNKNOWN = object()  # no value remembered (None may be one)


class Remembered(OrderedDict):
    """Archived rows read for linking, by key, the least recently used going past the bound."""

    def __init__(self, bound: int = MAX_ROWS):
        super().__init__()
        self.bound = bound

    def get_many(self, keys) -> tuple[dict, list]:
        """The remembered values of keys, and the keys not remembered."""
        found, missing = {}, []
        recall, used = self.get, self.move_to_end
        for key in keys:
            value = recall(key, _UNKNOWN)
            if value is _UNKNOWN:
                missing.append(key)
            else:
                used(key)
                found[key] = value
        return found, missing

    def recall(self, key):
        """The remembered value of key (the most recently used now), or None."""
        if key not in self:
            return None
        self.move_to_end(key)
        return self[key]

    def keep(self, key, value) -> None:
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.bound:
            self.popitem(last=False)


_RUNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_WORD_STEMS = Remembered(MAX_ROWS)  # word → its stems, for any archive (the tokenizer's, not the archive's)


def newest_claims(db: sqlite_utils.Database, limit: int) -> NewestClaims:
    """The remembered lookups of this archive connection (made on first use)."""
    found = _RUNS.setdefault(db, {}).get("newest")
    if found is None or found.limit != limit:
        found = _RUNS[db]["newest"] = NewestClaims(db, limit)
    return found


def remembered(db: sqlite_utils.Database, name: str, bound: int = MAX_ROWS) -> Remembered:
    """What this archive connection's run remembers under name (archived claims read for comparing, say), at most
    bound of them."""
    found = _RUNS.setdefault(db, {}).get(name)
    if found is None:
        found = _RUNS[db][name] = Remembered(bound)
    return found


def forget(db: sqlite_utils.Database) -> None:
    """Drop everything a connection's run remembers: claims were deleted, or a write rolled back."""
    _RUNS.pop(db, None)
