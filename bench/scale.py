"""An archive of a million claims, made without NLP, and Datasette's latency on it.

`grow` copies an ingested archive's rows over and over, in SQL, with new ids (articles, files, segments,
claims, attributions, figures, place and date mentions, and what links them across articles: copies of
articles, links between claims, groups of the same claim, figures that disagree; sources and places are
shared, as they are in a real archive), until it holds the claims asked for; the full-text indexes are built
once at the end and the planner statistics gathered as the ingest gathers them. `latency` times every canned query of metadata.yml
and ranked full-text search through Datasette's own test client.
"""
from __future__ import annotations

import asyncio
import contextlib
import io
import random
import sqlite3
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

import yaml

ROOT = Path(__file__).resolve().parent.parent

# Per copied table: the columns that are ids of copied rows, and the table those ids belong to.
COPIED = {
    "articles": {"id": "articles"},
    "article_files": {"article_id": "articles"},
    "segments": {"id": "segments", "article_id": "articles"},
    "claims": {"id": "claims", "article_id": "articles", "superseded_by": "claims"},
    "attributions": {"id": "attributions", "claim_id": "claims"},
    "quantities": {"id": "quantities", "article_id": "articles", "claim_id": "claims", "part_of": "quantities"},
    "place_mentions": {"id": "place_mentions", "article_id": "articles", "claim_id": "claims"},
    "date_mentions": {"id": "date_mentions", "article_id": "articles", "claim_id": "claims"},
    # across articles: each copy's links join its own rows, as the ingest would have linked them
    "article_links": {"id": "article_links", "article_id": "articles", "other_id": "articles"},
    "claim_links": {"id": "claim_links", "claim_id": "claims", "other_id": "claims"},
    "claim_clusters": {"claim_id": "claims", "cluster_id": "claims"},
    "figure_conflicts": {"id": "figure_conflicts", "quantity_id": "quantities", "other_quantity_id": "quantities"},
    "cluster_summaries": {"cluster_id": "claims", "first_claim_id": "claims"},  # schema 5: each group's counts
}
# The column each copied table's original rows are picked by (ids up to the original's largest).
PICKED_BY = {"article_files": "article_id", "claim_clusters": "claim_id", "cluster_summaries": "cluster_id"}


def grow(base: Path, out: Path, claims: int) -> dict:
    """Write to `out` an archive like `base` with at least `claims` claims; return its row counts."""
    import sqlite_utils

    import claimarchive.link  # noqa: F401  (before store, which it imports: the two import each other)
    from claimarchive.schema import FTS
    from claimarchive.store import optimize

    out.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(base) as source, sqlite3.connect(out) as target:
        source.backup(target)
    db = sqlite_utils.Database(out)
    db.execute("pragma journal_mode = wal")
    db.execute("pragma synchronous = off")  # a scratch database: rebuilt if the benchmark dies
    for table in FTS:
        db[table].disable_fts()
    top = {table: db.execute(f"select coalesce(max(id), 0) from [{table}]").fetchone()[0]
           for table in ("articles", "segments", "claims", "attributions", "quantities", "place_mentions",
                         "date_mentions", "article_links", "claim_links", "figure_conflicts")}
    base_claims = db.execute("select count(*) from claims").fetchone()[0]
    copies = max(0, -(-claims // max(base_claims, 1)) - 1)
    columns = {table: [c.name for c in db[table].columns] for table in COPIED if db[table].exists()}
    with db.conn:
        for k in range(1, copies + 1):
            for table, ids in COPIED.items():
                if table not in columns:  # an archive of an older schema
                    continue
                select = []
                for column in columns[table]:
                    if column in ids:
                        select.append(f"[{column}] + {k * top[ids[column]]}")
                    elif column == "path":
                        select.append(f"[path] || ' #{k}'")
                    elif column == "sha256":
                        select.append(f"[sha256] || '-{k}'")
                    elif column in ("published", "first_published"):  # an article's, copied onto its claims, groups
                        select.append(f"date([{column}], '-{k % 365} days')")
                    else:
                        select.append(f"[{column}]")
                names = ", ".join(f"[{c}]" for c in columns[table])
                picked = PICKED_BY.get(table, "id")
                where = f"where [{picked}] <= {top[ids[picked]]}"
                db.execute(f"insert into [{table}] ({names}) select {', '.join(select)} from [{table}] {where}")
    for table, fts_columns in FTS.items():
        db[table].enable_fts(fts_columns, tokenize="porter", create_triggers=True)
    db.execute("pragma synchronous = normal")
    optimize(db)
    counts = {table: db[table].count for table in [*columns, "sources", "places"]}
    db.close()
    return counts


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _parameters(db: Path, rng: random.Random, count: int) -> dict[str, list[dict]]:
    """Realistic values for each canned query's parameters, drawn from the archive's own rows."""
    conn = sqlite3.connect(db)

    def sample(sql: str) -> list:
        values = [r[0] for r in conn.execute(sql) if r[0]]
        return [rng.choice(values) for _ in range(count)] if values else []

    top = conn.execute("select max(id) from claims").fetchone()[0]
    words = []
    while len(words) < count:  # words drawn from random claims: frequent words come up often, as people search
        row = conn.execute("select text from claims where id >= ? order by id limit 1",  # the same at any size
                           [rng.randint(1, min(top, 20000))]).fetchone()
        tokens = [w for w in (row[0] if row else "").split() if w.isalpha() and len(w) > 3]
        if tokens:
            words.append(" ".join(rng.sample(tokens, min(len(tokens), 1 + len(words) % 2))))
    conn.execute("create virtual table temp.vocabulary using fts5vocab(main, claims_fts, 'row')")
    terms = [t for (t,) in conn.execute("select term from temp.vocabulary where term glob '[a-z]*'")]
    params = {
        "search_claims": [{"q": w} for w in words],
        "search_claims_vocabulary": [{"q": rng.choice(terms)} for _ in range(count)],
        "claims_of_source": [{"source": s} for s in sample(
            "select sources.name from claims join sources on sources.id = claims.source_id limit 20000")],
        "article_claims": [{"article_id": str(rng.randint(1, conn.execute("select max(id) from articles").fetchone()[0]))}
                           for _ in range(count)],
        "claims_about_place": [{"place": p} for p in sample(
            "select places.name from place_mentions join places on places.id = place_mentions.place_id limit 20000")],
        "figures_by_kind": [{"kind": k} for k in sample("select kind from quantities limit 20000")],
        # the queries on links across articles, asked about what has links (any other asks less of them)
        "who_said_it_first": [{"claim_id": str(c)} for c in sample("select claim_id from claim_clusters limit 20000")],
        "copies_of_article": [{"article_id": str(a)} for a in sample("select article_id from article_links limit 20000")],
        "figures_that_disagree": [{"place": p if i % 2 else "", "kind": ""} for i, p in enumerate(sample(  # every place too
            "select places.name from figure_conflicts join places on places.id = figure_conflicts.place_id "
            "limit 20000"))] or [{"place": "", "kind": ""}] * count,
    }
    conn.close()
    return params


def _pages(name: str, metadata: dict, params: dict[str, list[dict]], repeats: int) -> dict[str, list[str]]:
    """Each page's label and the URLs it is requested with (one a request) on the database served as `name`."""
    pages: dict[str, list[str]] = {}
    for query in metadata["databases"]["archive"]["queries"]:
        values = params.get(query) or [{}] * repeats
        pages[f"canned: {query}"] = [f"/{name}/{query}?{urlencode(v)}" for v in values]
    pages["canned: search_claims, terms drawn evenly from the index's vocabulary"] = [
        f"/{name}/search_claims?{urlencode(v)}" for v in params["search_claims_vocabulary"]]
    # Datasette 0.65's table search is not ranked (rows come in the table's sort order); the ranked
    # search is the search_claims canned query above.
    pages["table search: claims?_search="] = [
        f"/{name}/claims?{urlencode({'_search': p['q']})}" for p in params["search_claims"]]
    pages["table search: articles?_search="] = [
        f"/{name}/articles?{urlencode({'_search': p['q']})}" for p in params["search_claims"]]
    return pages


async def _latency(dbs: list[Path], repeats: int, seed: int, metadata_path: Path | None = None,
                   only: list[str] | None = None) -> dict[Path, dict[str, dict]]:
    from datasette.app import Datasette

    metadata = yaml.safe_load((metadata_path or ROOT / "metadata.yml").read_text(encoding="utf-8"))
    names = {db: db.stem for db in dbs}
    ds = Datasette([str(db) for db in dbs], settings={"sql_time_limit_ms": 1000},
                   metadata={**metadata, "databases": {name: metadata["databases"]["archive"] for name in names.values()}})
    await ds.invoke_startup()
    pages = {db: _pages(names[db], metadata, _parameters(db, random.Random(seed), repeats), repeats) for db in dbs}
    results: dict[Path, dict[str, dict]] = {db: {} for db in dbs}
    for label in pages[dbs[0]]:
        if only and not any(part in label for part in only):
            continue
        times: dict[Path, list[float]] = {db: [] for db in dbs}
        failures: dict[Path, list[str]] = {db: [] for db in dbs}
        for db in dbs:
            await ds.client.get(pages[db][label][0])  # warm the page cache once, as a running server is
        for index in range(repeats):  # the sizes in turn, request by request: the machine's load is theirs alike
            for db in dbs:
                url = pages[db][label][index]
                started = time.perf_counter()
                with contextlib.redirect_stdout(io.StringIO()):  # Datasette prints each error's traceback
                    response = await ds.client.get(url)
                times[db].append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    failures[db].append(f"{url}: HTTP {response.status_code}")
        for db in dbs:
            results[db][label] = {"p50_ms": _percentile(times[db], 0.5), "p95_ms": _percentile(times[db], 0.95),
                                  "max_ms": max(times[db]), "runs": len(times[db]), "failures": failures[db],
                                  "mean_ms": statistics.fmean(times[db])}
    return results


def latency(db: Path, repeats: int = 20, seed: int = 0, metadata: Path | None = None,
            only: list[str] | None = None) -> dict[str, dict]:
    """p50/p95 in milliseconds of every canned query and of ranked full-text search, through Datasette (the
    pages whose label contains one of `only`, when given; metadata.yml's queries, or those of `metadata`)."""
    return asyncio.run(_latency([db], repeats, seed, metadata, only))[db]


def latencies(dbs: list[Path], repeats: int = 20, seed: int = 0, metadata: Path | None = None,
              only: list[str] | None = None) -> dict[Path, dict[str, dict]]:
    """latency for several archives (grown to several sizes) served together, each page requested on each in
    turn, so that what else the machine runs weighs on every size alike."""
    return asyncio.run(_latency(dbs, repeats, seed, metadata, only))


def explain(db: Path) -> dict[str, list[str]]:
    """SQLite's query plan for every canned query (parameters bound to a sample value)."""
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    conn = sqlite3.connect(db)
    from datasette.utils import escape_fts

    conn.create_function("escape_fts", 1, escape_fts)
    plans = {}
    for name, query in metadata["databases"]["archive"]["queries"].items():
        values = {"q": "police", "source": "police", "article_id": 1, "place": "Paris", "kind": "killed",
                  "claim_id": 1, "superseded": ""}
        rows = conn.execute("explain query plan " + query["sql"], values).fetchall()
        plans[name] = [row[-1] for row in rows]
    conn.close()
    return plans


def main(argv=None) -> None:
    """`python -m bench.scale grow BASE OUT CLAIMS`, `latency DB [--repeats N] [--only TEXT ...] [--json OUT]`
    or `explain DB`: one step of the serving benchmark on its own, so that an archive grown once is timed as
    often as needed (bench/cluster.py --serving runs both)."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    steps = parser.add_subparsers(dest="step", required=True)
    grown = steps.add_parser("grow")
    grown.add_argument("base", type=Path)
    grown.add_argument("out", type=Path)
    grown.add_argument("claims", type=int)
    timed = steps.add_parser("latency")
    timed.add_argument("db", type=Path, nargs="+", help="several: requested in turn, page by page")
    timed.add_argument("--repeats", type=int, default=10)
    timed.add_argument("--only", nargs="*", help="the pages whose label contains one of these")
    timed.add_argument("--metadata", type=Path, help="another metadata.yml's canned queries")
    timed.add_argument("--json", type=Path, help="write the results here too")
    planned = steps.add_parser("explain")
    planned.add_argument("db", type=Path)
    args = parser.parse_args(argv)
    if args.step == "grow":
        started = time.perf_counter()
        print(json.dumps(grow(args.base, args.out, args.claims)), f"{time.perf_counter() - started:.0f} s")
    elif args.step == "latency":
        results = latencies(args.db, args.repeats, metadata=args.metadata, only=args.only)
        for db, pages in results.items():
            for label, r in pages.items():
                print(f"{db.stem}: {label}: p50 {r['p50_ms']:,.0f} ms, p95 {r['p95_ms']:,.0f} ms, max "
                      f"{r['max_ms']:,.0f} ms" + (f", {len(r['failures'])} failed" if r["failures"] else ""))
        if args.json:
            args.json.write_text(json.dumps({str(db): pages for db, pages in results.items()}, indent=1),
                                 encoding="utf-8")
    else:
        for name, plan in explain(args.db).items():
            print(name, *plan, sep="\n    ")


if __name__ == "__main__":
    main()
