"""The stages wired together: segment → parse → extract → enrich, from one Article to its Record.

``process`` needs nothing but the article, so it runs in worker processes (``run.py`` streams files through
it and hands each Record to the one writer, ``store.py``).
"""
from __future__ import annotations

from functools import lru_cache

from . import nlp as nlp_module
from .curated import merge_curated
from .enrich.comparable import set_comparable
from .enrich.dates import DateFinder, set_event_dates
from .enrich.figures import FigureFinder
from .enrich.owners import assign_claims
from .enrich.places import PlaceFinder, home_country
from .enrich.pronouns import PronounFinder
from .enrich.relays import RelayFinder
from .enrich.sources import resolve_sources
from .extract import ClaimExtractor
from .files import ArticleError
from .link.signature import signature
from .model import Article, Record
from .segment import find_segments


def process(article: Article, nlp) -> Record:
    """Everything the archive learns from one article, as plain values; ArticleError when the text is
    far beyond any news story (a dump or a log, which would only tie up the parser).

    Passages are parsed a batch at a time and each is handed to every stage as it comes, so only one
    batch's parses are held at once, whatever the article's length."""
    body = article.body
    segments = find_segments(body)
    problem = _not_an_article(article, segments)
    if problem:
        raise ArticleError(article.path, problem)
    claim_finder, date_finder, figure_finder = ClaimExtractor(body), DateFinder(body, article.published), \
        FigureFinder(body)
    pronoun_finder, relay_finder = PronounFinder(), RelayFinder(body)
    place_finder = PlaceFinder(body, (body[s.start:s.end] for s in segments if s.kind in nlp_module.CLAIM_KINDS),
                               home_country(article.url, article.publisher))
    for passage in nlp_module.parse_stream(body, segments, nlp):
        for finder in (claim_finder, pronoun_finder, relay_finder, date_finder, figure_finder, place_finder):
            finder.add(passage)
    claims = claim_finder.claims()
    pronoun_finder.resolve(claims)
    relay_finder.resolve(claims)
    claims, errors = merge_curated(claims, article.curated_claims, body, segments)
    dates = date_finder.dates()
    set_event_dates(claims, dates)
    quantities, places = figure_finder.quantities(), place_finder.places()
    assign_claims(claims, [*quantities, *places, *dates])
    set_comparable(quantities, claims, [p for p in places if p.kind == "place"], dates, segments, article)
    sources, claim_sources, claim_chains = resolve_sources(claims, article)
    return Record(
        article=article, segments=segments, claims=claims, quantities=quantities, places=places, dates=dates,
        sources=sources, claim_sources=claim_sources, claim_chains=claim_chains,
        errors=[*article.warnings, *errors], signature=signature(body, segments),
    )


MAX_PASSAGE_CHARS = 50_000  # a news paragraph is a few hundred characters; this is a dump, not a paragraph
MAX_BLOCK_LINES = 1_000  # lines with no blank line between them: a log or a word list, not an article


def _not_an_article(article: Article, segments) -> str | None:
    """Why a readable text is still no article: a paragraph or a block of lines far beyond any news story."""
    run = longest = 0
    for line in article.body.split("\n"):
        run = run + 1 if line.strip() else 0
        longest = max(longest, run)
    if longest > MAX_BLOCK_LINES:
        return (f"{longest:,} lines with no blank line between them (the limit is {MAX_BLOCK_LINES:,}): "
                f"not an article")
    for segment in segments:
        if segment.kind in ("headline", "paragraph", "caption") and segment.end - segment.start > MAX_PASSAGE_CHARS:
            return (f"a {segment.kind} of {segment.end - segment.start:,} characters at offset {segment.start} "
                    f"(the limit is {MAX_PASSAGE_CHARS:,}): not an article")
    return None


WARM_UP_TEXT = ("Harbour Reopens After Repairs\n\n"
                "About 40 boats returned to the harbour in Lisbon on Monday, the port authority said.\n")


def warm_up(nlp) -> None:
    """Run one small made-up article through every stage, so the stages' lazily built tables (gazetteer,
    date parser) are built once here and shared by the forked workers instead of built in each."""
    try:
        process(Article(path="warm-up", sha256="", size=0, body=WARM_UP_TEXT, encoding="utf-8", format="txt",
                        published="2024-01-01"), nlp)
    except Exception:  # a failing stage will report itself on the real files
        pass


@lru_cache(maxsize=None)
def ready(model: str | None):
    """The spaCy pipeline of that name, loaded and warmed up once per process (processes forked after it
    share it): what the worker pool and the Dask workers extract with."""
    nlp = nlp_module.load(model)
    warm_up(nlp)
    return nlp
