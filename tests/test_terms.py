"""The run's remembered full-text lookups give exactly what claims_fts gives, as claims are added."""
import sqlite3

import sqlite_utils

from claimarchive.link.terms import NewestClaims, stems
from conftest import ingest
from test_ingest import GOOD, OTHER, write

WORDS = ["bridge", "bridges", "closed", "closing", "reopened", "director", "vehicles", "Iskander-M", "nothing"]


def direct(db, word: str, limit: int) -> list[int]:
    return [r[0] for r in db.execute("select rowid from claims_fts where claims_fts match ? order by rowid desc "
                                     "limit ?", [f'text : "{word}"', limit])]


def test_stems_are_the_index_terms():
    assert stems("Closing the bridges, Café") == ["bridg", "cafe", "close", "the"]


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
        lookups.add(claim_id, text)
        assert [lookups.matching(w) for w in WORDS] == [direct(db, w, 2) for w in WORDS], text
