"""The plugin's pages and cells through Datasette's own test client: each route (status, key content), ids linked
everywhere, superseded claims hidden by default, place names readable, and every piece of data escaped."""
import html as html_lib
import json
import re
import shutil
import sqlite3
import struct
from html.parser import HTMLParser

import pytest
import yaml
from datasette.app import Datasette

from claimarchive.serve import geo
from claimarchive.serve.marks import Span, render
from claimarchive.serve.names import local_name, place_kind, place_name
from claimarchive.serve.pages import json_for_script, safe_url
from conftest import ROOT, run_ingest
from test_ingest import write
from test_security import RAW_MARKUP

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))


async def served(db) -> Datasette:
    datasette = Datasette([str(db)], metadata=METADATA, settings={"sql_time_limit_ms": 1000})
    await datasette.invoke_startup()
    return datasette


@pytest.fixture
async def ds(seed_db):
    return await served(seed_db)


def rows(db, sql, params=()):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


class Nesting(HTMLParser):
    """Fails on an end tag that does not close the innermost open element."""

    VOID = {"br", "img", "meta", "link", "input", "hr"}

    def __init__(self):
        super().__init__()
        self.stack = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()


def well_nested(html: str) -> bool:
    parser = Nesting()
    parser.feed(html)
    parser.close()
    return parser.stack == []


def test_overlapping_and_nested_spans_render_well_nested_and_escaped():
    text = "<b>one</b> two & three \"four\""
    spans = [Span(0, 14, 1, (("class", "a"), ("href", "/c/1"))), Span(5, 22, 1, (("class", "b"), ("href", "/c/2"))),
             Span(3, 8, 3, (("class", "f"),)), Span(0, len(text), 0, (("class", "seg"),)),
             Span(11, 14, 2, (("class", "src"), ("href", '/c/"3'))), Span(20, 20, 3, (("class", "empty"),))]
    html = render(text, spans)
    assert well_nested(html)
    assert "<b>" not in html and "&lt;b&gt;one&lt;/b&gt;" in re.sub(r"<[^>]+>", "", html)
    assert re.sub(r"<[^>]+>", "", html) == str(render(text, []))
    assert html.count("<a ") >= 3 and '/c/&#34;3' in html and "empty" not in html
    assert not re.search(r"<a [^>]*>[^<]*<a ", html), "links never nest"


def test_a_span_is_cut_to_the_text_it_is_drawn_in():
    html = render("cdef", [Span(0, 4, 1, (("class", "c"),))], offset=2)
    assert html == '<span class="c">cd</span>ef'


def test_json_for_a_script_element_cannot_close_it():
    text = json_for_script({"x": "</script><script>alert(1)</script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text.replace("\\u0026", "")


def test_only_http_and_https_urls_become_links():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    for url in ("javascript:alert(1)", " JavaScript:alert(1)", "file:///etc/passwd", "data:text/html,x", "//x.org",
                "https://x.org/a b", None, ""):
        assert safe_url(url) is None, url


def test_a_place_is_named_as_the_gazetteer_stores_it_with_what_else_it_gives():
    # an archive whose places table has only name and feature: the name as stored, nothing invented
    bare = {"name": "Ḩamāh", "feature": "city"}
    assert (place_name(bare), local_name(bare), place_kind(bare)) == ("Ḩamāh", "", "city")
    # a gazetteer that gives a local form, a granularity and a region: all shown
    full = {"name": "Hama", "local_name": "Ḩamāh", "granularity": "city", "feature": "PPLA", "region": "Hama Governorate"}
    assert (place_name(full), local_name(full), place_kind(full)) == ("Hama", "Ḩamāh", "city · Hama Governorate")
    assert local_name({"name": "Homs", "local_name": "Homs"}) == ""


def test_a_country_is_drawn_inside_its_outline_not_at_its_capital():
    latitude, longitude = geo.point({"feature": "country", "country": "RU", "latitude": 55.75, "longitude": 37.6})
    assert longitude > 60
    assert geo.point({"feature": "city", "country": "SY", "latitude": 34.7, "longitude": 36.7}) == (34.7, 36.7)
    assert len(geo.countries()) > 170


def shapefile(*records) -> bytes:
    """A polyline shapefile (shape type 3) of the given records, each a list of parts of (x, y), or None: a null
    shape."""
    body = b""
    for number, parts in enumerate(records, 1):
        if parts is None:
            content = struct.pack("<i", 0)
        else:
            points = [p for part in parts for p in part]
            starts = [sum(len(part) for part in parts[:i]) for i in range(len(parts))]
            content = (struct.pack("<i4d2I", 3, 0, 0, 0, 0, len(parts), len(points))
                       + struct.pack(f"<{len(parts)}I", *starts) + struct.pack(f"<{2 * len(points)}d", *sum(points, ())))
        body += struct.pack(">2I", number, len(content) // 2) + content
    return struct.pack(">7I", 9994, 0, 0, 0, 0, 0, (100 + len(body)) // 2) + bytes(72) + body


def test_region_borders_are_read_joined_where_two_meet_and_simplified():
    a, b = [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0)], [(4.0, 0.0), (3.0, 0.001), (2.0, 0.0)]
    c, d = [(4.0, 0.0), (4.0, 1.0)], [(4.0, 0.0), (5.0, 0.0), (5.0, 1.0)]
    data = shapefile([a], None, [b], [c, d])
    assert geo.shp_lines(data) == [a, b, c, d]
    # a and b meet alone at (2, 0) and become one line; b, c and d meet at (4, 0) and stay apart
    assert geo.chains(geo.shp_lines(data)) == [a + [(3.0, 0.001), (4.0, 0.0)], c, d]
    joined = a + [(3.0, 0.001), (4.0, 0.0)]
    assert geo.simplify(joined, 0.01) == [(0.0, 0.0), (4.0, 0.0)]
    assert geo.simplify(joined, 0.0001) == [(0.0, 0.0), (2.0, 0.0), (3.0, 0.001), (4.0, 0.0)]
    # Natural Earth's own first-level borders, from the installed package
    assert len(geo.region_lines()) > 5000


def _paths_in(svg: str, group: str) -> list[str]:
    found = re.search(rf'<g class="{group}"[^>]*>(.*?)</g>', svg)
    return re.findall(r'<path d="[^"]+"/>', found.group(1)) if found else []


def _stroke(svg: str, group: str) -> float:
    return float(re.search(rf'<g class="{group}"[^>]*stroke-width="([\d.]+)"', svg).group(1))


async def test_tiles_draw_region_borders_thinner_than_countries_from_zoom_3(ds):
    async def tile(z, x, y):
        response = await ds.client.get(f"/-/claimarchive/tiles/{z}/{x}/{y}.svg")
        assert response.status_code == 200
        return response.text
    # the whole world (zoom 0) and a quarter of it (zoom 2): countries only
    for z, x, y in ((0, 0, 0), (2, 0, 1)):
        svg = await tile(z, x, y)
        assert _paths_in(svg, "countries") and not _paths_in(svg, "regions")
    # zoom 4 over the middle of North America (lon -112.5..-90, lat 31..41): its states' borders
    america = await tile(4, 3, 6)
    assert len(_paths_in(america, "regions")) >= 10
    assert _stroke(america, "regions") < _stroke(america, "countries")
    # zoom 4 over the South Atlantic: ocean, no border
    assert not _paths_in(await tile(4, 7, 9), "regions")
    # deeper zooms draw finer borders: from the finest level to the coarsest, fewer points each time
    points = [sum(len(line) for _, lines in geo._projected_regions()[tolerance] for line in lines)
              for _, tolerance in geo.REGION_DETAIL]
    assert points == sorted(points, reverse=True) and points[-1] < points[0] / 2
    assert geo.region_tolerance(2) is None and geo.region_tolerance(3) > geo.region_tolerance(12)


async def test_article_page_marks_every_current_claim(ds, seed_db):
    article = rows(seed_db, "select id from articles")[0][0]
    page = await ds.client.get(f"/archive/-/article/{article}")
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    marked = set(re.findall(r'class="m m-claim[^"]*" href="[^"]+" data-tip="c\d+" data-claim="(\d+)"', page.text))
    current = {str(i) for (i,) in rows(seed_db, "select id from claims where status = 'current' and article_id = ?",
                                      [article])}
    assert marked == current
    text = re.search(r'<div class="ca-text" id="ca-text">(.*?)</div>', page.text, re.DOTALL).group(1)
    assert well_nested(text)
    assert "tipsclear.com" in page.text and "BBC News" in page.text and "sha256" in page.text
    assert "Superseded by curated claims" in page.text


async def test_claim_page_shows_sentence_source_chain_and_origin(ds, seed_db):
    claim_id, source = rows(seed_db, "select claims.id, sources.name from claims join sources on sources.id = "
                            "claims.source_id where claims.status = 'current' and claims.source_id is not null "
                            "order by claims.id limit 1")[0]
    page = await ds.client.get(f"/archive/-/claim/{claim_id}")
    assert page.status_code == 200
    assert "ca-sentence" in page.text and source in page.text and "chain" in page.text and "origin" in page.text
    superseded = rows(seed_db, "select id, superseded_by from claims where status = 'superseded'")[0]
    page = await ds.client.get(f"/archive/-/claim/{superseded[0]}")
    assert "<strong>superseded</strong>" in page.text and f"/archive/-/claim/{superseded[1]}" in page.text


async def test_source_page_lists_claims_and_draws_figures(ds, seed_db):
    source_id = rows(seed_db, "select c.source_id from quantities q join claims c on c.id = q.claim_id "
                     "where c.source_id is not null group by c.source_id order by count(*) desc limit 1")[0][0]
    page = await ds.client.get(f"/archive/-/source/{source_id}")
    assert page.status_code == 200 and '<svg class="ca-chart"' in page.text and "Claims, over time" in page.text


async def test_map_page_and_tiles(ds, seed_db):
    page = await ds.client.get("/archive/-/map")
    assert page.status_code == 200 and 'id="ca-map-data"' in page.text
    named = {name for (name,) in rows(seed_db, "select distinct places.name from places join place_mentions on "
                                      "place_mentions.place_id = places.id")}
    data = json.loads(html_lib.unescape(re.search(r'id="ca-map-data">(.*?)</script>', page.text, re.DOTALL).group(1)))
    assert {p["name"] for p in data["places"]} == named and all(p["href"].startswith("/archive/") for p in data["places"])
    assert not re.search(r"https?://(?!127\.0\.0\.1)", page.text.split('id="ca-map-data"')[1].split("</script>")[0])
    tile = await ds.client.get("/-/claimarchive/tiles/0/0/0.svg")
    assert tile.status_code == 200 and tile.headers["content-type"].startswith("image/svg+xml")
    assert tile.text.startswith("<svg") and "<path" in tile.text
    assert (await ds.client.get("/-/claimarchive/tiles/2/4/0.svg")).status_code == 404


async def test_missing_rows_and_databases_are_404(ds):
    for path in ("/archive/-/article/99999", "/archive/-/claim/99999", "/archive/-/source/99999", "/archive/-/place/1",
                 "/nosuch/-/article/1", "/_memory/-/map"):
        assert (await ds.client.get(path)).status_code == 404, path


async def test_ids_link_to_the_pages_on_tables_views_and_queries(ds):
    claims = (await ds.client.get("/archive/claims")).text
    assert re.search(r'<a href="/archive/-/article/\d+">Rebel Forces', claims)
    assert re.search(r'<a href="/archive/-/source/\d+">[^<]+</a>', claims)
    assert re.search(r'<a href="/archive/-/claim/\d+">', claims)
    details = (await ds.client.get("/archive/claim_details")).text
    assert re.search(r'<td class="col-id[^"]*"><a href="/archive/-/claim/\d+">', details)
    articles = (await ds.client.get("/archive/articles")).text
    assert re.search(r'<a href="/archive/-/article/\d+">Rebel Forces', articles) and "read the article" in articles
    for query in ("search_claims?q=rebels", "article_claims?article_id=1", "claims_of_source?source=SOHR",
                  "direct_quotes", "unconfirmed_hedged_denied"):
        html = (await ds.client.get(f"/archive/{query}")).text
        assert re.search(r'<a href="/archive/-/claim/\d+">', html), query
    row = (await ds.client.get("/archive/articles/1")).text
    assert "the page as received" not in row or "<html" not in row.lower().split("the page as received")[1][:200]


async def test_superseded_claims_are_hidden_until_asked_for(ds, seed_db):
    current, every = (rows(seed_db, "select count(*) from claims where status = 'current'")[0][0],
                      rows(seed_db, "select count(*) from claims")[0][0])
    assert current < every
    for table in ("claims", "claim_details"):
        hidden = (await ds.client.get(f"/archive/{table}.json?_size=max")).json()
        shown = (await ds.client.get(f"/archive/{table}.json?_size=max&_superseded=1")).json()
        assert len(hidden["rows"]) == current and len(shown["rows"]) == every, table
        superseded = (await ds.client.get(f"/archive/{table}.json?status=superseded")).json()
        assert len(superseded["rows"]) == every - current
    html = (await ds.client.get("/archive/claims")).text
    assert "superseded claims hidden" in html and "_superseded=1" in html


async def test_places_show_their_local_form_and_granularity_when_the_gazetteer_gives_them(seed_db, tmp_path):
    db = tmp_path / "archive.db"
    with sqlite3.connect(seed_db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
        copy.execute("alter table places add column local_name text")
        copy.execute("alter table places add column granularity text")
        place_id, name = copy.execute("select places.id, places.name from places join place_mentions on "
                                      "place_mentions.place_id = places.id where place_mentions.claim_id is not null "
                                      "order by places.id limit 1").fetchone()
        copy.execute("update places set local_name = 'Local ' || name, granularity = 'district' where id = ?",
                     [place_id])
    claim = rows(db, "select claim_id from place_mentions where place_id = ? and claim_id is not null", [place_id])[0][0]
    datasette = await served(db)
    places = (await datasette.client.get("/archive/places")).text
    assert f'{name} <span class="local-name">(Local {name})</span>' in places
    page = (await datasette.client.get(f"/archive/-/claim/{claim}")).text
    assert f'(Local {name})</span>' in page and "district · " in page
    assert f"Local {name}" in (await datasette.client.get("/archive/-/map")).text
    # without the columns (the seed archive as main makes it): the name alone
    plain = await served(seed_db)
    assert "local-name" not in (await plain.client.get(f"/archive/-/claim/{claim}")).text


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-pages")
    write(folder / "in" / "page.txt", "Title <script>alert('t')</script>\n\n<img src=x onerror=\"alert('i')\"> "
          "Nine people were hurt, the mayor said. \u201c<a href=\"javascript:alert('q')\">Look</a>,\u201d "
          "she told reporters.\n")
    write(folder / "in" / "page.yml", 'title: "T <script>alert(1)</script>"\nurl: "javascript:alert(1)"\n'
                                      "publisher: \"<img src=x onerror=alert('p')>\"\n")
    db = folder / "archive.db"
    result = run_ingest(folder / "in", "--db", db, "--model", "blank")
    assert result.returncode == 0, result.stderr
    return db


async def test_the_pages_escape_everything_from_the_data(hostile_db):
    datasette = await served(hostile_db)
    claim = rows(hostile_db, "select id from claims order by id")[0][0]
    for path in ("/archive/-/article/1", f"/archive/-/claim/{claim}", "/archive/-/map", "/archive/articles",
                 "/archive/articles/1", "/archive/claims", "/archive/claim_details",
                 "/archive/article_claims?article_id=1"):
        html = (await datasette.client.get(path)).text
        for markup in (*RAW_MARKUP, "<img src=x", 'href="javascript:', "<script>alert(1)"):
            assert markup.lower() not in html.lower(), (path, markup)
    article = (await datasette.client.get("/archive/-/article/1")).text
    assert "&lt;script&gt;alert(" in article and "javascript:alert(1)" in article
    sources = rows(hostile_db, "select id from sources")
    for (source,) in sources:
        html = (await datasette.client.get(f"/archive/-/source/{source}")).text
        assert "<img src=x" not in html and "<script>alert" not in html


@pytest.fixture(scope="module")
def across_db(tmp_path_factory):
    """The seed and tests/across/ (copies of a story, the same claim in several articles, a denial)."""
    folder = tmp_path_factory.mktemp("across-pages")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copytree(ROOT / "tests" / "across", folder / "across")
    db = folder / "archive.db"
    result = run_ingest(folder / "seeds", folder / "across", "--db", db)
    assert result.returncode == 0, result.stderr
    return db


def article_id(db, path: str) -> int:
    return rows(db, "select id from articles where path like ?", [f"%{path}"])[0][0]


async def test_article_page_lists_the_copies_of_its_story_with_their_relation(across_db):
    datasette = await served(across_db)
    reuters = article_id(across_db, "reuters-sumy-market.txt")
    copies = rows(across_db, "select case article_id when ? then other_id else article_id end, relation from "
                  "article_links where ? in (article_id, other_id)", [reuters, reuters])
    assert len(copies) == 2
    html = (await datasette.client.get(f"/archive/-/article/{reuters}")).text
    listed = re.findall(r'<li><span class="tag">(\w+)</span> <a href="/archive/-/article/(\d+)">',
                        html.split("Copies of this story")[1].split("</ul>")[0])
    assert sorted((int(i), relation) for relation, i in listed) == sorted(copies)
    alone = article_id(across_db, "drone-kharkiv.txt")
    assert "No other archived article shares this text" in (await datasette.client.get(f"/archive/-/article/{alone}")).text


async def test_claim_page_lists_its_appearances_in_publication_order_and_what_denies_it(across_db):
    datasette = await served(across_db)
    denial, denied = rows(across_db, "select l.claim_id, l.other_id from claim_links l join claims c on c.id = "
                          "l.other_id join claim_clusters k on k.claim_id = c.id where l.relation = 'denies' "
                          "order by l.id limit 1")[0]
    html = (await datasette.client.get(f"/archive/-/claim/{denied}")).text
    denies = html.split("What denies it")[1].split("</ul>")[0]
    assert f'href="/archive/-/claim/{denial}"' in denies
    table = html.split("The same claim elsewhere")[1].split("</table>")[0]
    shown = [int(i) for i in re.findall(r'<tr class="[^"]*"><td>(\d+)', table)]
    appearances = rows(across_db, "select position, first, claim_id from claim_appearances where cluster_id = "
                       "(select cluster_id from claim_clusters where claim_id = ?) order by position", [denied])
    assert len(appearances) >= 2 and shown == [p for p, _, _ in appearances]
    assert table.count("tag-first") == 1 and sum(f for _, f, _ in appearances) == 1
    first_row = table.split("<tr")[[p for p, f, _ in appearances if f][0] + 1]
    assert "tag-first" in first_row
    page = (await datasette.client.get(f"/archive/-/claim/{denial}")).text
    assert f'href="/archive/-/claim/{denied}"' in page.split("What it denies")[1].split("</ul>")[0]


async def test_ids_in_views_and_queries_are_labelled_and_linked(across_db):
    datasette = await served(across_db)
    reuters = article_id(across_db, "reuters-sumy-market.txt")
    title = rows(across_db, "select title from articles where id = ?", [reuters])[0][0]
    link = f'<a href="/archive/-/article/{reuters}">{html_lib.escape(title, quote=False)}</a>'
    for path in ("claim_appearances", "claim_details", "figures", f"copies_of_article?article_id={article_id(across_db, 'ledger-sumy.md')}"):
        html = (await datasette.client.get(f"/archive/{path}?_size=max" if "?" not in path else f"/archive/{path}")).text
        assert link in html, path
    summary = (await datasette.client.get("/archive/claim_cluster_summary")).text
    cluster = rows(across_db, "select min(cluster_id) from claim_clusters")[0][0]
    assert f'<a href="/archive/-/claim/{cluster}">group of claim {cluster}</a>' in summary
    first, text = rows(across_db, "select c.id, c.text from claim_cluster_summary s join claims c on c.id = "
                       "s.first_claim_id where s.cluster_id = ?", [cluster])[0]
    assert f'<td class="col-first_claim_id type-int"><a href="/archive/-/claim/{first}">{html_lib.escape(text[:79], quote=False)}' in summary
    # an id whose label is linked beside it (a view's article_title) is shown short, not twice
    details = (await datasette.client.get("/archive/claim_details")).text
    assert re.search(r'<td class="col-article_id type-int"><a href="/archive/-/article/(\d+)">article \1</a>', details)
    place, name = rows(across_db, "select places.id, places.name from figures join places on places.id = "
                       "figures.place_id limit 1")[0]
    assert f'<a href="/archive/-/place/{place}">{html_lib.escape(name, quote=False)}</a>' in (
        await datasette.client.get("/archive/figures?_size=max")).text


async def query_claims(datasette, query: str, **params) -> set[int]:
    response = await datasette.client.get(f"/archive/{query}.json", params={**params, "_shape": "objects"})
    return {row["claim_id"] for row in response.json()["rows"]}


async def test_claim_queries_hide_superseded_claims_until_asked(ds, seed_db):
    superseded = {i for (i,) in rows(seed_db, "select id from claims where status != 'current'")}
    text = rows(seed_db, "select text from claims where status != 'current' limit 1")[0][0]
    word = max(re.findall(r"\w{5,}", text), key=len)
    seen = set()
    for query, params in (("search_claims", {"q": word}), ("claims_about_place", {"place": "Deraa"}),
                          ("claims_of_source", {"source": "SOHR"}), ("unconfirmed_hedged_denied", {}),
                          ("direct_quotes", {})):
        hidden = await query_claims(ds, query, **params)
        shown = await query_claims(ds, query, **params, superseded="1")
        assert hidden and not hidden & superseded and hidden <= shown, query
        seen |= shown & superseded
    assert seen, "asked for, superseded claims are shown"
    html = (await ds.client.get("/archive/search_claims", params={"q": word})).text
    assert 'class="ca-keep-query" href="?superseded=1"' in html


async def test_internet_tiles_only_when_configured_and_only_their_host(seed_db):
    offline = await (await served(seed_db)).client.get("/archive/-/map")
    assert "img-src 'self' data:;" in offline.headers["content-security-policy"]
    assert '"online_tiles": null' in offline.text
    metadata = {**METADATA, "plugins": {**METADATA["plugins"], "claimarchive": {
        "online_tile_layer": "https://{s}.tiles.example.org/{z}/{x}/{y}.png", "online_tile_attribution": "Example"}}}
    datasette = Datasette([str(seed_db)], metadata=metadata)
    online = await datasette.client.get("/archive/-/map")
    assert "img-src 'self' data: https://*.tiles.example.org;" in online.headers["content-security-policy"]
    assert "https://{s}.tiles.example.org/{z}/{x}/{y}.png" in online.text
    article = await datasette.client.get("/archive/-/article/1")
    assert "example.org" not in article.headers["content-security-policy"]


async def test_place_page_plots_the_figures_counted_there_by_source(across_db):
    datasette = await served(across_db)
    place, = rows(across_db, "select place_id from figures where event is not null and place_id is not null "
                  "group by place_id order by count(distinct source) desc, place_id limit 1")[0]
    page = await datasette.client.get(f"/archive/-/place/{place}")
    assert page.status_code == 200
    html = page.text
    claims = {str(i) for (i,) in rows(across_db, "select distinct claim_id from place_mentions where place_id = ? "
                                      "and claim_id is not null", [place])}
    listed = set(re.findall(r'<a href="/archive/-/claim/(\d+)">', html.split("Claims that name it")[1]))
    assert listed == claims
    chart = html.split('<svg class="ca-chart"')[1].split("</svg>")[0]
    plotted = rows(across_db, "select count(*) from figures where place_id = ? and event is not null and value is not "
                   "null", [place])[0][0]
    assert chart.count("<circle") == plotted and plotted >= 2
    sources = {s for (s,) in rows(across_db, "select distinct source from figures where place_id = ? and event is not "
                                  "null", [place])}
    assert len(sources) >= 2 and all(html_lib.escape(s, quote=False) in chart for s in sources)
    assert "population" not in chart and "distance" not in chart
    # the map's markers open the place's page
    data = (await datasette.client.get("/archive/-/map")).text
    assert f'"/archive/-/place/{place}"' in data
