"""The pages in a real browser: headless Chromium (Debian's package, driven by Playwright) against `datasette serve`
as `make serve` runs it, over an archive of seeds/, tests/across/ and a hostile article. One server and one
browser for the module; screenshots of each page type go to tests/screenshots/ (git-ignored)."""
from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from claimarchive.serve import geo
from conftest import ROOT, SEED, SEEDS, run_ingest
from test_ingest import write

CHROMIUM = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")  # make test passes its CHROMIUM
SHOTS = ROOT / "tests" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE_TITLE = "Hostile <script>alert('title')</script> page"
HOSTILE = ("Hostile headline <script>alert('headline')</script>\n\n"
           "The mayor said the <img src=x onerror=\"alert('img')\"> bridge would reopen on Monday.\n\n"
           "\u201cClick <a href=\"javascript:alert('quote')\">here</a> to see it,\u201d the mayor told reporters.\n")

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - playwright is in requirements.txt
    sync_playwright = None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(not CHROMIUM.exists() or sync_playwright is None,
                       reason=f"browser tests skipped: no Chromium at {CHROMIUM} "
                              "(apt-get install -y chromium; .ci/run installs it)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    shutil.copytree(SEEDS, folder / "seeds")
    shutil.copytree(ROOT / "tests" / "across", folder / "across")
    write(folder / "hostile" / "page.txt", HOSTILE)
    write(folder / "hostile" / "page.yml", f'title: "{HOSTILE_TITLE}"\nurl: "javascript:alert(1)"\n'
                                           "publisher: \"<b onmouseover=alert('pub')>x</b>\"\n")
    db = folder / "archive.db"
    result = run_ingest(folder / "seeds", folder / "across", folder / "hostile", "--db", db)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def server(archive):
    """`datasette serve archive.db --metadata metadata.yml` on a free port of 127.0.0.1, as `make serve` runs it."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "datasette"), "serve", str(archive), "--metadata",
               str(ROOT / "metadata.yml"), "--host", "127.0.0.1", "--port", str(port),
               "--setting", "sql_time_limit_ms", "1000"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser_context():
    SHOTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1280, "height": 900})
        yield context
        context.close()


class Watched:
    """A page, with the console errors, script errors, dialogs and request hosts seen on it."""

    def __init__(self, context):
        self.page = context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.hosts: set[str] = set()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.hosts.add(r.url.split("/")[2].rsplit(":", 1)[0]))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, url: str, shot: str | None = None):
        response = self.page.goto(url)
        assert response.status == 200, url
        self.page.wait_for_load_state("networkidle")
        if shot:
            self.page.screenshot(path=str(SHOTS / f"{shot}.png"))
        return self.page

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.hosts <= {"127.0.0.1"}, self.hosts


@pytest.fixture
def watched(browser_context):
    page = Watched(browser_context)
    yield page
    page.page.close()


def db_rows(db: Path, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def seed_id(db: Path) -> int:
    return db_rows(db, "select id from articles where path like ?", [f"%{SEED}"])[0][0]


def test_the_seed_article_marks_every_current_claim(server, archive, watched):
    article = seed_id(archive)
    page = watched.open(f"{server}/archive/-/article/{article}", shot="article")
    marked = set(page.eval_on_selector_all("#ca-text .m-claim[data-claim]",
                                           "els => els.map(e => e.getAttribute('data-claim'))"))
    current = {str(i) for (i,) in db_rows(archive, "select id from claims where article_id = ? and status = 'current'",
                                          [article])}
    assert marked == current and len(current) > 20
    superseded = {str(i) for (i,) in db_rows(archive, "select id from claims where article_id = ? and status != "
                                             "'current'", [article])}
    assert superseded and not superseded & marked
    assert page.locator("#ca-text .m-source").count() > 0 and page.locator("#ca-text .m-cue").count() > 0
    assert page.locator("#ca-text .seg.muted").count() > 0
    watched.clean()


def test_hover_and_focus_show_the_source(server, archive, watched):
    article = seed_id(archive)
    claim_id, source = db_rows(archive, "select claims.id, sources.name from claims join sources on sources.id = "
                               "claims.source_id where article_id = ? and status = 'current' order by start limit 1",
                               [article])[0]
    page = watched.open(f"{server}/archive/-/article/{article}")
    mark = page.locator(f'#ca-text a.m-claim[data-claim="{claim_id}"]').first
    mark.hover()
    tip = page.locator("#ca-tip")
    assert tip.is_visible() and f"Source: {source}" in tip.inner_text() and "Chain:" in tip.inner_text()
    page.mouse.move(1, 1)
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    mark.focus()
    assert tip.is_visible() and source in tip.inner_text()
    page.screenshot(path=str(SHOTS / "article-tooltip.png"))
    watched.clean()


def test_every_mark_leads_to_a_claim_page(server, archive, watched):
    page = watched.open(f"{server}/archive/-/article/{seed_id(archive)}")
    hrefs = set(page.eval_on_selector_all("#ca-text a.m", "els => els.map(e => e.href)"))
    assert hrefs and all("/archive/-/claim/" in href for href in hrefs)
    for href in sorted(hrefs):
        assert page.request.get(href).status == 200, href
    first = sorted(hrefs)[0]
    page.locator(f'#ca-text a.m[href="{first[len(server):]}"]').first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == first and page.locator("blockquote.ca-sentence .m-claim").count() >= 1
    watched.clean()


def test_claim_page_shows_its_appearances_and_denials(server, archive, watched):
    claim_id = db_rows(archive, "select c.id from claims c join articles a on a.id = c.article_id where a.path like "
                       "'%reuters-sumy-market.txt' and c.text like 'A Russian missile struck%'")[0][0]
    page = watched.open(f"{server}/archive/-/claim/{claim_id}", shot="claim")
    text = page.inner_text("body")
    assert "What denies it" in text and "Moscow rejects" in text or "defence ministry" in text
    assert page.locator(".ca-table .tag-first").count() == 1
    page.wait_for_selector("#ca-map[data-markers]")
    assert int(page.get_attribute("#ca-map", "data-markers")) >= 1
    watched.clean()


def test_source_page_draws_its_figures(server, archive, watched):
    source_id = db_rows(archive, "select c.source_id from quantities q join claims c on c.id = q.claim_id "
                        "where c.source_id is not null and q.event is not null "
                        "group by c.source_id order by count(*) desc limit 1")[0][0]
    page = watched.open(f"{server}/archive/-/source/{source_id}", shot="source")
    assert page.locator("svg.ca-chart circle").count() >= 1
    assert page.locator(".ca-table tbody tr").count() >= 1
    watched.clean()


# The zoom of each base-map tile loaded on the page (their addresses end /tiles/Z/X/Y.svg).
TILE_ZOOMS = ("Array.from(document.querySelectorAll('#ca-map img.leaflet-tile-loaded'))"
              ".filter(e => e.src.includes('/tiles/')).map(e => +e.src.split('/tiles/')[1].split('/')[0])")


def tile_zooms(page) -> list[int]:
    return page.evaluate(f"() => {TILE_ZOOMS}")


def test_maps_have_markers_and_ask_no_other_host(server, archive, watched):
    page = watched.open(f"{server}/archive/-/map", shot="map")
    page.wait_for_selector("#ca-map[data-markers]")
    places = db_rows(archive, "select count(distinct place_id) from place_mentions")[0][0]
    assert int(page.get_attribute("#ca-map", "data-markers")) == places
    assert page.locator("#ca-map path.ca-marker").count() == places
    assert page.locator("#ca-map img.leaflet-tile-loaded").count() > 0
    # the base layer's tiles, as drawn: country outlines, and region borders once zoomed in far enough
    while max(tile_zooms(page)) < geo.REGION_ZOOM:
        deeper = max(tile_zooms(page)) + 1
        page.click(".leaflet-control-zoom-in")
        page.wait_for_function(f"() => ({TILE_ZOOMS}).some(z => z >= {deeper})")
        page.wait_for_load_state("networkidle")
    tiles = page.eval_on_selector_all("#ca-map img.leaflet-tile-loaded", "els => els.map(e => e.src)")
    # (a tile Leaflet is pruning after the zoom has its src blanked to a data: URI for a moment: not a tile)
    tiles = [src for src in tiles if "/tiles/" in src and int(src.split("/tiles/")[1].split("/")[0]) >= geo.REGION_ZOOM]
    drawn = page.evaluate("srcs => Promise.all(srcs.map(s => fetch(s).then(r => r.text())))", tiles)
    assert all('class="countries"' in svg for svg in drawn)
    assert any('<g class="regions"' in svg for svg in drawn), tiles
    page.screenshot(path=str(SHOTS / "map-regions.png"))
    page.locator("#ca-map path.ca-marker").first.click(force=True)
    popup = page.locator(".leaflet-popup-content a").first
    assert popup.is_visible() and " claim" in page.locator(".leaflet-popup-content").first.inner_text()
    popup.click()
    page.wait_for_load_state("networkidle")
    assert "/archive/-/place/" in page.url and page.title() != ""
    page.wait_for_selector("#ca-map[data-markers]")
    assert int(page.get_attribute("#ca-map", "data-markers")) == 1
    place = page.url.rsplit("/", 1)[1]
    assert len(page.locator(".ca-table").last.locator("tbody tr").all()) == db_rows(
        archive, "select count(distinct claim_id) from place_mentions where place_id = ? and claim_id is not null",
        [place])[0][0]
    watched.open(f"{server}/archive/place_map", shot="place_map")
    page.wait_for_selector(".leaflet-marker-icon, .marker-cluster", timeout=5000)
    watched.clean()


def test_tables_link_ids_and_fold_their_descriptions(server, archive, watched):
    page = watched.open(f"{server}/archive/claims", shot="claims")
    assert page.locator("details.ca-columns-help").count() == 1
    assert not page.locator("dl.column-descriptions").is_visible()
    assert page.locator('td.col-article_id a[href*="/archive/-/article/"]').count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page = watched.open(f"{server}/archive/claim_details", shot="claim_details")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1600
    watched.clean()


def test_a_hostile_article_runs_none_of_its_payloads(server, archive, watched):
    article = db_rows(archive, "select id from articles where path like '%hostile/page.txt'")[0][0]
    claims = [i for (i,) in db_rows(archive, "select id from claims where article_id = ?", [article])]
    sources = [i for (i,) in db_rows(archive, "select distinct source_id from claims where article_id = ? and "
                                     "source_id is not null", [article])]
    assert claims and sources
    for url in (f"/archive/-/article/{article}", f"/archive/articles/{article}", "/archive/articles",
                f"/archive/claims?article_id={article}", *(f"/archive/-/claim/{i}" for i in claims),
                *(f"/archive/-/source/{i}" for i in sources), "/archive/-/map", "/archive/claim_details",
                f"/archive/article_claims?article_id={article}"):
        page = watched.open(server + url, shot="hostile" if "-/article" in url else None)
        assert page.locator("img[onerror], [onmouseover]").count() == 0
        assert page.eval_on_selector_all("a[href]", "els => els.filter(e => !/^https?:/.test(e.href)).length") == 0
        inline = page.eval_on_selector_all("script:not([src]):not([type='application/json'])", "els => els.map(e => e.textContent).join(' ')")
        assert "alert(" not in inline, url
    page = watched.open(f"{server}/archive/-/article/{article}")
    assert "<script>alert('headline')</script>" in page.inner_text("#ca-text")
    watched.clean()


def test_one_click_shows_superseded_claims_keeping_the_filters(server, archive, watched):
    article = seed_id(archive)
    current, every = (db_rows(archive, "select count(*) from claims where article_id = ? and status = 'current'",
                              [article])[0][0], db_rows(archive, "select count(*) from claims where article_id = ?",
                                                        [article])[0][0])
    assert current < every
    page = watched.open(f"{server}/archive/claims?article_id={article}")
    assert page.locator("table.rows-and-columns tbody tr").count() == current
    page.locator("a.ca-keep-query").first.click()
    page.wait_for_load_state("networkidle")
    assert f"article_id={article}" in page.url and "_superseded=1" in page.url
    assert page.locator("table.rows-and-columns tbody tr").count() == every
    assert page.locator("a.ca-keep-query").first.inner_text() == "hide them again"
    watched.clean()


def test_a_row_page_links_its_own_page(server, archive, watched):
    article = seed_id(archive)
    page = watched.open(f"{server}/archive/articles/{article}", shot="article_row")
    page.locator("a.ca-row-page").click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{server}/archive/-/article/{article}" and page.locator("#ca-text .m-claim").count() > 0
    watched.clean()


def test_place_page_plots_its_figures_by_source(server, archive, watched):
    place = db_rows(archive, "select place_id from figures where event is not null and place_id is not null "
                    "group by place_id order by count(distinct source) desc, place_id limit 1")[0][0]
    page = watched.open(f"{server}/archive/-/place/{place}", shot="place")
    assert page.locator("svg.ca-chart circle").count() >= 2
    page.wait_for_selector("#ca-map[data-markers]")
    assert page.locator("#ca-map img.leaflet-tile-loaded").count() > 0
    watched.clean()
