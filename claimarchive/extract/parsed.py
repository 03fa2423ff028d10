"""The parser path: candidates from a cue's dependents (``candidates.DEP_PATTERNS``), and the widening of a
source head to its noun phrase and of a content head to its clause, by the parse."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from . import frames as F
from ..nlp import entities
from .candidates import QUOTE_CHARS, Candidate, Slots, dependency_matches, in_quote, junk, trim, worded
from .quotes import QuoteList

CLAUSE_DEPS = ("ccomp", "xcomp", "prep", "dative", "dobj")


def candidates(doc: Doc, quotes: QuoteList) -> list[Candidate]:
    """Every candidate of a parsed passage, in the order of their cues."""
    slots, other = dependency_matches(doc)
    found, taken = [], set()
    for name, roles in other:
        cand = {"according": _according, "nominal": _nominal, "saying": _saying}[name](doc, roles)
        if cand is not None and not in_quote(quotes, cand.cue[0]):
            found.append(cand)
            taken.update({roles["cue"].i, cand.head.i if cand.head is not None else -1})
    for i, s in slots.items():
        if i not in taken and not in_quote(quotes, s.tok):
            cand = _verb(doc, s, quotes)
            if cand is not None:
                found.append(cand)
    return sorted(found, key=lambda c: c.cue.start)


def _span(doc: Doc, tok: Token) -> Span:
    return doc[tok.i:tok.i + 1]


def _verb(doc: Doc, s: Slots, quotes: QuoteList) -> Candidate | None:
    """A cue verb: its frame (its particle's first), its source head and how its content is found."""
    tok = s.tok
    lemma = F.TABLE.forms[tok.lower_]
    particle = _particle(tok, lemma, s)
    frame = F.TABLE.get(lemma, particle.lower_ if particle is not None else None)
    if frame is None or (particle is not None and " " not in frame.lemma):
        particle = None
    if frame is None or frame.takes == {"according"}:
        return None
    cue_last = particle.i if particle is not None else tok.i
    first = tok.i
    if tok.dep_ == "pcomp" and tok.head.head.lemma_ == "quote":  # "was quoted as saying"
        quoted = tok.head.head
        first = min([c.i for c in quoted.children if c.dep_ in ("auxpass", "aux")] + [quoted.i])
    cand = Candidate("verb", doc[first:cue_last + 1], frame, certainty=frame.certainty)
    cand.head, cand.particle = tok, particle
    if s.first("auxpass") is not None or (tok.tag_ == "VBN" and s.first("passive_subject") is not None):
        return _passive(doc, s, cand)
    subj, cand.inherit = _find_subject(tok)
    if subj is not None and (subj.tag_ in ("WDT", "WP") or subj.lower_ in ("which", "who", "that")):
        subj = _relative_head(tok)  # "..., who said": the noun it stands for
    cand.relays = _relays(doc, tok, frame) + (_quoted_by(doc, subj) if subj is not None else [])
    quoted = tok.head.head if tok.dep_ == "pcomp" and tok.head.lower_ == "as" else None
    speaker = next((c for c in quoted.children if c.dep_ == "dobj"), None) if quoted is not None and (
        quoted.lemma_ in ("quote", "cite")) else None
    if speaker is not None:  # "State media quoted the minister as saying": the minister, via state media
        cand.relays.append(("quoted_by", source_phrase(doc, subj))) if subj is not None else None
        subj = speaker
    cand.source = _span(doc, subj) if subj is not None else None
    cand.how = _content_how(doc, s, cand, quotes)
    _certainty(tok, cand)
    return cand


def _particle(tok: Token, lemma: str, s: Slots) -> Token | None:
    """The particle of a phrasal cue ("pointed out", "called for"); not a time ("called the race on Monday")."""
    wanted = F.TABLE.particles(lemma)
    particle = next((c for c in s.roles.get("prep", ()) if c.lower_ in wanted and c.i > tok.i), None)
    if particle is not None and particle.dep_ == "prep" and (s.first("object") is not None and s.first(
            "object").i < particle.i or any(c.dep_ == "pobj" and (c.lower_ in F.WEEKDAYS or c.ent_type_ in (
                "DATE", "TIME")) for c in particle.children)):
        return None
    return particle


def _content_how(doc: Doc, s: Slots, cand: Candidate, quotes: QuoteList) -> tuple:
    """How the content is found, by the first of the frame's kinds the cue's dependents fit: a clause, a
    prepositional object, an infinitive, a name, a gerund, an object; else the clause it sits in, or what comes
    before it. A tuple (how, head) the content pass reads."""
    tok, frame, particle = s.tok, cand.frame, cand.particle
    clause = _usable_clause(doc, tok, s)
    if clause is not None:
        cand.clause = clause
        has_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        first = clause.i < tok.i and "first" in frame and any(t.text == "," for t in doc[clause.right_edge.i:tok.i])
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)  # "expect the bank to cut"
        if (has_that and "that" in frame) or (not has_that and ("bare" in frame or to and "inf" in frame)) or first:
            if clause.i > tok.i and not in_quote(quotes, clause):
                return ("after", cand.cue[-1])
            return ("subtree", clause)
    if particle is not None and particle.dep_ == "prep":
        return ("prep", particle) if frame.preps or "inf" in frame else ("none", None)
    if particle is not None:
        return ("after", particle)
    prep = next((p for p in s.roles.get("prep", ()) if p.lower_ in frame.preps and p.i > tok.i), None)
    if prep is not None:
        return ("prep", prep)
    xcomp = s.first("xcomp", after=tok.i)
    if xcomp is not None and "inf" in frame and any(a.lower_ == "to" for a in xcomp.children):
        return ("after", tok)
    if _naming(tok, frame, s):
        return ("after", tok)
    gerund = next((c for c in s.roles.get("predicate", ()) if c.tag_ == "VBG" and c.i > tok.i), None)
    if gerund is not None and "gerund" in frame:
        return ("after", tok)
    obj = s.first("object", after=tok.i)
    if obj is not None and obj.dep_ == "dobj" and (_content_object(obj, frame, quotes) or "any" in frame and (
            obj.pos_ not in ("PRON", "NUM") and not s.first("clause"))):
        return ("after", tok)  # "says its campaign targets ...": a bare clause the parser took for an object
    if clause is None and "that" in frame:
        that = _that_clause(doc, tok)
        if that is not None:
            return ("span", that)
    if tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head != tok and not (
            s.first("object") or s.first("xcomp")) and not (tok.dep_ == "ccomp" and F.TABLE.verb(tok.head.lemma_)):
        return ("host", tok.head)
    return ("before", None)


def _usable_clause(doc: Doc, tok: Token, s: Slots) -> Token | None:
    """The clause complement (of two, the one after the cue: the one before is a misparsed subject), unless it is
    a noun misparsed as a clause ("disputes that view") or lies before a semicolon."""
    clauses = s.roles.get("clause", [])
    clause = next((c for c in clauses if c.i > tok.i), None) if len(clauses) > 1 else (clauses or [None])[0]
    if clause is None:
        return None
    if clause.pos_ not in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "mark", "aux", "auxpass")
                                                      for c in clause.children):
        return None
    if clause.i < tok.i and any(t.text in (";", ":") for t in doc[clause.right_edge.i:tok.i]):
        return None
    return clause


def _content_object(obj: Token, frame: F.Frame, quotes: QuoteList) -> bool:
    """"denied the allegations", "put the toll at 50", "announced a ceasefire": an object that is content by the
    frame; a fact verb's object only when it is a reporting noun, a quote, a count or an act."""
    lemma = obj.lemma_.lower()
    if obj.lower_ in F.NOT_SOURCES:
        return False
    if "obj" in frame and (frame.objects is None or lemma in frame.objects):
        return True
    return "fact" in frame and (in_quote(quotes, obj) or act(obj)) or "count" in frame and counts(obj)


def counts(tok: Token) -> bool:
    """A noun phrase that is a count: "41 assaults", "dozens of deaths"."""
    return any(t.like_num or t.pos_ == "NUM" for t in tok.subtree if t.i <= tok.i + 1)


def act(tok: Token) -> bool:
    return tok.lower_ in F.ACT_NOUNS or tok.lower_.endswith(F.ACT_ENDINGS)


def _naming(tok: Token, frame: F.Frame, s: Slots) -> bool:
    """"called the bill "a surrender"", "condemned the move as bullying": a verb that names what its object is."""
    dobj = s.first("object", after=tok.i)
    if dobj is not None and dobj.dep_ != "dobj":
        dobj = None
    if ("naming" not in frame and "as" not in frame) or (tok.dep_ == "pcomp" and "naming" not in frame) or (
            dobj is not None and dobj.lower_.endswith(("self", "selves"))):
        return False
    as_phrase = any(c.dep_ == "prep" and c.lower_ == "as" for c in [*tok.children, *(dobj.children if dobj else [])])
    if "as" in frame and dobj is not None and as_phrase:
        return True
    if "naming" not in frame:
        return False
    return any(c.dep_ == "oprd" for c in tok.children) or dobj is not None and (
        as_phrase or s.first("predicate") is not None or any(c.dep_ == "appos" for c in dobj.children))


def _that_clause(doc: Doc, tok: Token) -> Span | None:
    """A "that"-clause the parser hung on a noun: "told analysts on a call that ...", "said in a report that ..."."""
    for k in range(tok.i + 1, min(tok.sent.end, tok.i + 12)):
        word = doc[k]
        if word.lower_ == "that" and word.dep_ in ("mark", "nsubj", "dobj") and word.head.i > k:
            clause = word.head
            if clause.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > k for c in clause.children):
                return trim(doc, k + 1, clause.right_edge.i + 1)
            return None
        if word.pos_ in ("VERB", "AUX") or word.text in (";", ":") or word.text in QUOTE_CHARS:
            return None
    return None


def _certainty(tok: Token, cand: Candidate) -> None:
    """"could not confirm" is not_confirmed; a negation denies (a denial verb denies anyway)."""
    if negated(tok):
        if cand.frame.verify:
            cand.verification = "not_confirmed"
        else:
            cand.certainty = "denied"


def negated(tok: Token) -> bool:
    node = tok
    for _ in range(3):
        if any(c.dep_ == "neg" or c.lower_ in F.NEGATIONS for c in node.children) or node.lemma_ in ("fail", "unable"):
            return True
        if node.dep_ not in ("xcomp", "acomp") or node.head == node:
            return False
        node = node.head
    return False


def _passive(doc: Doc, s: Slots, cand: Candidate) -> Candidate | None:
    """"X was accused by Y of ..." (a source), "X are said to ..." and "it is understood that ..." (a hedge with
    no source), "X could not be verified" (a verification)."""
    tok, frame = s.tok, cand.frame
    subj, agent = s.first("passive_subject"), s.first("agent")
    xcomp, clause = s.first("xcomp", after=tok.i), s.first("clause", after=tok.i)
    if frame.verify and negated(tok) and subj is not None:
        cand.construction, cand.verification = "unverified", "not_confirmed"
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        cand.source = _span(doc, pobj) if pobj is not None and pobj.pos_ == "PROPN" else None
        cand.how = ("upto", subj)
        return cand
    if agent is not None:
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if pobj is None or not frame.takes & {"that", "bare", "obj"}:
            return None
        cand.construction, cand.source = "passive", _span(doc, pobj)
        cand.how = ("subtree", clause) if clause is not None else ("upto", subj) if subj is not None and (
            "obj" in frame and frame.objects is None) else ("none", None)
        return cand
    auxpass = s.roles.get("auxpass")
    if "passive" not in frame or not auxpass:
        return None
    cand.construction, cand.certainty = "hedge_passive", "hedged"
    if xcomp is not None and subj is not None and subj.lower_ not in ("it", "this", "that"):
        to = next((a for a in xcomp.children if a.lower_ == "to" and a.i > tok.i), None)
        if to is None:
            return None
        cand.cue, cand.how = doc[auxpass[0].i:to.i + 1], ("hedge", subj, xcomp)
    elif clause is not None and (subj is None or subj.lower_ == "it"):
        cand.cue, cand.how = doc[(subj or auxpass[0]).i:tok.i + 1], ("subtree", clause)
    else:
        return None
    return cand


def _according(doc: Doc, roles: dict[str, Token]) -> Candidate | None:
    """"according to X": the clause it modifies is the content."""
    tok, pobj = roles["cue"], roles["source"]
    cand = Candidate("according", doc[tok.i:roles["to"].i + 1], F.TABLE.rows["according to"], source=_span(doc, pobj))
    head = tok.head
    while (head.pos_ not in ("VERB", "AUX") or head.dep_ == "conj") and head.dep_ != "ROOT" and head.head != head:
        head = head.head  # a noun, or the second of two joined clauses: the whole clause is the content
    cand.head = head
    cand.how = ("according", head)
    return cand


def _nominal(doc: Doc, roles: dict[str, Token]) -> Candidate | None:
    """"the claim by X that ...", "X's statement that ...": a named holder and a that-clause."""
    tok, clause = roles["cue"], roles["clause"]
    holder = next((c for c in tok.children if c.dep_ == "poss"), None)
    if holder is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")), None)
        holder = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if holder is None or holder.lower_ in F.NOT_SOURCES or holder.lower_ in ("its", "their", "his", "her"):
        return None
    frame = F.TABLE.rows[tok.lemma_.lower()]
    cand = Candidate("nominal", _span(doc, tok), frame, certainty=frame.certainty)
    cand.source = doc[holder.left_edge.i:holder.i + 1] if holder.dep_ == "poss" else _span(doc, holder)
    cand.how = ("subtree", clause)
    return cand


def _saying(doc: Doc, roles: dict[str, Token]) -> Candidate | None:
    """"issued a statement saying ...", "in a statement saying ...": the statement's holder says the clause."""
    noun, tok = roles["noun"], roles["cue"]
    frame = F.TABLE.get(F.TABLE.forms[tok.lower_])
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
    if frame is None or clause is None:
        return None
    holder = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ not in F.PRONOUNS), None)
    verb = noun.head
    while holder is None and verb.dep_ in ("pobj", "prep", "dobj") and verb.head != verb:
        verb = verb.head
    if holder is None:
        holder, _ = _find_subject(verb) if verb.pos_ in ("VERB", "AUX") else (None, False)
    cand = Candidate("saying", _span(doc, tok), frame, certainty=frame.certainty)
    cand.source = _span(doc, holder) if holder is not None else None
    cand.how = ("after", tok)
    cand.head = tok
    return cand


# ---------------------------------------------------------------- subjects and sources

def _find_subject(tok: Token) -> tuple[Token | None, bool]:
    """(subject, inherited) of a cue verb, climbing through conjunctions ("X did A and said B"), ", saying",
    "as saying" and infinitives; a reduced relative's noun ("a report published by ..., said")."""
    node = tok
    for depth in range(4):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
        # of several (a misparse): the first, or the nearest before the verb when the content comes first
        content_first = node.dep_ == "parataxis" or any(c.dep_ == "ccomp" and c.i < node.i for c in node.children)
        before = [c for c in subjects if c.i < node.i]
        subj = (before[-1] if before and content_first else subjects[0]) if subjects else None
        if subj is None and node.lemma_ == "quote":
            subj = next((c for c in node.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            return subj, depth > 0
        if node.dep_ == "conj" and node is tok and node.head.dep_ == "ccomp" and F.TABLE.verb(node.head.head.lemma_):
            node = node.head.head  # "X says A is so and insists B": the parser hung "insists" on A
        elif node.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep", "acomp") and node.head != node:
            if node.dep_ == "advcl" and node.tag_ != "VBG":
                return None, False
            node = node.head
        elif node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN") and (
                node.tag_ in ("VBD", "VBZ", "VBP") or (node.tag_ == "VBN" and node.dep_ == "acl"
                                                       and _that_clause(node.doc, node) is not None)):
            return node.head, False
        else:
            break
    return None, False


def _relative_head(tok: Token) -> Token | None:
    node = tok
    while node.dep_ not in ("relcl", "acl") and node.head != node and node.dep_ in ("conj", "ccomp"):
        node = node.head
    if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return node.head
    return None


MAX_SOURCE_CHARS = 100


def source_phrase(doc: Doc, head: Token, modifiers: bool = True) -> Span:
    """The source phrase around ``head``: its noun phrase, with participle modifiers ("two people briefed on the
    decision"), without comma-set appositions, relative clauses and modifiers with a clause of their own; a name in
    apposition after a common noun instead of it; at most about 100 characters."""
    if head.pos_ not in ("PROPN", "PRON"):
        for child in head.rights:
            if child.dep_ == "appos" and doc[child.left_edge.i - 1].text == "," and (child.pos_ == "PROPN" or child.ent_type_):
                return source_phrase(doc, child)
    drop = set()
    for tok in head.subtree:
        if tok.i <= head.i:
            continue
        comma = tok.left_edge.i > 0 and doc[tok.left_edge.i - 1].text in (",", "—", "–")
        participle = tok.dep_ == "acl" and modifiers and not comma and tok.tag_ in ("VBN", "VBG", "JJ") and not any(
            c.dep_ in ("ccomp", "nsubj", "nsubjpass", "mark") for c in tok.subtree)
        direct = tok.head == head
        if tok.dep_ == "relcl" or (tok.dep_ == "appos" and comma) or direct and (
                tok.dep_ == "advcl" or (tok.dep_ == "acl" and not participle) or (
                tok.dep_ == "punct" and tok.text in (",", "—", "–"))):
            drop.update(t.i for t in tok.subtree)
    keep = {t.i for t in head.subtree} - drop
    first = last = head.i
    while first - 1 in keep:
        first -= 1
    while last + 1 in keep:
        last += 1
    span = trim(doc, first, last + 1, lead=()) or _span(doc, head)
    if span.text.count("(") > span.text.count(")") and span.end < len(doc) and doc[span.end].text == ")":
        span = doc[span.start:span.end + 1]
    if modifiers and len(span.text) > MAX_SOURCE_CHARS:
        return source_phrase(doc, head, modifiers=False)
    return span


def widen_source(doc: Doc, cand: Candidate) -> None:
    head = cand.source.root
    if cand.construction == "according":
        span = source_phrase(doc, head)
        end = span.end  # a name the parser left hanging: "according to state news agency Sana,"
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].head in (cand.cue[0], cand.cue[-1], head):
            end += 1
        cand.source = doc[span.start:end]
    elif cand.construction == "passive" and any(c.dep_ == "prep" for c in head.children):
        cand.source = trim(doc, head.left_edge.i, head.i + 1, lead=()) or source_phrase(doc, head)
    elif cand.construction == "nominal" and head.dep_ == "poss":
        cand.source = trim(doc, head.left_edge.i, head.i + 1, lead=()) or cand.source
    else:
        cand.source = source_phrase(doc, head)


# ---------------------------------------------------------------- contents

def right_content(doc: Doc, verb: Token, after: int, skip_lead: bool = True) -> Span | None:
    """The verb's clause to the right of token ``after``, without sibling clauses and lead adverbials."""
    children = [c for c in verb.rights if c.i > after]
    kept, started = [], False
    for child in children:
        if child.dep_ in ("conj", "cc", "punct"):
            if child.dep_ == "conj" and (F.TABLE.verb(child.lemma_.lower()) or child.pos_ not in ("VERB", "AUX") or any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in child.children)):
                break
            if child.dep_ == "conj" and child.tag_ == verb.tag_ and child.tag_ in ("VBD", "VBZ", "VBP") and any(
                    c.dep_ == "xcomp" or (c.dep_ == "dobj" and any(d.dep_ in ("det", "poss") for d in c.children))
                    for c in child.children) and any(c.dep_ == "cc" and c.i < child.i for c in verb.children):
                break  # "condemned X as Y and renewed his appeal": a second predicate of the same subject
            if child.dep_ == "conj":
                started = True
            if started:
                kept.append(child)
            continue
        if child.dep_ == "advcl" and F.TABLE.verb(child.lemma_.lower()):
            break
        if not started and skip_lead and (child.dep_ in ("prep", "npadvmod", "advmod", "agent") or child.tag_ == "VBG") and any(
                c.dep_ in CLAUSE_DEPS and c.i > child.i for c in children):
            continue
        if child.dep_ in ("nsubj", "nsubjpass"):  # inverted "said Smith"
            continue
        frame = F.TABLE.get(verb.lemma_.lower())
        if not started and child.dep_ in ("dobj", "dative", "iobj") and frame and "addressee" in frame and any(
                c.dep_ == "ccomp" and c.i > child.i for c in children):
            continue  # the person addressed: "told reporters that ..."
        started = True
        kept.append(child)
    if not kept:
        return None
    return trim(doc, max(after + 1, min(c.left_edge.i for c in kept)), max(c.right_edge.i for c in kept) + 1)


def _clause_without(doc: Doc, head: Token, first: int, last: int) -> Span | None:
    """The head's clause with the part [first, last] (a cue clause) cut off when it sits at one edge."""
    lo, hi = head.left_edge.i, head.right_edge.i
    if first <= lo:
        return trim(doc, last + 1, hi + 1)
    if last >= hi or all(junk(t) for t in doc[last + 1:hi + 1]) or head.i < first:
        return trim(doc, lo, first)
    return trim(doc, lo, hi + 1)  # "The plan, he said, would fail."


def widen_content(doc: Doc, cand: Candidate) -> None:
    """The content by the candidate's ``how``; "..., X said" when nothing else gave one."""
    how, head, *rest = cand.how
    src = cand.source
    tok = cand.head
    content = None
    if how == "after":
        content = right_content(doc, tok, head.i)
        mark = next((c for c in cand.clause.children if c.dep_ == "mark" and c.lower_ == "that"), None) if (
            cand.clause is not None) else None
        if content is not None and mark is not None and content.start < mark.i < content.end:
            content = trim(doc, mark.i + 1, content.end)  # "reported, citing officials, that ..."
    elif how == "prep":
        content = right_content(doc, tok, tok.i, skip_lead=False)
        content = trim(doc, head.i + 1, content.end) if content is not None and content.end > head.i + 1 else None
        if content is not None and "inf" in cand.frame and not cand.frame.preps and not any(
                t.lower_ == "to" and t.dep_ == "aux" for t in content):
            content = None  # "appealed for witnesses": a request, no proposition
    elif how in ("subtree", "span"):
        content = head if how == "span" else trim(doc, head.left_edge.i, head.right_edge.i + 1)
    elif how == "upto":
        content = trim(doc, head.left_edge.i, (tok.right_edge if cand.construction == "passive" else tok).i + 1, lead=())
    elif how == "hedge":
        content = trim(doc, head.left_edge.i, rest[0].right_edge.i + 1, lead=())
    elif how == "according":
        content = _according_content(doc, cand, head)
    elif how == "host" and src is not None:
        content = _clause_without(doc, head, min(tok.left_edge.i, src.start), tok.right_edge.i)
        content = content if worded(content) else None
    if content is not None and src is not None and how != "according":
        content = _content_then_source(doc, cand, content)
    if content is None and how in ("host", "before") and src is not None:
        content = _before(doc, cand)
        cand.content_first = content is not None
    cand.content = content
    if content is not None and content.end <= cand.cue.start:
        cand.content_first = True


def _according_content(doc: Doc, cand: Candidate, head: Token) -> Span | None:
    """"According to X, ...": what follows; "..., according to X": what comes before; else the clause it is in."""
    src, sent = cand.source, cand.cue.sent
    first, last = cand.cue.start, max(cand.cue[0].right_edge.i, src.root.right_edge.i, src.end - 1)
    if all(junk(t) or t.dep_ == "cc" for t in doc[sent.start:first]) or head == cand.cue[0]:
        return trim(doc, last + 1, sent.end)
    if all(junk(t) for t in doc[last + 1:sent.end]):
        return trim(doc, sent.start, first)
    content = _clause_without(doc, head, first, last)
    if content is not None and content.start <= first < content.end:
        content = trim(doc, head.left_edge.i, head.right_edge.i + 1)
    return content


def _content_then_source(doc: Doc, cand: Candidate, content: Span) -> Span:
    """Content first, then "X said": the content runs up to the source ("..., state officials said")."""
    src, tok = cand.source, cand.head
    if content.end <= src.start < tok.i and any(t.text == "," for t in doc[src.start:tok.i]):
        from .rules import Sentence, left_source

        cand.source = src = left_source(Sentence(doc, tok.sent), tok.i) or src  # the parser ran it across a comma
    if content.end <= src.start < tok.i and not any(t.text in ('"', "“", "”") for t in doc[content.end:src.start]):
        return trim(doc, content.start, src.start) or content
    return content


def _before(doc: Doc, cand: Candidate) -> Span | None:
    """The sentence up to the comma (or quote) before "X said" or "said X" when they end the sentence; with no comma
    when the cue is a bare relative at the sentence's end ("three children the monitor said")."""
    tok, src = cand.head, cand.source
    sent = tok.sent
    first, last = min(src.start, tok.i), max(src.end - 1, tok.right_edge.i)
    if first == sent.start or any(not junk(t) for t in doc[last + 1:sent.end]) and tok.right_edge.i < sent.end - 2:
        return None
    mark = doc[first - 1].text in (",", "—", "–") or junk(doc[first - 1]) and doc[first - 1].text != "."
    if not mark and not (tok.dep_ in ("relcl", "ROOT") and src.start < tok.i and tok.right_edge.i >= sent.end - 2
                         and not F.TABLE.noun(tok.head.lemma_.lower())):
        return None
    address = "addressee" in cand.frame  # "..., two people told Reuters, speaking on ..."
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd") and c.i > tok.i
           and not (address and c.dep_ == "dobj") for c in tok.children):
        return None
    before = doc[sent.start:first]
    fronted = before[0].tag_ in ("IN", "VBG") or cand.cue[0].sent.start != sent.start
    if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.tag_ == "VBN" and not fronted or t.text in (
            '"', "“", "”", "''") for t in before) and not cand.headline:
        return None  # "By portraying himself as ..., he highlighted ...": no clause before the comma
    return trim(doc, sent.start, first)


# ---------------------------------------------------------------- relays

def _relays(doc: Doc, verb: Token, frame: F.Frame) -> list[tuple[str, Span]]:
    """Channels and relaying outlets on a cue verb: "told Reuters", "on Telegram", "in a CNN interview"."""
    out = []
    for child in verb.children:
        if "addressee" in frame and child.dep_ in ("dobj", "dative", "iobj"):
            mention = outlet(doc, child)
            if mention is not None:
                out.append(("told", mention))
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
        if pobj is None:
            continue
        if child.lower_ == "on" and (pobj.lower_ in F.CHANNELS or (
                pobj.pos_ == "PROPN" and pobj.ent_type_ not in ("DATE", "TIME") and pobj.lower_ not in F.WEEKDAYS)):
            out.append(("posted_on", _compound(doc, pobj)))
        elif child.lower_ in ("in", "during") and pobj.lemma_.lower() in F.INTERVIEW_NOUNS:
            with_ = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "with"), None)
            target = next((c for c in with_.children if c.dep_ == "pobj"), None) if with_ is not None else None
            names = [c for c in pobj.children if c.dep_ in ("compound", "poss", "nmod") and c.pos_ == "PROPN"]
            if target is not None or names:
                out.append(("interview_with", _compound(doc, target if target is not None else names[0])))
        elif child.lower_ == "to" and verb.lemma_ in ("say", "speak", "talk") and outlet(doc, pobj) is not None:
            out.append(("told", outlet(doc, pobj)))
    return out


def _compound(doc: Doc, tok: Token) -> Span:
    first = min([tok.i] + [c.left_edge.i for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "flat")
                           and c.i < tok.i])
    return doc[first:tok.i + 1]


def outlet(doc: Doc, tok: Token) -> Span | None:
    """The outlet an addressee names ("Reuters", "the Reuters news agency"), or None for a person."""
    first, last = tok.left_edge.i, tok.right_edge.i + 1
    orgs = [e for e in entities(doc).within(first, last) if e.label_ in ("ORG", "NORP", "WORK_OF_ART", "GPE")]
    if orgs:
        return orgs[0]
    if any(t.lemma_.lower() in F.MEDIA_NOUNS for t in doc[first:last]):
        return trim(doc, first, last, lead=("the", "a", "an"))
    return None


def _quoted_by(doc: Doc, tok: Token) -> list[tuple[str, Span]]:
    """"Y, quoted by state media, said": the relaying outlet of a source."""
    out = []
    for node in [tok, *tok.children]:
        agent = next((c for c in node.children if c.dep_ == "agent"), None) if node.lemma_ == "quote" else None
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        span = trim(doc, pobj.left_edge.i, pobj.right_edge.i + 1, lead=()) if pobj is not None else None
        if span is not None:
            out.append(("quoted_by", span))
    return out
