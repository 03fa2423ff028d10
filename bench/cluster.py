"""Past one machine: the same corpus through the worker pool and through a LocalCluster, the single writer's
ceiling, and a projection for 1 M and 10 M articles.

    python -m bench.cluster CORPUS [--workers 2] [--model NAME] [--writer-articles 500] [--skip-sharded]

- **Overhead**: `ingest.py CORPUS --workers N` and `ingest.py CORPUS --scheduler local:N`, each timed as a
  whole process (start to exit; the LocalCluster's start and its workers' model loads included), and the
  two databases compared row for row (bench/dump.py).
- **Writer ceiling**: the corpus's Records are extracted first (by the worker pool, not timed), then written
  alone into a fresh archive by the writer the ingest uses (run._write_all: batches, savepoints, linking),
  timed; linking (find_links + write_links) is timed apart inside it. Records per second is what one writer
  takes in; divided into the per-article extraction cost, it is the cluster size where the writer becomes
  the bottleneck.
- **Sharded writer** (`--shards`; `--skip-sharded` leaves it out): the same Records written into shards (timed
  apart: a worker's extra cost), then merged and linked by the same writer, timed the same way; and the one
  writer again in the merge's batches. The merged archive is compared with the one writer's row for row.
- **Projection**: from the measured per-article extraction cost (core-seconds), the writer's rate, the
  database's bytes per article and the serving latencies measured at grown sizes (bench/scale.py).
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

from bench.run import OUT, measured


def _summary(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if " ingested, " in line)


def _dump(db: Path) -> str:
    import io

    from bench.dump import dump

    out = io.StringIO()
    dump(db, out)
    return out.getvalue()


def _fresh(db: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def _with_cpu(cmd: list[str]) -> dict:
    """measured(cmd), with the CPU seconds (user + system) of the process and every process it waited for:
    what the work costs whatever else the machine's cores are doing."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = measured(cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def overhead(corpus: Path, workers: int, model: str | None) -> dict:
    """Wall seconds of the pool and of a `workers`-process LocalCluster over the corpus, and whether the two
    databases are equal row for row."""
    python, extra = sys.executable, (["--model", model] if model else [])
    pool, dask = _fresh(OUT / "cluster-pool.db"), _fresh(OUT / "cluster-dask.db")
    by_pool = _with_cpu([python, "ingest.py", str(corpus), "--db", str(pool), "--workers", str(workers), *extra])
    by_dask = _with_cpu([python, "ingest.py", str(corpus), "--db", str(dask), "--scheduler", f"local:{workers}",
                         *extra])
    return {"pool_s": by_pool["seconds"], "dask_s": by_dask["seconds"], "ratio": by_dask["seconds"] / by_pool["seconds"],
            "pool_cpu_s": by_pool["cpu_s"], "dask_cpu_s": by_dask["cpu_s"],
            "equal": _dump(pool) == _dump(dask), "pool_line": _summary(by_pool["stderr"]),
            "dask_line": _summary(by_dask["stderr"]), "db": str(pool),
            "pool_rss_mb": by_pool["rss_total_mb"], "dask_rss_mb": by_dask["rss_total_mb"]}


def _records(corpus: Path, workers: int, model: str | None, articles: int | None) -> tuple[list, float]:
    """The corpus's Records, extracted by the worker pool (not timed as the writer), and the seconds it took."""
    from claimarchive import run
    from claimarchive.files import find_files
    from claimarchive.read import MAX_BYTES

    items = find_files([corpus], OUT).files[:articles]  # archived as bench/out/writer*.db would name them
    started = time.perf_counter()
    results = list(run._results(items, workers, (model, MAX_BYTES)))
    return results, time.perf_counter() - started


def _timed_write(results: list, db_path: Path, batch: int) -> dict:
    """Write the results (Records, or Shards to merge) into a fresh archive with the ingest's own writer
    (run._write_all), timed, with linking (find_links) timed apart inside it."""
    from claimarchive import run
    from claimarchive.store import checkpoint, open_db

    linking = [0.0]
    find_links = run.find_links

    def timed_links(db, article_id):
        begun = time.perf_counter()
        try:
            return find_links(db, article_id)
        finally:
            linking[0] += time.perf_counter() - begun

    summary = run.Summary()
    progress = run._Progress(summary, None, len(results))
    db = open_db(_fresh(db_path))
    run.find_links = timed_links
    try:
        started, cpu = time.perf_counter(), time.process_time()
        run._write_all(db, results, batch, False, progress)
        checkpoint(db)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        run.find_links = find_links
    rows = {t: db.execute(f"select count(*) from [{t}]").fetchone()[0]
            for t in ("articles", "segments", "claims", "attributions", "quantities", "place_mentions",
                      "date_mentions", "sources", "article_links", "claim_links")}
    db.close()
    written = summary.count("ingested")
    return {"articles": written, "seconds": seconds, "per_s": written / seconds, "linking_s": linking[0],
            "cpu_s": cpu, "per_cpu_s": written / cpu, "batch": batch,
            "rows": rows, "rows_per_s": sum(rows.values()) / seconds, "size_mb": db_path.stat().st_size / 1e6}


def writer_ceiling(results: list, extracted: float) -> dict:
    """Records per second the single writer takes in, at the corpus's row mix (see the module's docstring)."""
    from claimarchive import run

    return {**_timed_write(results, OUT / "writer.db", run.BATCH_ARTICLES), "extract_s": extracted}


def sharded_writer(results: list) -> dict:
    """The sharded writer (--shards): the same Records written into shards first, in this process, timed apart
    (a worker's extra cost per article), then merged and linked by the ingest's writer, timed as the one
    writer is; and the one writer again in the merge's batches (AT_ONCE articles a transaction), so that the
    difference the batches make is seen apart from the merge's."""
    from claimarchive import run
    from claimarchive.shards import AT_ONCE, RunFolder

    small_batches = _timed_write(results, OUT / "writer-small-batches.db", AT_ONCE)
    folder = RunFolder(OUT / "shards")
    try:
        started, cpu = time.perf_counter(), time.process_time()
        shards = [run.sharded(item, result, str(folder.path)) for item, result in results]
        shard_s, shard_cpu = time.perf_counter() - started, time.process_time() - cpu
        merged = _timed_write(shards, OUT / "writer-merged.db", AT_ONCE)
    finally:
        folder.close()
    equal = _dump(OUT / "writer-merged.db") == _dump(OUT / "writer-small-batches.db")
    written = max(merged["articles"], 1)
    return {"merge": merged, "one_writer_small_batches": small_batches, "shard_s": shard_s,
            "shard_cpu_per_article": shard_cpu / written, "equal": equal}


def sharded_lines(sh: dict, one: dict, core_s: float) -> list[str]:
    """The sharded writer against the one writer, in markdown."""
    merged, small = sh["merge"], sh["one_writer_small_batches"]
    worker_s = core_s + sh["shard_cpu_per_article"]  # a worker's CPU per article with shards
    rows = [(f"one writer, batches of {one['batch']} (today)", one, core_s),
            (f"one writer, batches of {small['batch']}", small, core_s),
            (f"merge of shards + linking, batches of {merged['batch']} (`--shards`)", merged, worker_s)]
    lines = ["| writer | CPU s | articles per CPU-second | linking, share of its time | keeps up with |",
             "|---|---|---|---|---|"]
    for name, w, per_article in rows:
        lines.append(f"| {name} | {w['cpu_s']:.2f} | {w['per_cpu_s']:.0f} | "
                     f"{100 * w['linking_s'] / w['seconds']:.0f} % | {w['per_cpu_s'] * per_article:.0f} worker processes |")
    return lines + [
        "",
        f"Writing a shard costs a worker {1000 * sh['shard_cpu_per_article']:.1f} ms CPU an article (on top of "
        f"extraction's {1000 * core_s:.0f} ms). The merged archive equals the one writer's row for row: "
        f"{'yes' if sh['equal'] else '**no**'}. With shards, the writer is the bottleneck past "
        f"**{merged['per_cpu_s'] * worker_s:.0f} worker processes** (one writer: {one['per_cpu_s'] * core_s:.0f})."]


def serving(base: Path, sizes: list[int], repeats: int) -> dict[int, dict[str, dict]]:
    """Each canned query's latency on the archive grown (bench/scale.py) to each number of claims."""
    from bench.scale import grow, latency

    out = {}
    for claims in sizes:
        big = OUT / "scale" / f"cluster-{claims}.db"
        print(f"growing the archive to {claims:,} claims and timing Datasette...", file=sys.stderr)
        rows = grow(base, big, claims)
        out[rows["claims"]] = latency(big, repeats)
        _fresh(big)  # gigabytes: not kept
    return out


MIN_EXTRAPOLATED_FROM = 500_000  # claims: below this (--quick) the growth is not extrapolated


def growth(measured: dict[int, dict[str, dict]], targets: list[int]) -> tuple[list[str], dict[int, float]]:
    """Markdown rows: each page's p95 at the measured sizes, the exponent k of p95 ∝ claims^k between the
    smallest and largest, and p95 extrapolated with it to the target sizes (an extrapolation, said so); and
    the slowest canned query's extrapolated p95 at each target."""
    sizes = sorted(measured)
    small, large = sizes[0], sizes[-1]
    if large < MIN_EXTRAPOLATED_FROM or large < 3 * small:
        targets = []  # too small or too close to say anything about 10 M or 180 M claims
    head = " | ".join(f"p95 at {n / 1e6:.2f} M (measured)" for n in sizes)
    tail = "".join(f" p95 at {n / 1e6:,.0f} M (extrapolated) |" for n in targets)
    lines = [f"| page | {head} | k |{tail}", "|---" * (2 + len(sizes) + len(targets)) + "|"]
    slowest = {n: 0.0 for n in targets}
    for page in measured[small]:
        first, last = measured[small][page]["p95_ms"], measured[large][page]["p95_ms"]
        k = max(0.0, math.log(last / first) / math.log(large / small)) if first > 0 and last > 0 else 0.0
        guess = {n: last * (n / large) ** k for n in targets}
        if page.startswith("canned"):
            slowest = {n: max(slowest[n], guess[n]) for n in targets}
        cells = " | ".join(f"{measured[n][page]['p95_ms']:.0f}" for n in sizes)
        lines.append(f"| {page} | {cells} | {k:.2f} |" + "".join(f" {guess[n]:,.0f} |" for n in targets))
    return lines, slowest


def projection(core_s: float, writer_per_s: float, mb_per_article: float, claims_per_article: float,
               serving: dict[int, str] | None = None, workers: int = 200, sharded_per_s: float | None = None,
               ) -> list[str]:
    """Markdown rows for 1 M and 10 M articles: extraction's CPU-hours, the hours on `workers` worker
    processes with one writer (and one sharded writer, when measured) and with enough writers (one archive
    each), the database's size, serving."""
    per_writer = writer_per_s * core_s  # worker processes one writer keeps up with
    sharded = " hours, one sharded writer (its ceiling) |" if sharded_per_s else ""
    lines = [f"| articles | claims | extraction, CPU-hours | hours, one writer (its ceiling) |{sharded} hours on "
             f"{workers} workers, {math.ceil(workers / per_writer)} writers | database | serving: slowest canned "
             "query, p95 |", "|---" * (7 + bool(sharded_per_s)) + "|"]
    for n in (1_000_000, 10_000_000):
        cell = f" {n / sharded_per_s / 3600:,.1f} |" if sharded_per_s else ""
        lines.append(f"| {n:,} | {n * claims_per_article / 1e6:,.0f} M | {n * core_s / 3600:,.0f} | "
                     f"{n / writer_per_s / 3600:,.1f} |{cell} {n * core_s / workers / 3600:,.1f} | "
                     f"{n * mb_per_article / 1e3:,.0f} GB | {(serving or {}).get(n, 'not measured')} |")
    return lines


def main(argv=None) -> str:
    parser = argparse.ArgumentParser(prog="python -m bench.cluster")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", default=None)
    parser.add_argument("--writer-articles", type=int, default=None, help="articles the writer is timed on")
    parser.add_argument("--serving", type=int, nargs="*", default=[],
                        help="claims to grow the archive to and time Datasette at (e.g. 250000 1000000)")
    parser.add_argument("--repeats", type=int, default=10, help="requests per page in the serving test")
    parser.add_argument("--skip-sharded", action="store_true", help="leave out the sharded writer (--shards)")
    parser.add_argument("--reuse", action="store_true",
                        help="take the overhead and writer measures from the last run (bench/out/cluster.json)")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    saved = OUT / "cluster.json"
    if args.reuse:
        last = json.loads(saved.read_text(encoding="utf-8"))
        o, w, sh = last["overhead"], last["writer"], last.get("sharded")
    else:
        print("the corpus through the pool and through a LocalCluster...", file=sys.stderr)
        o = overhead(args.corpus, args.workers, args.model)
        print("the writer alone...", file=sys.stderr)
        results, extracted = _records(args.corpus, args.workers, args.model, args.writer_articles)
        w = writer_ceiling(results, extracted)
        sh = None
        if not args.skip_sharded:
            print("the sharded writer: shards, then their merge...", file=sys.stderr)
            sh = sharded_writer(results)
        del results
        saved.write_text(json.dumps({"overhead": o, "writer": w, "sharded": sh}, indent=1), encoding="utf-8")
    articles = int(o["pool_line"].split()[0])
    # CPU seconds, not wall: the machine's cores may be shared; the pool's CPU less the writer's is extraction
    # (the writer may have been timed on fewer articles: its CPU per article, times the pool's articles)
    writer_per_s = w["per_cpu_s"]
    core_s = max(o["pool_cpu_s"] - articles / writer_per_s, 0.0) / max(articles, 1)
    lines = [
        f"Same corpus ({articles:,} articles), {args.workers} worker processes, each ingest timed start to exit:",
        "",
        "| measure | worker pool (`--workers {0}`) | LocalCluster (`--scheduler local:{0}`) |".format(args.workers),
        "|---|---|---|",
        f"| wall | {o['pool_s']:.1f} s | {o['dask_s']:.1f} s |",
        f"| CPU, all processes | {o['pool_cpu_s']:.1f} s | {o['dask_cpu_s']:.1f} s |",
        f"| peak RSS, all processes | {o['pool_rss_mb']:.0f} MB | {o['dask_rss_mb']:.0f} MB |",
        "",
        f"Overhead ratio, LocalCluster wall / pool wall (target ≤ 1.10): **{o['ratio']:.2f}**; by CPU "
        f"{o['dask_cpu_s'] / o['pool_cpu_s']:.2f}. Databases equal row for row: {'yes' if o['equal'] else '**no**'}.",
        "",
        f"Writer alone: {w['articles']:,} Records (extracted first, not timed) written into a fresh archive in "
        f"{w['seconds']:.1f} s wall, {w['cpu_s']:.1f} s CPU: **{writer_per_s:.0f} articles/s per CPU-second** "
        f"({w['per_s']:.0f}/s by wall on this shared machine; {w['rows_per_s'] * w['seconds'] / w['cpu_s']:,.0f} "
        f"rows per CPU-second; linking {100 * w['linking_s'] / w['seconds']:.0f} % of the writer's time). Rows: "
        + ", ".join(f"{v:,} {k}" for k, v in w["rows"].items()) + ".",
        "",
        f"Extraction costs {core_s:.3f} CPU-seconds per article (the pool's CPU less the writer's, per article; "
        f"model loads included), so one writer keeps up with **{writer_per_s * core_s:.0f} worker processes**; "
        "past that the writer is the bottleneck.",
    ]
    if sh:
        lines += ["", *sharded_lines(sh, w, core_s)]
    claims = w["rows"]["claims"] / max(w["articles"], 1)
    targets = [round(1_000_000 * claims), round(10_000_000 * claims)]
    slowest = {}
    if args.serving:
        measured_latency = serving(Path(o["db"]), args.serving, args.repeats)
        (OUT / "serving.json").write_text(json.dumps({str(k): v for k, v in measured_latency.items()}, indent=1),
                                          encoding="utf-8")
        rows, slowest = growth(measured_latency, [10_000_000, *targets])
        lines += ["", "Datasette's p95 (ms) by the archive's size in claims, grown from the ingested archive "
                      f"(bench/scale.py), {args.repeats} requests a page; k fits p95 ∝ claims^k between the "
                      "smallest and the largest size measured" + (
                          ", and the last columns extrapolate with it (to 10 M claims, and to the "
                          f"{targets[0] / 1e6:,.0f} M and {targets[1] / 1e6:,.0f} M claims of 1 M and 10 M articles):"
                          if slowest else " (too small to extrapolate from):"), "", *rows]
    serving_p95 = {n: f"{slowest[c] / 1000:,.1f} s (extrapolated)" for n, c in zip((1_000_000, 10_000_000), targets, strict=True)
                   if c in slowest}
    lines += ["", *projection(core_s, writer_per_s, w["size_mb"] / max(w["articles"], 1), claims, serving_p95,
                              sharded_per_s=sh["merge"]["per_cpu_s"] if sh else None)]
    report = "\n".join(lines)
    print(report)
    return report


if __name__ == "__main__":
    main()
