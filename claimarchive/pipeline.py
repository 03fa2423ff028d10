"""The stages wired together: read → segment → parse → extract → enrich → (one writer) store.

``process`` turns one Article into a Record and needs nothing but that article, so it runs in worker
processes; ``ingest`` streams files through it and hands each Record to the single writer.
"""
from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import nlp as nlp_module
from .curated import merge_curated
from .enrich.dates import claim_event_date, find_dates
from .enrich.figures import find_quantities
from .enrich.places import find_places
from .enrich.sources import resolve_sources
from .extract import extract_claims
from .model import Article, Record
from .read import ArticleError, find_files, read_article
from .segment import find_segments
from .store import open_db, write_record


def process(article: Article, nlp) -> Record:
    """Everything the archive learns from one article, as plain values."""
    body = article.body
    segments = find_segments(body)
    passages = nlp_module.parse(body, segments, nlp)
    claims = extract_claims(passages, body)
    claims, errors = merge_curated(claims, article.curated_claims, body, segments)
    dates = find_dates(passages, body, article.published)
    for claim in claims:
        claim.event_date = claim.event_date or claim_event_date(claim, dates)
    sources, claim_sources, claim_chains = resolve_sources(claims, article)
    return Record(
        article=article, segments=segments, claims=claims,
        quantities=find_quantities(passages, body), places=find_places(passages, body), dates=dates,
        sources=sources, claim_sources=claim_sources, claim_chains=claim_chains, errors=errors,
    )


@dataclass
class Outcome:
    """What happened to one file."""

    path: str
    status: str  # ingested, replaced, unchanged, duplicate, failed
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    words: int = 0


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def line(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in ("ingested", "replaced", "unchanged", "duplicate", "failed")]
        return ", ".join(parts)


# Worker state: the pipeline and what the archive already holds, set once per process.
_worker: dict = {}


def _init_worker(model: str | None, known: dict[str, str], max_bytes: int) -> None:
    _worker.update(nlp=nlp_module.load(model), known=known, max_bytes=max_bytes)


def _work(item: tuple[Path, Path]) -> Record | Outcome:
    """Read and process one file in a worker; an unchanged file is not parsed again."""
    path, root = item
    try:
        article = read_article(path, root, _worker["max_bytes"])
    except ArticleError as error:
        return Outcome(error.path, "failed", error.reason)
    if _worker["known"].get(article.path) == article.sha256:
        return Outcome(article.path, "unchanged")
    try:
        return process(article, _worker["nlp"])
    except Exception as error:  # an extractor bug must not cost the other files
        return Outcome(article.path, "failed", f"processing failed: {type(error).__name__}: {error}")


def _results(items: list[tuple[Path, Path]], workers: int, init_args: tuple) -> Iterator[Record | Outcome]:
    if workers <= 1 or len(items) < 2 * workers:
        _init_worker(*init_args)
        yield from map(_work, items)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=init_args) as pool:
        yield from pool.imap(_work, items, chunksize=4)


def ingest(paths: list[Path], db_path, model: str | None = None, workers: int = 1,
           max_bytes: int | None = None, on_outcome: Callable[[Outcome, int, int], None] | None = None) -> Summary:
    """Archive every article under the paths into the database at db_path; never stop at a bad file."""
    from .read import MAX_BYTES

    db = open_db(db_path)
    summary = Summary()
    files, errors = find_files(paths)
    for error in errors:
        summary.outcomes.append(Outcome(error.path, "failed", error.reason))
        if on_outcome:
            on_outcome(summary.outcomes[-1], 0, len(files))
    known = dict(db.execute("select path, sha256 from article_files").fetchall())
    init_args = (model, known, max_bytes or MAX_BYTES)
    try:
        for done, result in enumerate(_results(files, workers, init_args), 1):
            if isinstance(result, Outcome):
                outcome = result
            else:
                try:
                    status = write_record(db, result)
                    outcome = Outcome(result.article.path, status, warnings=result.errors,
                                      words=len(result.article.body.split()))
                except Exception as error:
                    outcome = Outcome(result.article.path, "failed", f"could not be stored: {error}")
            summary.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome, done, len(files))
    finally:
        db.close()
    return summary
