"""The seed article end to end: the scorecard against its hand-made gold, and its sources."""
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def scorecard(db: Path) -> dict:
    if not (SHARED / "score.py").exists():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    out = subprocess.run([sys.executable, SHARED / "score.py", db, SHARED / "seed-gold.json"],
                         capture_output=True, text=True, check=True).stdout
    total = out.strip().splitlines()[-1].removeprefix("total: ")
    return {k: float(v) for k, v in (item.split("=") for item in total.split())}


def test_seed_scorecard(seed_db):
    score = scorecard(seed_db)
    assert score["missing_anchors"] == 0 and score["boilerplate_claims"] == 0
    assert score["attr_f1"] >= 0.95 and score["cue_acc"] >= 0.9
    assert score["qty_r"] >= 0.9 and score["qty_qualifier_r"] >= 0.8
    assert score["place_r"] == 1.0 and score["date_acc"] == 1.0


def test_one_source_row_for_every_name_of_the_monitor(seed_db):
    with sqlite3.connect(seed_db) as conn:
        rows = conn.execute("""select count(*), count(distinct source_id) from claims
            where source_text like '%SOHR%' or source_text like '%war monitor%'""").fetchone()
    assert rows == (5, 1)


def test_pronoun_source_resolves_to_the_named_speaker(seed_db):
    with sqlite3.connect(seed_db) as conn:
        row = conn.execute("""select c.source_text, s.name from claims c join sources s on s.id = c.source_id
            where c.text like '%heeded his calls%'""").fetchone()
    assert row == ("He", "Recep Tayyip Erdogan")
