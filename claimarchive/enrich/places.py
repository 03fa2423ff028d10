"""Find place names in an article's passages and resolve them with the gazetteer (enrich/gazetteer.py).

The gazetteer holds continents, countries (at their own point), first- and second-level regions (provinces,
governorates, states; districts, departments, US counties) and cities and villages down to 500 people.
Names are matched through a normalised key: diacritics, hyphens, apostrophes and a leading article ("al-",
"As ", "the") are dropped and the words joined, so "Dayr az Zawr" = "Dayr az-Zawr"; a name with no match
is tried by its folded spelling (``fold``: vowels, doubled letters, inner articles, -eh/-ah), so "Hassakeh"
finds Al-Hasakah and "Deir el-Zour" Deir ez-Zor. Demonyms ("Syrian forces", "Turks") are mentions of their
country of their own kind, ``demonym``, never the place a figure is about.

Candidates are capitalised token runs; a trained pipeline's entities say which are places (GPE/LOC/FAC:
trusted) and which are people's names (skipped). A place inside a longer name ("Gainesville Police", "Bank of
Canada", "Yemens Taiz Monitor" in damaged text) is a weak mention, which the article's other places must
back. A name several places share is resolved by size (log population), a country's and a capital's prior,
and the article's context: its countries, its first-level regions, its continents and its publisher's
country (from the web domain); a kind word beside a name says which ("Idlib province", "Kano State"), and a
region named after a big city inside it is that city unless a kind word says otherwise ("Taiz", "New
York"). A name no entity vouches for must be backed by the article's other places, or be a city of a
million, or have the words around it say it is a place: a locative ("in X", "to X or Y"), "the city of X",
"X's mayor", "X, Spain", "X, Mississippi", "University of X", "X-based", a wire dateline, the city's own
diacritics ("Gdańsk"), or brackets after a place ("Timbuktu (Tombouctou)"); a name so vouched for once is a
place everywhere. An article that names no other place keeps its one town.
"""
from __future__ import annotations

import math
import re
import string
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from claimarchive.enrich.gazetteer import gazetteer
from claimarchive.model import Place, PlaceMention
from claimarchive.nlp import Passage, entities

BIG_CITY_POPULATION = 1_000_000  # known well enough to stand without country context
MAX_SPAN_TOKENS = 8
CONTEXT_WEIGHT = 1.5  # in log10 of population: what the article's countries are worth to a candidate
REGION_WEIGHT = 1.0  # ... and its first-level regions (named, or holding the towns it names)
CONTINENT_WEIGHT = 0.5  # ... and its continents: Amsterdam beside Lisbon and Frankfurt is the Dutch one
FEATURE_PRIOR = {"continent": 1.0, "country": 1.0, "region": -0.25, "county": -0.5}  # ... and a kind of place
CAPITAL_PRIOR = 1.0  # ... and a country's capital over a region: "Washington" is the capital before the state
LONE_TOWN_POPULATION = 10_000  # an article that names no other place still gets its one town this big

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
NOT_ALONE = STOPLIST | DESIGNATORS  # words that are never a place name alone
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
# Words between a locative and the name that leave it a place: "in southern Idlib", "in rural Sanaa".
DIRECTIONS = frozenset(
    ("north south east west northern southern eastern western central northeastern northwestern southeastern "
     "southwestern north-eastern north-western south-eastern south-western upper lower greater rural "
     "downtown").split())
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
# A town's public bodies: "Gainesville Police", "Springfield Fire Department" name the article's lone town.
LOCAL_BODIES = frozenset("police sheriff fire council schools school mayor city county township transit "
                         "library hospital court".split())
CUED_ALIAS_POPULATION = 100_000  # an alternate name behind a locative stands for a city this big
DIACRITIC_POPULATION = 100_000  # a city spelled with its own diacritics ("Gdańsk") this big is known
# Roles a one-word PERSON entity plays as a person: the one who said, whose, a name's part.
PERSON_ROLES = frozenset({"nsubj", "nsubjpass", "poss", "compound", "appos"})
AREAS = frozenset({"continent", "country", "region"})  # places that are no settlement
# US states as AP style abbreviates them after a town ("GAINESVILLE, Fla. —", "Richmond, Va."); postal codes too.
AP_STATES = dict(pair.split("=") for pair in (
    "Ala.=AL Ariz.=AZ Ark.=AR Calif.=CA Colo.=CO Conn.=CT Del.=DE Fla.=FL Ga.=GA Ill.=IL Ind.=IN Kan.=KS "
    "Kans.=KS Ky.=KY La.=LA Md.=MD Mass.=MA Mich.=MI Minn.=MN Miss.=MS Mo.=MO Mont.=MT Neb.=NE Nev.=NV "
    "N.H.=NH N.J.=NJ N.M.=NM N.Y.=NY N.C.=NC N.D.=ND Okla.=OK Ore.=OR Pa.=PA R.I.=RI S.C.=SC S.D.=SD "
    "Tenn.=TN Tex.=TX Vt.=VT Va.=VA Wash.=WA W.Va.=WV Wis.=WI Wyo.=WY D.C.=DC").split())
# Words beside a name that say it is a region or a county ("Idlib province", "the governorate of Taiz"), a city.
REGION_DESIGNATORS = frozenset(
    ("province provinces governorate governorates state states region regions oblast oblasts prefecture "
     "prefectures county counties district districts department departments emirate emirates canton cantons "
     "voivodeship").split())
CITY_DESIGNATORS = frozenset({"city", "town", "village", "cities", "towns", "villages"})
# Words before a demonym that make it a larger people's ("Latin American"), and after it, a name of its own.
DEMONYM_PREFIXES = frozenset("latin north south east west central anglo afro native pan sub".split())
DEMONYM_NOT_BEFORE = frozenset("ocean sea gulf peninsula subcontinent".split())
SETTLEMENTS = frozenset({"city", "village"})
MIN_FOLD_CHARS = 4  # a shorter name is not looked up by its folded spelling
FOLD_POPULATION = 5_000  # a settlement found by its folded spelling is one this big, or lies in a region named
# Common English short forms of country names, matched with their exact capitals.
COUNTRY_ACRONYMS = {"US": "US", "USA": "US", "UK": "GB", "UAE": "AE", "DRC": "CD"}

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


# Transliteration-aware folding: letters that transliterations of one name swap ("Raqqa", "Rakka"; "Djibouti",
# "Jibuti"), then vowel runs ("ei", "ay", "ou", "aw") as one vowel, doubled letters once, and no final "h" after a
# vowel ("Hasakah", "Hassakeh", "Hasaka").
FOLD_LETTERS = (("ph", "f"), ("dj", "j"), ("ck", "k"), ("q", "k"), ("x", "ks"))
_VOWEL_RUN = re.compile(r"[aeiou][aeiouyw]*")
_DOUBLE = re.compile(r"(.)\1+")


def fold(name: str) -> str:
    """A coarser key than ``normalise``: articles dropped inside the name too ("Deir el-Zour" = "Deir ez-Zor"),
    and the spellings transliterations differ in folded (vowels, doubled letters, -eh/-ah endings)."""
    if name.isascii():
        raw = name.encode("ascii")
    else:
        raw = unicodedata.normalize("NFKD", name.translate(_LATIN_LETTERS)).encode("ascii", "ignore")
    words = raw.lower().translate(_SEPARATE, _ELIDE).split()
    kept = [w for w in words if w not in _ARTICLES_BYTES] if len(words) > 1 else words
    key = b"".join(kept or words).decode("ascii")
    for a, b in FOLD_LETTERS:
        key = key.replace(a, b)
    key = _DOUBLE.sub(r"\1", _VOWEL_RUN.sub("a", key))
    return key[:-1] if key.endswith("ah") and len(key) > 3 else key


class _Entry(NamedTuple):
    """One place an alias key can stand for."""

    place: Place
    primary: bool  # the key comes from the place's own name, not an alternate name
    folded: bool = False  # found by its folded spelling only ("Hassakeh")


class _Names:
    """Normalised name → {GeoNames id: entry}, read from the gazetteer and remembered for the run (bounded)."""

    LIMIT = 200_000

    def __init__(self, lookup):
        self.lookup = lookup
        self.cache: OrderedDict[str, dict[int, _Entry]] = OrderedDict()

    def get(self, key: str, default=None):
        found = self.cache.get(key)
        if found is None:
            if len(self.cache) >= self.LIMIT:
                self.cache.popitem(last=False)  # the least recently used: the common names stay
            found = self.cache[key] = {row.id: _Entry(_place(row), primary) for row, primary in self.lookup(key)}
        else:
            self.cache.move_to_end(key)
        return found if found else default

    def __getitem__(self, key: str) -> dict[int, _Entry]:
        found = self.get(key)
        if not found:
            raise KeyError(key)
        return found

    def __contains__(self, key: str) -> bool:
        return bool(self.get(key))


def _place(row) -> Place:
    return Place(row.id, row.name, row.country, row.latitude, row.longitude, row.feature, row.population,
                 row.region, row.name_en, row.local_name)


@dataclass
class AliasIndex:
    """Normalised name → the places it can stand for (``by_key``), folded spellings (``by_fold``), exact
    acronyms → countries, demonyms → countries, the capitals, and internet domains → countries."""

    by_key: _Names
    by_fold: _Names
    by_acronym: dict[str, Place]
    demonyms: dict[str, Place]
    capitals: frozenset[int] = frozenset()
    domains: dict[str, str] = field(default_factory=dict)
    continents: dict[str, str] = field(default_factory=dict)  # country code → continent code


@lru_cache(maxsize=1)
def alias_index() -> AliasIndex:
    """The gazetteer's names, opened once per process (the index is built once per installation)."""
    gaz = gazetteer()
    names, folded = _Names(gaz.names), _Names(gaz.folded)
    countries = {row.country: _place(row) for row in gaz.places("country")}
    acronyms = {a: countries[c] for a, c in COUNTRY_ACRONYMS.items() if c in countries}
    demonyms = {key: countries[code] for key, code in gaz.demonyms().items() if code in countries}
    return AliasIndex(names, folded, acronyms, demonyms, frozenset(gaz.meta("capitals") or ()),
                      gaz.meta("tlds") or {}, gaz.meta("continents") or {})


@lru_cache(maxsize=1)
def _area_names() -> dict[str, tuple[str, str | None]]:
    """Normalised names of countries and first-level regions → (country code, ISO region code or None)."""
    out: dict[str, tuple[str, str | None]] = {}
    for key, row in sorted(gazetteer().area_names(), key=lambda kr: -(kr[1].population or 0)):
        if row.country:
            out.setdefault(key, (row.country, row.region if row.feature == "region" else None))
    out.update({normalise(a): (code, None) for a, code in COUNTRY_ACRONYMS.items()})
    return out


@lru_cache(maxsize=1)
def areas() -> dict[str, tuple[str, str | None]]:
    """``_area_names`` and the US states' abbreviations, as a town may be followed by them."""
    out = dict(_area_names())
    for abbreviation, state in AP_STATES.items():
        out.setdefault(normalise(abbreviation), ("US", f"US-{state}"))
        out.setdefault(state.lower(), ("US", f"US-{state}"))
    return out


@lru_cache(maxsize=1)
def region_codes() -> dict[str, str]:
    """Normalised country and US state names → the country code a city named before them lies in."""
    return {key: code for key, (code, region) in _area_names().items() if region is None or code == "US"}


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
    designated: bool = False  # a kind word beside it says which of its places ("Idlib province")
    kind: str = "place"  # or "demonym"
    inside: bool = False  # inside a longer name ("Gainesville Police"): backed by the article's other places
    local_body: bool = False  # followed by a word for a town's public body: may be the article's lone town
    leads_name: bool = False  # opens the longer name it is in, or follows its "of" ("Kenya Red Cross", "Bank of
    # Canada"), not closes it ("Latin America")


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
    """The places a span can name: its normalised name's, else (one word of five letters or more) a country or
    region glued to a possessive "s" ("Syrias"), else the places its folded spelling names ("Hassakeh")."""
    span = doc[i:j]
    if span.text in AP_STATES and i >= 2 and doc[i - 1].text == "," and _capitalised(doc[i - 2]):
        state = _us_states().get(f"US-{AP_STATES[span.text]}")  # "Chattanooga, Tenn.": Tennessee
        return (normalise(span.text), [_Entry(state, True)]) if state else None
    if j - i == 1 and span.text.replace(".", "") in index.by_acronym:
        return span.text, [_Entry(index.by_acronym[span.text.replace(".", "")], True)]
    key = normalise(span.text)
    if (j - i == 1 and doc[i].lower_ in NOT_ALONE) or (" " not in span.text and "-" not in span.text
                                                       and key in STOPLIST):
        return None
    entries = list(index.by_key.get(key, {}).values())
    if not entries and j - i == 1 and len(key) > 4 and key.endswith("s"):
        entries = [e for e in index.by_key.get(key[:-1], {}).values() if e.place.feature in AREAS]
    if not entries and len(key) >= MIN_FOLD_CHARS and not any(t.lower_ in STOPLIST for t in span) \
            and not (doc.has_annotation("TAG") and span[0].pos_ == "NOUN" and span[-1].pos_ == "NOUN"):
        # (a word the tagger reads as a common noun, "Cholera", is no other spelling of a town, "Chelora")
        entries = [_Entry(e.place, False, True) for e in index.by_fold.get(fold(span.text), {}).values()
                   if e.place.feature in AREAS or (e.place.population or 0) >= FOLD_POPULATION
                   or (e.place.feature in SETTLEMENTS and _spelling_of(key, e.place))]  # "Maarat al-Numan"
    return (key, entries) if entries else None


@lru_cache(maxsize=1)
def _us_states() -> dict[str, Place]:
    """ISO code → the US state (and DC), for the abbreviations AP style writes after a town."""
    return {row.region: _place(row) for row in gazetteer().places("region") if row.country == "US"}


def _possessive(token) -> bool:
    return token.text in ("'s", "’s", "'", "’")


def _region_after(doc: Doc, b: int) -> tuple[str, str | None] | None:
    """The country or region named after a comma: "Valencia, Spain", "VALENCIA, Spain —", "Jackson, Mississippi":
    (country code, region code or None)."""
    if b + 1 >= len(doc) or doc[b].text != "," or not _capitalised(doc[b + 1]):
        return None
    named = areas()
    for k in range(min(len(doc), b + 4), b + 1, -1):
        area = named.get(normalise(doc[b + 1:k].text))
        if area and all(_capitalised(t) or t.lower_ in PARTICLES for t in doc[b + 1:k]):
            return area
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
    k = a - 1
    while k > 0 and doc[k].lower_ in DIRECTIONS and k >= a - 2:
        k -= 1  # "in southern Idlib", "in the eastern rural Taiz"
    prev = doc[k].lower_ if k >= 0 else ""
    if prev == "the" and k > 0:
        prev = doc[k - 1].lower_
    owned = b < len(doc) and _possessive(doc[b])
    nxt = doc[b + 1].lower_ if owned and b + 1 < len(doc) else (doc[b].lower_ if b < len(doc) else "")
    area = _region_after(doc, b)
    if area:
        here = [e for e in entries if e.place.country == area[0] and e.place.feature in SETTLEMENTS
                and (area[1] is None or e.place.region == area[1])]
        if here:
            return True, "", here
    text = doc[a:b].text
    own_spelling = [e for e in entries if e.primary and e.place.name == text and e.place.feature in SETTLEMENTS
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


def _designated_lists(found: list[_Mention], doc: Doc) -> None:
    """ "the states of Veracruz, Oaxaca and Puebla", "Nampula and Tete provinces": a kind word said of a list
    says it of every name in it."""
    runs: list[list[_Mention]] = []
    for m in found:
        if runs and runs[-1][-1].kind == m.kind == "place" and runs[-1][-1].tokens[0] == m.tokens[0] and all(
                t.lower_ in (",", "and", "or", "&") for t in doc[runs[-1][-1].tokens[2]:m.tokens[1]]) \
                and m.tokens[1] > runs[-1][-1].tokens[2]:
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        if len(run) < 2:
            continue
        a, b = run[0].tokens[1], run[-1].tokens[2]
        words = {doc[a - 2].lower_ if a >= 2 and doc[a - 1].lower_ == "of" else "", doc[b].lower_ if b < len(doc)
                 else ""}
        kinds = {"region", "county"} if words & REGION_DESIGNATORS else SETTLEMENTS if words & CITY_DESIGNATORS \
            else None
        if kinds is None:
            continue
        for m in run:
            chosen = [e for e in m.entries if e.place.feature in kinds]
            if not m.designated and chosen:
                m.entries, m.designated, m.strong = chosen, True, True


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
            demonym = _demonym_at(index, doc, i, rj)
            if demonym is not None and not (match and match[0] > demonym[0]):  # "British Columbia" is a place
                j, country = demonym
                start, end = doc[i].idx + passage.offset, doc[j - 1].idx + len(doc[j - 1]) + passage.offset
                found.append(_Mention(start, end, normalise(doc[i:j].text), [_Entry(country, True)], True, False,
                                      False, False, (number, i, j), kind="demonym"))
                i = j
                continue
            if match is None:
                i += 1
                continue
            j, key, entries = match
            ent = _entity_at(doc, i, j) if has_ents else None
            verdict = _judge(doc, run, i, j, key, entries, ent, lower_words)
            if verdict is not None:
                found.append(_mention(doc, passage, i, j, key, entries, ent, verdict, title_case, number))
            i = j
    _coordinated(found, doc)
    _designated_lists(found, doc)
    _parenthesised_aliases(found, doc)
    return found


def _mention(doc: Doc, passage: Passage, a: int, b: int, key: str, entries: list[_Entry], ent, verdict: str,
             title_case: bool, number: int) -> _Mention:
    """A place name over tokens [a, b) and what the words around it say."""
    first = doc[a]
    if b - a > 1 and first.lower_ in ARTICLES and first.lower_ in STOP_WORDS and not _attached_hyphen(doc, a + 1):
        a += 1  # "As Mosul fell": the article word is English, not part of the name
    start = doc[a].idx + passage.offset
    end = doc[b - 1].idx + len(doc[b - 1]) + passage.offset
    label = ent[0] if ent is not None else None
    shouted = all(t.is_upper for t in doc[a:b] if t.is_alpha) and len(doc[a:b].text) > 3
    loose = title_case or shouted or _sentence_initial(doc, a)
    person = verdict == "person" or (label == "PERSON" and b - a == 1 and doc[a].dep_ in PERSON_ROLES
                                     and not (a > 0 and doc[a - 1].lower_ in LOCATIVES))
    word_like = b - a == 1 and (doc[a].lower_.endswith(WORD_ENDINGS) or (
        doc.has_annotation("TAG") and doc[a].pos_ not in NAME_POS))
    cued, locative, kept = _evidence(doc, a, b, ent, entries)
    kept, designated = _designated(doc, a, b, kept)
    return _Mention(start, end, key, kept, verdict == "strong" or cued or designated, loose, person, word_like,
                    (number, a, b), locative, designated, inside=verdict in ("inside", "person"),
                    local_body=b < len(doc) and doc[b].lower_ in LOCAL_BODIES,
                    leads_name=(a > 0 and doc[a - 1].lower_ == "of") or a == 0 or not _capitalised(doc[a - 1]))


def _demonym_at(index: AliasIndex, doc: Doc, i: int, rj: int) -> tuple[int, Place] | None:
    """A people's name or adjective at token i ("Syrian", "South Korean", "Turks"): (end token, its country)."""
    for j in (i + 2, i + 1):
        if j > rj or not _capitalised(doc[j - 1]) or (j == i + 2 and doc[i].lower_ in STOPLIST):
            continue  # "The Iraqi Observatory": the demonym is "Iraqi"
        key = normalise(doc[i:j].text)
        country = index.demonyms.get(key) or (index.demonyms.get(key[:-1]) if key.endswith("s") else None)
        if country is None:
            continue
        if j == i + 1 and i > 0 and doc[i - 1].lower_ in DEMONYM_PREFIXES:
            return None  # "Latin American", "North African": a larger people than the country's
        if j < len(doc) and doc[j].lower_ in DEMONYM_NOT_BEFORE:
            return None  # "Indian Ocean", "Arabian Sea": a name of its own
        return j, country
    return None


def _designated(doc: Doc, a: int, b: int, entries: list[_Entry]) -> tuple[list[_Entry], bool]:
    """A kind word next to the name says which of its places is meant: "Idlib province", "the province of Idlib",
    "Kano State" (a region), "Idlib city" (a settlement): (the entries of that kind, whether one was said)."""
    after = doc[b].lower_ if b < len(doc) else ""
    before = doc[a - 2].lower_ if a >= 2 and doc[a - 1].lower_ == "of" else ""
    for words, kinds in ((REGION_DESIGNATORS, ("region", "county")), (CITY_DESIGNATORS, tuple(SETTLEMENTS))):
        if after in words or before in words:
            chosen = [e for e in entries if e.place.feature in kinds]
            if chosen:
                return chosen, True
    return entries, False


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


def _judge(doc, run: _Run, i, j, key, entries, ent, lower_words) -> str | None:
    """None for a match not worth keeping (a person's name, a common word); else "strong" (a country's name, or
    all of a place entity of the trained pipeline), "weak", "inside": a place inside a longer name ("Gainesville
    Police", "Bank of Canada", "Yemens Taiz Monitor"), which the article's other places must back, or "person":
    a known place inside what the tagger calls a person's name, a place only where the article names it so."""
    is_country = any(e.place.feature in ("country", "continent") for e in entries)
    in_place_entity = ent is not None and ent[0] in PLACE_LABELS
    inside = False
    if ent is not None and not in_place_entity and (ent[1] < i or ent[2] > j):
        leads = is_country and ent[0] != "PERSON" and all(t.lower_ in STOPLIST for t in doc[ent[1]:i])
        named_for = ent[0] != "PERSON" and (_based(doc, j) or (
            _institution_of(doc, i) and ent[2] == j))  # "University of Toronto", "Washington-based"
        if not (leads or named_for):  # part of a longer name: "Omar al-Bashir", "Cairo University"
            if ent[0] == "PERSON":  # a person's name, or a known place the tagger took for one ("Taiz Monitor")
                return "person" if _known(entries) and j - i < ent[2] - ent[1] else None
            if not (ent[1] == i or doc[i - 1].lower_ == "of" or _known(entries)):
                return None  # but not "the U.S. State Department"
            inside = True  # an organisation named after the place: "Gainesville Police", "Bank of Canada"
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
            if not _known(entries):
                return None  # a place name inside some other name: "Hayat Tahrir al-Sham"
            inside = True  # a known place run into other words: "Yemens Taiz Monitor"
    if j < len(doc) and doc[j].like_num and not any(e.primary and e.place.feature in AREAS for e in entries):
        return None  # "Suwayda 24", "Orange 2": a name of something else; but "and Queensland 20 each"
    if inside:
        return "inside"
    return "strong" if is_country or (in_place_entity and i <= ent[1] and ent[2] <= j) else "weak"


def _known(entries: list[_Entry]) -> bool:
    """A name known well enough to stand out inside a longer name: a country's or region's, or a big city's own."""
    return any(e.primary and (e.place.feature in AREAS or (e.place.population or 0) >= CUED_ALIAS_POPULATION)
               for e in entries)


# --- resolution -------------------------------------------------------------------------------

def _size(e: _Entry) -> float:
    """Log population, the place's own name counting as ten times more people than an alternate name."""
    return math.log10((e.place.population or 0) + 1) + (1.0 if e.primary else 0.0)


def _country_of(entries: list[_Entry]) -> str | None:
    """The one country a name stands for: a country's name, cities all in one country, or one
    city ten times the size of any namesake abroad (Paris, France, not Paris, Texas)."""
    named = {e.place.country for e in entries if e.place.feature == "country"}
    if named:
        return named.pop() if len(named) == 1 else None
    biggest = max(entries, key=_size)
    rivals = [_size(e) for e in entries if e.place.country != biggest.place.country]
    return biggest.place.country if not rivals or _size(biggest) - max(rivals) >= 1.0 else None


def _region_of(entries: list[_Entry]) -> str | None:
    """The one first-level region a name stands for, as ``_country_of`` finds its country."""
    biggest = max(entries, key=_size)
    if biggest.place.feature in ("country", "continent") or not biggest.place.region:
        return None
    rivals = [_size(e) for e in entries if e.place.region != biggest.place.region]
    return biggest.place.region if not rivals or _size(biggest) - max(rivals) >= 1.0 else None


def _without_eponymous_regions(entries: list[_Entry]) -> list[_Entry]:
    """A region or county named after a city inside it at least a tenth its size is meant only when a kind word
    says so: "Taiz", "New York" and "Kano" are the cities; "Quebec" and "Sindh" stay provinces."""
    cities: dict[str | None, int] = {}
    for e in entries:
        if e.place.feature in SETTLEMENTS:
            cities[e.place.region] = max(cities.get(e.place.region, 0), e.place.population or 0)
    kept = [e for e in entries if not (e.place.feature in ("region", "county") and e.place.region in cities
                                       and cities[e.place.region] * 10 >= (e.place.population or 0))]
    return kept or entries


def _best(entries: list[_Entry], context, capitals: frozenset[int] = frozenset(),
          continents: dict[str, str] | None = None) -> _Entry:
    """Size (log population, the place's own name counting as ten times more people), a country or continent
    and a country's capital counting more (``FEATURE_PRIOR``), where the article's countries count as some
    thirty times more and its regions ten times more: Tripoli in an article about Lebanon is Lebanon's, but
    Moscow in an article about the US is still Russia's capital, not a town in Idaho; Georgia beside Atlanta
    is the state, beside Tbilisi the country; Richmond beside Virginia is Virginia's."""
    rivals_areas = any(e.place.feature in ("region", "county") for e in entries)

    def score(e: _Entry) -> float:
        place = e.place
        total = _size(e) + FEATURE_PRIOR.get(place.feature, 0.0) + (
            CAPITAL_PRIOR if rivals_areas and place.geonames_id in capitals else 0.0)
        count = context.get(place.country, 0) if place.country else 0
        if count:
            total += CONTEXT_WEIGHT + min(count, 4) / 8
        count = context.get(place.region, 0) if place.region else 0
        if count:
            total += REGION_WEIGHT + min(count, 4) / 8
        if place.country and continents and context.get("@" + continents.get(place.country, "")):
            total += CONTINENT_WEIGHT
        return total
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
    entries = [e for e in index.by_key.get(normalise(name), {}).values() if e.place.feature in SETTLEMENTS]
    area = areas().get(normalise(region)) if region else None
    if area:
        entries = [e for e in entries if e.place.country == area[0] and (area[1] is None or e.place.region == area[1])]
    if not entries or (region and not area):
        return []
    start = line_start + match.start(1)
    found = [_Mention(start, start + len(name), normalise(name), entries, True, True, False, False, (-1 - n, 0, 0))]
    countries = [e for e in index.by_key.get(normalise(region or ""), {}).values()
                 if e.place.feature in ("country", "region") and area and e.place.country == area[0]
                 and (area[1] is None or e.place.region == area[1])]
    if countries:
        start = line_start + match.start(2)
        found.append(_Mention(start, start + len(region), normalise(region), countries, True, False,
                              False, False, (-1 - n, 0, 0)))
    return found


LOWER_WORD = re.compile(r"\b[a-z]+\b")


def find_places(passages: list[Passage], body: str, home: str | None = None) -> list[PlaceMention]:
    """Every place name in the passages, resolved, with its span in ``body``; ``home``: the publisher's country."""
    finder = PlaceFinder(body, [p.text for p in passages], home)
    for passage in passages:
        finder.add(passage)
    return finder.places()


def home_country(url: str | None, publisher: str | None = None) -> str | None:
    """The country a publisher's internet domain names (".co.uk", ".sy"), None for ".com" and the like."""
    host = re.sub(r"^[a-z]+://", "", (url or publisher or "").strip().lower()).split("/")[0].split(":")[0]
    if "." not in host:
        return None
    return alias_index().domains.get("." + host.rsplit(".", 1)[1])


class PlaceFinder:
    """The places of an article, passage by passage (a passage's parse may go once it is added); ``texts``:
    the text of every passage to come, for the words the article uses in lower case; ``home``: the country
    of its publisher, when known, which backs that country's places as one more mention would."""

    def __init__(self, body: str, texts, home: str | None = None):
        self.body = body
        self.index = alias_index()
        self.lower_words = {w for text in texts for w in LOWER_WORD.findall(text)}
        self.datelines: list[_Mention] = []
        self.mentions: list[_Mention] = []
        self.trained = False
        self.added = 0
        self.home = home
        self.person_words: set[str] = set()  # words of the people's full names the article gives ("Ioana Mareș")

    def add(self, passage: Passage) -> None:
        n = self.added
        self.added += 1
        self.datelines += _dateline_mentions(self.index, passage, n, self.body)
        self.mentions += _passage_mentions(self.index, passage, self.lower_words, n)
        self.trained = self.trained or passage.doc.has_annotation("ENT_IOB")
        if self.trained:
            self.person_words.update(normalise(t.text) for ent in passage.doc.ents
                                     if ent.label_ == "PERSON" and len(ent) > 1 for t in ent if _capitalised(t))

    def places(self) -> list[PlaceMention]:
        """Every place name added, resolved, in body order."""
        return _resolve(self.datelines + self.mentions, self.trained, self.body, self.home, self.index.capitals,
                        self.index.continents, self.person_words)


class _OtherNames:
    """How often each country or region is named by the article's names other than one: ``total - own``, looked
    up without building it (a Counter of the article's countries for every mention)."""

    def __init__(self, total: Counter, own: Counter | None):
        self.total, self.own = total, own

    def get(self, code: str, default: int = 0) -> int:
        count = self.total.get(code, 0) - (self.own.get(code, 0) if self.own else 0)
        return count if count > 0 else default

    def names_other_country(self, country: str) -> bool:
        """Whether the other names name a country other than this one."""
        return any(len(code) == 2 and code != country and self.get(code) for code in self.total)

    def names_region_of(self, country: str) -> bool:
        """Whether the other names name a region of the country (or a town that lies in one)."""
        prefix = country + "-"
        return any(code.startswith(prefix) and self.get(code) for code in self.total)


def _context(mentions: list[_Mention], trained: bool, home: str | None, continents: dict[str, str]
             ) -> tuple[dict[str, Counter], Counter]:
    """The countries, regions and continents ("@EU") the article is about, from names that stand for one only (a
    trained pipeline's place entities and country names are trusted, else names in mid-sentence): per name, and
    in all."""
    by_key: dict[str, Counter] = {}
    for m in mentions:
        if not (m.strong or (not trained and not m.loose_position)):
            continue
        country = _country_of(m.entries)
        for code in (country, _region_of(m.entries), "@" + continents.get(country, "") if country else None):
            if code and code != "@":
                by_key.setdefault(m.key, Counter())[code] += 1
    total: Counter = Counter()
    for counts in by_key.values():
        total.update(counts)
    if home:
        total[home] += 1
    return by_key, total


def _resolve(mentions: list[_Mention], trained: bool, body: str, home: str | None = None,
             capitals: frozenset[int] = frozenset(), continents: dict[str, str] | None = None,
             person_words: set[str] | frozenset[str] = frozenset()) -> list[PlaceMention]:
    """Each mention resolved by the article's other places, or dropped when too weak; an article left with no
    place keeps its one town ("Gainesville Police said ...") when the name is a town's own and big enough."""
    by_key, total = _context(mentions, trained, home, continents)
    strong_keys = {m.key for m in mentions if m.strong}  # one sense per article
    mid_sentence_keys = {m.key for m in mentions if not m.loose_position}
    out: list[PlaceMention] = []
    unbacked: list[PlaceMention] = []
    for m in mentions:
        context = _OtherNames(total, by_key.get(m.key))  # other names only: no self-support
        entries = m.entries if m.designated else _without_eponymous_regions(m.entries)
        entry = _best(entries, context, capitals, continents or {})
        mention = PlaceMention(m.start, m.end, body[m.start:m.end], entry.place, kind=m.kind)
        if entry.folded and entry.place.feature in SETTLEMENTS and (entry.place.population or 0) < FOLD_POPULATION \
                and not context.get(entry.place.region or "", 0):
            continue  # a small town found by its folded spelling only stands where the article names its region
        if m.key in strong_keys:
            verdict = "kept" if _stands(entry, context) else "dropped"
        elif m.key in person_words:
            verdict = "dropped"  # "Mareș said" after "Ioana Mareș": the person, not a village of that name
        else:
            verdict = _weak_verdict(m, entry, context, trained, mid_sentence_keys)
        if verdict == "kept":
            out.append(mention)
        elif verdict == "unbacked":
            unbacked.append(mention)
    if not out:
        out = [pm for pm in unbacked if (pm.place.population or 0) >= LONE_TOWN_POPULATION]
    out.sort(key=lambda pm: pm.start)
    return out


def _stands(entry: _Entry, context: _OtherNames) -> bool:
    """Whether a place named as one stands: a small town's alternate name only where the article is about its
    country ("Monsoon" is no Munsan), a village not where the article is about another region of its country
    ("the South Side" of Richmond, Virginia, is no village in Alabama)."""
    place = entry.place
    if not (entry.primary or (place.population or 0) >= CUED_ALIAS_POPULATION or not place.country
            or context.get(place.country, 0)):
        return False
    if entry.folded and place.country and not context.get(place.country, 0) and context.names_other_country(
            place.country):
        return False  # "Lizella" in a story about Georgia is no Lisala in the Congo, however it folds
    if place.feature == "village" and not (context.get(place.country or "", 0) or context.get(place.region or "", 0)):
        return False  # "the Middle East" is no hamlet in Maryland: a village stands where its country is named
    return place.feature != "village" or bool(context.get(place.region or "", 0)) \
        or not context.names_region_of(place.country or "")


def _backing(place: Place, context: _OtherNames) -> int:
    """How many of the article's other names back a place: its country's and its region's; a village needs
    its region named, or no other region of its country."""
    country = context.get(place.country, 0) if place.country else 0
    region = context.get(place.region, 0) if place.region else 0
    if place.feature == "village" and not region and country and context.names_region_of(place.country):
        return 0  # "South Side" beside Richmond, Virginia is no village in Alabama
    return country + region


def _weak_verdict(m: _Mention, entry: _Entry, context: _OtherNames, trained: bool, mid_sentence_keys: set[str]
                  ) -> str:
    """Whether a mention no evidence vouches for is kept: "kept", "unbacked" (a place, were the article to
    name no other), or "dropped"."""
    backing = _backing(entry.place, context)
    well_known = entry.primary and entry.place.feature in SETTLEMENTS and (
        entry.place.population or 0) >= BIG_CITY_POPULATION
    if m.loose_position and m.key not in mid_sentence_keys and not well_known and (
            m.word_like or (not trained and backing < 2 and not m.local_body)):
        return "dropped"  # "Reading from a statement, ...": a capital that only starts a sentence
    if entry.folded and m.loose_position and m.key not in mid_sentence_keys:
        return "dropped"  # "Cholera" heading a story is no Chelora: another spelling needs a place mid-sentence
    if m.person_like and not (well_known and backing):
        return "dropped"  # "Obama said": a person named like a town; but "Guadalajara ... closed" in Mexico
    if not entry.primary and not _spelling_of(m.key, entry.place):
        return "dropped"
    if not (backing or well_known):
        if m.inside and m.leads_name and entry.primary and entry.place.feature == "country":
            return "kept"  # "the Bank of Canada", "the Kenya Red Cross": a country's own name in an institution's
        lone = entry.primary and (m.local_body and not m.word_like or not (m.loose_position or m.inside))
        return "unbacked" if lone else "dropped"  # "Gainesville Police said": the article's one town
    return "kept"
