"""Curated claims: located in the text, stored as curated, standing over the extracted claims they overlap."""
import sqlite3

from claimarchive.curated import merge_curated
from claimarchive.model import Claim
from claimarchive.segment import find_segments
from conftest import run_ingest

BODY = ("Port Strike Ends\n\n"
        "Dockworkers ended their strike on Friday, the union said.\n\n"
        "The port handled \u201cmore than 2,000 containers\u201d a day before the strike, officials said.\n")


def extracted(text, source=None):
    start = BODY.index(text)
    return Claim(start=start, end=start + len(text), text=text, kind="attributed" if source else "reported",
                 sentence_start=start, sentence_end=start + len(text), source_text=source, origin="extracted:test")


def test_found_claims_get_offsets_and_overlapped_extracted_claims_are_superseded():
    claims = [extracted("Dockworkers ended their strike on Friday", "the union")]
    curated = [{"text": "Dockworkers ended their strike on Friday", "source": "the union", "cue": "said",
                "note": "checked with the union's statement"},
               {"text": 'The port handled "more than 2,000 containers" a day', "source": "officials", "kind": "attributed"}]
    merged, errors = merge_curated(claims, curated, BODY, find_segments(BODY))
    assert errors == []
    assert [(c.origin, c.status, c.text) for c in merged] == [
        ("curated", "current", "Dockworkers ended their strike on Friday"),
        ("extracted:test", "superseded", "Dockworkers ended their strike on Friday"),
        ("curated", "current", "The port handled \u201cmore than 2,000 containers\u201d a day"),
    ]
    assert merged[1].superseded_by == 0
    assert all(BODY[c.start:c.end] == c.text for c in merged)
    assert merged[0].source_start == BODY.index("the union") and merged[0].note == "checked with the union's statement"


def test_a_claim_not_in_the_text_is_an_error_naming_it_and_the_rest_stand():
    merged, errors = merge_curated([], [{"text": "The port closed for good"}, {"text": "Port Strike Ends"}],
                                   BODY, find_segments(BODY))
    assert errors == ["curated claim 1 not found in the text: 'The port closed for good'"]
    assert [c.text for c in merged] == ["Port Strike Ends"]


def test_malformed_entries_are_errors():
    merged, errors = merge_curated([], [{"text": "Port Strike Ends", "kind": "rumour"}, {"text": " "},
                                        {"text": "Port Strike Ends", "sauce": "x"}], BODY, find_segments(BODY))
    assert merged == [] and len(errors) == 3
    assert errors[0].startswith("curated claim 1: kind must be one of")


def test_cli_stores_curated_claims_beside_extracted_ones(tmp_path):
    (tmp_path / "port.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "port.claims.yml").write_text(
        "- text: Dockworkers ended their strike on Friday\n  source: the union\n  cue: said\n"
        "- text: The port was sold\n", encoding="utf-8")
    db = tmp_path / "archive.db"
    result = run_ingest(tmp_path, "--db", db, "--model", "blank")
    assert result.returncode == 0, result.stderr
    assert f"warning: {tmp_path / 'port.txt'}: curated claim 2 not found in the text: 'The port was sold'" in result.stderr
    with sqlite3.connect(db) as conn:
        curated = conn.execute("select text, source_text, origin, status from claims where origin = 'curated'").fetchall()
        superseded = conn.execute("select c.text, k.origin from claims c join claims k on k.id = c.superseded_by").fetchall()
    assert curated == [("Dockworkers ended their strike on Friday", "the union", "curated", "current")]
    assert superseded and all(origin == "curated" for _, origin in superseded)
