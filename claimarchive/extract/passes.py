"""The shared passes over one sentence's candidates, in order: widen the source and the content (the parser path's
heads to their phrases: the rules path finds whole phrases), vetoes, quotes, splitting.

Vetoes are named predicates in ``VETOES``, each with the example it exists for (tests/test_extract.py runs every
example with its veto on and off). Switch vetoes off by name with the environment variable ``CLAIMARCHIVE_VETOES_OFF``
(comma-separated, or ``all``) to see what each is worth, e.g.

    CLAIMARCHIVE_VETOES_OFF=nested python ingest.py tests/corpus --db /tmp/c.db
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc, Span

from . import frames as F
from . import parsed, rules
from .candidates import QUOTE_CHARS, SOURCELESS, Candidate, junk, trim, worded
from .quotes import Quote, QuoteList


@dataclass
class Context:
    doc: Doc
    sent: Span
    found: list[Candidate]  # the sentence's candidates still standing
    quotes: QuoteList
    kind: str  # the passage's kind: headline, paragraph, caption
    parsed: bool


@dataclass
class Veto:
    name: str
    example: str  # a sentence it exists for, read wrong without it
    test: Callable[[Candidate, Context], bool]


VETOES: dict[str, Veto] = {}


def veto(name: str, example: str):
    def register(test):
        VETOES[name] = Veto(name, example, test)
        return test
    return register


def vetoes_off() -> set[str]:
    off = {v.strip() for v in os.environ.get("CLAIMARCHIVE_VETOES_OFF", "").split(",") if v.strip()}
    return set(VETOES) if "all" in off else off


def _before(ctx: Context, cand: Candidate) -> str:
    k = rules.Sentence(ctx.doc, ctx.sent).prev(cand.cue.start)
    return ctx.doc[k].lower_ if k >= ctx.sent.start else ""


@veto("modifier", "The reported attack killed five people in the market.")
def _modifier(cand: Candidate, ctx: Context) -> bool:
    """A cue word as a modifier or a noun: "so-called", "the said agreement", "the reported attack", "of claims" (but
    "went on to say", "unable to confirm")."""
    tok, prev = cand.cue[0], _before(ctx, cand)
    if cand.construction != "verb":
        return False
    if prev in ("so", "so-") or prev in ("-", "‐") and tok.i > 1 and ctx.doc[tok.i - 2].lower_ == "so":
        return True
    gov = ctx.doc[tok.i - 2 - (ctx.doc[tok.i - 2].lower_ in ("on", "up"))].lower_ if tok.i > 2 else ""
    infinitive = prev == "to" and tok.lower_ == cand.frame.lemma.split()[0] and (gov.endswith("ed") or gov in (
        "able", "unable", "went", "refuses", "declines", "wants"))  # "went on to say", "unable to confirm"
    return prev in F.ARTICLES | {"this", "that", "these", "those", "aforesaid", "above", "so", "my", "your"} or (
        prev in F.PREPOSITIONS and not infinitive)


@veto("passive", "Residents were told the water was safe to drink.")
def _passive(cand: Candidate, ctx: Context) -> bool:
    """A cue in the passive with no source of its own, on the rules path ("were told", "homes promised by")."""
    tok = cand.cue[0]
    if ctx.parsed or cand.construction != "verb" or tok.lower_ == cand.frame.lemma or tok.lower_.endswith(("s", "ing")):
        return False
    k = tok.i - 1
    while k > ctx.sent.start and ctx.doc[k].lower_.endswith("ly") and len(ctx.doc[k]) > 4:
        k -= 1
    return k >= ctx.sent.start and ctx.doc[k].lower_ in F.BE_FORMS or cand.cue.end < ctx.sent.end and ctx.doc[
        cand.cue.end].lower_ == "by"


@veto("document", "In a statement posted on its website, the army said the border was closed.")
def _document(cand: Candidate, ctx: Context) -> bool:
    """A participle after a document's noun modifies it ("a statement posted on", "a report published by"); a verb
    ending its sentence is none ("“...,” the statement added.")."""
    return not ctx.parsed and cand.construction == "verb" and cand.cue[0].lower_.endswith(("ed", "en")) and _before(
        ctx, cand) in F.STATEMENT_NOUNS and cand.cue.end < rules.Sentence(ctx.doc, ctx.sent).lim


@veto("nested", "Two aides said the governor had urged lawmakers to drop the bill.")
def _nested(cand: Candidate, ctx: Context) -> bool:
    """A cue inside another's content is part of that claim when that content comes first ("X pledged money, the
    minister said"), or the cue follows the other's with no break and no "that" of its own; so is one in the other's
    adverbial ("told X in an interview broadcast on Sunday that")."""
    for other in ctx.found:
        if other is cand or other.source is None or other.content is None or cand.content is None:
            continue
        if other.cue.end <= cand.cue.start < other.content.start <= cand.content.start:
            return True
        if not other.content.start <= cand.cue.start < other.content.end or cand.source is not None and (
                cand.source.start <= other.content.start and clause_break(ctx.doc, cand.cue.end, other.content.end)):
            continue  # "X said A, while B, Y said": two claims, split where B begins
        if other.content_first or other.construction == "according" or not any(
                t.lower_ == "that" for t in ctx.doc[cand.cue.end:cand.content.start]) and not any(
                t.is_punct or t.text in QUOTE_CHARS or t.lower_ in F.CLAUSE_WORDS
                for t in ctx.doc[other.cue.end:cand.cue.start]):
            return True
    return False


@veto("question", "The ministry has not said how many people died in the attack.")
def _question(cand: Candidate, ctx: Context) -> bool:
    """"has not said how many", "asked whether": an open question, a non-answer, no claim."""
    first = next((t for t in cand.content if not junk(t)), None) if cand.content is not None else None
    return first is not None and first.lower_ in F.WH_WORDS and ctx.doc[first.i - 1].lower_ != "that" and not (
        first.lower_ in ("who", "which", "what") and cand.content_first) and ctx.quotes.first_around(
        cand.content.start, cand.content.start + 1) is None


@veto("background", "The union, which has long urged workers to strike, met on Friday.")
def _background(cand: Candidate, ctx: Context) -> bool:
    """A cue in a relative clause with no clause of its own: background ("..., which has long urged X to ...")."""
    tok, doc = cand.cue[0], ctx.doc
    k = tok.i - 1  # rules path: "which" or "who" before the cue, past its auxiliaries and adverbs
    while k > ctx.sent.start and (doc[k].lower_ in F.AUXILIARIES | {"long"} or doc[k].lower_.endswith("ly")):
        k -= 1
    if not (tok.dep_ == "relcl" if ctx.parsed else doc[k].lower_ in ("which", "who")) or cand.content is None or (
            cand.content_first):
        return False
    if ctx.parsed:
        return cand.clause is None
    return not ("any" in cand.frame or doc[cand.content.start - 1].lower_ == "that" or rules.clause_shape(
        rules.Sentence(doc, ctx.sent), cand.content.start))


@veto("condition", "An official, who briefed reporters on condition that he not be named, left early.")
def _condition(cand: Candidate, ctx: Context) -> bool:
    """"on condition that ...", "provided that ...": the terms of speaking, not what was said."""
    content = cand.content
    return content is not None and content.start >= 2 and ctx.doc[content.start - 1].lower_ == "that" and ctx.doc[
        content.start - 2].lower_ in ("condition", "provided", "providing")


@veto("nothing", "The fire began in a warehouse, which said nothing.")
def _nothing(cand: Candidate, ctx: Context) -> bool:
    """"said nothing", "said little": no proposition."""
    return cand.content is not None and cand.content[0].lower_ in ("nothing", "little", "anything", "something", "much")


@veto("dateline", "WASHINGTON (AFP) said it would send more aid.")
def _dateline(cand: Candidate, ctx: Context) -> bool:
    """A "source" that is the dateline opening the sentence ("WASHINGTON (AFP)"), not the one who spoke."""
    src = cand.source
    if src is None or src.start != ctx.sent.start:
        return False
    return all(t.is_upper or t.is_punct or t.is_space for t in src) and any(t.text == "(" for t in src) or len(
        src) == 1 and src[0].is_upper and len(src[0]) > 3 and ctx.kind != "headline" and src[0].ent_type_ not in (
        "ORG", "PERSON", "NORP")


@veto("own-content", "Testifying in his own defence, the manager said his partner had kept him in the dark.")
def _own_content(cand: Candidate, ctx: Context) -> bool:
    """A source inside its own content is a misreading, unless the cue is a parenthesis ("The catch, he says, is")."""
    src, content = cand.source, cand.content
    return ctx.parsed and cand.construction == "verb" and cand.cue[0].dep_ != "parataxis" and src is not None and (
        content is not None and content.start <= src.start and src.end <= content.end)


def _relayed_reports(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"X said Y, state media reported", "..., the agency recalls": the claim is X's, relayed by the outlet (its
    ``reported_by``), when the outlet's content is one attribution of its own (its source opens it, after at most a
    fronted phrase, and its content ends the outlet's)."""
    doc, out = ctx.doc, list(cands)
    for outer in cands:
        if outer.source is None or outer.content is None or not outer.content_first or not any(
                t.lower_ in F.MEDIA_NOUNS for t in outer.source):
            continue
        inner = next((c for c in cands if c is not outer and c.source is not None and c.content is not None and (
            c.source.end <= c.cue.start < c.content.start < outer.content.end) and c.content.end <= outer.cue.end and (
            outer.content.start <= c.source.start <= outer.content.start + 6 and (
                c.source.start == outer.content.start or doc[c.source.start - 1].text == ",")
            or c.cue.end <= outer.content.start <= c.content.start + 1)), None)  # (or both took the same clause)
        if inner is not None:
            inner.content = trim(doc, inner.content.start, min(inner.content.end, outer.content.end))
            inner.relays.append(("reported_by", outer.source))
            out.remove(outer)
    return out


def apply(cands: list[Candidate], ctx: Context, off: set[str]) -> list[Candidate]:
    """Every pass over one sentence's candidates, in order."""
    for cand in cands:
        cand.headline = ctx.kind == "headline"
        if ctx.parsed and cand.head is not None:  # a cue verb read off the parse (the token patterns' come whole)
            if cand.source is not None:
                cand.source = parsed.source_phrase(ctx.doc, cand.source.root)
            elif cand.cue[0].tag_ in ("VBD", "VBZ", "VBP"):
                cand.source = rules.left_source(rules.Sentence(ctx.doc, ctx.sent), cand.cue.start)  # no subject parsed
            parsed.widen_content(ctx.doc, cand)
            if cand.content is not None and cand.content.end <= cand.cue.start and "first" not in cand.frame and (
                    cand.cue[0].dep_ != "parataxis"):
                cand.content = None  # content before a cue that takes none there
    ctx.found = kept = _relayed_reports(ctx, [c for c in cands if (
        c.content is None and "quote" in c.frame or worded(c.content)) and (
        c.source is not None or c.construction in SOURCELESS)])
    for name, v in VETOES.items():  # in order: what one veto drops no later one sees (the last cue first)
        if name not in off:
            for cand in reversed(kept[:]):
                if v.test(cand, ctx):
                    kept.remove(cand)
    quotes = ctx.quotes.across(max(ctx.sent.start - 1, 0), ctx.sent.end)
    for cand in kept:
        cand.content = with_quotes(ctx.doc, cand, quotes)
    return split(ctx, [c for c in kept if c.content is not None])


# ---------------------------------------------------------------- quotes

GAP = re.compile(r"^[\s,;:—–-]*$")


def with_quotes(doc: Doc, cand: Candidate, quotes: list[Quote]) -> Span | None:
    """The content widened to whole quotes it touches or that sit next to its cue (the sentence's ``quotes``)."""
    content = cand.content
    ends = [cand.cue.start, cand.cue.end] + ([cand.source.start, cand.source.end] if cand.source is not None else [])
    lo, hi = min(ends), max(ends)
    for q in quotes:
        if q.start <= lo < q.end or q.start < hi <= q.end:
            continue  # the cue itself is quoted
        touches = content is not None and q.inner_start < content.end and content.start < q.inner_end
        before = doc[q.end:lo] if q.end <= lo else None
        after = doc[hi:q.start] if q.start >= hi else None
        next_to = "quote" in cand.frame and any(gap is not None and _gap(gap) for gap in (before, after))
        if not touches and not next_to or q.inner_end - q.inner_start < 3 and not next_to or (
                before is not None and content is not None and doc[q.inner_end - 1].text in (".", "!", "?")
                and q.end < len(doc) and doc[q.end].is_title):
            continue  # a scare quote inside indirect speech; '“We lost everything.” The mayor said the town ...'
        if content is None:
            content, cand.content_first = doc[q.inner_start:q.inner_end], q.end <= lo
        elif touches and (q.inner_start < content.start or q.inner_end > content.end):
            content = doc[min(content.start, q.inner_start):max(content.end, q.inner_end)]
        elif next_to and after is not None and content.end <= q.start and content.start < lo:
            content = doc[content.start:q.inner_end]  # “Q1,” he said, “Q2.”
        elif next_to and before is not None and content.start >= q.end and content.end > hi:
            content = doc[q.inner_start:content.end]
    if content is None:
        return None
    end = content.end if doc[content.end - 1].text in ("?", "!") else trim(doc, content.start, content.end, lead=()).end
    return doc[content.start:end]  # a question's mark is its own


def _gap(span: Span) -> bool:
    """Only punctuation, or a short adverbial in commas, between a quote and its cue: ", ", ": ", " on Friday, "."""
    text = span.text.strip()
    return bool(GAP.match(text)) or len(text.split()) <= 4 and text.startswith((",", ":", "—", "–")) and text.endswith(
        (",", ":", "—", "–"))


# ---------------------------------------------------------------- splitting

JOINERS = {"and", "but", "while", "whereas", "as", "although", "though", "with"}


def cut(doc: Doc, start: int, end: int, keep: str = ")%", joiners: set[str] = JOINERS) -> int:
    """The end of doc[start:end] without the marks (but ``keep``) and joining words that end it."""
    while end > start and (junk(doc[end - 1]) and doc[end - 1].text not in keep or doc[end - 1].lower_ in joiners):
        end -= 1
    return end


def clause_break(doc: Doc, start: int, end: int) -> int | None:
    """The last ", while", ", but", ";" and the like in [start, end): where a sentence's second claim begins."""
    return next((k for k in range(end - 1, start, -1) if doc[k].text == ";" or doc[k - 1].text == "," and doc[
        k].lower_ in ("while", "but", "whereas", "although", "though")), None)


def split(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Several attributions in one sentence: ", adding" takes the nearest earlier speaker; "X said A, while B, Y said"
    splits at "while"; a content stops where the next one's source or cue begins; an apposition after the content
    ("..., a charge he denied") is the reporter's."""
    doc = ctx.doc
    for b in cands:
        before = [a for a in cands if a is not b and a.source is not None and a.cue.end <= b.cue.start]
        if b.inherit and b.cue[0].lower_.endswith("ing") and before:
            b.source = max(before, key=lambda a: a.cue.start).source
        for a in cands:
            k = clause_break(doc, b.cue.end, a.content.end) if a is not b and a.content_first and b.source is not None \
                and b.source.start <= a.content.start < b.cue.start else None
            if k is not None:
                b.content = doc[b.content.start:cut(doc, b.content.start, min(k, b.content.end))]
                a.content = trim(doc, k + 1, a.content.end) or a.content
    for a in cands:
        for b in cands:
            lo = min(b.cue.start, b.source.start) if b.source is not None and b.source.start >= a.content.start \
                else b.cue.start
            end = cut(doc, a.content.start, lo)
            if b is not a and a.content.start < lo < a.content.end and (b.content is None or b.content.start >= lo) \
                    and any(t.is_alpha for t in doc[a.content.start:end]):
                a.content = doc[a.content.start:end]
        for k in range(a.content.start + 1, a.content.end - 3):  # "..., a charge he denied"
            if doc[k].text == "," and doc[k + 1].lower_ in ("a", "an") and F.TABLE.noun(doc[k + 2].lower_.removesuffix(
                    "s")) and doc[k + 3].lower_ in F.PRONOUNS | F.ARTICLES | {"that", "which"}:
                a.content = doc[a.content.start:cut(doc, a.content.start, k)]
                break
    return cands
