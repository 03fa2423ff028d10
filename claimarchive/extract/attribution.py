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
    return tok.is_punct or tok.is_space or tok.text in QUOTE_CHARS


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


def _source_tokens(doc: Doc, head: Token) -> tuple[int, int]:
    """The source phrase around ``head``: its subtree without comma-set appositions and relative clauses."""
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
        if child.dep_ in ("relcl", "acl", "advcl") or (child.dep_ == "appos" and comma_before) or (
                child.dep_ == "punct" and child.text in (",", "—", "–")):
            drop.update(t.i for t in child.subtree)
    keep = [t.i for t in head.subtree if t.i not in drop]
    # the contiguous run that holds the head
    first = last = head.i
    keep_set = set(keep)
    while first - 1 in keep_set:
        first -= 1
    while last + 1 in keep_set:
        last += 1
    span = trim(doc, first, last, lead_words=())
    return span or (head.i, head.i)


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
    orgs = [e for e in doc.ents if e.label_ in ("ORG", "NORP", "WORK_OF_ART", "GPE")
            and sub[0].i <= e.start and e.end <= sub[-1].i + 1]
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
            if child.dep_ == "conj":
                break
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
                and any(c.dep_ in ("ccomp", "xcomp") and c.i > child.i for c in children):
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
    if part_last >= last or all(_is_edge_junk(t) for t in doc[part_last + 1:last + 1]):
        return trim(doc, first, part_first - 1)
    return trim(doc, first, last)


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
            if lemma in cues.SPEECH_VERBS | cues.OBJECT_VERBS | cues.INFINITIVE_VERBS | cues.HEDGE_PASSIVES:
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
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head is not head:
        head = head.head
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
    if tok.dep_ in ("amod", "compound", "nmod") or tok.tag_ == "JJ":
        return None
    if tok.i > 0 and (doc[tok.i - 1].lower_ in ("so", "so-") or (
            doc[tok.i - 1].text in "-‐" and tok.i > 1 and doc[tok.i - 2].lower_ == "so")):
        return None
    children = list(tok.children)
    deps = {c.dep_ for c in children}
    cue_first, cue_last = tok.i, tok.i
    particle = None
    if lemma in cues.PHRASAL_VERBS:
        wanted = cues.PHRASAL_VERBS[lemma]
        particle = next((c for c in children if c.dep_ in ("prt", "prep") and c.lower_ in wanted and c.i > tok.i), None)
        if particle is None and lemma not in cues.SPEECH_VERBS - {"call", "point", "appeal"}:
            return None
        if particle is None:
            return None
        cue_last = particle.i
    passive = "auxpass" in deps or (tok.tag_ == "VBN" and "nsubjpass" in deps)
    if passive:
        return _passive(doc, tok, lemma, children)
    if lemma not in cues.SPEECH_VERBS | cues.OBJECT_VERBS | cues.INFINITIVE_VERBS:
        return None

    # the content
    content = None
    ccomp = next((c for c in children if c.dep_ == "ccomp"), None)
    xcomp = next((c for c in children if c.dep_ == "xcomp" and c.i > tok.i and any(
        a.lower_ == "to" for a in c.children)), None)
    dobj = next((c for c in children if c.dep_ == "dobj" and c.i > tok.i), None)
    has_that = ccomp is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in ccomp.children)
    if ccomp is not None and _open_question(ccomp):
        return None
    if ccomp is not None and (lemma not in cues.THAT_ONLY_VERBS or has_that):
        if ccomp.i > tok.i and not in_quote(quotes, ccomp):
            content = _right_content(doc, tok, cue_last)
        else:
            content = trim(doc, ccomp.left_edge.i, ccomp.right_edge.i)
    elif particle is not None:
        content = _right_content(doc, tok, cue_last, skip_lead_preps=False)
        if content is not None and particle.dep_ == "prep":
            content = trim(doc, particle.i + 1, content[1])
    elif xcomp is not None and lemma in cues.INFINITIVE_VERBS:
        content = _right_content(doc, tok, cue_last)
    elif dobj is not None and lemma in cues.OBJECT_VERBS and dobj.lower_ not in cues.NOT_SOURCES | {"it"}:
        content = _right_content(doc, tok, cue_last)
    if content is not None and not _content_ok(doc, content):
        return None
    if lemma in cues.THAT_ONLY_VERBS and content is None:
        return None

    # the source
    subj, inherited = _find_subject(tok)
    source = None
    if subj is None:
        # a misparsed subject: the noun phrase right before a finite cue verb
        if tok.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        sent_toks = [t for t in tok.sent if not t.is_space]
        at = next(k for k, t in enumerate(sent_toks) if t.i == tok.i)
        left = _left_source(sent_toks, at)
        if left is None:
            return None
        subj = sent_toks[left[1] - 1]
        source = (sent_toks[left[0]].i, sent_toks[left[1] - 1].i)
    if subj.tag_ in ("WDT", "WP") or subj.lower_ in ("which", "who", "that"):
        noun = _relative_head(tok)
        if noun is None:
            return None
        subj = noun
    if subj.lower_ in cues.NOT_SOURCES or subj.dep_ == "expl":
        return None
    source = source or _source_tokens(doc, subj)
    if content is None:
        # "he said" inside or after the sentence it reports: the rest of the head clause is the content
        if tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head is not tok and not deps & {"dobj", "xcomp"}:
            content = _clause_without(doc, tok.head, tok.left_edge.i, tok.right_edge.i)
            if not _content_ok(doc, content):
                content = None
    if content is None and (lemma not in cues.SPEECH_VERBS or deps & {"dobj", "xcomp", "acomp", "attr"}):
        return None
    if content is not None and source[0] >= content[0] and source[1] <= content[1]:
        return None
    certainty = "asserted"
    verification = None
    negated = _negated(tok)
    if lemma in cues.VERIFY_VERBS and negated:
        verification = "not_confirmed"
    elif lemma in cues.DENIAL_VERBS or negated:
        certainty = "denied"
    elif lemma in cues.HEDGE_VERBS:
        certainty = "hedged"
    relays = _relays(doc, tok, lemma)
    relays += _quoted_by(doc, subj)
    cue_span = chars(doc, cue_first, cue_last)
    if tok.dep_ == "pcomp" and tok.head.head.lemma_ == "quote":  # "was quoted as saying"
        quoted = tok.head.head
        first = min([c.i for c in quoted.children if c.dep_ in ("auxpass", "aux")] + [quoted.i])
        cue_span = chars(doc, first, cue_last)
    return Attribution(cue=cue_span, cue_lemma=lemma, source=chars(doc, *source),
                       content=chars(doc, *content) if content else None, relays=relays,
                       certainty=certainty, verification=verification, inherit_source=inherited)


def _find_subject(tok: Token) -> tuple[Token | None, bool]:
    """The subject of a cue verb, climbing through conjunctions, "adding", "as saying" and infinitives."""
    node = tok
    for depth in range(4):
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is None and node.lemma_ == "quote":
            subj = next((c for c in node.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            return subj, depth > 0 and node is not tok
        if node.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep") and node.head is not node:
            if node.dep_ == "advcl" and node.tag_ != "VBG":
                return None, False
            node = node.head
            continue
        if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN") and node.tag_ in ("VBD", "VBZ", "VBP"):
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
    if agent is not None:
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if pobj is None or ccomp is None or lemma not in cues.SPEECH_VERBS:
            return None
        source = _source_tokens(doc, pobj)
        content = trim(doc, ccomp.left_edge.i, ccomp.right_edge.i)
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

def _word(tok: Token) -> str:
    return tok.lower_


def _looks_like_source(toks: list[Token]) -> bool:
    """A short noun phrase: no cue verbs, no clause words, not a bare determiner."""
    words = [t for t in toks if not t.is_punct]
    if not words or len(words) > 12:
        return False
    if words[0].lower_ in cues.NOT_SOURCES or words[0].lower_ in cues.PREPOSITIONS:
        return False
    if any(t.lower_ in cues.CLAUSE_WORDS - {"also"} or t.lower_ in cues.AUXILIARIES - {"also"}
           or t.lower_ in cues.CUE_FORMS for t in words[1:]):
        return False
    return any(t.is_alpha for t in words)


def _strip_before_cue(sent_toks: list[Token], end: int) -> int:
    """Index after the source: walk back from the cue over auxiliaries and -ly adverbs."""
    while end > 0 and (sent_toks[end - 1].lower_ in cues.AUXILIARIES or (
            sent_toks[end - 1].lower_.endswith("ly") and len(sent_toks[end - 1]) > 4
            and not sent_toks[end - 1].is_title)):
        end -= 1
    return end


def _left_source(sent_toks: list[Token], cue_at: int) -> tuple[int, int] | None:
    """The source before a cue: the noun phrase since the clause began (rules path, list indices)."""
    end = _strip_before_cue(sent_toks, cue_at)
    if end <= 0:
        return None
    start = end
    while start > 0:
        prev = sent_toks[start - 1]
        if prev.text in QUOTE_CHARS or prev.text in (";", ":", "(", ")") or prev.lower_ in cues.CLAUSE_WORDS:
            break
        if prev.text == ",":
            # an apposition "Smith, the minister," leads back to the name before it
            chunk = sent_toks[start:end]
            before = start - 1
            name_start = before
            while name_start > 0 and sent_toks[name_start - 1].text not in (",",) and not sent_toks[
                    name_start - 1].lower_ in cues.CLAUSE_WORDS and sent_toks[name_start - 1].text not in QUOTE_CHARS:
                name_start -= 1
            name = sent_toks[name_start:before]
            if (chunk and chunk[0].lower_ in cues.DETERMINERS and name
                    and all(t.is_title or not t.is_alpha for t in name) and _looks_like_source(name)
                    and name[0].lower_ not in cues.PREPOSITIONS):
                return name_start, before
            break
        start -= 1
    toks = sent_toks[start:end]
    while toks and (toks[0].is_punct or toks[0].lower_ in cues.CLAUSE_WORDS):
        toks = toks[1:]
        start += 1
    if not _looks_like_source(toks):
        return None
    return start, end


def _right_source(sent_toks: list[Token], after: int) -> tuple[int, int] | None:
    """The source after an inverted cue ("said John Smith, the minister.")."""
    end = after
    while end < len(sent_toks) and not sent_toks[end].is_punct and sent_toks[end].lower_ not in cues.CLAUSE_WORDS \
            and sent_toks[end].lower_ not in ("on", "in", "at", "during", "after", "late", "early", "earlier"):
        end += 1
    toks = sent_toks[after:end]
    if not toks or not _looks_like_source(toks) or toks[0].lower_ in cues.PRONOUNS - {"he", "she", "they", "it", "we"}:
        return None
    return after, end


def _skip_adverbials(sent_toks: list[Token], i: int, lemma: str) -> int:
    """Skip "on Friday", "in a statement", "on Telegram", an addressee, before the content starts."""
    n = len(sent_toks)
    while i < n:
        w = sent_toks[i].lower_
        if w in ("on", "in", "at", "during", "late", "early", "earlier", "last", "this", "to", "via", "through",
                 "told", "also") or (w.endswith("ly") and len(w) > 4):
            if w == "to" and lemma in cues.INFINITIVE_VERBS:
                return i
            j = i + 1
            while j < n and sent_toks[j].lower_ not in ("that", ",", ":") and sent_toks[j].text not in QUOTE_CHARS \
                    and j - i < 8 and not (sent_toks[j].lower_ in cues.WEEKDAYS and j + 1 < n
                                           and sent_toks[j + 1].lower_ != "that" and False):
                if sent_toks[j].lower_ in cues.WEEKDAYS or sent_toks[j].lower_ in cues.CHANNELS | cues.STATEMENT_NOUNS \
                        | cues.INTERVIEW_NOUNS or sent_toks[j].is_title:
                    j += 1
                    if j < n and sent_toks[j].lower_ not in cues.PREPOSITIONS | cues.DETERMINERS and not sent_toks[j].is_title:
                        break
                    continue
                if sent_toks[j].lower_ in cues.DETERMINERS or sent_toks[j].lower_ in cues.PREPOSITIONS:
                    j += 1
                    continue
                break
            if j == i + 1 and not (w.endswith("ly") or w == "also"):
                return i
            i = j
            continue
        return i
    return i


def rule_attributions(doc: Doc, sent: Span, quotes: list[Quote]) -> list[Attribution]:
    """Attributions in a sentence of a document without a parse, from the cue lexicon and word order."""
    toks = [t for t in sent if not t.is_space]
    found: list[Attribution] = []
    n = len(toks)
    end_limit = n
    while end_limit > 0 and (toks[end_limit - 1].is_punct or toks[end_limit - 1].text in QUOTE_CHARS):
        end_limit -= 1
    i = 0
    while i < n:
        tok = toks[i]
        w = tok.lower_
        if in_quote(quotes, tok):
            i += 1
            continue
        if w == "according" and i + 1 < n and toks[i + 1].lower_ == "to":
            attr = _rule_according(doc, toks, i, end_limit)
            if attr:
                found.append(attr)
            i += 2
            continue
        lemma = cues.CUE_FORMS.get(w)
        if lemma is None:
            i += 1
            continue
        attr = _rule_cue(doc, toks, i, lemma, end_limit, quotes, found)
        if attr:
            found.append(attr)
        i += 1
    return found


def _span(toks: list[Token], first: int, last_excl: int) -> tuple[int, int] | None:
    while first < last_excl and (toks[first].is_punct or toks[first].text in QUOTE_CHARS
                                 or toks[first].lower_ in ("that", "and", "but")):
        first += 1
    while last_excl > first and (toks[last_excl - 1].is_punct or toks[last_excl - 1].text in QUOTE_CHARS):
        last_excl -= 1
    if last_excl <= first or not any(t.is_alpha for t in toks[first:last_excl]):
        return None
    return toks[first].idx, toks[last_excl - 1].idx + len(toks[last_excl - 1].text)


def _rule_according(doc: Doc, toks: list[Token], i: int, end_limit: int) -> Attribution | None:
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
    return Attribution(cue=(toks[i].idx, toks[i + 1].idx + 2), cue_lemma="according_to", source=source,
                       content=content)


def _rule_cue(doc: Doc, toks: list[Token], i: int, lemma: str, end_limit: int, quotes: list[Quote],
              found: list[Attribution]) -> Attribution | None:
    tok = toks[i]
    prev = toks[i - 1].lower_ if i > 0 else ""
    nxt = toks[i + 1].lower_ if i + 1 < len(toks) else ""
    if prev in cues.NOT_CUE_BEFORE or (prev in ("-", "‐") and i > 1 and toks[i - 2].lower_ == "so"):
        return None
    cue_last = i
    if lemma in cues.PHRASAL_VERBS:
        if nxt not in cues.PHRASAL_VERBS[lemma]:
            return None
        cue_last = i + 1
    # passives: "are said to" hedges; "was quoted as saying" is handled at "saying"
    back = i - 1
    while back >= 0 and toks[back].lower_.endswith("ly") and len(toks[back]) > 4:
        back -= 1
    if back >= 0 and toks[back].lower_ in cues.BE_FORMS and w_is_participle(tok.lower_, lemma):
        if lemma in cues.HEDGE_PASSIVES and nxt == "to":
            start = _clause_start(toks, back)
            content = _span(toks, start, end_limit)
            if content is None:
                return None
            return Attribution(cue=(toks[back].idx, toks[i + 1].idx + 2), cue_lemma=lemma, source=None,
                               content=content, certainty="hedged", hedge_passive=True)
        if lemma in cues.HEDGE_PASSIVES and nxt == "that" and back >= 1 and toks[back - 1].lower_ == "it":
            content = _span(toks, i + 2, end_limit)
            if content is None:
                return None
            return Attribution(cue=(toks[back - 1].idx, tok.idx + len(tok.text)), cue_lemma=lemma, source=None,
                               content=content, certainty="hedged", hedge_passive=True)
        return None
    if tok.lower_ == "saying" and i >= 2 and toks[i - 1].lower_ == "as" and cues.CUE_FORMS.get(toks[i - 2].lower_) is None \
            and toks[i - 2].lower_ == "quoted":
        first_cue = i - 2 - (1 if i >= 3 and toks[i - 3].lower_ in cues.BE_FORMS else 0)
        source = _left_source(toks, first_cue)
        content = _span(toks, i + 1, end_limit)
        if source is None or content is None:
            return None
        return Attribution(cue=(toks[first_cue].idx, tok.idx + len(tok.text)), cue_lemma="say",
                           source=(toks[source[0]].idx, _end(toks[source[1] - 1])), content=content)

    after = _skip_adverbials(toks, cue_last + 1, lemma)
    # an addressee: "told Reuters that", "informed the residents of X that"
    relays = []
    if lemma in cues.ADDRESS_VERBS and after < end_limit and toks[after].lower_ not in ("that", ":") \
            and toks[after].text not in QUOTE_CHARS:
        j = after
        while j < end_limit and toks[j].lower_ not in ("that", ",", ":") and toks[j].text not in QUOTE_CHARS and j - after < 8:
            j += 1
        if j < end_limit and (toks[j].lower_ == "that" or toks[j].text in QUOTE_CHARS or toks[j].text == ":"):
            names = [t for t in toks[after:j] if t.is_title]
            if names and any(t.lower_ in cues.MEDIA_NOUNS or t.is_title for t in toks[after:j]):
                relays.append(("told", names[0].idx, _end(names[-1])))
            after = j
        elif j >= end_limit:
            if toks[after].is_title:
                relays.append(("told", toks[after].idx, _end(toks[j - 1])))
            after = j
    for k in range(cue_last + 1, min(after, len(toks))):
        if toks[k].lower_ == "on" and k + 1 < after and (toks[k + 1].lower_ in cues.CHANNELS or (
                toks[k + 1].is_title and toks[k + 1].lower_ not in cues.WEEKDAYS)):
            relays.append(("posted_on", toks[k + 1].idx, _end(toks[k + 1])))
    has_that = after < len(toks) and toks[after].lower_ == "that"
    starts_quote = after < len(toks) and (toks[after].text in QUOTE_CHARS or toks[after].text == ":")
    infinitive = after < len(toks) and toks[after].lower_ == "to" and lemma in cues.INFINITIVE_VERBS
    right = _span(toks, after, end_limit) if after < end_limit else None
    # the cue ends its clause: content comes before it
    at_end = right is None or (after < len(toks) and toks[after].text in (",", ";") and not has_that)

    source = None
    content = None
    inherit = False
    if i > 0 and toks[i - 1].text == "," and tok.lower_.endswith("ing") and found:
        source = found[-1].source  # "..., adding that ..."
        inherit = True
    if not at_end:
        if lemma in cues.THAT_ONLY_VERBS and not has_that:
            return None
        if lemma == "claim" and not (has_that or starts_quote or infinitive):
            return None
        if lemma not in cues.SPEECH_VERBS and not (infinitive or lemma in cues.OBJECT_VERBS):
            return None
        if after < len(toks) and toks[after].lower_ in cues.VICTIM_NOUNS:
            return None
        if not (has_that or starts_quote or infinitive) and lemma not in cues.OBJECT_VERBS:
            # a bare clause must look like one: a determiner, name or pronoun starts it
            first = toks[after]
            if not (first.lower_ in cues.DETERMINERS or first.is_title or first.lower_ in cues.PRONOUNS
                    or first.like_num) or first.lower_ in cues.PREPOSITIONS:
                return None
        content = right
        if source is None:
            left = _left_source(toks, i)
            if left is not None:
                source = (toks[left[0]].idx, _end(toks[left[1] - 1]))
            else:
                inverted = _right_source(toks, cue_last + 1)
                if inverted is not None and (after >= end_limit or toks[after - 1].text == ","):
                    source = (toks[inverted[0]].idx, _end(toks[inverted[1] - 1]))
        if source is None:
            return None
    else:
        if lemma in cues.THAT_ONLY_VERBS or lemma not in cues.SPEECH_VERBS:
            return None
        # "..., the minister said." / "..., said the minister." / "“...,” she said."
        left = _left_source(toks, i)
        boundary = None
        if left is not None and left[0] > 0 and (toks[left[0] - 1].text in (",",) or toks[left[0] - 1].text in QUOTE_CHARS):
            source = (toks[left[0]].idx, _end(toks[left[1] - 1]))
            boundary = left[0]
        elif i > 0 and (toks[i - 1].text == "," or toks[i - 1].text in QUOTE_CHARS):
            inverted = _right_source(toks, cue_last + 1)
            if inverted is not None:
                source = (toks[inverted[0]].idx, _end(toks[inverted[1] - 1]))
                boundary = i
        elif left is not None and left[0] == 0:
            source = (toks[left[0]].idx, _end(toks[left[1] - 1]))  # "She said." after a quote
            boundary = 0
        if source is None:
            return None
        content = _span(toks, 0, boundary) if boundary else None
    cert = "denied" if lemma in cues.DENIAL_VERBS else "hedged" if lemma in cues.HEDGE_VERBS else "asserted"
    verification = None
    window = {t.lower_ for t in toks[max(0, i - 5):i]}
    if lemma in cues.VERIFY_VERBS and window & (cues.NEGATIONS | {"unable"}):
        verification, cert = "not_confirmed", "asserted"
    return Attribution(cue=(tok.idx, _end(toks[cue_last])), cue_lemma=lemma, source=source, content=content,
                       relays=relays, certainty=cert, verification=verification, inherit_source=inherit)


def _clause_start(toks: list[Token], before: int) -> int:
    start = before
    while start > 0 and toks[start - 1].text not in (",", ";", ":") and toks[start - 1].lower_ not in cues.CLAUSE_WORDS:
        start -= 1
    return start


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def w_is_participle(word: str, lemma: str) -> bool:
    return word != lemma and not word.endswith("s") or word in ("said", "told", "thought", "found", "written")
