"""Across articles: copies of a story, the same claim and quote in several articles, denials, clusters and who
said it first, on tests/across/ (a wire story in three outlets, an outlet's own report that paraphrases and
quotes it, a denial a day later, an updated story under the same url, unrelated stories on the same war, a
radio brief and a blog quoting a witness in part). Rows are named by article path and claim text, never by id,
so that ingesting in another order can be compared."""
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from datasette.app import Datasette

from conftest import run_ingest
from test_ingest import dump, rows, summary

ACROSS = Path(__file__).parent / "across"
METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"
COURIER = "across/local/courier-sumy-own-report.txt"


@dataclass
class Ran:
    exit_code: int
    stderr: str


def ingest(*args) -> Ran:
    """`ingest.py ARGS` with the trained pipeline, as a user runs it: its claims are the ones a user gets. In a
    process of its own, because loading the trained pipeline changes what the blank one extracts later in the
    same process (the other tests ingest with the blank one in this process)."""
    done = run_ingest(*args, "--workers", "1")
    return Ran(done.returncode, done.stderr)


@pytest.fixture
def corpus(tmp_path) -> Path:
    shutil.copytree(ACROSS, tmp_path / "across")
    return tmp_path / "across"


def ingested(corpus: Path) -> Path:
    """The corpus ingested into archive.db beside it."""
    db = corpus.parent / "archive.db"
    result = ingest(corpus, "--db", db)
    assert result.exit_code == 0, result.stderr
    return db


@pytest.fixture
def archived(corpus, shared) -> Path:
    """An archive of the corpus that the test may change (with the corpus fixture, its files): a copy of the
    shared one, beside its own copy of the files (the archive names them by their path from its folder)."""
    db = corpus.parent / "archive.db"
    with sqlite3.connect(shared) as source, sqlite3.connect(db) as target:
        source.backup(target)
    return db


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Path:
    """One archive of the corpus for the tests that only read it."""
    folder = tmp_path_factory.mktemp("shared")
    shutil.copytree(ACROSS, folder / "across")
    return ingested(folder / "across")


def article_links(db: Path) -> list[tuple]:
    """(relation, score, path, other path), the two paths in order."""
    found = rows(db, "select l.relation, l.score, a.path, b.path from article_links l "
                     "join articles a on a.id = l.article_id join articles b on b.id = l.other_id")
    return sorted((relation, score, *sorted((one, other))) for relation, score, one, other in found)


CLAIM = "(select a.path || ': ' || substr(c.text, 1, 40) from claims c join articles a on a.id = c.article_id where c.id = {})"


def claim_links(db: Path) -> list[tuple]:
    """(relation, score, claim, other claim): a denial first, the claims of other links in order."""
    found = rows(db, f"select relation, score, {CLAIM.format('claim_id')}, {CLAIM.format('other_id')} from claim_links")
    return sorted((relation, score, *(pair if relation == "denies" else sorted(pair)))
                  for relation, score, *pair in found)


def clusters(db: Path) -> list[list[str]]:
    """Each cluster as the sorted claims in it; the cluster id is its smallest claim id."""
    found = rows(db, f"select k.cluster_id, {CLAIM.format('k.claim_id')}, k.claim_id, "
                     "(select min(claim_id) from claim_clusters m where m.cluster_id = k.cluster_id) from claim_clusters k")
    assert all(cluster == smallest for cluster, _, _, smallest in found)
    groups: dict[int, list[str]] = {}
    for cluster, claim, _, _ in found:
        groups.setdefault(cluster, []).append(claim)
    return sorted(sorted(group) for group in groups.values())


WIRE = {"reuters": "across/wire/reuters-sumy-market.txt", "daily": "across/wire/dailyworldnews-sumy.txt",
        "ledger": "across/wire/ledger-sumy.md"}
PORT, PORT_UPDATED = "across/court/port-ruling.txt", "across/court/port-ruling-updated.txt"

def link(relation: str, score: float, one: str, other: str) -> tuple:
    return (relation, score, *sorted((one, other)))


EXPECTED_ARTICLE_LINKS = sorted([
    link("republished", 0.5, WIRE["daily"], WIRE["ledger"]),
    link("republished", 0.4922, WIRE["ledger"], WIRE["reuters"]),
    link("republished", 0.9062, WIRE["daily"], WIRE["reuters"]),
    link("updated", 0.7031, PORT, PORT_UPDATED),  # the same url and publisher, a later version
])


def claim(path: str, text: str) -> str:
    return f"{path}: {text[:40]}"


STRUCK = "A Russian missile struck a crowded market in the northeastern Ukrainian city of Sumy"
STRUCK_LEDGER = "A Russian missile struck a crowded market in the Ukrainian city of Sumy"
RESCUERS = "rescuers were still searching the rubble of the market"
ISKANDER = "the city was hit by two Iskander-M ballistic missiles"
TARGET = "There was no military target there, only people"
TARGET_DAILY = "There was no military target there - only people"
PARAPHRASE = claim(COURIER, "the missile killed at least 14 people in the crowded market")
WHISTLE = claim(COURIER, "I heard the whistle and then the roof came down")
RADIO = claim("across/local/radio-sumy-brief.txt", "I heard the whistle and then the roof came down")
BLOG = claim("across/local/blog-sumy-witnesses.html", 'As smoke filled the covered hall of the market, "everyone')
DENIAL = claim("across/local/tass-denial.txt", "a Russian missile struck a crowded market in Sumy")
SHELLED = claim("across/local/zaporizhzhia-shelling.txt", "Russian artillery shelled several frontline villages")
NOT_SHELLED = claim("across/local/zaporizhzhia-shelling.txt", "its artillery had shelled the villages")


def wire(name: str, text: str) -> str:
    return claim(WIRE[name], STRUCK_LEDGER if (name, text) == ("ledger", STRUCK) else
                 TARGET_DAILY if (name, text) == ("daily", TARGET) else text)


def pairs(relation: str, text: str, scores: dict) -> list[tuple]:
    return [(relation, scores[one, other], *sorted((wire(one, text), wire(other, text))))
            for one, other in (("daily", "ledger"), ("daily", "reuters"), ("ledger", "reuters"))]


def in_order(found: list[tuple]) -> list[tuple]:
    """Links named as claim_links() names them: a denial first, the claims of other links in order."""
    return sorted(row if row[0] == "denies" else (*row[:2], *sorted(row[2:])) for row in found)


EXPECTED_CLAIM_LINKS = in_order([
    # the wire copy's claims, in each pair of the three outlets
    *pairs("same_claim", STRUCK, {("daily", "ledger"): 0.9333, ("daily", "reuters"): 1.0, ("ledger", "reuters"): 0.9333}),
    *pairs("same_claim", RESCUERS, {("daily", "ledger"): 1.0, ("daily", "reuters"): 1.0, ("ledger", "reuters"): 1.0}),
    *pairs("same_claim", ISKANDER, {("daily", "ledger"): 0.8696, ("daily", "reuters"): 1.0,
                                    ("ledger", "reuters"): 0.8696}),
    ("same_claim", 1.0, wire("daily", "Russia's defence ministry did not immediately respond"),
     wire("reuters", "Russia's defence ministry did not immediately respond")),
    ("same_claim", 1.0, wire("daily", "targeting civilians in the war it launched in February 2022"),
     wire("reuters", "targeting civilians in the war it launched in February 2022")),
    # the quote, with straight, curly and single quote marks, a dash for a comma, and in the outlet's own report
    *pairs("same_quote", TARGET, {("daily", "ledger"): 1.0, ("daily", "reuters"): 1.0, ("ledger", "reuters"): 1.0}),
    *[("same_quote", 1.0, *sorted((claim(COURIER, TARGET), wire(name, TARGET)))) for name in WIRE],
    # two outlets' headlines of the wire story, in their own words ("the governor said" is no name to compare)
    ("same_claim", 0.8571, wire("daily", "14 Killed As Russian Missile Hits Sumy Market"),
     wire("reuters", "Russian missile strike on Sumy market kills 14")),
    # the outlet's own report paraphrases the governor's toll
    *[("same_claim", score, *sorted((PARAPHRASE, wire(name, STRUCK))))
      for name, score in (("daily", 0.8148), ("ledger", 0.8), ("reuters", 0.8148))],
    # the witness quoted in full by one outlet, and in part by a radio brief and a blog
    ("same_quote", 1.0, *sorted((WHISTLE, RADIO))),
    ("same_quote", 1.0, *sorted((WHISTLE, BLOG))),
    # a denial the next day, of each outlet's claim, and a denial within one article
    *[("denies", 1.0, DENIAL, wire(name, STRUCK)) for name in WIRE],
    ("denies", 1.0, NOT_SHELLED, SHELLED),
    # the updated story: its unchanged claims (the auction postponed by two, then three months is not the same claim)
    ("same_claim", 1.0, claim(PORT, "Court halts sale of Odesa port terminal pend"),
     claim(PORT_UPDATED, "Court halts sale of Odesa port terminal pend")),
    ("same_claim", 1.0, claim(PORT, "An appeals court in Kyiv on Tuesday suspended"),
     claim(PORT_UPDATED, "An appeals court in Kyiv on Tuesday suspended")),
    ("same_claim", 1.0, claim(PORT, "the terminal had been undervalued by about 40"),
     claim(PORT_UPDATED, "the terminal had been undervalued by about 40")),
])


def test_copies_of_a_story_are_linked_and_stories_in_their_own_words_are_not(shared):
    assert article_links(shared) == EXPECTED_ARTICLE_LINKS
    assert rows(shared, "select count(*) from article_signatures") == rows(shared, "select count(*) from articles")
    assert rows(shared, "select distinct method from article_links") == [("minhash-lsh",)]


def test_the_same_claim_the_same_quote_and_denials_are_linked(shared):
    assert claim_links(shared) == EXPECTED_CLAIM_LINKS


def test_clusters_are_the_connected_groups_of_the_same_claim(shared):
    found = clusters(shared)
    assert sorted([BLOG, RADIO, WHISTLE]) in found
    assert sorted([PARAPHRASE, *(wire(name, STRUCK) for name in WIRE)]) in found
    assert sorted([claim(COURIER, TARGET), *(wire(name, TARGET) for name in WIRE)]) in found
    assert len(found) == 11  # 4 wire claims, a headline, the toll, the quote, the witness, 3 of the updated story
    assert all(DENIAL not in group and SHELLED not in group for group in found)


def summaries_are_current(db: Path) -> bool:
    """Whether every group's kept counts (cluster_summaries) are what its claims give now, and no gone group's are
    kept."""
    from claimarchive.views import CLUSTER_SUMMARY

    fresh = rows(db, f"select * from ({CLUSTER_SUMMARY.format(where='')}) order by cluster_id")
    return bool(fresh) and rows(db, "select * from cluster_summaries order by cluster_id") == fresh


def test_cluster_summary_tells_repetition_from_corroboration(shared):
    assert summaries_are_current(shared)
    summary_of = {text: row for *row, text in rows(shared, """
        select s.claims, s.articles, s.outlets, s.first_published, a.path, s.deepest_sources, substr(c.text, 1, 30)
        from claim_cluster_summary s join claims c on c.id = s.first_claim_id join articles a on a.id = c.article_id""")}
    # four outlets, one governor: repetition
    assert summary_of[STRUCK[:30]] == [4, 4, 4, "2025-03-14", WIRE["reuters"], 1]
    # the witness: the courier and the radio published the same day (the courier archived first); the blog
    # has neither date nor publisher: never first, no outlet; the blog's trader is not named: a second speaker
    assert summary_of["I heard the whistle and then t"] == [3, 3, 2, "2025-03-15", COURIER, 2]


def test_who_said_it_first_lists_every_appearance_in_publication_order(shared):
    found = rows(shared, f"""select position, first, published, publisher, original_outlet, speaker, chain,
        {CLAIM.format('claim_id')} from claim_appearances where cluster_id =
        (select cluster_id from claim_clusters where claim_id = (select c.id from claims c join articles a
         on a.id = c.article_id where a.path = ? and c.text like 'A Russian missile%')) order by position""",
                 WIRE["reuters"])
    assert found == [
        (1, 1, "2025-03-14", "Reuters", None, "Volodymyr Artiukh",
         "regional governor Volodymyr Artiukh → published_by Reuters", wire("reuters", STRUCK)),
        (2, 0, "2025-03-15", "Northern Courier", None, "Volodymyr Artiukh",
         "Volodymyr Artiukh → published_by Northern Courier", PARAPHRASE),  # the same day: shared first
        (3, 0, "2025-03-15", "dailyworldnews.net", "Reuters", "Volodymyr Artiukh",
         "regional governor Volodymyr Artiukh → reported_by Reuters → published_by dailyworldnews.net",
         wire("daily", STRUCK)),
        (4, 0, "2025-03-15", "The Evening Ledger", "Reuters", "Volodymyr Artiukh",
         "regional governor Volodymyr Artiukh → reported_by Reuters → published_by The Evening Ledger",
         wire("ledger", STRUCK)),
    ]
    witness = rows(shared, f"""select position, first, published, {CLAIM.format('claim_id')} from claim_appearances
        where cluster_id = (select cluster_id from claim_appearances where text like 'I heard the whistle and then the roof came down on%')
        order by position""")
    assert witness == [(1, 1, "2025-03-15", WHISTLE), (2, 0, "2025-03-15", RADIO), (3, 0, None, BLOG)]


def test_reingest_changes_nothing(archived, corpus):
    before = dump(archived)
    again = ingest(corpus, "--db", archived)
    assert again.stderr == summary(unchanged=len(list(corpus.rglob("*.*"))) - len(list(corpus.rglob("*.yml")))) + "\n"
    assert dump(archived) == before


def test_another_order_gives_the_same_links(corpus, shared):
    db = corpus.parent / "other-order.db"
    for folder in ("local", "court", "wire"):
        assert ingest(corpus / folder, "--db", db).exit_code == 0
    assert article_links(db) == EXPECTED_ARTICLE_LINKS
    assert claim_links(db) == EXPECTED_CLAIM_LINKS
    assert clusters(db) == clusters(shared)
    assert summaries_are_current(db)


def test_replacing_an_article_rebuilds_its_links_and_splits_the_cluster_it_bridged(archived, corpus):
    courier = corpus / "local" / "courier-sumy-own-report.txt"
    text = courier.read_text(encoding="utf-8")
    witness = text[text.index('"I heard'):text.index("\n\n", text.index('"I heard')) + 2]
    courier.write_text(text.replace(witness, ""), encoding="utf-8")
    result = ingest(corpus, "--db", archived, "--verbose")
    assert f"replaced: {courier}: its text changed" in result.stderr.splitlines()
    expected = [link for link in EXPECTED_CLAIM_LINKS if WHISTLE not in link]
    assert claim_links(archived) == expected
    found = clusters(archived)
    assert all(RADIO not in group and BLOG not in group for group in found)  # the witness's quote was the bridge
    assert sorted([PARAPHRASE, *(wire(name, STRUCK) for name in WIRE)]) in found  # relinked anew
    assert len(found) == 10
    assert summaries_are_current(archived)  # the split group's parts, the bridge's claim gone from them
    courier.write_text(text, encoding="utf-8")
    ingest(corpus, "--db", archived)
    assert claim_links(archived) == EXPECTED_CLAIM_LINKS
    assert sorted([BLOG, RADIO, WHISTLE]) in clusters(archived)
    assert summaries_are_current(archived)  # merged again


def test_deleting_links_with_an_article_keeps_the_archive_consistent(archived, corpus):
    (corpus / "wire" / "reuters-sumy-market.txt").write_text("Correction\n\nThis story has been withdrawn.\n",
                                                              encoding="utf-8")
    assert ingest(corpus, "--db", archived).exit_code == 0
    assert article_links(archived) == [link("republished", 0.5, WIRE["daily"], WIRE["ledger"]),
                                       link("updated", 0.7031, PORT, PORT_UPDATED)]
    assert all(WIRE["reuters"] not in part for link in claim_links(archived) for part in link[2:])
    assert rows(archived, "select count(*) from claim_clusters where claim_id not in (select id from claims)") == [(0,)]
    assert rows(archived, "pragma foreign_key_check") == []
    assert summaries_are_current(archived)


QUERIES = {
    "who_said_it_first": ("claim_id", "select c.id from claims c where c.text like 'I heard the whistle and then the "
                                      "roof came down on%'"),
    "copies_of_article": ("article_id", f"select id from articles where path = '{WIRE['reuters']}'"),
    "repeated_from_one_source": (None, None),
    "denials_and_what_they_deny": (None, None),
}


async def test_canned_queries_list_with_titles_and_names(shared):
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    ds = Datasette([str(shared)], metadata=metadata, settings={"sql_time_limit_ms": 1000})
    await ds.invoke_startup()
    served = {}
    for name, (param, sql) in QUERIES.items():
        params = {param: str(rows(shared, sql)[0][0])} if param else {}
        response = await ds.client.get(f"/archive/{name}.json?_shape=array&{urlencode(params)}")
        assert response.status_code == 200, name
        served[name] = response.json()
    assert [(r["position"], r["first"], r["publisher"], r["article"]) for r in served["who_said_it_first"]] == [
        (1, "first", "Northern Courier", "Sumy mourns market victims as search ends"),
        (2, "", "Radio Sumy", "Sumy traders describe moment missile struck"),
        (3, "", None, "What the witnesses saw in Sumy")]
    assert [(r["relation"], r["publisher"], r["article"]) for r in served["copies_of_article"]] == [
        ("republished", "dailyworldnews.net", "14 Killed As Russian Missile Hits Sumy Market"),
        ("republished", "The Evening Ledger", "Missile hits Sumy market as traders set up stalls")]
    repeated = {(r["outlets"], r["deepest_source"], r["first_publisher"]) for r in served["repeated_from_one_source"]}
    assert (4, "Volodymyr Artiukh", "Reuters") in repeated
    denials = [(r["denied_by"], r["denial_article"], r["claim_article"]) for r in served["denials_and_what_they_deny"]]
    assert denials[:3] == [("Russia's defence ministry", "Moscow rejects Kyiv's account of Sumy strike", title)
                           for title in sorted(["Russian missile strike on Sumy market kills 14, governor says",
                                                "14 Killed As Russian Missile Hits Sumy Market",
                                                "Missile hits Sumy market as traders set up stalls"])] or denials
    assert len(denials) == 4
