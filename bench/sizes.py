"""How ingest time and peak memory grow with an article's length: one article of 50 KB, 500 KB and 5 MB.

    python -m bench.sizes [--model NAME] [--quick] [--kind news] [--long 1000000]

Each article (``bench/articles.py``: deterministic news prose dense with quotes, figures, dates, places and
captions; 4,990,000 bytes is just under the reader's 5,000,000-byte limit) is ingested alone into a fresh
archive by the CLI, timed as a whole process, start to exit, with its peak RSS sampled from /proc as
``bench/run.py`` samples the corpus ingest. A 1 MB article of long paragraphs (each up to 49,000
characters, near the 50,000-character passage limit) is measured too: it is the worst case for the parser's
memory. ``--quick`` leaves out the 5 MB article.

Targets: the 5 MB article takes under 100 times the 50 KB one, and peak memory stays bounded (well under
1 GB at 5 MB). "Net" times subtract the ingest of a one-paragraph article (interpreter start, model load,
archive creation), the part that does not grow with the article.
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from bench.articles import write
from bench.run import OUT, machine, measured

SIZES = (50_000, 500_000, 4_990_000)
LONG_SIZE = 1_000_000
TIME_TARGET = 100  # the 5 MB article's time, at most this many times the 50 KB one's
MEMORY_TARGET_MB = 1024


def _ingest(path: Path, model: list[str]) -> dict:
    """The CLI ingest of one file into a fresh archive: time, peak RSS, rows."""
    db = OUT / "sizes" / f"{path.stem}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    result = measured([sys.executable, "ingest.py", str(path), "--db", str(db), "--workers", "1", *model])
    if result["returncode"]:
        raise SystemExit(f"ingest of {path} failed:\n{result['stderr'][-2000:]}")
    with sqlite3.connect(db) as conn:
        result["rows"] = {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0]
                          for t in ("claims", "quantities", "place_mentions", "date_mentions", "sources")}
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return result


def _tiny(folder: Path) -> Path:
    """A one-paragraph article: what every ingest costs whatever the length."""
    path = folder / "tiny.txt"
    path.write_text("Harbour reopens\n\nAbout 40 boats returned to the harbour in Lisbon on Monday, the port "
                    "authority said.\n", encoding="utf-8")
    return path


def _label(kind: str, size: int) -> str:
    return f"{kind} {size / 1e3:g} KB" if size < 1_000_000 else f"{kind} {size / 1e6:g} MB"


def _row(label: str, path: Path, result: dict, first: dict, fixed: float) -> str:
    size = path.stat().st_size
    ratio = result["seconds"] / first["seconds"]
    net = max(result["seconds"] - fixed, 0.0)
    net_first = max(first["seconds"] - fixed, 1e-9)
    rows = result["rows"]
    return (f"| {label} | {size:,} | {rows['claims']:,} / {rows['quantities']:,} / {rows['place_mentions']:,} / "
            f"{rows['date_mentions']:,} / {rows['sources']:,} | {result['seconds']:.1f} | {ratio:.1f} | "
            f"{net:.1f} | {net / net_first:.1f} | {result['rss_process_mb']:.0f} |")


def report(series: list[tuple[str, Path, dict]], others: list[tuple[str, Path, dict]], tiny: dict,
           model_name: str) -> str:
    """The Markdown table and the verdict on the targets; ``series``: the articles of one kind, smallest first."""
    first = series[0][2]
    fixed = tiny["seconds"]
    lines = [
        "## Article length",
        "",
        f"Each article ingested alone by the CLI (`ingest.py FILE --workers 1`), pipeline {model_name}; wall "
        f"time start to exit, peak RSS sampled every 0.1 s. A one-paragraph article takes {fixed:.1f} s "
        f"and {tiny['rss_process_mb']:.0f} MB (interpreter start, model load): \"net\" subtracts its time.",
        "",
        "| article | bytes | claims / figures / places / dates / sources | seconds | × 50 KB | net s | net × 50 KB "
        "| peak RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [_row(label, path, result, first, fixed) for label, path, result in series + others]
    lines.append("")
    _, last_path, last = series[-1]
    if last_path.stat().st_size > 4_000_000:
        ratio = last["seconds"] / first["seconds"]
        verdict = "met" if ratio < TIME_TARGET else "NOT met"
        length = last_path.stat().st_size / series[0][1].stat().st_size
        lines.append(f"- the 5 MB article in under {TIME_TARGET} × the 50 KB one's time: **{verdict}** "
                     f"({ratio:.1f} ×, for {length:.0f} × the length).")
    peak = max(result["rss_process_mb"] for _, _, result in series + others)
    verdict = "met" if peak < MEMORY_TARGET_MB else "NOT met"
    lines.append(f"- peak RSS bounded, under {MEMORY_TARGET_MB:,} MB at every size: **{verdict}** "
                 f"(largest {peak:.0f} MB).")
    return "\n".join(lines)


def main(argv=None, header: bool = True) -> str:
    """Measure, print the report (with the machine, when ``header``), write it to bench/out/sizes.md; the report."""
    parser = argparse.ArgumentParser(prog="python -m bench.sizes")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the trained one)")
    parser.add_argument("--kind", default="news", help="article kind (bench/articles.py)")
    parser.add_argument("--long", type=int, default=LONG_SIZE, help="bytes of the long-paragraph article (0: none)")
    parser.add_argument("--quick", action="store_true", help="leave out the 5 MB article")
    args = parser.parse_args(argv)
    folder = OUT / "sizes"
    folder.mkdir(parents=True, exist_ok=True)
    model = ["--model", args.model] if args.model else []
    _ingest(_tiny(folder), model)  # once to bring the model's files into the page cache, as for the others
    tiny = _ingest(_tiny(folder), model)
    series, others = [], []
    for size in [s for s in SIZES if not (args.quick and s > 1_000_000)]:
        path = write(folder, args.kind, size)
        print(f"ingest {path.name}...", file=sys.stderr)
        series.append((_label(args.kind, size), path, _ingest(path, model)))
    if args.long:
        path = write(folder, "long", args.long)
        print(f"ingest {path.name}...", file=sys.stderr)
        others.append((_label("long paragraphs", args.long), path, _ingest(path, model)))
    from claimarchive.nlp import has_parser, load

    nlp = load(args.model)
    text = report(series, others, tiny, nlp.meta.get("name") if has_parser(nlp) else "blank (rules only)")
    info = machine()
    machine_line = (f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB; Python "
                    f"{info['python']}, SQLite {info['sqlite']}, spaCy {info['spacy']}; {info['os']}.")
    print(text + ("\n\n" + machine_line if header else ""))
    (OUT / "sizes.md").write_text(machine_line + "\n\n" + text + "\n", encoding="utf-8")
    return text


if __name__ == "__main__":
    main()
