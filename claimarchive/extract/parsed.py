"""The parser path: the fixed constructions by the token patterns (``rules.candidates``), the cue verbs from their
dependents by role (``candidates.DEP_PATTERNS``), then a verb's source head widened to its noun phrase and its
content found by the candidate's ``how``."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from . import frames as F
from . import rules
from .candidates import QUOTE_CHARS, Candidate, Slots, dependency_matches, in_quote, junk, trim, worded
from .quotes import QuoteList

CLAUSE_DEPS = ("ccomp", "xcomp", "prep", "dative", "dobj")


def candidates(doc: Doc, sents: list[Span], quotes: QuoteList) -> list[Candidate]:
    """Every candidate of a parsed passage, in the order of their cues: the fixed constructions ("according to",
    passives, "the claim that", ...) by the rules path's token patterns, then each cue verb by its dependents (not
    one inside a fixed construction's cue, nor inside the source and content of "according to")."""
    fixed = rules.candidates(doc, sents, quotes, verbs=False)
    taken = [(c.cue.start, max(c.cue.end, c.source.end, c.content.end) if c.construction == "according" else c.cue.end)
             for c in fixed]
    matches = dependency_matches(doc)
    for tok in doc:  # a cue verb the parser left with no dependent ("..., activists and rescuers said, as ...")
        if tok.i not in matches and tok.tag_ == "VBD" and rules.verb_form(tok):
            matches[tok.i] = Slots(tok)
    found = fixed + [c for i, s in sorted(matches.items()) if not in_quote(quotes, s.tok) and not any(
        a <= i < b for a, b in taken) for c in [_verb(doc, s, quotes)] if c is not None]
    return sorted(found, key=lambda c: c.cue.start)


def _span(doc: Doc, tok: Token | None) -> Span | None:
    return doc[tok.i:tok.i + 1] if tok is not None else None


def verb(tok: Token) -> bool:
    """A cue verb of the frames, by its form."""
    return F.TABLE.verb(F.TABLE.forms.get(tok.lower_, ""))


def _verb(doc: Doc, s: Slots, quotes: QuoteList) -> Candidate | None:
    """A cue verb: its frame (its particle's first), its source head and how its content is found."""
    tok = s.tok
    lemma = F.TABLE.forms[tok.lower_]
    nxt = doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None  # "pointed out", "called for", as on the rules path
    particle = nxt if nxt is not None and nxt.lower_ in F.TABLE.phrasal.get(lemma, ()) else None
    frame = F.TABLE.get(lemma, particle.lower_ if particle is not None else None)
    if frame is None or frame.takes == {"according"}:
        return None
    particle = particle if " " in frame.lemma else None
    cand = Candidate("verb", doc[tok.i:(tok if particle is None else particle).i + 1], frame, certainty=frame.certainty, head=tok,
                     particle=particle)
    if any(a.lower_ in F.BE_FORMS for a in s.roles.get("auxpass", ())) or (
            tok.tag_ == "VBN" and s.first("passive_subject") is not None):
        return None  # a passive: the token patterns' (hedge_passive, passive, unverified)
    subj, cand.inherit, sent = *_find_subject(tok), rules.Sentence(doc, tok.sent)
    inverted = rules.right_source(sent, cand.cue.end) if subj is None and "quote" in frame and (
        "addressee" not in frame) and doc[sent.prev(tok.i)].text in QUOTE_CHARS | {","} else None  # "…?” asked X"
    subj = subj if inverted is None else inverted.root
    if subj is not None and (subj.tag_ in ("WDT", "WP") or subj.lower_ in ("which", "who", "that")):
        subj = None  # "..., who said": the noun it stands for, by word order (rules.left_source)
    cand.source, cand.how = _span(doc, subj), ("before", None) if inverted else _content_how(doc, s, cand, quotes)
    rules.negate(sent, cand)
    return cand


def _content_how(doc: Doc, s: Slots, cand: Candidate, quotes: QuoteList) -> tuple:
    """How the content is found, by the first of the frame's kinds the cue's dependents fit: a clause, a particle or
    prepositional object, an infinitive, a name, a gerund, an object, a that-clause hung on a noun; else the clause
    the cue sits in ("host") or what comes before it ("before"). The (how, head) the content pass reads."""
    tok, frame, particle = s.tok, cand.frame, cand.particle
    clause = _usable_clause(doc, tok, s)
    if clause is not None:
        cand.clause = clause
        has_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        first = clause.i < tok.i and "first" in frame and any(t.text == "," for t in doc[clause.right_edge.i:tok.i])
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)  # "expect the bank to cut"
        if (has_that and "that" in frame) or (not has_that and ("bare" in frame or to and "inf" in frame)) or first:
            return ("after", cand.cue[-1]) if clause.i > tok.i and not in_quote(quotes, clause) else ("subtree", clause)
    if particle is not None:
        return ("after", particle) if particle.dep_ != "prep" else ("prep", particle) if frame.preps or (
            "inf" in frame) else ("none", None)
    prep = next((p for p in s.roles.get("prep", ()) if p.lower_ in frame.preps and p.i > tok.i), None)
    if prep is not None:
        return ("prep", prep)
    xcomp, obj = s.first("xcomp", after=tok.i), s.first("object", after=tok.i)
    if xcomp is not None and "inf" in frame and any(a.lower_ == "to" for a in xcomp.children) or _naming(
            tok, frame, s) or "gerund" in frame and any(c.tag_ == "VBG" and c.i > tok.i for c in s.roles.get(
            "predicate", ())) or obj is not None and obj.dep_ == "dobj" and (_content_object(obj, frame, quotes) or (
            "any" in frame and obj.pos_ not in ("PRON", "NUM") and not s.first("clause"))):
        return ("after", tok)  # "says its campaign targets ...": a bare clause the parser took for an object
    that = _that_clause(doc, tok) if clause is None and "that" in frame else None
    if that is not None:
        return ("span", that)
    if tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head != tok and not (
            s.first("object") or s.first("xcomp")) and not (tok.dep_ == "ccomp" and verb(tok.head)):
        return ("host", tok.head)
    return ("before", None)


def _usable_clause(doc: Doc, tok: Token, s: Slots) -> Token | None:
    """The clause complement (of two, the one after the cue: the one before is a misparsed subject), unless it is a
    noun misparsed as a clause ("disputes that view") or lies before a semicolon."""
    clauses = s.roles.get("clause", [])
    clause = next((c for c in clauses if c.i > tok.i), None) if len(clauses) > 1 else (clauses or [None])[0]
    if clause is None or clause.pos_ not in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj", "mark", "aux", "auxpass") for c in clause.children):
        return None
    if clause.i < tok.i and any(t.text in (";", ":") for t in doc[clause.right_edge.i:tok.i]):
        return None
    return clause


def _content_object(obj: Token, frame: F.Frame, quotes: QuoteList) -> bool:
    """"denied the allegations", "put the toll at 50", "announced a ceasefire", "reported 41 assaults": an object that
    is content by the frame (a fact verb's object only when it is a quote or an act)."""
    if obj.lower_ in F.NOT_SOURCES:
        return False
    if "obj" in frame and (frame.objects is None or obj.lemma_.lower() in frame.objects):
        return True
    return "fact" in frame and (in_quote(quotes, obj) or obj.lower_ in F.ACT_NOUNS or obj.lower_.endswith(
        F.ACT_ENDINGS)) or "count" in frame and any(t.like_num or t.pos_ == "NUM" for t in obj.subtree if t.i <= obj.i + 1)


def _naming(tok: Token, frame: F.Frame, s: Slots) -> bool:
    """"called the bill "a surrender"", "condemned the move as bullying": a verb that names what its object is."""
    dobj = s.first("object", after=tok.i)
    dobj = dobj if dobj is not None and dobj.dep_ == "dobj" else None
    if ("naming" not in frame and "as" not in frame) or (tok.dep_ == "pcomp" and "naming" not in frame) or (
            dobj is not None and dobj.lower_.endswith(("self", "selves"))):
        return False
    as_phrase = any(c.dep_ == "prep" and c.lower_ == "as" for c in [*tok.children, *(dobj.children if dobj else [])])
    if "as" in frame and dobj is not None and as_phrase:
        return True
    return "naming" in frame and (any(c.dep_ == "oprd" for c in tok.children) or dobj is not None and (
        as_phrase or s.first("predicate") is not None or any(c.dep_ == "appos" for c in dobj.children)))


def _that_clause(doc: Doc, tok: Token) -> Span | None:
    """A "that"-clause the parser hung on a noun: "told analysts on a call that ...", "said in a report that ..."."""
    for k in range(tok.i + 1, min(tok.sent.end, tok.i + 16)):
        word = doc[k]
        if word.lower_ == "that" and word.dep_ in ("mark", "nsubj", "dobj") and word.head.i > k:
            clause = word.head
            if clause.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > k for c in clause.children):
                return trim(doc, k + 1, clause.right_edge.i + 1)
            return None
        if word.pos_ in ("VERB", "AUX") or word.text in (";", ":") or word.text in QUOTE_CHARS:
            return None
    return None


def _find_subject(tok: Token) -> tuple[Token | None, bool]:
    """(subject, inherited) of a cue verb, climbing through conjunctions ("X did A and said B"), ", saying", "as
    saying" and infinitives; a reduced relative's noun ("a report published by ..., said")."""
    node = tok
    for depth in range(4):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
        # of several (a misparse): the first, or the nearest before the verb when the content comes first
        content_first = node.dep_ == "parataxis" or any(c.dep_ == "ccomp" and c.i < node.i for c in node.children)
        before = [c for c in subjects if c.i < node.i]
        # "A did B, the report says": the parser took A for a second subject; the one after the comma is the source
        content_first = content_first or len(before) > 1 and node.doc[before[-1].left_edge.i - 1].text in (
            ",", *QUOTE_CHARS)
        subj = (before[-1] if before and content_first else subjects[0]) if subjects else None
        if subj is not None:
            return subj, depth > 0
        if node.dep_ == "conj" and node is tok and node.head.dep_ == "ccomp" and verb(node.head.head):
            node = node.head.head  # "X says A is so and insists B": the parser hung "insists" on A
        elif node.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep", "acomp") and node.head != node and (
                node.dep_ != "advcl" or node.tag_ == "VBG"):
            node = node.head
        elif node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN") and (node.tag_ in (
                "VBD", "VBZ", "VBP") or node.tag_ == "VBN" and node.dep_ == "acl" and _that_clause(node.doc, node)):
            return node.head, False
        else:
            break
    return None, False


def source_phrase(doc: Doc, head: Token, modifiers: bool = True) -> Span:
    """The source phrase around ``head``: its noun phrase, with participle modifiers ("two people briefed on the
    decision"), without comma-set appositions, relative clauses and modifiers with a clause of their own; a name in
    apposition after a common noun instead of it; at most about 100 characters."""
    for child in head.rights if head.pos_ not in ("PROPN", "PRON") else ():
        if child.dep_ == "appos" and doc[child.left_edge.i - 1].text == "," and (child.pos_ == "PROPN" or child.ent_type_):
            return source_phrase(doc, child)
    drop = set()
    for tok in head.subtree:
        comma = tok.left_edge.i > 0 and doc[tok.left_edge.i - 1].text in (",", "—", "–")
        participle = tok.dep_ == "acl" and modifiers and not comma and tok.tag_ in ("VBN", "VBG", "JJ") and not any(
            c.dep_ in ("ccomp", "nsubj", "nsubjpass", "mark") for c in tok.subtree)
        if tok.i > head.i and (tok.dep_ == "relcl" or tok.dep_ == "appos" and comma or tok.head == head and (
                tok.dep_ == "advcl" or tok.dep_ == "acl" and not participle or tok.dep_ == "punct" and tok.text in (
                ",", "—", "–"))):
            drop.update(t.i for t in tok.subtree)
    keep = {t.i for t in head.subtree} - drop
    first = next(k for k in range(head.i, -1, -1) if k - 1 not in keep)
    last = next(k for k in range(head.i, len(doc)) if k + 1 not in keep)
    span = trim(doc, first, last + 1, lead=()) or _span(doc, head)
    if span.text.count("(") > span.text.count(")") and span.end < len(doc) and doc[span.end].text == ")":
        span = doc[span.start:span.end + 1]
    return source_phrase(doc, head, modifiers=False) if modifiers and len(span.text) > 100 else span


# ---------------------------------------------------------------- contents

def right_content(doc: Doc, verb_: Token, after: int, skip_lead: bool = True) -> Span | None:
    """The verb's clause to the right of token ``after``: past lead adverbials and the person addressed ("told
    reporters that"), up to a sibling clause or a second predicate ("condemned X as Y and renewed his appeal")."""
    children = [c for c in verb_.rights if c.i > after]
    kept, started = [], False
    frame = F.TABLE.get(F.TABLE.forms.get(verb_.lower_, ""))
    for child in children:
        if child.dep_ in ("conj", "cc", "punct"):
            if child.dep_ == "conj" and (verb(child) or child.pos_ not in ("VERB", "AUX") or any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in child.children) or child.tag_ == verb_.tag_ and (
                    child.tag_ in ("VBD", "VBZ", "VBP")) and any(c.dep_ == "xcomp" or (c.dep_ == "dobj" and any(
                        d.dep_ in ("det", "poss") for d in c.children)) for c in child.children) and any(
                    c.dep_ == "cc" and c.i < child.i for c in verb_.children)):
                break
            started = started or child.dep_ == "conj"
            kept += [child] if started else []
            continue
        if child.dep_ == "advcl" and verb(child):
            break
        if not started and (skip_lead and (child.dep_ in ("prep", "npadvmod", "advmod", "agent") or child.tag_ == "VBG")
                            or child.dep_ in ("dobj", "dative", "iobj") and frame and "addressee" in frame) and any(
                c.dep_ in (CLAUSE_DEPS if child.dep_ not in ("dobj", "dative", "iobj") else ("ccomp",)) and c.i > child.i
                for c in children) or child.dep_ in ("nsubj", "nsubjpass"):  # inverted "said Smith"
            continue
        started = True
        kept.append(child)
    if not kept:
        return None
    return trim(doc, max(after + 1, min(c.left_edge.i for c in kept)), max(c.right_edge.i for c in kept) + 1)


def _clause_without(doc: Doc, head: Token, first: int, last: int) -> Span | None:
    """The head's clause with the part [first, last] (a cue clause) cut off when it sits at one edge ("The plan,
    he said, would fail." keeps it whole)."""
    lo, hi = head.left_edge.i, head.right_edge.i
    if first <= lo:
        return trim(doc, last + 1, hi + 1)
    if last >= hi or all(junk(t) for t in doc[last + 1:hi + 1]) or head.i < first:
        return trim(doc, lo, first)
    return trim(doc, lo, hi + 1)


def widen_content(doc: Doc, cand: Candidate) -> None:
    """The content by the candidate's ``how``; "..., X said" (``_before``) when nothing else gave one."""
    how, head = cand.how
    src, tok, content = cand.source, cand.head, None
    if how == "after":
        content = right_content(doc, tok, head.i)
        mark = next((c for c in cand.clause.children if c.dep_ == "mark" and c.lower_ == "that"), None) if (
            cand.clause is not None) else None
        if content is not None and mark is None and "that" in cand.frame:
            # "told analysts on a call that A": a "that" the parser hung on a noun before it
            mark = next((t for t in content if t.lower_ == "that" and t.dep_ == "mark" and not any(
                u.pos_ in ("VERB", "AUX") for u in doc[content.start:t.i])), None)
        if content is not None and mark is not None and content.start < mark.i < content.end:
            content = trim(doc, mark.i + 1, content.end)  # "reported, citing officials, that ..."
        if content is not None and "that" in cand.frame and content.end + 1 < tok.sent.end and doc[
                content.end].lower_ in ("and", "but") and doc[content.end + 1].lower_ == "that":
            content = trim(doc, content.start, rules.Sentence(doc, tok.sent).lim)  # "that A but that B": both
    elif how == "prep":
        content = right_content(doc, tok, tok.i, skip_lead=False)
        content = trim(doc, head.i + 1, content.end) if content is not None and content.end > head.i + 1 else None
        if content is not None and "inf" in cand.frame and not cand.frame.preps and not any(
                t.lower_ == "to" and t.dep_ == "aux" for t in content):
            content = None  # "appealed for witnesses": a request, no proposition
    elif how in ("subtree", "span"):
        content = head if how == "span" else trim(doc, head.left_edge.i, head.right_edge.i + 1)
    elif how == "host" and src is not None:
        content = _clause_without(doc, head, min(tok.left_edge.i, src.start), tok.right_edge.i)
        content = content if worded(content) else None
    if content is not None and src is not None:
        content = _content_then_source(doc, cand, content)
    if content is None and how in ("host", "before") and src is not None:
        content = _before(doc, cand)
    cand.content = content
    cand.content_first = content is not None and content.end <= cand.cue.start


def _content_then_source(doc: Doc, cand: Candidate, content: Span) -> Span:
    """Content first, then "X said": the content runs up to the source ("..., state officials said"); a source the
    parser ran across a comma is the words before the cue."""
    src, tok = cand.source, cand.head
    if content.end <= src.start < tok.i and any(t.text == "," for t in doc[src.start:tok.i]):
        from .rules import Sentence, left_source

        cand.source = src = left_source(Sentence(doc, tok.sent), tok.i) or src
    if content.end <= src.start < tok.i and not any(t.text in ('"', "“", "”") for t in doc[content.end:src.start]):
        return trim(doc, content.start, src.start) or content
    return content


def _before(doc: Doc, cand: Candidate) -> Span | None:
    """The sentence up to the comma (or quote) before "X said" or "said X" when they end it; with no comma when the
    cue is a bare relative at the sentence's end ("three children the monitor said"), not after a reporting noun ("a
    charge he denied") or a fronted phrase ("By portraying himself as ..., he highlighted ...")."""
    tok, src = cand.head, cand.source
    sent = tok.sent
    first, last = min(src.start, tok.i), max(src.end - 1, tok.right_edge.i)
    # "..., activists said, as the offensive pushed on": a clause of its own after it ends it too
    trailing = last + 2 < sent.end and doc[last + 1].text == "," and doc[last + 2].lower_ in F.SUBORDINATORS | {"amid"}
    if first == sent.start or not trailing and any(not junk(t) for t in doc[last + 1:sent.end]) and (
            tok.right_edge.i < sent.end - 2):
        return None
    if not (doc[first - 1].text in (",", "—", "–") or junk(doc[first - 1]) and doc[first - 1].text != ".") and not (
            tok.dep_ in ("relcl", "ROOT") and src.start < tok.i and tok.right_edge.i >= sent.end - 2
            and not F.TABLE.noun(tok.head.lemma_.lower())):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd") and c.i > tok.i and not (
            "addressee" in cand.frame and c.dep_ == "dobj") for c in tok.children):
        return None  # "..., two people told Reuters, speaking on ..." keeps its person addressed
    before = doc[sent.start:first]
    fronted = before[0].tag_ in ("IN", "VBG") or cand.cue[0].sent.start != sent.start
    if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.tag_ == "VBN" and not fronted or t.text in (
            '"', "“", "”", "''") for t in before) and not cand.headline:
        return None
    return trim(doc, sent.start, first)
