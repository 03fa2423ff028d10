"""An article's text as HTML with its spans marked: one pass over the sorted span boundaries.

Spans may nest or overlap in any way. Between two consecutive boundaries the set of open spans is known; the
elements wanted there (outermost first) are compared with the elements open, the open ones past the common
prefix are closed (innermost first) and the wanted ones opened. Only the top of the stack is ever closed, so
the HTML is well nested whatever the spans; a span cut by another is continued in a new element with the same
attributes. Every piece of text and every attribute value is escaped. Only the innermost link span is an
``<a>`` (links cannot nest); the others around it are ``<span>`` there.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """A marked stretch of text: [start, end) offsets, its layer (outer layers first when two spans cover the
    same text), its attributes, whether it is a link (``href`` among them), and what follows its end (e.g. an
    empty badge element), as attributes of a ``<sup>``."""
    start: int
    end: int
    layer: int
    attrs: tuple[tuple[str, str], ...]
    key: str = ""
    after: tuple[tuple[str, str], ...] = field(default=())

    @property
    def link(self) -> bool:
        return any(name == "href" for name, _ in self.attrs)


def _attributes(pairs) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in pairs)


def _open(span: Span, tag: str) -> str:
    attrs = span.attrs if tag == "a" else tuple((n, v) for n, v in span.attrs if n != "href")
    return f"<{tag}{_attributes(attrs)}>"


def _wanted(active: list[Span]) -> list[tuple[Span, str]]:
    """The elements for the open spans, outermost first; only the innermost link is an <a>."""
    ordered = sorted(active, key=lambda s: (s.start, -s.end, s.layer, s.key))
    links = [i for i, span in enumerate(ordered) if span.link]
    inner = links[-1] if links else -1
    return [(span, "a" if i == inner else "span") for i, span in enumerate(ordered)]


def _common(stack: list[tuple[Span, str]], wanted: list[tuple[Span, str]]) -> int:
    n = 0
    while n < len(stack) and n < len(wanted) and stack[n] == wanted[n]:
        n += 1
    return n


def render(text: str, spans: list[Span], offset: int = 0) -> Markup:
    """``text`` (which starts at ``offset`` in the body the spans point into) as escaped HTML with every span
    marked. Spans outside the text are cut to it; empty ones are dropped."""
    end_of_text = offset + len(text)
    spans = [Span(max(s.start, offset), min(s.end, end_of_text), s.layer, s.attrs, s.key, s.after)
             for s in spans if s.start < end_of_text and s.end > offset]
    spans = [s for s in spans if s.start < s.end]
    bounds = sorted({offset, end_of_text, *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    active: list[Span] = []
    stack: list[tuple[Span, str]] = []
    out: list[str] = []
    for here, following in pairwise(bounds):
        ended = [s for s in active if s.end == here]
        active = [s for s in active if s.end > here] + starting.get(here, [])
        wanted = _wanted(active)
        keep = _common(stack, wanted)
        _close(stack, keep, out)
        out.extend(_badge(span) for span in ended if span.after)
        for element in wanted[keep:]:
            out.append(_open(*element))
            stack.append(element)
        out.append(str(escape(text[here - offset:following - offset])))
    _close(stack, 0, out)
    out.extend(_badge(span) for span in active if span.after)
    return Markup("".join(out))


def _close(stack: list[tuple[Span, str]], keep: int, out: list[str]) -> None:
    while len(stack) > keep:
        _, tag = stack.pop()
        out.append(f"</{tag}>")


def _badge(span: Span) -> str:
    return f"<sup{_attributes(span.after)}></sup>"
