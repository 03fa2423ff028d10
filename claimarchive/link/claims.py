"""The same claim in several articles (claim_links, claim_clusters), and a claim and the claim it denies.

Candidates for each claim of the new article: the claims of the articles it copies (its article_links), and
an indexed shortlist across the archive: claims_fts rows holding two of the claim's most telling words (names,
figures, long words), each pair queried with a limit. Its own article's claims are candidates for denials only.
Each candidate is then compared word for word:

- ``same_quote``: the same quoted words, after case, punctuation, quote marks and spacing (or a quote that
  is a run of at least MIN_QUOTE_WORDS words of the other);
- ``same_claim``: the same statement in other words: most content words shared, the same figures, and the
  same speaker (or none);
- ``denies``: a denial (claims.certainty = 'denied') whose content words are most of another claim's.
"""
from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain, islice

import sqlite_utils
from spacy.lang.en.stop_words import STOP_WORDS

from .clusters import merged
from .signature import words
from .terms import newest_claims, remembered

LINKED_KINDS = ("attributed", "reported", "headline")  # captions are the photo's words, not the story's
# same_claim: at least four content words in common and a Dice coefficient of 0.6 (two claims of seven content
# words sharing five). Fewer words in common is a shared topic ("forces", "killed", "city"), not a statement.
MIN_SHARED_TERMS = 4
SAME_CLAIM_DICE = 0.6
# same_quote: the longest run of words two quotes share (inside their quote marks) must be a phrase of its own,
# not a stock phrase ("the situation is very difficult" is five words), and at least half the shorter quote:
# an outlet often quotes part of a quote.
MIN_QUOTE_WORDS = 6
MIN_QUOTE_SHARE = 0.5
# denies: the denial's content words (usually few: "that its forces shelled the market") must be at least
# three and mostly (70 %) found in the claim denied.
DENY_MIN_SHARED = 3
DENY_MIN_COVER = 0.7
# The shortlist: claims holding two of a claim's telling words (figures, and words of five letters or more:
# "Sumy" and "said" are not, "whistle" and "Iskander" are), among each word's TERM_LIMIT newest matches in
# claims_fts: news repeats a claim within days, and a claim of a group already linked needs only one link to
# join it. Bounded, so a common word costs no more than a rare one.
TELLING_LENGTH = 5
TERM_LIMIT = 30
# A wire story reprinted by dozens of outlets must not make every new copy compare (and link) each claim with
# every copy's: the claims of the COPY_LIMIT closest copies are candidates, and within a group of the same
# claim (a cluster) a new claim is compared with at most GROUP_TRIES members, most words in common first, and
# linked to at most LINKS_PER_GROUP of them: enough that the group survives one article leaving it, bounded
# however large the group grows. A candidate that shares no content word or figure is never compared.
COPY_LIMIT = 10
MIN_SHARED_TO_COMPARE = 2  # every relation needs words in common: same_claim four, a denial three, a quote two
SHORTLIST_PER_CLAIM = 20  # the archived claims sharing most telling words with a claim (then the newest)
GROUP_TRIES = 6
LINKS_PER_GROUP = 3
# And a claim is compared with at most COMPARE_LIMIT candidates in all, most words in common first: copies of a
# story whose claims are too short to link (three content words) would otherwise each be a group of their own.
COMPARE_LIMIT = 60
METHOD = "words"
METHOD_QUOTE = "normalised-quote"

FIGURE = re.compile(r"\d[\d,.]*\d|\d")
# Number words are figures too: "postponed by two months" and "by three months" are not the same claim.
NUMBER_WORDS = {word: str(n) for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())} | {
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000",
    "million": "1000000", "billion": "1000000000", "dozen": "12", "dozens": "dozens", "hundreds": "hundreds",
    "thousands": "thousands"}
PERCENT = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)
SUFFIXES = ("ing", "ed", "es", "s")
STRAIGHT_QUOTE = re.compile('"')


@dataclass
class _Claim:
    """What comparing a claim needs: its words, figures, quote text and speaker."""

    id: int
    article_id: int
    text: str
    is_quote: bool
    denied: bool
    speaker: int | None  # the depth-0 source, else the claim's source

    def __post_init__(self):
        self.figures, self.terms, self.quote = _reading(self.text)


@lru_cache(maxsize=200_000)
def _reading(text: str) -> tuple[Counter, frozenset[str], list[str]]:
    """A claim text's figures, content terms (light stems, and figures as "#40") and quoted words. Cached: the
    claims of a much-copied story are candidates again for every new copy."""
    plain = PERCENT.sub(" percent ", text)
    text_words = words(FIGURE.sub(" ", plain))
    figures = Counter([f.replace(",", "").rstrip(".") for f in FIGURE.findall(plain)] +
                      [NUMBER_WORDS[w] for w in text_words if w in NUMBER_WORDS])
    terms = frozenset(filter(None, map(term, text_words))) | {f"#{f}" for f in figures}
    return figures, terms, words(quoted(text))


def quoted(text: str) -> str:
    """The words inside the quote marks of a claim's text, when its span takes in words around them (a lead-in
    before an opening mark, the attribution after a closing one); else the whole text."""
    if "“" in text:
        return text.split("“", 1)[1].split("”", 1)[0]
    if "”" in text:
        return text.rsplit("”", 1)[0]
    marks = [m.start() for m in STRAIGHT_QUOTE.finditer(text)]
    if len(marks) >= 2:
        return text[marks[0] + 1:marks[1]]
    if marks:
        at = marks[0]
        opening = at + 1 < len(text) and text[at + 1].isalnum() and (at == 0 or not text[at - 1].isalnum())
        return text[at + 1:] if opening else text[:at]
    return text


@lru_cache(maxsize=100_000)
def term(word: str) -> str | None:
    """A word's content term (its light stem), or None for a word that is no content word. Remembered: the
    same words come back in every claim."""
    return stem(word) if content_word(word) else None


def content_word(word: str) -> bool:
    return len(word) > 2 and word.isalpha() and word not in STOP_WORDS


def stem(word: str) -> str:
    """A light stemmer: "controlled", "controls" and "control" are one word, "shelling" and "shelled" too."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2]:
        word = word[:-1]
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


# The speaker compared is a source of the whole archive: a generic one ("the governor", "officials") is a row of
# its own article (its key is scoped: "article 12: governor"), so it tells nothing about another article's.
_SELECT = ("select c.id, c.article_id, c.text, c.is_quote, c.certainty = 'denied', (select s.id from sources s "
           "where s.id = coalesce((select a.source_id from attributions a where a.claim_id = c.id and a.depth = 0), "
           "c.source_id) and s.key not glob 'article [0-9]*: *') from claims c "
           f"where c.status = 'current' and c.kind in {LINKED_KINDS} and ")


def _claims(db: sqlite_utils.Database, where: str, params) -> list[_Claim]:
    return [_Claim(*row) for row in db.execute(_SELECT + where + " order by c.id", params)]


def links(db: sqlite_utils.Database, article_id: int, article_links: list[dict]) -> tuple[list[dict], dict[int, int]]:
    """claim_links rows from the article's claims to archived ones (and between its own, for denials), and the
    clusters that change: claim id → cluster id."""
    mine = _claims(db, "c.article_id = ?", [article_id])
    remembered(db, "claims of article").keep(article_id, mine)  # the next copy of the story compares with them
    if not mine:
        return [], {}
    candidates = _candidates(db, mine, article_id, article_links)
    group_of = _groups(db, list(candidates))
    index = _Index(candidates, frozenset().union(*(claim.terms for claim in mine)))
    found: dict[tuple[int, int], dict] = {}
    denials = [claim for claim in mine if claim.denied]  # within the article, only a denial links
    for claim in mine:
        own = (compare(claim, denial) for denial in denials) if not claim.denied else ()
        for link in [*_links_to_groups(claim, index, group_of), *own]:
            if link:
                found.setdefault((link["claim_id"], link["other_id"]), link)
    rows = [found[key] for key in sorted(found)]
    # what claims_fts now holds, for the next article's lookups
    newest_claims(db, TERM_LIMIT).add(db.execute("select id, text from claims where article_id = ? order by id",
                                                 [article_id]).fetchall())
    return rows, merged(db, rows)


def _candidates(db: sqlite_utils.Database, mine: list[_Claim], article_id: int,
                article_links: list[dict]) -> dict[int, _Claim]:
    """The archived claims worth comparing: those of the closest copies, and the full-text shortlist."""
    closest = heapq.nsmallest(COPY_LIMIT, article_links,
                              key=lambda link: (-link["score"], -max(link["article_id"], link["other_id"])))
    copies = sorted({link[end] for link in closest for end in ("article_id", "other_id")} - {article_id})
    others = {c.id: c for c in _claims_of_articles(db, copies)}
    shortlist = _shortlist(db, mine) - set(others)
    others.update((c.id, c) for c in _fetch(db, sorted(shortlist)))
    return others


def _claims_of_articles(db: sqlite_utils.Database, ids: list[int]) -> list[_Claim]:
    """The linked claims of archived articles (remembered for the run: a much-copied story comes back)."""
    by_article = remembered(db, "claims of article")
    found, missing = by_article.get_many(ids)
    if missing:
        fetched = {article_id: [] for article_id in missing}
        for claim in _claims(db, f"c.article_id in ({','.join('?' * len(missing))})", missing):
            fetched[claim.article_id].append(claim)
        for article_id, claims in fetched.items():
            by_article.keep(article_id, claims)
        found.update(fetched)
    return [claim for article_id in ids for claim in found[article_id]]


def _groups(db: sqlite_utils.Database, ids: list[int], chunk: int = 500) -> dict[int, int]:
    """Each claim's group: its cluster, else itself."""
    group_of = {claim: claim for claim in ids}
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        group_of.update(db.execute(f"select claim_id, cluster_id from claim_clusters where claim_id in "
                                   f"({','.join('?' * len(part))})", part).fetchall())
    return group_of


class _Index:
    """The candidates by content term. Candidates with the same terms (the same claim in copies of a story)
    share one entry, so a claim meets each distinct wording once, however many copies carry it."""

    def __init__(self, candidates: dict[int, _Claim], wanted: frozenset[str]):
        self.claims: dict[frozenset, list[_Claim]] = {}
        wording = self.claims.setdefault
        for claim_id in sorted(candidates):
            other = candidates[claim_id]
            wording(other.terms, []).append(other)
        self.by_term: dict[str, list[frozenset]] = {}  # only the terms of the claims compared (wanted) are asked
        entry = self.by_term.setdefault
        for terms in self.claims:
            for term in wanted.intersection(terms):
                entry(term, []).append(terms)

    def ranked(self, claim: _Claim) -> Iterator[_Claim]:
        """The candidates sharing at least MIN_SHARED_TO_COMPARE terms with the claim, most shared first (then
        oldest)."""
        by_term = self.by_term
        shared = Counter(chain.from_iterable(by_term[term] for term in claim.terms & by_term.keys()))
        wordings = sorted((item for item in shared.items() if item[1] >= MIN_SHARED_TO_COMPARE),
                          key=lambda item: (-item[1], self.claims[item[0]][0].id))
        return (other for terms, _ in wordings for other in self.claims[terms])


def _links_to_groups(claim: _Claim, index: _Index, group_of: dict[int, int]) -> list[dict]:
    """The claim's links to the candidates that share a word or figure with it, most shared first (then oldest),
    at most COMPARE_LIMIT compared, GROUP_TRIES and LINKS_PER_GROUP linked in each group (fewer than
    MIN_SHARED_TO_COMPARE shared: never compared)."""
    tries: dict[int, int] = {}
    linked: dict[int, int] = {}
    out = []
    verdicts: dict[tuple, tuple | None] = {}  # the same wording from the same kind of speaker: the same verdict
    for other in islice(index.ranked(claim), COMPARE_LIMIT):
        group = group_of[other.id]
        if tries.get(group, 0) >= GROUP_TRIES or linked.get(group, 0) >= LINKS_PER_GROUP:
            continue
        tries[group] = tries.get(group, 0) + 1
        link = _compared(claim, other, verdicts)
        if link:
            linked[group] = linked.get(group, 0) + 1
            out.append(link)
    return out


def _fetch(db: sqlite_utils.Database, ids: list[int], chunk: int = 500) -> list[_Claim]:
    """Archived claims by id (those not linked, superseded or of other kinds, left out), remembered for the run."""
    by_id = remembered(db, "claim")
    found, missing = by_id.get_many(ids)
    for start in range(0, len(missing), chunk):
        part = missing[start:start + chunk]
        fetched = {claim.id: claim for claim in _claims(db, f"c.id in ({','.join('?' * len(part))})", part)}
        for claim_id in part:
            by_id.keep(claim_id, fetched.get(claim_id))
            found[claim_id] = fetched.get(claim_id)
    return [found[claim_id] for claim_id in ids if found[claim_id] is not None]


def telling_words(text: str) -> set[str]:
    """A claim's telling words for the shortlist: its figures and its content words of TELLING_LENGTH letters
    or more. A property of each word alone, so two claims that share two such words find each other whichever
    is archived first."""
    return {w for w in words(text) if (w.isdigit() and len(w) > 1) or
            (len(w) >= TELLING_LENGTH and w.isalpha() and w not in STOP_WORDS)}


def _shortlist(db: sqlite_utils.Database, claims: list[_Claim]) -> set[int]:
    """Ids of archived claims (of other articles) holding two telling words of one of the claims: each word
    looked up once in claims_fts, its newest TERM_LIMIT matches."""
    telling = {claim.id: telling_words(claim.text) for claim in claims}
    lookups = newest_claims(db, TERM_LIMIT)
    own = {claim.id for claim in claims}
    matches = lookups.matching_all(sorted(set().union(*telling.values())))  # each word's ids, every id once
    found: set[int] = set()
    for claim in claims:
        hits = Counter(chain.from_iterable(matches[word] for word in telling[claim.id]))
        ranked = sorted(((-count, -rowid) for rowid, count in hits.items() if count >= 2 and rowid not in own))
        found.update(-rowid for _, rowid in ranked[:SHORTLIST_PER_CLAIM])
    return found  # the article's other claims (captions, superseded ones) are no candidates: _fetch leaves them out


def _compared(one: _Claim, other: _Claim, verdicts: dict[tuple, tuple | None]) -> dict | None:
    """compare(one, other), its relation and score remembered for other claims with other's text, kind of quote,
    denial, speaker and article (copies of a story carry the same claim): only the ids differ."""
    key = (other.text, other.is_quote, other.denied, other.speaker, other.article_id == one.article_id)
    if key not in verdicts:
        link = compare(one, other)
        verdicts[key] = None if link is None else (link["relation"], link["score"], link["claim_id"] == one.id)
        return link
    verdict = verdicts[key]
    if verdict is None:
        return None
    relation, score, one_first = verdict
    if relation != "denies":
        one_first = one.id < other.id
    first, second = (one.id, other.id) if one_first else (other.id, one.id)
    return {"claim_id": first, "other_id": second, "relation": relation, "score": score,
            "method": METHOD_QUOTE if relation == "same_quote" else METHOD}


def compare(one: _Claim, other: _Claim) -> dict | None:
    """The claim_links row between two claims (same_quote, same_claim or denies), or None."""
    if one.denied != other.denied:
        denial, denied = (one, other) if one.denied else (other, one)
        score = _denial(denial, denied)
        return _row(denial.id, denied.id, "denies", score, METHOD) if score else None
    if one.article_id == other.article_id:
        return None
    first, second = (one.id, other.id) if one.id < other.id else (other.id, one.id)
    score = _same_quote(one, other)
    if score:
        return _row(first, second, "same_quote", score, METHOD_QUOTE)
    score = _same_claim(one, other)
    return _row(first, second, "same_claim", score, METHOD) if score else None


def _row(claim_id: int, other_id: int, relation: str, score: float, method: str) -> dict:
    return {"claim_id": claim_id, "other_id": other_id, "relation": relation, "score": round(score, 4),
            "method": method}


def _same_quote(one: _Claim, other: _Claim) -> float | None:
    """The share of the shorter quote in the longest run of words the two share, when it makes them one quote
    (1.0 for the same words, whatever their case, punctuation, quote marks and spacing)."""
    if not (one.is_quote or other.is_quote) or not one.quote or not other.quote:
        return None
    if one.quote == other.quote:
        return 1.0
    shorter, longer = sorted((one.quote, other.quote), key=len)
    longer_words = set(longer)
    if sum(word in longer_words for word in shorter) < max(MIN_QUOTE_WORDS, MIN_QUOTE_SHARE * len(shorter)):
        return None  # fewer of its words in the other than the shortest run allowed: no need to find the run
    run = SequenceMatcher(None, one.quote, other.quote, autojunk=False).find_longest_match().size
    share = run / min(len(one.quote), len(other.quote))
    return share if run >= MIN_QUOTE_WORDS and share >= MIN_QUOTE_SHARE else None


def _same_claim(one: _Claim, other: _Claim) -> float | None:
    """The Dice coefficient of the two claims' content words, when they make the same statement."""
    if one.speaker and other.speaker and one.speaker != other.speaker:
        return None
    shared = len(one.terms & other.terms)
    if shared < MIN_SHARED_TERMS or not _figures_agree(one.figures, other.figures):
        return None
    dice = 2 * shared / (len(one.terms) + len(other.terms))
    return dice if dice >= SAME_CLAIM_DICE else None


def _denial(denial: _Claim, denied: _Claim) -> float | None:
    """The share of the denial's content words found in the claim it denies, when it denies that claim."""
    if not denial.terms or not denial.figures <= denied.figures:
        return None
    shared = len(denial.terms & denied.terms)
    cover = shared / len(denial.terms)
    return cover if shared >= DENY_MIN_SHARED and cover >= DENY_MIN_COVER else None


def _figures_agree(one: Counter, other: Counter) -> bool:
    """Whether the figures of one claim are all among the other's (as many times): a paraphrase may leave a
    figure out, never change one."""
    return not one or not other or one == other or one <= other or other <= one
