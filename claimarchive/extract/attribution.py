"""Find attributions in one sentence: the cue, the source as worded, the content, the relaying channels.

Two paths share one result type. With a dependency parse, a cue verb's subject is the source and its
clause, infinitive or object is the content; "according to" takes the clause it modifies. Without one
(the blank pipeline), rules over tokens find the same orders: source–cue–content, content–source–cue,
content–cue–source and cue-first. All offsets here are character offsets into ``doc.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import cues
from ..nlp import entities
from .quotes import Quote, inside

QUOTE_CHARS = set("\"“”‘’«»„'")


@dataclass
class Attribution:
    """One attribution in a sentence; ``content`` may be None until a neighbouring quote supplies it."""

    cue: tuple[int, int]
    cue_lemma: str
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    relays: list[tuple[str, int, int]] = field(default_factory=list)  # (relation, start, end)
    certainty: str = "asserted"
    verification: str | None = None
    hedge_passive: bool = False  # "are said to": no source by design
    inherit_source: bool = False  # "..., adding that": the source is the previous attribution's


def chars(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Character span of tokens first..last (inclusive)."""
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _is_edge_junk(tok: Token) -> bool:
    return (tok.is_punct and tok.text != "%") or tok.is_space or tok.text in QUOTE_CHARS


def trim(doc: Doc, first: int, last: int, lead_words=("that",)) -> tuple[int, int] | None:
    """Token range without punctuation, quote marks, a leading "that" or conjunction at its edges."""
    while first <= last and (_is_edge_junk(doc[first]) or doc[first].lower_ in lead_words
                             or doc[first].lower_ in ("and", "but", "or")):
        first += 1
    while last >= first and (_is_edge_junk(doc[last]) or doc[last].dep_ == "cc" or doc[last].lower_ in ("and", "or")):
        if doc[last].text == ")" and any(t.text == "(" for t in doc[first:last]):
            break
        last -= 1
    return (first, last) if first <= last else None


def in_quote(quotes: list[Quote], tok: Token) -> bool:
    return inside(quotes, tok.idx, tok.idx + len(tok.text)) is not None


# ---------------------------------------------------------------- parser path

SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def _subject(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    return None


MAX_SOURCE_CHARS = 100


def _source_tokens(doc: Doc, head: Token, modifiers: bool = True) -> tuple[int, int]:
    """The source phrase around ``head``: its full noun phrase, with participle modifiers ("two people briefed
    on the decision", "a summary released by the committee"), but without comma-set appositions, relative
    clauses and modifiers that carry a clause of their own; at most about 100 characters."""
    if head.pos_ not in ("PROPN", "PRON"):
        for child in head.rights:
            if child.dep_ == "appos" and doc[child.left_edge.i - 1].text == "," and (
                    child.pos_ == "PROPN" or child.ent_type_):
                return _source_tokens(doc, child)
    drop = set()
    for child in head.children:
        if child.i < head.i:
            continue
        comma_before = doc[child.left_edge.i - 1].text in (",", "—", "–") if child.left_edge.i > 0 else False
        participle = (child.dep_ == "acl" and modifiers and not comma_before and child.tag_ in ("VBN", "VBG", "JJ")
                      and not any(c.dep_ in ("ccomp", "nsubj", "nsubjpass", "mark") for c in child.subtree))
        if child.dep_ in ("relcl", "advcl") or (child.dep_ == "acl" and not participle) or (
                child.dep_ == "appos" and comma_before) or (
                child.dep_ == "punct" and child.text in (",", "—", "–")):
            drop.update(t.i for t in child.subtree)
    for tok in head.subtree:  # "Lawyers for NetChoice, a trade group that sued, ...": deeper asides too
        if tok is not head and tok.i > head.i and tok.i not in drop and (
                tok.dep_ == "relcl" or (tok.dep_ == "appos" and doc[tok.left_edge.i - 1].text in (",", "—", "–"))):
            drop.update(t.i for t in tok.subtree)
    keep = [t.i for t in head.subtree if t.i not in drop]
    # the contiguous run that holds the head
    first = last = head.i
    keep_set = set(keep)
    while first - 1 in keep_set:
        first -= 1
    while last + 1 in keep_set:
        last += 1
    span = trim(doc, first, last, lead_words=()) or (head.i, head.i)
    text = doc[span[0]:span[1] + 1].text
    if text.count("(") > text.count(")") and span[1] + 1 < len(doc) and doc[span[1] + 1].text == ")":
        span = (span[0], span[1] + 1)
    if modifiers and len(doc[span[0]:span[1] + 1].text) > MAX_SOURCE_CHARS:
        return _source_tokens(doc, head, modifiers=False)
    return span


def _negated(tok: Token) -> bool:
    node = tok
    for _ in range(3):
        if any(c.dep_ == "neg" or c.lower_ in cues.NEGATIONS for c in node.children):
            return True
        if node.lower_ == "unable" or node.lemma_ in ("fail", "unable"):
            return True
        if node.dep_ in ("xcomp", "acomp") and node.head is not node:
            node = node.head
        else:
            break
    return False


def _relays(doc: Doc, verb: Token, lemma: str) -> list[tuple[str, int, int]]:
    """Channels and relaying outlets attached to a cue verb."""
    out = []
    for child in verb.children:
        if lemma in cues.ADDRESS_VERBS and child.dep_ in ("dobj", "dative", "iobj"):
            mention = _outlet(doc, child)
            if mention:
                out.append(("told", *mention))
        if child.dep_ != "prep":
            continue
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        if child.lower_ == "on" and (pobj.lower_ in cues.CHANNELS or (
                pobj.pos_ == "PROPN" and pobj.ent_type_ not in ("DATE", "TIME") and pobj.lower_ not in cues.WEEKDAYS)):
            first, last = _compound_span(pobj)
            out.append(("posted_on", *chars(doc, first, last)))
        elif child.lower_ in ("in", "during") and pobj.lemma_.lower() in cues.INTERVIEW_NOUNS:
            with_ = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "with"), None)
            target = next((c for c in with_.children if c.dep_ == "pobj"), None) if with_ is not None else None
            if target is not None:
                first, last = _compound_span(target)
                out.append(("interview_with", *chars(doc, first, last)))
            else:
                names = [c for c in pobj.children if c.dep_ in ("compound", "poss", "nmod") and c.pos_ == "PROPN"]
                if names:
                    first, last = _compound_span(names[0])
                    out.append(("interview_with", *chars(doc, first, last)))
        elif child.lower_ == "to" and lemma in ("say", "speak", "talk") and _outlet(doc, pobj):
            out.append(("told", *_outlet(doc, pobj)))
    return out


def _compound_span(tok: Token) -> tuple[int, int]:
    first = last = tok.i
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod", "flat") and child.i < tok.i:
            first = min(first, child.left_edge.i)
    return first, last


def _outlet(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """The outlet named by an addressee ("Reuters", "the Reuters news agency"), or None for a person."""
    sub = list(tok.subtree)
    orgs = [e for e in entities(doc).within(sub[0].i, sub[-1].i + 1)
            if e.label_ in ("ORG", "NORP", "WORK_OF_ART", "GPE")]
    if orgs:
        return orgs[0].start_char, orgs[0].end_char
    if any(t.lemma_.lower() in cues.MEDIA_NOUNS for t in sub):
        span = trim(doc, sub[0].i, sub[-1].i, lead_words=("the", "a", "an"))
        return chars(doc, *span) if span else None
    return None


def _quoted_by(doc: Doc, tok: Token) -> list[tuple[str, int, int]]:
    """"Y, quoted by state media, said": the relaying outlet of a source."""
    out = []
    for node in [tok, *tok.children]:
        if node.lemma_ == "quote":
            agent = next((c for c in node.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                span = trim(doc, pobj.left_edge.i, pobj.right_edge.i, lead_words=())
                if span:
                    out.append(("quoted_by", *chars(doc, *span)))
    return out


def _right_content(doc: Doc, verb: Token, after: int, skip_lead_preps: bool = True) -> tuple[int, int] | None:
    """Tokens of the verb's clause to the right of ``after``, without sibling clauses and lead adverbials."""
    children = [c for c in verb.rights if c.i > after]
    kept = []
    started = False
    for child in children:
        if child.dep_ in ("conj", "cc", "punct"):
            if child.dep_ == "conj" and (child.lemma_.lower() in cues.SPEECH_VERBS | cues.OBJECT_VERBS or any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in child.children) or child.pos_ not in ("VERB", "AUX")):
                break
            if child.dep_ == "conj" and child.tag_ == verb.tag_ and child.tag_ in ("VBD", "VBZ", "VBP") and any(
                    c.dep_ == "xcomp" or (c.dep_ == "dobj" and any(d.dep_ in ("det", "poss") for d in c.children))
                    for c in child.children) and any(
                    c.dep_ == "cc" and c.i < child.i for c in verb.children):
                break  # "condemned X as Y and renewed his appeal": a second predicate of the same subject
            if child.dep_ == "conj":  # a misparsed noun phrase ("the army and allied militias")
                started = True
                kept.append(child)
                continue
            if started:
                kept.append(child)
            continue
        if child.dep_ == "advcl" and child.lemma_.lower() in cues.SPEECH_VERBS:
            break
        if not started and skip_lead_preps and child.dep_ in ("prep", "npadvmod", "advmod", "agent") and any(
                c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "dative") and c.i > child.i for c in children):
            continue
        if child.dep_ in ("nsubj", "nsubjpass"):  # inverted "said Smith"
            continue
        if not started and child.dep_ in ("dobj", "dative", "iobj") and verb.lemma_.lower() in cues.ADDRESS_VERBS \
                and any(c.dep_ == "ccomp" and c.i > child.i for c in children):
            continue  # the person addressed: "told reporters that ..."
        started = True
        kept.append(child)
    if not kept:
        return None
    first = min(c.left_edge.i for c in kept)
    last = max(c.right_edge.i for c in kept)
    return trim(doc, first, last)


def _clause_without(doc: Doc, head: Token, part_first: int, part_last: int) -> tuple[int, int] | None:
    """The head's clause with the part (a cue clause) cut off when it sits at one edge."""
    first, last = head.left_edge.i, head.right_edge.i
    if part_first <= first:
        return trim(doc, part_last + 1, last)
    if part_last >= last or all(_is_edge_junk(t) for t in doc[part_last + 1:last + 1]) or head.i < part_first:
        return trim(doc, first, part_first - 1)
    return trim(doc, first, last)  # "The plan, he said, would fail."


def _content_ok(doc: Doc, span: tuple[int, int] | None) -> bool:
    if not span:
        return False
    first, last = span
    return any(t.is_alpha for t in doc[first:last + 1])


def _open_question(clause: Token) -> bool:
    """"did not say whether ...": the complement is a question, not a claim."""
    return any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children)


def parsed_attributions(doc: Doc, sent: Span, quotes: list[Quote]) -> list[Attribution]:
    """Attributions in a parsed sentence."""
    found: list[Attribution] = []
    skip_heads: set[int] = set()
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            attr, head = _according_to(doc, tok)
            if attr:
                found.append(attr)
                skip_heads.add(head)
    for tok in sent:
        if tok.i in skip_heads or in_quote(quotes, tok):
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            if lemma in cues.SPEECH_VERBS | cues.OBJECT_VERBS | cues.INFINITIVE_VERBS | cues.HEDGE_PASSIVES \
                    | cues.AS_NAMING_VERBS:
                attr = _verb_attribution(doc, tok, lemma, quotes)
                if attr:
                    found.append(attr)
        elif tok.pos_ == "NOUN" and lemma in cues.NOMINAL_CUES:
            attr = _nominal_attribution(doc, tok, lemma)
            if attr:
                found.append(attr)
    return found


def _according_to(doc: Doc, tok: Token) -> tuple[Attribution | None, int]:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None, -1
    source = _source_tokens(doc, pobj)
    # a name the parser left hanging off the phrase: "according to state news agency Sana,"
    last = source[1]
    while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN" and doc[last + 1].head in (tok, to, pobj):
        last += 1
    source = (source[0], last)
    phrase_first, phrase_last = tok.i, max(tok.right_edge.i, pobj.right_edge.i)
    head = tok.head
    while (head.pos_ not in ("VERB", "AUX") or head.dep_ == "conj") and head.dep_ != "ROOT" and head.head is not head:
        head = head.head  # a noun, or the second of two joined clauses: the whole clause is the content
    if head is tok:
        content = trim(doc, phrase_last + 1, tok.sent.end - 1)
    else:
        content = _clause_without(doc, head, phrase_first, phrase_last)
        if content and content[0] <= phrase_first <= content[1]:
            content = trim(doc, head.left_edge.i, head.right_edge.i)
    if not _content_ok(doc, content):
        return None, -1
    attr = Attribution(cue=chars(doc, tok.i, to.i), cue_lemma="according_to", source=chars(doc, *source),
                       content=chars(doc, *content))
    return attr, head.i


def _verb_attribution(doc: Doc, tok: Token, lemma: str, quotes: list[Quote]) -> Attribution | None:
    """A cue verb's attribution: its subject is the source, its clause, infinitive or object the content;
    None when the verb is no cue here."""
    if _modifier_or_so_called(doc, tok):
        return None
    children = list(tok.children)
    deps = {c.dep_ for c in children}
    particle = None
    naming = _naming(tok, lemma, children)
    if lemma in cues.PHRASAL_VERBS and not naming:
        particle = _phrasal_particle(tok, lemma, children)
        if particle is None:
            return None
    elif lemma in cues.NAMING_VERBS | cues.AS_NAMING_VERBS and not naming:
        return None
    if "auxpass" in deps or (tok.tag_ == "VBN" and "nsubjpass" in deps):
        return _passive(doc, tok, lemma, children)
    if _inside_outer_report(doc, tok, children):
        return None  # "X pledged money, the minister said": one claim, the minister's
    if lemma not in cues.SPEECH_VERBS | cues.OBJECT_VERBS | cues.INFINITIVE_VERBS and not naming:
        return None

    ccomp = _clause_complement(tok, children)
    if ccomp is not None and _open_question(ccomp):
        return None
    cue = _VerbCue(doc, tok, lemma, children, quotes, naming, particle, _usable_clause(doc, tok, ccomp))
    content = _verb_content(cue)
    if _no_claim_content(cue, content):
        return None

    speaker = _speaker(doc, tok)
    if speaker is None:
        return None
    subj, source, inherited = speaker
    source, content = _content_then_source(doc, tok, source, content)
    if content is None:
        content = _host_clause(doc, tok, deps, source)
    parenthetical = False
    if content is None:
        content = _before_comma(doc, tok, source)  # "..., the carrier posted on X."
    elif source[0] >= content[0] and source[1] <= content[1]:
        parenthetical = tok.dep_ == "parataxis"  # "The catch, he says, is ..."
        if not parenthetical:
            return None
    if content is None or (lemma not in cues.SPEECH_VERBS and not parenthetical and content[1] < tok.i):
        return None
    certainty, verification = _verb_certainty(tok, lemma)
    relays = _relays(doc, tok, lemma)
    relays += _quoted_by(doc, subj)
    return Attribution(cue=_verb_cue_span(doc, tok, cue.cue_last), cue_lemma=lemma, source=chars(doc, *source),
                       content=chars(doc, *content) if content else None, relays=relays,
                       certainty=certainty, verification=verification, inherit_source=inherited)


def _modifier_or_so_called(doc: Doc, tok: Token) -> bool:
    """A cue word used as a modifier ("the reported attack") or after "so" ("so-called"): no cue."""
    if tok.dep_ in ("amod", "compound", "nmod") or tok.tag_ == "JJ":
        return True
    return tok.i > 0 and (doc[tok.i - 1].lower_ in ("so", "so-") or (
        doc[tok.i - 1].text in "-‐" and tok.i > 1 and doc[tok.i - 2].lower_ == "so"))


def _phrasal_particle(tok: Token, lemma: str, children: list[Token]) -> Token | None:
    """The particle of a phrasal cue ("pointed out", "called for"); None when it is missing or is a time
    ("called the race on Monday")."""
    wanted = cues.PHRASAL_VERBS[lemma]
    particle = next((c for c in children if c.dep_ in ("prt", "prep") and c.lower_ in wanted and c.i > tok.i), None)
    if particle is not None and particle.dep_ == "prep" and (any(
            c.dep_ == "dobj" and c.i < particle.i for c in children) or any(
            c.dep_ == "pobj" and (c.lower_ in cues.WEEKDAYS or c.ent_type_ in ("DATE", "TIME"))
            for c in particle.children)):
        return None
    return particle


def _inside_outer_report(doc: Doc, tok: Token, children: list[Token]) -> bool:
    """A cue verb that is the clause of another speech verb, with no semicolon between them and no "that"-clause
    of its own: "X pledged money, the minister said"."""
    head = tok.head
    return tok.dep_ == "ccomp" and head is not tok and head.lemma_.lower() in cues.SPEECH_VERBS and not any(
        t.text in (";", ":") for t in doc[min(tok.i, head.i):max(tok.i, head.i)]) and not any(
        c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children) for c in children)


def _clause_complement(tok: Token, children: list[Token]) -> Token | None:
    """The verb's clause complement; of two, the one after the cue, the one before being a misparsed subject
    ("An official, granted anonymity to discuss ..., said the president would sign")."""
    ccomps = [c for c in children if c.dep_ == "ccomp"]
    if len(ccomps) > 1:
        return next((c for c in ccomps if c.i > tok.i), None)
    return ccomps[0] if ccomps else None


def _usable_clause(doc: Doc, tok: Token, ccomp: Token | None) -> Token | None:
    """The clause complement, unless it is a noun misparsed as a clause ("disputes that view") or comes before a
    semicolon ("Rebels say X; junta denies": that clause is not the denial's)."""
    if ccomp is None:
        return None
    if ccomp.pos_ not in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in ccomp.children):
        return None
    if ccomp.i < tok.i and any(t.text in (";", ":") for t in doc[ccomp.right_edge.i:tok.i]):
        return None
    return ccomp


@dataclass
class _VerbCue:
    """A cue verb with what the content cases look at."""

    doc: Doc
    tok: Token
    lemma: str
    children: list[Token]
    quotes: list[Quote]
    naming: bool  # "called the attack a war crime"
    particle: Token | None  # "out" of "pointed out", "for" of "called for"
    ccomp: Token | None  # its usable clause complement

    @property
    def cue_last(self) -> int:
        return self.particle.i if self.particle is not None else self.tok.i


def _after_cue(cue: _VerbCue, skip_lead_preps: bool = True) -> tuple[int, int] | None:
    """The verb's clause to the right of the cue (and its particle)."""
    return _right_content(cue.doc, cue.tok, cue.cue_last, skip_lead_preps)


def _takes_clause(cue: _VerbCue) -> bool:
    """"said (that) ...", "found that ...", "..., data showed.": a clause the verb takes as its content (a
    that-only verb needs "that", or the clause before it and a comma)."""
    ccomp, tok, lemma = cue.ccomp, cue.tok, cue.lemma
    if ccomp is None:
        return False
    has_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in ccomp.children)
    content_first = ccomp.i < tok.i and lemma in cues.CONTENT_FIRST_THAT_VERBS and any(
        t.text == "," for t in cue.doc[ccomp.right_edge.i + 1:tok.i])
    return lemma not in cues.THAT_ONLY_VERBS or has_that or content_first


def _clause_content(cue: _VerbCue) -> tuple[int, int] | None:
    """The clause after the cue, with what follows it in the verb's clause; a clause before the cue or inside a
    quote, as parsed."""
    if cue.ccomp.i > cue.tok.i and not in_quote(cue.quotes, cue.ccomp):
        return _after_cue(cue)
    return trim(cue.doc, cue.ccomp.left_edge.i, cue.ccomp.right_edge.i)


def _has_particle(cue: _VerbCue) -> bool:
    """"pointed out that ...", "called for a ceasefire": a phrasal cue."""
    return cue.particle is not None


def _particle_content(cue: _VerbCue) -> tuple[int, int] | None:
    """After a preposition ("called for a ceasefire"), its object and what follows, but no bare request
    ("appealed for witnesses"); after a particle ("pointed out that"), the rest of the clause."""
    if cue.particle.dep_ != "prep":
        return _after_cue(cue, skip_lead_preps=False)
    content = _right_content(cue.doc, cue.tok, cue.tok.i, skip_lead_preps=False)
    content = trim(cue.doc, cue.particle.i + 1, content[1]) if content is not None else None
    if content is not None and cue.lemma == "appeal" and not any(
            t.pos_ in ("VERB", "AUX") for t in cue.doc[content[0]:content[1] + 1]):
        return None
    return content


def _takes_infinitive(cue: _VerbCue) -> bool:
    """"claimed to have captured", "pledged to crush": an infinitive verb with a "to"-infinitive after it."""
    return cue.lemma in cues.INFINITIVE_VERBS and any(
        c.dep_ == "xcomp" and c.i > cue.tok.i and any(a.lower_ == "to" for a in c.children) for c in cue.children)


def _names_or_takes_gerund(cue: _VerbCue) -> bool:
    """"called the attack a war crime" (a naming verb), "denied targeting civilians" (an object verb with a
    gerund)."""
    return cue.naming or (cue.lemma in cues.OBJECT_VERBS and any(
        c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" and c.i > cue.tok.i for c in cue.children))


def _takes_content_object(cue: _VerbCue) -> bool:
    """"denied the allegations": an object verb whose direct object is the content; not a fact verb's plain
    noun ("reported record profit") unless it is a reporting noun, a quote or a count ("reported 41 assaults")."""
    dobj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.tok.i), None)
    lemma = cue.lemma
    return dobj is not None and lemma in cues.OBJECT_VERBS and dobj.lower_ not in cues.NOT_SOURCES | {"it"} and not (
        lemma in cues.FACT_OBJECT_VERBS and dobj.lemma_.lower() not in cues.NOMINAL_CUES
        and not in_quote(cue.quotes, dobj) and not (lemma == "report" and _counts(dobj)))


# Where a cue verb's content is, by construction: the first case that applies gives it (or None).
_VERB_CONTENT_CASES = (
    (_takes_clause, _clause_content),
    (_has_particle, _particle_content),
    (_takes_infinitive, _after_cue),
    (_names_or_takes_gerund, _after_cue),
    (_takes_content_object, _after_cue),
)


def _verb_content(cue: _VerbCue) -> tuple[int, int] | None:
    """The content by the first case that applies; with no clause complement, else a "that"-clause the parser
    hung on a noun."""
    content = next((take(cue) for applies, take in _VERB_CONTENT_CASES if applies(cue)), None)
    if content is None and cue.ccomp is None:
        content = _that_clause(cue.doc, cue.tok)
    return content


def _no_claim_content(cue: _VerbCue, content: tuple[int, int] | None) -> bool:
    """Background in a relative clause ("..., which has long urged X to ..."), content with no word, or a
    that-only verb with no content."""
    if cue.tok.dep_ == "relcl" and (cue.ccomp is None or cue.lemma in cues.THAT_ONLY_VERBS) and content is not None:
        return True
    if content is not None and not _content_ok(cue.doc, content):
        return True
    return cue.lemma in cues.THAT_ONLY_VERBS and content is None


def _speaker(doc: Doc, tok: Token) -> tuple[Token, tuple[int, int], bool] | None:
    """(subject, source tokens, inherited) of a cue verb: its subject, the noun a relative pronoun stands for, or,
    when the parser gave a finite verb no subject, the noun phrase right before it; None when it is no source."""
    subj, inherited = _find_subject(tok)
    source = None
    if subj is None:
        if tok.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        source = _left_source_tokens(tok)
        if source is None:
            return None
        subj = doc[source[1]]
    if subj.tag_ in ("WDT", "WP") or subj.lower_ in ("which", "who", "that"):
        subj = _relative_head(tok)
        if subj is None:
            return None
    if subj.lower_ in cues.NOT_SOURCES or subj.dep_ == "expl":
        return None
    return subj, source or _source_tokens(doc, subj), inherited


def _left_source_tokens(tok: Token) -> tuple[int, int] | None:
    """The source right before a cue verb by word order (``_left_source``), as first and last token index."""
    sent_toks = [t for t in tok.sent if not t.is_space]
    at = next(k for k, t in enumerate(sent_toks) if t.i == tok.i)
    left = _left_source(sent_toks, at)
    if left is None:
        return None
    return sent_toks[left[0]].i, sent_toks[left[1] - 1].i


def _content_then_source(doc: Doc, tok: Token, source: tuple[int, int], content: tuple[int, int] | None
                       ) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """Content first, then "X said": a source the parser ran across a comma keeps the words after the last comma,
    and the content runs up to the source ("..., state officials said")."""
    if content is not None and content[1] < source[0] < tok.i and "," in doc[source[0]:tok.i].text:
        source = _left_source_tokens(tok) or source
    if content is not None and content[1] < source[0] < tok.i and not any(
            t.text in QUOTE_CHARS for t in doc[content[1] + 1:source[0]]):
        content = trim(doc, content[0], source[0] - 1) or content
    return source, content


def _host_clause(doc: Doc, tok: Token, deps: set[str], source: tuple[int, int]) -> tuple[int, int] | None:
    """"he said" inside or after the sentence it reports: the rest of the head clause is the content."""
    if tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head is not tok and not deps & {"dobj", "xcomp"}:
        content = _clause_without(doc, tok.head, min(tok.left_edge.i, source[0]), tok.right_edge.i)
        if _content_ok(doc, content):
            return content
    return None


def _verb_certainty(tok: Token, lemma: str) -> tuple[str, str | None]:
    """(certainty, verification): "could not confirm" is not_confirmed; a denial verb or a negation denies; a
    hedge verb ("believe", "estimate") hedges."""
    negated = _negated(tok)
    if lemma in cues.VERIFY_VERBS and negated:
        return "asserted", "not_confirmed"
    if lemma in cues.DENIAL_VERBS or negated:
        return "denied", None
    if lemma in cues.HEDGE_VERBS:
        return "hedged", None
    return "asserted", None


def _verb_cue_span(doc: Doc, tok: Token, cue_last: int) -> tuple[int, int]:
    """The cue's characters: the verb and its particle; "was quoted as saying" from its auxiliary."""
    if tok.dep_ == "pcomp" and tok.head.head.lemma_ == "quote":
        quoted = tok.head.head
        first = min([c.i for c in quoted.children if c.dep_ in ("auxpass", "aux")] + [quoted.i])
        return chars(doc, first, cue_last)
    return chars(doc, tok.i, cue_last)


def _counts(tok: Token) -> bool:
    """A noun phrase that is a count: "41 assaults", "dozens of deaths" (a figure someone reports)."""
    return any(t.like_num or t.pos_ == "NUM" for t in tok.subtree if t.i <= tok.i + 1)


def _naming(tok: Token, lemma: str, children: list[Token]) -> bool:
    """"called the bill "a surrender"", "called it a war crime", "condemned the move as bullying": a verb that
    names what its object is, with the name as predicate, apposition or "as"-phrase."""
    dobj = next((c for c in children if c.dep_ == "dobj" and c.i > tok.i), None)
    if (tok.dep_ == "pcomp" and lemma not in cues.NAMING_VERBS) or (
            dobj is not None and dobj.lower_.endswith(("self", "selves"))):
        return False  # "By portraying himself as a reformer, he ...": how someone acts, not what they say
    as_phrase = any(c.dep_ == "prep" and c.lower_ == "as" for c in children + ([*dobj.children] if dobj else []))
    if lemma in cues.AS_NAMING_VERBS and dobj is not None and as_phrase:
        return True
    if lemma not in cues.NAMING_VERBS:
        return False
    if any(c.dep_ == "oprd" for c in children):
        return True
    return dobj is not None and (as_phrase or any(c.dep_ in ("xcomp", "ccomp") for c in children) or any(
        c.dep_ == "appos" for c in dobj.children))


def _that_clause(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """A "that"-clause the parser hung on a noun: "told analysts on a call that ...", "said in a report that ..."."""
    for k in range(tok.i + 1, min(tok.sent.end, tok.i + 12)):
        word = doc[k]
        if word.lower_ == "that" and word.dep_ in ("mark", "nsubj", "dobj") and word.head.i > k:
            clause = word.head
            if clause.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > k for c in clause.children):
                return trim(doc, k + 1, clause.right_edge.i)
            return None
        if word.pos_ in ("VERB", "AUX") or word.text in (";", ":") or word.text in QUOTE_CHARS:
            return None
    return None


def _before_comma(doc: Doc, tok: Token, source: tuple[int, int]) -> tuple[int, int] | None:
    """The sentence up to the comma before "X said" or "said X" when they end the sentence."""
    if tok.lemma_.lower() in cues.DENIAL_VERBS or tok.lemma_.lower() in cues.THAT_ONLY_VERBS:
        return None
    first = min(source[0], tok.i)
    last = max(source[1], tok.right_edge.i)
    if first == 0 or doc[first - 1].text not in (",", "—", "–") and doc[first - 1].text not in QUOTE_CHARS:
        return None
    if any(not _is_edge_junk(t) for t in doc[last + 1:tok.sent.end]) and tok.right_edge.i < tok.sent.end - 2:
        return None
    address = tok.lemma_.lower() in cues.ADDRESS_VERBS  # "..., two people told Reuters, speaking on ..."
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd") and c.i > tok.i
           and not (address and c.dep_ == "dobj") for c in tok.children):
        return None
    before = doc[tok.sent.start:first - 1]
    if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.text in QUOTE_CHARS for t in before):
        return None  # "By portraying himself as ..., he highlighted ...": no clause before the comma
    return trim(doc, tok.sent.start, first - 1)


def _find_subject(tok: Token) -> tuple[Token | None, bool]:
    """The subject of a cue verb, climbing through conjunctions, "adding", "as saying" and infinitives."""
    node = tok
    for depth in range(4):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
        # several subjects (a misparse): the first, or the one nearest the verb when the content comes first
        content_first = any(c.dep_ == "ccomp" and c.i < node.i for c in node.children)
        subj = (max(subjects, key=lambda c: c.i if c.i < node.i else -c.i) if content_first
                else subjects[0]) if subjects else None
        if subj is None and node.lemma_ == "quote":
            subj = next((c for c in node.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            return subj, depth > 0 and node is not tok
        if node.dep_ == "conj" and node is tok and node.head.dep_ == "ccomp" \
                and node.head.head.lemma_.lower() in cues.SPEECH_VERBS:
            node = node.head.head  # "X says A is so and insists B": the parser hung "insists" on A
            continue
        if node.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep", "acomp") and node.head is not node:
            if node.dep_ == "advcl" and node.tag_ != "VBG":
                return None, False
            node = node.head
            continue
        if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN") and (
                node.tag_ in ("VBD", "VBZ", "VBP") or (node.tag_ == "VBN" and node.dep_ == "acl"
                                                       and _that_clause(node.doc, node) is not None)):
            return node.head, False
        break
    return None, False


def _relative_head(tok: Token) -> Token | None:
    node = tok
    while node.dep_ not in ("relcl", "acl") and node.head is not node and node.dep_ in ("conj", "ccomp"):
        node = node.head
    if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return node.head
    return None


def _passive(doc: Doc, tok: Token, lemma: str, children: list[Token]) -> Attribution | None:
    """"X are said to ...", "it is understood that ...": a hedge with no source; "by X": a source."""
    auxpass = [c for c in children if c.dep_ == "auxpass"]
    agent = next((c for c in children if c.dep_ == "agent"), None)
    subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
    xcomp = next((c for c in children if c.dep_ == "xcomp" and c.i > tok.i), None)
    ccomp = next((c for c in children if c.dep_ == "ccomp" and c.i > tok.i), None)
    if lemma in cues.VERIFY_VERBS and _negated(tok) and subj is not None:
        return _unverified(doc, tok, lemma, subj, agent)
    if agent is not None:
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if pobj is None or lemma not in cues.SPEECH_VERBS | cues.OBJECT_VERBS:
            return None
        source = _source_tokens(doc, pobj)
        if any(c.dep_ == "prep" for c in pobj.children):
            source = trim(doc, pobj.left_edge.i, pobj.i, lead_words=()) or source
        if ccomp is not None:
            content = trim(doc, ccomp.left_edge.i, ccomp.right_edge.i)
        elif subj is not None and lemma in cues.OBJECT_VERBS:
            content = trim(doc, subj.left_edge.i, tok.right_edge.i)  # "X is accused by Y of ..."
        else:
            return None
        if not _content_ok(doc, content):
            return None
        return Attribution(cue=chars(doc, tok.i, tok.i), cue_lemma=lemma, source=chars(doc, *source),
                           content=chars(doc, *content))
    if lemma not in cues.HEDGE_PASSIVES or not auxpass:
        return None
    first = min(a.i for a in auxpass)
    if xcomp is not None and subj is not None and subj.lower_ not in ("it", "this", "that"):
        to = next((a for a in xcomp.children if a.lower_ == "to" and a.i > tok.i), None)
        if to is None:
            return None
        content = trim(doc, subj.left_edge.i, xcomp.right_edge.i, lead_words=())
        cue_last = to.i
    elif ccomp is not None and (subj is None or subj.lower_ == "it"):
        content = trim(doc, ccomp.left_edge.i, ccomp.right_edge.i)
        first = subj.i if subj is not None else first
        cue_last = tok.i
    else:
        return None
    if not _content_ok(doc, content):
        return None
    return Attribution(cue=chars(doc, first, cue_last), cue_lemma=lemma, source=None,
                       content=chars(doc, *content), certainty="hedged", hedge_passive=True)


def _unverified(doc: Doc, tok: Token, lemma: str, subj: Token, agent: Token | None) -> Attribution | None:
    """"The footage could not be independently verified (by Reuters)": a verification statement. The agent is
    its source only when it is a name (an outlet speaking of itself), never "other outlets" or "experts"."""
    content = trim(doc, subj.left_edge.i, tok.i, lead_words=())
    if not _content_ok(doc, content):
        return None
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    source = None
    if pobj is not None and pobj.pos_ == "PROPN":
        source = chars(doc, *_source_tokens(doc, pobj))
    return Attribution(cue=chars(doc, tok.i, tok.i), cue_lemma=lemma, source=source, content=chars(doc, *content),
                       verification="not_confirmed")


def _nominal_attribution(doc: Doc, tok: Token, lemma: str) -> Attribution | None:
    """"the claim by X that ...", "X's statement that ...": needs both a named source and a that-clause."""
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "appos") and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    holder = next((c for c in tok.children if c.dep_ == "poss"), None)
    if holder is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")), None)
        holder = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if holder is None or holder.lower_ in cues.NOT_SOURCES or holder.lower_ in ("its", "their", "his", "her"):
        return None
    source = _source_tokens(doc, holder)
    if holder.dep_ == "poss":
        source = trim(doc, holder.left_edge.i, holder.i, lead_words=()) or source
    content = trim(doc, clause.left_edge.i, clause.right_edge.i)
    if not _content_ok(doc, content):
        return None
    return Attribution(cue=chars(doc, tok.i, tok.i), cue_lemma=lemma, source=chars(doc, *source),
                       content=chars(doc, *content),
                       certainty="denied" if lemma == "denial" else "asserted")


# ---------------------------------------------------------------- rules path

def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _title(tok: Token) -> bool:
    return tok.is_title or tok.is_upper and len(tok.text) > 1


def _is_verb_form(tok: Token) -> bool:
    """An inflected cue form that can only be a verb here ("said", "told"), not a plural noun ("reports")."""
    lemma = cues.CUE_FORMS.get(tok.lower_)
    return lemma is not None and tok.lower_ != lemma and not tok.lower_.endswith("s")


def _looks_like_source(toks: list[Token], participles: bool = False) -> bool:
    """A short noun phrase: no verbs, no clause words, not a bare determiner or preposition.

    With ``participles``, a past participle followed by a preposition may modify the noun ("people briefed on")."""
    words = [t for t in toks if not t.is_punct or t.text in "()"]
    if not words or len(words) > 16:
        return False
    if words[0].lower_ in cues.NOT_SOURCES or words[0].lower_ in cues.PREPOSITIONS:
        return False
    for k, t in enumerate(words):
        if participles and 0 < k < len(words) - 1 and t.lower_.endswith("ed") \
                and words[k + 1].lower_ in PARTICIPLE_PREPOSITIONS:
            continue
        if t.lower_ in cues.AUXILIARIES - {"also", "first", "further", "too"} or (_is_verb_form(t) and not (
                k > 0 and words[k - 1].lower_ in ("the", "a", "an") and t.lower_.endswith("ing"))):
            return False
    return any(t.is_alpha for t in words)


def _strip_before_cue(toks: list[Token], end: int) -> int:
    """Index after the source: walk back from the cue over auxiliaries and -ly adverbs."""
    while end > 0 and (toks[end - 1].lower_ in cues.AUXILIARIES or toks[end - 1].lower_ in (
            "today", "yesterday", "tonight", "now", "long", "since", "ever", "even", "always", "often") or (
            toks[end - 1].lower_.endswith("ly") and len(toks[end - 1]) > 4 and not _title(toks[end - 1]))):
        end -= 1
    return end


def _is_boundary(toks: list[Token], k: int) -> bool:
    """Token k ends the clause before a source: punctuation, quote marks, clause words ("and" between names is no boundary)."""
    tok = toks[k]
    if tok.text in ("'", "’") and 0 < k < len(toks) - 1 and toks[k - 1].lower_.endswith("s") \
            and not toks[k - 1].whitespace_ and tok.whitespace_ and toks[k + 1].is_alpha:
        return False  # "the employers' group": a possessive, not a closing quote
    if tok.text in QUOTE_CHARS or tok.text in (";", ":", ",", "—", "–"):
        return True
    if tok.lower_ in ("and", "&") and 0 < k < len(toks) - 1 and _title(toks[k - 1]) and _title(toks[k + 1]):
        return False
    if tok.lower_ == "and" and k > 0 and toks[k - 1].lower_.endswith(("ian", "ish", "ese", "ic")):
        return False  # "Israeli and Lebanese media"
    return tok.lower_ in cues.CLAUSE_WORDS or (_is_verb_form(tok) and not (
        k > 0 and toks[k - 1].lower_ in ("the", "a", "an") and tok.lower_.endswith("ing")))  # "the ruling coalition"


def _chunk_start(toks: list[Token], end: int) -> int:
    start = end
    while start > 0 and not _is_boundary(toks, start - 1):
        start -= 1
    return start


def _left_source(toks: list[Token], cue_at: int) -> tuple[int, int] | None:
    """The source before a cue (list indices [start, end)): the noun phrase since the clause began.

    "Lula, the president of Brazil, said" and "The spokesman, quoted by state media, said" give the
    name before the comma-set apposition.
    """
    end = _strip_before_cue(toks, cue_at)
    if end >= 4 and toks[end - 1].text == "," and toks[end - 2].lower_ in DISCOURSE_ADVERBS and toks[end - 3].text == ",":
        end = _strip_before_cue(toks, end - 3)  # "The opposition, however, alleged"
    if end <= 0:
        return None
    if end >= 3 and toks[end - 1].lower_ in ("who", "which") and toks[end - 2].text == ",":
        return _relative_antecedent(toks, end - 2)  # "..., disputed by the drivers' union, which said"
    if toks[end - 1].text == ",":  # a parenthetical closes right before the cue
        inner_start = _chunk_start(toks, end - 1)
        if inner_start == 0 or toks[inner_start - 1].text != ",":
            return _name_before_aside(toks, end - 1)
        name_end = inner_start - 1
        start = _chunk_start(toks, name_end)
        name = toks[start:name_end]
        inner = toks[inner_start:end - 1]
        if name and name[0].lower_ in cues.DETERMINERS and inner and all(
                _title(t) or not t.is_alpha or t.lower_ == "and" for t in inner) and _looks_like_source(inner):
            return inner_start, end - 1  # "The two biggest backers of the regime, Russia and Iran, said"
        if not _looks_like_source(name):
            return None
        return start, name_end
    start = _chunk_start(toks, end)
    if start > 1 and toks[start - 1].lower_ in ("since", "after", "before", "until") and all(
            t.lower_ in cues.WEEKDAYS or t.like_num for t in toks[start:end]):
        start = _chunk_start(toks, start - 1)  # "A video viewed a million times since Friday claims"
    start = _participle_head(toks, start)
    while start < end and (toks[start].is_punct or toks[start].lower_ in cues.CLAUSE_WORDS):
        start += 1
    if not _looks_like_source(toks[start:end], participles=True):
        return None
    if any(t.lower_.rstrip("s") in cues.NOMINAL_CUES and k + 1 < end and toks[k + 1].lower_ in (
            cues.PRONOUNS | ARTICLES) for k, t in enumerate(toks[start:end], start)):
        return None  # "..., an accusation she denied": a reporting noun with a relative clause, not a source
    return start, end


def _relative_antecedent(toks: list[Token], comma: int) -> tuple[int, int] | None:
    """The noun phrase before ", who said" / ", which said": back from the comma to its article, or to a
    preposition or clause boundary ("by Ana Ruiz", "met the ambassador", "the nurses' union")."""
    start = comma
    while start > 0 and comma - start < 8:
        prev = toks[start - 1]
        if prev.lower_ in ("the", "a", "an", "its", "their", "his", "her"):
            start -= 1
            break
        if not (prev.is_alpha or _hyphen(toks, start - 1) or (prev.text in ("'", "’") and not _is_boundary(
                toks, start - 1))) or prev.lower_ in cues.PREPOSITIONS or _is_boundary(toks, start - 1) or (
                prev.lower_ in cues.AUXILIARIES | cues.PRONOUNS):
            break
        start -= 1
    phrase = toks[start:comma]
    if not phrase or not _looks_like_source(phrase) or not (_title(phrase[-1]) or phrase[0].lower_ in ARTICLES):
        return None
    return start, comma


RELATIVE_WORDS = {"who", "whose", "whom", "which", "where"}
APPROXIMATORS = {"about", "over", "around", "nearly", "almost", "some", "roughly", "under"}
# Sentence adverbs set off by commas between a source and its cue, or a cue and its clause: "X, however, said".
DISCOURSE_ADVERBS = {"however", "though", "meanwhile", "moreover", "too", "also", "instead", "nonetheless",
                     "nevertheless", "furthermore", "separately", "likewise"}
NAME_PARTICLES = {"de", "da", "del", "della", "di", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le"}


def _name_before_aside(toks: list[Token], close: int) -> tuple[int, int] | None:
    """"Anna Berg, who has led the agency since 2019, said", "Dr Lee, an expert at X who was not involved,
    said", "The minister, speaking after a cabinet meeting, said": the noun phrase before a comma-set aside that
    holds a relative clause or opens with a participle (``close`` is its closing comma)."""
    open_ = close - 1
    while open_ > 0 and toks[open_].text != "," and close - open_ < 30:
        if toks[open_].text in QUOTE_CHARS or toks[open_].text in (";", ":", "—", "–"):
            return None
        open_ -= 1
    if open_ <= 0 or toks[open_].text != ",":
        return None
    inner = toks[open_ + 1:close]
    rel = next((k for k, t in enumerate(inner) if t.lower_ in RELATIVE_WORDS), None)
    participle = bool(inner) and inner[0].is_lower and inner[0].lower_.endswith(("ing", "ed", "en", "wn")) and len(
        inner) > 1  # "speaking after ...", "known by its French initials X"
    apposition = bool(inner) and inner[0].lower_ in ("a", "an", "the") and _looks_like_source(inner)
    if not (participle or apposition) and (rel is None or (rel > 0 and not _looks_like_source(inner[:rel]))):
        return None
    start = _chunk_start(toks, open_)
    if start >= 2 and toks[start - 1].lower_ == "and" and any(t.lower_ == "of" for t in toks[max(0, start - 4):start]):
        start = _chunk_start(toks, start - 1)  # "A committee of lawyers and engineers, which ..., said"
    while start < open_ and toks[start].lower_ in cues.CLAUSE_WORDS:
        start += 1
    if not _looks_like_source(toks[start:open_]) or not any(_title(t) or t.lower_ in ARTICLES for t in toks[start:open_]):
        return None
    return start, open_


PARTICIPLE_PREPOSITIONS = {"on", "by", "with", "in", "to", "about", "from", "for", "at"}


def _participle_head(toks: list[Token], start: int) -> int:
    """"Two people briefed on the decision said": a chunk that starts with the preposition of a participle
    modifier belongs to the noun before the participle."""
    if 2 <= start and toks[start].lower_ in PARTICIPLE_PREPOSITIONS and toks[start - 1].lower_.endswith("ed") \
            and toks[start - 1].lower_ not in cues.AUXILIARIES:
        head_start = _chunk_start(toks, start - 1)
        head = toks[head_start:start - 1]
        if head and _looks_like_source(head):
            return head_start
    return start


def _right_source(toks: list[Token], after: int, end_limit: int) -> tuple[int, int] | None:
    """The source after an inverted cue ("said John Smith, the minister."): up to a comma or the end."""
    end = after
    while end < end_limit and not toks[end].is_punct and toks[end].lower_ not in cues.CLAUSE_WORDS \
            and toks[end].lower_ not in ("on", "in", "at", "during", "late", "early", "earlier", "after", "before"):
        end += 1
    if end < end_limit and toks[end].text not in (",", ";", "—", "–") and toks[end].lower_ not in (
            "on", "in", "at", "during", "late", "early", "earlier", "after", "before"):
        return None
    if not _looks_like_source(toks[after:end]) or toks[after].lower_ in ("that", "it", "to"):
        return None
    if end < end_limit and toks[end].text == "," and not _title(toks[after]):
        # "said the head of the bank, Maria Costa": the name in apposition belongs to the source
        name_end = end + 1
        while name_end < end_limit and (_title(toks[name_end]) or (
                toks[name_end].lower_ in NAME_PARTICLES and name_end + 1 < end_limit and _title(toks[name_end + 1]))):
            name_end += 1
        if name_end - end >= 2 + 1 and (name_end == end_limit or toks[name_end].text == ","):
            end = name_end
    return after, end


ARTICLES = {"the", "a", "an", "his", "her", "its", "their", "our"}
ADVERBIAL_STARTS = {"on", "in", "at", "during", "late", "early", "earlier", "last", "this", "via", "through",
                    "after", "before", "to", "from", "with", "over"}


def _adverbial_word(tok: Token) -> bool:
    w = tok.lower_
    return (_title(tok) or w in cues.WEEKDAYS or w in cues.CHANNELS or w in cues.STATEMENT_NOUNS
            or w in cues.INTERVIEW_NOUNS or tok.like_num or w in ("with", "by", "from", "social", "news",
                                                                  "conference", "press", "state"))


def _skip_adverbials(toks: list[Token], i: int, end_limit: int, lemma: str) -> int:
    """Skip "on Friday", "in a statement", "in a CNN interview", "on Telegram", "also", "-ly" adverbs."""
    while i < end_limit:
        tok = toks[i]
        w = tok.lower_
        if w in ("also", "again", "then", "later", "earlier", "repeatedly") or (
                w.endswith("ly") and len(w) > 4 and not _title(tok)):
            i += 1
            continue
        if w == "to" and lemma in cues.INFINITIVE_VERBS:
            return i
        if w in ADVERBIAL_STARTS:
            j = i + 1
            while j < end_limit:
                if toks[j].lower_ in ARTICLES and j + 1 < end_limit and _adverbial_word(toks[j + 1]):
                    j += 1
                elif _adverbial_word(toks[j]):
                    j += 1
                else:
                    break
            if j == i + 1:
                return i
            i = j
            continue
        return i
    return i


def rule_attributions(doc: Doc, sent: Span, quotes: list[Quote]) -> list[Attribution]:
    """Attributions in a sentence of a document without a parse, from the cue lexicon and word order."""
    toks = [t for t in sent if not t.is_space]
    found: list[Attribution] = []
    end_limit = len(toks)
    while end_limit > 0 and (toks[end_limit - 1].is_punct or toks[end_limit - 1].text in QUOTE_CHARS):
        end_limit -= 1
    for i, tok in enumerate(toks):
        if in_quote(quotes, tok) or any(a.cue_lemma == "according_to" and (
                a.content[0] <= tok.idx < a.content[1] or a.source[0] <= tok.idx < a.source[1]) for a in found):
            continue
        if tok.lower_ == "according" and i + 1 < len(toks) and toks[i + 1].lower_ == "to":
            attr = _rule_according(toks, i, end_limit)
        elif tok.lower_ in cues.CUE_FORMS:
            attr = _rule_cue(toks, i, cues.CUE_FORMS[tok.lower_], end_limit, found)
        else:
            continue
        if attr and not _nested(doc, toks, attr, found):
            found.append(attr)
    return found


def _words_between(toks: list[Token], start: int, end: int) -> list[str]:
    """The words of the sentence's tokens between two character offsets (without rebuilding the doc's text,
    which spaCy makes anew on each access)."""
    return "".join(t.text_with_ws for t in toks if start <= t.idx < end).split()


def _nested(doc: Doc, toks: list[Token], attr: Attribution, found: list[Attribution]) -> bool:
    """"X said the White House had urged Democrats to ...": a cue inside another's reported clause, with no
    comma or clause word between the two cues and no "that" of its own, is part of that claim."""
    if attr.content is not None and any(a.content is not None and a.cue[1] <= attr.cue[0] < a.content[0]
                                        and a.content[0] >= attr.content[0] for a in found):
        return True  # "told X in an interview broadcast on Sunday that ...": a cue inside another's adverbial
    if attr.content is None or attr.source is None or "that" in _words_between(toks, attr.cue[1], attr.content[0]):
        return False
    for a in found:
        if a.content is None or a.source is None or not a.cue[1] <= a.content[0] <= attr.source[0] < a.content[1]:
            continue
        between = [t for t in toks if a.cue[1] <= t.idx < attr.cue[0]]
        if not any(t.is_punct or t.text in QUOTE_CHARS or t.lower_ in cues.CLAUSE_WORDS for t in between):
            return True
    return False


def _span(toks: list[Token], first: int, last_excl: int) -> tuple[int, int] | None:
    """Character span of toks[first:last_excl] without edge punctuation, quote marks or a leading "that"."""
    while first < last_excl and (toks[first].is_punct or toks[first].text in QUOTE_CHARS
                                 or toks[first].lower_ in ("that", "and", "but")):
        first += 1
    while last_excl > first and (toks[last_excl - 1].is_punct and toks[last_excl - 1].text not in (")", "%")
                                 or toks[last_excl - 1].text in QUOTE_CHARS
                                 or toks[last_excl - 1].lower_ in ("and", "but", "while", "as", "whereas")):
        last_excl -= 1
    if last_excl <= first or not any(t.is_alpha for t in toks[first:last_excl]):
        return None
    return toks[first].idx, _end(toks[last_excl - 1])


def _clause_resumes(toks: list[Token], after: int, end_limit: int) -> bool:
    """"..., the minister said, would take effect": after the cue's comma the interrupted clause goes on with its
    verb (an auxiliary or a past form), so the source and cue are a parenthetical inside the content."""
    if after + 1 >= end_limit or toks[after].text != ",":
        return False
    nxt = toks[after + 1]
    return nxt.is_alpha and not _title(nxt) and (
        nxt.lower_ in cues.AUXILIARIES - {"also", "just", "already", "then", "again", "first", "once", "still", "yet",
                                          "further", "too", "later", "earlier", "previously", "repeatedly"}
        or (nxt.lower_.endswith("ed") and nxt.lower_ not in cues.CUE_FORMS))


def _adverbial_tail(toks: list[Token], first: int, end_limit: int) -> bool:
    """The words after a cue are only a prepositional or time phrase ("on the Telegram messaging app",
    "in its evening bulletin", "shortly after 11 p.m."): no clause, quote or "that" of their own."""
    tail = toks[first:end_limit]
    if not tail or not (tail[0].lower_ in cues.PREPOSITIONS | ADVERBIAL_STARTS or tail[0].lower_ in cues.WEEKDAYS
                        or (tail[0].lower_.endswith("ly") and len(tail) > 1 and tail[1].lower_ in cues.PREPOSITIONS)):
        return False
    return len(tail) <= 12 and not any(
        t.text in QUOTE_CHARS or t.text in (",", ";", ":") or t.lower_ in cues.CLAUSE_AUXILIARIES | {"that"}
        or t.lower_ in cues.PRONOUNS - {"it", "her", "his", "its", "their"} or _is_verb_form(t) for t in tail)


def _hyphen(toks: list[Token], k: int) -> bool:
    """Token k is a hyphen inside a compound word ("140-page", "Qaeda-linked")."""
    return toks[k].text in ("-", "‐") and 0 < k < len(toks) - 1 and not toks[k - 1].whitespace_ \
        and not toks[k].whitespace_


def _that_after_adverbial(toks: list[Token], after: int, end_limit: int) -> int:
    """The "that" after a prepositional or time phrase between a cue and its clause ("said at a news conference
    in the capital on Monday that", "argued after the match that"), or ``after`` unchanged."""
    if after >= end_limit or not (toks[after].lower_ in cues.PREPOSITIONS | ADVERBIAL_STARTS
                                  or toks[after].lower_ in cues.WEEKDAYS):
        return after
    for k in range(after + 1, min(end_limit - 1, after + 14)):
        tok = toks[k]
        if tok.lower_ == "that":
            nxt = toks[k + 1]
            if toks[k - 1].lower_ in cues.PREPOSITIONS | ARTICLES or nxt.is_punct or (
                    nxt.lower_ in cues.AUXILIARIES or _is_verb_form(nxt) or nxt.lower_.endswith("ed")):
                return after  # "in that case", "the meeting that was held": not a clause of its own
            return k
        if _hyphen(toks, k) or (_is_verb_form(tok) and toks[k - 1].lower_ in cues.DETERMINERS | ARTICLES):
            continue  # "its 140-page report", "after the ruling"
        if tok.is_punct or tok.text in QUOTE_CHARS or tok.lower_ in cues.CLAUSE_WORDS or \
                tok.lower_ in cues.AUXILIARIES or _is_verb_form(tok) or tok.lower_ in cues.PRONOUNS - {"it", "her"}:
            return after
    return after


def _main_clause_subject(toks: list[Token], before: int) -> tuple[int, int] | None:
    """The subject of the sentence's main verb, told by word shape: the words before the first lower-case
    word that is an auxiliary, a cue form, a past form ("blocked") or a word before an object's determiner
    ("cut its forecast"). None when the sentence opens with a preposition or clause word, or the subject is
    not a short noun phrase."""
    if not toks or toks[0].lower_ in cues.PREPOSITIONS | cues.CLAUSE_WORDS or not (
            _title(toks[0]) or toks[0].lower_ in cues.PERSON_PRONOUNS | {"they", "we"}):
        return None
    for k in range(1, min(before, 10)):
        tok = toks[k]
        if _hyphen(toks, k):
            continue
        if tok.is_punct or tok.text in QUOTE_CHARS or tok.lower_ in cues.CLAUSE_WORDS - {"also"}:
            return None
        if not tok.is_alpha or _title(tok) or tok.lower_ in cues.DETERMINERS | cues.PREPOSITIONS or (
                k >= 2 and _hyphen(toks, k - 1)):
            continue  # "the Qaeda-linked group": a compound, not a verb
        prev = toks[k - 1].lower_
        nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
        verb = (tok.lower_ in cues.AUXILIARIES or _is_verb_form(tok)
                or (tok.lower_.endswith("ed") and prev not in cues.DETERMINERS | cues.PREPOSITIONS)
                or (nxt in ARTICLES | {"its", "their", "his", "her"} and prev not in cues.DETERMINERS
                    and not toks[k - 1].is_punct))
        if verb:
            return (0, k) if _looks_like_source(toks[:k]) else None
    return None


def _sentence_subject(toks: list[Token], before: int) -> tuple[int, int] | None:
    """The words before the sentence's first auxiliary or verb form: "He has ...", "The army had ..."."""
    for k in range(min(before, 8)):
        if toks[k].lower_ in cues.AUXILIARIES or _is_verb_form(toks[k]):
            return (0, k) if k and _looks_like_source(toks[:k]) else None
        if toks[k].is_punct:
            return None
    return None


def _rule_according(toks: list[Token], i: int, end_limit: int) -> Attribution | None:
    j = i + 2
    while j < end_limit and toks[j].text != ",":
        j += 1
    source = _span(toks, i + 2, j)
    if source is None or j - (i + 2) > 15:
        return None
    lead = [t for t in toks[:i] if not t.is_punct]
    if len(lead) <= 1:  # "According to X, ..." (maybe after "But")
        content = _span(toks, j + 1, end_limit)
    elif j >= end_limit:  # "..., according to X."
        content = _span(toks, 0, i)
    else:
        content = _span(toks, 0, end_limit)
    if content is None:
        return None
    return Attribution(cue=(toks[i].idx, _end(toks[i + 1])), cue_lemma="according_to", source=source,
                       content=content)


def _chars(toks: list[Token], span: tuple[int, int]) -> tuple[int, int]:
    return toks[span[0]].idx, _end(toks[span[1] - 1])


def _rule_passive(toks, i, lemma, end_limit) -> Attribution | None | bool:
    """"are said to", "it is understood that" (hedges with no source); False when not a passive."""
    tok = toks[i]
    back = i - 1
    while back >= 0 and toks[back].lower_.endswith("ly") and len(toks[back]) > 4:
        back -= 1
    if back < 0 or toks[back].lower_ not in cues.BE_FORMS or tok.lower_ == lemma or tok.lower_.endswith(("s", "ing")):
        return False
    nxt = toks[i + 1].lower_ if i + 1 < len(toks) else ""
    if lemma in cues.VERIFY_VERBS and {t.lower_ for t in toks[max(0, back - 3):back]} & cues.NEGATIONS:
        return _rule_unverified(toks, i, back, lemma, end_limit)
    if lemma not in cues.HEDGE_PASSIVES:
        return None
    if nxt == "to":
        start = back
        while start > 0 and not _is_boundary(toks, start - 1):
            start -= 1
        content = _span(toks, start, end_limit)
        cue = (toks[back].idx, _end(toks[i + 1]))
    elif nxt == "that" and back >= 1 and toks[back - 1].lower_ == "it":
        content = _span(toks, i + 2, end_limit)
        cue = (toks[back - 1].idx, _end(tok))
    else:
        return None
    if content is None:
        return None
    return Attribution(cue=cue, cue_lemma=lemma, source=None, content=content, certainty="hedged",
                       hedge_passive=True)


def _rule_unverified(toks: list[Token], i: int, back: int, lemma: str, end_limit: int) -> Attribution | None:
    """"The footage could not be verified (by Reuters)": a verification statement; a named agent is its source."""
    start = back
    while start > 0 and not _is_boundary(toks, start - 1):
        start -= 1
    content = _span(toks, start, i + 1)
    if content is None:
        return None
    source = None
    if i + 2 < end_limit + 1 and i + 1 < len(toks) and toks[i + 1].lower_ == "by":
        end = i + 2
        while end < end_limit and not toks[end].is_punct and toks[end].lower_ not in cues.CLAUSE_WORDS:
            end += 1
        agent = toks[i + 2:end]
        names = [t for t in agent if t.lower_ not in ARTICLES]
        if names and all(_title(t) for t in names):
            source = _chars(toks, (i + 2, end))
    return Attribution(cue=(toks[i].idx, _end(toks[i])), cue_lemma=lemma, source=source, content=content,
                       verification="not_confirmed")


# Cue lemmas that are also common nouns ("state media", "the federal states", "company estimates"):
# their base and -s forms count as verbs only before "that", "to", a colon or a quote.
NOUN_LIKE = cues.NOMINAL_CUES | {"state", "post", "text", "email", "tweet", "blog", "signal", "project", "question",
                                 "doubt", "demand", "protest", "note", "answer", "reply", "forecast", "vow", "charge",
                                 "comment", "report", "claim", "estimate", "warning", "promise", "pledge", "find"}


def _rule_naming(toks: list[Token], i: int, lemma: str, end_limit: int) -> Attribution | None:
    """"called the bill "a surrender"", "condemned the move as economic bullying": an object of a few words,
    then a quoted name or an "as"-phrase."""
    j = i + 1
    while j < end_limit and j - i <= 8 and toks[j].lower_ != "as" and toks[j].text not in QUOTE_CHARS:
        if toks[j].is_punct or toks[j].lower_ in cues.CLAUSE_WORDS or (
                _is_verb_form(toks[j]) and toks[j - 1].lower_ not in cues.DETERMINERS):  # "the ruling" is a noun
            return None
        j += 1
    obj = toks[i + 1:j]
    if j >= end_limit or not obj or obj[0].lower_ in cues.PREPOSITIONS or obj[-1].lower_.endswith(("self", "selves")):
        return None
    if toks[j].lower_ == "as":
        if lemma not in cues.AS_NAMING_VERBS:
            return None
        k = j + 1
    elif lemma in cues.NAMING_VERBS:
        k = j
    else:
        return None
    if k < end_limit and toks[k].text in QUOTE_CHARS:  # a quoted name runs to its closing mark
        k += 1
        while k < len(toks) and toks[k].text not in QUOTE_CHARS:
            k += 1
        end = k + 1
    elif toks[j].lower_ == "as":
        end = k
        while end < end_limit and not (toks[end].text in (",", ";", ":", "—", "–") or toks[end].lower_ in (
                "while", "whereas", "but", "and", "although", "though", "because")):
            end += 1
    else:
        return None
    left = _left_source(toks, i)
    content = _span(toks, i + 1, min(end, len(toks)))
    if left is None or content is None:
        return None
    return Attribution(cue=(toks[i].idx, _end(toks[i])), cue_lemma=lemma, source=_chars(toks, left), content=content,
                       certainty="denied" if lemma in cues.DENIAL_VERBS else "asserted")


def _rule_cue(toks: list[Token], i: int, lemma: str, end_limit: int, found: list[Attribution]) -> Attribution | None:
    """A cue form read by word order (source–cue–content, content–source–cue, content–cue–source) or as one of a
    few fixed constructions (passive, naming, "X's claim that", "quoted as saying"); None when it is no cue here."""
    tok = toks[i]
    prev = toks[i - 1].lower_ if i > 0 else ""
    nxt = toks[i + 1].lower_ if i + 1 < len(toks) else ""
    able_to = lemma in cues.VERIFY_VERBS and prev == "to" and i >= 2 and toks[i - 2].lower_ in ("able", "unable")
    if _rule_not_a_cue(toks, i, lemma, prev, able_to):
        return None
    passive = _rule_passive(toks, i, lemma, end_limit)
    if passive is not False:
        return passive
    if lemma in cues.NAMING_VERBS | cues.AS_NAMING_VERBS and nxt not in cues.PHRASAL_VERBS.get(lemma, ()):
        return _rule_naming(toks, i, lemma, end_limit)
    if lemma not in cues.SPEECH_VERBS | cues.OBJECT_VERBS | cues.INFINITIVE_VERBS:
        return None
    if prev in ("’s", "'s"):
        return _rule_possessive(toks, i, lemma, nxt, end_limit)
    if _rule_noun_use(toks, i, lemma, nxt):
        return None
    if tok.lower_ == "saying" and i >= 2 and toks[i - 1].lower_ == "as" and toks[i - 2].lower_ == "quoted":
        return _rule_quoted_as_saying(toks, i, end_limit)
    cue_last = _rule_cue_last(i, lemma, nxt)
    if cue_last is None:
        return None
    order = _word_order(toks, i, lemma, end_limit, cue_last, able_to)
    if order is None:
        return None
    parts = _rule_content_after(order, found) if _content_after_cue(order) else _rule_content_before(order)
    if parts is None:
        return None
    source, content, inherit = parts
    if source is None or (content is None and not order.right_empty):
        return None
    certainty, verification = _rule_certainty(toks, i, lemma)
    return Attribution(cue=(tok.idx, _end(toks[cue_last])), cue_lemma=lemma, source=source, content=content,
                       relays=order.relays, certainty=certainty, verification=verification, inherit_source=inherit)


def _rule_not_a_cue(toks: list[Token], i: int, lemma: str, prev: str, able_to: bool) -> bool:
    """A cue form that is no verb here: after a determiner or preposition ("the report", "of claims"), in
    "so-called", inside a name ("the Islamic State"), or after a negation ("did not respond to a request")."""
    if prev in cues.NOT_CUE_BEFORE or (prev in cues.PREPOSITIONS and not able_to) or (
            prev in ("-", "‐") and i > 1 and toks[i - 2].lower_ == "so"):
        return True
    if _title(toks[i]) and i > 0 and not all(_title(t) or not t.is_alpha for t in toks[:i]):
        return True
    return lemma not in cues.VERIFY_VERBS and bool(
        {t.lower_ for t in toks[max(0, i - 3):i]} & (cues.NEGATIONS | {"declined"}))


def _rule_possessive(toks: list[Token], i: int, lemma: str, nxt: str, end_limit: int) -> Attribution | None:
    """"Smith's claim that ...": a reporting noun after a possessive, with a that-clause."""
    if nxt != "that" or i < 2:
        return None
    start = _chunk_start(toks, i - 1)
    content = _span(toks, i + 2, end_limit)
    if content is None or not _looks_like_source(toks[start:i - 1]):
        return None
    return Attribution(cue=(toks[i].idx, _end(toks[i])), cue_lemma=lemma, source=_chars(toks, (start, i - 1)),
                       content=content)


def _rule_noun_use(toks: list[Token], i: int, lemma: str, nxt: str) -> bool:
    """A cue form that is also a noun, used as one: in a compound ("of federal states", "told X that member
    states ..."), or a base or -s form not before "that", "to", a colon or a quote ("the state media")."""
    tok = toks[i]
    if lemma not in NOUN_LIKE:
        return False
    if tok.lower_ == lemma + "s" and i >= 2 and toks[i - 1].is_lower and toks[
            i - 1].lower_ not in cues.PRONOUNS and toks[i - 2].lower_ in cues.PREPOSITIONS | {"that"}:
        return True
    return tok.lower_ in (lemma, lemma + "s") and nxt not in ("that", "to", ":") and not (
        i + 1 < len(toks) and toks[i + 1].text in QUOTE_CHARS)


def _rule_quoted_as_saying(toks: list[Token], i: int, end_limit: int) -> Attribution | None:
    """"X was quoted as saying ...": the cue runs from "was" (or "quoted") to "saying"; the source is before it."""
    first_cue = i - 2 - (1 if i >= 3 and toks[i - 3].lower_ in cues.BE_FORMS else 0)
    source = _left_source(toks, first_cue)
    content = _span(toks, i + 1, end_limit)
    if source is None or content is None:
        return None
    return Attribution(cue=(toks[first_cue].idx, _end(toks[i])), cue_lemma="say", source=_chars(toks, source),
                       content=content)


def _rule_cue_last(i: int, lemma: str, nxt: str) -> int | None:
    """The cue's last token: a phrasal cue's particle ("pointed out"); None when a phrasal verb has none."""
    if lemma in cues.PHRASAL_VERBS:
        return i + 1 if nxt in cues.PHRASAL_VERBS[lemma] else None
    if lemma in ("call", "point", "appeal"):
        return None
    return i


@dataclass
class _WordOrder:
    """A cue form in the rules path, and where by word order its source and content may be."""

    toks: list[Token]
    i: int  # the cue
    lemma: str
    end_limit: int  # the sentence without its closing punctuation
    cue_last: int  # the cue's last token ("out" of "pointed out")
    after: int  # where content after the cue would start
    relays: list[tuple[str, int, int]]
    left: tuple[int, int] | None  # a source before the cue
    inverted: tuple[int, int] | None  # a source after the cue: "..., said John Smith."
    has_that: bool  # "that" opens the content
    quote_next: bool  # a quote or a colon follows
    infinitive: bool  # "claimed to ..."
    right_empty: bool  # nothing after the cue but an adverbial
    content_before: bool  # the cue comes after content: ", the minister said"

    @property
    def marked(self) -> bool:
        """Content after the cue is marked by "that", a quote or "to"."""
        return self.has_that or self.quote_next or self.infinitive


def _word_order(toks: list[Token], i: int, lemma: str, end_limit: int, cue_last: int,
                able_to: bool) -> _WordOrder | None:
    """Where content after the cue starts (past adverbials and the person addressed), what marks it, and the
    sources on either side; None when the cue takes no claim ("disputes that view", "asked whether")."""
    after = _skip_adverbials(toks, cue_last + 1, end_limit, lemma)
    relays = _adverbial_relays(toks, cue_last, after)
    if lemma in cues.ADDRESS_VERBS and after < end_limit and toks[after].lower_ not in ("that", ":", "to") \
            and toks[after].text not in QUOTE_CHARS:
        after, told = _past_addressee(toks, after, end_limit)
        relays += told
    after = _content_start(toks, after, cue_last, end_limit, lemma)
    if after is None:
        return None
    has_that = after < end_limit and toks[after].lower_ == "that"
    if has_that and end_limit - after <= 3 and not any(t.lower_ in cues.CLAUSE_AUXILIARIES
                                                        for t in toks[after + 1:end_limit]):
        return None  # "disputes that view": a demonstrative, not a that-clause
    quote_next = after < len(toks) and (toks[after].text in QUOTE_CHARS or toks[after].text == ":")
    infinitive = after < end_limit and toks[after].lower_ == "to" and lemma in cues.INFINITIVE_VERBS
    right_empty = after >= end_limit or (toks[after].text in (",", ";", "—") and not has_that)
    if after < end_limit and toks[after].lower_ in ("whether", "if"):
        return None
    left = _left_source(toks, i - 2 if able_to else i)  # "The BBC has not been able to confirm"
    content_before = i > 0 and (
        (left is not None and left[0] > 0 and (toks[left[0] - 1].text == "," or toks[left[0] - 1].text in QUOTE_CHARS))
        or toks[i - 1].text == "," or toks[i - 1].text in QUOTE_CHARS) and not (
        left is not None and left[0] == 0)  # "Dr Lee, an expert who ..., said the data looked solid"
    inverted = _right_source(toks, cue_last + 1, end_limit) if (
        i > 0 and (toks[i - 1].text == "," or toks[i - 1].text in QUOTE_CHARS)) else None
    if content_before and left is not None and inverted is None and not has_that and _adverbial_tail(
            toks, cue_last + 1, end_limit):
        right_empty = True  # "..., the agency said in its evening bulletin."
    return _WordOrder(toks, i, lemma, end_limit, cue_last, after, relays, left, inverted, has_that, quote_next,
                      infinitive, right_empty, content_before)


def _adverbial_relays(toks: list[Token], cue_last: int, after: int) -> list[tuple[str, int, int]]:
    """Relays in the adverbials right after a cue: "said on Telegram" (posted_on), "said in a CNN interview"
    (interview_with)."""
    relays: list[tuple[str, int, int]] = []
    for k in range(cue_last + 1, after):
        if toks[k].lower_ == "on" and k + 1 < after and (toks[k + 1].lower_ in cues.CHANNELS or (
                _title(toks[k + 1]) and toks[k + 1].lower_ not in cues.WEEKDAYS)):
            relays.append(("posted_on", toks[k + 1].idx, _end(toks[k + 1])))
        if toks[k].lower_ in cues.INTERVIEW_NOUNS:
            names = [t for t in toks[cue_last + 1:after] if _title(t) and t.lower_ not in cues.WEEKDAYS]
            if names:
                relays.append(("interview_with", names[0].idx, _end(names[-1])))
    return relays


def _past_addressee(toks: list[Token], after: int, end_limit: int) -> tuple[int, list[tuple[str, int, int]]]:
    """"told Reuters that", "informed the residents of the city that": (where content starts, past the person
    addressed; a "told" relay when the addressee is named)."""
    j = _addressee_end(toks, after, end_limit)
    addressee = toks[after:j]
    lead = next((n for n, t in enumerate(addressee) if n and t.lower_ in cues.PREPOSITIONS), len(addressee))
    names = [t for t in addressee[:lead] if _title(t) and t.lower_ not in cues.WEEKDAYS]  # not "at City Hall"
    told = []
    if names and (j >= end_limit or toks[j].lower_ in ("that", ":", "to", ",") or toks[j].text in QUOTE_CHARS
                  or toks[j].lower_ in cues.PRONOUNS | ARTICLES):
        told.append(("told", names[0].idx, _end(names[-1])))
    if j < end_limit and (toks[j].lower_ in ("that", ":", "to") or toks[j].text in QUOTE_CHARS
                          or toks[j].lower_ in cues.PRONOUNS | ARTICLES):
        after = j
    elif j >= end_limit or toks[j].text == ",":
        after = j
    return after, told


def _addressee_end(toks: list[Token], after: int, end_limit: int) -> int:
    """Where the person addressed ends: at "that", a comma, a colon, "to" or a quote within eight words, or where a
    bare clause begins; past an outlet named in commas."""
    j = after
    while j < end_limit and toks[j].lower_ not in ("that", ",", ":", "to") and toks[j].text not in QUOTE_CHARS \
            and j - after < 8:
        j += 1
    for clause_start in _BARE_CLAUSE_AFTER_ADDRESSEE:
        start = clause_start(toks, after, j, end_limit)
        if start is not None:
            j = start
            break
    if j < end_limit and toks[j].text == ",":
        j = _past_outlet_in_commas(toks, j, end_limit)
    return j


def _clause_after_named_addressee(toks: list[Token], after: int, j: int, end_limit: int) -> int | None:
    """"told the BBC she had been woken": a name, then a pronoun or article that opens a clause."""
    k = after + (1 if toks[after].lower_ in ARTICLES else 0)
    while k < end_limit and _title(toks[k]) and k - after < 5:
        k += 1
    if after < k < j and toks[k].lower_ in cues.PRONOUNS | ARTICLES and any(
            t.lower_ in cues.CLAUSE_AUXILIARIES or _is_verb_form(t) for t in toks[k:min(end_limit, k + 6)]):
        return k
    return None


def _clause_after_plain_addressee(toks: list[Token], after: int, j: int, end_limit: int) -> int | None:
    """"told reporters the plan had been shelved": one lower-case word, then a clause."""
    if toks[after].is_lower and toks[after].lower_ not in ARTICLES and after + 1 < j and toks[
            after + 1].lower_ in cues.PRONOUNS | ARTICLES and any(
            t.lower_ in cues.CLAUSE_AUXILIARIES for t in toks[after + 2:min(end_limit, after + 8)]):
        return after + 1
    return None


def _clause_after_day(toks: list[Token], after: int, j: int, end_limit: int) -> int | None:
    """"told parliament on Wednesday the plan would go ahead": a weekday, then a clause."""
    day = next((d for d in range(after + 1, j) if toks[d].lower_ in cues.WEEKDAYS and _title(toks[d])
                and toks[d + 1].lower_ in cues.PRONOUNS | ARTICLES | {"there"}), None)
    if day is not None and any(t.lower_ in cues.CLAUSE_AUXILIARIES for t in toks[day + 1:min(end_limit, day + 7)]):
        return day + 1
    return None


# A bare clause right after the person addressed, by shape; the first that matches says where it begins.
_BARE_CLAUSE_AFTER_ADDRESSEE = (_clause_after_named_addressee, _clause_after_plain_addressee, _clause_after_day)


def _past_outlet_in_commas(toks: list[Token], comma: int, end_limit: int) -> int:
    """"told the local paper, the Daily Courier, that": past the name in commas when "that" follows it."""
    close = next((c for c in range(comma + 1, min(end_limit - 1, comma + 9)) if toks[c].is_punct), None)
    if close is not None and toks[close].text == "," and toks[close + 1].lower_ == "that" and not any(
            t.lower_ in cues.CLAUSE_WORDS | cues.AUXILIARIES or _is_verb_form(t) for t in toks[comma + 1:close]):
        return close + 1
    return comma


def _content_start(toks: list[Token], after: int, cue_last: int, end_limit: int, lemma: str) -> int | None:
    """Where content after the cue starts: past a day ("said Tuesday that"), a comma-set adverb ("cautioned,
    however, that") or an adverbial before "that" ("claimed during the campaign that"); after "to", at a
    "that" ("said to reporters that"), else None ("conceded to the challenger")."""
    while after < end_limit and toks[after].lower_ in cues.WEEKDAYS and toks[after].lower_ not in ("may",):
        after += 1
    if after + 3 < end_limit and toks[after].text == "," and toks[after + 1].lower_ in DISCOURSE_ADVERBS \
            and toks[after + 2].text == "," and toks[after + 3].lower_ == "that":
        after += 3
    after = _that_after_adverbial(toks, after, end_limit)
    if after < end_limit and toks[after].lower_ != "that" and after > cue_last + 1:
        that = _that_after_adverbial(toks, cue_last + 1, end_limit)  # "stated in its 90-page report that"
        if that > after:
            after = that
    if after < end_limit and toks[after].lower_ == "to" and lemma not in cues.INFINITIVE_VERBS:
        return next((k for k in range(after + 1, min(end_limit, after + 6)) if toks[k].lower_ == "that"), None)
    return after


def _content_after_cue(order: _WordOrder) -> bool:
    """Source – cue – content: the content is marked, or words follow the cue and it does not close content
    that came before it with its source after it."""
    return order.marked or (not order.right_empty and not (order.content_before and order.inverted))


def _that_only_without_that(order: _WordOrder) -> bool:
    """"found the keys": a that-only verb without "that"."""
    return order.lemma in cues.THAT_ONLY_VERBS and not order.has_that


def _claim_without_clause(order: _WordOrder) -> bool:
    """"claimed the title": "claim" with no "that", quote or infinitive."""
    return order.lemma == "claim" and not order.marked


def _says_nothing(order: _WordOrder) -> bool:
    """"said nothing", "said little": no proposition."""
    return order.after < order.end_limit and order.toks[order.after].lower_ in (
        "nothing", "little", "anything", "something", "much")


def _time_or_victims_next(order: _WordOrder) -> bool:
    """"said on Monday", "claimed over 500 lives": a preposition or victims next; not an approximate figure
    ("says about 3,000 homes have ...")."""
    toks, after, end_limit = order.toks, order.after, order.end_limit
    return after < end_limit and toks[after].lower_ in cues.VICTIM_NOUNS | cues.PREPOSITIONS - {"to"} and not (
        toks[after].lower_ in APPROXIMATORS and after + 1 < end_limit and toks[after + 1].like_num)


def _fact_with_plain_object(order: _WordOrder) -> bool:
    """"The company reported record profit": a fact verb with a plain noun object and no clause (but "reported
    41 assaults" is a figure someone reports)."""
    window = order.toks[order.after:min(order.end_limit, order.after + 8)]
    return not order.marked and order.lemma in cues.FACT_OBJECT_VERBS | {"add"} and not any(
        t.lower_ in cues.CLAUSE_AUXILIARIES for t in window) and not (
        order.lemma == "report" and any(t.like_num for t in window[:3]))


# Cue lemmas that take unmarked content after them (a bare clause or an object): "said the plan would fail".
BARE_CONTENT_CUES = cues.OBJECT_VERBS | {
    "say", "tell", "add", "insist", "argue", "warn", "note", "explain", "write", "claim", "state", "stress", "post",
    "tweet", "reply", "respond", "maintain", "complain", "predict", "estimate", "admit", "acknowledge", "concede",
    "reveal", "confirm"}


def _no_bare_content(order: _WordOrder) -> bool:
    """Unmarked content after a one-word cue that takes none ("suggested the plan")."""
    return not order.marked and order.lemma not in BARE_CONTENT_CUES and order.cue_last == order.i


def _request_without_to(order: _WordOrder) -> bool:
    """"appealed for witnesses": a request, no proposition."""
    return order.lemma == "appeal" and not any(t.lower_ == "to" for t in order.toks[order.after:order.end_limit])


# Source – cue – content orders that carry no claim.
_NO_CONTENT_AFTER = (_that_only_without_that, _claim_without_clause, _says_nothing, _time_or_victims_next,
                     _fact_with_plain_object, _no_bare_content, _request_without_to)


def _rule_content_after(order: _WordOrder, found: list[Attribution]
                        ) -> tuple[tuple[int, int] | None, tuple[int, int] | None, bool] | None:
    """Source – cue – content: (source, content after the cue, inherited), or None when it carries no claim."""
    if any(no_claim(order) for no_claim in _NO_CONTENT_AFTER):
        return None
    content = _span(order.toks, order.after, order.end_limit)
    source, inherit = _source_of_content_after(order, found)
    return source, content, inherit


def _source_of_content_after(order: _WordOrder, found: list[Attribution]) -> tuple[tuple[int, int] | None, bool]:
    """(source, inherited) for content after the cue: the noun phrase before the cue; for "and said", ", adding"
    the previous attribution's source; else the sentence's subject; else a source after the cue."""
    toks, i, left, inverted = order.toks, order.i, order.left, order.inverted
    tok = toks[i]
    prev = toks[i - 1].lower_ if i > 0 else ""
    if left is not None and not (toks[i - 1].text == "," and tok.lower_.endswith("ing")):
        return _chars(toks, left), False
    if found and (prev in ("and", "but", ",") or tok.lower_.endswith("ing")):
        return found[-1].source, True  # "..., adding that", "and said that"
    if prev in ("and", "but") and _sentence_subject(toks, i) is not None:
        return _chars(toks, _sentence_subject(toks, i)), False  # "He has backed X and said that ..."
    if (prev in ("and", "but", ",") and (tok.lower_.endswith("ing") or prev != ",")
            and _main_clause_subject(toks, i) is not None):
        return _chars(toks, _main_clause_subject(toks, i)), False  # "Farmers blocked roads, saying ..."
    if inverted is not None and toks[inverted[1] - 1].i + 1 < len(toks):
        return _chars(toks, inverted), False
    return None, False


def _rule_content_before(order: _WordOrder) -> tuple[tuple[int, int], tuple[int, int] | None, bool] | None:
    """Content – source – cue ("..., the minister said.") or content – cue – source ("..., said Smith."):
    (source, the sentence up to the source, False); all of it when the clause resumes after the cue."""
    toks, i, lemma, left, inverted = order.toks, order.i, order.lemma, order.left, order.inverted
    if (lemma in cues.THAT_ONLY_VERBS and lemma not in cues.CONTENT_FIRST_THAT_VERBS) or lemma not in cues.SPEECH_VERBS:
        return None
    if inverted is not None and not (left is not None and left[0] > 0 and toks[left[0] - 1].text == ","):
        source, boundary = _chars(toks, inverted), i
    elif left is not None:
        source, boundary = _chars(toks, left), left[0]
        if left[0] > 1 and toks[left[0] - 1].text == "," and left[1] < i and toks[left[1]].text == ",":
            boundary = _chunk_start(toks, left[0] - 1)  # "..., the regional governor, Tomas Lind, said"
    else:
        return None
    content = _span(toks, 0, boundary) if boundary else None  # "She said." after a quote: None
    if content is not None and _clause_resumes(toks, order.after, order.end_limit) and not any(
            t.text in QUOTE_CHARS for t in toks[:boundary]):
        content = _span(toks, 0, order.end_limit)  # "The new law, the minister said, would take effect in May."
    return source, content, False


def _rule_certainty(toks: list[Token], i: int, lemma: str) -> tuple[str, str | None]:
    """(certainty, verification): a denial verb denies, a hedge verb hedges; a negation in the five words before
    the cue makes a verification verb not_confirmed and any other cue denied."""
    certainty = ("denied" if lemma in cues.DENIAL_VERBS else "hedged" if lemma in cues.HEDGE_VERBS
                 else "asserted")
    if {t.lower_ for t in toks[max(0, i - 5):i]} & (cues.NEGATIONS | {"unable"}):
        if lemma in cues.VERIFY_VERBS:
            return certainty, "not_confirmed"
        return "denied", None
    return certainty, None
