"""Find quoted passages in a text: curly and straight double quotes, and single curly quotes."""
from __future__ import annotations

from dataclasses import dataclass

OPEN_CLOSE = {"“": "”", "„": "“", "«": "»", '"': '"'}  # opening mark → its closing mark


@dataclass
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` do not; ``closed`` is False when it runs on."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True

    def words(self, text: str) -> int:
        return len(text[self.inner_start:self.inner_end].split())


def _single_quotes(text: str, taken: list[Quote]) -> list[Quote]:
    """‘...’ pairs, told apart from apostrophes by the letters around them."""
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
            if j < 0:
                break
            after = text[j + 1:j + 2]
            if not after or not after.isalnum():
                break
            j += 1
        if j < 0:
            break
        if not any(q.start <= i < q.end for q in taken):
            found.append(Quote(i, j + 1, i + 1, j))
        i = j + 1
    return found


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text`` in order; an unclosed opening quote runs to the end of the text."""
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPEN_CLOSE:
            close = OPEN_CLOSE[ch]
            j = text.find(close, i + 1)
            if j < 0:
                quotes.append(Quote(i, n, i + 1, n, closed=False))
                break
            quotes.append(Quote(i, j + 1, i + 1, j))
            i = j + 1
            continue
        i += 1
    quotes.extend(_single_quotes(text, quotes))
    quotes.sort(key=lambda q: q.start)
    return [_trim(text, q) for q in quotes if q.inner_end > q.inner_start]


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
    for q in quotes:
        if q.start < start and end <= q.end:
            return q
    return None
