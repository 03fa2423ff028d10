"""How a place is named on the pages: English (ASCII) for reading, the gazetteer's form kept beside it.

The gazetteer (claimarchive/enrich/places.py) owns ``places.name``. The hook is ``english_name``: it uses a column
holding an English name when the places table has one (``ENGLISH_COLUMNS``, first found wins), else folds the
gazetteer's name to ASCII for display ("Ḩamāh" → "Hamah", "Dar‘ā" → "Dar'a"). The stored name is never changed.
"""
from __future__ import annotations

import unicodedata

# Columns a gazetteer may add with an English or ASCII form, in order of preference.
ENGLISH_COLUMNS = ("name_en", "english_name", "ascii_name", "asciiname")
# Letters that stand for an ayn, a hamza or an apostrophe: one ASCII apostrophe.
APOSTROPHES = dict.fromkeys(map(ord, "ʻʼʽʾʿˀ‘’′`´"), "'")
# Letters with no decomposition into a base letter and marks.
LETTERS = {ord("ı"): "i", ord("ł"): "l", ord("Ł"): "L", ord("ø"): "o", ord("Ø"): "O", ord("đ"): "d",
           ord("Đ"): "D", ord("ß"): "ss", ord("æ"): "ae", ord("Æ"): "AE", ord("œ"): "oe", ord("ħ"): "h"}


def fold(name: str) -> str:
    """The name with its accents and dots dropped and ayns as apostrophes: readable in English."""
    decomposed = unicodedata.normalize("NFKD", name.translate(APOSTROPHES).translate(LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def english_name(place: dict) -> str:
    """A place's name for display: its English column if the gazetteer gives one, else its name folded."""
    for column in ENGLISH_COLUMNS:
        if place.get(column):
            return str(place[column])
    return fold(str(place.get("name") or ""))


def local_name(place: dict) -> str:
    """The gazetteer's own form, when it differs from the English one (else empty)."""
    name = str(place.get("name") or "")
    return name if name != english_name(place) else ""
