"""The groups' rows of cluster_summaries, kept from what a run remembers of each group (link/summaries.py), are
what a recount from the groups' claims gives, whatever the batches, merges and rollbacks of the run."""
import sqlite3

import sqlite_utils

from claimarchive import run
from claimarchive.link import clusters, summaries
from claimarchive.views import CLUSTER_SUMMARY
from conftest import ROOT
from test_ingest import dump, rows

CORPORA = [ROOT / "tests" / "across", ROOT / "tests" / "across_figures"]


def recount(db) -> list[tuple]:
    return db.execute(f"select * from ({CLUSTER_SUMMARY.format(where='')}) order by cluster_id").fetchall()


def kept(db) -> list[tuple]:
    return db.execute("select * from cluster_summaries order by cluster_id").fetchall()


def reads_whole(monkeypatch) -> list[int]:
    """The ids of the groups read whole from the archive (not from what the run remembers), as they are read."""
    read, real = [], summaries._read
    monkeypatch.setattr(summaries, "_read", lambda db, column, ids, *rest: (
        read.extend(ids) if column == "cluster_id" else None, real(db, column, ids, *rest))[1])
    return read


def test_summaries_kept_article_by_article_equal_a_recount_and_one_batch(tmp_path, monkeypatch):
    one_batch = tmp_path / "one.db"
    run.ingest(CORPORA, one_batch, workers=1)
    read = reads_whole(monkeypatch)
    each = tmp_path / "each.db"
    run.ingest(CORPORA, each, workers=1, batch_size=1)  # every article its own batch: groups grow across batches
    db = sqlite_utils.Database(sqlite3.connect(each))
    assert kept(db) and kept(db) == recount(db)
    assert kept(db) == rows(one_batch, "select * from cluster_summaries order by cluster_id")
    changed = db.execute("select count(*) from claim_clusters where cluster_id != claim_id").fetchone()[0]
    assert len(read) < len(kept(db)) < changed  # groups that grew in several articles were read once


def group_archive() -> sqlite_utils.Database:
    """Two groups of the same claim in four articles (claims 1 and 2, 3 and 4), and claim 5 in a fifth, in none."""
    db = sqlite_utils.Database(memory=True)
    db["articles"].insert_all([
        {"id": 1, "publisher": "Reuters", "original_outlet": None, "published": "2025-03-14"},
        {"id": 2, "publisher": "REUTERS", "original_outlet": None, "published": None},
        {"id": 3, "publisher": None, "original_outlet": "AP", "published": "2025-03-13"},
        {"id": 4, "publisher": "AP", "original_outlet": None, "published": "2025-03-13"},
        {"id": 5, "publisher": "Courier", "original_outlet": None, "published": "2025-03-15"}], pk="id")
    db["claims"].insert_all([{"id": n, "article_id": n, "source_id": 10 + n % 2} for n in range(1, 6)], pk="id")
    db["attributions"].insert_all([{"claim_id": 4, "depth": 0, "source_id": 30}, {"claim_id": 5, "depth": 1,
                                                                                  "source_id": 40}])
    db["claim_links"].insert_all([{"claim_id": c, "other_id": o, "relation": "same_claim"} for c, o in [(1, 2), (3, 4)]])
    db["claim_clusters"].insert_all([{"claim_id": c, "cluster_id": k} for c, k in [(1, 1), (2, 1), (3, 3), (4, 3)]],
                                    pk="claim_id")
    db.execute("create table cluster_summaries (cluster_id integer primary key, claims, articles, outlets, "
               "first_published, first_claim_id, deepest_sources)")
    return db


def test_merged_groups_are_joined_from_what_the_run_remembers(monkeypatch):
    db = group_archive()
    clusters.summarise(db, [1, 3])
    assert kept(db) == recount(db) == [(1, 2, 2, 1, "2025-03-14", 1, 2), (3, 2, 2, 1, "2025-03-13", 3, 2)]
    read = reads_whole(monkeypatch)
    links = [{"relation": "same_claim", "claim_id": 2, "other_id": other} for other in (5, 3)]
    db["claim_links"].insert_all(links)
    clusters.write_clusters(db, clusters.merged(db, links))  # 5 joins, and the groups of 1 and 3 become one
    assert kept(db) == recount(db) == [(1, 5, 5, 3, "2025-03-13", 3, 3)]
    assert read == []  # both groups were remembered
    clusters.split_clusters(db, [1])  # (no claim left them: the same group, read again)
    assert kept(db) == recount(db) and read == [1]


def test_a_group_the_run_has_not_read_is_read_whole(monkeypatch):
    db = group_archive()
    read = reads_whole(monkeypatch)
    clusters.write_clusters(db, {5: 3})  # (group 1 is not summarised: it did not change)
    assert kept(db) == recount(db)[1:] == [(3, 3, 3, 2, "2025-03-13", 3, 2)] and read == [3]


def test_an_article_rolled_back_after_its_groups_grew_leaves_them_as_the_archive_has_them(tmp_path, monkeypatch):
    written, real = [], run.write_links

    def failing(db, links):
        real(db, links)
        written.append(bool(links.clusters))
        if written.count(True) == 3 and written[-1]:  # after its groups grew, in the middle of the batch
            raise RuntimeError("a fault after linking")

    monkeypatch.setattr(run, "write_links", failing)
    path = tmp_path / "archive.db"
    summary = run.ingest(CORPORA, path, workers=1)
    assert len(summary.failed) == 1 and summary.counts["ingested"] == len(written) - 1 > 3
    db = sqlite_utils.Database(sqlite3.connect(path))
    assert kept(db) and kept(db) == recount(db)


def test_one_run_links_as_a_run_for_each_article(tmp_path):
    """What a run remembers (signatures, claims, lookups, groups) changes nothing it writes: one run over the
    corpora writes the archive that a run for each file, remembering nothing from the one before, writes."""
    files = sorted(path for corpus in CORPORA for path in corpus.rglob("*") if path.suffix in (".txt", ".md", ".html"))
    one, each = tmp_path / "one.db", tmp_path / "each.db"
    run.ingest(files, one, workers=1, batch_size=1)
    for path in files:
        run.ingest([path], each, workers=1)
    assert len(rows(one, "select * from article_links")) >= 4 and len(rows(one, "select * from claim_links")) > 10
    archived = [(table, found) for table, found in dump(one) if not table.startswith("sqlite_stat")]
    assert archived == [(table, found) for table, found in dump(each) if not table.startswith("sqlite_stat")]
