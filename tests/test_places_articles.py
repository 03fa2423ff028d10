"""Places in articles written for these tests (tests/places/): a local US story, state media, a wire story from
a province, an activists' report with damaged punctuation, a US state and the country of the same name, a
continent, Springfields told apart by their county and state, a story naming one town; villages, regions,
demonyms and spellings of one place, with the exact places expected."""
from pathlib import Path

import pytest

from claimarchive import nlp
from claimarchive.enrich.gazetteer import gazetteer
from claimarchive.enrich.places import find_places, fold, home_country
from claimarchive.model import Article
from claimarchive.pipeline import process
from claimarchive.segment import find_segments

HERE = Path(__file__).parent / "places"

# article → every (mention, place, granularity, ISO region or country, kind) found, in both pipelines
EXPECTED = {
    "01_gainesville_police.txt": {
        ("GAINESVILLE", "Gainesville", "city", "US-FL", "place"),  # the dateline's "Fla." says which
        ("Gainesville", "Gainesville", "city", "US-FL", "place"),  # "Gainesville Police": inside a name
        ("Florida", "Florida", "region", "US-FL", "place"),  # "University of Florida"
        ("Alachua County", "Alachua County", "county", "US-FL", "place"),
    },
    "02_richmond_council.txt": {
        ("Richmond", "Richmond", "city", "US-VA", "place"),  # not Richmond, California or British Columbia
        ("Virginia", "Virginia", "region", "US-VA", "place"),  # and "South Side" is no village in Alabama
    },
    "03_idlib_village_state_media.txt": {
        ("Idlib", "Idlib", "city", "SY-ID", "place"),
        ("Idlib", "Idlib", "region", "SY-ID", "place"),  # "Idlib province"
        ("Kafr Nabl", "Kafranbel", "city", "SY-ID", "place"),  # "the village of Kafr Nabl"
        ("Saraqib", "Saraqib", "city", "SY-ID", "place"),
        ("Hassakeh", "Al Ḩasakah", "city", "SY-HA", "place"),  # folded: -eh, doubled letters
        ("Deir el-Zour", "Deir ez-Zor", "city", "SY-DY", "place"),  # folded: inner article, vowels
        ("Raqa", "Ar Raqqah", "city", "SY-RA", "place"),
        ("US", "United States", "country", "US", "place"),
        ("Turkish", "Turkey", "country", "TR", "demonym"),
    },
    "04_sindh_floods_wire.txt": {
        ("KARACHI", "Karachi", "city", "PK-SD", "place"),
        ("Pakistan", "Pakistan", "country", "PK", "place"),
        ("Sindh", "Sindh", "region", "PK-SD", "place"),
        ("Balochistan", "Balochistan", "region", "PK-BA", "place"),
        ("Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa", "region", "PK-KP", "place"),
        ("Hyderabad", "Hyderabad", "city", "PK-SD", "place"),  # Sindh's, not India's larger city
        ("Sukkur", "Sukkur", "city", "PK-SD", "place"),
        ("Pakistani", "Pakistan", "country", "PK", "demonym"),
    },
    "05_activists_daraa.txt": {
        ("Daraa", "Dar‘ā", "city", "SY-DR", "place"),
        ("Tafas", "Ţafas", "city", "SY-DR", "place"),  # "on the town of Tafas,SOHR sources"
        ("Jisr al-Shughur", "Jisr ash Shughūr", "city", "SY-ID", "place"),
        ("Idlib", "Idlib", "city", "SY-ID", "place"),
        ("Syrian", "Syria", "country", "SY", "demonym"),
        ("Russian", "Russia", "country", "RU", "demonym"),
    },
    "06_georgia_state.txt": {
        ("Georgia", "Georgia", "region", "US-GA", "place"),  # the state, beside Atlanta
        ("ATLANTA", "Atlanta", "city", "US-GA", "place"),
        ("Savannah", "Savannah", "city", "US-GA", "place"),
        ("Augusta", "Augusta", "city", "US-GA", "place"),  # Georgia's, not Maine's capital
    },
    "07_georgia_country.txt": {
        ("Tbilisi", "Tbilisi", "city", "GE-TB", "place"),
        ("Georgia", "Georgia", "country", "GE", "place"),  # the country, beside Tbilisi
        ("Russian", "Russia", "country", "RU", "demonym"),
    },
    "08_africa_outbreak.txt": {
        ("Africa", "Africa", "continent", None, "place"),
        ("Congo", "Democratic Republic of the Congo", "country", "CD", "place"),  # beside Kinshasa
        ("Burundi", "Burundi", "country", "BI", "place"),
        ("Kinshasa", "Kinshasa", "city", "CD-KN", "place"),
    },
    "09_springfield_county_board.txt": {  # Illinois' Springfield: the county it lies in says so
        ("SPRINGFIELD", "Springfield", "city", "US-IL", "place"),
        ("Sangamon County", "Sangamon County", "county", "US-IL", "place"),  # a county with no town of its name
        ("Springfield", "Springfield", "city", "US-IL", "place"),  # "Springfield Police"
    },
    "10_springfield_mayor_race.txt": {  # Missouri's: its state and its county
        ("Springfield", "Springfield", "city", "US-MO", "place"),
        ("Greene County", "Greene County", "county", "US-MO", "place"),  # not Iowa's, nor any of 13 others
        ("Missouri", "Missouri", "region", "US-MO", "place"),
    },
    "11_columbus_lone_town.txt": {  # a story naming one town and nothing else: the biggest of its name
        ("Columbus", "Columbus", "city", "US-OH", "place"),
    },
    "12_village_hama_damaged.txt": {  # activists' report: missing spaces, a place run into a longer name
        ("Tremseh", "Tremseh", "village", "SY-HM", "place"),
        ("Hama", "Ḩamāh", "city", "SY-HM", "place"),
        ("Syrias", "Syria", "country", "SY", "place"),  # "the Syrias Hama Media Center"
        ("Kafr Zita", "Kafr Zaytā", "city", "SY-HM", "place"),
        ("Halfaya", "Ḩalfāyā", "city", "SY-HM", "place"),  # "of Halfaya,the activists said"
        ("Morek", "Mūrak", "city", "SY-HM", "place"),
        ("Russian", "Russia", "country", "RU", "demonym"),
        ("Iranian", "Iran", "country", "IR", "demonym"),  # "Iranian-backed"
    },
    "13_demonyms_aid_wire.txt": {  # peoples and adjectives, each its own mention kind
        ("NAIROBI", "Nairobi", "city", "KE-30", "place"),
        ("Kenya", "Kenya", "country", "KE", "place"),  # "northern Kenya", "the Kenya Red Cross"
        ("Ethiopian", "Ethiopia", "country", "ET", "demonym"),
        ("Somali", "Somalia", "country", "SO", "demonym"),
        ("Kenyan", "Kenya", "country", "KE", "demonym"),
        ("Syrian", "Syria", "country", "SY", "demonym"),  # "The Syrian Observatory": not "The Syrian"
        ("British", "United Kingdom", "country", "GB", "demonym"),
        ("Turkish", "Turkey", "country", "TR", "demonym"),
    },
    "14_sohr_countryside.txt": {  # towns the tagger calls people, after "in southern"; governorates right
        ("Idleb", "Idlib", "city", "SY-ID", "place"),
        ("Maarat al-Numan", "Ma‘arrat an Nu‘mān", "village", "SY-ID", "place"),  # folded, no population given
        ("Khan Sheikhoun", "Khān Shaykhūn", "city", "SY-ID", "place"),
        ("Homs", "Homs", "city", "SY-HI", "place"),  # in Homs governorate, not Tartus'
        ("Palmyra", "Tadmur", "city", "SY-HI", "place"),
        ("Douma", "Dūmā", "city", "SY-RD", "place"),  # Rif Dimashq
        ("Damascus", "Damascus", "city", "SY-DI", "place"),
        ("Syrian", "Syria", "country", "SY", "demonym"),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_places_of_each_article(pipeline, name):
    body = (HERE / name).read_text(encoding="utf-8")
    found = find_places(nlp.parse(body, find_segments(body), pipeline), body)
    assert all(body[m.start:m.end] == m.text for m in found)
    got = {(m.text, m.place.name, m.place.feature, m.place.region or m.place.country, m.kind) for m in found}
    assert got == EXPECTED[name]


@pytest.mark.parametrize("a, b", [
    ("Raqqa", "Raqa"), ("Hassakeh", "Al-Hasakah"), ("Hasaka", "Hasakah"), ("Deir el-Zour", "Deir ez-Zor"),
    ("Dayr az Zawr", "Deir ez-Zor"), ("Deraa", "Daraa"), ("Qamishli", "Kamishli"), ("Edlib", "Idlib"),
])
def test_folding_makes_transliterations_equal(a, b):
    assert fold(a) == fold(b)


def test_folding_keeps_different_names_apart():
    assert fold("Homs") != fold("Hama") and fold("Aleppo") != fold("Idlib")


def test_gazetteer_holds_every_granularity():
    gaz = gazetteer()
    features = {row.feature for key in ("idlib", "sindh", "africa", "alachuacounty", "syria", "saraqib")
                for row, _ in gaz.names(key)}
    assert {"continent", "country", "region", "county", "city"} <= features
    villages = [row for row, _ in gaz.names("tremseh") if row.feature == "village"]
    assert villages and villages[0].country == "SY"  # a village of a few thousand people


def test_countries_lie_at_their_own_point_not_their_capital():
    (syria,) = [row for row, _ in gazetteer().names("syria") if row.feature == "country"]
    assert (syria.latitude, syria.longitude) == (35.0, 38.0)  # Damascus is at 33.5, 36.3


def test_publisher_domain_gives_its_country():
    assert home_country("https://www.bbc.co.uk/news/world") == "GB"
    assert home_country(None, "sana.sy") == "SY"
    assert home_country("https://example.com/a") is None


def test_a_demonym_is_never_the_place_a_figure_is_about():
    body = ("Strike on market\n\nSyrian government forces killed 12 civilians in a strike on a market on Monday, "
            "a monitor said.\n")
    record = process(Article(path="x.txt", sha256="", size=0, body=body, encoding="utf-8", format="txt",
                             published="2024-03-04"), nlp.load())
    assert [(m.text, m.kind) for m in record.places] == [("Syrian", "demonym")]
    assert all(q.place_id is None for q in record.quantities)


@pytest.mark.parametrize("body, expected", [
    # a country's own name inside its institution's, with no other place in the article
    ("Rates held\n\nThe Bank of Canada held its key interest rate at 5 percent on Wednesday.\n",
     [("Canada", "Canada", "country")]),
    ("Food sent\n\nThe Kenya Red Cross said it had sent 40 trucks of food.\n", [("Kenya", "Kenya", "country")]),
    # a town's public body names the article's lone town; a company named like a town does not
    ("Arrest\n\nGainesville Police arrested a man on Sunday after a chase, a spokesman said.\n",
     [("Gainesville", "Gainesville", "city")]),
    ("Jobs\n\nLincoln Financial said profits rose. Jackson Hewitt cut 40 jobs.\n", []),
    # US states are the states, not namesake towns, nor the country Georgia
    ("Race\n\nLawmakers in Georgia, Alabama and Nevada disagreed, the campaign said.\n",
     [("Georgia", "Georgia", "region"), ("Alabama", "Alabama", "region"), ("Nevada", "Nevada", "region")]),
    # a kind word said of a list says it of every name in it
    ("Quake\n\nThe quake was felt in the states of Oaxaca, Puebla and Guerrero, officials said.\n",
     [("Oaxaca", "Oaxaca", "region"), ("Puebla", "Puebla", "region"), ("Guerrero", "Guerrero", "region")]),
    ("Tour\n\nShe visited the cities of Puebla and Oaxaca last week.\n",
     [("Puebla", "Puebla", "city"), ("Oaxaca", "Oaxaca", "city")]),
    ("Outbreak\n\nCases were reported in Mozambique's Nampula and Tete provinces, the ministry said.\n",
     [("Mozambique", "Mozambique", "country"), ("Nampula", "Nampula", "region"), ("Tete", "Tete", "region")]),
    # a state abbreviated after a town is the state; a big city the tagger calls a person is still the city
    ("Crash\n\nThe driver, from Chattanooga, Tenn., was not hurt, police in Dalton said.\n",
     [("Chattanooga", "Chattanooga", "city"), ("Tenn.", "Tennessee", "region"), ("Dalton", "Dalton", "city")]),
    ("Flu\n\nHealth officials confirmed cases in Veracruz. Guadalajara and Monterrey have closed schools.\n",
     [("Veracruz", "Veracruz", "city"), ("Guadalajara", "Guadalajara", "city"), ("Monterrey", "Monterrey", "city")]),
    # a folded spelling does not take a story to another country
    ("School board\n\nThe Bibb County school board met in Macon, Georgia. Parents from Lizella asked for buses.\n",
     [("Bibb County", "Bibb County", "county"), ("Macon", "Macon", "city"), ("Georgia", "Georgia", "region")]),
    # a village stands where its country is named; a country closing a longer name is not that country
    ("World\n\nTensions rose in the Middle East and in Europe, the ministers in London said.\n",
     [("Europe", "Europe", "continent"), ("London", "London", "city")]),
    ("Markets\n\nIn Latin America, Sao Paulo and Buenos Aires fell.\n",
     [("Sao Paulo", "São Paulo", "city"), ("Buenos Aires", "Buenos Aires", "city")]),
    # a common noun that folds like a town's name
    ("Cholera\n\nCholera killed 12 in Uttar Pradesh and Bihar, Indian officials said.\n",
     [("Uttar Pradesh", "Uttar Pradesh", "region"), ("Bihar", "Bihār", "region"), ("Indian", "India", "country")]),
    # a demonym shared by two countries is the larger one's
    ("Floods\n\nHeavy rains in the Indian state of Kerala killed 20 people, officials said.\n",
     [("Indian", "India", "country"), ("Kerala", "Kerala", "region")]),
])
def test_lone_places_inside_names_and_states(pipeline, body, expected):
    found = find_places(nlp.parse(body, find_segments(body), pipeline), body)
    assert [(m.text, m.place.name, m.place.feature) for m in found] == expected


def test_a_place_whose_name_opens_with_a_demonym(pipeline):
    if not nlp.has_parser(pipeline):
        pytest.skip("the trained pipeline's place entity backs a region the article's other places do not")
    body = "Measles\n\nCases rose in Washington state, Oregon and British Columbia, officials said in Seattle.\n"
    found = find_places(nlp.parse(body, find_segments(body), pipeline), body)
    assert [(m.text, m.place.name, m.place.feature) for m in found] == [
        ("Washington", "Washington", "region"), ("Oregon", "Oregon", "region"),
        ("British Columbia", "British Columbia", "region"), ("Seattle", "Seattle", "city")]


def test_every_us_county_has_a_point_within_its_state():
    gaz = gazetteer()
    (sangamon,) = [row for row, _ in gaz.names("sangamoncounty")]  # no town of its name: placed by ZIP codes
    assert (sangamon.region, round(sangamon.latitude), round(sangamon.longitude)) == ("US-IL", 40, -90)
    assert len([row for row in gaz.places("county") if row.country == "US"]) > 3100  # counties, parishes, boroughs


@pytest.mark.parametrize("key, feature, name, name_en, local_name", [
    ("hama", "city", "Ḩamāh", "Hama", "حماة"),  # its province's English and Arabic names: it is its namesake
    ("tafas", "city", "Ţafas", "Tafas", "طفس"),  # its own name without dots; its one Arabic alternate name
    ("syria", "country", "Syria", "Syria", "سوريا"),  # the country's own name for itself
    ("vinnytsia", "region", "Vinnytska oblast", "Vinnytsia Oblast", "Вінницька область"),
    ("krakow", "city", "Kraków", "Krakow", "Kraków"),  # a Latin-script country: its own spelling
    ("moscow", "city", "Moscow", "Moscow", None),  # GeoNames gives several Russian forms and says not which
    ("alachuacounty", "county", "Alachua County", "Alachua County", None),
    ("texas", "region", "Texas", "Texas", None),  # not its nickname, "The Lone Star State"
    ("louisiana", "region", "Louisiana", "Louisiana", None),  # nor "Sportsmans Paradise"
    ("bavaria", "region", "Bayern", "Bavaria", "Bayern"),  # but its English name where it has one
    ("england", "region", "England", "England", None),  # English is spoken there: its own name, not "Albion"
    ("crimea", "region", "Avtonomna Respublika Krym", "Crimea", "Автономна Республіка Крим"),
    ("saopaulo", "city", "São Paulo", "Sao Paulo", "São Paulo"),  # not its state's "Saint Paul"
    ("serbia", "country", "Serbia", "Serbia", "Srbija"),
    ("uttarpradesh", "region", "Uttar Pradesh", "Uttar Pradesh", "उत्तर प्रदेश"),  # not "North Province"
    ("kerala", "region", "Kerala", "Kerala", "കേരളം"),
])
def test_every_place_has_an_english_name_and_where_known_its_local_one(key, feature, name, name_en, local_name):
    (row,) = [row for row, _ in gazetteer().names(key) if row.feature == feature and row.name == name][:1]
    assert (row.name_en, row.local_name) == (name_en, local_name)


def test_the_map_shows_every_resolved_place_with_its_granularity_and_names(tmp_path):
    from conftest import ingest
    from test_ingest import rows, write

    for name in ("09_springfield_county_board.txt", "12_village_hama_damaged.txt"):
        write(tmp_path / "news" / name, (HERE / name).read_text(encoding="utf-8"))
    db = tmp_path / "archive.db"
    assert ingest(tmp_path / "news", "--db", db).exit_code == 0
    assert sorted(rows(db, "select name, name_en, local_name, feature, region, round(latitude, 1), "
                           "round(longitude, 1) from place_map"), key=lambda r: (r[3], r[1])) == [
        ("Ḩalfāyā", "Halfaya", "حلفايا", "city", "SY-HM", 35.3, 36.6),
        ("Ḩamāh", "Hama", "حماة", "city", "SY-HM", 35.1, 36.8),
        ("Kafr Zaytā", "Kafr Zayta", None, "city", "SY-HM", 35.4, 36.6),
        ("Mūrak", "Murak", "مورك", "city", "SY-HM", 35.4, 36.7),
        ("Springfield", "Springfield", None, "city", "US-IL", 39.8, -89.6),
        ("Syria", "Syria", "سوريا", "country", None, 35.0, 38.0),  # at its own point, not Damascus's
        ("Sangamon County", "Sangamon County", None, "county", "US-IL", 39.8, -89.6),
        ("Tremseh", "Tremseh", None, "village", "SY-HM", 35.3, 36.5),
    ]
    # the demonyms ("Russian warplanes") are mentions of their country, never on the map
    assert rows(db, "select text, kind from place_mentions where kind = 'demonym' order by start") == [
        ("Russian", "demonym"), ("Iranian", "demonym")]


def test_each_town_lies_in_its_own_province():
    """A GeoNames province is matched to its ISO region by the namesake of its biggest town, so a desert
    governorate whose point lies nearer another's towns keeps its own."""
    conn = gazetteer()._conn()
    regions = dict(conn.execute("select name, region from places where country = 'SY' and feature = 'city' and name "
                                "in ('Homs', 'Ţarţūs', 'Dūmā', 'Damascus', 'Tadmur')"))
    assert regions == {"Homs": "SY-HI", "Ţarţūs": "SY-TA", "Dūmā": "SY-RD", "Damascus": "SY-DI", "Tadmur": "SY-HI"}
    governorates = {r for (r,) in conn.execute("select distinct region from places where country = 'SY' and "
                                               "feature in ('city', 'village')")}
    assert len(governorates) == 14  # every one of Syria's governorates holds towns


def test_towns_of_provinces_whose_point_lies_far_from_them():
    """One GeoNames province to one ISO region, nearest pairs first: Sydney lies nearer the Capital Territory's
    point than New South Wales', Montreal nearer New Brunswick's than Quebec's."""
    conn = gazetteer()._conn()
    assert dict(conn.execute("select name, region from places where feature = 'city' and (country, name) in "
                             "(values ('AU', 'Sydney'), ('AU', 'Canberra'), ('AU', 'Brisbane'), ('CA', 'Montréal'))"
                             )) == {"Sydney": "AU-NSW", "Canberra": "AU-ACT", "Brisbane": "AU-QLD",
                                    "Montréal": "CA-QC"}
    (population,) = conn.execute("select population from places where region = 'AU-QLD' and feature = 'region'"
                                 ).fetchone()
    assert population > 2_000_000  # its towns' sum


def test_a_region_followed_by_a_figure(pipeline):
    body = "Flu\n\nNew South Wales reported 40 new cases, and Victoria and Queensland 20 each, officials said.\n"
    found = find_places(nlp.parse(body, find_segments(body), pipeline), body)
    assert [(m.text, m.place.feature, m.place.region) for m in found] == [
        ("New South Wales", "region", "AU-NSW"), ("Victoria", "region", "AU-VIC"), ("Queensland", "region", "AU-QLD")]
