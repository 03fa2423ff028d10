"""What the gazetteer costs: building its index once, opening it at a worker's start, its memory, and lookups.

    python -m bench.gazetteer [--names 20000]

Each measure runs in a fresh interpreter. Build: `gazetteer.build` into a temporary cache folder. Start-up:
`alias_index()` and the country and region names (`areas()`), what a worker does before its first article,
timed after the imports. Memory: resident set size after the imports, after start-up, and after looking up
--names distinct names (every 23rd of the index's names: the lookups an ingest remembers for its run, which
it bounds at 200,000).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, sys, time
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
import claimarchive.enrich.places as places
from claimarchive.enrich.gazetteer import gazetteer
imported = rss()
started = time.perf_counter()
index = places.alias_index()
places.areas()
startup = time.perf_counter() - started
opened = rss()
keys = [k for (k,) in gazetteer()._conn().execute(
    "select key from names where rowid % 23 = 0 limit ?", (int(sys.argv[1]),))]
started = time.perf_counter()
for key in keys:
    index.by_key.get(key)
first = time.perf_counter() - started
started = time.perf_counter()
for key in keys:
    index.by_key.get(key)
again = time.perf_counter() - started
print(json.dumps({"imported_mb": imported, "opened_mb": opened, "looked_up_mb": rss(), "startup_s": startup,
                  "lookups": len(keys), "first_us": 1e6 * first / len(keys), "again_us": 1e6 * again / len(keys)}))
"""

BUILD = r"""
import json, sys, time
from pathlib import Path
from claimarchive.enrich import gazetteer
started = time.perf_counter()
path = gazetteer.build(Path(sys.argv[1]) / "gazetteer.sqlite")
print(json.dumps({"build_s": time.perf_counter() - started, "size_mb": path.stat().st_size / 1e6}))
"""


def _run(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> str:
    parser = argparse.ArgumentParser(prog="python -m bench.gazetteer")
    parser.add_argument("--names", type=int, default=20_000, help="distinct names looked up")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        built = _run(BUILD, tmp)
    _run(PROBE, "10")  # the installation's index exists (built on first use otherwise)
    probe = _run(PROBE, str(args.names))
    lines = [
        "| measure | value |",
        "|---|---|",
        f"| build the index once (install or first use) | {built['build_s']:.1f} s, {built['size_mb']:.0f} MB on disk |",
        f"| start-up: open it, load acronyms, demonyms, capitals, country and region names (target ≤ 1 s) "
        f"| **{1000 * probe['startup_s']:.0f} ms** |",
        f"| worker RSS after the imports | {probe['imported_mb']:.0f} MB |",
        f"| ... after start-up (target: + ≤ 300 MB) | {probe['opened_mb']:.0f} MB "
        f"(**+{probe['opened_mb'] - probe['imported_mb']:.0f} MB**) |",
        f"| ... after {probe['lookups']:,} distinct names looked up and remembered | {probe['looked_up_mb']:.0f} MB "
        f"(+{probe['looked_up_mb'] - probe['imported_mb']:.0f} MB) |",
        f"| one lookup, first time / remembered | {probe['first_us']:.0f} µs / {probe['again_us']:.1f} µs |",
    ]
    report = "\n".join(lines)
    print(report)
    return report


if __name__ == "__main__":
    main()
