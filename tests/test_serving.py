"""Serving a large archive as README says: a snapshot opened immutable (`datasette serve -i archive.db
--inspect-file counts.json`), its table counts taken from the inspect file instead of counted per request."""
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml
from datasette.app import Datasette

from conftest import ROOT
from test_faults import corpus
from test_ingest import rows

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
DATASETTE = str(Path(sys.executable).parent / "datasette")


async def test_immutable_archive_with_an_inspect_file_serves_its_counts_and_canned_queries(tmp_path):
    folder = corpus(tmp_path / "in", 3)
    live = tmp_path / "live.db"
    subprocess.run([sys.executable, str(ROOT / "ingest.py"), folder, "--db", live, "--model", "blank", "--quiet"],
                   check=True, timeout=300)
    served = tmp_path / "archive.db"
    subprocess.run([sys.executable, str(ROOT / "ingest.py"), "snapshot", served, "--db", live], check=True,
                   capture_output=True, timeout=60)
    counts = tmp_path / "counts.json"
    subprocess.run([DATASETTE, "inspect", served, "--inspect-file", counts], check=True, timeout=120)
    inspect_data = json.loads(counts.read_text())
    assert inspect_data["archive"]["tables"]["claims"]["count"] == rows(served, "select count(*) from claims")[0][0]
    inspect_data["archive"]["tables"]["claims"]["count"] = 123_456  # so the page shows the file's, not a count
    ds = Datasette(immutables=[str(served)], inspect_data=inspect_data, metadata=METADATA,
                   settings={"sql_time_limit_ms": 1000})
    tables = {t["name"]: t for t in (await ds.client.get("/archive.json")).json()["tables"]}
    assert tables["claims"]["count"] == 123_456
    assert tables["articles"]["count"] == 3
    page = await ds.client.get("/archive/search_claims.json?q=winds&_shape=array")
    assert page.status_code == 200 and page.json()
    assert ds.databases["archive"].is_mutable is False


def _served(db: Path, large_table_rows: int) -> Datasette:
    metadata = {**METADATA, "plugins": {**METADATA["plugins"],
                                        "claimarchive": {"large_table_rows": large_table_rows}}}
    return Datasette([str(db)], metadata=metadata, settings={"sql_time_limit_ms": 1000})


async def test_a_large_tables_search_shows_its_first_page_without_counting_or_faceting_every_match(tmp_path):
    folder = corpus(tmp_path / "in", 3)
    db = tmp_path / "archive.db"
    subprocess.run([sys.executable, str(ROOT / "ingest.py"), folder, "--db", db, "--model", "blank", "--quiet"],
                   check=True, timeout=300)
    words = Counter(w for (text,) in rows(db, "select text from claims") for w in re.findall(r"[a-z]{4,}", text.lower()))
    word = words.most_common(1)[0][0]  # a word many claims have
    small, large = _served(db, 1_000_000), _served(db, 1)  # the archive's tables are small, then large
    search = f"/archive/claims.json?_search={word}"
    whole, first = (await small.client.get(search)).json(), (await large.client.get(search)).json()
    assert whole["filtered_table_rows_count"] > 0 and set(whole["facet_results"]) >= {"kind", "certainty"}
    assert first["filtered_table_rows_count"] is None and first["facet_results"] == {}
    assert first["suggested_facets"] == [] and first["rows"] == whole["rows"]  # the claims' own order: their id
    asked = (await large.client.get(search + "&_facet=kind")).json()
    assert "kind" in asked["facet_results"]  # a request that names a facet has the facets
    articles = (await large.client.get(f"/archive/articles.json?_search={word}")).json()
    ids = [row[articles["columns"].index("id")] for row in articles["rows"]]
    assert ids and ids == sorted(ids, reverse=True)  # newest archived first
    assert articles["human_description_en"].endswith("sorted by id descending")
    whole_articles = (await small.client.get(f"/archive/articles.json?_search={word}")).json()
    assert whole_articles["human_description_en"].endswith("sorted by published descending")
    page = await large.client.get(f"/archive/claims?_search={word}")
    assert page.status_code == 200 and word in page.text
    unsearched = (await large.client.get("/archive/claims.json")).json()  # only a search is changed
    assert unsearched["filtered_table_rows_count"] > 0 and unsearched["facet_results"]
