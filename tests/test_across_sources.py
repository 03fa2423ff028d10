"""Sources across articles, through the CLI on tests/across_figures/sources/: a named source is one row for
every article that names it, a generic one ("officials", "the judge") one row in its own article unless the
article names it; an agency or a place named as a source is no person."""
import shutil
from pathlib import Path

from conftest import ingest
from test_ingest import rows, summary

CORPUS = Path(__file__).resolve().parent / "across_figures" / "sources"


def archive(tmp_path: Path) -> Path:
    """The corpus copied to tmp_path/news/sources and ingested by the CLI into tmp_path/archive.db."""
    shutil.copytree(CORPUS, tmp_path / "news" / "sources")
    db = tmp_path / "archive.db"
    result = ingest(tmp_path / "news", "--db", db)
    assert result.exit_code == 0, result.stderr
    return db

SOURCES = "select name, kind, key from sources order by id"


def test_named_sources_are_one_row_across_articles_and_generic_ones_stay_in_their_article(tmp_path):
    db = archive(tmp_path)
    assert rows(db, "select id, path from articles order by id") == [
        (1, "news/sources/post_protests.txt"), (2, "news/sources/tribune_court.txt"),
        (3, "news/sources/wire_quake.txt")]
    assert rows(db, SOURCES) == [
        ("Highland Post", "media", "highland post"),
        ("Rights body", "other", "article 1: rights body"),
        ("Kenya National Commission on Human Rights", "government", "kenya national commission on human rights"),
        ("Officials", "government", "article 1: officials"),
        ("judge in the case", "other", "article 1: judge in case"),
        ("spokesman for the interior ministry", "government", "article 1: spokesman for interior ministry"),
        ("Nairobi", "government", "nairobi"),  # a capital speaks for its government, and is no person
        ("Lakeside Tribune", "media", "lakeside tribune"),
        ("lawyers", "other", "article 2: lawyers"),
        ("Amina Odhiambo", "person", "amina odhiambo"),  # "the judge" of her article is she
        ("Officials", "government", "article 2: officials"),
        ("Washington", "government", "washington"),
        ("U.S. Geological Survey", "government", "u s geological survey"),  # an agency, not a person
        ("Metro Wire", "media", "metro wire"),
        ("Officials", "government", "article 3: officials"),
        ("county", "government", "article 3: county"),
    ]
    assert rows(db, "select c.article_id, c.source_text, s.name from claims c join sources s on s.id = c.source_id "
                    "where s.name in ('Kenya National Commission on Human Rights', 'U.S. Geological Survey', "
                    "'Amina Odhiambo') order by c.article_id, c.start") == [
        (1, "the Kenya National Commission on Human Rights (KNCHR)", "Kenya National Commission on Human Rights"),
        (2, "Judge Amina Odhiambo", "Amina Odhiambo"),
        (2, "The judge", "Amina Odhiambo"),
        (2, "The Kenya National Commission on Human Rights", "Kenya National Commission on Human Rights"),
        (2, "The U.S. Geological Survey", "U.S. Geological Survey"),
        (3, "the U.S. Geological Survey (USGS)", "U.S. Geological Survey"),
    ]


def test_a_replaced_article_takes_its_generic_sources_with_it(tmp_path):
    db = archive(tmp_path)
    wire = tmp_path / "news" / "sources" / "wire_quake.txt"
    wire.write_text(wire.read_text(encoding="utf-8").replace("no reports of damage", "no damage"), encoding="utf-8")
    assert ingest(tmp_path / "news", "--db", db).stderr == summary(replaced=1, unchanged=2) + "\n"
    assert rows(db, "select name, key from sources where key like 'article%' order by key") == [
        ("judge in the case", "article 1: judge in case"), ("Officials", "article 1: officials"),
        ("Rights body", "article 1: rights body"),
        ("spokesman for the interior ministry", "article 1: spokesman for interior ministry"),
        ("lawyers", "article 2: lawyers"), ("Officials", "article 2: officials"),
        ("county", "article 4: county"), ("Officials", "article 4: officials"),  # article 3's went with it
    ]
    assert rows(db, "select count(*) from source_aliases where source_id not in (select id from sources)") == [(0,)]
    assert rows(db, "pragma foreign_key_check") == []
