"""How each place of the gazetteer is named for a reader: in English, and in its own country's form.

``name_en`` is readable in English: a country's and a region's English name (GeoNames, iso3166-2's names tagged
English), a city's name as iso3166-2 gives it in English when the city is its region's namesake ("Şan‘ā’" →
"Sanaa"), else the ASCII spelling among its alternate names that its own name folds to, else its own name with
accents and dots dropped ("Ţafas" → "Tafas"). ``local_name`` is the name in the script of its country's main
language (Babel's likely language and script for the territory): a country's own name for itself (Babel), a
region's first name in its own script as iso3166-2 lists them (Malayalam for Kerala); a city's is its province's when it is the province's
namesake, else its one alternate name written only in the letters of that language without vowel marks (the
letters of Babel's text in it: Persian "ی" is no Arabic letter), and none when GeoNames gives several (its
alternate names carry no language: "Москва" and "Муско" for Moscow); in a country that writes in Latin letters,
the gazetteer's own spelling when it is not the English one ("Kraków"). None where there is nothing more to
show.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that stand for an ayn, a hamza or an apostrophe; letters with no decomposition into base and marks.
APOSTROPHES = dict.fromkeys(map(ord, "ʻʼʽʾʿˀ‘’′`´"), "'")
LETTERS = {ord("ı"): "i", ord("ł"): "l", ord("Ł"): "L", ord("ø"): "o", ord("Ø"): "O", ord("đ"): "d",
           ord("Đ"): "D", ord("ß"): "ss", ord("æ"): "ae", ord("Æ"): "AE", ord("œ"): "oe", ord("ħ"): "h"}
# Unicode name prefixes of a script whose English name (Babel's) is not its Unicode name.
SCRIPT_PREFIXES = {"Kore": ("HANGUL",), "Hans": ("CJK",), "Hant": ("CJK",), "Jpan": ("CJK", "HIRAGANA", "KATAKANA"),
                   "Beng": ("BENGALI",), "Latn": ("LATIN",)}
REGION_WORDS = frozenset("oblast oblys governorate province region state district county department prefecture "
                         "voivodeship canton krai kray okrug".split())
TAGGED = re.compile(r"(.+?) \((\w+)\)$")
GENERIC_WORDS = REGION_WORDS | frozenset("north south east west northern southern eastern western central upper lower "
                                         "new great greater middle far near coast island islands".split())


def ascii_name(name: str) -> str:
    """The name with its accents and dots dropped and ayns as apostrophes: "Şan‘ā’" → "San'a'"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(APOSTROPHES).translate(LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _plain(name: str) -> str:
    return re.sub(r"[^a-z]", "", ascii_name(name).lower())


@lru_cache(maxsize=None)
def _likely(country: str | None) -> tuple[str, str]:
    """(language, script) of the country's main language ("ar", "Arab" for SY; "en", "Latn" for GB): its first
    official language (CLDR), written in that language's likely script there; ("", "Latn") if unknown."""
    from babel.core import get_global
    from babel.languages import get_official_languages
    if not country:
        return "", "Latn"
    likely = get_global("likely_subtags")
    official = get_official_languages(country, de_facto=True)
    language, _, script = (official[0] if official else (likely.get(f"und_{country}") or "")).partition("_")
    if not script or len(script) != 4:  # "sr_Latn", "zh_Hant" say their script
        parts = (likely.get(f"{language}_{country}") or likely.get(language) or "").split("_")
        script = parts[1] if len(parts) == 3 else "Latn"
    return language, script


def script_of(country: str | None) -> str:
    """ISO 15924 code of the script the country's main language is written in ("Arab" for SY), "Latn" if unknown."""
    return _likely(country)[1]


@lru_cache(maxsize=None)
def alphabet(language: str) -> frozenset[str]:
    """The letters of a language, as Babel's text in it (names of countries, languages, months, days) uses them."""
    from babel import Locale, UnknownLocaleError
    try:
        locale = Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return frozenset()
    texts = [*locale.territories.values(), *locale.languages.values(), *locale.months["format"]["wide"].values(),
             *locale.days["format"]["wide"].values()]
    return frozenset(ch for text in texts for ch in text if ch.isalpha())


@lru_cache(maxsize=None)
def _prefixes(script: str) -> tuple[str, ...]:
    if script in SCRIPT_PREFIXES:
        return SCRIPT_PREFIXES[script]
    from babel import Locale
    return (Locale("en").scripts.get(script, script).upper(),)


def in_script(text: str, script: str) -> bool:
    """Every letter of the text is of the script (spaces, hyphens, marks and punctuation aside)."""
    prefixes = _prefixes(script)
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith(prefixes) for ch in letters)


def _marked(text: str) -> bool:
    return any(unicodedata.combining(ch) for ch in text)


def country_names(code: str, english: str) -> tuple[str, str | None]:
    """A country's English name and its own name for itself in its main language (Babel's)."""
    from babel import Locale, UnknownLocaleError
    language, script = _likely(code)
    local = None
    if language:
        try:
            local = Locale.parse(f"{language}_{script}").territories.get(code)
        except (ValueError, KeyError, UnknownLocaleError):
            local = None  # a language CLDR has no data for
    return english, local if local and local != english else None


def region_names(entry: dict, country: str) -> tuple[str, str | None]:
    """A subdivision's English name (its own in a country that speaks English, else its first name tagged
    English that is no nickname nor a code, else its own with accents dropped; with its kind word when its own name has one: "Kyivska oblast" → "Kyiv Oblast") and its local
    name (its first name in a script other than Latin, where its country does not write in Latin letters)."""
    own = re.sub(r"\s*[\[(].*?[\])]", "", entry["name"]).strip()
    tagged = [m.groups() for part in (entry.get("localOtherName") or "").split(", ")
              if (m := TAGGED.fullmatch(part.strip()))]
    kind = next((w for w in own.split() if w.lower() in REGION_WORDS), None)
    if _likely(country)[0] == "en":
        english = own  # "Texas", "Louisiana": where English is spoken its names are English, the rest nicknames
    else:
        english = next((name for name, tag in tagged if tag == "eng" and not _nickname(name) and not name.isupper()),
                       None) or ascii_name(own)  # "Wien" → "Vienna", "Bayern" → "Bavaria"
    if kind and not any(w.lower() in REGION_WORDS for w in english.split()) and len(english.split()) == 1:
        english = f"{english} {kind.title()}"
    script = script_of(country)
    if script == "Latn":
        local = own if own != english else None
    else:
        # iso3166-2 lists the region's own language first: Malayalam for Kerala, though India's script is Hindi's
        local = next((name for name, tag in tagged if tag != "eng" and not in_script(name, "Latn")), None)
    return english, local


@lru_cache(maxsize=None)
def _folds(*names: str) -> frozenset[str]:
    from claimarchive.enrich.places import fold
    return frozenset(fold(n) for n in names)


def _nickname(name: str) -> bool:
    """ "Land of Temples", "Gods own country", "The Golden State": a nickname, not a name."""
    words = name.split()
    return len(words) > 3 or name.startswith("The ") or any(w[:1].islower() for w in words) \
        or any(w.lower() in ("land", "country", "nation", "state", "paradise", "gateway") for w in words) \
        or all(w.lower() in GENERIC_WORDS for w in words)  # "North Province": Uttar Pradesh translated


def city_names(name: str, alternates: list[str], country: str, region: tuple[str, str, str | None] | None
               ) -> tuple[str, str | None]:
    """A city's English name and its local one; ``region``: (own name, English, local) of the region it lies in,
    whose English and local names are the city's when the city is its namesake ("Şan‘ā’", "Ta‘izz", spellings that
    fold alike)."""
    from claimarchive.enrich.places import fold  # (places imports the gazetteer, which imports this)
    script = script_of(country)
    namesake = region is not None and fold(name) in _folds(region[0], region[1])
    if name.isascii():
        english = name  # GeoNames' own name for a city is English where it has one ("Baghdad", "Tbilisi")
    elif namesake and region[1].isascii() and fold(region[1]) == fold(name):
        english = region[1]  # "Şan‘ā’" → "Sanaa", "Ta‘izz" → "Taiz"; São Paulo is no "Saint Paul"
    else:
        plain = _plain(name)
        english = next((a for a in alternates if a.isascii() and a[:1].isupper() and _plain(a) == plain
                        and "'" not in a and "`" not in a), None) or ascii_name(name)
    if script == "Latn":
        return english, name if name != english else None
    if namesake and region[2] and len(region[2].split()) <= len(region[1].split()):
        return english, region[2]  # "صنعاء" for Sanaa: ISO's name of its province (not "מחוז ירושלים", a district)
    letters = alphabet(_likely(country)[0])
    written = {a for a in alternates if in_script(a, script) and not _marked(a)
               and (not letters or all(ch in letters for ch in a if ch.isalpha()))}
    return english, written.pop() if len(written) == 1 else None  # one form in the language's letters, or none
