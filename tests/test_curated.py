"""Curated claims: located in the text, stored as curated, standing over the extracted claims they overlap."""
import datetime as dt
import sqlite3
import time

from claimarchive.curated import check, locate, merge_curated
from claimarchive.model import Claim, CuratedClaims, Segment
from claimarchive.segment import find_segments
from conftest import ingest, run_ingest

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
    assert f"warning: {tmp_path / 'port.txt'}: curated claim 2 in port.claims.yml not found in the text: " \
        "'The port was sold'" in result.stderr
    with sqlite3.connect(db) as conn:
        curated = conn.execute("select text, source_text, origin, status from claims where origin = 'curated'").fetchall()
        superseded = conn.execute("select c.text, k.origin from claims c join claims k on k.id = c.superseded_by").fetchall()
    assert curated == [("Dockworkers ended their strike on Friday", "the union", "curated", "current")]
    assert superseded and all(origin == "curated" for _, origin in superseded)


PORT_FILE = "port.claims.yml"


def test_each_field_is_typed_and_every_problem_of_a_claim_is_one_warning():
    curated = CuratedClaims([
        {"text": "Dockworkers ended their strike on Friday", "cue": 5, "kind": ["a"]},
        {"text": "Port Strike Ends", "is_quote": "false", "event_date": "next blue moon"},
        {"text": 'The port handled "more than 2,000 containers" a day', "source": "officials", "is_quote": True,
         "event_date": dt.date(2024, 3, 1), "verification": "confirmed", "origin": "curated"},
        "just a sentence",
        {"text": "Port " * 1001},
        {"text": "Port Strike Ends", "origin": "extracted:1", "figures": [{"value": 2000}], "certainty": "sure",
         "verification": "maybe", "note": 7, "quote": 1, "colour": "red"},
        {"text": 5, "event_date": "2024-02-30", "source": ["the union"]},
        {"text": "Port Strike Ends", "event_date": dt.datetime(2024, 3, 1, 9), "is_quote": True, "quote": True,
         "note": "a", "notes": "b"},
    ], file=PORT_FILE)
    merged, errors = merge_curated([], curated, BODY, find_segments(BODY))
    assert errors == [
        "curated claim 1 in port.claims.yml: cue must be text, not a number (5); "
        "kind must be one of attributed, caption, headline, reported, not a list",
        "curated claim 2 in port.claims.yml: is_quote must be true or false, not the text 'false'; "
        "event_date must be an ISO date (YYYY-MM-DD), not the text 'next blue moon'",
        "curated claim 4 in port.claims.yml: expected a mapping of fields, got the text 'just a sentence'",
        "curated claim 5 in port.claims.yml: text is 5,005 characters long (the limit is 5,000)",
        "curated claim 6 in port.claims.yml: unknown field(s) 'colour'; note must be text, not a number (7); "
        "certainty must be one of asserted, denied, hedged, not the text 'sure'; "
        "verification must be one of confirmed, not_confirmed, not the text 'maybe'; "
        "quote must be true or false, not a number (1); "
        "origin must be curated (every claim from a claims file is), not the text 'extracted:1'; "
        "figures cannot be given: a claim's figures are found in its text",
        "curated claim 7 in port.claims.yml: text must be text, not a number (5); source must be text, not a list; "
        "event_date must be an ISO date (YYYY-MM-DD), not the text '2024-02-30'",
        "curated claim 8 in port.claims.yml: event_date must be an ISO date (YYYY-MM-DD), "
        "not a date and time (2024-03-01T09:00:00); is_quote and quote are the same field: give one; "
        "note and notes are the same field: give one",
    ]
    assert [(c.text, c.is_quote, c.event_date, c.verification, c.source_text) for c in merged] == [
        ("The port handled \u201cmore than 2,000 containers\u201d a day", True, "2024-03-01", "confirmed", "officials")]


def test_a_good_claim_keeps_its_typed_values():
    curated = [{"text": "Port Strike Ends", "kind": "headline", "is_quote": False, "event_date": "2024-03-01",
                "cue": "Said", "note": None, "notes": "from the wire"}]
    [claim], errors = merge_curated([], curated, BODY, find_segments(BODY))
    assert errors == []
    assert (claim.kind, claim.is_quote, claim.event_date, claim.cue, claim.cue_lemma, claim.note, claim.origin) == (
        "headline", False, "2024-03-01", "Said", "said", "from the wire", "curated")


def test_check_names_the_claim_and_its_file():
    assert check({"text": "x"}, 3) is None
    assert check({"text": " "}, 3, "a.claims.json") == "curated claim 3 in a.claims.json: no text"
    assert check({"kind": "rumour"}, 2) == \
        "curated claim 2: no text; kind must be one of attributed, caption, headline, reported, not the text 'rumour'"


def test_a_long_claim_not_found_is_quoted_cut():
    text = "The harbour " * 100
    _, errors = merge_curated([], [{"text": text}], BODY, find_segments(BODY))
    assert errors == [f"curated claim 1 not found in the text: {text[:80]!r}… (1,200 characters)"]


def test_locate_forgives_quotes_dashes_and_white_space_and_gives_body_offsets():
    body = "Head\n\nThe  mayor\u2019s office\n said \u201cno\u201d \u2013 twice.\n\nThe mayor's office said \"no\" - twice.\n"
    segments = [Segment("furniture", 0, 40)]
    assert locate("the mayor's office said \"no\" - twice", body, []) is None  # case is kept
    start, end = locate("The mayor's office said \"no\" - twice.", body, [])
    assert body[start:end] == "The  mayor\u2019s office\n said \u201cno\u201d \u2013 twice."
    start, end = locate("The mayor's office said \"no\" - twice.", body, segments)  # the first is furniture
    assert (start, body[start:end]) == (body.rindex("The mayor"), "The mayor's office said \"no\" - twice.")
    assert locate("   ", body, []) is None


def test_locate_is_linear_on_a_repetitive_body():
    body = "a " * 500_000 + "b\n"
    started = time.monotonic()
    assert locate(" ".join(["a"] * 2_000) + " c", body, []) is None
    assert locate(" ".join(["a"] * 2_000) + " b", body, []) == (len(body) - 2 - 4_000, len(body) - 1)
    assert time.monotonic() - started < 2


def test_an_extracted_claim_is_superseded_by_the_first_curated_claim_covering_half_of_it():
    claims = [extracted("Dockworkers ended their strike on Friday"), extracted("officials said")]
    curated = [{"text": "Port Strike Ends"}, {"text": "Dockworkers ended"},
               {"text": "Dockworkers ended their strike on Friday, the union said."}]
    merged, errors = merge_curated(claims, curated, BODY, find_segments(BODY))
    assert errors == []
    assert [(c.text, c.status, c.superseded_by) for c in merged] == [
        ("Port Strike Ends", "current", None),
        ("Dockworkers ended", "current", None),
        ("Dockworkers ended their strike on Friday, the union said.", "current", None),
        ("Dockworkers ended their strike on Friday", "superseded", 2),
        ("officials said", "current", None),
    ]


def test_cli_reports_each_bad_curated_claim_and_stores_the_others(tmp_path):
    (tmp_path / "port.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "port.claims.yml").write_text(
        "- text: Dockworkers ended their strike on Friday\n  cue: 5\n  kind: [a]\n"
        "- text: Port Strike Ends\n  is_quote: 'false'\n  event_date: next blue moon\n"
        "- text: the union said\n  is_quote: true\n  event_date: 2024-03-01\n", encoding="utf-8")
    db = tmp_path / "archive.db"
    result = ingest(".", "--db", db, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "warning: port.txt: curated claim 1 in port.claims.yml: cue must be text, not a number (5); "
        "kind must be one of attributed, caption, headline, reported, not a list",
        "warning: port.txt: curated claim 2 in port.claims.yml: is_quote must be true or false, not the text 'false'; "
        "event_date must be an ISO date (YYYY-MM-DD), not the text 'next blue moon'",
        "1 ingested, 0 replaced, 0 updated, 0 unchanged, 0 duplicate, 0 failed, 0 skipped",
    ]
    with sqlite3.connect(db) as conn:
        stored = conn.execute("select text, is_quote, event_date from claims where origin = 'curated'").fetchall()
    assert stored == [("the union said", 1, "2024-03-01")]
