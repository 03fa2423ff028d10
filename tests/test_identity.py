"""What identifies an archived file, and what makes it change: its path against the archive's folder, and a
fingerprint of its bytes, its sidecar and its curated claims."""
from conftest import ingest
from test_ingest import GOOD, OTHER, rows, summary, write

DB_FILES = "select path, article_id, legacy, sidecar_sha256 is not null, claims_sha256 is not null from article_files order by path"


def test_the_same_name_in_two_folders_is_two_files(tmp_path):
    write(tmp_path / "a" / "same.txt", GOOD)
    write(tmp_path / "b" / "same.txt", OTHER)
    db = tmp_path / "archive.db"
    assert ingest(tmp_path / "a", "--db", db).stderr == summary(ingested=1) + "\n"
    assert ingest(tmp_path / "b", "--db", db).stderr == summary(ingested=1) + "\n"
    assert rows(db, "select path, body from articles order by path") == [("a/same.txt", GOOD), ("b/same.txt", OTHER)]
    assert rows(db, DB_FILES) == [("a/same.txt", 1, 0, 0, 0), ("b/same.txt", 2, 0, 0, 0)]
    # each folder again, by another way of naming it: nothing changes
    again = ingest("a", "--db", "archive.db", cwd=tmp_path)
    assert again.stderr == summary(unchanged=1) + "\n"


def test_files_outside_the_archive_folder_are_archived_by_absolute_path(tmp_path):
    article = write(tmp_path / "news" / "x.txt", GOOD)
    db = tmp_path / "archives" / "one" / "archive.db"
    db.parent.mkdir(parents=True)
    assert ingest(article, "--db", db).exit_code == 0
    assert rows(db, "select path from article_files") == [(str(article.resolve()),)]


def test_a_sidecar_changed_after_archiving_updates_the_article(tmp_path):
    write(tmp_path / "in" / "a.txt", GOOD)
    sidecar = write(tmp_path / "in" / "a.yml", "publisher: Example Daily\n")
    db = tmp_path / "archive.db"
    ingest(tmp_path / "in", "--db", db)
    claims_before = rows(db, "select start, [end], text from claims order by start")
    sidecar.write_text("publisher: Example Daily\npublished: 2025-03-04\n", encoding="utf-8")
    result = ingest(tmp_path / "in", "--db", db, "--verbose")
    assert result.stderr.splitlines() == [f"updated: {tmp_path / 'in' / 'a.txt'}: sidecar changed", summary(updated=1)]
    assert rows(db, "select path, publisher, published from articles") == [("in/a.txt", "Example Daily", "2025-03-04")]
    assert rows(db, "select start, [end], text from claims order by start") == claims_before
    assert rows(db, "select count(*) from articles") == [(1,)]
    sidecar.unlink()
    result = ingest(tmp_path / "in", "--db", db, "--verbose")
    assert result.stderr.splitlines() == [f"updated: {tmp_path / 'in' / 'a.txt'}: sidecar removed", summary(updated=1)]
    assert rows(db, "select publisher, published from articles") == [(None, None)]


def test_curated_claims_added_changed_and_removed_after_archiving(tmp_path):
    article = write(tmp_path / "in" / "a.txt", GOOD)
    db = tmp_path / "archive.db"
    ingest(tmp_path / "in", "--db", db)
    assert rows(db, "select count(*) from claims where origin = 'curated'") == [(0,)]
    curated = write(tmp_path / "in" / "a.claims.yml", "- text: Engineers closed the Elm Street bridge on Tuesday\n"
                                                    "  source: the city\n")
    result = ingest(tmp_path / "in", "--db", db, "--verbose")
    assert result.stderr.splitlines() == [f"updated: {article}: curated claims added", summary(updated=1)]
    assert rows(db, "select text, source_text, origin from claims where origin = 'curated'") == [
        ("Engineers closed the Elm Street bridge on Tuesday", "the city", "curated")]
    curated.write_text("- text: About 12,000 vehicles use the bridge every day\n", encoding="utf-8")
    result = ingest(tmp_path / "in", "--db", db, "--verbose")
    assert result.stderr.splitlines() == [f"updated: {article}: curated claims changed", summary(updated=1)]
    assert rows(db, "select text from claims where origin = 'curated'") == [
        ("About 12,000 vehicles use the bridge every day",)]
    curated.unlink()
    result = ingest(tmp_path / "in", "--db", db, "--verbose")
    assert result.stderr.splitlines() == [f"updated: {article}: curated claims removed", summary(updated=1)]
    assert rows(db, "select count(*) from claims where origin = 'curated'") == [(0,)]
    assert rows(db, DB_FILES) == [("in/a.txt", 4, 0, 0, 0)]


def test_the_same_bytes_with_their_own_sidecars_keep_each_ones_metadata(tmp_path):
    for name, publisher in (("wire.txt", "Wire Service"), ("republished.txt", "Daily Copy")):
        write(tmp_path / "in" / name, GOOD)
        write(tmp_path / "in" / name.replace(".txt", ".yml"), f"publisher: {publisher}\nurl: https://example.org/{name}\n")
    write(tmp_path / "in" / "plain-copy.txt", GOOD)
    write(tmp_path / "in" / "plain-again.txt", GOOD)
    db = tmp_path / "archive.db"
    result = ingest(tmp_path / "in", "--db", db)
    assert result.stderr == summary(ingested=3, duplicate=1) + "\n"
    assert rows(db, "select a.publisher, a.url, group_concat(f.path, ' ') from articles a "
                    "join article_files f on f.article_id = a.id group by a.id order by a.id") == [
        (None, None, "in/plain-again.txt in/plain-copy.txt"),
        ("Daily Copy", "https://example.org/republished.txt", "in/republished.txt"),
        ("Wire Service", "https://example.org/wire.txt", "in/wire.txt"),
    ]


def test_replacing_one_of_two_paths_keeps_the_article_for_the_other(tmp_path):
    first = write(tmp_path / "in" / "a.txt", GOOD)
    write(tmp_path / "in" / "b.txt", GOOD)
    db = tmp_path / "archive.db"
    ingest(tmp_path / "in", "--db", db)
    first.write_text(OTHER, encoding="utf-8")
    result = ingest(tmp_path / "in", "--db", db)
    assert result.stderr == summary(replaced=1, unchanged=1) + "\n"
    assert rows(db, "select a.path, a.body from articles a order by a.id") == [("in/b.txt", GOOD), ("in/a.txt", OTHER)]
    assert rows(db, "select path, article_id from article_files order by path") == [("in/a.txt", 2), ("in/b.txt", 1)]


def test_a_file_named_twice_is_archived_once(tmp_path):
    article = write(tmp_path / "in" / "a.txt", GOOD)
    db = tmp_path / "archive.db"
    result = ingest(tmp_path / "in", article, "--db", db)
    assert result.stderr == summary(ingested=1) + "\n"
    assert rows(db, "select path from article_files") == [("in/a.txt",)]
