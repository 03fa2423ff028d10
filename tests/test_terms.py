"""The run's remembered full-text lookups give exactly what claims_fts gives, as claims are added."""
import sqlite3

import sqlite_utils

from claimarchive.link.terms import NewestClaims, stems, stems_of_texts
from conftest import ROOT, ingest
from test_ingest import GOOD, OTHER, rows, write

WORDS = ["bridge", "bridges", "closed", "closing", "reopened", "director", "vehicles", "Iskander-M", "nothing"]


def direct(db, word: str, limit: int) -> list[int]:
    return [r[0] for r in db.execute("select rowid from claims_fts where claims_fts match ? order by rowid desc "
                                     "limit ?", [f'text : "{word}"', limit])]


def test_stems_are_the_index_terms():
    assert stems("Closing the bridges, Café") == ["bridg", "cafe", "close", "the"]
    assert stems_of_texts(["Closing the bridges, Café", "", "the cafe"]) == [
        ["bridg", "cafe", "close", "the"], [], ["cafe", "the"]]


def test_remembered_lookups_equal_the_index_as_claims_come(tmp_path):
    write(tmp_path / "in" / "a.txt", GOOD)
    write(tmp_path / "in" / "b.txt", OTHER)
    path = tmp_path / "archive.db"
    assert ingest(tmp_path / "in", "--db", path).exit_code == 0
    db = sqlite_utils.Database(sqlite3.connect(path))
    lookups = NewestClaims(db, limit=2)
    assert [lookups.matching(w) for w in WORDS] == [direct(db, w, 2) for w in WORDS]
    assert any(lookups.matching(w) for w in WORDS)
    for text in ("The bridge closed again on Friday, officials said.", "Bridges reopened, the director said.",
                 "Nothing changed for the vehicles."):
        claim_id = db["claims"].insert({"article_id": 1, "start": 0, "end": 1, "kind": "reported", "text": text}).last_pk
        lookups.add([(claim_id, text)])
        assert [lookups.matching(w) for w in WORDS] == [direct(db, w, 2) for w in WORDS], text
    texts = ["Two bridges closed, officials said.", "The bridge reopened."]  # an article's claims come together
    ids = [db["claims"].insert({"article_id": 1, "start": 0, "end": 1, "kind": "reported", "text": t}).last_pk
           for t in texts]
    lookups.add(list(zip(ids, texts, strict=True)))
    assert [lookups.matching(w) for w in WORDS] == [direct(db, w, 2) for w in WORDS]


def test_remembered_claims_are_what_the_archive_holds_until_forgotten(tmp_path):
    from claimarchive.link.claims import _claims, _claims_of_articles, _fetch
    from claimarchive.link.terms import forget, remembered

    write(tmp_path / "in" / "a.txt", GOOD)
    write(tmp_path / "in" / "b.txt", OTHER)
    path = tmp_path / "archive.db"
    assert ingest(tmp_path / "in", "--db", path).exit_code == 0
    db = sqlite_utils.Database(sqlite3.connect(path))
    read = _claims(db, "c.article_id in (1, 2)", [])
    assert len(read) > 2
    assert _claims_of_articles(db, [2, 1]) == sorted(read, key=lambda c: (-c.article_id, c.id))
    assert sorted(remembered(db, "claims of article")) == [1, 2]
    assert _claims_of_articles(db, [1]) == [c for c in read if c.article_id == 1]  # from memory
    ids = [c.id for c in read]
    assert _fetch(db, [*ids, 10_000]) == read  # a claim the archive lacks is left out, and remembered as such
    assert remembered(db, "claim")[10_000] is None
    forget(db)
    assert not remembered(db, "claim") and not remembered(db, "claims of article")


def test_merging_groups_writes_only_the_claims_whose_group_changes():
    from claimarchive.link.clusters import merged

    db = sqlite_utils.Database(memory=True)
    db["claim_clusters"].insert_all([{"claim_id": c, "cluster_id": k} for c, k in
                                     [(1, 1), (2, 1), (3, 1), (5, 5), (6, 5)]], pk="claim_id")

    def link(one, other, relation="same_claim"):
        return {"claim_id": one, "other_id": other, "relation": relation}

    assert merged(db, [link(3, 9)]) == {9: 1}  # a claim joins a group: one row
    assert merged(db, [link(2, 9), link(3, 9)]) == {9: 1}
    assert merged(db, [link(6, 9), link(1, 9)]) == {9: 1, 5: 1, 6: 1}  # two groups become one: the larger id's move
    assert merged(db, [link(8, 9)]) == {8: 8, 9: 8}  # a new group
    assert merged(db, [link(8, 9, "denies")]) == {}  # a denial groups nothing


def test_copies_whose_claims_are_too_short_to_link_cost_a_bounded_number_of_comparisons(tmp_path, monkeypatch):
    """Copies of a story with many claims of three content words (never linked, so each its own group): each
    claim is compared with at most COMPARE_LIMIT candidates, not with every copy's claims."""
    from claimarchive.link import claims

    calls = []
    compare = claims.compare
    monkeypatch.setattr(claims, "compare", lambda one, other: calls.append(1) or compare(one, other))
    for n in range(25):  # copies of one story (article_links), each with 60 claims of three content words
        write(tmp_path / "in" / f"copy-{n:02d}.txt",
              GOOD.replace("12,000", f"{n + 1},000") + "\n" + "More words about the bridge and its repairs. " * 60)
    db = tmp_path / "archive.db"
    assert ingest(tmp_path / "in", "--db", db, "--model", "blank", "--workers", "1").exit_code == 0
    per_article = rows(db, "select count(*) from claims group by article_id")
    assert len(per_article) == 25 and all(count >= 60 for (count,) in per_article)
    assert 0 < len(calls) <= sum(count for (count,) in per_article) * claims.COMPARE_LIMIT


def test_group_summaries_are_made_once_a_batch_and_equal_a_recount(tmp_path, monkeypatch):
    from claimarchive.link import clusters
    from claimarchive.views import CLUSTER_SUMMARY

    calls, summarise = [], clusters.summarise
    monkeypatch.setattr(clusters, "summarise", lambda db, ids, *rest: (calls.append(sorted(ids)), summarise(db, ids, *rest)))
    path = tmp_path / "archive.db"
    assert ingest(ROOT / "tests" / "across" / "wire", "--db", path).exit_code == 0
    assert len(calls) == 1 and calls[0]  # one batch: its groups summarised at its end, not after each article
    db = sqlite_utils.Database(sqlite3.connect(path))
    kept = db.execute("select * from cluster_summaries order by cluster_id").fetchall()
    recount = db.execute(f"select * from ({CLUSTER_SUMMARY.format(where='')}) order by cluster_id").fetchall()
    assert kept == recount and len(kept) == len(calls[0])
