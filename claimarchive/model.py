"""The values that flow through the pipeline: read → segment → extract → enrich → store.

Every span is a pair of character offsets [start, end) into ``Article.body``.
Each stage returns new values; nothing here touches files or the database.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class CuratedClaims(list):
    """The entries of one curated-claims file, in the file's order (each checked later, by curated.check),
    and the file's name, for the messages about them."""

    def __init__(self, entries=(), file: str | None = None):
        super().__init__(entries)
        self.file = file


@dataclass
class Article:
    """One file as read: its text exactly as decoded, and its metadata."""

    path: str  # the path archived: relative to the archive's folder, else absolute; "/"-separated
    sha256: str  # of the file's bytes
    size: int  # bytes
    body: str  # decoded text, newlines normalised to \n: the evidence
    encoding: str  # utf-8, utf-8-sig, cp1252, latin-1; mixed by line: utf-8+cp1252, utf-8+latin-1, ...
    format: str  # txt, md, html
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    publisher: str | None = None
    original_outlet: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    metadata_source: str | None = None  # sidecar, front_matter, html, first_line
    curated_claims: list[dict] = field(default_factory=list)  # from NAME.claims.yml/json (a CuratedClaims)
    raw: str | None = None  # the page as received, when the body was extracted from it (HTML)
    fingerprint: str | None = None  # of everything that feeds the article: its bytes, sidecar, curated claims
    sidecar_sha256: str | None = None  # of the sidecar's bytes, when it has one
    claims_sha256: str | None = None  # of the curated-claims file's bytes, when it has one
    published_source: str | None = None  # where `published` came from: sidecar, front_matter, html (the page)
    warnings: list[str] = field(default_factory=list)  # non-fatal problems met while reading


@dataclass
class Segment:
    """A typed part of the body: headline, paragraph, caption, credit, furniture."""

    kind: str
    start: int
    end: int


@dataclass
class Relay:
    """A channel or relaying outlet in a claim's chain ("told Reuters", "on Telegram")."""

    mention: str
    relation: str  # told, via, posted_on, quoted_by, interview_with, according_to
    start: int
    end: int


@dataclass
class Claim:
    """Something an article asserts, reported or attributed to a source.

    ``start``/``end`` span the claimed content; the source and cue keep spans of their own.
    """

    start: int
    end: int
    text: str
    kind: str  # attributed, reported, headline, caption
    sentence_start: int
    sentence_end: int
    cue: str | None = None  # the cue as worded: "said", "according to", "told"
    cue_lemma: str | None = None  # normalised cue: say, according_to, tell
    cue_start: int | None = None
    cue_end: int | None = None
    source_text: str | None = None  # the source as worded, NULL when unattributed
    source_start: int | None = None
    source_end: int | None = None
    source_resolved: str | None = None  # the named source a pronoun ("He") stands for
    is_quote: bool = False
    certainty: str = "asserted"  # asserted, hedged, denied
    verification: str | None = None  # not_confirmed, confirmed when the claim is about verification
    relays: list[Relay] = field(default_factory=list)
    event_date: str | None = None  # ISO date, set by enrich
    origin: str = "extracted"  # "extracted:<version>" or "curated"
    status: str = "current"  # current, superseded (by a curated claim)
    superseded_by: int | None = None  # index, in the record's claims, of the curated claim that stands instead
    note: str | None = None


@dataclass
class Quantity:
    """A figure: '370,000 people', 'roughly 50 kilometers', 'over 90%'."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None  # people, km, miles, %, USD, ..., days
    kind: str  # killed, civilians_killed, injured, displaced, detained, population, distance, percent, money, duration, other
    qualifier: str = "exact"  # exact, approximately, more_than, at_least, less_than, at_most
    part_of: int | None = None  # index of the whole in the article's quantity list ("820 people, including 111 civilians")
    claim_index: int | None = None  # index, in the record's claims, of the claim it belongs to (set by enrich)
    counted: str | None = None  # what it counts, normalised: people, civilians, children, soldiers, structures
    event: str | None = None  # what happened to them: killed, injured, displaced, detained, ...
    place_id: int | None = None  # GeoNames id of the place the figure is about, None when unknown
    period_start: str | None = None  # ISO date: the start of the period the figure covers
    period_end: str | None = None  # ISO date: its end


@dataclass
class Place:
    """A resolved place of the gazetteer (enrich/gazetteer.py)."""

    geonames_id: int  # GeoNames id; ISO regions without one and US counties get ids above 3,000,000,000
    name: str
    country: str | None  # ISO country code (None for a continent)
    latitude: float
    longitude: float
    feature: str = "city"  # its granularity: continent, country, region, county, city, village
    population: int | None = None
    region: str | None = None  # ISO 3166-2 code of the first-level region it lies in (its own, for a region)
    name_en: str | None = None  # readable in English ("Sanaa" for "Şan‘ā’")
    local_name: str | None = None  # in its country's script ("حماة"), or its own spelling where that is Latin


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place
    kind: str = "place"  # place: a place named; demonym: a people or adjective ("Syrian forces"), its country
    claim_index: int | None = None  # index, in the record's claims, of the claim it belongs to (set by enrich)


@dataclass
class DateMention:
    """A date expression and what it resolves to against the publication date (None when it cannot)."""

    start: int
    end: int
    text: str
    resolved_start: str | None  # ISO date
    resolved_end: str | None  # ISO date
    granularity: str | None  # day, week, weekend, month, year (a duration's or a set's unit: hour, day, ...)
    kind: str = "date"  # date; duration ("for three days") or set ("every Monday"): never resolved to a date
    claim_index: int | None = None  # index, in the record's claims, of the claim it belongs to (set by enrich)


@dataclass
class Source:
    """One real-world source within an article, with every way the text names it."""

    name: str
    kind: str  # monitor, news_agency, state_media, government, military, armed_group, person, un_body, media, unnamed, other
    aliases: list[str] = field(default_factory=list)
    generic: bool = False  # named only by what it is ("the judge", "officials"): one source in its article alone


@dataclass
class Signature:
    """What the archive keeps of an article's own text to find its copies (link/signature.py)."""

    shingles: int  # distinct word shingles of its headline and paragraphs
    minhash: bytes  # the MinHash values, little-endian uint32
    buckets: list[int]  # one LSH bucket per band (none for a text too short to link)


@dataclass
class Record:
    """Everything the pipeline learned from one article, ready for the one writer."""

    article: Article
    segments: list[Segment]
    claims: list[Claim]
    quantities: list[Quantity] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    claim_sources: dict[int, int] = field(default_factory=dict)  # claim index → source index
    claim_chains: dict[int, list[tuple[int | None, str, str, int | None, int | None]]] = field(default_factory=dict)
    # claim index → [(source index, mention, relation, start, end)]; depth = position, 0 = the speaker
    errors: list[str] = field(default_factory=list)  # non-fatal: a curated claim not found, ...
    signature: Signature | None = None  # of the article's own text; None when it has no word
