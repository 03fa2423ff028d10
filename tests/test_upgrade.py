"""An archive made by release 0.1.0 keeps working: it is upgraded in place, its rows kept, its files claimed
by their new paths when their bytes match, and re-extracted only when asked."""
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml

from claimarchive import __version__
from claimarchive.link.signature import BANDS
from claimarchive.schema import SCHEMA_VERSION, TABLES
from conftest import ROOT, SEED, SEEDS, cli, ingest
from test_ingest import dump, rows, summary, write

SIGNED = ("article_signatures", "article_bands")  # filled by the upgrade
FIXTURE = Path(__file__).parent / "fixtures" / "archive-0.1.0.sql"
OLD_PATHS = [("000_6c372f994df79183.txt", 1), ("more/003_poland_rates.txt", 2), ("more/004_nordhavn_results.md", 3),
             ("more/copy-of-poland.txt", 2)]


def old_archive(folder: Path) -> Path:
    """The files release 0.1.0 archived (as its fixture says) under folder/news, and its archive.db."""
    news = folder / "news"
    with_seed(news)
    corpus = ROOT / "tests" / "corpus"
    write(news / "more" / "003_poland_rates.txt", (corpus / "003_poland_rates.txt").read_bytes())
    write(news / "more" / "003_poland_rates.yml", (corpus / "003_poland_rates.yml").read_bytes())
    write(news / "more" / "copy-of-poland.txt", (corpus / "003_poland_rates.txt").read_bytes())
    write(news / "more" / "004_nordhavn_results.md", (corpus / "004_nordhavn_results.md").read_bytes())
    return archive_from(FIXTURE, folder)


def archive_from(fixture: Path, folder: Path) -> Path:
    """folder/archive.db as a release made it (its fixture's SQL), in WAL mode as releases write."""
    db = folder / "archive.db"
    with sqlite3.connect(db) as conn:
        conn.executescript(fixture.read_text(encoding="utf-8"))
        conn.execute("pragma journal_mode = wal")
    return db


def with_seed(news: Path, *folders: Path) -> None:
    """The seed with its sidecar and claims file, and every file of the folders, written under news/."""
    for suffix in (".txt", ".yml", ".claims.yml"):
        write(news / SEED.replace(".txt", suffix), (SEEDS / SEED.replace(".txt", suffix)).read_bytes())
    for path in (path for folder in folders for path in folder.iterdir()):
        write(news / path.name, path.read_bytes())


def upgraded_keeping(db: Path, news: Path, kept: tuple[str, ...], unchanged: int) -> None:
    """Ingest the old archive's own files again: upgraded in place, nothing re-extracted, every row of the kept
    tables as it was (the columns a later release adds come last)."""
    before = {table: rows(db, f"select * from [{table}] order by rowid") for table in kept}
    result = ingest(news, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == summary(unchanged=unchanged)
    assert rows(db, "pragma user_version") == [(SCHEMA_VERSION,)]
    for table in kept:
        assert [r[:len(before[table][0])] for r in rows(db, f"select * from [{table}] order by rowid")] == \
            before[table], table


def shaped_like_a_new_one(db: Path, news: Path, fresh: Path) -> None:
    """The upgraded archive has the tables, columns and indexes of one a new ingest of the same files makes, and
    is whole."""
    shutil.copytree(news, fresh.parent / "news")
    assert ingest(fresh.parent / "news", "--db", fresh).exit_code == 0
    assert shape(db) == shape(fresh)
    assert rows(db, "pragma integrity_check") == [("ok",)]
    assert rows(db, "pragma foreign_key_check") == []


@pytest.fixture
def old(tmp_path) -> Path:
    return old_archive(tmp_path)


def test_the_fixture_is_what_release_0_1_made(old):
    assert rows(old, "pragma user_version") == [(0,)]
    assert rows(old, "select path, article_id from article_files order by path") == OLD_PATHS
    assert rows(old, "select distinct extractor from articles") == [("claimarchive 0.1.0",)]
    assert "fingerprint" not in {r[1] for r in rows(old, "pragma table_info(article_files)")}


def test_opening_upgrades_in_place_and_keeps_every_row(old):
    made = {name for (name,) in rows(old, "select name from sqlite_master where type = 'table'")}
    before = {table: rows(old, f"select * from [{table}] order by rowid") if table in made else [] for table in TABLES}
    result = ingest(old.parent / "nothing", "--db", old)  # opening is enough
    assert result.exit_code == 1
    assert rows(old, "pragma user_version") == [(SCHEMA_VERSION,)]
    for table, spec in TABLES.items():
        columns = [r[1] for r in rows(old, f"pragma table_info([{table}])")]
        assert sorted(columns) == sorted(spec["columns"]), table  # the new ones added at the end
        old_rows = before[table]
        new_rows = rows(old, f"select * from [{table}] order by rowid")
        if table in SIGNED:  # every archived article is signed from its stored segments
            continue
        assert [r[:len(old_rows[0])] for r in new_rows] == old_rows if old_rows else new_rows == [], table
    assert rows(old, "select article_id, count(*) from article_bands group by article_id") == \
        [(article_id, BANDS) for article_id in (1, 2, 3)]
    assert rows(old, "select article_id from article_signatures") == [(1,), (2,), (3,)]
    assert rows(old, "select path, legacy, fingerprint from article_files order by path") == \
        [(path, 1, None) for path, _ in OLD_PATHS]
    assert rows(old, "select count(*) from claims_fts where claims_fts match 'rates'") == [(5,)]
    assert rows(old, "pragma integrity_check") == [("ok",)]
    assert rows(old, "pragma foreign_key_check") == []


def test_ingesting_the_same_files_adopts_them_by_their_new_paths_without_re_extracting(old):
    claims = rows(old, "select id, article_id, start, [end], text, origin from claims order by id")
    result = ingest(old.parent / "news", "--db", old)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        summary(unchanged=4),
        f"note: 4 unchanged article file(s) were extracted by claimarchive 0.1.0: --reextract extracts them "
        f"again with claimarchive {__version__}"]
    assert rows(old, "select path, article_id, legacy, fingerprint is not null from article_files order by path") == [
        ("news/" + path, article_id, 0, 1) for path, article_id in OLD_PATHS]
    assert rows(old, "select id, path from articles order by id") == [
        (1, "news/000_6c372f994df79183.txt"), (2, "news/more/003_poland_rates.txt"), (3, "news/more/004_nordhavn_results.md")]
    assert rows(old, "select id, article_id, start, [end], text, origin from claims order by id") == claims
    again = ingest(old.parent / "news", "--db", old)
    assert again.stderr.splitlines()[0] == summary(unchanged=4)


def test_reextract_extracts_again_what_an_older_release_extracted(old):
    ingest(old.parent / "news", "--db", old)
    result = ingest(old.parent / "news", "--db", old, "--reextract", "--verbose")
    assert result.exit_code == 0, result.stderr
    news = old.parent / "news"
    assert sorted(result.stderr.splitlines()[:-1]) == sorted([
        f"updated: {news / '000_6c372f994df79183.txt'}: re-extracted (claimarchive 0.1.0 → claimarchive {__version__})",
        f"updated: {news / 'more' / '003_poland_rates.txt'}: re-extracted (claimarchive 0.1.0 → claimarchive {__version__})",
        f"updated: {news / 'more' / '004_nordhavn_results.md'}: re-extracted (claimarchive 0.1.0 → claimarchive {__version__})",
        # release 0.1 archived it with the other copy's sidecar; now it is archived with its own inputs
        f"updated: {news / 'more' / 'copy-of-poland.txt'}: re-extracted (claimarchive 0.1.0 → claimarchive {__version__})",
    ])
    assert result.stderr.splitlines()[-1] == summary(updated=4)
    assert rows(old, "select distinct extractor from articles") == [(f"claimarchive {__version__}",)]
    assert rows(old, "select distinct origin from claims where origin != 'curated'") == [(f"extracted:{__version__}",)]
    assert rows(old, "select count(*), count(distinct article_id) from article_files") == [(4, 4)]
    # the same as a new archive of the same files
    fresh = old.parent / "fresh" / "archive.db"
    fresh.parent.mkdir()
    shutil.copytree(news, fresh.parent / "news")
    ingest(fresh.parent / "news", "--db", fresh)
    content = "select a.path, c.start, c.[end], c.text, c.source_text from claims c join articles a on a.id = c.article_id order by 1, 2, 3"
    assert rows(old, content) == rows(fresh, content)


def test_an_old_name_with_other_bytes_is_a_new_article_and_the_old_one_stays(old):
    news = old.parent / "news"
    (news / "more" / "004_nordhavn_results.md").write_text("# Something else\n\nA different article, said nobody.\n")
    result = ingest(news, "--db", old)
    assert result.stderr.splitlines()[0] == summary(ingested=1, unchanged=3)
    assert rows(old, "select path, article_id, legacy from article_files where path like '%nordhavn%' order by path") == [
        ("more/004_nordhavn_results.md", 3, 1), ("news/more/004_nordhavn_results.md", 4, 0)]
    assert rows(old, "select count(*) from claims where article_id = 3") != [(0,)]


def test_a_newer_archive_is_refused_and_left_as_it_is(tmp_path):
    db = tmp_path / "archive.db"
    write(tmp_path / "seeds" / "a.txt", "Title\n\nThe mayor said the bridge would reopen on Monday.\n")
    assert ingest("--db", db, cwd=tmp_path).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    before = dump(db)
    result = ingest(tmp_path / "seeds", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {db}: made by a newer release of Claim Archive (schema {SCHEMA_VERSION + 1}; "
                             f"this release knows {SCHEMA_VERSION}): upgrade claimarchive to write into it\n")
    assert dump(db) == before


def test_version_is_printed():
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"claim-archive {__version__} (extractor claimarchive {__version__})\n"


async def test_an_upgraded_archive_is_served_with_every_page_and_query(old):
    from datasette.app import Datasette

    from test_datasette import ACROSS, METADATA, QUERY_PARAMS

    ingest(old.parent / "news", "--db", old)
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    ds = Datasette([str(old)], metadata=metadata, settings={"sql_time_limit_ms": 1000})
    await ds.invoke_startup()
    for name in [*TABLES, *metadata["databases"]["archive"]["queries"]]:
        params = urlencode(QUERY_PARAMS.get(name, {}))
        response = await ds.client.get(f"/archive/{name}.json?_shape=array&{params}")
        assert response.status_code == 200, name
        assert response.json() or name in ACROSS, f"{name}: no rows"


V4_COLUMNS = {"places": ["region", "name_en", "local_name"], "place_mentions": ["kind"], "date_mentions": ["kind"]}


def test_an_archive_of_schema_3_is_upgraded_in_place(tmp_path):
    """Schema 3 (release 0.2) had no place region and no mention kinds: they are added, its rows kept, every
    mention it held being a place or a date."""
    db = tmp_path / "archive.db"
    write(tmp_path / "seeds" / "a.txt", "Storm hits Ohio\n\nThe mayor of Dayton, Ohio, said on Monday that the "
                                         "roads would reopen by Friday.\n")
    assert ingest("--db", db, cwd=tmp_path).exit_code == 0
    with sqlite3.connect(db) as conn:  # what release 0.2 made: no views of today, none of the v4 columns
        for (view,) in conn.execute("select name from sqlite_master where type = 'view'").fetchall():
            conn.execute(f"drop view [{view}]")
        for table, columns in V4_COLUMNS.items():
            for column in columns:
                conn.execute(f"alter table [{table}] drop column [{column}]")
        conn.execute("pragma user_version = 3")
    before = {table: rows(db, f"select * from [{table}] order by rowid") for table in V4_COLUMNS}
    assert before["place_mentions"] and before["date_mentions"]
    assert ingest(tmp_path / "nothing", "--db", db).exit_code == 1  # opening is enough
    assert rows(db, "pragma user_version") == [(SCHEMA_VERSION,)]
    for table, columns in V4_COLUMNS.items():
        assert [r[1] for r in rows(db, f"pragma table_info([{table}])")][-len(columns):] == columns
        assert [r[:-len(columns)] for r in rows(db, f"select * from [{table}] order by rowid")] == before[table]
    assert rows(db, "select distinct kind from place_mentions") == [("place",)]
    assert rows(db, "select distinct kind from date_mentions") == [("date",)]
    assert rows(db, "select count(*) from places where coalesce(region, name_en, local_name) is not null") == [(0,)]
    assert rows(db, "pragma integrity_check") == [("ok",)]


FIXTURE_0_2 = Path(__file__).parent / "fixtures" / "archive-0.2.0.sql"
PATHS_0_2 = ["news/000_6c372f994df79183.txt", "news/dailyworldnews-sumy.txt", "news/ledger-sumy.md",
             "news/reuters-sumy-market.txt"]


def archive_0_2(folder: Path) -> Path:
    """The files release 0.2.0 archived under folder/news (the seed, and a wire story in three outlets), and
    the archive.db it made of them."""
    with_seed(folder / "news", ROOT / "tests" / "across" / "wire")
    return archive_from(FIXTURE_0_2, folder)


def shape(db: Path) -> tuple[dict, set]:
    """An archive's tables with their columns (in any order), and its indexes by table and columns."""
    conn = sqlite3.connect(db)
    tables = {name: sorted(r[1] for r in conn.execute(f"pragma table_info([{name}])"))
              for (name,) in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
    indexes = {(table, tuple(r[2] for r in conn.execute(f"pragma index_info([{name}])")), unique)
               for (table,) in conn.execute("select name from sqlite_master where type = 'table'")
               for _, name, unique, *_ in conn.execute(f"pragma index_list([{table}])")}
    conn.close()
    return tables, indexes


def test_an_archive_of_release_0_2_upgrades_to_the_shape_of_a_new_one_and_keeps_its_rows_and_links(tmp_path):
    db = archive_0_2(tmp_path / "old")
    assert rows(db, "pragma user_version") == [(3,)]
    kept = ("articles", "claims", "article_links", "claim_links", "claim_clusters", "quantities", "article_bands")
    upgraded_keeping(db, tmp_path / "old" / "news", kept, unchanged=4)
    assert rows(db, "select path from article_files order by path") == [(p,) for p in PATHS_0_2]
    assert rows(db, "select relation, count(*) from article_links group by 1") == [("republished", 3)]
    # schema 5: each claim has its article's date; each group of the same claim its counts
    assert rows(db, "select count(*) from claims join articles on articles.id = claims.article_id "
                    "where claims.published is not articles.published") == [(0,)]
    from claimarchive.views import CLUSTER_SUMMARY

    groups = rows(db, f"select * from ({CLUSTER_SUMMARY.format(where='')}) order by cluster_id")
    assert groups and rows(db, "select * from cluster_summaries order by cluster_id") == groups
    shaped_like_a_new_one(db, tmp_path / "old" / "news", tmp_path / "fresh" / "archive.db")


FIXTURE_0_3 = Path(__file__).parent / "fixtures" / "archive-0.3.0.sql"


def archive_0_3(folder: Path) -> Path:
    """The files release 0.3.0 archived under folder/news (the seed, a wire story in three outlets, the articles
    of tests/reviews, two of whose claims its reviews matched), and the archive.db it made of them."""
    with_seed(folder / "news", ROOT / "tests" / "across" / "wire", ROOT / "tests" / "reviews" / "articles")
    return archive_from(FIXTURE_0_3, folder)


def test_an_archive_of_release_0_3_upgrades_to_the_shape_of_a_new_one_and_keeps_its_rows_links_and_reviews(tmp_path):
    db = archive_0_3(tmp_path / "old")
    assert rows(db, "pragma user_version") == [(4,)]
    kept = ("articles", "claims", "sources", "quantities", "place_mentions", "article_links", "claim_links",
            "claim_clusters", "reviews")
    assert [r[0] for r in rows(db, "select status from reviews")] == ["matched", "matched"]
    upgraded_keeping(db, tmp_path / "old" / "news", kept, unchanged=8)
    shaped_like_a_new_one(db, tmp_path / "old" / "news", tmp_path / "fresh" / "archive.db")
