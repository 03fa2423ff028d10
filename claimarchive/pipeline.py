"""The stages wired together: read → segment → parse → extract → enrich → (one writer) store.

``process`` turns one Article into a Record and needs nothing but that article, so it runs in worker
processes; ``ingest`` streams files through it and hands each Record to the single writer.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import stat
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import nlp as nlp_module
from .curated import merge_curated
from .enrich.dates import DateFinder, set_event_dates
from .enrich.figures import FigureFinder
from .enrich.owners import assign_claims
from .enrich.places import PlaceFinder
from .enrich.sources import resolve_sources
from .extract import ClaimExtractor
from .model import Article, Record
from .files import ArticleError, ArticleFile, find_files
from .read import read_article
from .segment import find_segments
from .store import open_db, optimize, write_record


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
    place_finder = PlaceFinder(body, (body[s.start:s.end] for s in segments if s.kind in nlp_module.CLAIM_KINDS))
    for passage in nlp_module.parse_stream(body, segments, nlp):
        for finder in (claim_finder, date_finder, figure_finder, place_finder):
            finder.add(passage)
    claims, errors = merge_curated(claim_finder.claims(), article.curated_claims, body, segments)
    dates = date_finder.dates()
    set_event_dates(claims, dates)
    quantities, places = figure_finder.quantities(), place_finder.places()
    assign_claims(claims, [*quantities, *places, *dates])
    sources, claim_sources, claim_chains = resolve_sources(claims, article)
    return Record(
        article=article, segments=segments, claims=claims, quantities=quantities, places=places, dates=dates,
        sources=sources, claim_sources=claim_sources, claim_chains=claim_chains,
        errors=[*article.warnings, *errors],
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


# Worker state: the pipeline's name and what the archive already holds, set once per process; the pipeline
# itself is loaded on first use (a forked worker inherits the one the parent loaded).
_worker: dict = {}

MAX_PASSAGE_CHARS = 50_000  # a news paragraph is a few hundred characters; this is a dump, not a paragraph
MAX_BLOCK_LINES = 1_000  # lines with no blank line between them: a log or a word list, not an article
IN_FLIGHT_PER_WORKER = 32  # files handed to a worker and not yet written: bounds memory on any corpus size
BATCH_ARTICLES = 200  # records written per transaction, at most
BATCH_SECONDS = 1.0  # and at least this often, so a long ingest commits as it goes


def _init_worker(model: str | None, known: dict[str, str], max_bytes: int) -> None:
    _worker.update(model=model, known=known, max_bytes=max_bytes)


def _nlp():
    if "nlp" not in _worker:
        _worker["nlp"] = nlp_module.load(_worker["model"])
    return _worker["nlp"]


def _not_a_file(path: Path) -> str | None:
    """Why a path that looks like an article is no file to read (a FIFO would block the reader forever)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # read_article reports it
    if stat.S_ISREG(mode):
        return None
    kind = "folder" if stat.S_ISDIR(mode) else "FIFO" if stat.S_ISFIFO(mode) else \
        "socket" if stat.S_ISSOCK(mode) else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special file"
    return f"not a regular file (a {kind})"


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


def _work(item: ArticleFile) -> Record | Outcome:
    """Read and process one file in a worker; an unchanged file is not parsed again."""
    problem = _not_a_file(item.file)
    if problem:
        return Outcome(item.shown, "failed", problem)
    try:
        article = read_article(item.file, item.root, _worker["max_bytes"], name=item.shown)
    except ArticleError as error:
        return Outcome(error.path, "failed", error.reason)
    except Exception as error:  # a reader bug (e.g. YAML that parses to an impossible date) costs this file only
        return Outcome(item.shown, "failed", f"cannot be read: {type(error).__name__}: {error}")
    article.path = item.legacy
    if _worker["known"].get(article.path) == article.sha256:
        return Outcome(item.shown, "unchanged")
    try:
        return process(article, _nlp())
    except ArticleError as error:
        return Outcome(item.shown, "failed", error.reason)
    except Exception as error:  # an extractor bug must not cost the other files
        return Outcome(item.shown, "failed", f"processing failed: {type(error).__name__}: {error}")


def _unchanged(item: ArticleFile, known: dict[str, str]) -> bool:
    """Whether an archived path still has the bytes archived, hashed here without reading it as an article."""
    name, path = item.legacy, item.file
    if name not in known or _not_a_file(path):
        return False
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            for chunk in iter(lambda: file.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() == known[name]


WARM_UP_TEXT = ("Harbour Reopens After Repairs\n\n"
                "About 40 boats returned to the harbour in Lisbon on Monday, the port authority said.\n")


def _warm_up(nlp) -> None:
    """Run one small made-up article through every stage, so the stages' lazily built tables (gazetteer,
    date parser) are built once here and shared by the forked workers instead of built in each."""
    try:
        process(Article(path="warm-up", sha256="", size=0, body=WARM_UP_TEXT, encoding="utf-8", format="txt",
                        published="2024-01-01"), nlp)
    except Exception:  # a failing stage will report itself on the real files
        pass


def _results(items: list[ArticleFile], workers: int, init_args: tuple) -> Iterator[Record | Outcome]:
    """Each file's Record or Outcome, in the order given, from `workers` processes; at most
    IN_FLIGHT_PER_WORKER files per worker are read ahead of the writer."""
    if workers <= 1 or len(items) < 2 * workers:
        _init_worker(*init_args)
        yield from map(_work, items)
        return
    model = init_args[0]
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:
        _warm_up(nlp_module.load(model))  # loaded once, shared copy-on-write by the forked workers
    context = multiprocessing.get_context("fork" if fork else "spawn")
    slots = threading.Semaphore(IN_FLIGHT_PER_WORKER * workers)

    def feed():
        for item in items:
            slots.acquire()
            yield item

    with context.Pool(workers, initializer=_init_worker, initargs=init_args) as pool:
        for result in pool.imap(_work, feed(), chunksize=2):
            slots.release()
            yield result


def ingest(paths: list[Path], db_path, model: str | None = None, workers: int = 1,
           max_bytes: int | None = None, on_outcome: Callable[[Outcome, int, int], None] | None = None,
           batch_size: int = BATCH_ARTICLES) -> Summary:
    """Archive every article under the paths into the database at db_path; never stop at a bad file.

    Files whose bytes are archived already under the same path are skipped without being parsed; the
    others are processed by `workers` processes and written by this one, a batch of articles per
    transaction (each article all or nothing, so a killed ingest loses at most the batch in progress)."""
    from .read import MAX_BYTES

    db = open_db(db_path)
    summary = Summary()
    found = find_files(paths, Path(db_path).parent)
    files, errors = found.files, found.errors
    total = len(files)
    done = 0

    def report(outcome: Outcome) -> None:
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome, done, total)

    for error in errors:
        report(Outcome(error.path, "failed", error.reason))
    known = dict(db.execute("select path, sha256 from article_files").fetchall())
    todo = []
    for item in files:
        if _unchanged(item, known):
            done += 1
            report(Outcome(item.legacy, "unchanged"))
        else:
            todo.append(item)
    init_args = (model, known, max_bytes or MAX_BYTES)
    batch: list[Record | Outcome] = []
    started = time.monotonic()
    try:
        for result in _results(todo, workers, init_args):
            batch.append(result)
            if len(batch) >= batch_size or time.monotonic() - started >= BATCH_SECONDS:
                for outcome in _write_batch(db, batch):
                    done += 1
                    report(outcome)
                batch, started = [], time.monotonic()
        for outcome in _write_batch(db, batch):
            done += 1
            report(outcome)
        optimize(db)  # planner statistics when missing or stale (also after a run killed before this point)
    finally:
        db.close()
    return summary


def _write_batch(db, batch: list[Record | Outcome]) -> list[Outcome]:
    """Write the records of a batch in one transaction, each in a savepoint of its own: a record that
    cannot be stored is rolled back alone. Returns every item's outcome, in order, once committed."""
    outcomes = []
    if not batch:
        return outcomes
    with db.atomic():
        for result in batch:
            if isinstance(result, Outcome):
                outcomes.append(result)
                continue
            try:
                status = write_record(db, result)
                outcomes.append(Outcome(result.article.path, status, warnings=result.errors,
                                        words=len(result.article.body.split())))
            except Exception as error:
                outcomes.append(Outcome(result.article.path, "failed", f"could not be stored: {error}"))
    return outcomes
