"""`make bench`: ingest speed against spaCy's floor, memory, re-ingest, size, Datasette at a million claims,
and how time and memory grow with one article's length (bench/sizes.py), and what linking a new article to
the archive costs, at the corpus's size and grown to 100,000 articles (bench/linking.py), the gazetteer's build,
start-up and memory (bench/gazetteer.py), and extraction on a 2-worker LocalCluster against the pool, the single
writer's ceiling and a projection for 1 M and 10 M articles (bench/cluster.py).

    python -m bench.run [--articles 2000] [--corpus DIR] [--workers N] [--model NAME] [--claims 1000000]
    python -m bench.run --quick          # 200 articles, 100,000 claims, no 5 MB article: a few minutes

Prints a Markdown report (also written to bench/out/report.md) with the machine it ran on.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def _children(pid: int) -> list[int]:
    """pid and every process descended from it, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as file:
                    ppid = int(file.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(parents.get(current, []))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as file:
            for line in file:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measured(cmd: list[str]) -> dict:
    """Run cmd; its wall time, output, and peak resident memory: of the largest process, and of all its
    processes together (sampled every 0.1 s; forked workers' shared pages count once per process, so the
    total is an upper bound)."""
    started = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_total = peak_one = 0
    while process.poll() is None:
        sizes = [_rss_kb(pid) for pid in _children(process.pid)]
        peak_total, peak_one = max(peak_total, sum(sizes)), max(peak_one, max(sizes, default=0))
        time.sleep(0.1)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({process.returncode}):\n{stderr[-3000:]}")
    return {"seconds": seconds, "stdout": stdout, "stderr": stderr, "rss_total_mb": peak_total / 1024,
            "rss_process_mb": peak_one / 1024, "returncode": process.returncode}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    memory = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    from importlib.metadata import version

    import spacy

    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)), "memory_gb": round(memory / 1024 / 1024, 1),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version, "spacy": spacy.__version__,
            "sqlite_utils": version("sqlite-utils"), "datasette": version("datasette"),
            "os": platform.platform()}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--articles", type=int, default=2000, help="articles in the generated corpus")
    parser.add_argument("--corpus", type=Path, help="a real folder of articles instead of the generated corpus")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the trained one)")
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims in the Datasette scale test")
    parser.add_argument("--repeats", type=int, default=20, help="requests per query in the scale test")
    parser.add_argument("--quick", action="store_true", help="200 articles and 100,000 claims")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-sizes", action="store_true", help="leave out the 50 KB / 500 KB / 5 MB articles")
    parser.add_argument("--skip-linking", action="store_true", help="leave out the cost of linking across articles")
    parser.add_argument("--skip-gazetteer", action="store_true", help="leave out the gazetteer's start-up and memory")
    parser.add_argument("--skip-cluster", action="store_true",
                        help="leave out the pool against a LocalCluster, the writer's ceiling and the projection")
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.claims, args.repeats = 200, 100_000, 10
    OUT.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    model = ["--model", args.model] if args.model else []

    if args.corpus:
        corpus = args.corpus
    else:
        from bench.corpus import build

        print(f"building a corpus of {args.articles} articles...", file=sys.stderr)
        corpus = build(OUT / f"corpus-{args.articles}", args.articles, model=args.model)

    print("floor: nlp.pipe over the same texts...", file=sys.stderr)
    floor = measured([python, "-m", "bench.floor", str(corpus), "--workers", str(args.workers), *model])
    floor_info = json.loads(floor["stdout"].strip().splitlines()[-1])

    db = OUT / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    print("ingest...", file=sys.stderr)
    first = measured([python, "ingest.py", str(corpus), "--db", str(db), "--workers", str(args.workers), *model])
    print("re-ingest, nothing changed...", file=sys.stderr)
    again = measured([python, "ingest.py", str(corpus), "--db", str(db), "--workers", str(args.workers), *model])
    with sqlite3.connect(db) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
        counts = {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0]
                  for t in ("articles", "claims", "quantities", "place_mentions", "sources")}
    size_mb = db.stat().st_size / 1e6
    articles = floor_info["articles"]
    words = floor_info["words"]
    lines = [
        "## Ingest",
        "",
        f"Corpus: {corpus if args.corpus else f'generated, {args.articles} articles'} "
        f"({articles} readable articles, {words:,} words); pipeline {floor_info['pipeline']} "
        f"({', '.join(floor_info['components'])}); {args.workers} worker processes.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| full ingest (wall, CLI start to exit) | {first['seconds']:.1f} s |",
        f"| articles/s | {articles / first['seconds']:.1f} |",
        f"| words/s | {words / first['seconds']:,.0f} |",
        f"| floor: `nlp.pipe(n_process={args.workers})` over the same texts (wall, start to exit) | {floor['seconds']:.1f} s |",
        f"| ratio to the floor (target ≤ 1.5) | **{first['seconds'] / floor['seconds']:.2f}** |",
        f"| peak RSS, largest process | {first['rss_process_mb']:.0f} MB |",
        f"| peak RSS, all processes summed (target < 1 GB) | **{first['rss_total_mb']:.0f} MB** |",
        f"| floor's peak RSS, all processes summed | {floor['rss_total_mb']:.0f} MB |",
        f"| unchanged re-ingest | {again['seconds']:.1f} s = **{100 * again['seconds'] / first['seconds']:.1f} %** of the first (target ≤ 5 %) |",
        f"| database size | {size_mb:.1f} MB = {1000 * size_mb / max(counts['articles'], 1):.1f} MB per 1,000 articles |",
        f"| rows | {', '.join(f'{v:,} {k}' for k, v in counts.items())} |",
        "",
        f"Summary lines: first `{first['stderr'].strip().splitlines()[-1]}`; "
        f"again `{again['stderr'].strip().splitlines()[-1]}`.",
    ]
    report = "\n".join(lines)
    print(report)

    if not args.skip_scale:
        from bench.scale import explain, grow, latency

        big = OUT / "scale" / "archive.db"
        print(f"growing the archive to {args.claims:,} claims...", file=sys.stderr)
        started = time.perf_counter()
        rows = grow(db, big, args.claims)
        grown = time.perf_counter() - started
        print("timing Datasette...", file=sys.stderr)
        timings = latency(big, args.repeats)
        plans = explain(big)
        scale = [
            "",
            "## Datasette at scale",
            "",
            f"Archive grown from the ingested one in SQL (no NLP) in {grown:.0f} s: "
            + ", ".join(f"{v:,} {k}" for k, v in rows.items()) + f"; {big.stat().st_size / 1e9:.2f} GB.",
            f"Each page requested {args.repeats} times with parameters drawn from the archive's own rows, through "
            "Datasette's test client (`sql_time_limit_ms` 1000); times in ms.",
            "",
            "| page | p50 | p95 | max | failed |",
            "|---|---|---|---|---|",
        ]
        for label, t in timings.items():
            scale.append(f"| {label} | {t['p50_ms']:.1f} | {t['p95_ms']:.1f} | {t['max_ms']:.1f} | "
                         f"{len(t['failures'])} |")
        scale += ["", "Query plans:", ""]
        for name, plan in plans.items():
            scale.append(f"- `{name}`: " + "; ".join(plan))
        print("\n".join(scale))
        report += "\n" + "\n".join(scale)
        failures = [f for t in timings.values() for f in t["failures"]]
        if failures:
            print("\nfailed requests:\n" + "\n".join(failures[:20]), file=sys.stderr)

    if not args.skip_linking:
        from bench import linking

        print("linking, at this size and grown...", file=sys.stderr)
        grow_to = 20_000 if args.quick else 100_000
        report += "\n\n## Linking across articles\n\n" + linking.main(
            ["--articles", str(args.articles), "--workers", str(args.workers), "--grow", str(grow_to)])

    if not args.skip_gazetteer:
        from bench import gazetteer

        print("the gazetteer: build, start-up, memory...", file=sys.stderr)
        report += "\n\n## Gazetteer\n\n" + gazetteer.main([])

    if not args.skip_cluster:
        from bench import cluster

        print("past one machine: pool against LocalCluster, the writer alone, projection...", file=sys.stderr)
        sizes_claims = [25_000, 100_000] if args.quick else [250_000, 1_000_000]
        report += "\n\n## Past one machine\n\n" + cluster.main(
            [str(corpus), "--workers", str(args.workers), *model, "--serving", *map(str, sizes_claims)])

    if not args.skip_sizes:
        from bench import sizes

        print("single articles of growing length...", file=sys.stderr)
        report += "\n\n" + sizes.main([*model, *(["--quick"] if args.quick else [])], header=False)

    info = machine()
    header = (f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB; Python {info['python']}, "
              f"SQLite {info['sqlite']}, spaCy {info['spacy']}, sqlite-utils {info['sqlite_utils']}, "
              f"Datasette {info['datasette']}; {info['os']}.")
    print("\n" + header)
    (OUT / "report.md").write_text(header + "\n\n" + report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
