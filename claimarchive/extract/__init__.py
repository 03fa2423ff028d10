"""Extract claims from an article's parsed passages: attributed claims with their cue and source (their channels
are ``enrich.relays``'), and the reporter's own statements as ``reported`` claims.

    ClaimExtractor(body): .add(passage) for each parsed passage, then .claims()  (or extract_claims(passages, body))

For each passage: candidates (``parsed.candidates`` by dependency patterns, or ``rules.candidates`` by token
shapes), the shared passes of ``passes.py`` (widen the source and content, vetoes, quotes, splitting), then claims:
attributed ones, quotes that continue them, a verification ("could not be independently verified") marked on the
claim it is about, and the reporter's sentences. Inside, every span is a spaCy ``Span`` of the passage's doc;
offsets into the body are made only when a ``Claim`` is.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Span

from .. import __version__
from ..model import Claim, Relay
from ..nlp import Passage
from . import frames as F
from . import parsed, passes, rules
from .candidates import QUOTE_CHARS, Candidate
from .quotes import QuoteList, token_quotes

ORIGIN = f"extracted:{__version__}"
MIN_WORDS = 4
LEAD_MIN_WORDS = 6
KINDS = {"headline": "headline", "caption": "caption"}  # a claim's kind by its passage's, else attributed or reported


def relayed_source(source: Span | None) -> tuple[Span | None, list[tuple[str, Span]]]:
    """A source that names who relayed it ("a military source quoted by state news agency SANA", "an official cited
    by Tasnim"): the source before the participle, and the relay after it."""
    if source is None:
        return None, []
    doc = source.doc
    k = next((k for k in range(source.start + 1, source.end - 2) if doc[k].lower_ in F.RELAYED_BY
              and doc[k + 1].lower_ == "by"), None)
    if k is None:
        return source, []
    end = k
    while end > source.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    start = k + 2 + (doc[k + 2].lower_ in F.ARTICLES and k + 3 < source.end)
    return (doc[source.start:end], [("quoted_by", doc[start:source.end])]) if end > source.start else (source, [])


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
        self.carried: Claim | None = None  # the last quote of the previous passage, which the next may continue
        self.off = passes.vetoes_off()

    def add(self, passage: Passage) -> None:
        claims, self.carried = _Passage(passage, self).claims()
        self.found.extend(claims)

    def claims(self) -> list[Claim]:
        """Every claim added (``enrich.pronouns`` resolves pronoun sources)."""
        return self.found


class _Covered:
    """Token spans already inside a claim's content, filed under every sentence they reach."""

    def __init__(self, sents: list[Span]):
        self.starts = [s.start for s in sents] or [0]
        self.by_sentence: list[list[tuple[int, int]]] = [[] for _ in self.starts]

    def _sentences(self, start: int, end: int) -> range:
        return range(max(0, bisect_right(self.starts, start) - 1), max(0, bisect_right(self.starts, end - 1) - 1) + 1)

    def _near(self, start: int, end: int):
        for k in self._sentences(start, max(start + 1, end)):
            yield from self.by_sentence[k]

    def add(self, span: Span) -> None:
        for k in self._sentences(span.start, span.end):
            self.by_sentence[k].append((span.start, span.end))

    def holds(self, span: Span) -> bool:
        return any(a <= span.start and span.end <= b and (a, b) != (span.start, span.end)
                   for a, b in self._near(span.start, span.start + 1))

    def overlaps(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self._near(start, end))

    def touches(self, start: int, end: int) -> bool:
        return any(a <= start < b or start <= a < end for a, b in self._near(start, end))


def bounds(sent: Span) -> tuple[int, int]:
    """A sentence's tokens without surrounding space."""
    s = next((t.i for t in sent if not t.is_space), sent.end)
    return s, next((t.i + 1 for t in reversed(sent) if not t.is_space), s)


class _Passage:
    """One passage's claims: attributed, continued quotes, verifications, reported."""

    def __init__(self, passage: Passage, extractor: ClaimExtractor):
        self.p, self.x = passage, extractor
        self.doc = passage.doc
        self.parsed = self.doc.has_annotation("DEP")
        self.quotes: QuoteList = token_quotes(self.doc, passage.text)
        # a headline is one sentence, however the sentencizer split its capitalised words
        self.sents = [self.doc[:]] if passage.kind == "headline" and len(self.doc) else list(self.doc.sents)
        self.covered = _Covered(self.sents)
        self.made: list[tuple[int, Claim]] = []  # (token start, claim)
        self.verifications: list[tuple[Span, Candidate]] = []

    def claims(self) -> tuple[list[Claim], Claim | None]:
        cands = (parsed.candidates if self.parsed else rules.candidates)(self.doc, self.sents, self.quotes)
        starts = [s.start for s in self.sents]
        per_sentence: list[list[Candidate]] = [[] for _ in self.sents]
        for cand in cands:
            per_sentence[max(0, bisect_right(starts, cand.cue.start) - 1)].append(cand)
        kept = []
        for sent, found in zip(self.sents, per_sentence, strict=True):
            ctx = passes.Context(self.doc, sent, found, self.quotes, self.p.kind, self.parsed)
            kept.append(passes.apply(found, ctx, self.x.off))
        if self.parsed and self.p.kind == "headline" and not any(kept):  # telegraphic: the parse may miss its verb
            found = rules.candidates(self.doc, self.sents, self.quotes)
            ctx = passes.Context(self.doc, self.sents[0], found, self.quotes, self.p.kind, False)
            kept = [passes.apply(found, ctx, self.x.off)]
        self._attributed(kept)
        self._continued_and_reported(kept)
        self._verifications()
        out = [c for _, c in sorted(self.made, key=lambda sc: (sc[1].start, sc[1].end))]
        last = out[-1] if out and out[-1].is_quote and out[-1].source_text else None
        return out, (last if out else self.x.carried)

    # ------------------------------------------------------------ attributed claims

    def _attributed(self, per_sentence: list[list[Candidate]]) -> None:
        """The claims of the candidates the passes kept: each has its source (an inherited one too), but for a
        sourceless hedge or verification."""
        headline = self.p.kind == "headline"
        for sent, cands in zip(self.sents, per_sentence, strict=True):
            for cand in cands:
                content = cand.content
                if (headline and cand.inherit) or (cand.source is None and self.covered.holds(content)):
                    continue
                if cand.construction == "unverified" or cand.verification and not cand.content_first and len(
                        content) <= 3:  # "could not verify the claims": about the claim before it
                    self.verifications.append((sent, cand))
                    continue
                self._add(self._claim(sent, cand, content), content)

    def _verifications(self) -> None:
        """"The footage could not be independently verified": the claim before it, in this passage or the last
        paragraph, is marked not_confirmed, and the statement itself is no claim (it is one when nothing precedes)."""
        for sent, cand in self.verifications:
            before = [c for s, c in self.made if s < sent.start and c.kind != "headline"]
            target = max(before, key=lambda c: c.start) if before else None
            if target is None and self.x.found and self.x.found[-1].kind not in ("headline", "caption"):
                target = self.x.found[-1]
            if target is not None:
                target.verification = cand.verification
            else:
                self._add(self._claim(sent, cand, cand.content), cand.content)

    def _add(self, claim: Claim, span: Span) -> None:
        self.made.append((span.start, claim))
        self.covered.add(span)

    def _at(self, span: Span) -> tuple[int, int]:
        """Where a span of the doc is in the body."""
        return self.p.offset + span.start_char, self.p.offset + span.end_char

    def _new(self, span: Span, s: int, e: int, **fields) -> Claim:
        """The claim of ``span``, in the sentence of tokens [s, e), with the body's offsets."""
        (start, end), (sent_start, sent_end) = self._at(span), self._at(self.doc[s:e])
        return Claim(start=start, end=end, text=self.x.body[start:end], sentence_start=sent_start,
                     sentence_end=sent_end, origin=ORIGIN, **fields)

    def _claim(self, sent: Span, cand: Candidate, content: Span) -> Claim:
        body, (cue_start, cue_end) = self.x.body, self._at(cand.cue)
        source, relayed = relayed_source(cand.source)
        claim = self._new(content, *bounds(sent), kind=KINDS.get(self.p.kind, "attributed"), certainty=cand.certainty,
                          cue=" ".join(body[cue_start:cue_end].split()), cue_lemma=cand.frame.lemma.replace(" ", "_"),
                          cue_start=cue_start, cue_end=cue_end, verification=cand.verification,
                          is_quote=any(q.inner_start < content.end and content.start < q.inner_end
                                       for q in self.quotes.across(content.start, content.end)),
                          relays=[Relay(body[a:b], rel, a, b) for rel, m in [*relayed, *cand.relays]
                                  for a, b in [self._at(m)]])
        claim.sentence_start, claim.sentence_end = min(claim.sentence_start, claim.start), max(claim.sentence_end, claim.end)
        if cand.certainty == "asserted" and _hedged(claim.text):
            claim.certainty = "hedged"
        if source is not None:
            claim.source_start, claim.source_end = self._at(source)
            claim.source_text = body[claim.source_start:claim.source_end]
        return claim

    # ------------------------------------------------------------ continued quotes and reported claims

    def _continued_and_reported(self, per_sentence: list[list[Candidate]]) -> None:
        """Sentence by sentence: a whole-quote sentence continues the claim just before it; a statement no claim
        covers (or the lead clause before an attribution) is the reporter's own."""
        for k, (sent, cands) in enumerate(zip(self.sents, per_sentence, strict=True)):
            s, e = bounds(sent)
            if e <= s:
                continue
            if not self.covered.touches(s, e) and self._continues(k, s, e):
                continue
            lead = self._lead_clause(sent, cands)
            if lead is not None:
                self._add(self._reported(sent, lead), lead)
                continue
            if self.covered.overlaps(s, e) or any(c.cue.end <= e for c in cands):  # a cue within it
                continue
            if _is_statement(sent, self.p.kind):
                self._add(self._reported(sent, self.doc[s:e]), self.doc[s:e])

    def _continues(self, k: int, s: int, e: int) -> bool:
        """A sentence that is one quote, after an attributed claim: the same speaker's (a claim of its own after
        indirect speech, the quote joined after a quote and its attribution tail); at a passage's start, the
        previous passage's last quote."""
        quote = self.quotes.first_around(s + 1, e - 1, nonempty=True)
        if quote is None or quote.start > s or self.p.kind == "headline":
            return False
        inner = self.doc[quote.inner_start:quote.inner_end]
        prev = self._claim_before(s)
        if prev is None and k == 0 and self.x.carried is not None:
            self._add(self._carried(self.x.carried, inner, s, e), inner)
            return True
        if prev is None or not prev[1].source_text:
            return False
        start, claim = prev
        if not claim.is_quote:
            self._add(self._carried(claim, inner, s, e), inner)  # "He said X. “Q.”"
            return True
        off = self.p.offset
        between = self.x.body[claim.end:off + self.doc[quote.start].idx]
        if _only_attribution_tail(between) and self._next_sentence(max(claim.end, claim.cue_end) - off, s):
            claim.end = off + inner.end_char
            claim.text = self.x.body[claim.start:claim.end]
            claim.sentence_end = max(claim.sentence_end, self._at(self.doc[s:e])[1])
            self.covered.add(inner)
            return True
        return False

    def _claim_before(self, s: int) -> tuple[int, Claim] | None:
        """The claim of this passage that starts last before token s (the one a quote there continues)."""
        before = [sc for sc in self.made if sc[0] < s]
        return max(before, key=lambda sc: (sc[1].start, sc[1].end)) if before else None

    def _next_sentence(self, char: int, s: int) -> bool:
        """The sentence starting at token s comes right after the one holding passage character ``char``."""
        starts = [sent.start_char for sent in self.sents]
        k = bisect_right(starts, char) - 1
        return 0 <= k < len(self.sents) - 1 and bounds(self.sents[k + 1])[0] == s

    def _carried(self, prev: Claim, inner: Span, s: int, e: int) -> Claim:
        return self._new(inner, s, e, kind="attributed", cue=prev.cue, cue_lemma=prev.cue_lemma,
                         cue_start=prev.cue_start, cue_end=prev.cue_end, source_text=prev.source_text,
                         source_start=prev.source_start, source_end=prev.source_end, is_quote=True,
                         certainty=prev.certainty, note="continues the previous paragraph's quote")

    def _lead_clause(self, sent: Span, cands: list[Candidate]) -> Span | None:
        """The reporter's own clause before an attribution in the same sentence, when it states something: "The
        bank held rates, as expected, but its president warned that ..."."""
        s, e = bounds(sent)
        starts = [x for c in cands if c.content is not None for x in (
            c.cue.start, c.content.start, *(() if c.participle or c.source is None else (c.source.start,)))]
        if not starts or min(starts) <= s:
            return None
        first = min(starts)
        end = passes.cut(self.doc, s, first, keep='%)”"', joiners=passes.JOINERS | {"which", "who", "that"})
        if end <= s or self.covered.overlaps(s, end):
            return None
        toks = self.doc[s:end]
        if sum(t.is_alpha or t.like_num for t in toks) < LEAD_MIN_WORDS or not (
                toks[-1].is_alpha or toks[-1].like_num or toks[-1].text in ("%", ")", "”", '"', "'")):
            return None
        if self.parsed:
            if not any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj") and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.i >= s for c in t.children) for t in toks):
                return None
        elif not any(t.lower_ in F.AUXILIARIES | F.IRREGULAR_PAST or t.lower_.endswith("ed") for t in toks):
            return None
        return toks

    def _reported(self, sent: Span, span: Span) -> Claim:
        end = next((k for k in range(span.end, span.start, -1) if self.doc[k - 1].text not in (".", "!", ";", ":", ",")),
                   span.start)
        claim = self._new(self.doc[span.start:end], *bounds(sent), kind=KINDS.get(self.p.kind, "reported"))
        claim.certainty = "hedged" if _hedged(claim.text) else "asserted"
        return claim


def _only_attribution_tail(text: str) -> bool:
    """The text between two quotes is only an attribution ("he said.", "Ortiz said in a video posted on Facebook.")
    or punctuation: a cue, a few words, no other quotation."""
    words = re.findall(r"[\w’'-]+", text)
    if not words:
        return True
    inner = text.lstrip(".,;:!?—–-\"”’» \n")
    if len(words) > 14 or len(text) > 140 or any(ch in inner for ch in "“”\"«»"):
        return False
    return any(w.lower() in F.TABLE.forms for w in words)


def _hedged(text: str) -> bool:
    if set(re.findall(r"[a-z]+", text.lower())) & F.HEDGE_ADVERBS:
        return True
    return bool(re.search(r"\b(?:appears?|appeared|seems?|seemed) to\b|\bmay have\b|\bmight\b|\bunclear\b",
                          text, re.IGNORECASE))


def _is_statement(sent: Span, kind: str) -> bool:
    """A sentence that can state a checkable fact: enough words, a verb, not a question."""
    words = [t for t in sent if t.is_alpha or t.like_num]
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in QUOTE_CHARS), None)
    if len(words) < MIN_WORDS or (last is not None and last.text == "?"):
        return False
    if sent.doc.has_annotation("POS") and kind != "headline":
        return any(t.pos_ in ("VERB", "AUX") for t in sent)
    if kind == "headline" or len(words) >= 6:
        return True
    return any(t.lower_ in F.AUXILIARIES or t.lower_ in F.TABLE.forms or t.lower_.endswith("ed") for t in sent)
