"""How a place is named on the pages. The gazetteer (claimarchive/enrich/places.py, placenames.py) owns the names:
``places.name_en`` (readable in English) is shown, else ``places.name`` as stored, with its local form beside it
(``places.local_name``, else the gazetteer's own spelling when it is not the English one), and its granularity (``granularity``, else ``feature``) and first-level
region (``region``) when those columns exist. An archive without them shows the name alone; nothing is renamed
here."""
from __future__ import annotations


def place_name(place: dict) -> str:
    """The name to show: ``places.name_en`` ("Sanaa"), else ``places.name`` as stored."""
    return str(place.get("name_en") or place.get("name") or "")


def local_name(place: dict) -> str:
    """The place's local form (``places.local_name``: "حماة"; else its stored name when the English one differs:
    "Şan‘ā’"), when it differs from the name shown."""
    local = str(place.get("local_name") or (place.get("name") if place.get("name_en") else "") or "")
    return local if local and local != place_name(place) else ""


def place_kind(place: dict) -> str:
    """What kind of place, as finely as the gazetteer says: ``granularity`` when the column exists, else
    ``feature`` (city, country, ...), with its region when known: "city · Taiz Governorate"."""
    kind = str(place.get("granularity") or place.get("feature") or "")
    region = str(place.get("region") or "")
    return " · ".join(part for part in (kind, region) if part and part != place_name(place))
