"""The rules path (no parser): candidates from ``Matcher`` patterns over token shapes (``frames.yml``:
``token_patterns``, over the frames' word lists), their source and content found by word order. Every position is a token index into the doc."""
from __future__ import annotations


from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from . import frames as F
from .candidates import QUOTE_CHARS, SOURCELESS, Candidate, in_quote, trim
from .quotes import QuoteList

ADVERBIAL_STARTS = F.TIME_WORDS | F.W["adverbial_starts"]
MARKS = {",", ";", ":", "—", "–"}
STRIPPED = F.AUXILIARIES | F.W["stripped"]
NEGATED = F.NEGATIONS | {"unable", "declined", "failed", "fails"}
ADVERBIAL_WORDS = F.WEEKDAYS | F.CHANNELS | F.STATEMENT_NOUNS | F.INTERVIEW_NOUNS | F.W["adverbial_words"]


class Sentence:
    """A sentence for the rules: its doc, bounds, the end of its words (``lim``: before closing marks), quotes."""

    def __init__(self, doc: Doc, sent: Span, quotes: QuoteList | None = None):
        self.doc, self.start, self.end, self.quotes = doc, sent.start, sent.end, quotes or QuoteList()
        self.lim = next((k + 1 for k in range(sent.end - 1, sent.start - 1, -1) if not (
            doc[k].is_punct or doc[k].is_space or doc[k].text in QUOTE_CHARS)), sent.start)
        while self.lim < sent.end and doc[self.lim].text in CLOSING and _opened(doc[sent.start:self.lim],
                                                                                   doc[self.lim].text):
            self.lim += 1  # a bracket that closes what the words opened is theirs: "... (ASDMA)."

    def low(self, i: int) -> str:
        return self.doc[i].lower_ if self.start <= i < self.end else ""

    def prev(self, i: int) -> int:
        """The word before token i, past spaces (start - 1 at the start)."""
        return next((k for k in range(i - 1, self.start - 1, -1) if not self.doc[k].is_space), min(i, self.start) - 1)

    def span(self, start: int, end: int, lead=("that", "and", "but")) -> Span | None:
        span = trim(self.doc, max(start, self.start), min(end, self.end), lead)
        return span if span is not None and any(t.is_alpha for t in span) else None

    def until(self, i: int, words: set[str]) -> int:
        """The first punctuation or word of ``words`` from token i on (``lim`` when none)."""
        return next((k for k in range(i, self.lim) if self.doc[k].is_punct or self.doc[k].lower_ in words), self.lim)

    def back(self, k: int) -> int:
        """The start of the clause chunk that ends before token k."""
        return next((j for j in range(k, self.start, -1) if boundary(self, j - 1)), min(k, self.start))


CLOSING = {")": "(", "]": "["}  # a closing bracket → its opening one


def _opened(tokens, closing: str) -> bool:
    """Whether the tokens leave open a bracket that ``closing`` closes (more opening marks than closing ones)."""
    return sum(t.text == CLOSING[closing] for t in tokens) > sum(t.text == closing for t in tokens)


def title(tok: Token) -> bool:
    return tok.is_title or tok.is_upper and len(tok.text) > 1


def verb_form(tok: Token) -> bool:
    """An inflected cue form that can only be a verb ("said", "told"), not a plural noun ("reports")."""
    lemma = F.TABLE.forms.get(tok.lower_)
    return lemma is not None and tok.lower_ != lemma and not tok.lower_.endswith("s")


def plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss")


def candidates(doc: Doc, sents: list[Span], quotes: QuoteList, verbs: bool = True) -> list[Candidate]:
    """The candidates of each sentence, the longest match first where two start together (with ``verbs`` False, the
    fixed constructions only: the parser path reads its cue verbs off the parse)."""
    matches = sorted(F.matcher(Matcher, "token_patterns", doc.vocab, F.TABLE, F.TABLE.version)(doc), key=lambda m: (m[1], -m[2]))
    out: list[Candidate] = []
    k = 0
    for sent in sents:
        s, found, taken = Sentence(doc, sent, quotes), [], -1
        while k < len(matches) and matches[k][1] < sent.end:
            match_id, start, end = matches[k]
            k += 1
            if start < max(sent.start, taken) or in_quote(quotes, doc[start]) or not verbs and (
                    doc.vocab.strings[match_id] == "verb"):
                continue
            cand = CONSTRUCTIONS[doc.vocab.strings[match_id]](s, start, end, found)
            fixed = cand is not None and cand.construction != "verb"
            if cand is None or fixed and (cand.content is None or cand.source is None and cand.construction not in (
                    SOURCELESS)):
                continue  # a fixed construction needs its content, and a source unless it is a hedge or verification
            cand.content_first = cand.content.end <= cand.cue.start if fixed else cand.content_first
            found.append(cand)  # no cue inside it, nor inside the source and content of "according to"
            taken = max(cand.cue.end, cand.source.end, cand.content.end) if cand.construction == "according" \
                else cand.cue.end
        out.extend(found)
    return out


def _frame(word: str) -> F.Frame:
    return F.TABLE.rows[F.TABLE.forms.get(word, word)]


# ---------------------------------------------------------------- fixed constructions

def _according(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"According to X, ..." (what follows), "..., according to X" (what comes before), or around a clause."""
    j = next((k for k in range(i + 2, s.lim) if s.doc[k].text == ","), s.lim)
    lead = [t for t in s.doc[s.start:i] if not t.is_punct and not t.is_space]
    # "according to security sources who asked not to be named": the source ends at its relative clause
    relative = next((k for k in range(i + 3, j) if s.low(k) in F.RELATIVES), None)
    if relative is not None and j >= s.lim and len(lead) > 1:
        j = relative
    elif j - (i + 2) > 15 or j >= s.lim and len(lead) <= 1:  # no comma: "According to Maersk the strike had ...": a name
        j = i + 2 + (s.low(i + 2) in F.ARTICLES)
        while j < s.lim and (title(s.doc[j]) or s.low(j) in F.NAME_PARTICLES | {"of", "for", "and"} and title(s.doc[j + 1])):
            j += 1
    source = s.span(i + 2, relative if relative is not None and relative < j else j, lead=())
    if len(lead) <= 1 and s.low(j + 1) in F.RELATIVES:  # "According to X, which did not give details, Q": Q
        j = next((k for k in range(j + 1, s.lim) if s.doc[k].text == ","), j)
    # the words before it, when nothing follows the source but a clause about it ("..., which said ...")
    before = j >= s.lim or j == relative or s.low(s.prev(i)) == "," and s.low(j + 1) in F.RELATIVES
    content = s.span(j + (s.doc[j].text == ","), s.lim) if len(lead) <= 1 else s.span(s.start, i) if before \
        else s.span(s.start, s.lim)
    return Candidate("according", s.doc[i:i + 2], F.TABLE.rows["according to"], source=source, content=content)


def _quoted_as(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"X was quoted as saying": the cue from "was"; "Y quoted X as saying": X is the source, Y relays it."""
    first = i - 1 if s.low(i - 1) in F.BE_FORMS else i
    source, relays, content = left_source(s, first), [], s.span(end, s.lim)
    if end - i > 3:
        relays, source = [("quoted_by", source)] if source is not None else [], s.span(i + 1, end - 2, lead=())
    return Candidate("quoted_as", s.doc[first:end], F.TABLE.rows["say"], source=source, content=content, relays=relays)


def _nominal(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"Smith's claim that ...", "the claim by X that ...": a reporting noun, its holder, a that-clause."""
    noun, start, stop = (i + 1, s.back(i - 1), i) if s.low(i) in ("'s", "’s") else (i, i + 2, end - 1)
    content, frame = s.span(end, s.lim), _frame(s.low(noun))
    if start >= stop or not looks_like_source(s, start, stop):
        return None
    return Candidate("nominal", s.doc[noun:noun + 1], frame, source=s.doc[start:stop], content=content,
                     certainty=frame.certainty)


def _saying(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"issued a statement saying ...": the statement's holder is the sentence's subject."""
    frame, content, subject = _frame(s.low(i + 1)), s.span(end, s.lim), main_subject(s, i)
    if not frame.takes & {"that", "bare"}:
        return None
    return Candidate("saying", s.doc[i + 1:end], frame, source=subject, content=content, certainty=frame.certainty)


def _hedge_passive(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"are said to ..." (the clause from its subject), "it is understood that ...": a hedge with no source."""
    content = s.span(end, s.lim) if s.low(i) == "it" else s.span(s.back(i), s.lim)
    return Candidate("hedge_passive", s.doc[i:end], _frame(s.low(end - 2)), content=content, certainty="hedged")


def _passive(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"X is accused by Y of ..." (all of it, as the parser path has it), "It was announced by Y that ...", "The
    figures were confirmed by the ministry" (the subject of an object verb): the agent is the source."""
    frame, stop = _frame(s.low(end - 2)), s.until(end, F.CLAUSE_WORDS | {"of", "on", "in", "at"})
    source = s.span(end, stop, lead=())
    if s.low(stop) in ("of", "that"):
        content = s.span(stop + 1, s.lim) if s.low(stop) == "that" else s.span(s.start, s.lim, lead=())
    elif "obj" in frame and frame.objects is None and (stop >= s.lim or s.doc[stop].text in (",", ";")):
        content = s.span(s.back(i), i, lead=())
    else:
        return None
    if source is not None and not looks_like_source(s, source.start, source.end):
        return None
    return Candidate("passive", s.doc[end - 2:end - 1], frame, source=source, content=content, certainty=frame.certainty)


def _unverified(s: Sentence, i: int, end: int, found) -> Candidate | None:
    """"The footage could not be verified (by Reuters)": a verification; a named agent is its source."""
    content, source, stop = s.span(s.back(i), end, lead=()), None, s.until(end + 1, F.CLAUSE_WORDS)
    if s.low(end) == "by":
        names = [t for t in s.doc[end + 1:stop] if t.lower_ not in F.ARTICLES]
        source = s.doc[end + 1:stop] if names and all(title(t) for t in names) else None
    return Candidate("unverified", s.doc[end - 1:end], _frame(s.low(end - 1)), source=source, content=content,
                     verification="not_confirmed")


# ---------------------------------------------------------------- a cue verb, by word order

def _verb(s: Sentence, i: int, end: int, found: list[Candidate]) -> Candidate | None:
    """A cue form read by word order: source–cue–content, content–source–cue or content–cue–source."""
    doc, lemma = s.doc, F.TABLE.forms[s.low(i)]
    particle = s.low(i + 1) if s.low(i + 1) in F.TABLE.phrasal.get(lemma, ()) else None
    frame = F.TABLE.get(lemma, particle)
    if frame is None or not frame.takes or s.low(s.prev(i)) in ("’s", "'s"):
        return None
    cand = Candidate("verb", doc[i:i + 1 + (" " in frame.lemma)], frame, certainty=frame.certainty)
    if frame.takes & {"naming", "as"} and _naming(s, cand):
        return cand
    if not frame.takes - {"naming", "as"} or "nounlike" in frame and _noun_use(s, i, lemma):
        return None
    order = Order(s, cand, found)
    if order.after is None:
        return None
    if order.unmarked and (order.right_empty or order.content_before and order.inverted):
        if order.content_before or order.left is not None and any(
                t.text in MARKS or t.text in QUOTE_CHARS for t in doc[max(s.start, order.left.start - 3):i]):
            (cand.source, cand.content), cand.content_first = order.before_cue(), True
        else:  # "The government and the military did not respond": nothing said (a quote next to it may say it)
            cand.source = order.left or order.inverted
    elif any(veto(order) for veto in (NO_CONTENT_AFTER if order.unmarked else (_no_that,))):
        return None
    else:
        stop = s.lim
        if s.low(s.start) in F.SUBORDINATORS and i > s.start:  # "When X announced that Q, ...": Q
            stop = next((k for k in range(order.after, s.lim) if doc[k].text == "," and not in_quote(s.quotes, doc[k])),
                        s.lim)
        cand.content = s.span(order.after, stop)
        cand.source, cand.inherit = order.source_of_content_after()
        if cand.content is not None and cand.content[0].lower_ in ("it", "this", "so") and all(
                t.lower_.endswith("ly") or not t.is_alpha for t in cand.content[1:]):
            cand.content = None  # "“...” She said it quietly.": the quote is the content
    if cand.source is None or cand.content is None and not order.right_empty and "quote" not in frame:
        return None
    negate(s, cand)
    return cand


def negate(s: Sentence, cand: Candidate) -> None:
    """"did not say", "has not been able to confirm", "failed to confirm": a negation among the cue's auxiliaries makes
    a verification not confirmed, any other cue a denial (both paths)."""
    k = next((k for k in range(cand.cue.start - 1, s.start - 1, -1) if s.low(k) in NEGATED or not (
        s.low(k) in F.AUXILIARIES | {"able", "to"} or s.low(k).endswith("ly"))), s.start - 1)
    if s.low(k) in NEGATED:
        cand.verification, cand.certainty = ("not_confirmed", "asserted") if cand.frame.verify else (None, "denied")


def _noun_use(s: Sentence, i: int, lemma: str) -> bool:
    """A cue form used as a noun: "of federal states", or a base or -s form not before "that", "to", a colon or a
    quote ("the state media"); not after a plural subject ("lawmakers claim")."""
    low, prev = s.low(i), s.prev(i)
    before = s.low(prev)
    if low == lemma and (before in F.PRONOUNS - {"it"} or s.doc[prev].is_lower and plural(before)
                         and before not in F.DETERMINERS):
        return False
    if low == lemma + "s" and prev > s.start and s.doc[prev].is_lower and before not in F.PRONOUNS and s.low(
            s.prev(prev)) in F.PREPOSITIONS | {"that"}:
        return True
    if i + 1 >= s.lim and s.doc[i].is_lower:  # "..., a police report states.": a verb ending its sentence
        source = left_source(s, i)
        if source is not None and source.start > s.start and s.doc[s.prev(source.start)].text in (",", *QUOTE_CHARS):
            return False
    return low in (lemma, lemma + "s") and s.low(i + 1) not in ("that", "to", ":") and s.doc[
        min(i + 1, len(s.doc) - 1)].text not in QUOTE_CHARS


def _naming(s: Sentence, cand: Candidate) -> bool:
    """"called the bill "a surrender"", "called the bill a disaster", "condemned the move as bullying": an object of
    a few words, then a quoted name, an article or "as"; sets the candidate's source and content."""
    i, frame, doc = cand.cue.start, cand.frame, s.doc
    j = i + 1
    while j < s.lim and j - i <= 8 and s.low(j) != "as" and doc[j].text not in QUOTE_CHARS and not (
            j > i + 2 and s.low(j) in ("a", "an") and "naming" in frame):
        if doc[j].is_punct or s.low(j) in F.CLAUSE_WORDS or (verb_form(doc[j]) and s.low(j - 1) not in F.DETERMINERS):
            return False
        j += 1
    if j >= s.lim or j == i + 1 or s.low(i + 1) in F.PREPOSITIONS or s.low(j - 1).endswith(("self", "selves")) or (
            "as" if s.low(j) == "as" else "naming") not in frame:
        return False
    stop = j + (s.low(j) == "as")
    if stop < s.lim and doc[stop].text in QUOTE_CHARS:  # a quoted name runs to its closing mark
        stop = next((k for k in range(stop + 1, s.end) if doc[k].text in QUOTE_CHARS), s.end) + 1
    else:
        stop = next((k for k in range(stop, s.lim) if doc[k].text in MARKS or s.low(k) in F.AS_ENDS), max(stop, s.lim))
    cand.source, cand.content = left_source(s, i), s.span(i + 1, stop)
    return cand.source is not None and cand.content is not None


class Order:
    """Where, by word order, a cue's content may start (``after``) and its source may be (``left``, ``inverted``)."""

    def __init__(self, s: Sentence, cand: Candidate, found: list[Candidate]):
        self.s, self.found, self.frame, self.i = s, found, cand.frame, cand.cue.start
        doc, frame, i, last = s.doc, cand.frame, cand.cue.start, cand.cue.end - 1
        after = skip_adverbials(s, last + 1, frame)
        if "addressee" in frame and after < s.lim and s.low(after) not in {"that", ":", "to"} | frame.preps and doc[
                after].text not in QUOTE_CHARS:
            person, after = after, past_addressee(s, after)
            after = person if s.low(after) == "to" and "inf" in frame else after  # "urged the speaker to bring"
        after = content_start(s, after, last, frame)
        self.after = after = s.lim if after is None else after  # "conceded to the challenger": no content after
        self.has_that = s.low(after) == "that"
        if self.has_that and s.lim - after <= 3 and not any(t.lower_ in F.MODALS for t in doc[after + 1:s.lim]) or (
                s.low(after) in ("whether", "if")):
            self.after = None  # "disputes that view": a demonstrative; "asked whether": a question
            return
        infinitive = s.low(after) == "to" and "inf" in frame
        self.unmarked = not (self.has_that or infinitive or after < s.end and doc[after].text in QUOTE_CHARS | {":"})
        self.right_empty = after >= s.lim or doc[after].text in (",", ";", "—") and not self.has_that or (
            doc[after].text == "(" and doc[s.lim - 1].text == ")" and sum(t.text == "(" for t in doc[after:s.lim]) == 1)
        governs = i - 2 - (s.low(i - 2) in ("on", "up")) if s.low(i - 1) == "to" and i > s.start + 1 else i
        self.left = left = left_source(s, governs)  # "The agency has not been able to confirm", "He went on to say"
        mark = doc[s.prev(i)].text if s.prev(i) >= s.start else doc[i - 1].text if i else ""  # a quote before it
        before_left = doc[s.prev(left.start)] if left is not None and left.start > s.start else None
        self.content_before = (i > s.start or mark in QUOTE_CHARS) and (mark == "," or mark in QUOTE_CHARS or (
            before_left is not None and (before_left.text == "," or before_left.text in QUOTE_CHARS or not boundary(
                s, before_left.i)))) and not (left is not None and left.start == s.start)
        self.inverted = right_source(s, last + 1) if mark == "," or mark in QUOTE_CHARS else None
        if self.content_before and left is not None and self.inverted is None and not self.has_that and \
                adverbial_tail(s, last + 1):
            self.right_empty = True  # "..., the agency said in its evening bulletin."

    def source_of_content_after(self) -> tuple[Span | None, bool]:
        """(source, inherited): the noun phrase before the cue; for "and said", ", adding" the previous
        attribution's; else the sentence's subject ("Farmers blocked roads, saying"); else a source after the cue."""
        s, i, left = self.s, self.i, self.left
        prev, participle = s.low(s.prev(i)), s.low(i).endswith("ing")
        if left is not None and not (prev == "," and participle):
            return left, False
        if self.found and (prev in ("and", "but", ",") or participle):
            return self.found[-1].source, True
        subject = main_subject(s, i) if prev in ("and", "but", ",") and (participle or prev != ",") else None
        return (subject, False) if subject is not None else (self.inverted, False)

    def before_cue(self) -> tuple[Span | None, Span | None]:
        """(source, the sentence before it) for "..., the minister said." and "..., said Smith."; all of the sentence
        when the clause resumes after the cue ("The law, the minister said, would take effect in May.")."""
        s, left, inverted, doc = self.s, self.left, self.inverted, self.s.doc
        if "first" not in self.frame or left is None and inverted is None:
            return None, None
        if inverted is not None and not (left is not None and left.start > s.start and doc[
                s.prev(left.start)].text == ","):
            source, end = inverted, self.i
        else:
            source, end = left, left.start
            if left.start > s.start + 1 and doc[s.prev(left.start)].text == "," and left.end < self.i and doc[
                    left.end].text == "," and s.prev(self.i) == left.end:
                end = s.back(s.prev(left.start))  # "..., the regional governor, Tomas Lind, said"
        content = s.span(s.start, end) if end > s.start else None
        if content is not None and clause_resumes(s, self.after) and not any(t.text in QUOTE_CHARS for t in doc[
                s.start:end]):
            content = s.span(s.start, s.lim)
        return source, content


# Source – cue – content orders that carry no claim.
def _no_that(o: Order) -> bool:
    """"found the keys": a that-only verb without one."""
    return o.has_that and "that" not in o.frame and "bare" not in o.frame


def _no_bare(o: Order) -> bool:
    """"suggested the plan", "claimed the title": unmarked words after a cue that takes them only as a clause (by its
    shape), an infinitive ("called on workers to strike"), a named object ("put the toll"), a count or an act."""
    frame, s, a = o.frame, o.s, o.after
    if "any" in frame or "obj" in frame and frame.objects is None or frame.lemma.split()[-1] in frame.takes or s.low(
            a - 1) in frame.preps or "bare" in frame and clause_shape(s, a):
        return False
    if "inf" in frame and any(s.low(k) == "to" and s.doc[k + 1 + (s.doc[k + 1].text in QUOTE_CHARS)].is_lower and s.low(
            k + 1) not in F.DETERMINERS for k in range(a, min(s.lim - 2, a + 6))):
        return False
    head = next((k - 1 for k in range(a + 1, min(s.lim, a + 9)) if s.low(k) in F.PREPOSITIONS | {"and", "or", "but"}
                 or s.doc[k].is_punct), min(s.lim, a + 9) - 1)  # the object's last word before a preposition
    return not (frame.objects and any(s.low(k).removesuffix("s") in frame.objects for k in (a, a + 1))
                or "gerund" in frame and s.low(a).endswith("ing")
                or "count" in frame and any(t.like_num for t in s.doc[a:a + 3])
                or "fact" in frame and (s.low(head) in F.ACT_NOUNS or s.low(head).endswith(F.ACT_ENDINGS)))


def _prep_next(o: Order) -> bool:
    """"said on Monday": a preposition next that the frame does not take (but "says about 3,000 homes")."""
    s, a = o.s, o.after
    return s.low(a) in F.PREPOSITIONS - {"to"} - o.frame.preps and not (s.low(a) in F.APPROXIMATORS and s.doc[
        a + 1].like_num or s.low(a) == "at" and s.low(a + 1) in ("least", "most"))  # "said at least 12 died"


NO_CONTENT_AFTER = (_no_that, _no_bare, _prep_next)


def clause_shape(s: Sentence, start: int) -> bool:
    """Words up to a comma that look like a clause: an auxiliary or a past form (not a cue's) in the first eight."""
    words = s.doc[start:min(s.lim, start + 8)]
    words = words[:next((k for k, t in enumerate(words) if t.is_punct), len(words))]
    return any(t.lower_ in F.MODALS or k and (t.lower_ in F.IRREGULAR_PAST or t.lower_.endswith("ed") and not verb_form(
        t)) for k, t in enumerate(words))


# ---------------------------------------------------------------- sources by word order

def looks_like_source(s: Sentence, start: int, end: int, participles: bool = False) -> bool:
    """A short noun phrase: no verbs or clause words, not opening with a determiner alone or a preposition; with
    ``participles`` a past participle before a preposition may modify it ("people briefed on")."""
    ws = [t for t in s.doc[start:end] if (not t.is_punct or t.text in "()") and not t.is_space]
    if not ws or len(ws) > 16 or ws[0].lower_ in F.NOT_SOURCES | F.PREPOSITIONS:
        return False
    return any(t.is_alpha for t in ws) and not any(
        (t.lower_ in F.AUXILIARIES - {"also", "first", "further", "too"} or verb_form(t) and not (
            k and ws[k - 1].lower_ in ("the", "a", "an") and t.lower_.endswith("ing")))
        and not (participles and 0 < k < len(ws) - 1 and t.lower_.endswith("ed") and ws[k + 1].lower_ in F.PARTICIPLE_PREPS)
        for k, t in enumerate(ws))


def boundary(s: Sentence, k: int) -> bool:
    """Token k ends the clause before a source: punctuation, quote marks, clause words, but not a possessive
    apostrophe, nor "and" between names ("Russia and China", "Israeli and Lebanese media", "residents and a health
    worker said")."""
    tok, doc = s.doc[k], s.doc
    if tok.text in ("'", "’") and s.start < k < s.end - 1 and plural(doc[k - 1].lower_) and not doc[
            k - 1].whitespace_ and tok.whitespace_ and doc[k + 1].is_alpha:
        return False
    if tok.text in QUOTE_CHARS or tok.text in MARKS:
        return True
    if tok.lower_ in ("and", "&") and s.start < k < s.end - 1 and (title(doc[k - 1]) and title(doc[k + 1]) or (
            doc[k - 1].lower_.endswith(("ian", "ish", "ese", "ic"))) or (plural(doc[k - 1].lower_) or title(
            doc[k - 1])) and s.low(k + 1) in ("a", "an", "the") and any(verb_form(t) for t in doc[k + 2:k + 6])):
        return False
    return tok.lower_ in F.CLAUSE_WORDS and not tok.is_upper or (verb_form(tok) and not (
        s.low(k - 1) in ("the", "a", "an") and tok.lower_.endswith("ing")))  # "the ruling coalition"


def left_source(s: Sentence, cue: int) -> Span | None:
    """The source before a cue: the noun phrase since the clause began, past asides ("Lula, the president of Brazil,
    said"), relative clauses ("a resident who asked not to be named said") and a lost comma."""
    doc, end = s.doc, _strip(s, cue)
    if end >= s.start + 4 and doc[end - 1].text == "," and s.low(end - 2) in F.DISCOURSE_ADVERBS and doc[
            end - 3].text == ",":
        end = _strip(s, end - 3)  # "The opposition, however, alleged"
    if end <= s.start:
        return None
    if end > s.start + 3 and s.low(end - 1) in ("he", "she", "they", "we") and not doc[end - 2].is_punct:
        return doc[end - 1:end]  # "... near the back of the lot she said": a lost comma before the pronoun
    if end >= s.start + 3 and s.low(end - 1) in ("who", "which") and doc[end - 2].text == ",":
        return _antecedent(s, end - 2)  # "..., disputed by the drivers' union, which said"
    if doc[end - 1].text == ",":  # an aside closes right before the cue
        return _before_aside(s, end - 1)
    start = s.back(end)
    if start > s.start + 1 and s.low(start - 1) in ("since", "after", "before", "until") and all(
            t.lower_ in F.WEEKDAYS or t.like_num for t in doc[start:end]):
        start = s.back(start - 1)  # "A video viewed a million times since Friday claims"
    start = _participle_head(s, start)
    before = s.back(start - 1) if start > s.start + 1 and s.low(start - 1) == "and" else start
    if 0 < start - 1 - before <= 3 and all(title(t) or t.lower_ in F.ARTICLES or t.is_lower and not t.lower_.endswith(
            ("ed", "ing")) for t in doc[before:start - 1]) and looks_like_source(s, before, start - 1):
        start = before  # "activist and editor Ryan Marouf told"
    if start > s.start and s.low(start - 1) in ("which", "who") and doc[start].is_lower and s.low(
            start) not in F.ARTICLES | F.PRONOUNS | F.DETERMINERS:
        return _antecedent(s, start - 1)  # "Turkey which backs some rebel factions said"
    while start < end and (doc[start].is_punct or s.low(start) in F.CLAUSE_WORDS):
        start += 1
    start = _no_comma_start(s, start, end, cue)
    who = next((k for k in range(end - 1, max(s.start, end - 12), -1) if s.low(k) in ("who", "which") and not doc[
        k].is_upper or boundary(s, k) and doc[k].is_punct), None)
    if who is not None and s.low(who) in ("who", "which") and who + 1 < end and doc[who + 1].is_lower and s.low(
            who + 1) not in F.ARTICLES | F.PRONOUNS | F.DETERMINERS and not any(
            t.lower_ in ("and", "but", "or") for t in doc[who:end]):
        return _antecedent(s, who)  # "a resident who asked not to be named said", "X who said Y told"
    if not looks_like_source(s, start, end, participles=True) or any(
            F.TABLE.noun(t.lower_.rstrip("s")) and s.low(k + 1) in F.PRONOUNS | F.ARTICLES and k + 1 < end
            for k, t in enumerate(doc[start:end], start)):
        return None  # "..., an accusation she denied": a reporting noun with a relative clause, not a source
    return doc[start:end]


def _strip(s: Sentence, end: int) -> int:
    """Where a source ends: back from the cue over auxiliaries, adverbs and time words."""
    while end > s.start and (s.doc[end - 1].is_space or s.low(end - 1) in STRIPPED or (
            s.low(end - 1).endswith("ly") and len(s.doc[end - 1]) > 4 and not title(s.doc[end - 1]))):
        end -= 1
    return end


def _before_aside(s: Sentence, close: int) -> Span | None:
    """The source before a comma-set aside that closes at ``close``: "Anna Berg, who has led the agency, said", "The
    minister, speaking after a meeting, said", "The two backers, Russia and Iran, said", "Helix Grid, Inc., a
    developer of ..., announced"."""
    doc, inner = s.doc, s.back(close)
    if inner > s.start and doc[inner - 1].text == ",":
        start = _participle_head(s, s.back(inner - 1))
        if s.low(inner - 2) in F.COMPANY_SUFFIXES and doc[inner - 3].text == ",":
            start = s.back(inner - 3)
        while start < inner - 2 and s.low(start) in F.CLAUSE_WORDS:  # "But one senior backbencher, who ..., said"
            start += 1
        if s.low(start) in F.DETERMINERS and inner < close and all(
                title(t) or not t.is_alpha or t.lower_ == "and" for t in doc[inner:close]) and looks_like_source(
                s, inner, close):
            return doc[inner:close]
        return doc[start:inner - 1] if looks_like_source(s, start, inner - 1, participles=True) else None
    open_ = close - 1
    while open_ > s.start and doc[open_].text != "," and close - open_ < 30:
        if doc[open_].text in QUOTE_CHARS or doc[open_].text in MARKS:
            return None
        open_ -= 1
    if open_ <= s.start or doc[open_].text != ",":
        return None
    aside = doc[open_ + 1:close]
    rel = next((k for k, t in enumerate(aside) if t.lower_ in ("who", "whose", "whom", "which", "where")), None)
    if not (len(aside) > 1 and aside[0].is_lower and aside[0].lower_.endswith(("ing", "ed", "en", "wn")) or len(
            aside) and aside[0].lower_ in ("a", "an", "the") and looks_like_source(s, open_ + 1, close)) and (
            rel is None or rel > 0 and not looks_like_source(s, open_ + 1, open_ + 1 + rel)):
        return None
    start = s.back(open_)
    if start >= s.start + 2 and s.low(start - 1) == "and" and "of" in {t.lower_ for t in doc[max(s.start, start - 4):start]}:
        start = s.back(start - 1)  # "A committee of lawyers and engineers, which ..., said"
    while start < open_ and s.low(start) in F.CLAUSE_WORDS:
        start += 1
    if not looks_like_source(s, start, open_) or not any(title(t) or t.lower_ in F.ARTICLES | F.DETERMINERS | {"one"}
                                                         for t in doc[start:open_]):
        return None
    return doc[start:open_]


def _no_comma_start(s: Sentence, start: int, end: int, cue: int) -> int:
    """A source whose comma was lost, after a fronted phrase ("In a 60-page decision the agency found") or after the
    content when the cue ends the clause ("Among the dead were three children the monitor said"): back from the cue
    to an article, a pronoun, a name after lower case, or a word after a plural."""
    doc = s.doc
    ends = cue + 1 >= s.lim or doc[cue + 1].text == "," or adverbial_tail(s, cue + 1)
    after_mark = start > s.start and (doc[start - 1].text in MARKS or doc[start - 1].text in QUOTE_CHARS)
    if s.low(start) not in F.PREPOSITIONS and not (ends and not after_mark and end - start >= 4 and any(
            t.lower_ in F.MODALS | F.IRREGULAR_PAST or verb_form(t) or t.lower_.endswith(("ed", "ing"))
            for t in doc[start:end - 1])):
        return start
    for k in range(end - 1, start, -1):
        if s.low(k) in F.ARTICLES | F.PRONOUNS:
            return k
        in_name = s.low(k - 1) in ("for", "of", "and", "de", "al") and k - 2 > start and title(doc[k - 2])
        if title(doc[k]) and doc[k - 1].is_lower and not in_name or doc[k - 1].is_lower and plural(s.low(k - 1)):
            return k - 1 if s.low(k - 1) in F.ARTICLES else k
    return start


def _antecedent(s: Sentence, comma: int) -> Span | None:
    """The noun phrase before ", who said" or "which": back to its article (and a phrase it heads: "A health worker
    at the hospital who"), "of" inside it ("a coalition of unions"), a preposition or a boundary."""
    doc, start = s.doc, comma
    while start > s.start and comma - start < 12:
        prev = doc[start - 1]
        if prev.lower_ in F.ARTICLES:
            start -= 1
            if start - 2 > s.start and s.low(start - 1) in ("at", "of", "in", "from", "for", "with") and doc[
                    start - 2].is_alpha and s.low(start - 2) not in F.PREPOSITIONS | F.AUXILIARIES:
                start -= 1
                continue
            break
        if not (prev.lower_ == "of" and start - 2 > s.start and doc[start - 2].is_alpha) and (not (
                prev.is_alpha or _hyphen(s, start - 1) or prev.text in ("'", "’") and not boundary(s, start - 1))
                or prev.lower_ in F.PREPOSITIONS | F.AUXILIARIES | F.PRONOUNS or boundary(s, start - 1)):
            break
        start -= 1
    if start == comma or not looks_like_source(s, start, comma) or not (
            title(doc[comma - 1]) or s.low(start) in F.ARTICLES or plural(s.low(comma - 1))):
        return None
    return doc[start:comma]


def _participle_head(s: Sentence, start: int) -> int:
    """"Two people briefed on the decision said": a chunk opening with a participle's preposition belongs to the
    noun before the participle."""
    if start >= s.start + 2 and s.low(start) in F.PARTICIPLE_PREPS and s.low(start - 1).endswith("ed") and s.low(
            start - 1) not in F.AUXILIARIES:
        head = s.back(start - 1)
        if head < start - 1 and looks_like_source(s, head, start - 1):
            return head
    return start


def right_source(s: Sentence, after: int) -> Span | None:
    """The source after an inverted cue, up to a comma or the end ("said John Smith, the minister"), a name without
    its comma ("said Yesenia Rodriguez a 34-year-old"), with the name in apposition to a title ("said the head of
    the union, Piet de Vries")."""
    doc, end = s.doc, s.until(after, F.CLAUSE_WORDS | F.TIME_WORDS)
    if end < s.lim and doc[end].text not in MARKS - {":"} and s.low(end) not in F.TIME_WORDS | F.RELATIVES:
        name = next((k for k in range(after, end) if not (title(doc[k]) or s.low(k) in F.NAME_PARTICLES)), end)
        if name - after < 2:
            return None
        end = name
    if not looks_like_source(s, after, end) or s.low(after) in ("that", "it", "to"):
        return None
    if end < s.lim and doc[end].text == "," and not title(doc[after]):
        stop = next((k for k in range(end + 1, s.lim) if not (
            title(doc[k]) or s.low(k) in F.NAME_PARTICLES and title(doc[k + 1]))), s.lim)
        end = stop if stop - end >= 3 and (stop == s.lim or doc[stop].text == ",") else end
    return doc[after:end]


def main_subject(s: Sentence, before: int) -> Span | None:
    """The subject of the sentence's main verb by word shape, past a dateline: the words before the first lower-case
    auxiliary, cue form, past form or word before an object's article ("cut its forecast")."""
    doc = s.doc
    start = next((k for k in range(s.start, s.end) if not (doc[k].is_upper and len(doc[k]) > 1 or doc[k].text in (
        ",", "(", ")", "-", "—"))), s.end)  # past "WASHINGTON (AFP)"
    start = start if start > s.start + 1 else s.start
    if start >= before or s.low(start) in F.PREPOSITIONS | F.CLAUSE_WORDS or not (
            title(doc[start]) or s.low(start) in F.PERSON_PRONOUNS | {"they", "we"}):
        return None
    for k in range(start + 1, min(before, start + 10)):
        tok, prev, nxt = doc[k], s.low(k - 1), s.low(k + 1)
        if tok.text == ",":  # past an aside in commas: "Several hundred farmers, most of them from the north, blocked"
            return doc[start:k] if _aside_then_verb(s, k, before) and looks_like_source(s, start, k) else None
        if tok.is_punct and not _hyphen(s, k) or tok.text in QUOTE_CHARS or tok.lower_ in F.CLAUSE_WORDS - {"also"}:
            return None
        if not tok.is_alpha or title(tok) or tok.lower_ in F.DETERMINERS | F.PREPOSITIONS or _hyphen(s, k - 1):
            continue  # "the Qaeda-linked group": a compound, not a verb
        if tok.lower_ in F.AUXILIARIES or verb_form(tok) or tok.lower_.endswith("ed") and prev not in (
                F.DETERMINERS | F.PREPOSITIONS) or nxt in F.ARTICLES and prev not in F.DETERMINERS and not doc[
                k - 1].is_punct:
            return doc[start:k] if looks_like_source(s, start, k) else None
    return None


def _aside_then_verb(s: Sentence, comma: int, before: int) -> bool:
    """An aside opens at ``comma`` and a verb follows its closing comma (past a list of names inside it: "most of them
    from Lagos, Ibadan and Kano, marched")."""
    for j in range(comma + 1, min(before - 1, comma + 16)):
        nxt = s.doc[j + 1]
        if s.doc[j].text == "," and (nxt.lower_ in F.AUXILIARIES | F.IRREGULAR_PAST or nxt.lower_.endswith("ed") or verb_form(
                nxt)):
            return True
        if s.doc[j].text in QUOTE_CHARS or s.doc[j].is_punct and not (s.doc[j].text == "," and title(nxt)):
            return False
    return False


def _hyphen(s: Sentence, k: int) -> bool:
    """Token k is a hyphen inside a compound ("140-page", "Qaeda-linked")."""
    return s.doc[k].text in ("-", "‐") and s.start < k < s.end - 1 and not s.doc[k - 1].whitespace_ and not s.doc[
        k].whitespace_


# ---------------------------------------------------------------- where content after the cue starts

def skip_adverbials(s: Sentence, i: int, frame: F.Frame) -> int:
    """Past "on Friday", "in a statement", "in a CNN interview", "on Telegram", "also", -ly adverbs."""
    def adverbial(tok: Token) -> bool:
        return title(tok) or tok.like_num or tok.lower_ in ADVERBIAL_WORDS

    while i < s.lim:
        w = s.low(i)
        if w in F.LEAD_ADVERBS or (w.endswith("ly") and len(w) > 4 and not title(s.doc[i])):
            i += 1
            continue
        if w == "to" and "inf" in frame or w in frame.preps or w not in ADVERBIAL_STARTS:
            return i
        j = i + 1
        while j < s.lim and (s.low(j) in F.ARTICLES and j + 1 < s.lim and adverbial(s.doc[j + 1]) or adverbial(
                s.doc[j])):
            j += 1
        if j == i + 1:
            return i
        i = j
    return i


def past_addressee(s: Sentence, after: int) -> int:
    """"told Reuters that", "informed the residents of the city that": where the content starts, past the person
    addressed."""
    doc, j = s.doc, after
    while j < s.lim and s.low(j) not in ("that", ",", ":", "to") and doc[j].text not in QUOTE_CHARS and j - after < 8:
        j += 1
    bare = _bare_clause_after(s, after, j)
    if bare is None and any(t.lower_ in F.MODALS for t in doc[after:j]):
        return after  # "warn Spain's record heat is ...": a clause, no one addressed
    j = j if bare is None else bare
    if j < s.lim and doc[j].text == ",":
        close = next((c for c in range(j + 1, min(s.lim - 1, j + 9)) if doc[c].is_punct), None)
        if close is not None and doc[close].text == "," and s.low(close + 1) == "that" and not any(
                t.lower_ in F.CLAUSE_WORDS | F.AUXILIARIES or verb_form(t) for t in doc[j + 1:close]):
            j = close + 1  # "told the local paper, the Daily Courier, that"
    opens = j < s.lim and (s.low(j) in {"that", ":", "to"} | F.PRONOUNS | F.ARTICLES or doc[j].text in QUOTE_CHARS)
    return j if opens or j >= s.lim or doc[j].text == "," else after


def _bare_clause_after(s: Sentence, after: int, j: int) -> int | None:
    """A bare clause right after the person addressed: "told the AP she had been woken" (a name, then a pronoun or
    article), "told reporters the plan had been shelved", "told parliament on Wednesday the plan would ..."."""
    starts = F.PRONOUNS | F.ARTICLES
    k = after + (s.low(after) in F.ARTICLES)
    while k < s.lim and title(s.doc[k]) and k - after < 5:
        k += 1
    if after < k < j and s.low(k) in starts and any(t.lower_ in F.MODALS or verb_form(t) for t in s.doc[k:k + 6]):
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
    the capital on Monday that"), else ``after``: not "in that case", "the meeting that was held"."""
    if not (s.low(after) in F.PREPOSITIONS | ADVERBIAL_STARTS or s.low(after) in F.WEEKDAYS):
        return after
    for k in range(after + 1, min(s.lim - 1, after + 14)):
        tok, nxt = s.doc[k], s.doc[k + 1]
        if tok.lower_ == "that":
            return after if s.low(k - 1) in F.PREPOSITIONS | F.ARTICLES or nxt.is_punct and nxt.text not in QUOTE_CHARS \
                or nxt.lower_ in F.AUXILIARIES or verb_form(nxt) or nxt.lower_.endswith("ed") else k
        if _hyphen(s, k) or (verb_form(tok) and s.low(k - 1) in F.DETERMINERS | F.ARTICLES):
            continue  # "its 140-page report", "after the ruling"
        if tok.is_punct or tok.text in QUOTE_CHARS or tok.lower_ in F.CLAUSE_WORDS | F.AUXILIARIES or verb_form(
                tok) or tok.lower_ in F.PRONOUNS - {"it", "her"}:
            return after
    return after


def content_start(s: Sentence, after: int, last: int, frame: F.Frame) -> int | None:
    """Where content after the cue starts: past a day ("said Tuesday that"), asides in commas ("cautioned, however,
    that", "reported, citing officials, that", ", she wrote, that"), an adverbial before "that", a preposition the
    frame takes ("warned of"); after "to", at a "that" ("said to reporters that"), else None ("conceded to")."""
    doc = s.doc
    while s.low(after) in F.WEEKDAYS:
        after += 1
    if after < s.lim and doc[after].text == ",":
        close = next((k for k in range(after, min(s.lim - 1, after + 9)) if s.low(k + 1) == "that" and (
            doc[k].text == ",")), None)
        after = close + 1 if close is not None else after
    after = _that_after_adverbial(s, after)
    if after < s.lim and s.low(after) != "that" and after > last + 1:
        after = max(after, _that_after_adverbial(s, last + 1))  # "stated in its 90-page report that"
    if s.low(after) in frame.preps:
        return after + 1 if after + 1 < s.lim else None
    if s.low(after) == "to" and "inf" not in frame:
        return next((k for k in range(after + 1, min(s.lim, after + 6)) if s.low(k) == "that"), None)
    return after


def adverbial_tail(s: Sentence, first: int) -> bool:
    """The words after a cue are only a prepositional or time phrase ("on the Telegram messaging app", "shortly after
    11 p.m."): no clause, quote or "that" of their own."""
    tail = s.doc[first:s.lim]
    if not len(tail) or not (tail[0].lower_ in F.PREPOSITIONS | ADVERBIAL_STARTS | F.WEEKDAYS or (
            tail[0].lower_.endswith("ly") and len(tail) > 1 and tail[1].lower_ in F.PREPOSITIONS)):
        return False
    return len(tail) <= 12 and not any(
        t.text in QUOTE_CHARS or t.text in (",", ";", ":") or t.lower_ in F.MODALS | {"that"}
        or t.lower_ in F.PRONOUNS - {"it", "her", "his", "its", "their"} or verb_form(t) for t in tail)


def clause_resumes(s: Sentence, after: int) -> bool:
    """"..., the minister said, would take effect": after the cue's comma the interrupted clause goes on."""
    if after + 1 >= s.lim or s.doc[after].text != ",":
        return False
    nxt = s.doc[after + 1]
    return nxt.is_alpha and not title(nxt) and (nxt.lower_ in F.MODALS | {"be", "been", "did", "does", "do"} or (
        nxt.lower_.endswith("ed") and nxt.lower_ not in F.TABLE.forms))


CONSTRUCTIONS = {"according": _according, "quoted_as": _quoted_as, "nominal": _nominal, "saying": _saying,
                 "hedge_passive": _hedge_passive, "passive": _passive, "unverified": _unverified, "verb": _verb}
