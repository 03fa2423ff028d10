"""One ingest run: find the files, leave alone what is archived, process the rest in worker processes, hand
each record to the one writer, and sum up what happened to every file.

Nothing is created for a run with nothing to archive. A file that cannot be read or processed costs that
file only; a database that cannot be written (disk full, I/O error) stops the run with what was committed
kept whole. The run ends with a checkpoint, so that the database file alone holds the whole archive.
"""
from __future__ import annotations

import gc
import multiprocessing
import stat
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import nlp as nlp_module
from .files import ArticleError, ArticleFile, Skipped, find_files
from .model import Record
from .pipeline import process, ready
from .read import MAX_BYTES, FileBytes, article_from, current_inputs, load_bytes
from .schema import write_transaction
from .shards import AT_ONCE, RunFolder, Shard, attached, shard_file, write_shard
from .shards import store as store_shard
from .link import find_links
from .link.clusters import summaries_deferred
from .link.terms import forget
from .reviews.keep import forget as forget_detached
from .store import (EXTRACTOR, adopt, article_with, attach, checkpoint, file_row, open_db, optimize,
                    storage_failure, write_links, write_record)

STATUSES = ("ingested", "replaced", "updated", "unchanged", "duplicate", "failed")
IN_FLIGHT_PER_WORKER = 32  # files handed to a worker and not yet written: bounds memory on any corpus size
BATCH_ARTICLES = 200  # records written per transaction, at most
BATCH_SECONDS = 1.0  # and at least this often, so a long ingest commits as it goes


@dataclass
class Outcome:
    """What happened to one file: a status of STATUSES, why, and warnings."""

    path: str  # as the user gave it
    status: str
    reason: str | None = None  # why it failed
    warnings: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # why it was replaced or updated
    words: int = 0


@dataclass
class Summary:
    """What one run did: counts per status, the failures, the files skipped, and how it ended."""

    counts: Counter = field(default_factory=Counter)
    failed: list[Outcome] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    older: Counter = field(default_factory=Counter)  # unchanged files whose article an older extractor made
    stopped: str | None = None  # why the run stopped before the end
    not_reached: int = 0  # files left when it stopped
    checkpointed: bool | None = None  # whether the write-ahead log was emptied into the file
    created: bool = True  # False when no database was created (nothing to archive)
    notes: list[str] = field(default_factory=list)  # warnings about the run itself

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status == "failed":
            self.failed.append(outcome)

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.stopped

    def line(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in STATUSES]
        parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)


# Worker state, set once per process; the pipeline itself is loaded on first use (nlp.load remembers it: a
# forked worker inherits the one the parent made ready, and a run in one process warms up on its first file).
_worker: dict = {}


def _init_worker(model: str | None, max_bytes: int, shards: str | None = None) -> None:
    _worker.update(model=model, max_bytes=max_bytes, shards=shards)


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


def _work(item: ArticleFile) -> tuple[ArticleFile, Record | Outcome]:
    """Read and process one file in a worker: its Record (or Shard), or the Outcome that it failed."""
    return sharded(*extract(item, load(item, _worker["max_bytes"]), nlp_module.load(_worker["model"])),
                   _worker.get("shards"))


def load(item: ArticleFile, max_bytes: int) -> FileBytes | Outcome:
    """The bytes of one file and its companions (where the file is), or the Outcome that it cannot be read."""
    problem = _not_a_file(item.file)
    if problem:
        return Outcome(item.shown, "failed", problem)
    try:
        return load_bytes(item.file, item.root, max_bytes, name=item.shown)
    except ArticleError as error:
        return Outcome(error.path, "failed", error.reason)
    except Exception as error:  # a reader bug costs this file only
        return Outcome(item.shown, "failed", f"cannot be read: {type(error).__name__}: {error}")


def extract(item: ArticleFile, loaded: FileBytes | Outcome, nlp) -> tuple[ArticleFile, Record | Outcome]:
    """Read the loaded bytes as an article and process it (no file opened: this runs on any machine)."""
    if isinstance(loaded, Outcome):
        return item, loaded
    try:
        article = article_from(loaded)
    except ArticleError as error:
        return item, Outcome(error.path, "failed", error.reason)
    except Exception as error:  # a reader bug costs this file only
        return item, Outcome(item.shown, "failed", f"cannot be read: {type(error).__name__}: {error}")
    article.path = item.key
    try:
        return item, process(article, nlp)
    except ArticleError as error:
        return item, Outcome(item.shown, "failed", error.reason)
    except Exception as error:  # an extractor bug must not cost the other files
        return item, Outcome(item.shown, "failed", f"processing failed: {type(error).__name__}: {error}")


def sharded(item: ArticleFile, result: Record | Outcome, folder: str | None) -> tuple[ArticleFile, Record | Shard | Outcome]:
    """With a run's folder of shards (--shards), a Record's rows written into its shard there (a Shard, which
    the writer merges), else the result as it is."""
    if folder is None or not isinstance(result, Record):
        return item, result
    try:
        return item, write_shard(result, shard_file(folder, item.key))
    except OSError as error:
        return item, Outcome(item.shown, "failed", f"could not be written to its shard: {error}")
    except Exception as error:  # what the writer would say of the same rows
        return item, Outcome(item.shown, "failed", f"could not be stored: {error}")


def _results(items: list[ArticleFile], workers: int, init_args: tuple) -> Iterator[tuple[ArticleFile, Record | Outcome]]:
    """Each file's Record or Outcome, in the order given, from `workers` processes; at most
    IN_FLIGHT_PER_WORKER files per worker are read ahead of the writer."""
    if workers <= 1 or len(items) < 2 * workers:
        _init_worker(*init_args)
        yield from map(_work, items)
        return
    model = init_args[0]
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:
        ready(model)  # loaded once, shared copy-on-write by the forked workers
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


class StopRun(Exception):
    """The database cannot be written: the run stops, what was committed stays."""


class ClusterError(Exception):
    """The Dask cluster given by --scheduler cannot be reached or used; nothing was written."""


def _plan(db, item: ArticleFile, reextract: bool) -> tuple[str | None, list[str]]:
    """What an archived file needs without reading it as an article: 'unchanged' or 'duplicate' (done here,
    its reasons), or None (to be processed). A row release 0.1 archived under this file's old name, with the
    same bytes, is adopted first."""
    if _not_a_file(item.file):
        return None, []
    inputs = current_inputs(item.file, root=item.root)
    if inputs is None:
        return None, []  # the worker reports why it cannot be read
    row = file_row(db, item.key)
    if row is None and item.legacy != item.key:
        legacy = file_row(db, item.legacy, legacy_only=True)
        if legacy and legacy.sha256 == inputs.sha256:
            adopt(db, item.legacy, item.key, inputs)
            row = file_row(db, item.key)
    elif row and row.legacy and row.fingerprint is None and row.sha256 == inputs.sha256:
        adopt(db, item.key, item.key, inputs)
        row = file_row(db, item.key)
    if row and row.fingerprint == inputs.fingerprint:
        older = [row.extractor or "?"] if row.extractor != EXTRACTOR else []
        return (None, []) if older and reextract else ("unchanged", older)
    if row is None:
        same = article_with(db, inputs.fingerprint)
        if same and (same[1] == EXTRACTOR or not reextract):
            with write_transaction(db):
                attach(db, item.key, same[0], inputs, item.file.stat().st_size)
            return "duplicate", []
    return None, []


def ingest(paths: list[Path], db_path, model: str | None = None, workers: int = 1,
           max_bytes: int | None = None, on_outcome: Callable[[Outcome, int, int], None] | None = None,
           batch_size: int = BATCH_ARTICLES, reextract: bool = False, scheduler: str | None = None,
           scheduler_timeout: float | None = None, shards: Path | None = None) -> Summary:
    """Archive every article under the paths into the database at db_path; never stop at a bad file.

    Files archived already with the same inputs are left alone without being parsed (re-extracted when
    `reextract` is set and an older extractor made them); the others are processed by `workers` processes and
    written by this one, a batch of articles per transaction (each article all or nothing, so a killed ingest
    loses at most the batch in progress). With `scheduler` (`tcp://HOST:PORT` or `local:N`) extraction runs on
    that Dask cluster instead (cluster.py), written the same way. With `shards` (a folder) the workers write each
    article's rows into a shard there and this process merges them (shards.py). Raises store.DatabaseError when
    the database cannot be opened, ClusterError (before the database is opened) when the cluster cannot be
    reached, shards.ShardsError (before too) when the folder cannot hold shards."""
    db_path = Path(db_path)
    found = find_files(paths, db_path.absolute().parent)
    summary = Summary(skipped=found.skipped)
    progress = _Progress(summary, on_outcome, len(found.files))
    for error in found.errors:
        progress.report(Outcome(error.path, "failed", error.reason), count=False)
    if not found.files and not db_path.exists():
        summary.created = False
        return summary
    client = None
    if scheduler:
        from . import cluster

        client = cluster.connect(scheduler, scheduler_timeout or cluster.CONNECT_SECONDS, model)  # before any write
    folder = None
    try:
        folder = RunFolder(shards) if shards else None
        where = str(folder.path) if folder else None
        if where and client is not None:
            cluster.check_folder(client, where)  # before any write
        db = open_db(db_path)
        try:
            todo = _leave_alone(db, found.files, reextract, summary, progress)
            if client is None:
                results = _results(todo, workers, (model, max_bytes or MAX_BYTES, where))
            else:
                results = cluster.results(client, todo, model, max_bytes or MAX_BYTES, shards=where)
            _write_all(db, results, batch_size if folder is None else min(batch_size, AT_ONCE), reextract, progress)
            _finish(db, summary)
        except StopRun as stop:
            summary.stopped = str(stop)
            summary.not_reached = progress.total - progress.done
        finally:
            db.close()
    finally:
        if folder is not None:
            folder.close()
        if client is not None:
            cluster.close(client)
    return summary


@dataclass
class _Progress:
    """Reports each outcome to the summary and the caller, counting files done."""

    summary: Summary
    on_outcome: Callable[[Outcome, int, int], None] | None
    total: int
    done: int = 0

    def report(self, outcome: Outcome, count: bool = True) -> None:
        self.done += count
        self.summary.add(outcome)
        if self.on_outcome:
            self.on_outcome(outcome, self.done, self.total)


def _leave_alone(db, files: list[ArticleFile], reextract: bool, summary: Summary, progress: _Progress) -> list[ArticleFile]:
    """Report the files that need no processing; return the others, each once."""
    todo, seen = [], set()
    for item in files:
        if item.key in seen:
            continue  # the same file named twice on the command line
        seen.add(item.key)
        try:
            status, said = _plan(db, item, reextract)
        except Exception as error:
            if storage_failure(error):
                raise StopRun(f"cannot be written: {error}") from None
            raise
        if status is None:
            todo.append(item)
            continue
        if status == "unchanged" and said:
            summary.older[said[0]] += 1
        progress.report(Outcome(item.shown, status))
    return todo


def _write_all(db, results, batch_size: int, reextract: bool, progress: _Progress) -> None:
    """Write the results as they come, a batch at a time; when they stop coming (StopRun: the cluster went
    away) the results received are written before the run stops."""
    batch: list[tuple[ArticleFile, Record | Outcome]] = []
    started = time.monotonic()
    results = iter(results)
    try:
        while True:
            try:
                result = next(results)
            except StopIteration:
                break
            except StopRun:
                _write_batch(db, batch, reextract, progress)
                raise
            batch.append(result)
            if len(batch) >= batch_size or time.monotonic() - started >= BATCH_SECONDS:
                _write_batch(db, batch, reextract, progress)
                batch, started = [], time.monotonic()
        _write_batch(db, batch, reextract, progress)
    finally:
        gc.unfreeze()  # what _commit froze is the collector's again




def _write_batch(db, batch: list[tuple[ArticleFile, Record | Outcome]], reextract: bool, progress: _Progress) -> None:
    """Write the records of a batch in one transaction, each in a savepoint of its own: a record that cannot
    be stored is rolled back alone. Reports every item's outcome, in order, once committed. When the database
    itself fails (disk full, I/O error) the batch is rolled back, its files reported failed, and the run stops."""
    if not batch:
        return
    with attached(db, [result for _, result in batch if isinstance(result, Shard)]):  # none without --shards
        outcomes = _commit(db, batch, reextract, progress)
    for outcome in outcomes:
        progress.report(outcome)


def _commit(db, batch: list[tuple[ArticleFile, Record | Shard | Outcome]], reextract: bool,
            progress: _Progress) -> list[Outcome]:
    """Write a batch in one transaction (_write_batch); the outcomes, once committed."""
    outcomes = []
    try:
        with write_transaction(db), summaries_deferred(db):  # a batch's groups summarised once, at its end
            for item, result in batch:
                outcomes.append(result if isinstance(result, Outcome) else _write_one(db, item, result, reextract))
                # What the run keeps between articles (the claims linking remembers, caches) is frozen: the
                # cyclic collector would otherwise walk all of it again and again, more as the run goes on
                # (a fifth of linking's time at 100,000 articles). Only cyclic garbage of kept objects waits
                # for the run's end; refcounting frees the rest as ever.
                gc.freeze()
    except Exception as error:
        if not storage_failure(error):
            raise
        for item, _ in batch:
            progress.report(Outcome(item.shown, "failed", f"not archived: the database could not be written ({error})"))
        raise StopRun(f"cannot be written: {error}") from None
    return outcomes


def _write_one(db, item: ArticleFile, record: Record | Shard, reextract: bool) -> Outcome:
    """Write one record (or merge one shard) and link the article it wrote to the archive, all or nothing."""
    if isinstance(record, Shard) and record.unreadable:
        return Outcome(item.shown, "failed", record.unreadable)
    try:
        with db.atomic():
            if isinstance(record, Shard):
                written = store_shard(db, record, reextract)
            else:
                written = write_record(db, record, reextract)
            if written.article_id is not None:
                write_links(db, find_links(db, written.article_id))
    except Exception as error:
        forget(db)  # what the rolled-back article added to the run's remembered lookups is gone
        forget_detached(db)  # and the reviews it detached are attached again by the rollback
        if storage_failure(error):
            raise
        return Outcome(item.shown, "failed", f"could not be stored: {error}")
    if isinstance(record, Shard):
        return Outcome(item.shown, written.status, warnings=record.warnings, changes=written.changes,
                       words=record.words)
    return Outcome(item.shown, written.status, warnings=record.errors, changes=written.changes,
                   words=len(record.article.body.split()))


def _finish(db, summary: Summary) -> None:
    """Planner statistics when missing or stale, then the checkpoint; neither failing costs an article."""
    try:
        optimize(db)  # also after a run killed before this point
    except Exception as error:
        if not storage_failure(error):
            raise
        summary.notes.append(f"planner statistics not gathered: {error}")
    try:
        summary.checkpointed = checkpoint(db)
    except Exception as error:
        if not storage_failure(error):
            raise
        summary.checkpointed = False
        summary.notes.append(f"the write-ahead log was not checkpointed: {error}")
