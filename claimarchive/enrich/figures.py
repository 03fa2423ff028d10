"""Figures in the text: value, unit, kind, qualifier, span, and the link from a subset to its whole.

The scan runs over spaCy tokens, so it works the same on the blank pipeline; the trained pipeline
adds the counted noun (``nummod`` head) and drops numbers inside named entities ("Route 66").

Number words go through ``number_parser.parse_number`` (a maintained parser). It reads plain
cardinals ("three hundred and seventy thousand") but not fractions or indefinite forms: it gives
nothing for "half a million", "a dozen", "a hundred", "two and a half million" or "5.6 million",
and text2num's ``alpha2digit`` turns "half a million" into "half a 1000000". Those forms are read
here: a leading "a"/"an" counts as one, "half a"/"a quarter of a" scale the next word, "dozen"
multiplies by twelve, digits take a following scale word or suffix ("5.6 million", "$3bn").

Vague plurals ("dozens", "hundreds of", "tens of thousands") are not figures: they carry no value.

Kinds come from the words around a count, read by their stem (``KIND_STEMS``: "martyrs", "martyrdom",
"executions", "beheaded", "gassing" say killed) or a trained pipeline's lemma ("died", "fled"): the counted
noun, else a cue up the parse, else the nearest cue word, else the nearest before it in its sentence ("the
death toll ... has risen to 61"); a cue right before another figure is that figure's ("killed 30 people
injured 90"); a part with no kind of its own counts what its whole counts.

Qualifiers: "nearly", "almost", "just under", "close to" mean the true figure is below the number,
so they give ``less_than``; "up to", "as many as", "no more than" give ``at_most``; "over",
"more than", "above" give ``more_than``; "at least", "no fewer than", "or more", "500+" give
``at_least``; "about", "around", "roughly", "some", "an estimated" give ``approximately``.
The two ends of a range ("between 100 and 200", "70-85 million") give ``at_least`` and ``at_most``.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from number_parser import parse_number
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from claimarchive.model import Quantity
from claimarchive.nlp import Passage, entities

DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
DIGITS_SUFFIX = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(bn|mn|m|k|tn|km|kms|kg|mi|%)$", re.I)

WORD_NUMBERS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "trillion",
}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7,
          "crores": 1e7}
FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}

CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
                    "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "₹": "INR", "inr": "INR", "₽": "RUB",
                    "rub": "RUB", "₺": "TRY", "try": "TRY", "chf": "CHF", "cny": "CNY", "a$": "AUD",
                    "c$": "CAD", "hk$": "HKD", "rs": "INR", "rs.": "INR"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
                  "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
                  "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
                  "rubles": "RUB", "lira": "TRY", "liras": "TRY", "riyal": "SAR", "riyals": "SAR",
                  "dirham": "AED", "dirhams": "AED", "shekel": "ILS", "shekels": "ILS",
                  "hryvnia": "UAH", "hryvnias": "UAH", "francs": "CHF", "real": "BRL", "reais": "BRL", "zloty": "PLN", "zlotys": "PLN",
                  "naira": "NGN", "rand": "ZAR", "pesos": "pesos", "crowns": "crowns", "kroner": "crowns",
                  "kronor": "crowns", "shillings": "shillings", "dinars": "dinars"}
# unit words after a number: (normalised unit, kind)
UNIT_WORDS = {
    "%": ("%", "percent"), "percent": ("%", "percent"), "pc": ("%", "percent"),
    "km": ("km", "distance"), "kms": ("km", "distance"), "kilometer": ("km", "distance"),
    "kilometers": ("km", "distance"), "kilometre": ("km", "distance"), "kilometres": ("km", "distance"),
    "mile": ("miles", "distance"), "miles": ("miles", "distance"), "mi": ("miles", "distance"),
    "metre": ("m", "distance"), "metres": ("m", "distance"), "meter": ("m", "distance"),
    "meters": ("m", "distance"), "m": ("m", "distance"), "feet": ("ft", "distance"),
    "ft": ("ft", "distance"), "yards": ("yards", "distance"),
    "hectares": ("hectares", "other"), "acres": ("acres", "other"),
    "kg": ("kg", "other"), "kilograms": ("kg", "other"), "kilogrammes": ("kg", "other"),
    "tonnes": ("tonnes", "other"), "tons": ("tonnes", "other"), "litres": ("litres", "other"),
    "liters": ("litres", "other"), "barrels": ("barrels", "other"),
    "second": ("seconds", "duration"), "seconds": ("seconds", "duration"),
    "minute": ("minutes", "duration"), "minutes": ("minutes", "duration"),
    "hour": ("hours", "duration"), "hours": ("hours", "duration"), "day": ("days", "duration"),
    "days": ("days", "duration"), "week": ("weeks", "duration"), "weeks": ("weeks", "duration"),
    "month": ("months", "duration"), "months": ("months", "duration"), "year": ("years", "duration"),
    "years": ("years", "duration"), "decade": ("decades", "duration"),
    "decades": ("decades", "duration"), "century": ("centuries", "duration"),
    "centuries": ("centuries", "duration"),
}
MULTI_UNITS = [  # token sequences, longest first
    (("per", "cent"), ("%", "percent")), (("percentage", "points"), ("%", "percent")),
    (("sq", "km"), ("km2", "other")), (("square", "kilometres"), ("km2", "other")),
    (("square", "kilometers"), ("km2", "other")), (("square", "miles"), ("sq miles", "other")),
]
PEOPLE = {
    "people", "persons", "person", "individuals", "civilians", "civilian", "children", "child", "kids",
    "women", "men", "man", "woman", "girls", "boys", "babies", "infants", "minors", "adults",
    "soldiers", "soldier", "troops", "servicemen", "fighters", "fighter", "militants", "militant",
    "rebels", "insurgents", "combatants", "jihadists", "gunmen", "attackers", "militiamen",
    "refugees", "migrants", "asylum", "residents", "inhabitants", "villagers", "citizens", "nationals",
    "protesters", "demonstrators", "prisoners", "detainees", "hostages", "captives", "victims",
    "casualties", "lives", "deaths", "dead", "bodies", "fatalities", "injured", "wounded",
    "patients", "workers", "employees", "staff", "students", "journalists", "reporters", "officers",
    "policemen", "police", "personnel", "members", "passengers", "pilgrims", "voters", "doctors",
    "nurses", "medics", "volunteers", "officials", "supporters", "displaced", "evacuees", "survivors",
    "leaders", "ministers", "diplomats", "delegates", "lawmakers", "teachers", "judges", "peacekeepers",
    "others",
}
# a counted noun that says the kind by itself
NOUN_KINDS = {
    "lives": "killed", "deaths": "killed", "dead": "killed", "bodies": "killed", "fatalities": "killed",
    "injured": "injured", "wounded": "injured", "injuries": "injured",
    "refugees": "displaced", "displaced": "displaced", "evacuees": "displaced",
    "prisoners": "detained", "detainees": "detained", "hostages": "detained", "captives": "detained",
}
# a counted noun that says the kind unless a word around the figure says otherwise
WEAK_NOUN_KINDS = {"residents": "population", "inhabitants": "population"}
# words around a figure that say its kind; the nearest one in the sentence wins
CUE_KINDS = {
    "killed": "killed", "kill": "killed", "kills": "killed", "killing": "killed", "killings": "killed",
    "died": "killed", "die": "killed", "dies": "killed", "dying": "killed", "dead": "killed",
    "death": "killed", "deaths": "killed", "lives": "killed", "toll": "killed", "fatalities": "killed",
    "slain": "killed", "perished": "killed", "massacred": "killed", "executed": "killed",
    "murdered": "killed", "bodies": "killed", "slew": "killed",
    "injured": "injured", "injuring": "injured", "injuries": "injured", "wounded": "injured",
    "hospitalised": "injured", "hospitalized": "injured",
    "wounding": "injured", "hurt": "injured",
    "displaced": "displaced", "displacement": "displaced", "displacing": "displaced", "fled": "displaced",
    "flee": "displaced", "fleeing": "displaced", "flees": "displaced", "uprooted": "displaced",
    "evacuated": "displaced", "evacuation": "displaced", "evacuations": "displaced", "refugees": "displaced", "homeless": "displaced",
    "detained": "detained", "detention": "detained", "arrested": "detained", "arrests": "detained",
    "jailed": "detained", "imprisoned": "detained", "abducted": "detained", "kidnapped": "detained",
    "detainees": "detained", "prisoners": "detained", "hostages": "detained",
    "population": "population", "inhabitants": "population", "residents": "population",
    "metropolis": "population", "live": "population", "populated": "population", "populous": "population",
}
# Stems of the words that say what happened to those counted, whatever the word's form: a word is a stem with
# one of KIND_SUFFIXES ("martyrs", "martyrdom", "martyred"; "executed", "executions"; "beheading"; "gassed").
KIND_STEMS = {
    "killed": "kill martyr murder execut behead gass massacr slaughter assassinat drown perish fatalit slay "
              "succumb".split(),  # "succumbed to their wounds": died
    "injured": "injur wound hospitalis hospitaliz maim".split(),
    "displaced": "displac evacuat uproot refuge".split(),
    "detained": "detain detent arrest jail imprison abduct kidnap kidnapp captiv".split(),
}
KIND_SUFFIXES = ("", "s", "es", "e", "ed", "d", "ing", "ings", "ion", "ions", "dom", "doms", "ment", "ments", "ies",
                 "y", "ee", "ees")
# Lemmas of a trained pipeline that say the kind where the word's form is irregular ("died", "fled", "slain").
LEMMA_KINDS = {"die": "killed", "flee": "displaced", "slay": "killed", "hurt": "injured", "fall": "killed"}
_STEM_KINDS = {stem + suffix: kind for kind, stems in KIND_STEMS.items() for stem in stems for suffix in KIND_SUFFIXES}
# a word's own form first ("population", "dead", "toll"), then its stem's
WORD_KINDS = {**_STEM_KINDS, **CUE_KINDS, "fallen": "killed"}
PEOPLE_KINDS = ("killed", "injured", "displaced", "detained")  # kinds that count people
COORDINATORS = frozenset({"and", "or", ",", "as", "well"})  # words joining figures one verb governs
PERSON_ENDINGS = ("ers", "ists", "ians", "ants", "ents", "men", "herds", "ees")  # nouns for people, plural


QUALIFIERS = [  # (token sequence before the number, qualifier); longest match wins
    (("slightly", "more", "than"), "more_than"), (("little", "more", "than"), "more_than"),
    (("well", "over"), "more_than"), (("just", "over"), "more_than"), (("more", "than"), "more_than"),
    (("greater", "than"), "more_than"), (("upwards", "of"), "more_than"), (("in", "excess", "of"), "more_than"),
    (("well", "above"), "more_than"), (("over",), "more_than"), (("above",), "more_than"),
    (("at", "least"), "at_least"), (("no", "fewer", "than"), "at_least"), (("no", "less", "than"), "at_least"),
    (("not", "less", "than"), "at_least"), (("a", "minimum", "of"), "at_least"),
    (("just", "under"), "less_than"), (("just", "below"), "less_than"), (("fewer", "than"), "less_than"),
    (("less", "than"), "less_than"), (("close", "to"), "less_than"), (("under",), "less_than"),
    (("below",), "less_than"), (("nearly",), "less_than"), (("almost",), "less_than"),
    (("up", "to"), "at_most"), (("as", "many", "as"), "at_most"), (("as", "much", "as"), "at_most"),
    (("no", "more", "than"), "at_most"), (("not", "more", "than"), "at_most"), (("at", "most"), "at_most"),
    (("a", "maximum", "of"), "at_most"),
    (("an", "estimated"), "approximately"), (("approximately",), "approximately"),
    (("roughly",), "approximately"), (("about",), "approximately"), (("around",), "approximately"),
    (("some",), "approximately"), (("approx",), "approximately"), (("approx.",), "approximately"),
    (("circa",), "approximately"), (("estimated",), "approximately"), (("an", "approximate"), "approximately"),
]
QUALIFIERS.sort(key=lambda item: -len(item[0]))
SUFFIX_QUALIFIERS = [
    (("or", "more"), "at_least"), (("or", "over"), "at_least"), (("and", "more"), "at_least"),
    (("-", "plus"), "at_least"), (("plus",), "at_least"), (("+",), "at_least"),
    (("or", "so"), "approximately"), (("-", "odd"), "approximately"), (("odd",), "approximately"),
    (("or", "fewer"), "at_most"), (("or", "less"), "at_most"),
]
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
          "sept", "oct", "nov", "dec"}
TIME_WORDS = {"am", "pm", "a.m.", "p.m.", "a.m", "p.m", "gmt", "utc", "bst", "cet", "est", "edt", "o'clock", "hrs"}
ID_WORDS = {"no", "no.", "nos", "nos.", "number", "#", "page", "p.", "pp.", "vol", "vol.", "chapter",
            "article", "section", "resolution", "flight", "route", "highway", "room", "gate", "platform",
            "line", "version", "level", "phase", "grade", "category", "size", "type", "model"}
YEAR_WORDS = {"in", "since", "until", "till", "by", "from", "during", "before", "after", "of", "year",
              "early", "late", "mid", "circa", "c.", "the"}
NAME_LABELS = {"PERSON", "ORG", "FAC", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "GPE", "LOC", "NORP", "LANGUAGE"}
SETTLEMENTS = {"city", "town", "village", "capital", "metropolis", "country", "nation", "province", "region",
               "state", "island", "district", "camp", "municipality", "megacity", "territory"}
CUE_WINDOW = 10  # tokens either side of a figure searched for a kind word without a parse
FUNCTION_WORDS = {"were", "was", "are", "is", "be", "been", "have", "has", "had", "will", "would", "of",
                  "and", "or", "in", "on", "at", "to", "for", "with", "from", "by", "more", "other", "who",
                  "which", "that", "the", "a", "an", "as", "than", "per", "each", "so", "could", "may", "most",
                  "new", "additional", "further", "another", "times", "percent", "killed", "including"}
SUBSET_BEFORE = [("including",), ("included",), ("among", "them"), ("among", "whom"), ("of", "whom"),
                 ("of", "which"), ("incl.",), ("among", "those")]
SUBSET_AFTER = [("of", "them"), ("of", "whom"), ("of", "those"), ("of", "which")]


@dataclass
class _Figure:
    """A figure found in one sentence, in token terms, before it becomes a Quantity."""

    first: int  # first token of the span (qualifier included)
    last: int  # last token of the span (unit or counted noun included)
    number_first: int
    number_last: int
    value: float
    unit: str | None
    kind: str
    qualifier: str
    counted: str | None = None  # the counted noun, lowercased
    part_of: _Figure | None = None


@lru_cache(maxsize=4096)
def _word_value(words: str) -> float | None:
    """A cardinal in words ("three hundred and seventy thousand"), by number_parser."""
    value = parse_number(words)
    return None if value is None else float(value)


def _lower(doc: Doc, i: int, stop: int) -> str:
    return doc[i].lower_ if i < stop else ""


def _matches(doc: Doc, i: int, stop: int, words: tuple[str, ...]) -> bool:
    return i + len(words) <= stop and all(doc[i + k].lower_ == w for k, w in enumerate(words))


def _matches_before(doc: Doc, end: int, start: int, words: tuple[str, ...]) -> bool:
    """The words end right before token ``end`` (and start at or after ``start``)."""
    return end - len(words) >= start and _matches(doc, end - len(words), end, words)


def _joined(doc: Doc, i: int) -> bool:
    """Token i follows token i-1 with no space between them."""
    return i > 0 and not doc[i - 1].whitespace_


def _read_number(doc: Doc, i: int, stop: int) -> tuple[float, int, str | None, bool] | None:
    """The number starting at token i: (value, end token, unit from a suffix, is a bare "one"); None past the
    sentence's end ("between 5 and" closing a paragraph) or for digits beyond any float (no count that large)."""
    if i >= stop:
        return None
    found = _number_at(doc, i, stop)
    return found if found is None or math.isfinite(found[0]) else None


def _number_at(doc: Doc, i: int, stop: int) -> tuple[float, int, str | None, bool] | None:
    t = doc[i].lower_
    value: float | None = None
    j = i + 1
    unit = None
    scaled = False
    if t == "half" and _lower(doc, j, stop) in ("a", "an") and _lower(doc, j + 1, stop) in SCALES | {"dozen": 1}:
        word = doc[j + 1].lower_
        value, j, scaled = 0.5 * (12 if word == "dozen" else SCALES[word]), j + 2, True
    elif t in ("a", "an") and _lower(doc, j, stop) in ("quarter", "third", "half") and \
            _lower(doc, j + 1, stop) == "of" and _lower(doc, j + 2, stop) in ("a", "an") and \
            _lower(doc, j + 3, stop) in SCALES:
        value, j, scaled = FRACTIONS[doc[j].lower_] * SCALES[doc[j + 3].lower_], j + 4, True
    elif t in ("a", "an") and _lower(doc, j, stop) == "dozen":
        value, j = 12.0, j + 1
    elif t in ("a", "an") and _lower(doc, j, stop) in ("hundred", "thousand", "million", "billion", "trillion"):
        value, j, scaled = SCALES[doc[j].lower_], j + 1, True
    elif DIGITS.match(doc[i].text):
        value = float(doc[i].text.replace(",", ""))
    elif (m := DIGITS_SUFFIX.match(doc[i].text)):
        value = float(m.group(1).replace(",", ""))
        suffix = m.group(2).lower()
        if suffix in SCALES:
            value, scaled = value * SCALES[suffix], True
        elif suffix == "m":
            unit = "m?"  # million after a currency, metres otherwise: the caller decides
        else:
            unit = suffix
    elif t in WORD_NUMBERS - {"hundred", "thousand", "million", "billion", "trillion"}:
        words = [t]
        while j < stop:
            w = doc[j].lower_
            if w in WORD_NUMBERS:
                words.append(w)
            elif w == "-" and _joined(doc, j) and _lower(doc, j + 1, stop) in WORD_NUMBERS and not doc[j].whitespace_:
                pass
            elif w == "and" and _lower(doc, j + 1, stop) in WORD_NUMBERS and words[-1] in ("hundred", "thousand", "million", "billion"):
                words.append(w)
            else:
                break
            j += 1
        value = _word_value(" ".join(words))
        if value is None:
            return None
        scaled = words[-1] in SCALES
        if words == ["one"] and not (_lower(doc, j, stop) in SCALES or _lower(doc, j, stop) == "dozen"):
            return value, j, None, True
    else:
        return None
    # "two and a half million"
    if _matches(doc, j, stop, ("and", "a", "half")) and _lower(doc, j + 3, stop) in SCALES:
        value, j = value + 0.5, j + 3
    if _lower(doc, j, stop) == "dozen" and not scaled:
        value, j = value * 12, j + 1
    while j < stop and doc[j].lower_ in SCALES and not (doc[j].lower_ == "k" and doc[j].whitespace_ == ""
                                                         and j + 1 < stop and doc[j + 1].is_alpha):
        value, j, scaled = value * SCALES[doc[j].lower_], j + 1, True
    return value, j, unit, False


def _currency_before(doc: Doc, i: int, start: int) -> tuple[str, int] | None:
    """A currency symbol or code right before token i: (currency, its token)."""
    if i - 1 >= start and doc[i - 1].lower_ in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[doc[i - 1].lower_], i - 1
    return None


def _qualifier_before(doc: Doc, i: int, start: int) -> tuple[str, int]:
    """The qualifier words right before token i: (qualifier, first token); exact when none."""
    for words, qualifier in QUALIFIERS:
        if _matches_before(doc, i, start, words):
            return qualifier, i - len(words)
    return "exact", i


def _unit_after(doc: Doc, j: int, stop: int, currency: bool) -> tuple[str, str, int] | None:
    """A unit right after the number at token j: (unit, kind, end token)."""
    k = j + 1 if _lower(doc, j, stop) == "-" and _joined(doc, j) else j
    for words, (unit, kind) in MULTI_UNITS:
        if _matches(doc, k, stop, words):
            return unit, kind, k + len(words)
    w = _lower(doc, k, stop)
    if w in CURRENCY_WORDS:
        return CURRENCY_WORDS[w], "money", k + 1
    if w == "m" and currency:
        return None
    if w in UNIT_WORDS:
        unit, kind = UNIT_WORDS[w]
        if w == "m" and k < stop and doc[k].text == "M":
            return None
        if kind == "duration" and _matches(doc, k + 1, stop, ("-", "old")):
            return "years", "other", k + 3  # an age: "25-year-old"
        return unit, kind, k + 1
    return None


def _counted_noun(doc: Doc, number_last: int, stop: int) -> int | None:
    """The noun a number counts: its ``nummod`` head with a parse, else a people word close after."""
    tok = doc[number_last]
    if doc.has_annotation("DEP"):
        head = tok.head
        if tok.dep_ in ("nummod", "quantmod", "compound") and number_last < head.i < min(stop, number_last + 5) \
                and head.pos_ in ("NOUN", "PROPN", "ADJ"):
            return head.i
        if tok.dep_ in ("nummod", "quantmod", "compound") and head.i == number_last + 1:
            return head.i
    for k in (number_last + 1, number_last + 2):
        if k < stop and doc[k].lower_ in PEOPLE and (k == number_last + 1 or doc[number_last + 1].is_alpha):
            return k
    k = number_last + 1
    if not doc.has_annotation("DEP") and k < stop and doc[k].is_alpha and doc[k].is_lower \
            and doc[k].lower_ not in FUNCTION_WORDS and doc[k].lower_ not in WORD_KINDS and doc[k].lower_ not in STOP_WORDS \
            and doc[k].lower_ not in WORD_NUMBERS and not doc[k].lower_.endswith("ed"):
        return k  # without a parse: the word right after is the thing counted ("12 tanks")
    return None


def _in_name(doc: Doc, first: int, number_first: int, sent_start: int) -> bool:
    """The number is part of a name or an id ("Route 66", "Suwayda 24", "F-16", "No. 5")."""
    if doc.has_annotation("ENT_IOB") and doc[number_first].ent_type_ in NAME_LABELS:
        ent = entities(doc).overlapping(number_first, number_first + 1)
        if ent is not None and any(t.is_alpha and t.is_title for t in ent):
            return True
    p = first - 1
    if p < sent_start:
        return False
    prev = doc[p]
    if prev.lower_ in ID_WORDS and first == number_first:
        return True
    if prev.text == "-" and _joined(doc, p + 1) and _joined(doc, p) and doc[p - 1].is_alpha:
        return True
    if first == number_first and p > sent_start and prev.is_alpha and (prev.is_title or prev.is_upper) \
            and prev.lower_ not in MONTHS and prev.lower_ not in CURRENCY_SYMBOLS and prev.lower_ not in WORD_KINDS \
            and prev.lower_ not in STOP_WORDS:
        return True  # "Route 66", not "Shelling Kills 12" nor "Toll Rises To 40" in a title-case headline
    return False


def _is_date_or_time(doc: Doc, number_first: int, end: int, value: float, stop: int, start: int,
                     has_unit: bool, is_digits: bool) -> bool:
    """A day of a month, a year or a clock time, not a figure."""
    prev = doc[number_first - 1].lower_.rstrip(".") if number_first > start else ""
    nxt = _lower(doc, end, stop).rstrip(".")
    month_near = (prev in MONTHS and (prev != "may" or doc[number_first - 1].text[0].isupper())) or \
        (nxt in MONTHS and (nxt != "may" or doc[end].text[0].isupper())) or \
        (nxt == "of" and _lower(doc, end + 1, stop).rstrip(".") in MONTHS)
    if is_digits and month_near and (value <= 31 or 1000 <= value <= 2100) and value == int(value):
        return True
    if _lower(doc, end, stop) in TIME_WORDS:
        return True
    year_like = is_digits and value == int(value) and "," not in doc[number_first].text \
        and len(doc[number_first].text) == 4
    if year_like and not has_unit and (1800 <= value <= 2100 or (1000 <= value < 1800 and prev in YEAR_WORDS)):
        return True
    return False


def _sentence_figures(doc: Doc, sent: Span) -> list[_Figure]:
    """Every figure in one sentence, left to right."""
    start, stop = sent.start, sent.end
    figures: list[_Figure] = []
    i = start
    while i < stop:
        fig_or_skip = _figure_at(doc, i, start, stop)
        if isinstance(fig_or_skip, int):
            i = max(fig_or_skip, i + 1)
            continue
        figures += fig_or_skip
        i = fig_or_skip[-1].last + 1
    cued: dict[int, list[tuple[int, str]]] = {}
    owned = _owned_cues(doc, figures, stop)
    for fig in figures:
        if not fig.kind:
            fig.kind = _kind_from_context(doc, fig, start, stop, cued, owned[id(fig)])
    _inherit_in_parentheses(doc, figures)
    _link_subsets(doc, figures, start)
    _inherit_from_whole(figures)
    return figures


def _figure_at(doc: Doc, i: int, start: int, stop: int) -> list[_Figure] | int:
    """The figure (or the two ends of a range) whose number starts at token i, else the token to go on from."""
    read = _read_number(doc, i, stop)
    if read is None:
        return i + 1
    value, end, suffix_unit, bare_one = read
    if _lower(doc, end, stop) == "in" and (ratio := _read_number(doc, end + 1, stop)):
        return ratio[1]  # a ratio, not a count: "one in five"
    if bare_one and not _counted_is_unit(doc, end, stop):
        return end
    number_first = i
    currency = _currency_before(doc, i, start)
    first = currency[1] if currency else i
    between = first - 1 >= start and doc[first - 1].lower_ == "between"
    upper, value, upper_first = _range_upper(doc, i, end, first, start, stop, value, between)
    number_end = upper[1] if upper else end
    if upper and _year_like(doc, i, end, value) and _year_like(doc, end + 1, upper[1], upper[0]):
        return number_end  # a span of years: "between 2012 and 2024", "2019-2021"
    if _ago_after(doc, number_end, stop):
        return number_end + 1  # a date: "two days ago"
    qualifier_after, j = _glued_qualifier(doc, number_end, stop)
    value, upper, unit, kind, j = _glued_unit(doc, j, stop, suffix_unit, currency, value, upper)
    counted = None
    if unit is None:
        unit, kind, counted, j = _unit_or_count_after(doc, j, first, start, stop, currency)
    is_digits = bool(DIGITS.match(doc[number_first].text)) and not upper
    if _is_date_or_time(doc, number_first, number_end, value, stop, start,
                        unit is not None or currency is not None, is_digits):
        return number_end
    if (unit is None or counted) and counted not in PEOPLE and _in_name(doc, first, number_first, start):
        return number_end
    qualifier, first = _qualifier_before(doc, first, start)
    if qualifier_after is None:
        qualifier_after, j = _word_qualifier_after(doc, j, stop)
    qualifier = qualifier_after or qualifier
    if not upper:
        return [_Figure(first, j - 1, number_first, end - 1, value, unit, kind or "", qualifier, counted)]
    if between:
        first -= 1
    low = _Figure(first, end - 1, number_first, end - 1, value, unit, kind or "",
                  "at_least" if qualifier == "exact" else qualifier, counted)
    high = _Figure(end + 1, j - 1, upper_first, upper[1] - 1, upper[0], unit, kind or "", "at_most", counted)
    return [low, high]


def _range_upper(doc: Doc, i: int, end: int, first: int, start: int, stop: int, value: float,
                 between: bool) -> tuple[tuple[float, int, str | None, bool] | None, float, int]:
    """A range's upper end after the number ("100-200 people", "between 100 and 200", "70 to 85 million"; not a
    change, "from 10% to 20%"): (the upper number as read or None, the lower value, scaled like the upper one
    when only that has a scale word, and the upper number's first token)."""
    sep = _lower(doc, end, stop)
    after_from = first - 1 >= start and doc[first - 1].lower_ == "from"
    at = end + 1
    if first < i and _lower(doc, at, stop) in CURRENCY_SYMBOLS:
        at += 1  # the upper end's own symbol: "$3 million to $4 million", "€40m-€60m"
    if sep in ("-", "–") or (sep == "to" and not after_from) or (sep == "and" and between):
        second = _read_number(doc, at, stop)
        if second is not None and not second[3] and second[0] > value:
            if value > 0 and second[0] / value >= 1000 and not any(doc[k].lower_ in SCALES for k in range(i, end)):
                value *= _scale_of(doc, at, second[1])  # "70-85 million": both in millions
            return second, value, at
    return None, value, at


def _ago_after(doc: Doc, number_end: int, stop: int) -> bool:
    """A date, not a figure: "two days ago"."""
    return _lower(doc, number_end, stop) == "ago" or (
        _lower(doc, number_end + 1, stop) == "ago" and _lower(doc, number_end, stop) in UNIT_WORDS)


def _glued_qualifier(doc: Doc, j: int, stop: int) -> tuple[str | None, int]:
    """"500+", "100-plus", "40-odd": a qualifier stuck to the number: (qualifier or None, the token after it)."""
    for words, q in SUFFIX_QUALIFIERS:
        if words[0] in ("+", "-") and _matches(doc, j, stop, words) and _joined(doc, j):
            return q, j + len(words)
    return None, j


def _word_qualifier_after(doc: Doc, j: int, stop: int) -> tuple[str | None, int]:
    """"500 or more", "40 or so": a qualifier in words after the figure: (qualifier or None, the token after it)."""
    for words, q in SUFFIX_QUALIFIERS:
        if words[0] not in ("+", "-") and _matches(doc, j, stop, words):
            return q, j + len(words)
    return None, j


def _glued_unit(doc: Doc, j: int, stop: int, suffix_unit: str | None, currency: tuple[str, int] | None,
                value: float, upper: tuple[float, int, str | None, bool] | None
                ) -> tuple[float, tuple[float, int, str | None, bool] | None, str | None, str | None, int]:
    """A unit or scale stuck to the number ("5km", "$3bn", "2.3m people", "3m deep"), or the currency before it
    ("$40m", split by the tokenizer, scales both ends of a range): (value, upper, unit, kind, token after)."""
    unit, kind, scaled = None, None, False
    if suffix_unit == "m?":
        if currency or _millions_of(doc, j, stop):
            value, scaled = value * 1e6, True
        else:
            unit, kind = "m", "distance"
    elif suffix_unit:
        unit, kind = UNIT_WORDS[suffix_unit]
    if currency:
        unit, kind = currency[0], "money"
        if _lower(doc, j, stop) in ("m", "m.") and _joined(doc, j):  # "$40m" split by the tokenizer
            value, j = value if scaled else value * 1e6, j + 1  # "€40m-€60m": the lower end has its own
            if upper:
                upper = (upper[0] * 1e6, *upper[1:])
    if unit is None and _lower(doc, j, stop) == "m" and _joined(doc, j) and _millions_of(doc, j + 1, stop):
        value, j = value * 1e6, j + 1  # "2.3m people" split by the tokenizer
    return value, upper, unit, kind, j


def _unit_or_count_after(doc: Doc, j: int, first: int, start: int, stop: int, currency: tuple[str, int] | None
                         ) -> tuple[str | None, str | None, str | None, int]:
    """A unit word after the number ("12 km", "25-year-old"), an age ("aged 65"), or the noun it counts
    ("300 people", "50 tanks"): (unit, kind, counted noun, token after)."""
    if (found := _unit_after(doc, j, stop, bool(currency))):
        unit, kind, j = found
        return unit, kind, None, j
    if first > start and doc[first - 1].lower_ in ("aged", "age"):
        return "years", "other", None, j  # an age: "aged 65"
    if (c := _counted_noun(doc, j - 1, stop)) is not None:
        counted = doc[c].lower_
        return ("people" if counted in PEOPLE else None), None, counted, max(j, c + 1)
    return None, None, None, j


def _year_like(doc: Doc, first: int, end: int, value: float) -> bool:
    """A single four-digit token that reads as a year."""
    return end - first == 1 and bool(re.fullmatch(r"1[89]\d\d|20\d\d", doc[first].text))


def _millions_of(doc: Doc, j: int, stop: int) -> bool:
    """ "2.3m people": an "m" suffix means million before people or a counted noun, metres otherwise."""
    if j >= stop:
        return False
    w = doc[j]
    if w.lower_ in PEOPLE or w.lower_ in CURRENCY_WORDS:
        return True
    return doc.has_annotation("POS") and w.pos_ == "NOUN" and w.lower_ not in UNIT_WORDS


def _scale_of(doc: Doc, i: int, end: int) -> float:
    """The product of the scale words between tokens i and end ("85 million" → 1e6)."""
    scale = 1.0
    for k in range(i, end):
        scale *= SCALES.get(doc[k].lower_, 1.0)
        m = DIGITS_SUFFIX.match(doc[k].text)
        if m and m.group(2).lower() in SCALES:
            scale *= SCALES[m.group(2).lower()]
    return scale


def _counted_is_unit(doc: Doc, j: int, stop: int) -> bool:
    """A bare "one" counts only before a unit or a people word ("one soldier", "one kilometre")."""
    w = _lower(doc, j, stop)
    return (w in UNIT_WORDS and w not in ("%", "m")) or w in CURRENCY_WORDS or w in PEOPLE or w in {
        "soldier", "civilian", "child", "man", "woman", "person", "fighter", "militant"}


def _cue(doc: Doc, k: int, stop: int) -> str | None:
    """The kind a word says ("died" → killed, "home to" → population), or None."""
    w = doc[k].lower_
    if w == "home" and _lower(doc, k + 1, stop) == "to":
        return "population"
    if w == "homes" and k > 0 and doc[k - 1].lower_ == "their":  # "forced from their homes"
        return "displaced"
    kind = WORD_KINDS.get(w)
    if kind is None and doc[k].lemma_ and doc[k].lemma_ != w:
        kind = LEMMA_KINDS.get(doc[k].lemma_) if doc[k].pos_ in ("VERB", "AUX") or w != "fallen" else None
    if kind == "killed" and w in ("fall", "fell", "falls", "falling"):
        return None  # "prices fell": only "fallen" is said of the dead
    return kind


MODIFIER_DEPS = ("acl", "relcl", "amod", "nsubj", "nsubjpass")


def _syntactic_cue(doc: Doc, fig: _Figure, stop: int, cued: dict[int, list[tuple[int, str]]],
                   owned: frozenset[int] = frozenset()) -> tuple[str, int] | None:
    """With a parse: the first cue up the number's heads, or on a word modifying one of them, that is not another
    figure's own verb (``owned``), with its token. ``cued``: the sentence's heads already looked at → their
    modifiers that are cues, in order (a head with thousands of children, as in a long list of numbers, is
    looked at once, not once for each of its figures)."""
    token = doc[fig.number_last]
    for head in [token, *islice(token.ancestors, 4)]:
        if head.i != token.i and not _own_word(fig, head.i) and head.i not in owned \
                and (cue := _cue(doc, head.i, stop)):
            return cue, head.i
        if head.i not in cued:
            cued[head.i] = [(child.i, cue) for child in head.children
                            if child.dep_ in MODIFIER_DEPS and (cue := _cue(doc, child.i, stop))]
        for child, cue in cued[head.i]:
            if not _own_word(fig, child) and child not in owned:
                return cue, child
    return None


def _civilian_beside(doc: Doc, at: int, start: int, stop: int) -> bool:
    """A death cue with "civilian(s)" beside it, or modifying it, counts civilians ("the civilian death toll",
    "5 civilian deaths")."""
    if any(doc[c].lower_ in ("civilians", "civilian") for c in range(max(start, at - 2), min(stop, at + 3))):
        return True  # "civilian death toll", "the toll of civilians"
    return doc.has_annotation("DEP") and any(
        c.lower_ in ("civilians", "civilian") for t in (doc[at], *islice(doc[at].children, 8)) for c in t.children
        if c.dep_ in ("amod", "compound", "pobj"))


def _own_word(fig: _Figure, k: int) -> bool:
    """Token k is the figure's qualifier, number or counted noun (a word between the number and its noun, as in
    "14 fallen victims", "12 dead civilians", may say the kind)."""
    return fig.first <= k <= fig.number_last or k == fig.last


def _nearest_cue(doc: Doc, fig: _Figure, start: int, stop: int, owned: frozenset[int]) -> str:
    """The kind the nearest cue word within CUE_WINDOW tokens says (on a tie the later word: "20 were arrested"),
    leaving out another figure's own verb ("killed 30 people injured 90": "injured" is the 90's); else the nearest
    cue before it in its sentence with no other figure between ("The death toll from Tuesday's attack on the
    market has risen to 61"). A death cue beside "civilians" counts civilians ("the civilian death toll")."""
    kind, best, at = WEAK_NOUN_KINDS.get(fig.counted or "", "other"), CUE_WINDOW + 1, -1
    for k in range(max(start, fig.first - CUE_WINDOW), min(stop, fig.last + CUE_WINDOW + 1)):
        if _own_word(fig, k) or k in owned or (cue := _cue(doc, k, stop)) is None:
            continue
        distance = fig.first - k if k < fig.first else k - fig.last
        if distance <= best:
            kind, best, at = cue, distance, k
    if at < 0:
        for k in range(fig.first - CUE_WINDOW - 1, start - 1, -1):
            if doc[k].like_num or k in owned:
                break  # another figure's words
            if (cue := _cue(doc, k, stop)) is not None:
                kind, at = cue, k
                break
    if kind == "killed" and at >= 0 and _civilian_beside(doc, at, start, stop):
        return "civilians_killed"
    return kind


def _kind_from_context(doc: Doc, fig: _Figure, start: int, stop: int,
                       cued: dict[int, list[tuple[int, str]]] | None = None,
                       owned: frozenset[int] = frozenset()) -> str:
    """The kind of a count: its noun, else a cue up its parse, else the nearest cue word close by; a word is
    read by its stem ("martyrs", "martyrdom", "beheaded") or its lemma ("died")."""
    counted_kind = WORD_KINDS.get(fig.counted or "")
    if fig.counted in NOUN_KINDS:
        kind = NOUN_KINDS[fig.counted]
        if kind in ("detained", "displaced"):  # what they are, unless a word says what happened to them
            said = _syntactic_cue(doc, fig, stop, {} if cued is None else cued, owned) \
                if doc.has_annotation("DEP") else None
            said = said[0] if said else _nearest_cue(doc, fig, start, stop, owned)
            if said in ("killed", "injured"):
                kind = said  # "executed 9 detainees", "3 refugees were wounded"
    elif fig.unit in ("people", None) and fig.first >= start + 2 and doc[fig.first - 1].lower_ == "of" \
            and doc[fig.first - 2].lower_ in SETTLEMENTS:
        kind = "population"  # "a city of 350,000 people"
    elif counted_kind and fig.counted not in PEOPLE:  # "300 hospitalised" parsed as a noun, "23 martyrs"
        kind = counted_kind
    elif fig.counted and fig.unit != "people" and not _person_noun(fig.counted):
        return "other"  # a count of things: "50 tanks"
    elif doc.has_annotation("DEP") and (cue := _syntactic_cue(doc, fig, stop, {} if cued is None else cued, owned)):
        kind = "civilians_killed" if cue[0] == "killed" and _civilian_beside(doc, cue[1], start, stop) else cue[0]
    else:
        kind = _nearest_cue(doc, fig, start, stop, owned)
    if kind == "killed" and any(doc[k].lower_ in ("civilians", "civilian") for k in range(fig.first, fig.last + 1)):
        return "civilians_killed"  # "58 civilians", "5 civilian deaths"
    if fig.counted and fig.unit != "people" and kind not in PEOPLE_KINDS + ("civilians_killed",):
        return "other"  # "12 farmers" with no word of what happened to them: a count like any other
    return kind


def _person_noun(word: str) -> bool:
    """A noun shaped like one for people who do something ("farmers", "shepherds", "journalists", "fishermen",
    "Christians", "migrants"): what happened to them is read from the words around, like "people"."""
    return word.endswith(PERSON_ENDINGS) and len(word) > 5


def _owned_cues(doc: Doc, figures: list[_Figure], stop: int) -> dict[int, frozenset[int]]:
    """For each figure (by id), the cue words just before the other figures: "killed 30 ... injured 90"."""
    before = {f.first - 1: id(f) for f in figures if f.first > 0 and _cue(doc, f.first - 1, stop)}
    shared: dict[int, int] = {}  # "killed 7 shepherds and 3 fishermen": the verb is both figures'
    for g, f in zip(figures, figures[1:], strict=False):
        owner = shared.get(id(g), id(g))
        if all(doc[k].lower_ in COORDINATORS for k in range(g.last + 1, f.first)) and f.first > g.last + 1:
            shared[id(f)] = owner
    return {id(f): frozenset(k for k, owner in before.items() if owner not in (id(f), shared.get(id(f))))
            for f in figures}


def _inherit_from_whole(figures: list[_Figure]) -> None:
    """A part with no kind of its own counts what its whole counts: "killed 100 people, including 58 civilians"."""
    for fig in figures:
        whole = fig.part_of
        if whole is not None and fig.kind == "other" and whole.kind in PEOPLE_KINDS + ("civilians_killed",):
            killed = whole.kind in ("killed", "civilians_killed")
            fig.kind = "civilians_killed" if killed and fig.counted in ("civilians", "civilian") else \
                ("killed" if killed else whole.kind)


def _inherit_in_parentheses(doc: Doc, figures: list[_Figure]) -> None:
    """A conversion in parentheses keeps the qualifier of the figure it converts: "about 100 km (62 miles)"."""
    for before, fig in zip(figures, figures[1:], strict=False):
        if fig.qualifier == "exact" and fig.first - 2 == before.last and doc[fig.first - 1].text == "(" \
                and fig.kind == before.kind:
            fig.qualifier = before.qualifier


def _same_unit(a: str | None, b: str | None) -> bool:
    """Units a whole and its part can share: equal, or people and a bare count."""
    return a == b or {a, b} == {None, "people"}


def _link_subsets(doc: Doc, figures: list[_Figure], start: int) -> None:
    """ "820 people, including 111 civilians": the 111 figure is part of the 820 one."""
    for n, fig in enumerate(figures):
        if fig.kind in ("percent", "distance", "duration") or fig.unit == "years":
            continue  # an age or a measure, not a share of a count
        later = [f for f in figures[n + 1:n + 2] if f.value > fig.value and _same_unit(f.unit, fig.unit)
                 and _matches(doc, fig.last + 1, len(doc), ("of", "the"))
                 and (f.first == fig.last + 3 or (f.first - fig.last <= 5 and doc[f.first - 1].lower_ in ("'s", "’s")))]
        if later:
            fig.part_of = later[0]
            continue
        window = range(max(start, fig.first - 3), fig.first + 1)
        if any(_matches_before(doc, k, start, w) for k in window for w in SUBSET_BEFORE) or \
                any(_matches(doc, fig.last + 1, len(doc), w) for w in SUBSET_AFTER):
            whole = _last_whole(figures, n)
            if whole is not None:
                fig.part_of = whole


def _last_whole(figures: list[_Figure], n: int) -> _Figure | None:
    """The last figure before figures[n] that can be its whole: a count, larger, in the same unit, itself
    part of none (looked for only where the words say there is a part, not for every figure)."""
    fig = figures[n]
    for k in range(n - 1, -1, -1):
        f = figures[k]
        if f.part_of is None and f.value > fig.value and _same_unit(f.unit, fig.unit) \
                and f.kind not in ("percent", "distance", "duration"):
            return f
    return None


def find_quantities(passages: list[Passage], body: str) -> list[Quantity]:
    """Every figure in the passages, in body order; ``part_of`` indexes the returned list."""
    finder = FigureFinder(body)
    for passage in passages:
        finder.add(passage)
    return finder.quantities()


class FigureFinder:
    """The figures of an article, passage by passage: a passage's parse may go once it is added."""

    def __init__(self, body: str):
        self.body = body
        self.found: list[tuple[int, int, _Figure]] = []  # (start, end, figure)

    def add(self, passage: Passage) -> None:
        doc = passage.doc
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for sent in sents:
            for fig in _sentence_figures(doc, sent):
                s = doc[fig.first].idx + passage.offset
                e = doc[fig.last].idx + len(doc[fig.last].text) + passage.offset
                if doc[fig.last].lower_ in ("m.", "bn.", "km.", "mn."):
                    e -= 1  # the sentence's full stop glued to an abbreviation
                self.found.append((s, e, fig))

    def quantities(self) -> list[Quantity]:
        """Every figure added, in body order; ``part_of`` indexes the returned list; ``counted`` is the counted
        noun as worded, lower-cased (enrich/comparable.py normalises it)."""
        found = sorted(self.found, key=lambda item: (item[0], item[1]))
        index = {id(fig): n for n, (_, _, fig) in enumerate(found)}
        body = self.body
        return [Quantity(start=s, end=e, text=body[s:e], value=fig.value, unit=fig.unit, kind=fig.kind,
                         qualifier=fig.qualifier, part_of=index.get(id(fig.part_of)) if fig.part_of else None,
                         counted=fig.counted)
                for s, e, fig in found]
