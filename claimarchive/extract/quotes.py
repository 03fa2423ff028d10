"""Find quoted passages in a text: curly and straight double quotes, doubled apostrophes (''like this''), and
single curly quotes.

Marks are paired by which way they face, not by counting: a straight mark after a space opens, one before a space or
a stop closes; an apostrophe between letters is no mark. So one unbalanced mark leaves the quotes after it paired as
written: an opening mark while a quote is open ends that quote (unclosed) where the new one begins, a closing mark
with no quote open is dropped. Single quotes inside a double quote are left to it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

MARKS = re.compile(r"''|[\"“”„«»‘’]")
OPENERS, CLOSERS = "“„«‘", "”»’"


@dataclass
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` do not; ``closed`` is False when it runs on.
    Offsets are characters from ``find_quotes``, tokens from ``token_quotes``."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True


class QuoteList(list):
    """Quotes in the order of their opening marks, with an index that finds the ones around or across a span in
    logarithmic time. Not to be changed once made."""

    def __init__(self, quotes=()):
        super().__init__(quotes)
        self._starts = [q.start for q in self]
        self._reach = list(accumulate((q.end for q in self), max))  # the farthest end of any quote so far

    def first_around(self, before: int, end: int, nonempty: bool = False) -> Quote | None:
        """The first quote that opens before ``before`` and closes at or after ``end`` (with words inside, if
        ``nonempty``)."""
        opened = bisect_left(self._starts, before)
        for i in range(bisect_left(self._reach, end, 0, opened), opened):  # no quote before it reaches ``end``
            if self[i].end >= end and (not nonempty or self[i].inner_end > self[i].inner_start):
                return self[i]
        return None

    def across(self, start: int, end: int) -> list[Quote]:
        """The quotes, in order, whose marks overlap [start, end)."""
        opened = bisect_left(self._starts, end)
        return [self[i] for i in range(bisect_right(self._reach, start, 0, opened), opened) if self[i].end > start]


def _facing(text: str, i: int, n: int, single_open: bool) -> str:
    """Which way a mark at [i, i + n) faces: "open", "close", "?" when its neighbours do not say, "" when it is an
    apostrophe ("don’t", "the farmers’ union" when no single quote is open)."""
    before, after = text[i - 1] if i else " ", text[i + n] if i + n < len(text) else " "
    if text[i] in "‘’" and before.isalnum() and (after.isalnum() or before == "s" and not single_open):
        return ""
    if text[i] in OPENERS or text[i] in CLOSERS:
        return "open" if text[i] in OPENERS else "close"
    opens, closes = before.isspace() or before in "([{—–-/", after.isspace() or after in ".,;:!?)]}—–-/"
    return "open" if opens and not closes else "close" if closes and not opens else "?"


def find_quotes(text: str) -> QuoteList:
    """Every quotation in ``text`` in order; an unclosed opening quote runs to the next opening mark or the end."""
    found: list[Quote | None] = []
    open_at: dict[str, int | None] = {"double": None, "single": None}
    for m in MARKS.finditer(text):
        i, n = m.start(), m.end() - m.start()
        family = "single" if m.group() in "‘’" else "double"
        facing = _facing(text, i, n, open_at["single"] is not None)
        if not facing or family == "single" and open_at["double"] is not None:
            continue  # an apostrophe, or a single quote inside a double one
        if facing == "?":
            facing = "close" if open_at[family] is not None else "open"
        start = open_at[family]
        if facing == "open" and start is not None:  # the quote before never closed: it ends where this one begins
            found.append(_quote(text, start, i, i, closed=False))
        if facing == "open":
            open_at[family] = i
        elif start is not None:
            found.append(_quote(text, start, i + n, i))
            open_at[family] = None
    found += [_quote(text, s, len(text), len(text), closed=False) for s in open_at.values() if s is not None]
    return QuoteList(sorted((q for q in found if q is not None), key=lambda q: q.start))


def _quote(text: str, start: int, end: int, inner_end: int, closed: bool = True) -> Quote | None:
    """The quote whose mark opens at ``start`` (one or two characters), its inner span without white space and a
    trailing comma inside the marks; None when there is nothing between them."""
    s, e = start + (2 if text.startswith("''", start) else 1), inner_end
    if e <= s:
        return None
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return Quote(start, end, s, e, closed)


def token_quotes(doc, text: str) -> QuoteList:
    """The quotes of a doc's text in token positions: ``start``/``end`` the tokens of the marks and all between,
    ``inner_*`` the tokens inside (the only conversion from characters the extractor makes)."""
    starts = [t.idx for t in doc]
    out = [Quote(bisect_right(starts, q.start) - 1, bisect_left(starts, q.end), bisect_left(starts, q.inner_start),
                 bisect_left(starts, q.inner_end), q.closed) for q in find_quotes(text)]
    return QuoteList(q for q in out if q.inner_start < q.inner_end)
