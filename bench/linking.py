"""What linking a new article to the archive costs, against what ingesting it costs, at 2,000 and 100,000 articles.

    python -m bench.linking [--articles 2000] [--workers 2] [--grow 100000] [--sample 200] [--db ARCHIVE] [--no-run-at-scale]

Ingests the generated corpus (bench/corpus.py) as the CLI does, in this process, timing the run and the linking
inside it (the share of ingest that linking takes), unless --db names an archive already ingested. Linking
is then timed per article (CPU time) with `find_links` + `write_links`, each in a transaction that is rolled back, for a
sample of articles, on a connection of its own (what a run remembers builds up over the sample only). The archive
is then grown in SQL to --grow articles, as bench/scale.py grows it: articles, claims and attributions copied
with new ids; each copy's claims have most of their words replaced by words drawn from the archive's own
vocabulary (Zipf-like: frequent words stay frequent, so the full-text lookups meet realistic doclists), and its
signature is a new random one, except for one copy in twenty, which keeps 70 % of its original's values (a
republication). The same sample is linked again on the grown archive. Last, as many new articles as the first
run's (the templates varied with another seed) are ingested into the grown archive by the same timed run: the
share of linking measured in a run at that size, with the run's memory of what it read built up as in any
run (--no-run-at-scale leaves it out; the share is then projected from the sampled costs).
"""
from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
COPY_SHARE = 0.05  # copies of the grown archive that are republications of their original
COPY_KEPT = 0.7  # share of the original's MinHash values a republication keeps
WORD_KEPT = 0.3  # share of a claim's words a copy keeps (the rest drawn from the vocabulary)


def _cpu_seconds() -> float:
    """CPU seconds used so far by this process and its finished children (the ingest's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def ingest(corpus: Path, db: Path, workers: int, fresh: bool = True) -> dict:
    """Ingest the corpus in this process as the CLI does (`run.ingest`), into a new archive (or, not fresh, into
    the archive there), timing the whole run and the linking inside it (`find_links` + `write_links`, in the
    writer): wall seconds, and CPU seconds of all the run's processes against the writer's CPU seconds in linking
    (the share that does not depend on what else the machine is doing)."""
    from claimarchive import run

    for suffix in ("", "-wal", "-shm") if fresh else ():
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    from claimarchive.link import clusters

    spent = {"wall": 0.0, "cpu": 0.0, "depth": 0}

    def timed(function):
        def inner(*args, **kwargs):
            # the writer's own thread: the process's other threads (the pool's, unpickling the workers' results)
            # run beside it, and process_time would count their work as linking's
            wall, cpu = time.perf_counter(), time.thread_time()
            spent["depth"] += 1
            try:
                return function(*args, **kwargs)
            finally:
                spent["depth"] -= 1
                if not spent["depth"]:  # a call inside another timed one is counted once
                    spent["wall"] += time.perf_counter() - wall
                    spent["cpu"] += time.thread_time() - cpu
        return inner

    # linking: finding and writing each article's links, and the groups' summaries made at each batch's end
    find, write, summarise = run.find_links, run.write_links, clusters.summarise
    run.find_links, run.write_links, clusters.summarise = timed(find), timed(write), timed(summarise)
    try:
        wall, cpu = time.perf_counter(), _cpu_seconds()
        run.ingest([corpus], db, workers=workers)
        return {"wall": time.perf_counter() - wall, "cpu": _cpu_seconds() - cpu,
                "linking_wall": spent["wall"], "linking_cpu": spent["cpu"]}
    finally:
        run.find_links, run.write_links, clusters.summarise = find, write, summarise


def time_linking(db_path: Path, sample: list[int]) -> dict:
    """Per article: CPU milliseconds to find and write its links, and how many it found (all rolled back),
    after one article not in the sample is linked untimed (what a run pays once: imports, the tokenizer)."""
    import sqlite_utils

    from claimarchive.link import find_links
    from claimarchive.store import write_links

    db = sqlite_utils.Database(sqlite3.connect(db_path))
    warm_up = next(a for a in range(1, max(sample) + 2) if a not in sample)  # what a run pays once: not timed
    db.execute("begin")
    write_links(db, find_links(db, warm_up))
    db.execute("rollback")
    times, found = [], []
    for article_id in sample:
        db.execute("begin")
        started = time.thread_time()  # CPU time: what the article costs, whatever else the machine runs
        links = find_links(db, article_id)
        write_links(db, links)
        times.append((time.thread_time() - started) * 1000)
        found.append((len(links.article_links), len(links.claim_links)))
        db.execute("rollback")
    db.close()
    return {"mean_ms": statistics.fmean(times), "p50_ms": statistics.median(times),
            "p95_ms": sorted(times)[int(0.95 * (len(times) - 1))], "max_ms": max(times),
            "article_links": statistics.fmean(f[0] for f in found), "claim_links": statistics.fmean(f[1] for f in found)}


def _vocabulary(conn: sqlite3.Connection) -> list[str]:
    """The archive's claim words, each as often as it occurs (drawing from it keeps their frequencies)."""
    return [w for (text,) in conn.execute("select text from claims") for w in text.split()]


def _perturbed(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    return " ".join(w if rng.random() < WORD_KEPT else rng.choice(vocabulary) for w in text.split())


def _signature_copy(minhash: bytes, rng: numpy.random.Generator) -> numpy.ndarray:
    from claimarchive.link.signature import values_of

    values = values_of(minhash).copy()
    replace = rng.random(len(values)) >= (COPY_KEPT if rng.random() < COPY_SHARE else 0.0)
    values[replace] = rng.integers(0, 2 ** 32, int(replace.sum()), dtype=numpy.uint32)
    return values


def grow(base: Path, out: Path, articles: int, seed: int = 0) -> dict:
    """Copy `base` to `out` and grow it to `articles` articles (see the module's docstring)."""
    from claimarchive.link.signature import band_buckets

    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(base) as source, sqlite3.connect(out) as target:
        source.backup(target)
    conn = sqlite3.connect(out)
    conn.execute("pragma synchronous = off")
    conn.execute("pragma foreign_keys = off")
    rng, nrng = random.Random(seed), numpy.random.default_rng(seed)
    vocabulary = _vocabulary(conn)
    top = {t: conn.execute(f"select max(id) from {t}").fetchone()[0] for t in ("articles", "claims", "attributions")}
    originals = conn.execute("select a.id, s.shingles, s.minhash from articles a "
                             "join article_signatures s on s.article_id = a.id order by a.id").fetchall()
    claims = conn.execute("select id, article_id, start, [end], text, kind, source_id, is_quote, certainty, status "
                          "from claims order by id").fetchall()
    copies = -(-articles // top["articles"]) - 1
    with conn:
        for k in range(1, copies + 1):
            a, c, t = (k * top[name] for name in ("articles", "claims", "attributions"))
            conn.execute(f"insert into articles (id, path, sha256, body, title, published, publisher, original_outlet, "
                         f"url) select id + {a}, path || ' #{k}', sha256 || '-{k}', '', title, "
                         f"date(published, '-{k % 365} days'), publisher, original_outlet, url from articles "
                         f"where id <= {top['articles']}")
            conn.executemany("insert into claims (id, article_id, start, [end], text, kind, source_id, is_quote, "
                             "certainty, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [(cid + c, aid + a, s, e, _perturbed(text, rng, vocabulary), *rest)
                              for cid, aid, s, e, text, *rest in claims])
            conn.execute(f"insert into attributions (id, claim_id, depth, source_id, mention, relation) select id + {t}, "
                         f"claim_id + {c}, depth, source_id, mention, relation from attributions where id <= {top['attributions']}")
            for article_id, shingles, minhash in originals:
                values = _signature_copy(minhash, nrng)
                conn.execute("insert into article_signatures values (?, ?, ?)",
                             [article_id + a, shingles, values.astype("<u4").tobytes()])
                conn.executemany("insert into article_bands (article_id, band, bucket) values (?, ?, ?)",
                                 [(article_id + a, band, bucket) for band, bucket in enumerate(band_buckets(values))])
            if k % 10 == 0:
                print(f"  {k * top['articles']:,} articles...", file=sys.stderr)
    conn.execute("analyze")
    counts = {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
              for t in ("articles", "claims", "article_bands", "claim_links", "claim_clusters")}
    conn.close()
    return counts


def main(argv=None) -> str:
    parser = argparse.ArgumentParser(prog="python -m bench.linking")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--grow", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, help="an archive already ingested (skips the ingest and its share)")
    parser.add_argument("--no-run-at-scale", dest="at_scale", action="store_false",
                        help="skip ingesting --articles new articles into the grown archive (the share at its size)")
    args = parser.parse_args(argv)
    from bench.corpus import build

    OUT.mkdir(parents=True, exist_ok=True)
    db = args.db or OUT / "linking.db"
    run = None
    if args.db is None:
        corpus = build(OUT / f"corpus-{args.articles}", args.articles)
        print("ingest...", file=sys.stderr)
        run = ingest(corpus, db, args.workers)
    with sqlite3.connect(db) as conn:
        count = conn.execute("select count(*) from articles").fetchone()[0]
    sample = sorted(random.Random(1).sample(range(1, count + 1), min(args.sample, count)))
    small = time_linking(db, sample)
    print(f"growing to {args.grow:,} articles...", file=sys.stderr)
    big_db = OUT / "linking-scale.db"
    grown = grow(db, big_db, args.grow)
    big = time_linking(big_db, sample)
    big_run = None
    if args.at_scale:  # the same number of new articles (other variations of the templates), into the grown archive
        more = build(OUT / f"corpus-{args.articles}-seed1", args.articles, seed=1)
        print(f"ingest {args.articles:,} new articles into the grown archive...", file=sys.stderr)
        big_run = ingest(more, big_db, args.workers, fresh=False)
    text = report(count, run, small, grown, big, big_run)
    print(text)
    return text


def _share(run: dict | None) -> float | None:
    return 100 * run["linking_cpu"] / run["cpu"] if run else None


def _run_line(label: str, count: int, run: dict) -> str:
    return (f"{label}: {count:,} articles in {run['wall']:.1f} s wall ({1000 * run['wall'] / count:.1f} ms per "
            f"article, start-up included) and {run['cpu']:.1f} CPU seconds in all its processes; linking took "
            f"{run['linking_cpu']:.1f} CPU seconds ({_share(run):.1f} %; {run['linking_wall']:.1f} s wall in the "
            f"writer, which runs beside the workers).")


def report(count: int, run: dict | None, small: dict, grown: dict, big: dict, big_run: dict | None = None) -> str:
    """The share of ingest that linking took in each run (of all the run's CPU time), and the per-article cost
    sampled at both sizes. Without a run at the grown size, its share is projected from the first run's, by how
    much the sampled per-article cost grew."""
    share = _share(run)
    lines = ["| archive | linking per article (CPU ms): mean | p50 | p95 | max | share of ingest (CPU) | "
             "article links found | claim links found |", "|---|---|---|---|---|---|---|---|"]
    big_share = (f"{_share(big_run):.1f} % (measured in a run)" if big_run else
                 f"{share * big['mean_ms'] / small['mean_ms']:.1f} % (projected)" if share is not None else "?")
    for label, t, part in ((f"{count:,} articles (ingested)", small,
                            f"{share:.1f} % (measured in the run)" if share is not None else "?"),
                           (f"{grown['articles']:,} articles (grown)", big, big_share)):
        lines.append(f"| {label} | {t['mean_ms']:.1f} ms | {t['p50_ms']:.1f} | {t['p95_ms']:.1f} | {t['max_ms']:.1f} | "
                     f"{part} | {t['article_links']:.1f} | {t['claim_links']:.1f} |")
    head = [_run_line("Ingest", count, run)] if run else []
    head.append(f"Grown archive: {', '.join(f'{v:,} {k}' for k, v in grown.items())}.")
    if big_run:
        head.append(_run_line(f"Ingest into the grown archive ({grown['articles']:,} articles before it)", count,
                              big_run))
    return " ".join(head) + "\n\n" + "\n".join(lines)


if __name__ == "__main__":
    main()
