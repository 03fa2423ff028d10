"""The rules path (no parser): candidates from ``Matcher`` patterns over token shapes, built from the same
frames, and their source and content found by word order. Every position is a token index into the doc."""
from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from . import frames as F
from .candidates import QUOTE_CHARS, Candidate, in_quote, trim
from .quotes import QuoteList

_MATCHERS: dict = {}
NO_QUOTES = QuoteList()
AS_ENDS = {"while", "whereas", "but", "and", "although", "though", "because"}
TIME_WORDS = {"on", "in", "at", "during", "late", "early", "earlier", "after", "before"}
ADVERBIAL_STARTS = {"on", "in", "at", "during", "late", "early", "earlier", "last", "this", "via", "through", "after",
                    "before", "to", "from", "with", "over"}
SUBORDINATORS = {"when", "after", "as", "while", "because", "if", "although", "though", "since", "once", "before"}
RELATIVE_WORDS = {"who", "whose", "whom", "which", "where"}
APPROXIMATORS = {"about", "over", "around", "nearly", "almost", "some", "roughly", "under"}
PARTICIPLE_PREPS = {"on", "by", "with", "in", "to", "about", "from", "for", "at", "of"}
COMPANY_SUFFIXES = {"inc", "inc.", "ltd", "ltd.", "llc", "plc", "corp", "corp.", "co.", "ag", "gmbh", "nv", "sa"}
NAME_PARTICLES = {"de", "da", "del", "della", "di", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le"}


def _matcher(vocab) -> Matcher:
    """Token-shape patterns for the frames as they are now: each names the construction it finds."""
    key = (id(vocab), id(F.TABLE), F.TABLE.version)
    if key not in _MATCHERS:
        forms = F.TABLE.forms
        rows = {f: F.TABLE.rows.get(lemma, F.Frame("", set())) for f, lemma in forms.items()}
        participles = sorted(f for f, row in rows.items() if "passive" in row and f != row.lemma
                             and not f.endswith(("s", "ing")))
        verified = sorted(f for f, row in rows.items() if row.verify and f.endswith(("ed", "n")))
        nouns = sorted(k for k, f in F.TABLE.rows.items() if "noun" in f)
        adverbs = {"LOWER": {"REGEX": "^[a-z]{3,}ly$"}, "OP": "*"}
        matcher = Matcher(vocab)
        matcher.add("according", [[{"LOWER": "according"}, {"LOWER": "to"}]])
        matcher.add("quoted_as", [[{"LOWER": "quoted"}, {"LOWER": "as"}, {"LOWER": "saying"}],
                                  [{"LOWER": {"IN": ["quoted", "cited", "quoting", "citing"]}},
                                   {"IS_PUNCT": False, "OP": "+"}, {"LOWER": "as"}, {"LOWER": "saying"}]])
        matcher.add("possessive", [[{"LOWER": {"IN": ["'s", "’s"]}}, {"LOWER": {"IN": nouns}}, {"LOWER": "that"}],
                                   [{"LOWER": {"IN": nouns}}, {"LOWER": {"IN": ["by", "from", "of"]}},
                                    {"IS_PUNCT": False, "LOWER": {"NOT_IN": ["that"]}, "OP": "+"}, {"LOWER": "that"}]])
        matcher.add("saying", [[{"LOWER": {"IN": sorted(F.STATEMENT_NOUNS)}},
                                {"LOWER": {"IN": sorted(f for f in forms if f.endswith("ing"))}}]])
        matcher.add("hedge_passive", [[{"LOWER": {"IN": sorted(F.BE_FORMS)}}, adverbs, {"LOWER": {"IN": participles}},
                                       {"LOWER": "to"}],
                                      [{"LOWER": "it"}, {"LOWER": {"IN": sorted(F.BE_FORMS)}}, adverbs,
                                       {"LOWER": {"IN": participles}}, {"LOWER": "that"}]])
        agented = sorted(f for f, row in rows.items() if f != row.lemma and not f.endswith(("s", "ing")) and (
            "that" in row or "obj" in row and row.objects is None))
        matcher.add("passive", [[{"LOWER": {"IN": sorted(F.BE_FORMS)}}, adverbs, {"LOWER": {"IN": agented}},
                                 {"LOWER": "by"}]])
        matcher.add("unverified", [[{"LOWER": {"IN": sorted(F.NEGATIONS)}}, {"IS_ALPHA": True, "OP": "?"},
                                    {"LOWER": {"IN": ["be", "been"]}}, adverbs, {"LOWER": {"IN": verified}}]])
        matcher.add("verb", [[{"LOWER": {"IN": sorted(forms)}}]])
        _MATCHERS.clear()
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


class Sentence:
    """A sentence for the rules: its doc, bounds and the end of its words (without closing punctuation)."""

    def __init__(self, doc: Doc, sent: Span, quotes: QuoteList = NO_QUOTES):
        self.doc, self.start, self.end, self.quotes = doc, sent.start, sent.end, quotes
        lim = sent.end
        while lim > sent.start and (doc[lim - 1].is_punct or doc[lim - 1].is_space or doc[lim - 1].text in QUOTE_CHARS):
            lim -= 1
        self.lim = lim

    def low(self, i: int) -> str:
        return self.doc[i].lower_ if self.start <= i < self.end else ""

    def prev(self, i: int) -> int:
        """The word before token i (past spaces), or start - 1."""
        i -= 1
        while i >= self.start and self.doc[i].is_space:
            i -= 1
        return i

    def span(self, start: int, end: int, lead=("that", "and", "but")) -> Span | None:
        """doc[start:end] trimmed at its edges; None without a word."""
        span = trim(self.doc, max(start, self.start), min(end, self.end), lead)
        return span if span is not None and any(t.is_alpha for t in span) else None


def title(tok: Token) -> bool:
    return tok.is_title or tok.is_upper and len(tok.text) > 1


def verb_form(tok: Token) -> bool:
    """An inflected cue form that can only be a verb ("said", "told"), not a plural noun ("reports")."""
    lemma = F.TABLE.forms.get(tok.lower_)
    return lemma is not None and tok.lower_ != lemma and not tok.lower_.endswith("s")


def candidates(doc: Doc, sents: list[Span], quotes: QuoteList) -> list[Candidate]:
    matches = sorted(_matcher(doc.vocab)(doc), key=lambda m: (m[1], -m[2]))
    out: list[Candidate] = []
    k = 0
    for sent in sents:
        s = Sentence(doc, sent, quotes)
        found: list[Candidate] = []
        taken = -1
        while k < len(matches) and matches[k][1] < sent.end:
            match_id, start, end = matches[k]
            k += 1
            name = doc.vocab.strings[match_id]
            if start < sent.start or start < taken or in_quote(quotes, doc[start]) or any(
                    c.construction == "according" and (c.content is not None and c.content.start <= start < c.content.end
                                                       or c.source.start <= start < c.source.end) for c in found):
                continue
            cand = CONSTRUCTIONS[name](s, start, end, found)
            if cand is not None:
                found.append(cand)
                taken = cand.cue.end
        out.extend(found)
    return out


def _frame(lemma: str) -> F.Frame:
    return F.TABLE.rows[lemma]


# ---------------------------------------------------------------- fixed constructions

def _according(s: Sentence, i: int, end: int, found) -> Candidate | None:
    j = i + 2
    while j < s.lim and s.doc[j].text != ",":
        j += 1
    lead = [t for t in s.doc[s.start:i] if not t.is_punct and not t.is_space]
    if j - (i + 2) > 15 or j >= s.lim and len(lead) <= 1:  # no comma: "According to Maersk the strike had ...": a name
        j = i + 2 + (s.low(i + 2) in F.ARTICLES)
        while j < s.lim and (title(s.doc[j]) or s.low(j) in NAME_PARTICLES | {"of", "for", "and"} and title(s.doc[j + 1])):
            j += 1
    source = s.span(i + 2, j, lead=())
    if source is None:
        return None
    if len(lead) <= 1:  # "According to X, ..." (maybe after "But")
        content = s.span(j + (s.doc[j].text == ","), s.lim)
    elif j >= s.lim:  # "..., according to X."
        content = s.span(s.start, i)
    else:
        content = s.span(s.start, s.lim)
    if content is None:
        return None
    return Candidate("according", s.doc[i:i + 2], _frame("according to"), source=source, content=content,
                     content_first=content.end <= i)


def _quoted_as(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"X was quoted as saying ...": the cue runs from "was" to "saying", the source is before it; "Y quoted X as
    saying": X is the source, Y relays it."""
    first = i - 1 if s.low(i - 1) in F.BE_FORMS else i
    relays, content = [], s.span(end, s.lim)
    if end - i > 3:
        source, outlet = s.span(i + 1, end - 2, lead=()), left_source(s, first)
        relays = [("quoted_by", outlet)] if outlet is not None else []
    else:
        source = left_source(s, first)
    if source is None or content is None:
        return None
    return Candidate("quoted_as", s.doc[first:end], _frame("say"), source=source, content=content, relays=relays)


def _possessive(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"Smith's claim that ...", "the claim by X that ...": a reporting noun, its holder, a that-clause."""
    content = s.span(end, s.lim)
    if s.low(i) in ("'s", "’s"):
        noun, start, stop = i + 1, chunk_start(s, i - 1), i
    else:
        noun, start, stop = i, i + 2, end - 1
    if content is None or start >= stop or not looks_like_source(s, start, stop):
        return None
    frame = _frame(s.low(noun))
    return Candidate("nominal", s.doc[noun:noun + 1], frame, source=s.doc[start:stop], content=content,
                     certainty=frame.certainty)


def _saying(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"issued a statement saying ...": the statement's holder is the sentence's subject."""
    frame = _frame(F.TABLE.forms[s.low(i + 1)])
    content = s.span(end, s.lim)
    subject = main_subject(s, i)
    if content is None or subject is None or not frame.takes & {"that", "bare"}:
        return None
    return Candidate("saying", s.doc[i + 1:end], frame, source=subject, content=content, certainty=frame.certainty)


def _hedge_passive(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"are said to ..." (the clause from its subject), "it is understood that ...": a hedge with no source."""
    frame = _frame(F.TABLE.forms[s.low(end - 2)])
    if s.low(i) == "it":
        content = s.span(end, s.lim)
    else:
        start = i
        while start > s.start and not boundary(s, start - 1):
            start -= 1
        content = s.span(start, s.lim)
    if content is None:
        return None
    return Candidate("hedge_passive", s.doc[i:end], frame, content=content, certainty="hedged")


def _passive(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"X is accused by Y of ...", "The figures were confirmed by the ministry": the agent is the source; the content
    what follows it ("of ...", "that ..."), else the subject of an object verb."""
    frame = _frame(F.TABLE.forms[s.low(end - 2)])
    stop = end
    while stop < s.lim and not s.doc[stop].is_punct and s.low(stop) not in F.CLAUSE_WORDS | {"of", "on", "in", "at"}:
        stop += 1
    source = s.span(end, stop, lead=())
    if s.low(stop) in ("of", "that"):  # "X is accused by Y of ...": all of it, as the parser path has it
        content = s.span(stop + 1, s.lim) if s.low(stop) == "that" else s.span(s.start, s.lim, lead=())
    elif "obj" in frame and frame.objects is None and (stop >= s.lim or s.doc[stop].text in (",", ";")):
        content = s.span(chunk_start(s, i), i, lead=())
    else:
        return None
    if source is None or content is None or not looks_like_source(s, source.start, source.end):
        return None
    return Candidate("passive", s.doc[end - 2:end - 1], frame, source=source, content=content,
                     content_first=content.end <= i, certainty=frame.certainty)


def _unverified(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"The footage could not be verified (by Reuters)": a verification; a named agent is its source."""
    start = i
    while start > s.start and not boundary(s, start - 1):
        start -= 1
    content = s.span(start, end, lead=())
    if content is None:
        return None
    source = None
    if s.low(end) == "by":
        stop = end + 1
        while stop < s.lim and not s.doc[stop].is_punct and s.low(stop) not in F.CLAUSE_WORDS:
            stop += 1
        names = [t for t in s.doc[end + 1:stop] if t.lower_ not in F.ARTICLES]
        if names and all(title(t) for t in names):
            source = s.doc[end + 1:stop]
    return Candidate("unverified", s.doc[end - 1:end], _frame(F.TABLE.forms[s.low(end - 1)]), source=source,
                     content=content, verification="not_confirmed")


# ---------------------------------------------------------------- a cue verb, by word order

def _verb(s: Sentence, i: int, end: int, found: list[Candidate]) -> Candidate | None:
    """A cue form read by word order: source–cue–content, content–source–cue or content–cue–source."""
    doc, low = s.doc, s.low(i)
    lemma = F.TABLE.forms[low]
    prev = s.low(s.prev(i))
    nxt = s.low(i + 1)
    particle = nxt if nxt in F.TABLE.particles(lemma) else None
    frame = F.TABLE.get(lemma, particle)
    if frame is None or (particle and " " not in frame.lemma):
        particle = None
    if frame is None or not frame.takes or prev in ("’s", "'s"):
        return None
    cue = doc[i:i + 2] if particle else doc[i:i + 1]
    cand = Candidate("verb", cue, frame, certainty=frame.certainty)
    cand.how = ("order",)
    if "naming" in frame or "as" in frame:
        if _naming(s, cand):
            return cand
        if not frame.takes - {"naming", "as"}:
            return None
    if "nounlike" in frame and _noun_use(s, i, lemma):
        return None
    order = Order(s, cand, found)
    if order.after is None:
        return None
    if order.unmarked and (order.right_empty or order.content_before and order.inverted):
        if order.content_before or order.left is not None and any(t.text in (",", "—", "–") or t.text in QUOTE_CHARS
                                                                  for t in doc[max(s.start, order.left.start - 3):i]):
            cand.source, cand.content = order.before_cue()
            cand.content_first = True
        else:  # "The government and the military did not respond": nothing said (a quote next to it may say it)
            cand.source = order.left or order.inverted
    elif any(veto(order) for veto in (NO_CONTENT_AFTER if order.unmarked else (_no_that,))):
        return None
    else:
        stop = s.lim
        if s.low(s.start) in SUBORDINATORS and cand.cue.start > s.start:  # "When X announced that Q, ...": Q
            stop = next((k for k in range(order.after, s.lim) if doc[k].text == "," and not in_quote(
                s.quotes, doc[k])), s.lim)
        cand.content = s.span(order.after, stop)
        cand.source, cand.inherit = order.source_of_content_after()
        if cand.content is not None and cand.content[0].lower_ in ("it", "this", "so") and all(
                t.lower_.endswith("ly") or not t.is_alpha for t in cand.content[1:]):
            cand.content = None  # "“...” She said it quietly.": the quote is the content
    if cand.source is None or (cand.content is None and not order.right_empty and "quote" not in frame):
        return None
    cand.relays = order.relays
    k = i - 1  # "did not say", "has not been able to confirm": a negation among the cue's auxiliaries
    while k >= s.start and (s.low(k) in F.AUXILIARIES | {"able", "unable", "to", "declined"} or s.low(k).endswith("ly")):
        if s.low(k) in F.NEGATIONS | {"unable", "declined"}:
            break
        k -= 1
    if k >= s.start and s.low(k) in F.NEGATIONS | {"unable", "declined"}:
        if frame.verify:
            cand.verification = "not_confirmed"
        else:
            cand.certainty = "denied"
    return cand


def _noun_use(s: Sentence, i: int, lemma: str) -> bool:
    """A cue form used as a noun: after a preposition ("of federal states"), or a base or -s form not before
    "that", "to", a colon or a quote ("the state media")."""
    low, prev = s.low(i), s.prev(i)
    before = s.doc[prev] if prev >= s.start else None
    if before is not None and low == lemma and (before.lower_ in F.PRONOUNS - {"it"} or before.is_lower and (
            before.lower_.endswith("s") and not before.lower_.endswith("ss") and before.lower_ not in F.DETERMINERS)):
        return False  # "Opposition lawmakers claim ...", "they state": a plural subject, then the verb
    if low == lemma + "s" and prev > s.start and s.doc[prev].is_lower and s.low(prev) not in F.PRONOUNS and s.low(
            s.prev(prev)) in F.PREPOSITIONS | {"that"}:
        return True
    return low in (lemma, lemma + "s") and s.low(i + 1) not in ("that", "to", ":") and s.doc[
        min(i + 1, len(s.doc) - 1)].text not in QUOTE_CHARS


def _naming(s: Sentence, cand: Candidate) -> bool:
    """"called the bill "a surrender"", "condemned the move as economic bullying": an object of a few words, then a
    quoted name or an "as"-phrase; sets the candidate's source and content."""
    i, frame, doc = cand.cue.start, cand.frame, s.doc
    j = i + 1
    while j < s.lim and j - i <= 8 and s.low(j) != "as" and doc[j].text not in QUOTE_CHARS and not (
            j > i + 2 and s.low(j) in ("a", "an") and "naming" in frame):  # "called the bill a disaster"
        if doc[j].is_punct or s.low(j) in F.CLAUSE_WORDS or (verb_form(doc[j]) and s.low(j - 1) not in F.DETERMINERS):
            return False
        j += 1
    if j >= s.lim or j == i + 1 or s.low(i + 1) in F.PREPOSITIONS or s.low(j - 1).endswith(("self", "selves")):
        return False
    if s.low(j) == "as" and "as" not in frame or s.low(j) != "as" and "naming" not in frame:
        return False
    k = j + 1 if s.low(j) == "as" else j
    if k < s.lim and doc[k].text in QUOTE_CHARS:  # a quoted name runs to its closing mark
        k += 1
        while k < s.end and doc[k].text not in QUOTE_CHARS:
            k += 1
        stop = k + 1
    else:
        stop = k
        while stop < s.lim and not (doc[stop].text in (",", ";", ":", "—", "–") or s.low(stop) in AS_ENDS):
            stop += 1
    cand.source, cand.content = left_source(s, i), s.span(i + 1, stop)
    return cand.source is not None and cand.content is not None


class Order:
    """Where, by word order, a cue's content may start and its source may be."""

    def __init__(self, s: Sentence, cand: Candidate, found: list[Candidate]):
        self.s, self.cand, self.found = s, cand, found
        doc, frame, i = s.doc, cand.frame, cand.cue.start
        self.i, self.frame = i, frame
        last = cand.cue.end - 1
        after = skip_adverbials(s, last + 1, frame)
        self.relays = adverbial_relays(s, last, after)
        if "addressee" in frame and after < s.lim and s.low(after) not in {"that", ":", "to"} | frame.preps and doc[
                after].text not in QUOTE_CHARS:
            person = after
            after, told = past_addressee(s, after)
            self.relays += told
            if s.low(after) == "to" and "inf" in frame:
                after = person  # "urged the speaker to bring it to the floor": the person is in the content
        after = content_start(s, after, last, frame)
        self.after = after = s.lim if after is None else after  # "conceded to the challenger": no content after
        self.has_that = after < s.lim and s.low(after) == "that"
        if self.has_that and s.lim - after <= 3 and not any(t.lower_ in F.MODALS for t in doc[after + 1:s.lim]):
            self.after = None  # "disputes that view": a demonstrative, not a that-clause
            return
        self.quote_next = after < s.end and (doc[after].text in QUOTE_CHARS or doc[after].text == ":")
        self.infinitive = after < s.lim and s.low(after) == "to" and "inf" in frame
        self.right_empty = after >= s.lim or (doc[after].text in (",", ";", "—") and not self.has_that)
        if after < s.lim and s.low(after) in ("whether", "if"):
            self.after = None
            return
        governs = i - 2 - (s.low(i - 2) in ("on", "up")) if s.low(i - 1) == "to" and i > s.start + 1 else i
        self.left = left_source(s, governs)  # "The BBC has not been able to confirm", "He went on to say"
        left = self.left
        mark = doc[s.prev(i)].text if s.prev(i) >= s.start else doc[i - 1].text if i else ""  # a quote before it
        before_left = doc[s.prev(left.start)] if left is not None and left.start > s.start else None
        self.content_before = (i > s.start or mark in QUOTE_CHARS) and (mark == "," or mark in QUOTE_CHARS or (
            before_left is not None and (before_left.text == "," or before_left.text in QUOTE_CHARS or not boundary(
                s, before_left.i)))) and not (left is not None and left.start == s.start)
        self.inverted = right_source(s, last + 1) if mark == "," or mark in QUOTE_CHARS else None
        if self.content_before and left is not None and self.inverted is None and not self.has_that and \
                adverbial_tail(s, last + 1):
            self.right_empty = True  # "..., the agency said in its evening bulletin."
        self.unmarked = not (self.has_that or self.quote_next or self.infinitive)

    def source_of_content_after(self) -> tuple[Span | None, bool]:
        """(source, inherited): the noun phrase before the cue; for "and said", ", adding" the previous
        attribution's; else the sentence's subject; else a source after the cue."""
        s, i, left = self.s, self.i, self.left
        prev = s.low(s.prev(i))
        participle = s.low(i).endswith("ing")
        if left is not None and not (prev == "," and participle):
            return left, False
        if self.found and (prev in ("and", "but", ",") or participle):
            return self.found[-1].source, True  # "..., adding that", "and said that"
        if prev in ("and", "but", ",") and (participle or prev != ","):
            subject = main_subject(s, i)
            if subject is not None:
                return subject, False  # "Farmers blocked roads, saying ...", "He has backed X and said that ..."
        return self.inverted, False

    def before_cue(self) -> tuple[Span | None, Span | None]:
        """Content – source – cue ("..., the minister said.") or content – cue – source ("..., said Smith."):
        (source, the sentence up to the source); all of it when the clause resumes after the cue."""
        s, left, inverted, doc = self.s, self.left, self.inverted, self.s.doc
        if "first" not in self.frame:
            return None, None
        if inverted is not None and not (left is not None and left.start > s.start and doc[
                s.prev(left.start)].text == ","):
            source, boundary_ = inverted, self.i
        elif left is not None:
            source, boundary_ = left, left.start
            if left.start > s.start + 1 and doc[s.prev(left.start)].text == "," and left.end < self.i and doc[
                    left.end].text == "," and s.prev(self.i) == left.end:
                boundary_ = chunk_start(s, s.prev(left.start))  # "..., the regional governor, Tomas Lind, said"
        else:
            return None, None
        content = s.span(s.start, boundary_) if boundary_ > s.start else None
        if content is not None and clause_resumes(s, self.after) and not any(
                t.text in QUOTE_CHARS for t in doc[s.start:boundary_]):
            content = s.span(s.start, s.lim)  # "The new law, the minister said, would take effect in May."
        return source, content


# Source – cue – content orders that carry no claim: each says why.
def _no_that(o: Order) -> bool:
    """"found the keys": a verb that takes only a that-clause, without one."""
    return o.has_that and "that" not in o.frame and not o.frame.takes & {"bare"}


def _no_bare(o: Order) -> bool:
    """"suggested the plan", "claimed the title": unmarked words after a cue that takes them only as a clause."""
    frame, s = o.frame, o.s
    if "any" in frame or "obj" in frame and frame.objects is None or frame.lemma.split()[-1] in frame.takes or s.low(
            o.after - 1) in frame.preps:
        return False  # "said ...", "denied ...", "called for ...", "warned of ..."
    if "inf" in frame and any(s.low(k) == "to" and s.doc[k + 1 + (s.doc[k + 1].text in QUOTE_CHARS)].is_lower and s.low(
            k + 1) not in F.DETERMINERS for k in range(o.after, min(s.lim - 2, o.after + 6))):
        return False  # "called on workers to strike", "expect the bank to cut"
    if "bare" in o.frame and clause_shape(o.s, o.after):
        return False
    return not (o.frame.objects and any(s.low(k).removesuffix("s") in o.frame.objects for k in (o.after, o.after + 1))
                or _fact_object(o) or "gerund" in frame and s.low(o.after).endswith("ing"))


def _time_or_prep_next(o: Order) -> bool:
    """"said on Monday": a preposition next, none the frame takes (not "says about 3,000 homes")."""
    s, a = o.s, o.after
    return s.low(a) in F.PREPOSITIONS - {"to"} and not (s.low(a) in APPROXIMATORS and s.doc[a + 1].like_num) and not (
        s.low(a) in o.frame.preps)


def _fact_object(o: Order) -> bool:
    """"reported 41 assaults", "announced a ceasefire": a fact verb's object that is a count or an act."""
    s = o.s
    head = next((k - 1 for k in range(o.after + 1, min(s.lim, o.after + 6)) if s.low(k) in F.PREPOSITIONS or s.doc[
        k].is_punct), min(s.lim, o.after + 6) - 1)  # the object's last word before a preposition
    return "count" in o.frame and any(t.like_num for t in s.doc[o.after:o.after + 3]) or "fact" in o.frame and (
        s.low(head) in F.ACT_NOUNS or s.low(head).endswith(F.ACT_ENDINGS))


NO_CONTENT_AFTER = (_no_that, _no_bare, _time_or_prep_next)


def clause_shape(s: Sentence, start: int) -> bool:
    """Words that look like a clause: an auxiliary or a past form (not a cue's) in the first eight."""
    words = s.doc[start:min(s.lim, start + 8)]
    words = words[:next((k for k, t in enumerate(words) if t.is_punct), len(words))]  # up to a comma
    return any(t.lower_ in F.MODALS or k and (t.lower_ in F.IRREGULAR_PAST or t.lower_.endswith("ed") and not verb_form(
        t)) for k, t in enumerate(words))


# ---------------------------------------------------------------- sources by word order

def looks_like_source(s: Sentence, start: int, end: int, participles: bool = False) -> bool:
    """A short noun phrase: no verbs, no clause words, not a bare determiner or preposition; with
    ``participles``, a past participle before a preposition may modify the noun ("people briefed on")."""
    ws = [t for t in s.doc[start:end] if (not t.is_punct or t.text in "()") and not t.is_space]
    if not ws or len(ws) > 16 or ws[0].lower_ in F.NOT_SOURCES or ws[0].lower_ in F.PREPOSITIONS:
        return False
    for k, t in enumerate(ws):
        if participles and 0 < k < len(ws) - 1 and t.lower_.endswith("ed") and ws[k + 1].lower_ in PARTICIPLE_PREPS:
            continue
        if t.lower_ in F.AUXILIARIES - {"also", "first", "further", "too"} or (verb_form(t) and not (
                k > 0 and ws[k - 1].lower_ in ("the", "a", "an") and t.lower_.endswith("ing"))):
            return False
    return any(t.is_alpha for t in ws)


def boundary(s: Sentence, k: int) -> bool:
    """Token k ends the clause before a source: punctuation, quote marks, clause words (not "and" between names)."""
    tok, doc = s.doc[k], s.doc
    if tok.text in ("'", "’") and s.start < k < s.end - 1 and doc[k - 1].lower_.endswith("s") and not doc[
            k - 1].whitespace_ and tok.whitespace_ and doc[k + 1].is_alpha:
        return False  # "the employers' group": a possessive, not a closing quote
    if tok.text in QUOTE_CHARS or tok.text in (";", ":", ",", "—", "–"):
        return True
    if tok.lower_ in ("and", "&") and s.start < k < s.end - 1 and title(doc[k - 1]) and title(doc[k + 1]):
        return False
    if tok.lower_ == "and" and k > s.start and doc[k - 1].lower_.endswith(("ian", "ish", "ese", "ic")):
        return False  # "Israeli and Lebanese media"
    if tok.lower_ == "and" and k > s.start and (doc[k - 1].lower_.endswith("s") or title(doc[k - 1])) and s.low(
            k + 1) in ("a", "an", "the") and any(verb_form(t) for t in doc[k + 2:min(s.end, k + 6)]):
        return False  # "residents and a health worker said"
    return tok.lower_ in F.CLAUSE_WORDS and not tok.is_upper or (verb_form(tok) and not (
        s.low(k - 1) in ("the", "a", "an") and tok.lower_.endswith("ing")))  # "the ruling coalition"


def chunk_start(s: Sentence, end: int) -> int:
    start = end
    while start > s.start and not boundary(s, start - 1):
        start -= 1
    return start


def _strip_before_cue(s: Sentence, end: int) -> int:
    """Where the source ends: back from the cue over auxiliaries, adverbs and time words."""
    while end > s.start and (s.doc[end - 1].is_space or s.low(end - 1) in F.AUXILIARIES | {
            "today", "yesterday", "tonight", "now", "long", "since", "ever", "even", "always", "often"} or (
            s.low(end - 1).endswith("ly") and len(s.doc[end - 1]) > 4 and not title(s.doc[end - 1]))):
        end -= 1
    return end


def left_source(s: Sentence, cue: int) -> Span | None:
    """The source before a cue: the noun phrase since the clause began. "Lula, the president of Brazil, said" and
    "The spokesman, quoted by state media, said" give the name before the comma-set aside."""
    doc = s.doc
    end = _strip_before_cue(s, cue)
    if end >= s.start + 4 and doc[end - 1].text == "," and s.low(end - 2) in F.DISCOURSE_ADVERBS and doc[
            end - 3].text == ",":
        end = _strip_before_cue(s, end - 3)  # "The opposition, however, alleged"
    if end <= s.start:
        return None
    if end >= s.start + 3 and s.low(end - 1) in ("who", "which") and doc[end - 2].text == ",":
        return _relative_antecedent(s, end - 2)  # "..., disputed by the drivers' union, which said"
    if doc[end - 1].text == ",":  # an aside closes right before the cue
        inner = chunk_start(s, end - 1)
        if inner == s.start or doc[inner - 1].text != ",":
            return _name_before_aside(s, end - 1)
        start = _participle_head(s, chunk_start(s, inner - 1))
        if s.low(inner - 2) in COMPANY_SUFFIXES and s.doc[inner - 3].text == ",":
            start = chunk_start(s, inner - 3)  # "Helix Grid, Inc., a developer of ..., announced"
        if s.low(start) in F.DETERMINERS and inner < end - 1 and all(
                title(t) or not t.is_alpha or t.lower_ == "and" for t in doc[inner:end - 1]) and looks_like_source(
                s, inner, end - 1):
            return doc[inner:end - 1]  # "The two biggest backers of the regime, Russia and Iran, said"
        return doc[start:inner - 1] if looks_like_source(s, start, inner - 1, participles=True) else None
    start = chunk_start(s, end)
    if start > s.start + 1 and s.low(start - 1) in ("since", "after", "before", "until") and all(
            t.lower_ in F.WEEKDAYS or t.like_num for t in doc[start:end]):
        start = chunk_start(s, start - 1)  # "A video viewed a million times since Friday claims"
    start = _participle_head(s, start)
    if start > s.start + 1 and s.low(start - 1) == "and":  # "activist and editor Ryan Marouf told"
        before = chunk_start(s, start - 1)
        if 0 < start - 1 - before <= 3 and all(title(t) or t.lower_ in F.ARTICLES or t.is_lower and not t.lower_.endswith(
                ("ed", "ing")) for t in doc[before:start - 1]) and looks_like_source(s, before, start - 1):
            start = before
    if start > s.start and s.low(start - 1) in ("which", "who") and doc[start].is_lower and s.low(
            start) not in F.ARTICLES | F.PRONOUNS | F.DETERMINERS:
        return _relative_antecedent(s, start - 1)  # "Turkey which backs some rebel factions said"
    while start < end and (doc[start].is_punct or s.low(start) in F.CLAUSE_WORDS):
        start += 1
    start = _no_comma_start(s, start, end, cue)
    who = next((k for k in range(end - 1, max(s.start, end - 12), -1) if s.low(k) in ("who", "which") and not doc[
        k].is_upper or boundary(s, k) and s.doc[k].is_punct), None)
    if who is not None and s.low(who) in ("who", "which") and who + 1 < end and doc[who + 1].is_lower and s.low(
            who + 1) not in F.ARTICLES | F.PRONOUNS | F.DETERMINERS and not any(
            t.lower_ in ("and", "but", "or") for t in doc[who:end]):
        return _relative_antecedent(s, who)  # "a resident who asked not to be named said", "X who said Y told"
    if not looks_like_source(s, start, end, participles=True):
        return None
    if any(F.TABLE.noun(t.lower_.rstrip("s")) and k + 1 < end and s.low(k + 1) in F.PRONOUNS | F.ARTICLES
           for k, t in enumerate(doc[start:end], start)):
        return None  # "..., an accusation she denied": a reporting noun with a relative clause, not a source
    return doc[start:end]


def _no_comma_start(s: Sentence, start: int, end: int, cue: int) -> int:
    """A source whose comma was lost: after a fronted phrase ("In a 60-page decision the agency found"), or after
    the content when the cue ends the sentence ("Among the dead were three children the monitor said"). The source
    starts at the last article, else where a capitalised run follows lower-case words."""
    doc = s.doc
    fronted = s.low(start) in F.PREPOSITIONS
    ends = cue + 1 >= s.lim or doc[cue + 1].text == "," or adverbial_tail(s, cue + 1)
    after_mark = start > s.start and (doc[start - 1].text in (",", ";", ":", "—", "–") or doc[start - 1].text in QUOTE_CHARS)
    if not fronted and not (ends and not after_mark and end - start >= 4 and any(
            t.lower_ in F.MODALS or t.lower_ in F.IRREGULAR_PAST or verb_form(t) or t.lower_.endswith(("ed", "ing"))
            for t in doc[start:end - 1])):
        return start
    for k in range(end - 1, start, -1):  # back from the cue to an article, a pronoun, a name after lower case, a plural
        if s.low(k) in F.ARTICLES | F.PRONOUNS:
            return k
        inside_name = s.low(k - 1) in ("for", "of", "and", "de", "al") and k - 2 > start and title(doc[k - 2])
        if title(doc[k]) and doc[k - 1].is_lower and not inside_name or doc[k - 1].is_lower and s.low(
                k - 1).endswith("s") and not s.low(k - 1).endswith("ss"):
            return k - 1 if s.low(k - 1) in F.ARTICLES else k
    return start


def _after_dateline(s: Sentence, start: int) -> int:
    """Past a dateline that opens the sentence: "WASHINGTON (AFP)", "GAZA CITY, July 3"."""
    k = start
    while k < s.end and (s.doc[k].is_upper and len(s.doc[k]) > 1 or s.doc[k].text in (",", "(", ")", "-", "—")):
        k += 1
    return k if k > start + 1 else start


def _relative_antecedent(s: Sentence, comma: int) -> Span | None:
    """The noun phrase before ", who said": back from the comma to its article, a preposition or a boundary."""
    start = comma
    while start > s.start and comma - start < 12:
        prev = s.doc[start - 1]
        if prev.lower_ in F.ARTICLES:
            start -= 1
            if start - 2 > s.start and s.low(start - 1) in ("at", "of", "in", "from", "for", "with") and s.doc[
                    start - 2].is_alpha and s.low(start - 2) not in F.PREPOSITIONS | F.AUXILIARIES:
                start -= 1  # "A health worker at the local hospital who ..."
                continue
            break
        of = prev.lower_ == "of" and start - 2 > s.start and s.doc[start - 2].is_alpha  # "a coalition of unions"
        if not of and (not (prev.is_alpha or _hyphen(s, start - 1) or (prev.text in ("'", "’") and not boundary(
                s, start - 1))) or prev.lower_ in F.PREPOSITIONS or boundary(s, start - 1) or prev.lower_ in (
                F.AUXILIARIES | F.PRONOUNS)):
            break
        start -= 1
    head = s.low(comma - 1)
    if start == comma or not looks_like_source(s, start, comma) or not (
            title(s.doc[comma - 1]) or s.low(start) in F.ARTICLES or head.endswith("s") and not head.endswith("ss")):
        return None
    return s.doc[start:comma]


def _name_before_aside(s: Sentence, close: int) -> Span | None:
    """"Anna Berg, who has led the agency since 2019, said", "The minister, speaking after a meeting, said": the
    noun phrase before a comma-set aside that holds a relative clause, opens with a participle or an article."""
    doc = s.doc
    open_ = close - 1
    while open_ > s.start and doc[open_].text != "," and close - open_ < 30:
        if doc[open_].text in QUOTE_CHARS or doc[open_].text in (";", ":", "—", "–"):
            return None
        open_ -= 1
    if open_ <= s.start or doc[open_].text != ",":
        return None
    inner = doc[open_ + 1:close]
    rel = next((k for k, t in enumerate(inner) if t.lower_ in RELATIVE_WORDS), None)
    participle = len(inner) > 1 and inner[0].is_lower and inner[0].lower_.endswith(("ing", "ed", "en", "wn"))
    apposition = len(inner) > 0 and inner[0].lower_ in ("a", "an", "the") and looks_like_source(s, open_ + 1, close)
    if not (participle or apposition) and (rel is None or (rel > 0 and not looks_like_source(
            s, open_ + 1, open_ + 1 + rel))):
        return None
    start = chunk_start(s, open_)
    if start >= s.start + 2 and s.low(start - 1) == "and" and any(t.lower_ == "of" for t in doc[max(
            s.start, start - 4):start]):
        start = chunk_start(s, start - 1)  # "A committee of lawyers and engineers, which ..., said"
    while start < open_ and s.low(start) in F.CLAUSE_WORDS:
        start += 1
    if not looks_like_source(s, start, open_) or not any(title(t) or t.lower_ in F.ARTICLES for t in doc[start:open_]):
        return None
    return doc[start:open_]


def _participle_head(s: Sentence, start: int) -> int:
    """"Two people briefed on the decision said": a chunk that starts with a participle's preposition belongs
    to the noun before the participle."""
    if start >= s.start + 2 and s.low(start) in PARTICIPLE_PREPS and s.low(start - 1).endswith("ed") and s.low(
            start - 1) not in F.AUXILIARIES:
        head = chunk_start(s, start - 1)
        if head < start - 1 and looks_like_source(s, head, start - 1):
            return head
    return start


def right_source(s: Sentence, after: int) -> Span | None:
    """The source after an inverted cue ("said John Smith, the minister."): up to a comma or the end; with the
    name in apposition to a title ("said the head of the union, Piet de Vries")."""
    doc, end = s.doc, after
    while end < s.lim and not doc[end].is_punct and s.low(end) not in F.CLAUSE_WORDS | TIME_WORDS:
        end += 1
    if end < s.lim and doc[end].text not in (",", ";", "—", "–") and s.low(end) not in TIME_WORDS:
        name = after
        while name < end and (title(doc[name]) or s.low(name) in NAME_PARTICLES):
            name += 1
        if name - after < 2:
            return None
        end = name  # "said Yesenia Rodriguez a 34-year-old from Caracas who ...": the name
    if not looks_like_source(s, after, end) or s.low(after) in ("that", "it", "to"):
        return None
    if end < s.lim and doc[end].text == "," and not title(doc[after]):
        stop = end + 1
        while stop < s.lim and (title(doc[stop]) or (s.low(stop) in NAME_PARTICLES and stop + 1 < s.lim and title(
                doc[stop + 1]))):
            stop += 1
        if stop - end >= 3 and (stop == s.lim or doc[stop].text == ","):
            end = stop
    return doc[after:end]


def main_subject(s: Sentence, before: int) -> Span | None:
    """The subject of the sentence's main verb by word shape (past a dateline): the words before the first
    lower-case auxiliary, cue form, past form or word before an object's determiner ("cut its forecast")."""
    doc = s.doc
    start = _after_dateline(s, s.start)
    if start >= before or s.low(start) in F.PREPOSITIONS | F.CLAUSE_WORDS or not (
            title(doc[start]) or s.low(start) in F.PERSON_PRONOUNS | {"they", "we"}):
        return None
    for k in range(start + 1, min(before, start + 10)):
        tok = doc[k]
        if _hyphen(s, k):
            continue
        if tok.is_punct or tok.text in QUOTE_CHARS or tok.lower_ in F.CLAUSE_WORDS - {"also"}:
            return None
        if not tok.is_alpha or title(tok) or tok.lower_ in F.DETERMINERS | F.PREPOSITIONS or _hyphen(s, k - 1):
            continue  # "the Qaeda-linked group": a compound, not a verb
        prev, nxt = s.low(k - 1), s.low(k + 1)
        if (tok.lower_ in F.AUXILIARIES or verb_form(tok) or (tok.lower_.endswith("ed") and prev not in (
                F.DETERMINERS | F.PREPOSITIONS)) or (nxt in F.ARTICLES and prev not in F.DETERMINERS
                                                     and not doc[k - 1].is_punct)):
            return doc[start:k] if looks_like_source(s, start, k) else None
    return None


def _hyphen(s: Sentence, k: int) -> bool:
    """Token k is a hyphen inside a compound ("140-page", "Qaeda-linked")."""
    return s.doc[k].text in ("-", "‐") and s.start < k < s.end - 1 and not s.doc[k - 1].whitespace_ and not s.doc[
        k].whitespace_


# ---------------------------------------------------------------- where content after the cue starts

def _adverbial_word(tok: Token) -> bool:
    w = tok.lower_
    return (title(tok) or w in F.WEEKDAYS or w in F.CHANNELS or w in F.STATEMENT_NOUNS or w in F.INTERVIEW_NOUNS
            or tok.like_num or w in ("with", "by", "from", "social", "news", "conference", "press", "state"))


def skip_adverbials(s: Sentence, i: int, frame: F.Frame) -> int:
    """Past "on Friday", "in a statement", "in a CNN interview", "on Telegram", "also", -ly adverbs."""
    while i < s.lim:
        w = s.low(i)
        if w in ("also", "again", "then", "later", "earlier", "repeatedly", "only", "simply", "merely") or (
                w.endswith("ly") and len(w) > 4 and not title(s.doc[i])):
            i += 1
            continue
        if (w == "to" and "inf" in frame) or w in frame.preps or w not in ADVERBIAL_STARTS:
            return i
        j = i + 1
        while j < s.lim:
            if s.low(j) in F.ARTICLES and j + 1 < s.lim and _adverbial_word(s.doc[j + 1]) or _adverbial_word(s.doc[j]):
                j += 1
            else:
                break
        if j == i + 1:
            return i
        i = j
    return i


def adverbial_relays(s: Sentence, last: int, after: int) -> list[tuple[str, Span]]:
    """"said on Telegram" (posted_on), "said in a CNN interview" (interview_with)."""
    relays = []
    for k in range(last + 1, after):
        if s.low(k) == "on" and k + 1 < after and (s.low(k + 1) in F.CHANNELS or (
                title(s.doc[k + 1]) and s.low(k + 1) not in F.WEEKDAYS)):
            relays.append(("posted_on", s.doc[k + 1:k + 2]))
        if s.low(k) in F.INTERVIEW_NOUNS:
            names = [t for t in s.doc[last + 1:after] if title(t) and t.lower_ not in F.WEEKDAYS]
            if names:
                relays.append(("interview_with", s.doc[names[0].i:names[-1].i + 1]))
    return relays


def past_addressee(s: Sentence, after: int) -> tuple[int, list[tuple[str, Span]]]:
    """"told Reuters that", "informed the residents of the city that": (where content starts, past the person
    addressed; a "told" relay when the addressee is named)."""
    j = _addressee_end(s, after)
    lead = next((k for k in range(after + 1, j) if s.low(k) in F.PREPOSITIONS), j)
    names = [t for t in s.doc[after:lead] if title(t) and t.lower_ not in F.WEEKDAYS]  # not "at City Hall"
    opens = j < s.lim and (s.low(j) in ("that", ":", "to") or s.doc[j].text in QUOTE_CHARS
                           or s.low(j) in F.PRONOUNS | F.ARTICLES)
    told = [("told", s.doc[names[0].i:names[-1].i + 1])] if names and (
        j >= s.lim or opens or s.low(j) == ",") else []
    return (j if opens or j >= s.lim or s.doc[j].text == "," else after), told


def _addressee_end(s: Sentence, after: int) -> int:
    """Where the person addressed ends: at "that", a comma, a colon, "to" or a quote within eight words, or where a
    bare clause begins; past an outlet named in commas."""
    j = after
    while j < s.lim and s.low(j) not in ("that", ",", ":", "to") and s.doc[j].text not in QUOTE_CHARS and j - after < 8:
        j += 1
    start = _bare_clause_after(s, after, j)
    if start is not None:
        j = start
    elif any(t.lower_ in F.MODALS for t in s.doc[after:j]):
        return after  # "warn Spain's record heat is ...": a clause, no one addressed
    if j < s.lim and s.doc[j].text == ",":
        close = next((c for c in range(j + 1, min(s.lim - 1, j + 9)) if s.doc[c].is_punct), None)
        if close is not None and s.doc[close].text == "," and s.low(close + 1) == "that" and not any(
                t.lower_ in F.CLAUSE_WORDS | F.AUXILIARIES or verb_form(t) for t in s.doc[j + 1:close]):
            j = close + 1  # "told the local paper, the Daily Courier, that"
    return j


def _bare_clause_after(s: Sentence, after: int, j: int) -> int | None:
    """A bare clause right after the person addressed: "told the BBC she had been woken" (a name, then a pronoun or
    article), "told reporters the plan had been shelved" (one word), "told parliament on Wednesday the plan ..."."""
    starts = F.PRONOUNS | F.ARTICLES
    k = after + (1 if s.low(after) in F.ARTICLES else 0)
    while k < s.lim and title(s.doc[k]) and k - after < 5:
        k += 1
    if after < k < j and s.low(k) in starts and any(
            t.lower_ in F.MODALS or verb_form(t) for t in s.doc[k:min(s.lim, k + 6)]):
        return k
    if s.doc[after].is_lower and s.low(after) not in F.ARTICLES and after + 1 < j and s.low(after + 1) in starts \
            and any(t.lower_ in F.MODALS for t in s.doc[after + 2:min(s.lim, after + 8)]):
        return after + 1
    day = next((d for d in range(after + 1, j) if s.low(d) in F.WEEKDAYS and title(s.doc[d])
                and s.low(d + 1) in starts | {"there"}), None)
    if day is not None and any(t.lower_ in F.MODALS for t in s.doc[day + 1:min(s.lim, day + 7)]):
        return day + 1
    return None


def _that_after_adverbial(s: Sentence, after: int) -> int:
    """The "that" after a prepositional or time phrase between a cue and its clause ("said at a news conference in
    the capital on Monday that"), or ``after`` unchanged."""
    if after >= s.lim or not (s.low(after) in F.PREPOSITIONS | ADVERBIAL_STARTS or s.low(after) in F.WEEKDAYS):
        return after
    for k in range(after + 1, min(s.lim - 1, after + 14)):
        tok = s.doc[k]
        if tok.lower_ == "that":
            nxt = s.doc[k + 1]
            if s.low(k - 1) in F.PREPOSITIONS | F.ARTICLES or nxt.is_punct and nxt.text not in QUOTE_CHARS or (
                    nxt.lower_ in F.AUXILIARIES) or verb_form(
                    nxt) or nxt.lower_.endswith("ed"):
                return after  # "in that case", "the meeting that was held": not a clause of its own
            return k
        if _hyphen(s, k) or (verb_form(tok) and s.low(k - 1) in F.DETERMINERS | F.ARTICLES):
            continue  # "its 140-page report", "after the ruling"
        if tok.is_punct or tok.text in QUOTE_CHARS or tok.lower_ in F.CLAUSE_WORDS | F.AUXILIARIES or verb_form(
                tok) or tok.lower_ in F.PRONOUNS - {"it", "her"}:
            return after
    return after


def content_start(s: Sentence, after: int, last: int, frame: F.Frame) -> int | None:
    """Where content after the cue starts: past a day ("said Tuesday that"), a comma-set adverb ("cautioned,
    however, that") or an adverbial before "that"; after "to", at a "that" ("said to reporters that"), else None
    ("conceded to the challenger")."""
    while after < s.lim and s.low(after) in F.WEEKDAYS:
        after += 1
    if after + 3 < s.lim and s.doc[after].text == "," and s.low(after + 1) in F.DISCOURSE_ADVERBS and s.doc[
            after + 2].text == "," and s.low(after + 3) == "that":
        after += 3
    if after + 1 < s.lim and s.doc[after].text == "," and s.low(after + 1) == "that":
        after += 1  # "She was not persuaded, she wrote, that ..."
    if after < s.lim and s.doc[after].text == ",":  # "reported, citing local officials, that ..."
        close = next((k for k in range(after + 1, min(s.lim - 1, after + 9)) if s.doc[k].text == ","), None)
        if close is not None and s.low(close + 1) == "that":
            after = close + 1
    after = _that_after_adverbial(s, after)
    if after < s.lim and s.low(after) != "that" and after > last + 1:
        after = max(after, _that_after_adverbial(s, last + 1))  # "stated in its 90-page report that"
    if after < s.lim and s.low(after) in frame.preps:
        return after + 1 if after + 1 < s.lim else None  # "warned of Russian efforts"
    if after < s.lim and s.low(after) == "to" and "inf" not in frame:
        return next((k for k in range(after + 1, min(s.lim, after + 6)) if s.low(k) == "that"), None)
    return after


def adverbial_tail(s: Sentence, first: int) -> bool:
    """The words after a cue are only a prepositional or time phrase ("on the Telegram messaging app", "shortly
    after 11 p.m."): no clause, quote or "that" of their own."""
    tail = s.doc[first:s.lim]
    if not len(tail) or not (tail[0].lower_ in F.PREPOSITIONS | ADVERBIAL_STARTS or tail[0].lower_ in F.WEEKDAYS or (
            tail[0].lower_.endswith("ly") and len(tail) > 1 and tail[1].lower_ in F.PREPOSITIONS)):
        return False
    return len(tail) <= 12 and not any(
        t.text in QUOTE_CHARS or t.text in (",", ";", ":") or t.lower_ in F.MODALS | {"that"}
        or t.lower_ in F.PRONOUNS - {"it", "her", "his", "its", "their"} or verb_form(t) for t in tail)


def clause_resumes(s: Sentence, after: int) -> bool:
    """"..., the minister said, would take effect": after the cue's comma the interrupted clause goes on with its
    verb (an auxiliary or a past form)."""
    if after is None or after + 1 >= s.lim or s.doc[after].text != ",":
        return False
    nxt = s.doc[after + 1]
    return nxt.is_alpha and not title(nxt) and (nxt.lower_ in F.MODALS | {"be", "been", "did", "does", "do"} or (
        nxt.lower_.endswith("ed") and nxt.lower_ not in F.TABLE.forms))


CONSTRUCTIONS = {"according": _according, "quoted_as": _quoted_as, "possessive": _possessive, "saying": _saying,
                 "hedge_passive": _hedge_passive, "passive": _passive, "unverified": _unverified, "verb": _verb}
