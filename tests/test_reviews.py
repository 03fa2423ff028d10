"""Fact-checks: ClaimReview JSON-LD (a single object, a list, an @graph, an ItemList) and CSV imported into an
archive of tests/reviews/articles, matched to its claims by url, by text, or not at all; exported back as
ClaimReview and checked property by property against Google's fact-check markup; kept across re-ingests; and
served by Datasette's canned queries. Rows are named by article path and claim text, never by id."""
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from claimarchive.reviews import read as review_read
from claimarchive.reviews.read import Review, read_reviews
from claimarchive.schema import SCHEMA_VERSION
from conftest import cli, ingest
from test_ingest import rows, summary, write

HERE = Path(__file__).parent / "reviews"
METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"

# Google Search Central, "Fact check (ClaimReview) structured data", structured data type definitions:
# (type, property) → required or recommended. No other property is documented for the rich result.
GOOGLE = {
    ("ClaimReview", "claimReviewed"): "required",
    ("ClaimReview", "reviewRating"): "required",
    ("ClaimReview", "url"): "required",
    ("ClaimReview", "author"): "recommended",
    ("ClaimReview", "datePublished"): "recommended",
    ("ClaimReview", "itemReviewed"): "recommended",
    ("Claim", "appearance"): "recommended",
    ("Claim", "author"): "recommended",
    ("Claim", "datePublished"): "recommended",
    ("Claim", "firstAppearance"): "recommended",
    ("Rating", "alternateName"): "required",
    ("Rating", "bestRating"): "recommended",
    ("Rating", "name"): "recommended",
    ("Rating", "ratingValue"): "recommended",
    ("Rating", "worstRating"): "recommended",
}
# What else the export writes, from schema.org (the JSON-LD keywords, the reviewer's and the works' properties).
SCHEMA_ORG = {"ClaimReview": {"@context", "@type"}, "Claim": {"@type"}, "Rating": {"@type", "ratingExplanation"},
              "Organization": {"@type", "name", "url"}, "Person": {"@type", "name"},
              "CreativeWork": {"@type", "url", "headline", "datePublished", "publisher"}}

COASTAL = {"@type": "CreativeWork", "url": "https://coastaltimes.example/2025/04/02/harbour-fire/",
           "headline": "Fire destroys harbour warehouse in Port Ellery", "datePublished": "2025-04-02",
           "publisher": {"@type": "Organization", "name": "Coastal Times"}}
BAY_HERALD = {"@type": "CreativeWork", "url": "https://bayherald.example/news/harbour-arson-claim",
              "headline": "Mayor repeats arson claim as harbour clean-up begins", "datePublished": "2025-04-05",
              "publisher": {"@type": "Organization", "name": "Bay Herald"}}
ARSON = "the fire at the harbour warehouse was started deliberately by striking dock workers"
CREWS = "Fire crews worked for six hours to bring the blaze under control"


@pytest.fixture
def archive(tmp_path) -> Path:
    """tests/reviews/articles archived in tmp_path/archive.db, with the review files beside it."""
    shutil.copytree(HERE / "articles", tmp_path / "articles")
    shutil.copytree(HERE / "files", tmp_path / "files")
    result = ingest("articles", "--db", "archive.db", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    return tmp_path / "archive.db"


def reviews_cli(*args, cwd: Path):
    return cli("reviews", *args, cwd=cwd)


def placed(db: Path) -> list[tuple]:
    """Each review: its file, status, method, score, scope, the article and claim it is on."""
    return rows(db, "select r.file, r.claim_reviewed, r.status, r.method, r.score, r.scope, a.path, c.text "
                    "from reviews r left join articles a on a.id = r.article_id left join claims c on c.id = r.claim_id "
                    "order by r.id")


IMPORTED = [
    ("files/graph.jsonld", "The library budget keeps all three branches open on Saturdays", "matched",
     "text:same_claim", 0.8333, "cluster", "articles/budget.txt",
     "the budget would keep all three branches open on Saturdays"),
    ("files/handmade.csv", CREWS, "matched", "text:same_words", 1.0, "claim", "articles/harbour-fire.txt", CREWS),
    ("files/itemlist.json", "Striking dock workers deliberately set fire to the harbour warehouse", "matched", "url",
     0.875, "cluster", "articles/harbour-fire-bay-herald.txt", ARSON),
    ("files/list.json", "New clinic vaccinated 12,000 children in its first month", "matched", "text:same_claim", 1.0,
     "cluster", "articles/clinic.txt", "the new clinic had vaccinated 12,000 children in its first month"),
    ("files/list.json", "Astronauts found the moon is made of cheese", "unmatched", None, None, "cluster", None, None),
    ("files/single.json", "The harbour warehouse fire was started deliberately by striking dock workers", "matched",
     "url", 1.0, "cluster", "articles/harbour-fire.txt", ARSON),
]


def imported(archive: Path) -> Path:
    result = reviews_cli("files", "--db", "archive.db", cwd=archive.parent)
    assert result.exit_code == 0, result.stderr
    return archive


# Reading ----------------------------------------------------------------------------------------------------

def test_each_form_of_claimreview_and_the_csv_are_read():
    single, = read_reviews(HERE / "files" / "single.json")
    assert single == Review(
        number=1, claim_reviewed="The harbour warehouse fire was started deliberately by striking dock workers",
        claim_author="Colin Brandt", claim_author_type="Person", claim_date="2025-04-02",
        appearances=["http://www.coastaltimes.example/2025/04/02/harbour-fire"], rating_value=1.0, best_rating=5.0,
        worst_rating=1.0, rating_name="False", reviewer="FactDesk", reviewer_url="https://factdesk.example",
        url="https://factdesk.example/checks/harbour-warehouse-fire", review_date="2025-04-03",
        note="The fire service traced the fire to an electrical fault.")
    clinic, moon = read_reviews(HERE / "files" / "list.json")
    assert (clinic.rating_value, clinic.best_rating, clinic.review_date, clinic.claim_author_type) == (4.0, 5.0, "2025-03-28", "Organization")
    assert (moon.number, moon.rating_name, moon.rated_false, moon.appearances) == \
        (2, "Pants on Fire", True, ["https://socialsite.example/posts/123"])
    graph, = read_reviews(HERE / "files" / "graph.jsonld")  # the Organization and WebPage nodes are not reviews
    assert (graph.reviewer, graph.reviewer_url, graph.claim_author, graph.rated_false) == \
        ("TruthLens", "https://truthlens.example/", "Ann Reyes", False)
    listed, = read_reviews(HERE / "files" / "itemlist.json")
    assert (listed.rating_name, listed.rating_value, listed.worst_rating, listed.appearances) == \
        ("Incorrect", 0.0, 0.0, ["https://bayherald.example/news/harbour-arson-claim"])
    row, = read_reviews(HERE / "files" / "handmade.csv")
    assert row == Review(number=1, claim_reviewed=CREWS, rating_value=5.0, best_rating=5.0, worst_rating=1.0,
                         rating_name="True", reviewer="Our desk", review_date="2025-04-03",
                         note="Confirmed with the fire service log", scope="claim")


@pytest.mark.parametrize("name, value, worst, false", [
    ("False", None, None, True), ("Mostly false", None, None, True), ("PANTS ON FIRE!", None, None, True),
    ("Fake", None, None, True), ("Half true", None, None, False), ("True", 1, 1, False), ("Misleading", None, None, False),
    (None, 1, 1, True), (None, 2, 1, False), (None, 1, None, False),
])
def test_what_a_false_rating_is(name, value, worst, false):
    assert review_read.rated_false(name, value, worst) is false


# Importing and matching ----------------------------------------------------------------------------------------

def test_reviews_are_matched_by_url_by_text_and_one_matches_nothing(archive):
    result = reviews_cli("files", "--db", "archive.db", cwd=archive.parent)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "unmatched: files/list.json: review 2: 'Astronauts found the moon is made of cheese'",
        "6 imported (2 matched by url, 3 by text, 0 by claim_id, 1 unmatched), 0 updated, 0 unchanged, 0 refused, "
        "0 file(s) failed"]
    assert placed(archive) == IMPORTED
    # the appearance url named the article as http://www. without its trailing slash: the same address
    assert rows(archive, "select url from articles where path = 'articles/harbour-fire.txt'") == \
        [("https://coastaltimes.example/2025/04/02/harbour-fire/",)]
    assert rows(archive, "select rating_value, best_rating, worst_rating, rating_name, rated_false, reviewer, url, "
                         "review_date, note, appearances from reviews where reviewer = 'FactDesk'") == [
        (1.0, 5.0, 1.0, "False", 1, "FactDesk", "https://factdesk.example/checks/harbour-warehouse-fire", "2025-04-03",
         "The fire service traced the fire to an electrical fault.",
         '["http://www.coastaltimes.example/2025/04/02/harbour-fire"]')]


def test_importing_again_changes_nothing_and_an_edit_updates_the_review(archive):
    imported(archive)
    again = reviews_cli("files", "--db", "archive.db", cwd=archive.parent)
    assert again.stderr.splitlines()[-1] == ("0 imported (0 matched by url, 0 by text, 0 by claim_id, 0 unmatched), "
                                             "0 updated, 6 unchanged, 0 refused, 0 file(s) failed")
    single = archive.parent / "files" / "single.json"
    single.write_text(single.read_text().replace('"ratingValue": 1,', '"ratingValue": 2,')
                      .replace('"False"', '"Mostly false"'))
    edited = reviews_cli("files/single.json", "--db", "archive.db", cwd=archive.parent)
    assert edited.stderr.splitlines() == ["0 imported (0 matched by url, 0 by text, 0 by claim_id, 0 unmatched), "
                                          "1 updated, 0 unchanged, 0 refused, 0 file(s) failed"]
    assert rows(archive, "select count(*), rating_value, rating_name, rated_false from reviews where reviewer = 'FactDesk'") == \
        [(1, 2.0, "Mostly false", 1)]
    assert placed(archive) == IMPORTED


def test_an_unmatched_review_is_matched_when_imported_again_after_its_article(archive):
    folder = archive.parent
    review = write(folder / "later.json", json.dumps({
        "@context": "https://schema.org", "@type": "ClaimReview", "url": "https://factdesk.example/checks/ferry",
        "claimReviewed": "The ferry will run every hour from June", "datePublished": "2025-04-10",
        "author": {"@type": "Organization", "name": "FactDesk"},
        "reviewRating": {"@type": "Rating", "alternateName": "Unproven"},
        "itemReviewed": {"@type": "Claim", "appearance": "https://coastaltimes.example/ferry"}}))
    first = reviews_cli(review.name, "--db", "archive.db", cwd=folder)
    assert first.stderr.splitlines()[0] == "unmatched: later.json: review 1: 'The ferry will run every hour from June'"
    write(folder / "articles" / "ferry.txt", "Ferry timetable changes\n\nThe harbour master said the ferry would "
                                             "run every hour from June.\n")
    write(folder / "articles" / "ferry.yml", "published: 2025-04-08\npublisher: Coastal Times\n"
                                             "url: https://coastaltimes.example/ferry\n")
    assert ingest("articles", "--db", "archive.db", cwd=folder).exit_code == 0
    second = reviews_cli(review.name, "--db", "archive.db", cwd=folder)
    assert second.stderr.splitlines() == ["0 imported (0 matched by url, 0 by text, 0 by claim_id, 0 unmatched), "
                                          "1 updated, 0 unchanged, 0 refused, 0 file(s) failed"]
    assert rows(archive, "select r.status, r.method, r.score, a.path, c.text from reviews r join claims c on "
                         "c.id = r.claim_id join articles a on a.id = r.article_id where r.file = 'later.json'") == \
        [("matched", "url", 1.0, "articles/ferry.txt", "the ferry would run every hour from June")]


def test_a_hand_made_review_names_its_claim_by_id(archive):
    claim_id = rows(archive, "select c.id from claims c join articles a on a.id = c.article_id "
                             "where c.text = ? and a.path = 'articles/harbour-fire.txt'", ARSON)[0][0]
    write(archive.parent / "mine.csv", f"claim_id,rating,reviewer,review_url,review_date\n"
                                       f"{claim_id},False,Our desk,https://ourdesk.example/arson,2025-04-04\n"
                                       f"999999,True,Our desk,,\n")
    result = reviews_cli("mine.csv", "--db", "archive.db", cwd=archive.parent)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: mine.csv: review 2: claim_id 999999 is no archived claim (not imported; the file's other reviews were)",
        "1 imported (0 matched by url, 0 by text, 1 by claim_id, 0 unmatched), 0 updated, 0 unchanged, 1 refused, "
        "0 file(s) failed"]
    assert rows(archive, "select claim_reviewed, status, method, score, claim_id from reviews") == \
        [(ARSON, "matched", "given", 1.0, claim_id)]


# Bad files -----------------------------------------------------------------------------------------------------

BAD = {
    "broken.json": '{"@type": "ClaimReview", "claimReviewed": "x",',
    "deep.json": "[" * 5000 + "]" * 5000,
    "nothing.json": '{"@context": "https://schema.org", "@type": "WebPage", "name": "Not a fact-check"}',
    "typo.csv": "claim_reviewed,ratng\nThe bridge is closed,False\n",
    "latin.csv": "claim_reviewed,rating\nCaf\xe9 closed,False\n",
    "notes.txt": "not reviews",
}


def test_bad_files_get_one_line_each_and_the_good_ones_still_go_in(archive):
    folder = archive.parent
    for name, content in BAD.items():
        write(folder / "bad" / name, content.encode("latin-1") if name == "latin.csv" else content)
    write(folder / "bad" / "mixed.json", json.dumps([
        {"@type": "ClaimReview", "claimReviewed": "The library budget keeps all three branches open on Saturdays",
         "url": "https://truthlens.example/library-hours/", "author": {"@type": "Organization", "name": "TruthLens"},
         "reviewRating": {"@type": "Rating", "alternateName": "True"}},
        {"@type": "ClaimReview", "url": "ftp://nowhere", "reviewRating": {"ratingValue": "seven", "bestRating": 5}},
        {"@type": "ClaimReview", "claimReviewed": "A claim", "datePublished": "yesterday",
         "reviewRating": {"ratingValue": 9, "bestRating": 5, "worstRating": 1, "alternateName": "True"}}]))
    result = reviews_cli("bad/broken.json", "bad/deep.json", "bad/nothing.json", "bad/typo.csv", "bad/latin.csv",
                         "bad/notes.txt", "bad/missing.json", "bad/mixed.json", "--db", "archive.db", cwd=folder)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: bad/missing.json: not found",
        "error: bad/broken.json: malformed JSON: Expecting property name enclosed in double quotes: line 1 column 47 (char 46)",
        f"error: bad/deep.json: refused: lists and objects nested deeper than {review_read.MAX_NESTING} levels",
        "error: bad/nothing.json: holds no review (no object of @type ClaimReview)",
        "error: bad/typo.csv: unknown column(s) 'ratng' (columns: claim_reviewed, rating, rating_value, best_rating, "
        "worst_rating, reviewer, reviewer_url, review_url, review_date, claim_author, claim_date, appearance_url, "
        "note, scope, claim_id)",
        "error: bad/latin.csv: not UTF-8 (byte 25)",
        "error: bad/notes.txt: not a file of reviews (.txt suffix: .json, .jsonld or .csv)",
        "error: bad/mixed.json: review 2: ratingValue 'seven' is not a number; url 'ftp://nowhere' is not an http(s) "
        "url; no claimReviewed (the claim's text); no rating (reviewRating's alternateName or ratingValue); review 3: "
        "datePublished 'yesterday' is not an ISO date; ratingValue 9 is outside its scale (1 to 5) (not imported; the "
        "file's other reviews were)",
        "1 imported (0 matched by url, 1 by text, 0 by claim_id, 0 unmatched), 0 updated, 0 unchanged, 2 refused, "
        "7 file(s) failed"]
    assert rows(archive, "select claim_reviewed, status from reviews") == \
        [("The library budget keeps all three branches open on Saturdays", "matched")]


def test_a_file_too_large_is_refused_unread(archive, monkeypatch):
    monkeypatch.setattr(review_read, "MAX_BYTES", 100)
    result = reviews_cli("files/single.json", "--db", "archive.db", cwd=archive.parent)
    size = (archive.parent / "files" / "single.json").stat().st_size
    assert result.stderr.splitlines()[0] == f"error: files/single.json: too large ({size:,} bytes; at most 100)"
    assert result.exit_code == 1


def test_no_archive_is_made_for_files_with_no_review(tmp_path):
    write(tmp_path / "empty.csv", "claim_reviewed,rating\n")
    result = reviews_cli("empty.csv", "--db", "archive.db", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: empty.csv: holds no review",
        "0 imported (0 matched by url, 0 by text, 0 by claim_id, 0 unmatched), 0 updated, 0 unchanged, 0 refused, "
        "1 file(s) failed",
        "note: nothing to import: archive.db was not created"]
    assert not (tmp_path / "archive.db").exists()


# Export --------------------------------------------------------------------------------------------------------

def exported(archive: Path) -> dict[str, dict]:
    """`export claimreview --out out`: each document by its claimReviewed."""
    out = archive.parent / "out"
    result = cli("export", "claimreview", "--db", "archive.db", "--out", "out", cwd=archive.parent)
    assert result.exit_code == 0, result.stderr
    documents = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(out.glob("claimreview-*.json"))]
    return {document["claimReviewed"]: document for document in documents}


def check_properties(node: dict, kind: str, lacking: frozenset = frozenset()) -> None:
    """Every property is Google's (the required ones present, but those the review lacks) or schema.org's for the
    type; nested nodes too."""
    allowed = {prop for (of, prop) in GOOGLE if of == kind} | SCHEMA_ORG[kind]
    assert set(node) <= allowed, (kind, set(node) - allowed)
    assert node["@type"] == kind
    for (of, prop), status in GOOGLE.items():
        if of == kind and status == "required" and prop not in lacking:
            assert prop in node, (kind, prop)
    for value in node.values():
        for one in value if isinstance(value, list) else [value]:
            if isinstance(one, dict):
                check_properties(one, one["@type"])


def test_export_writes_claimreview_with_every_archived_appearance(archive):
    docs = exported(imported(archive))
    assert sorted(docs) == sorted(claim for _, claim, status, *_ in IMPORTED if status == "matched")
    fire = docs["The harbour warehouse fire was started deliberately by striking dock workers"]
    # the claim is carried by two archived articles (one group of the same claim): both are appearances, the
    # earliest the first appearance
    assert fire == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factdesk.example/checks/harbour-warehouse-fire",
        "claimReviewed": "The harbour warehouse fire was started deliberately by striking dock workers",
        "datePublished": "2025-04-03",
        "author": {"@type": "Organization", "name": "FactDesk", "url": "https://factdesk.example"},
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                         "alternateName": "False", "name": "False",
                         "ratingExplanation": "The fire service traced the fire to an electrical fault."},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Colin Brandt"},
                         "datePublished": "2025-04-02", "appearance": [COASTAL, BAY_HERALD],
                         "firstAppearance": COASTAL},
    }
    # a review of one appearance (scope claim) lists that article alone; its claim's speaker is the archive's
    crews = docs[CREWS]
    assert crews["itemReviewed"] == {"@type": "Claim", "author": {"@type": "Organization", "name": "fire service"},
                                     "datePublished": "2025-04-02", "appearance": [COASTAL], "firstAppearance": COASTAL}
    assert "url" not in crews
    # an article without a url is an appearance by its headline, date and publisher
    clinic = docs["New clinic vaccinated 12,000 children in its first month"]
    gazette = {"@type": "CreativeWork", "headline": "New children's clinic opens in Marlow district",
               "datePublished": "2025-03-20", "publisher": {"@type": "Organization", "name": "Marlow Gazette"}}
    assert clinic["itemReviewed"] == {"@type": "Claim", "author": {"@type": "Organization", "name": "Marlow health officials"},
                                      "datePublished": "2025-03-20", "appearance": [gazette], "firstAppearance": gazette}
    assert clinic["reviewRating"] == {"@type": "Rating", "ratingValue": 4, "bestRating": 5, "worstRating": 1,
                                      "alternateName": "Mostly true", "name": "Mostly true"}
    for claim, document in docs.items():
        check_properties(document, "ClaimReview", frozenset({"url"}) if claim == CREWS else frozenset())
        if claim != CREWS:  # every property Google names is there, when the review gives it
            assert {prop for (of, prop) in GOOGLE if of == "ClaimReview"} <= set(document), claim


def test_export_without_out_prints_one_list_and_warns_of_missing_required_properties(archive):
    imported(archive)
    result = cli("export", "claimreview", "--db", "archive.db", cwd=archive.parent)
    assert result.exit_code == 0
    documents = json.loads(result.stdout)
    assert [d["claimReviewed"] for d in documents] == [claim for _, claim, status, *_ in IMPORTED if status == "matched"]
    review_id = rows(archive, "select id from reviews where file = 'files/handmade.csv'")[0][0]
    assert result.stderr.splitlines() == [
        f"warning: archive.db: review {review_id} has no url (required by Google's fact-check markup)",
        "5 ClaimReview(s) exported"]
    assert cli("export", "claimreview", "--db", "missing.db", cwd=archive.parent).stderr == \
        "error: missing.db: no such archive\n"


# Re-ingest -----------------------------------------------------------------------------------------------------

def test_a_replaced_article_keeps_every_review_attached(archive):
    imported(archive)
    before = exported(archive)
    shutil.rmtree(archive.parent / "out")
    old_claims = rows(archive, "select claim_id from reviews where claim_id is not null order by id")
    fire = archive.parent / "articles" / "harbour-fire.txt"
    fire.write_text(fire.read_text().replace("Nobody was hurt.", "Nobody was hurt, the fire service said."))
    assert ingest("articles", "--db", "archive.db", cwd=archive.parent).stderr.splitlines()[0] == \
        summary(replaced=1, unchanged=3)
    # the same reviews on the same claims of the new version (new ids): the two on its claims re-attached to it
    expected = [(*row[:3], "reattached", 1.0, *row[5:]) if row[6] == "articles/harbour-fire.txt" else row
                for row in IMPORTED]
    assert [row[1] for row in expected if row[3] == "reattached"] == [CREWS, IMPORTED[-1][1]]
    assert placed(archive) == expected
    assert rows(archive, "select claim_id from reviews where claim_id is not null order by id") != old_claims
    assert exported(archive) == before
    assert rows(archive, "pragma foreign_key_check") == []


def test_a_reviewed_claim_that_disappears_is_orphaned_then_reattached_when_it_returns(archive):
    imported(archive)
    fire = archive.parent / "articles" / "harbour-fire.txt"
    original = fire.read_text()
    fire.write_text(original.replace(CREWS, "Fire crews left the site at dawn"))
    assert ingest("articles", "--db", "archive.db", cwd=archive.parent).exit_code == 0
    # the review of that appearance alone is orphaned, readable with what it reviewed and what it was on
    assert rows(archive, "select status, claim_id, article_id, orphaned_from, claim_reviewed, claim_text from reviews "
                         "where file = 'files/handmade.csv'") == \
        [("orphaned", None, None, "articles/harbour-fire.txt", CREWS, CREWS)]
    fire.write_text(original.replace(ARSON, "the cause of the fire was not yet known"))
    assert ingest("articles", "--db", "archive.db", cwd=archive.parent).exit_code == 0
    # the group's review stays on the group, through its claim in the other article
    assert rows(archive, "select r.status, r.method, a.path, c.text from reviews r join claims c on c.id = r.claim_id "
                         "join articles a on a.id = r.article_id where r.reviewer = 'FactDesk'") == \
        [("matched", "same_group", "articles/harbour-fire-bay-herald.txt", ARSON)]
    fire.write_text(original)
    assert ingest("articles", "--db", "archive.db", cwd=archive.parent).exit_code == 0
    assert rows(archive, "select status, method, score, orphaned_from, claim_text from reviews "
                         "where file = 'files/handmade.csv'") == [("matched", "reattached", 1.0, None, CREWS)]
    listed = cli("reviews", "files", "--db", "archive.db", cwd=archive.parent)
    assert "handmade" not in listed.stderr


# Schema ----------------------------------------------------------------------------------------------------------

def test_an_archive_of_schema_3_gets_the_reviews_table(archive):
    with sqlite3.connect(archive) as conn:
        conn.execute("drop table reviews")
        conn.execute("drop index idx_articles_url")
        conn.execute("pragma user_version = 3")
    assert ingest("articles", "--db", "archive.db", cwd=archive.parent).exit_code == 0
    assert rows(archive, "pragma user_version") == [(SCHEMA_VERSION,)]
    assert rows(archive, "select count(*) from reviews") == [(0,)]
    assert imported(archive) and placed(archive) == IMPORTED


# Datasette -------------------------------------------------------------------------------------------------------

async def served(archive: Path, query: str, **params) -> list[dict]:
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    ds = Datasette([str(archive)], metadata=metadata, settings={"sql_time_limit_ms": 1000})
    await ds.invoke_startup()
    response = await ds.client.get(f"/archive/{query}.json", params={"_shape": "array", **params})
    assert response.status_code == 200, response.text
    assert (await ds.client.get(f"/archive/{query}")).status_code == 200
    return response.json()


def labelled(rows_: list[dict], *names: str) -> list[tuple]:
    return [tuple(row[name] for name in names) for row in rows_]


async def test_the_canned_queries_show_reviewed_claims_and_their_repetitions(archive):
    imported(archive)
    reviewed = await served(archive, "reviewed_claims")
    assert labelled(reviewed, "claim", "article", "rating", "reviewer", "review_date", "method") == [
        ("the fire at the harbour warehouse was started deliberately by striking dock workers",
         "Mayor repeats arson claim as harbour clean-up begins", "Incorrect", "Bay Facts", "2025-04-04", "url"),
        (CREWS, "Fire destroys harbour warehouse in Port Ellery", "True", "Our desk", "2025-04-03", "text:same_words"),
        (ARSON, "Fire destroys harbour warehouse in Port Ellery", "False", "FactDesk", "2025-04-03", "url"),
        ("the new clinic had vaccinated 12,000 children in its first month",
         "New children's clinic opens in Marlow district", "Mostly true", "Checkpoint", "2025-03-28", "text:same_claim"),
        ("the budget would keep all three branches open on Saturdays", "Council approves library budget", "True",
         "TruthLens", "2025-03-27", "text:same_claim"),
    ]
    matching = await served(archive, "claims_matching_a_fact_check")
    assert labelled(matching, "reviewer", "article", "publisher", "how") == [
        ("TruthLens", "Council approves library budget", "Marlow Gazette", "matched"),
        ("Our desk", "Fire destroys harbour warehouse in Port Ellery", "Coastal Times", "matched"),
        ("Bay Facts", "Fire destroys harbour warehouse in Port Ellery", "Coastal Times", "same claim"),
        ("Bay Facts", "Mayor repeats arson claim as harbour clean-up begins", "Bay Herald", "matched"),
        ("Checkpoint", "New children's clinic opens in Marlow district", "Marlow Gazette", "matched"),
        ("FactDesk", "Fire destroys harbour warehouse in Port Ellery", "Coastal Times", "matched"),
        ("FactDesk", "Mayor repeats arson claim as harbour clean-up begins", "Bay Herald", "same claim"),
    ]
    repeated = await served(archive, "repeated_after_rated_false")
    # rated false on the 3rd (FactDesk) and the 4th (Bay Facts); Bay Herald carried it again on the 5th
    assert labelled(repeated, "claim", "publisher", "published", "rating", "reviewer", "review_date", "days_after") == [
        (ARSON, "Bay Herald", "2025-04-05", "Incorrect", "Bay Facts", "2025-04-04", 1),
        (ARSON, "Bay Herald", "2025-04-05", "False", "FactDesk", "2025-04-03", 2),
    ]
    waiting = await served(archive, "reviews_not_on_a_claim")
    assert labelled(waiting, "status", "claim_reviewed", "rating", "reviewer") == [
        ("unmatched", "Astronauts found the moon is made of cheese", "Pants on Fire", "Checkpoint")]
    table = await served(archive, "reviews", _labels="on", status="matched", reviewer="FactDesk")
    assert [(row["claim_id"]["label"], row["article_id"]["label"]) for row in table] == \
        [(ARSON, "Fire destroys harbour warehouse in Port Ellery")]


def test_a_short_wording_of_a_long_claim_matches_it_and_other_figures_do_not(archive):
    folder = archive.parent
    write(folder / "articles" / "ferry.txt", "Ferry timetable announced\n\nThe harbour master said the new ferry "
                                             "service between Port Ellery and Marlow would run every hour from June, "
                                             "carrying up to 300 passengers on each crossing.\n")
    assert ingest("articles", "--db", "archive.db", cwd=folder).exit_code == 0
    write(folder / "ferry.csv", "claim_reviewed,rating\nEach ferry crossing will carry 300 passengers,True\n"
                                "Each ferry crossing will carry 500 passengers,False\n")
    result = reviews_cli("ferry.csv", "--db", "archive.db", cwd=folder)
    assert result.stderr.splitlines()[0] == "unmatched: ferry.csv: review 2: 'Each ferry crossing will carry 500 passengers'"
    assert placed(archive) == [
        ("ferry.csv", "Each ferry crossing will carry 300 passengers", "matched", "text:contained", 1.0, "cluster",
         "articles/ferry.txt", "the new ferry service between Port Ellery and Marlow would run every hour from June, "
                               "carrying up to 300 passengers on each crossing"),
        ("ferry.csv", "Each ferry crossing will carry 500 passengers", "unmatched", None, None, "cluster", None, None)]


def test_a_review_is_contained_in_a_claim_only_with_its_figures():
    from claimarchive.reviews.match import compare, reading

    review = reading("40 protesters blocked the harbour bridge")
    assert compare(review, reading("Police said 40 protesters blocked the harbour bridge on Saturday evening."))
    assert compare(review, reading("Police said 12 protesters blocked the harbour bridge on Saturday evening.")) is None
    assert compare(review, reading("Police said protesters blocked the harbour bridge on Saturday evening before riot "
                                   "officers cleared the approach roads.")) is None  # no figure: not the claim reviewed
