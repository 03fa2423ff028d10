"""Find quoted passages in a text: curly and straight double quotes, doubled apostrophes (''like this''), and
single curly quotes.

Marks are paired by which way they face, not by counting: a straight mark after a space opens, one before a
space or a stop closes. So one unbalanced mark leaves the quotes after it paired as they were written: an opening
mark while a quote is open ends that quote (unclosed) where the new one begins, a closing mark with no quote open
is dropped.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

OPENERS, CLOSERS = "“„«", "”»"
MARKS = re.compile(r"''|[\"“”„«»]")


@dataclass
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` do not; ``closed`` is False when it runs on.
    Offsets are characters from ``find_quotes``, tokens from ``token_quotes``."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True

    def words(self, text: str) -> int:
        return len(text[self.inner_start:self.inner_end].split())


class QuoteList(list):
    """Quotes in the order of their opening marks, with an index that finds the ones around or across a span
    in logarithmic time. Not to be changed once made."""

    def __init__(self, quotes=()):
        super().__init__(quotes)
        self._starts = [q.start for q in self]
        self._reach = list(accumulate((q.end for q in self), max))  # the farthest end of any quote so far

    def first_around(self, before: int, end: int, nonempty: bool = False) -> Quote | None:
        """The first quote that opens before ``before`` and closes at or after ``end`` (with words inside, if
        ``nonempty``)."""
        opened = bisect_left(self._starts, before)
        k = bisect_left(self._reach, end, 0, opened)  # no quote before k reaches ``end``
        for i in range(k, opened):
            q = self[i]
            if q.end >= end and (not nonempty or q.inner_end > q.inner_start):
                return q
        return None

    def across(self, start: int, end: int) -> list[Quote]:
        """The quotes, in order, whose marks overlap [start, end)."""
        opened = bisect_left(self._starts, end)
        k = bisect_right(self._reach, start, 0, opened)  # no quote before k reaches past ``start``
        return [self[i] for i in range(k, opened) if self[i].end > start]


def _facing(text: str, i: int, n: int) -> str:
    """Which way a mark at [i, i + n) faces: "open", "close", or "?" when its neighbours do not say."""
    ch = text[i]
    if ch in OPENERS:
        return "open"
    if ch in CLOSERS:
        return "close"
    before = text[i - 1] if i else " "
    after = text[i + n] if i + n < len(text) else " "
    opens = before.isspace() or before in "([{—–-/"
    closes = after.isspace() or after in ".,;:!?)]}—–-/"
    return "open" if opens and not closes else "close" if closes and not opens else "?"


def _double_quotes(text: str) -> list[Quote]:
    found: list[Quote] = []
    open_at: int | None = None
    for m in MARKS.finditer(text):
        i, n = m.start(), m.end() - m.start()
        facing = _facing(text, i, n)
        if facing == "?":
            facing = "close" if open_at is not None else "open"
        if facing == "open":
            if open_at is not None:  # the quote before never closed: it ends where this one begins
                found.append(Quote(open_at, i, open_at + _mark_len(text, open_at), i, closed=False))
            open_at = i
        elif open_at is not None:
            found.append(Quote(open_at, i + n, open_at + _mark_len(text, open_at), i))
            open_at = None
    if open_at is not None:
        found.append(Quote(open_at, len(text), open_at + _mark_len(text, open_at), len(text), closed=False))
    return found


def _mark_len(text: str, i: int) -> int:
    return 2 if text.startswith("''", i) else 1


def _single_quotes(text: str, taken: list[Quote]) -> list[Quote]:
    """‘...’ pairs, told apart from apostrophes by the letters around them; ``taken``: the double quotes, in
    order, none inside another."""
    taken_starts = [q.start for q in taken]
    found = []
    i = 0
    while True:
        i = text.find("‘", i)
        if i < 0:
            break
        if i > 0 and text[i - 1].isalnum():
            i += 1
            continue
        j = i + 1
        while True:
            j = text.find("’", j)
            if j < 0 or not text[j + 1:j + 2].isalnum():
                break
            j += 1
        if j < 0:
            break
        before = bisect_right(taken_starts, i)  # the last double quote opened at or before i is the only one
        if not (before and i < taken[before - 1].end):  # that can hold it
            found.append(Quote(i, j + 1, i + 1, j))
        i = j + 1
    return found


def find_quotes(text: str) -> QuoteList:
    """Every quotation in ``text`` in order; an unclosed opening quote runs to the next opening mark or the end."""
    quotes = _double_quotes(text)
    quotes.extend(_single_quotes(text, quotes))
    quotes.sort(key=lambda q: q.start)
    return QuoteList(_trim(text, q) for q in quotes if q.inner_end > q.inner_start)


def _trim(text: str, q: Quote) -> Quote:
    """Drop white space and a trailing comma inside the marks from the inner span."""
    s, e = q.inner_start, q.inner_end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return Quote(q.start, q.end, s, e, q.closed)


def inside(quotes: list[Quote], start: int, end: int | None = None) -> Quote | None:
    """The quote whose marks enclose [start, end), if any."""
    end = start + 1 if end is None else end
    if isinstance(quotes, QuoteList):
        return quotes.first_around(start, end)
    for q in quotes:
        if q.start < start and end <= q.end:
            return q
    return None


def token_quotes(doc, text: str) -> QuoteList:
    """The quotes of a doc's text in token positions: ``start``/``end`` the tokens of the marks and all between,
    ``inner_*`` the tokens inside (the only conversion from characters the extractor makes)."""
    starts = [t.idx for t in doc]
    out = []
    for q in find_quotes(text):
        first = bisect_right(starts, q.start) - 1
        last = bisect_left(starts, q.end)
        inner_first = bisect_left(starts, q.inner_start)
        inner_last = bisect_left(starts, q.inner_end)
        if inner_first < inner_last:
            out.append(Quote(first, last, inner_first, inner_last, q.closed))
    return QuoteList(out)
