"""The CLI as a user runs it: a real archive file, bad input beside good, re-ingest, changed and duplicate files."""
import gc
import sqlite3
from pathlib import Path

import pytest

from conftest import SEED, SEEDS, ingest, run_ingest

GOOD = ("Bridge Closed After Crack Found\n\n"
        "Engineers closed the Elm Street bridge on Tuesday after finding a crack, the city said.\n\n"
        "\u201cNobody will cross it until it is safe,\u201d Mayor Ana Ruiz told reporters.\n\n"
        "About 12,000 vehicles use the bridge every day, according to the transport department.\n")
OTHER = ("Library Reopens\n\nThe central library reopened on Monday after a two-year renovation.\n\n"
         "Its director said visitor numbers had doubled in the first week.\n")


def write(path: Path, content) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def rows(db: Path, sql: str, *params):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def dump(db: Path) -> list:
    """Every row of every archive table but the ingest times, for comparing whole databases."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute(
            "select name from sqlite_master where type = 'table' and name not like '%_fts%' order by name")]
        out = []
        for table in tables:
            cols = [r[1] for r in conn.execute(f"pragma table_info([{table}])") if r[1] != "ingested_at"]
            out.append((table, conn.execute(f"select {', '.join(f'[{c}]' for c in cols)} from [{table}] "
                                            f"order by 1").fetchall()))
        return out


def summary(ingested=0, replaced=0, updated=0, unchanged=0, duplicate=0, failed=0, skipped=0) -> str:
    return (f"{ingested} ingested, {replaced} replaced, {updated} updated, {unchanged} unchanged, "
            f"{duplicate} duplicate, {failed} failed, {skipped} skipped")


def test_good_file_is_archived_with_claims_and_segments(tmp_path):
    write(tmp_path / "in" / "bridge.txt", GOOD)
    db = tmp_path / "archive.db"
    result = ingest(tmp_path / "in", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == summary(ingested=1) + "\n"
    assert rows(db, "select path, title, body from articles") == [("in/bridge.txt", "Bridge Closed After Crack Found", GOOD)]
    assert rows(db, "select kind, text from segments order by start")[0] == ("headline", "Bridge Closed After Crack Found")
    claims = rows(db, "select start, [end], text, source_text from claims")
    assert claims and all(GOOD[s:e] == text for s, e, text, _ in claims)
    assert ("Mayor Ana Ruiz" in {c[3] for c in claims}) or ("Ana Ruiz" in {c[3] for c in claims})
    assert rows(db, "pragma integrity_check") == [("ok",)]
    assert rows(db, "pragma foreign_key_check") == []


BAD = {
    "empty.txt": (b"", "empty file"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
    "nomain.html": (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "HTML with no main text"),
    "front.md": (b"---\ntitle: [oops\n---\nText here.\n", "malformed front matter"),
}


def test_bad_input_is_reported_and_good_files_still_go_in(tmp_path):
    folder = tmp_path / "in"
    write(folder / "good.txt", GOOD)
    write(folder / "z_other.txt", OTHER)
    for name, (content, _) in BAD.items():
        write(folder / name, content)
    write(folder / "sidecar.txt", OTHER.replace("Library", "Museum"))
    write(folder / "sidecar.yml", "title: [broken\n")
    db = tmp_path / "archive.db"
    result = ingest(folder, tmp_path / "missing.txt", "--db", db)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    expected = {**{str(folder / name): reason for name, (_, reason) in BAD.items()},
                str(folder / "sidecar.txt"): "malformed sidecar sidecar.yml",
                str(tmp_path / "missing.txt"): "no such file or folder"}
    assert len(errors) == len(expected)
    for name, reason in expected.items():
        assert any(line.startswith(f"error: {name}: {reason}") for line in errors), (name, errors)
    assert rows(db, "select path from articles order by path") == [("in/good.txt",), ("in/z_other.txt",)]
    assert result.stderr.splitlines()[-1] == summary(ingested=2, failed=6)


def test_reingest_of_the_same_files_changes_nothing(tmp_path):
    write(tmp_path / "in" / "a.txt", GOOD)
    write(tmp_path / "in" / "b.txt", OTHER)
    db = tmp_path / "archive.db"
    assert ingest(tmp_path / "in", "--db", db).exit_code == 0
    before = dump(db)
    again = ingest(tmp_path / "in", "--db", db)
    assert again.exit_code == 0
    assert again.stderr == summary(unchanged=2) + "\n"
    assert dump(db) == before


def test_the_writer_freezes_what_it_keeps_between_articles_only_while_it_runs(tmp_path, monkeypatch):
    frozen, freeze = [], gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: (frozen.append(gc.get_count()), freeze()))
    write(tmp_path / "in" / "a.txt", GOOD)
    write(tmp_path / "in" / "b.txt", OTHER)
    assert ingest(tmp_path / "in", "--db", tmp_path / "archive.db").exit_code == 0
    assert len(frozen) == 2  # after each article written
    assert gc.get_freeze_count() == 0  # the run's end gave it all back to the collector


def test_changed_file_replaces_its_rows(tmp_path):
    path = write(tmp_path / "in" / "a.txt", GOOD)
    write(tmp_path / "in" / "b.txt", OTHER)
    db = tmp_path / "archive.db"
    ingest(tmp_path / "in", "--db", db)
    other_claims = rows(db, "select c.text from claims c join articles a on a.id = c.article_id where a.path = 'in/b.txt'")
    path.write_text(GOOD.replace("12,000", "15,000"), encoding="utf-8")
    result = ingest(tmp_path / "in", "--db", db, "--verbose")
    assert result.stderr.splitlines() == [f"unchanged: {tmp_path / 'in' / 'b.txt'}",  # known without reading it
                                          f"replaced: {path}: its text changed",
                                          summary(replaced=1, unchanged=1)]
    assert rows(db, "select count(*) from articles") == [(2,)]
    body = rows(db, "select body from articles where path = 'in/a.txt'")[0][0]
    assert "15,000" in body and "12,000" not in body
    assert all("12,000" not in t for (t,) in rows(db, "select text from claims"))
    assert other_claims == rows(db, "select c.text from claims c join articles a on a.id = c.article_id where a.path = 'in/b.txt'")
    # every claim and segment belongs to an article that exists
    assert rows(db, "select count(*) from claims where article_id not in (select id from articles)") == [(0,)]
    assert rows(db, "select count(*) from segments where article_id not in (select id from articles)") == [(0,)]
    assert rows(db, "pragma foreign_key_check") == []


def test_a_file_turned_bad_leaves_its_archived_article_untouched(tmp_path):
    path = write(tmp_path / "in" / "a.txt", GOOD)
    db = tmp_path / "archive.db"
    ingest(tmp_path / "in", "--db", db)
    before = dump(db)
    path.write_bytes(b"")
    result = ingest(tmp_path / "in", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {path}: empty file", summary(failed=1)]
    assert dump(db) == before


def test_duplicate_content_is_archived_once_with_both_paths(tmp_path):
    write(tmp_path / "in" / "a.txt", GOOD)
    write(tmp_path / "in" / "copy" / "a-again.txt", GOOD)
    db = tmp_path / "archive.db"
    result = ingest(tmp_path / "in", "--db", db)
    assert result.stderr == summary(ingested=1, duplicate=1) + "\n"
    assert rows(db, "select count(*) from articles") == [(1,)]
    assert rows(db, "select path, article_id from article_files order by path") == [
        ("in/a.txt", 1), ("in/copy/a-again.txt", 1)]
    again = ingest(tmp_path / "in" / "copy", "--db", db)  # the copy's folder on its own: the same files
    assert again.stderr == summary(unchanged=1) + "\n"


def test_default_paths_are_seeds_and_archive_db(tmp_path):
    write(tmp_path / "seeds" / "one.txt", OTHER)
    result = run_ingest("--model", "blank", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert rows(tmp_path / "archive.db", "select path from articles") == [("seeds/one.txt",)]


def test_seed_is_archived_with_its_metadata(seed_db):
    assert rows(seed_db, "select path, published, publisher, original_outlet, encoding from articles") == [
        (str(SEEDS / SEED), "2024-12-06", "tipsclear.com", "BBC News", "utf-8")]
    body = rows(seed_db, "select body from articles")[0][0]
    assert body == (SEEDS / SEED).read_text(encoding="utf-8")
    kinds = {k for (k,) in rows(seed_db, "select distinct kind from segments")}
    assert {"headline", "paragraph", "caption", "credit", "furniture"} <= kinds


def test_no_claim_is_drawn_from_furniture_or_credits(seed_db):
    overlapping = rows(seed_db, """select c.text, s.kind from claims c join segments s on s.article_id = c.article_id
        where s.kind in ('furniture', 'credit', 'byline') and c.start < s.[end] and s.start < c.[end]""")
    assert overlapping == []
    assert rows(seed_db, "select count(*) > 10 from claims") == [(1,)]


@pytest.mark.parametrize("model", ["blank", None])
def test_both_spacy_paths_extract_attributed_claims(tmp_path, model):
    write(tmp_path / "in" / "a.txt", GOOD)
    db = tmp_path / "archive.db"
    args = [tmp_path / "in", "--db", db] + (["--model", model] if model else [])
    assert run_ingest(*args).returncode == 0
    sources = {s for (s,) in rows(db, "select source_text from claims where source_text is not null")}
    assert any("Ruiz" in s for s in sources)
    assert any("transport department" in s for s in sources)


def test_every_foreign_key_is_found_by_one_index_and_none_is_doubled(tmp_path):
    """Each foreign key leads an index or is the primary key; no index is a prefix of another (each costs
    every insert)."""
    write(tmp_path / "in" / "bridge.txt", GOOD)
    db = tmp_path / "archive.db"
    assert ingest(tmp_path / "in", "--db", db).exit_code == 0
    conn = sqlite3.connect(db)
    tables = [t for (t,) in conn.execute("select name from sqlite_master where type = 'table' "
                                         "and name not like '%fts%' and name not like 'sqlite_%'")]
    assert len(tables) > 15
    for table in tables:
        listed = conn.execute(f"pragma index_list([{table}])").fetchall()  # seq, name, unique, origin, partial
        indexes = [[r[2] for r in conn.execute(f"pragma index_info([{name}])")] for _, name, *_ in listed]
        made = [columns for columns, (*_, origin, _) in zip(indexes, listed, strict=True) if origin != "pk"]
        pk = [r[1] for r in conn.execute(f"pragma table_info([{table}])") if r[5]]
        for fk in conn.execute(f"pragma foreign_key_list([{table}])"):
            assert [fk[3]] == pk or any(columns[0] == fk[3] for columns in indexes), (table, fk[3])
        for columns in made:
            assert columns != pk, (table, columns)
            assert not any(other != columns and other[:len(columns)] == columns for other in indexes), (table, columns)
