"""Extract claims from an article's parsed passages: attributed claims with their cue, source and
channels, and the reporter's own factual sentences as ``reported`` claims.

    extract_claims(passages, body) -> list[Claim]

Quotes are joined to the attribution next to them (a quote over several sentences, or continued after
"he said,", is one claim); pronoun sources stay as worded and are resolved to the nearest named source.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span

from .. import __version__
from ..model import Claim, Relay
from ..nlp import Passage
from . import cues
from .attribution import Attribution, parsed_attributions, rule_attributions
from .quotes import Quote, QuoteList, find_quotes

ORIGIN = f"extracted:{__version__}"
MIN_WORDS = 4
JOINERS = re.compile(r"^[\s,;:—–-]*$")


def extract_claims(passages: list[Passage], body: str) -> list[Claim]:
    """Every claim in the passages, in reading order, with spans into ``body``."""
    extractor = ClaimExtractor(body)
    for passage in passages:
        extractor.add(passage)
    return extractor.claims()


class ClaimExtractor:
    """The claims of an article, passage by passage: a passage's parse may go once it is added."""

    def __init__(self, body: str):
        self.body = body
        self.found: list[Claim] = []
        self.mentions: list[tuple[int, str, bool, bool]] = []
        self.carried: Claim | None = None  # the last quote of the previous passage, which the next may continue

    def add(self, passage: Passage) -> None:
        found, self.carried = _passage_claims(passage, self.body, self.carried)
        self.found.extend(found)
        self.mentions.extend(_mentions(passage))

    def claims(self) -> list[Claim]:
        """Every claim added, pronoun sources resolved."""
        _resolve_pronouns(self.found, self.mentions)
        return self.found


def _has_parse(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def _sentences(passage: Passage) -> list[Span]:
    """The passage's sentences; a headline is one, however the sentencizer split its capitalised words."""
    doc = passage.doc
    if passage.kind == "headline" and len(doc):
        return [doc[:]]
    return list(doc.sents)


class _Covered:
    """Doc spans already inside a claim's content, each filed under every sentence it reaches, so that a
    question about a sentence looks only at the spans in or across it, not at the whole passage's."""

    def __init__(self, sents: list[Span]):
        self.starts = [sent.start_char for sent in sents] or [0]
        self.by_sentence: list[list[tuple[int, int]]] = [[] for _ in self.starts]
        self.spans: list[tuple[int, int]] = []

    def _sentences(self, start: int, end: int) -> range:
        """The sentences holding offsets start to end - 1 (at least the one holding start)."""
        first = max(0, bisect_right(self.starts, start) - 1)
        last = max(0, bisect_right(self.starts, max(start, end - 1)) - 1)
        return range(first, last + 1)

    def _near(self, start: int, end: int):
        for k in self._sentences(start, end):
            yield from self.by_sentence[k]

    def add(self, span: tuple[int, int]) -> None:
        self.spans.append(span)
        for k in self._sentences(*span):
            self.by_sentence[k].append(span)

    def holds(self, span: tuple[int, int]) -> bool:
        """Another span holds this one."""
        near = self._near(span[0], span[0] + 1) if span[1] > span[0] else self.spans
        return any(c[0] <= span[0] and span[1] <= c[1] and c != span for c in near)

    def overlaps(self, start: int, end: int) -> bool:
        return any(c[0] < end and start < c[1] for c in self._near(start, end))

    def touches(self, start: int, end: int) -> bool:
        """A span holds offset start, or starts in [start, end)."""
        return any(c[0] <= start < c[1] or start <= c[0] < end for c in self._near(start, end))


def _passage_claims(passage: Passage, body: str, carried: Claim | None) -> tuple[list[Claim], Claim | None]:
    doc = passage.doc
    text = passage.text
    quotes = find_quotes(text)
    sents = _sentences(passage)
    parsed = _has_parse(doc)
    per_sentence: list[list[Attribution]] = []
    for sent in sents:
        attrs = parsed_attributions(doc, sent, quotes) if parsed else rule_attributions(doc, sent, quotes)
        per_sentence.append(_split_contents(text, attrs))

    claims: list[Claim] = []
    covered = _Covered(sents)  # doc offsets already inside a claim's content
    _attributed_claims(passage, body, sents, per_sentence, quotes, claims, covered)
    _continued_quotes(passage, body, sents, quotes, claims, covered, carried)
    _reported_claims(passage, body, sents, per_sentence, claims, covered)
    claims.sort(key=lambda c: (c.start, c.end))
    last_quote = claims[-1] if claims and claims[-1].is_quote and claims[-1].source_text else carried
    if claims and not claims[-1].is_quote:
        last_quote = None
    return claims, last_quote


def _attributed_claims(passage: Passage, body: str, sents: list[Span], per_sentence: list[list[Attribution]],
                       quotes: QuoteList, claims: list[Claim], covered: _Covered) -> None:
    """The attributed claims of each sentence, their content widened to the quotes next to them."""
    text = passage.text
    previous_source: tuple[int, int] | None = None
    for sent, attrs in zip(sents, per_sentence, strict=True):
        sentence_quotes = quotes.across(sent.start_char, sent.end_char)
        for attr in attrs:
            if attr.inherit_source and attr.source is None:
                attr.source = previous_source
            if attr.source is not None:
                previous_source = attr.source
            content = _with_quotes(text, attr, sentence_quotes)
            if content is None:
                continue
            if attr.source is None and covered.holds(content):
                continue
            claims.append(_claim(passage, body, sent, attr, content, quotes))
            covered.add(content)


def _continued_quotes(passage: Passage, body: str, sents: list[Span], quotes: QuoteList, claims: list[Claim],
                      covered: _Covered, carried: Claim | None) -> None:
    """A quote sentence with no cue right after a quoted claim continues it."""
    text = passage.text
    starts = [sent.start_char for sent in sents]
    for sent in sents:
        s, e = _sentence_bounds(sent)
        if covered.touches(s, e):
            continue
        quote = _whole_quote(text, quotes, s, e)
        if quote is None:
            continue
        prev = claims[-1] if claims else None
        if prev is not None and not prev.is_quote and prev.source_text and prev.end <= passage.offset + s:
            # "He said X. “Q.”": the quote that follows is the same speaker's
            claims.append(_carried_claim(passage, body, prev, quote, s, e))
            covered.add((quote.inner_start, quote.inner_end))
            continue
        if prev is not None and prev.is_quote and prev.end <= passage.offset + s:
            between = body[prev.end:passage.offset + quote.start]
            if _only_attribution_tail(between) and _next_sentence(sents, starts, prev.end - passage.offset, s):
                prev.end = passage.offset + quote.inner_end
                prev.text = body[prev.start:prev.end]
                prev.sentence_end = max(prev.sentence_end, passage.offset + e)
                covered.add((quote.inner_start, quote.inner_end))
                continue
        if prev is None and carried is not None and s == 0:
            claims.append(_carried_claim(passage, body, carried, quote, s, e))
            covered.add((quote.inner_start, quote.inner_end))


def _reported_claims(passage: Passage, body: str, sents: list[Span], per_sentence: list[list[Attribution]],
                     claims: list[Claim], covered: _Covered) -> None:
    """The reporter's own statements: sentences, or the lead clause before an attribution, no claim covers."""
    text = passage.text
    cues = sorted(a.cue for a in _flatten(per_sentence) if a.content is not None)
    cue_starts = [cue[0] for cue in cues]
    for sent, attrs in zip(sents, per_sentence, strict=True):
        s, e = _sentence_bounds(sent)
        lead = _lead_clause(text, sent, attrs, covered)
        if lead is not None:  # "The bank held rates on Thursday, but its chief warned that ...": the first clause
            claims.append(_reported(passage, body, sent, *lead))
            covered.add(lead)
            continue
        if e <= s or covered.overlaps(s, e):
            continue
        if _cue_within(cues, cue_starts, s, e):
            continue
        if not _is_statement(sent, passage.kind):
            continue
        claims.append(_reported(passage, body, sent, s, e))


def _cue_within(cues: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """A cue (of sorted ``cues``, ``starts`` their starts) lies within [s, e]."""
    k = bisect_left(starts, s)
    while k < len(cues) and cues[k][0] <= e:
        if cues[k][1] <= e:
            return True
        k += 1
    return False


TRAILING_JOINERS = re.compile(r"(?:[\s,;:—–-]|\b(?:and|but|while|whereas|as|although|though|with)\b)+$",
                              re.IGNORECASE)
JOINER_MARKS = ",;:—–-"
JOINER_WORD = re.compile(r"\b(?:and|but|while|whereas|as|although|though|with)\Z", re.IGNORECASE)


def _without_joiners(text: str) -> str:
    """``TRAILING_JOINERS.sub("", text)``: the text without the spaces, marks and joining words that end it,
    stripped from the end one at a time (the regular expression retries every start in a run of spaces,
    quadratic in the run)."""
    end = len(text)
    while True:
        while end and (text[end - 1].isspace() or text[end - 1] in JOINER_MARKS):
            end -= 1
        word = JOINER_WORD.search(text, max(0, end - 8), end)
        if word is None:
            return text[:end]
        end = word.start()


def _split_contents(text: str, attrs: list[Attribution]) -> list[Attribution]:
    """Several attributions in one sentence: one's content stops where the next one's source or cue begins.

    A cue inside the content of "..., X said" or "according to X, ..." is part of X's claim, not a claim of its own.
    """
    def swallowed(b: Attribution) -> bool:
        return any(a is not b and a.content is not None and a.source is not None
                   and (a.content[1] <= a.cue[0] or a.cue_lemma == "according_to")
                   and a.content[0] <= b.cue[0] < a.content[1] for a in attrs)

    attrs = [b for b in attrs if not swallowed(b)]
    for b in attrs:
        if b.inherit_source and text[b.cue[0]:b.cue[1]].endswith("ing"):
            # "..., X said, adding that ...": the speaker is the nearest cue's before it
            before = [a for a in attrs if a is not b and a.source and a.cue[1] <= b.cue[0]]
            if before:
                b.source = max(before, key=lambda a: a.cue[0]).source
    for a in attrs:
        if a.content is None:
            continue
        for b in attrs:
            if b is a:
                continue
            lo = min(b.cue[0], b.source[0]) if b.source and b.source[0] >= a.content[0] else b.cue[0]
            if a.content[0] < lo < a.content[1] and (b.content is None or b.content[0] >= lo):
                head = text[a.content[0]:lo]
                kept = _without_joiners(head)
                if re.search(r"[^\W\d_]", kept):
                    a.content = (a.content[0], a.content[0] + len(kept))
    return attrs


def _flatten(lists):
    return [x for xs in lists for x in xs]


def _sentence_bounds(sent: Span) -> tuple[int, int]:
    """A sentence's doc offsets without surrounding space."""
    text = sent.text
    s = sent.start_char + (len(text) - len(text.lstrip()))
    e = sent.start_char + len(text.rstrip())
    return s, e


def _only_attribution_tail(text: str) -> bool:
    """The text between two quotes is only an attribution ("he said.", "Ortiz said in a video posted on
    Facebook.") or punctuation: a cue, a few words, no other quotation."""
    words = re.findall(r"[\w’'-]+", text)
    if not words:
        return True
    inner = text.lstrip(".,;:!?—–-\"”’» \n")  # the first quote's closing mark
    if len(words) > 14 or len(text) > 140 or any(ch in inner for ch in "“”\"«»"):
        return False
    return any(w.lower() in cues.CUE_FORMS for w in words)


def _next_sentence(sents: list[Span], starts: list[int], at: int, start: int) -> bool:
    """The sentence starting at ``start`` comes right after the one holding doc offset ``at`` (``starts``: the
    sentences' start offsets)."""
    k = bisect_right(starts, at) - 1
    if 0 <= k < len(sents) - 1 and sents[k].start_char <= at < sents[k].end_char:
        return _sentence_bounds(sents[k + 1])[0] == start
    return False


def _whole_quote(text: str, quotes: QuoteList, s: int, e: int) -> Quote | None:
    """The quote that makes up the whole sentence [s, e), if there is one."""
    return quotes.first_around(s + 2, e - 2, nonempty=True)


def _with_quotes(text: str, attr: Attribution, quotes: list[Quote]) -> tuple[int, int] | None:
    """The attribution's content, widened to whole quotes it touches or that sit next to its cue.

    ``quotes`` are those that reach into the attribution's sentence.
    """
    content = attr.content
    lo = min(attr.cue[0], attr.source[0]) if attr.source else attr.cue[0]
    hi = max(attr.cue[1], attr.source[1]) if attr.source else attr.cue[1]
    for q in quotes:
        if q.start <= lo < q.end or q.start < hi <= q.end:
            continue  # the cue itself is quoted
        touches = content is not None and q.inner_start < content[1] and content[0] < q.inner_end
        gap_before = text[q.end:lo] if q.end <= lo else None
        gap_after = text[hi:q.start] if q.start >= hi else None
        next_to = (gap_before is not None and _is_gap(gap_before)) or (gap_after is not None and _is_gap(gap_after))
        if not touches and not next_to:
            continue
        if q.words(text) < 3 and not next_to:
            continue  # a scare quote inside indirect speech stays part of it
        if content is None:
            content = (q.inner_start, q.inner_end)
        elif touches and (q.inner_start < content[0] or q.inner_end > content[1]):
            content = (min(content[0], q.inner_start), max(content[1], q.inner_end))
        elif next_to and gap_after is not None and content[1] <= q.start and content[0] < lo:
            content = (content[0], q.inner_end)  # “Q1,” he said, “Q2.”
        elif next_to and gap_before is not None and content[0] >= q.end and content[1] > hi:
            content = (q.inner_start, content[1])
    if content is None:
        return None
    return content


def _is_gap(text: str) -> bool:
    """Only punctuation, or an adverbial, between a quote and its cue: ", ", ": ", " on Friday, "."""
    if JOINERS.match(text):
        return True
    words = re.findall(r"[\w’'-]+", text)
    return len(words) <= 4 and text.strip().startswith((",", ":", "—", "–")) and text.strip().endswith(
        (",", ":", "—", "–"))


def _cue_text(body: str, start: int, end: int) -> str:
    return " ".join(body[start:end].split())


def _claim(passage: Passage, body: str, sent: Span, attr: Attribution, content: tuple[int, int],
           quotes: QuoteList) -> Claim:
    off = passage.offset
    start, end = off + content[0], off + content[1]
    s, e = _sentence_bounds(sent)
    sentence_start = min(off + s, start)
    sentence_end = max(off + e, end)
    is_quote = any(q.inner_start < content[1] and content[0] < q.inner_end and q.words(passage.text) >= 1
                   for q in quotes.across(*content))
    kind = {"headline": "headline", "caption": "caption"}.get(passage.kind, "attributed")
    cue = _cue_text(body, off + attr.cue[0], off + attr.cue[1])
    certainty = attr.certainty
    if certainty == "asserted" and _hedged(body[start:end]):
        certainty = "hedged"
    claim = Claim(
        start=start, end=end, text=body[start:end], kind=kind,
        sentence_start=sentence_start, sentence_end=sentence_end,
        cue=cue, cue_lemma=attr.cue_lemma, cue_start=off + attr.cue[0], cue_end=off + attr.cue[1],
        is_quote=is_quote, certainty=certainty, verification=attr.verification,
        relays=[Relay(body[off + a:off + b], rel, off + a, off + b) for rel, a, b in attr.relays],
        origin=ORIGIN,
    )
    if attr.source is not None:
        claim.source_start, claim.source_end = off + attr.source[0], off + attr.source[1]
        claim.source_text = body[claim.source_start:claim.source_end]
    return claim


def _carried_claim(passage: Passage, body: str, carried: Claim, quote: Quote, s: int, e: int) -> Claim:
    """A paragraph that only continues the previous paragraph's quote keeps its speaker."""
    off = passage.offset
    return Claim(
        start=off + quote.inner_start, end=off + quote.inner_end,
        text=body[off + quote.inner_start:off + quote.inner_end], kind="attributed",
        sentence_start=off + s, sentence_end=off + e, cue=carried.cue, cue_lemma=carried.cue_lemma,
        cue_start=carried.cue_start, cue_end=carried.cue_end, source_text=carried.source_text,
        source_start=carried.source_start, source_end=carried.source_end, is_quote=True,
        certainty=carried.certainty, origin=ORIGIN, note="continues the previous paragraph's quote",
    )


def _hedged(text: str) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    if words & cues.HEDGE_ADVERBS:
        return True
    return bool(re.search(r"\b(?:appears?|appeared|seems?|seemed) to\b|\bmay have\b|\bmight\b|\bunclear\b",
                          text, re.IGNORECASE))


def _is_statement(sent: Span, kind: str) -> bool:
    """A sentence that can state a checkable fact: enough words, a verb, not a question."""
    text = sent.text.strip()
    words = [t for t in sent if t.is_alpha or t.like_num]
    if len(words) < MIN_WORDS or text.endswith("?"):
        return False
    if sent.doc.has_annotation("POS") and kind != "headline":
        return any(t.pos_ in ("VERB", "AUX") for t in sent)
    if kind == "headline" or len(words) >= 6:
        return True
    # no tagger: a short sentence needs a word that looks like a verb
    return any(t.lower_ in cues.AUXILIARIES or t.lower_ in cues.CUE_FORMS or t.lower_.endswith("ed") for t in sent)


LEAD_MIN_WORDS = 6


def _lead_clause(text: str, sent: Span, attrs: list[Attribution], covered: _Covered) -> tuple[int, int] | None:
    """The reporter's own clause before an attribution in the same sentence, when it states something:
    "The bank held rates on Thursday, as expected, but its president warned that ..." (doc offsets)."""
    s, e = _sentence_bounds(sent)
    # a participle cue ("..., saying that ...") leaves its subject's own clause to the reporter
    starts = [x for a in attrs if a.content is not None
              for x in (a.cue[0], a.content[0], *(() if _participle(text, a) else (a.source or ())))]
    if not starts:
        return None
    first = min(starts)
    lead_text = text[s:first]
    trimmed = _without_joiners(lead_text)
    end = s + len(trimmed.rstrip())
    if covered.overlaps(s, end):
        return None
    tokens = [t for t in sent if s <= t.idx and t.idx + len(t) <= end]
    words = [t for t in tokens if t.is_alpha or t.like_num]
    if len(words) < LEAD_MIN_WORDS or not trimmed.rstrip().endswith(tuple("abcdefghijklmnopqrstuvwxyz0123456789%)”\"'")):
        return None
    if sent.doc.has_annotation("DEP"):
        # a clause of its own: a finite verb whose subject is in the lead, not a source's modifier
        if not any(t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") and c.idx >= s for c in t.children)
                   and t.dep_ in ("ROOT", "conj") for t in tokens):
            return None
    elif not any(t.lower_ in cues.AUXILIARIES or t.lower_.endswith("ed") for t in tokens):
        return None
    return s, end


def _participle(text: str, attr: Attribution) -> bool:
    """A cue like "..., saying" or "..., demanding" after its subject's main clause."""
    if not text[attr.cue[0]:attr.cue[1]].endswith("ing"):
        return False
    k = attr.cue[0]
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return k > 0 and text[k - 1] == ","


def _reported(passage: Passage, body: str, sent: Span, s: int, e: int) -> Claim:
    off = passage.offset
    text = passage.text
    end = e
    while end > s and text[end - 1] in ".!;:,":
        end -= 1
    kind = {"headline": "headline", "caption": "caption"}.get(passage.kind, "reported")
    claim_text = body[off + s:off + end]
    return Claim(start=off + s, end=off + end, text=claim_text, kind=kind, sentence_start=off + s,
                 sentence_end=off + e, certainty="hedged" if _hedged(claim_text) else "asserted",
                 origin=ORIGIN)


# ---------------------------------------------------------------- pronoun sources

def _mentions(passage: Passage) -> list[tuple[int, str, bool, bool]]:
    """Named people and groups in a passage: (body offset, text, is a person, is a sentence subject)."""
    out = []
    p = passage
    for ent in p.doc.ents:
        subject = ent.root.dep_ in ("nsubj", "nsubjpass")
        start = ent.start
        while start > 0 and p.doc[start - 1].pos_ == "PROPN" and p.doc[start - 1].is_title:
            start -= 1  # a first name the recogniser left out
        name = p.doc[start:ent.end]
        if ent.label_ == "PERSON":
            out.append((p.offset + name.start_char, name.text, True, subject))
        elif ent.label_ in ("ORG", "NORP", "GPE"):
            out.append((p.offset + ent.start_char, ent.text, False, subject))
    return out


def _looks_like_person(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and words[0].lower() not in cues.DETERMINERS


def _resolve_pronouns(claims: list[Claim], mentions: list[tuple[int, str, bool, bool]]) -> None:
    """Set ``source_resolved`` on claims whose source is a pronoun: the nearest compatible earlier name.
    ``mentions``: the named people and groups of the article's passages."""
    mentions = mentions + _source_mentions(claims, mentions)
    mentions.sort()
    # for people and for others: the mentions that are subjects, then all, each with their offsets to bisect
    candidates = {}
    for person in (True, False):
        found = [m for m in mentions if m[2] == person]
        subjects = [m for m in found if m[3]]
        candidates[person] = [(subjects, [m[0] for m in subjects]), (found, [m[0] for m in found])]
    for c in claims:
        if not c.source_text or c.source_text.lower() not in cues.PRONOUNS or c.source_start is None:
            continue
        # a pronoun subject most often continues the last named subject or speaker
        for found, offsets in candidates[c.source_text.lower() in cues.PERSON_PRONOUNS]:
            earlier = bisect_left(offsets, c.source_start)
            if earlier:
                c.source_resolved = found[earlier - 1][1]
                break


def _source_mentions(claims: list[Claim], mentions: list[tuple[int, str, bool, bool]]
                     ) -> list[tuple[int, str, bool, bool]]:
    """The named sources of the claims, as mentions: a person when a person's name, or an earlier source taken
    for a person, starts inside it (without names, when it looks like one and is the article's first)."""
    people = sorted(m[0] for m in mentions if m[2])
    named = [c for c in claims if c.source_text and c.source_text.lower() not in cues.PRONOUNS
             and c.source_start is not None]
    taken_starts = sorted({c.source_start for c in named})  # where sources taken for people may start
    taken: set[int] = set()
    out = []
    for c in named:
        person = _starts_within(people, c.source_start, c.source_end) or any(
            taken_starts[k] in taken for k in range(bisect_left(taken_starts, c.source_start),
                                                    bisect_left(taken_starts, c.source_end))) or (
            not mentions and not out and _looks_like_person(c.source_text))
        out.append((c.source_start, c.source_text, person, True))
        if person:
            taken.add(c.source_start)
    return out


def _starts_within(offsets: list[int], start: int, end: int) -> bool:
    """Some offset of the sorted ``offsets`` is in [start, end)."""
    k = bisect_left(offsets, start)
    return k < len(offsets) and offsets[k] < end
