"""Time and peak memory of each stage of the pipeline on one article, to see which grows faster than its length.

    python -m bench.stages FILE [FILE ...] [--model blank] [--profile STAGE] [--tracemalloc]

Stages as ``pipeline.process`` runs them: read, segment, then parse (spaCy) with the stages that take one
passage at a time (extract, dates, figures, places: each timed over all passages, one memory figure for
all), then each stage's finish (pronouns, ordering, resolving), curated merge, event dates, the claim of
each figure, place and date, sources, and store (a real SQLite file). For each: seconds, the rise of peak
RSS over the RSS before it (Linux: the peak is reset through /proc/self/clear_refs), and with
``--tracemalloc`` the peak of Python allocations. ``--profile STAGE`` prints that stage's cProfile.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import tempfile
import time
import tracemalloc
from pathlib import Path


def _rss_kb(field: str) -> int:
    with open("/proc/self/status") as file:
        for line in file:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as file:
            file.write("5")
        return True
    except OSError:
        return False


class Meter:
    """Runs stages and records (name, seconds, peak RSS rise MB, Python peak MB)."""

    def __init__(self, profile: str | None, trace: bool):
        self.rows: list[tuple[str, float, float, float | None]] = []
        self.profile, self.trace = profile, trace

    def run(self, name: str, function, *args):
        gc.collect()
        before = _rss_kb("VmRSS")
        resettable = _reset_peak()
        if self.trace:
            tracemalloc.start()
        profiler = cProfile.Profile() if self.profile == name else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        result = function(*args)
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
        python_peak = tracemalloc.get_traced_memory()[1] / 1e6 if self.trace else None
        if self.trace:
            tracemalloc.stop()
        peak = _rss_kb("VmHWM") if resettable else _rss_kb("VmRSS")
        self.rows.append((name, seconds, max(0, peak - before) / 1024, python_peak))
        self.peak_mb = max(getattr(self, "peak_mb", 0.0), peak / 1024)
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
        return result


def _process(article, nlp, meter: Meter):
    """``pipeline.process``, stage by stage. Passages stream through parse and the per-passage stages as they
    do in ``process``: each of those stages is timed over all passages, and shares one memory figure."""
    from claimarchive import nlp as nlp_module
    from claimarchive.curated import merge_curated
    from claimarchive.enrich.comparable import set_comparable
    from claimarchive.enrich.dates import DateFinder, set_event_dates
    from claimarchive.enrich.figures import FigureFinder
    from claimarchive.enrich.owners import assign_claims
    from claimarchive.enrich.places import PlaceFinder
    from claimarchive.enrich.pronouns import PronounFinder
    from claimarchive.enrich.relays import RelayFinder
    from claimarchive.enrich.sources import resolve_sources
    from claimarchive.extract import ClaimExtractor
    from claimarchive.model import Record
    from claimarchive.pipeline import _not_an_article
    from claimarchive.segment import find_segments

    body = article.body
    segments = meter.run("segment", find_segments, body)
    assert not meter.run("not an article", _not_an_article, article, segments)
    texts = [body[s.start:s.end] for s in segments if s.kind in nlp_module.CLAIM_KINDS]
    finders = {"extract": ClaimExtractor(body), "pronouns": PronounFinder(), "relays": RelayFinder(body),
               "dates": DateFinder(body, article.published), "figures": FigureFinder(body),
               "places": PlaceFinder(body, texts)}
    spent = dict.fromkeys(["parse", *finders], 0.0)

    def run_passages() -> None:
        stream = nlp_module.parse_stream(body, segments, nlp)
        while True:
            started = time.perf_counter()
            passage = next(stream, None)
            spent["parse"] += time.perf_counter() - started
            if passage is None:
                return
            for name, finder in finders.items():
                started = time.perf_counter()
                finder.add(passage)
                spent[name] += time.perf_counter() - started

    meter.run("parse + passage stages", run_passages)
    meter.rows += [(f"  {name}", seconds, 0.0, None) for name, seconds in spent.items()]
    claims = finders["extract"].claims()
    meter.run("pronouns: resolve", finders["pronouns"].resolve, claims)
    meter.run("relays: resolve", finders["relays"].resolve, claims)
    claims, errors = meter.run("curated merge", merge_curated, claims, article.curated_claims, body, segments)
    dates = meter.run("dates: sort", finders["dates"].dates)
    meter.run("dates: event dates", set_event_dates, claims, dates)
    quantities = meter.run("figures: order", finders["figures"].quantities)
    places = meter.run("places: resolve", finders["places"].places)
    meter.run("claim of each span", assign_claims, claims, [*quantities, *places, *dates])
    meter.run("figures: what, where, when", set_comparable, quantities, claims, places, dates, segments, article)
    sources, claim_sources, claim_chains = meter.run("sources", resolve_sources, claims, article)
    return Record(article=article, segments=segments, claims=claims, quantities=quantities, places=places,
                  dates=dates, sources=sources, claim_sources=claim_sources, claim_chains=claim_chains,
                  errors=[*article.warnings, *errors])


def stages(path: Path, nlp, meter: Meter) -> None:
    """Every stage of ``process`` on one file, each measured."""
    from claimarchive.model import Record
    from claimarchive.read import read_article
    from claimarchive.link import find_links
    from claimarchive.store import open_db, write_links, write_record

    article = meter.run("read", read_article, path, path.parent)
    record = _process(article, nlp, meter)
    assert isinstance(record, Record)
    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "stages.db")
        written = meter.run("store", write_record, db, record)
        meter.run("link", lambda: write_links(db, find_links(db, written.article_id)))
        db.close()


def _warm_up(nlp) -> None:
    """One small article through every stage, so lazily built tables (gazetteer, date parser) are not measured."""
    from claimarchive.model import Article
    from claimarchive.pipeline import WARM_UP_TEXT

    _process(Article(path="warm-up", sha256="", size=0, body=WARM_UP_TEXT, encoding="utf-8", format="txt",
                     published="2024-01-01"), nlp, Meter(None, False))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.stages")
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--model", default=None)
    parser.add_argument("--profile", default=None, help="print the cProfile of this stage")
    parser.add_argument("--tracemalloc", action="store_true", help="also the peak of Python allocations (slow)")
    args = parser.parse_args(argv)
    from claimarchive.nlp import load

    nlp = load(args.model)
    _warm_up(nlp)
    start_rss = _rss_kb("VmRSS") / 1024
    for path in args.files:
        meter = Meter(args.profile, args.tracemalloc)
        stages(path, nlp, meter)
        total = sum(r[1] for r in meter.rows if not r[0].startswith(" "))
        print(f"\n{path.name} ({path.stat().st_size:,} bytes), pipeline RSS {start_rss:.0f} MB, "
              f"peak RSS {meter.peak_mb:.0f} MB; {total:.1f} s")
        print(f"{'stage':<26}{'seconds':>10}{'peak RSS rise MB':>18}{'python peak MB':>16}")
        for name, seconds, rise, python in meter.rows:
            shown = f"{python:16.1f}" if python is not None else f"{'':>16}"
            print(f"{name:<26}{seconds:10.2f}{rise:18.1f}{shown}")


if __name__ == "__main__":
    main()
