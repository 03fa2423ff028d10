"""How a place is named on the pages. The gazetteer (claimarchive/enrich/places.py) owns the names: ``places.name``
is shown as it is stored (the gazetteer's English name), with its local form beside it when the places table
has a ``local_name`` column that differs, and its granularity (``granularity``, else ``feature``) and first-level
region (``region``) when those columns exist. An archive without them shows the name alone; nothing is renamed
here."""
from __future__ import annotations


def place_name(place: dict) -> str:
    """The name to show: ``places.name`` as stored."""
    return str(place.get("name") or "")


def local_name(place: dict) -> str:
    """The place's local form (``places.local_name``, when the column exists), when it differs from its name."""
    local = str(place.get("local_name") or "")
    return local if local and local != place_name(place) else ""


def place_kind(place: dict) -> str:
    """What kind of place, as finely as the gazetteer says: ``granularity`` when the column exists, else
    ``feature`` (city, country, ...), with its region when known: "city · Homs Governorate"."""
    kind = str(place.get("granularity") or place.get("feature") or "")
    region = str(place.get("region") or "")
    return " · ".join(part for part in (kind, region) if part and part != place_name(place))
