"""Figures that disagree (figure_conflicts), and later figures for the same count (claim_links, ``updates``).

Two figures count the same thing when they have the same event and counted noun, the same period (the same
start and end: a day's toll is never set against a week's or a war's) and the same place, or one place inside
the other (a city and its country). Candidates come from the index on quantities(event, counted,
period_start, place_id, period_end), never from all pairs.

- A **conflict**: two such figures, from different voices, whose values cannot both be true. A voice is who
  gives the figure (the claim's source) and through which outlet (the article's original outlet, else its
  publisher); a figure an outlet gives unattributed is its own voice, one with every source it relays. Each
  figure allows a range of values (``bounds``): "52" is 52; "about 50" is 45 to 55 (``TOLERANCE``: news
  rounds "about" to two significant figures, or to the nearest five or ten), and so is a round "500"; "at
  least 40" and "more than 40" are 40 and up; "nearly 50", "up to 50" are 50 and down. Two figures for the
  same place disagree when their ranges do not meet; a city's figure disagrees with its country's only when
  it is more than the country's can be. Figures of denied claims, a part counted as its whole ("12 of
  them"), and figures whose claims name incidents of different sorts (an airstrike, a shelling), are never
  compared; nor is a period with no end.
- An **update**: two figures with the same event, counted noun, place and period start, from the same voice in
  two articles, with different values: the later one (by the end of its period, then by publication) updates
  the earlier one, when their periods end within a month of each other (so that a long series of running
  totals links each to its neighbours, not to all).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import sqlite_utils

from ..store import source_key

TOLERANCE = 0.1  # "about 50": 45 to 55
MIN_SLACK = 2.0  # "about 10": 8 to 12
ROUND = 100  # an exact figure that is a multiple of this is taken as rounded ("500 people")
UPDATE_WINDOW = timedelta(days=31)  # a later figure updates the figures of periods ending up to a month before
MAX_VALUES = 10  # values one article gives for one count, beyond which it is a table, not a report
UPDATES_METHOD = "figures: the same source and count, a later figure"

# Sorts of incident; a word may belong to several. Figures whose claims name only sorts the other's does not
# are about different incidents.
INCIDENTS = {
    "air": "airstrikes?, air strikes?, air raids?, missiles?, drones?, bombing, bombings, bombardment, strikes?, raids?",
    "shelling": "shelling, shells, artillery, mortars?, rockets?, bombardment",
    "blast": "explosions?, blasts?, bombs?, bombing, bombings, car bombs?, suicide bombers?",
    "gunfire": "shootings?, gunmen, gunfire, shot dead, opened fire, ambush",
    "clashes": "clashes, fighting, battles?, offensive",
    "fire": "fires?, blaze, wildfires?",
    "flood": "floods?, flooding, landslides?, mudslides?",
    "quake": "earthquakes?, quakes?, tremors?, aftershocks?",
    "storm": "storms?, typhoon, hurricane, cyclone, tornado",
    "crash": "crash, collision, derailment, capsized",
    "crush": "stampede, crush",
    "collapse": "collapse, collapsed",
}
INCIDENT_WORDS = {sort: re.compile(r"\b(?:" + "|".join(w.strip().replace(" ", r"\s+") for w in words.split(","))
                                   + r")\b", re.IGNORECASE)
                  for sort, words in INCIDENTS.items()}

COLUMNS = """q.id, q.article_id, q.claim_id, q.value, q.qualifier, q.kind, q.event, q.counted, q.place_id,
  q.period_start, q.period_end, p.country, p.feature, c.source_id, s.name,
  coalesce(c.certainty = 'denied', 0), coalesce(c.kind = 'headline', 0), c.text"""
FROM = """from quantities q join places p on p.id = q.place_id
left join claims c on c.id = q.claim_id left join sources s on s.id = c.source_id"""
# A part counted as its whole is ("43 killed, 12 of them in the market"): a share of a count, not the count.
WHOLE = "not exists (select 1 from quantities w where w.id = q.part_of and w.counted = q.counted)"
# An article's columns after its body are read past the body's pages: they are read once per article.
ARTICLE = "select coalesce(original_outlet, publisher), published from articles where id = ?"


@dataclass(frozen=True)
class Figure:
    """A comparable figure as the archive holds it, with who gave it."""

    id: int
    article_id: int
    claim_id: int | None
    value: float
    qualifier: str | None
    kind: str
    event: str
    counted: str
    place_id: int
    period_start: str | None
    period_end: str | None
    country: str | None
    feature: str | None
    source_id: int | None
    source_name: str | None
    outlet: str | None
    published: str | None
    denied: bool
    headline: bool
    claim: str | None  # the claim's text, for the incident it names

    @property
    def source(self) -> str | None:
        """Who gave the figure: the claim's source, else the outlet."""
        return self.source_name or self.outlet


def links(db: sqlite_utils.Database, article_id: int) -> tuple[list[dict], list[dict]]:
    """(figure_conflicts rows, claim_links ``updates`` rows) between the article's figures and the archive's
    (its own included), each pair once, in order."""
    archive = _Archive(db)
    conflicts: dict[tuple[int, int], dict] = {}
    updates: dict[tuple[int, int], dict] = {}
    candidates: dict[tuple, list[Figure]] = {}
    for figure in archive.figures("q.article_id = ? and q.event is not null and q.counted is not null", [article_id]):
        key = (figure.event, figure.counted, figure.place_id, figure.period_start)
        if key not in candidates:
            candidates[key] = archive.candidates(figure)
        for other in candidates[key]:
            if other.id == figure.id:
                continue
            first, second = sorted((figure, other), key=lambda f: f.id)
            if (row := conflict(first, second)) is not None:
                conflicts[first.id, second.id] = row
            if (row := update(figure, other)) is not None:
                updates.setdefault((row["claim_id"], row["other_id"]), row)
    return [conflicts[k] for k in sorted(conflicts)], [updates[k] for k in sorted(updates)]


class _Archive:
    """The archive's comparable figures, read by indexed look-ups; each article's outlet and date read once."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.articles: dict[int, tuple[str | None, str | None]] = {}

    def figures(self, where: str, params: list) -> list[Figure]:
        rows = self.db.execute(f"select {COLUMNS} {FROM} where {where} and {WHOLE} order by q.id", params).fetchall()
        return _reports([Figure(*row[:15], *self._article(row[1]), bool(row[15]), bool(row[16]), row[17])
                         for row in rows])

    def _article(self, article_id: int) -> tuple[str | None, str | None]:
        if article_id not in self.articles:
            self.articles[article_id] = self.db.execute(ARTICLE, [article_id]).fetchone()
        return self.articles[article_id]

    def candidates(self, figure: Figure) -> list[Figure]:
        """The archive's figures of the same event, counted noun and period start, ending within UPDATE_WINDOW
        of the figure's period, for the figure's place and the country it lies in, or for a country and every
        place in it."""
        if figure.period_end is None:
            return []  # never compared
        end = date.fromisoformat(figure.period_end[:10])
        same = "q.event = ? and q.counted = ? and q.period_start is ? and q.period_end between ? and ? and "
        params = [figure.event, figure.counted, figure.period_start, (end - UPDATE_WINDOW).isoformat(),
                  (end + UPDATE_WINDOW).isoformat()]
        if figure.period_start is None:  # never a conflict: only an update, for the same place
            return self.figures(same + "q.place_id = ?", [*params, figure.place_id])
        if figure.feature == "country":
            places = ("select ? union all select id from places where country = ? "
                      "and feature not in ('country', 'continent')")
        else:
            places = "select ? union all select id from places where country = ? and feature = 'country'"
        return self.figures(same + f"q.place_id in ({places})", [*params, figure.place_id, figure.country])


def _reports(figures: list[Figure]) -> list[Figure]:
    """One figure for each report: an article that gives the same value for a count twice (its headline's "kills
    43" and its lead's "killed 43 people") gives it once, in the body rather than the headline, the first there.
    An article that gives more than MAX_VALUES values for one count holds a table or a list, not reports of
    one count: none of them is compared."""
    first: dict[tuple, Figure] = {}
    values: dict[tuple, int] = {}
    for figure in sorted(figures, key=lambda f: (f.headline, f.id)):
        count = (figure.article_id, figure.event, figure.counted, figure.place_id, figure.period_start,
                 figure.period_end)
        report = (*count, figure.value)
        if report not in first:
            first[report] = figure
            values[count] = values.get(count, 0) + 1
    return sorted((f for key, f in first.items() if values[key[:-1]] <= MAX_VALUES), key=lambda f: f.id)


def bounds(value: float, qualifier: str | None) -> tuple[float, float]:
    """The values a figure allows, given its qualifier (see the module's docstring)."""
    if qualifier in ("more_than", "at_least"):
        return value, math.inf
    if qualifier in ("less_than", "at_most"):
        return 0.0, value
    if qualifier == "approximately" or (value >= ROUND and value % ROUND == 0):
        slack = max(TOLERANCE * value, MIN_SLACK)
        return value - slack, value + slack
    return value, value


def conflict(first: Figure, second: Figure) -> dict | None:
    """The figure_conflicts row for two figures that cannot both be true, else None (first.id < second.id)."""
    if None in (first.period_start, first.period_end) or first.period_end != second.period_end \
            or not _comparable(first, second) or _same_voice(first, second):
        return None  # an unknown start or end, another period, or one voice
    low_1, high_1 = bounds(first.value, first.qualifier)
    low_2, high_2 = bounds(second.value, second.qualifier)
    if first.place_id == second.place_id:
        disagree, place = low_1 > high_2 or low_2 > high_1, first.place_id
    elif first.feature != "country":  # a city's (a region's) figure can be no more than its country's
        disagree, place = low_1 > high_2, first.place_id
    else:
        disagree, place = low_2 > high_1, second.place_id
    if not disagree:
        return None
    return {"quantity_id": first.id, "other_quantity_id": second.id, "kind": first.kind, "place_id": place,
            "period_start": first.period_start, "period_end": first.period_end, "value": first.value,
            "other_value": second.value, "source": first.source, "other_source": second.source}


def update(figure: Figure, other: Figure) -> dict | None:
    """The claim_links ``updates`` row between two figures of one voice for one count in two articles, from
    the later claim to the earlier one, else None."""
    if figure.article_id == other.article_id or figure.claim_id is None or other.claim_id is None \
            or figure.period_end is None or other.period_end is None \
            or figure.place_id != other.place_id or figure.value == other.value \
            or not _comparable(figure, other) or not _same_voice(figure, other):
        return None
    when = [(f.period_end or "", f.published or "") for f in (figure, other)]
    if when[0] == when[1]:
        return None  # neither is later
    later, earlier = (figure, other) if when[0] > when[1] else (other, figure)
    return {"claim_id": later.claim_id, "other_id": earlier.claim_id, "relation": "updates", "score": None,
            "method": UPDATES_METHOD}


def _comparable(a: Figure, b: Figure) -> bool:
    """Both asserted (not denied), about incidents of a sort both claims allow."""
    if a.denied or b.denied:
        return False
    sorts_a, sorts_b = _incidents(a.claim), _incidents(b.claim)
    return not (sorts_a and sorts_b and not sorts_a & sorts_b)


@lru_cache(maxsize=4096)
def _incidents(claim: str | None) -> frozenset[str]:
    if not claim:
        return frozenset()
    return frozenset(sort for sort, words in INCIDENT_WORDS.items() if words.search(claim))


def _same_voice(a: Figure, b: Figure) -> bool:
    """One voice: in one article, the same source row, or a figure the article gives unattributed (its own
    voice, relaying its sources); across articles, the same outlet and the same source's name (a generic
    "officials" cannot be told from another), or a figure the outlet gives unattributed."""
    if a.article_id == b.article_id:
        return a.source_id == b.source_id or a.source_id is None or b.source_id is None
    if _key(a.outlet) != _key(b.outlet):
        return False
    return a.source_name is None or b.source_name is None or _key(a.source_name) == _key(b.source_name)


@lru_cache(maxsize=10_000)
def _key(name: str | None) -> str | None:
    """A source or outlet name as compared (the same few come back with every pair)."""
    return source_key(name) if name else None
