"""Serving: metadata.yml as Datasette 0.65 reads it, and every page and canned query through its test client."""
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from datasette.app import Datasette

METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"

# The keys Datasette 0.65 reads from metadata (docs: "Metadata" and "Canned queries").
TOP_KEYS = {"title", "description", "description_html", "license", "license_url", "source", "source_url",
            "about", "about_url", "databases", "plugins", "extra_css_urls", "extra_js_urls", "allow", "allow_sql"}
DATABASE_KEYS = TOP_KEYS | {"tables", "queries"}
TABLE_KEYS = TOP_KEYS - {"databases"} | {"columns", "label_column", "facets", "sort", "sort_desc", "size",
                                         "sortable_columns", "hidden", "fts_table", "fts_pk", "searchmode", "units"}
QUERY_KEYS = {"sql", "title", "description", "description_html", "hide_sql", "fragment", "params", "write",
              "on_success_message", "on_success_redirect", "on_error_message", "on_error_redirect", "allow"}

# Parameters a researcher would give each canned query on the seed.
QUERY_PARAMS = {
    "search_claims": {"q": "rebels Homs"},
    "claims_of_source": {"source": "SOHR"},
    "article_claims": {"article_id": "1"},
    "claims_about_place": {"place": "Homs"},
    "figures_by_kind": {"kind": "killed"},
    "who_said_it_first": {"claim_id": "1"},
    "copies_of_article": {"article_id": "1"},
    "figures_that_disagree": {"place": "", "kind": "killed"},
}


@pytest.fixture(scope="module")
def metadata():
    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))


@pytest.fixture
async def ds(seed_db, metadata):
    datasette = Datasette([str(seed_db)], metadata=metadata, settings={"sql_time_limit_ms": 1000})
    await datasette.invoke_startup()
    return datasette


def test_metadata_uses_only_keys_datasette_reads(metadata):
    assert set(metadata) <= TOP_KEYS
    for name, database in metadata["databases"].items():
        assert set(database) <= DATABASE_KEYS, name
        for table, spec in database["tables"].items():
            assert set(spec) <= TABLE_KEYS, table
        for query, spec in database["queries"].items():
            assert set(spec) <= QUERY_KEYS, query
            assert not spec.get("write"), f"{query}: the archive is served read-only"


def test_every_table_and_column_is_described(seed_db, metadata):
    tables = metadata["databases"]["archive"]["tables"]
    with sqlite3.connect(seed_db) as conn:
        names = [r[0] for r in conn.execute(
            "select name from sqlite_master where type in ('table', 'view') and name not like '%_fts_%' and name not like 'sqlite_%'")]
        for name in names:
            assert name in tables and (tables[name].get("description") or tables[name].get("hidden")), name
            if tables[name].get("columns") is not None:
                columns = {r[1] for r in conn.execute(f"pragma table_info([{name}])")}
                assert columns == set(tables[name]["columns"]), name
            elif not tables[name].get("hidden"):
                assert conn.execute("select count(*) from sqlite_master where type = 'view' and name = ?",
                                    [name]).fetchone()[0] == 1, f"{name}: a table must describe its columns"
        for name in tables:
            assert name in names, f"metadata describes {name}, which the archive lacks"


# Tables, views and canned queries that link articles across the archive: empty for one article
# (tests/test_across.py and tests/test_across_figures.py fill them).
ACROSS = {"article_links", "claim_links", "claim_clusters", "cluster_summaries", "figure_conflicts", "claim_cluster_summary",
          "claim_appearances", "repeated_from_one_source", "copies_of_article", "denials_and_what_they_deny",
          "figures_that_disagree",
          # fact-checks: none until reviews are imported (tests/test_reviews.py imports them)
          "reviews", "reviewed_claims", "claims_matching_a_fact_check", "repeated_after_rated_false",
          "reviews_not_on_a_claim"}


async def test_every_table_page_serves_rows(ds, seed_db, metadata):
    with sqlite3.connect(seed_db) as conn:
        names = [r[0] for r in conn.execute(
            "select name from sqlite_master where type in ('table', 'view') and name not like '%_fts%' and name not like 'sqlite_%'")]
    for name in names:
        page = await ds.client.get(f"/archive/{name}")
        assert page.status_code == 200, name
        data = (await ds.client.get(f"/archive/{name}.json?_shape=array")).json()
        assert len(data) > 0 or name in ACROSS, f"{name} has no rows for the seed"


async def test_every_canned_query_serves_rows(ds, metadata):
    for name in metadata["databases"]["archive"]["queries"]:
        params = QUERY_PARAMS.get(name, {})
        page = await ds.client.get(f"/archive/{name}?{urlencode(params)}")
        assert page.status_code == 200, name
        data = (await ds.client.get(f"/archive/{name}.json?_shape=array&{urlencode(params)}")).json()
        assert isinstance(data, list) and (len(data) > 0 or name in ACROSS), f"{name} returns no rows for {params}"


async def test_empty_search_is_safe_and_returns_nothing(ds):
    response = await ds.client.get("/archive/search_claims.json?_shape=array&q=")
    assert response.status_code == 200 and response.json() == []
    odd = await ds.client.get("/archive/search_claims.json?_shape=array&" + urlencode({"q": 'AND "OR ( *'}))
    assert odd.status_code == 200


async def test_search_ranks_matching_claims(ds):
    rows = (await ds.client.get("/archive/search_claims.json?_shape=array&q=displacement")).json()
    assert rows and all("displac" in row["text"].lower() for row in rows)


async def test_claims_facet_by_source_and_kind(ds):
    data = (await ds.client.get("/archive/claims.json?_facet=kind&_facet=source_id")).json()
    kinds = {f["value"] for f in data["facet_results"]["kind"]["results"]}
    assert {"attributed", "reported"} <= kinds
    assert data["facet_results"]["source_id"]["results"]


async def test_map_page_has_coordinates(ds):
    rows = (await ds.client.get("/archive/place_map.json?_shape=array")).json()
    assert rows and all(r["latitude"] is not None and r["longitude"] is not None for r in rows)
    page = await ds.client.get("/archive/place_map")
    assert "datasette-cluster-map" in page.text or "cluster-map" in page.text


async def test_served_read_only(ds, seed_db):
    before = sqlite3.connect(seed_db).execute("select count(*) from claims").fetchone()[0]
    for sql in ("delete from claims", "update articles set body = ''", "drop table claims"):
        response = await ds.client.get("/archive.json?" + urlencode({"sql": sql}))
        assert response.status_code == 400
    assert sqlite3.connect(seed_db).execute("select count(*) from claims").fetchone()[0] == before
