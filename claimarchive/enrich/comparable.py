"""What a figure counts, where and when: what makes figures of different articles comparable.

- ``counted``: the counted noun, normalised to its plural, lower-case ("people", "civilians", "children",
  "soldiers", "structures"): true synonyms are folded (``COUNTED``: "persons", "lives", "deaths", "bodies" →
  people; "kids" → children; "troops" → soldiers), any other noun is put in the plural; a count of people with
  no noun of its own ("killed 43", "the toll rose to 61") counts people.
- ``event``: what happened to those counted, from the figure's kind (``EVENTS``: killed, injured, displaced,
  detained); None for every other kind (money, distances, populations...), which are never compared.
- ``place_id``: the place named nearest the figure in its claim's content, else in its claim's sentence (a
  city over the country named beside it, "Kharkiv, Ukraine"; "there", "the city": the place named before it in
  its paragraph); "nationwide" or "across the country" nearer than any place name gives the country,
  "statewide" or "the province's" no place; else the article's main place: the place named most in the headline
  and lead (cities before countries, the first named on a tie), else the dateline's. Only places the article
  names are used.
- ``period_start``, ``period_end``: the time expression nearest the figure in its sentence: "since 2011",
  "since the war began in March 2011", "the war that began in 2011" (from that date to publication);
  "since the war began", "so far", "to date" (a start no one can tell: None, to publication); "in the past 24
  hours", "over the last three days" (the days back to publication); a date ("on Friday", "this week", "in
  March": its days, cut at publication); for a figure with none, the period of the same figure (kind, value
  and place) said with one elsewhere below the headline, and for a headline's figure its place too (a
  headline's "kills 43" is the lead's "killed 43 people on Friday"); else the claim's event date, else the
  publication day.

Every look-up is a bisection into spans sorted once per article, so the cost grows with the article's length,
never with the product of its figures and its places or dates.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from datetime import date, timedelta
from typing import NamedTuple

from claimarchive.enrich.dates import _published
from claimarchive.model import Article, Claim, DateMention, PlaceMention, Quantity, Segment

# The figure's kind → what happened to those counted; other kinds have no event and are not compared.
EVENTS = {"killed": "killed", "civilians_killed": "killed", "injured": "injured", "displaced": "displaced",
          "detained": "detained"}
# Counted nouns → the plural they count as (true synonyms only: "civilians" and "people" stay apart).
COUNTED = {
    "people": "people", "persons": "people", "person": "people", "individuals": "people", "individual": "people",
    "lives": "people", "deaths": "people", "dead": "people", "bodies": "people", "fatalities": "people",
    "victims": "people", "injured": "people", "wounded": "people", "injuries": "people", "displaced": "people",
    "evacuees": "people", "detainees": "people",
    "civilian": "civilians", "child": "children", "kids": "children", "minors": "children",
    "man": "men", "woman": "women", "children": "children", "soldier": "soldiers", "troops": "soldiers", "servicemen": "soldiers",
    "policemen": "police officers", "police": "police officers", "staff": "staff", "personnel": "personnel",
    "fish": "fish", "sheep": "sheep", "cattle": "cattle", "aircraft": "aircraft",
}
# (singular ending, plural ending, letters before it that keep the word as it is: "days", not "daies")
PLURAL_ENDINGS = (("men", "men", ""), ("y", "ies", "aeiou"), ("ch", "ches", ""), ("sh", "shes", ""),
                  ("x", "xes", ""), ("s", "s", ""))

# Words that put a figure in the whole country, not in the place named beside it.
NATIONWIDE = re.compile(r"\b(?:nationwide|countrywide|nationally|(?:across|throughout) the (?:country|nation)|"
                        r"(?:in|of) the (?:whole |entire )?country|the country(?:'s|’s))(?!\w)", re.IGNORECASE)
# Words that put a figure in a region the gazetteer does not hold (a state, a province): no place.
REGIONWIDE = re.compile(r"\b(?:statewide|(?:across|throughout) the (?:state|province|region)|"
                        r"the (?:state|province|region)(?:'s|’s))(?!\w)", re.IGNORECASE)
# Words that stand for the place named last before them in the paragraph: "seven bodies were recovered there".
ANAPHORA = re.compile(r"\b(?:there|the (?:city|town|village|area|camp))\b", re.IGNORECASE)
# "since ...": up to the end of its clause; a date in the clause is where the count starts.
SINCE = re.compile(r"\bsince\b[^,.;:!?\n]{0,80}", re.IGNORECASE)
# Words right before a date that make it the start of a count: "the war that began in 2011".
STARTED_BEFORE = re.compile(r"\b(?:began|begun|started|erupted|broke out|launched|since the start of|"
                            r"since the beginning of)\s+(?:in\s+|on\s+)?$", re.IGNORECASE)
# A count that runs to publication from a start the text does not give.
CUMULATIVE = re.compile(r"\b(?:so far|to date|thus far|all told|cumulative(?:ly)?|"
                        r"(?:war|conflict|uprising|insurgency)\b[^.;:!?\n]{0,30}?\b(?:has|have)|"
                        r"it has (?:killed|claimed|displaced|driven|forced|left|uprooted))\b", re.IGNORECASE)
# "in the past 24 hours", "over the last three days": back from publication.
PAST_SPAN = re.compile(r"\b(?:past|last|previous)\s+(\d{1,3}|[a-z]+)\s+(hour|day|week)s?\b", re.IGNORECASE)
SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "twelve": 12, "fourteen": 14, "twenty": 20, "thirty": 30}
DAYS_IN = {"hour": 1 / 24, "day": 1, "week": 7}
STARTED_WINDOW = 40  # characters before a date searched for "began in"
LOOK = 4  # spans looked at on each side of a figure past those that reach out of its context


class _Span(NamedTuple):
    """A span of the body that says something about the figures near it: a period, or a place."""

    start: int
    end: int
    value: object  # (period_start, period_end) for a time expression; a PlaceMention or a country code


def normalise_counted(noun: str | None) -> str | None:
    """The plural a counted noun counts as: "person" → people, "structure" → structures."""
    if not noun:
        return None
    noun = noun.lower()
    if noun in COUNTED:
        return COUNTED[noun]
    for ending, plural, not_after in PLURAL_ENDINGS:
        if noun.endswith(ending):
            if not_after and len(noun) > 1 and noun[-2] in not_after:
                break
            return noun[:-len(ending)] + plural
    return noun + "s"


def set_comparable(quantities: list[Quantity], claims: list[Claim], places: list[PlaceMention],
                   dates: list[DateMention], segments: list[Segment], article: Article) -> None:
    """Give each figure its ``counted``, ``event``, ``place_id`` and period (spans and claims already set)."""
    body, published = article.body, _published(article.published)
    times = _time_spans(body, dates, published)
    periods = _Nearest(times)
    starts = _Nearest([t for t in times if t.value[0] is not None and t.value[1] == _iso(published)
                       and t.value[0] != t.value[1]])  # counts from a date to publication
    parts = _Segments(segments)
    place_spans = _Nearest([_Span(m.start, m.end, m) for m in places] + _anaphora(body, places, parts))
    main = _main_place(places, segments)
    area_spans = _Nearest(_areas(body, places, main))
    located = []
    for q in quantities:
        q.event = EVENTS.get(q.kind)
        q.counted = normalise_counted(q.counted) or ("people" if q.event else None)
        claim = claims[q.claim_index] if q.claim_index is not None else None
        sentence = (claim.sentence_start, claim.sentence_end) if claim else parts.around(q.start)
        contexts = [(claim.start, claim.end), sentence] if claim else [sentence]
        decided, place = _place(q, contexts, place_spans, area_spans)
        place = place if decided else main
        q.place_id = place.place.geonames_id if place else None
        located.append((q, claim, _period(q, contexts, periods, starts), parts.kind_at(q.start) == "headline"))
    said = {}  # (kind, value) → (place, period) of the first figure below the headline with a time of its own
    for q, _, span, headline in located:
        if span is not None and not headline:
            said.setdefault((q.kind, q.value), (q.place_id, span.value))
    for q, claim, span, headline in located:
        place_id, period = said.get((q.kind, q.value), (None, None))
        if span is None and period and (headline or place_id == q.place_id):
            q.place_id, (q.period_start, q.period_end) = place_id, period  # the same figure, said again
        else:
            q.period_start, q.period_end = span.value if span else _default_period(claim, published)


def _period(q: Quantity, contexts, periods: _Nearest, starts: _Nearest) -> _Span | None:
    """The time expression nearest the figure in the first context that has one; for a count with no start
    ("has claimed half a million lives"), a start given in the same context ("began in 2011") is taken."""
    for lo, hi in contexts:
        span = periods.nearest(q.start, q.end, lo, hi)
        if span is not None:
            if span.value[0] is None and span.value[1] is not None:
                return starts.nearest(q.start, q.end, lo, hi) or span
            return span
    return None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _default_period(claim: Claim | None, published: date | None) -> tuple[str | None, str | None]:
    """The claim's event date, else the publication day."""
    day = (claim.event_date if claim else None) or (published.isoformat() if published else None)
    return day, day


def _areas(body: str, places: list[PlaceMention], main: PlaceMention | None) -> list[_Span]:
    """"nationwide": the country of the article's main place (when the article names it); "statewide", "the
    province's": a place the gazetteer does not hold (None)."""
    countries = {m.place.country: m for m in places if m.place.feature == "country"}
    country = countries.get(main.place.country) if main else None
    return [_Span(m.start(), m.end(), country) for m in NATIONWIDE.finditer(body)] + \
        [_Span(m.start(), m.end(), None) for m in REGIONWIDE.finditer(body)]


def _place(q: Quantity, contexts, place_spans: _Nearest, area_spans: _Nearest) -> tuple[bool, PlaceMention | None]:
    """(whether a context decides, the place): the place nearest the figure in the first context that names
    one, a city over the country named on its other side; or, when "nationwide" or "statewide" is nearer, the
    country or no place."""
    for lo, hi in contexts:
        named = place_spans.nearest(q.start, q.end, lo, hi)
        area = area_spans.nearest(q.start, q.end, lo, hi)
        if area is not None and (named is None or _distance(area, q.start, q.end) < _distance(named, q.start, q.end)):
            return True, area.value
        if named is not None:
            other = place_spans.other_side(named, q.start, q.end, lo, hi)
            mention = named.value
            if mention.place.feature == "country" and other is not None and \
                    other.value.place.country == mention.place.country:
                return True, other.value
            return True, mention
    return False, None


def _anaphora(body: str, places: list[PlaceMention], paragraphs: _Segments) -> list[_Span]:
    """"there", "the city": each stands for the place named last before it in its paragraph."""
    starts = [m.start for m in places]
    spans = []
    for match in ANAPHORA.finditer(body):
        k = bisect_right(starts, match.start()) - 1
        if k >= 0 and places[k].start >= paragraphs.around(match.start())[0]:
            spans.append(_Span(match.start(), match.end(), places[k]))
    return spans


def _main_place(places: list[PlaceMention], segments: list[Segment]) -> PlaceMention | None:
    """The place named most in the headline and the lead (cities first, the first named on a tie), else the
    dateline's place."""
    headline = next((s for s in segments if s.kind == "headline"), None)
    lead = next((s for s in segments if s.kind == "paragraph"), None)
    dateline = next((s for s in segments if s.kind == "dateline"), None)
    for parts in ([headline, lead], [dateline]):
        spans = [(s.start, s.end) for s in parts if s is not None]
        named = [m for m in places if any(a <= m.start and m.end <= b for a, b in spans)]
        if named:
            counts = Counter(m.place.geonames_id for m in named)
            return min(named, key=lambda m: (m.place.feature != "city", -counts[m.place.geonames_id], m.start))
    return None


def _time_spans(body: str, dates: list[DateMention], published: date | None) -> list[_Span]:
    """Every time expression of the article, with the period it gives a figure near it."""
    end = published.isoformat() if published else None
    starts = [d.start for d in dates]
    spans, used = [], set()
    for match in SINCE.finditer(body):
        k = bisect_right(starts, match.start())
        if k < len(dates) and dates[k].start < match.end():
            used.add(k)
            spans.append(_Span(match.start(), dates[k].end, (dates[k].resolved_start, end)))
        else:
            spans.append(_Span(match.start(), match.end(), (None, end)))
    for k, d in enumerate(dates):
        if k in used:
            continue
        if STARTED_BEFORE.search(body, max(0, d.start - STARTED_WINDOW), d.start):
            spans.append(_Span(d.start, d.end, (d.resolved_start, end)))
        else:
            spans.append(_Span(d.start, d.end, _cut(d.resolved_start, d.resolved_end, published)))
    spans += [_Span(m.start(), m.end(), (None, end)) for m in CUMULATIVE.finditer(body)]
    for match in PAST_SPAN.finditer(body):
        days = _days_back(match.group(1), match.group(2))
        if days is not None:
            spans.append(_Span(match.start(), match.end(), _back(published, days)))
    return spans


def _cut(start: str | None, end: str | None, published: date | None) -> tuple[str | None, str | None]:
    """A date's days, none after publication (a figure counts what has happened): "this week" on a Wednesday
    is Monday to Wednesday."""
    if start is None or published is None or start > published.isoformat():
        return start, end
    return start, min(end or start, published.isoformat())


def _days_back(number: str, unit: str) -> int | None:
    """Whole days a span back from publication covers: 24 hours → 1, three days → 3."""
    count = int(number) if number.isdigit() else SMALL_NUMBERS.get(number.lower())
    if count is None:
        return None
    return max(1, math.ceil(count * DAYS_IN[unit.lower()]))


def _back(published: date | None, days: int) -> tuple[str | None, str | None]:
    if published is None:
        return None, None
    return (published - timedelta(days=days)).isoformat(), published.isoformat()


def _distance(span: _Span, start: int, end: int) -> int:
    """Characters between a span and [start, end) (0 when they overlap)."""
    return max(span.start - end, start - span.end, 0)


class _Nearest:
    """Spans sorted by start, for the span nearest a figure within a context, by bisection."""

    def __init__(self, spans: list[_Span]):
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.spans]

    def _sides(self, start: int, end: int, lo: int, hi: int) -> tuple[_Span | None, _Span | None]:
        """The spans within [lo, hi] nearest before (starting at or before ``start``) and after."""
        k = bisect_right(self.starts, min(start, hi))
        before = self._first(range(k - 1, max(k - 1 - LOOK, -1), -1), lo, hi)
        after = self._first(range(bisect_right(self.starts, max(start, lo - 1)), len(self.spans))[:LOOK], lo, hi)
        return before, after

    def _first(self, indexes: range, lo: int, hi: int) -> _Span | None:
        """The first span of ``indexes`` within [lo, hi], looking no further than a span that starts outside."""
        for k in indexes:
            span = self.spans[k]
            if span.start < lo or span.start > hi:
                return None
            if span.end <= hi:
                return span
        return None

    def nearest(self, start: int, end: int, lo: int, hi: int) -> _Span | None:
        """The span within [lo, hi] nearest [start, end); on a tie the one after."""
        before, after = self._sides(start, end, lo, hi)
        if before is None or after is None:
            return before or after
        return before if _distance(before, start, end) < _distance(after, start, end) else after

    def other_side(self, chosen: _Span, start: int, end: int, lo: int, hi: int) -> _Span | None:
        """The nearest span within [lo, hi] on the other side of the figure from ``chosen``."""
        before, after = self._sides(start, end, lo, hi)
        return after if chosen is before else before


class _Segments:
    """The article's parts, for the part a figure with no claim stands in."""

    def __init__(self, segments: list[Segment]):
        self.segments = sorted(segments, key=lambda s: s.start)
        self.starts = [s.start for s in self.segments]

    def at(self, offset: int) -> Segment | None:
        k = bisect_right(self.starts, offset) - 1
        return self.segments[k] if k >= 0 and self.segments[k].end > offset else None

    def around(self, offset: int) -> tuple[int, int]:
        segment = self.at(offset)
        return (segment.start, segment.end) if segment else (offset, offset)

    def kind_at(self, offset: int) -> str | None:
        segment = self.at(offset)
        return segment.kind if segment else None
