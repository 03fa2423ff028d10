"""Places: the alias index, candidates in text, and disambiguation by the article's countries."""
import time

import pytest

from claimarchive import nlp
from claimarchive.enrich.places import alias_index, find_places, normalise
from claimarchive.model import Segment



def places_in(body, model):
    """Parse each line of ``body`` as a paragraph and find its places."""
    segments, pos = [], 0
    for line in body.split("\n"):
        if line.strip():
            segments.append(Segment("paragraph", pos, pos + len(line)))
        pos += len(line) + 1
    found = find_places(nlp.parse(body, segments, model), body)
    for m in found:
        assert body[m.start:m.end] == m.text
    return found


def resolved(found):
    return {(m.text, m.place.name, m.place.country) for m in found}


CONTROL = "Talks were held in Norway."  # a line with one known place


def places_with_control(body, model):
    """(text, place, country) of every place in ``body`` with CONTROL as its last line."""
    return [(m.text, m.place.name, m.place.country) for m in places_in(body + "\n" + CONTROL, model)]


# --- the alias index ---------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Deir Ezzor", "Deir ez-Zor"),  # hyphen and space
    ("Aş Şanamayn", "Sanamayn"),  # diacritics and a leading article
    ("As-Suwayda", "Suwayda"),  # hyphenated article
    ("al-Raqqa", "Raqqa"),
    ("Dar‘ā", "Dar'a"),  # ayn and apostrophe
    ("The Hague", "Hague"),
    ("ŁÓDŹ", "Lodz"),
])
def test_normalise_makes_spellings_equal(a, b):
    assert normalise(a) == normalise(b)


def test_normalise_keeps_words_that_only_look_like_articles():
    assert normalise("Al") == "al"  # a lone word is a name, not an article
    assert normalise("Alma Ata") != normalise("Ata")


def test_index_is_built_once_and_fast_after():
    first = alias_index()
    start = time.perf_counter()
    again = alias_index()
    assert again is first
    assert time.perf_counter() - start < 0.01


def test_index_knows_transliterations_and_exonyms():
    index = alias_index().by_key
    ids = lambda name: {e.place.geonames_id for e in index[normalise(name)].values()}  # noqa: E731
    assert ids("Kyiv") & ids("Kiev")
    assert ids("Suweida") & ids("As-Suwayda")
    assert ids("Deir Ezzor") & ids("Dayr az-Zawr")


def test_index_has_countries_with_coordinates():
    entries = alias_index().by_key[normalise("Egypt")].values()
    egypt = next(e.place for e in entries if e.place.feature == "country")
    assert egypt.country == "EG"
    assert 26 < egypt.latitude < 28 and 29 < egypt.longitude < 31  # its own point, not its capital Cairo's


def test_index_drops_codes_and_other_scripts():
    index = alias_index().by_key
    assert "qhs" not in index  # an airport code among Homs's alternate names
    assert "" not in index


# --- finding places in text ------------------------------------------------------------------

def test_spellings_in_text_resolve_to_one_place(pipeline):
    body = ("Artillery struck Dayr az-Zawr at dawn, Syrian activists in Syria said.\n"
            "By noon the shelling had reached Deir Ezzor's eastern suburbs and the road to Raqqa.")
    found = places_in(body, pipeline)
    deir = [m for m in found if m.place.name == "Deir ez-Zor"]
    assert {m.text for m in deir} == {"Dayr az-Zawr", "Deir Ezzor"}
    assert all(m.place.country == "SY" for m in found)


def test_possessive_country(pipeline):
    body = "Officials said Egypt's foreign ministry summoned the ambassador on Tuesday."
    assert resolved(places_in(body, pipeline)) == {("Egypt", "Egypt", "EG")}


def test_acronym_country_only_in_capitals(pipeline):
    body = "A UK-based charity told us that aid convoys were waiting at the border with Lebanon."
    assert resolved(places_in(body, pipeline)) == {("UK", "United Kingdom", "GB"), ("Lebanon", "Lebanon", "LB")}


def test_same_name_resolved_by_the_articles_country(pipeline):
    lebanese = ("Protesters blocked roads in Tripoli for a third day.\n"
                "The army deployed more troops across Lebanon, and Beirut's port stayed shut.")
    libyan = ("Armed groups clashed in Tripoli overnight.\n"
              "Libya's unity government said the coastal road to Misrata had reopened.")
    assert ("Tripoli", "Tripoli", "LB") in resolved(places_in(lebanese, pipeline))
    assert ("Tripoli", "Tripoli", "LY") in resolved(places_in(libyan, pipeline))


def test_without_context_the_larger_place_wins(pipeline):
    body = "Ministers from several governments met in Tripoli to discuss the fishing quotas."
    assert ("Tripoli", "Tripoli", "LY") in resolved(places_in(body, pipeline))


def test_common_words_and_names_are_not_places(pipeline):
    body = ("Police said the march in May drew few people.\n"
            "President Barack Obama met Kim Jong Un, and Hayat Tahrir al-Sham issued a statement.\n"
            "Reading glasses and mobile phones were on sale.")
    assert places_with_control(body, pipeline) == [("Norway", "Norway", "NO")]


def test_sentence_initial_city_needs_the_article_to_back_it(pipeline):
    alone = "Split decisions are rare. Nice words followed the verdict."
    assert places_in(alone, pipeline) == []
    backed = ("Fighting reached Hama in western Syria.\n"
              "Homs, further south, braced for an assault.")
    assert ("Homs", "Homs", "SY") in resolved(places_in(backed, pipeline))


def test_place_inside_another_name_is_skipped_but_designators_are_kept(pipeline):
    body = ("Hayat Tahrir al-Sham fighters entered Idlib City in northwest Syria.\n"
            "Students at Aleppo University were sent home.")
    found = places_in(body, pipeline)
    # not Damascus, of old "Sham"; Aleppo University is a mention of Aleppo
    assert {m.place.name for m in found} == {"Idlib", "Syria", "Aleppo"}


def test_spans_are_body_offsets_across_passages(pipeline):
    body = "Headline about markets\n\nTraders in Singapore and Jakarta sold shares."
    found = places_in(body, pipeline)
    assert {m.text for m in found} == {"Singapore", "Jakarta"}
    jakarta = next(m for m in found if m.text == "Jakarta")
    assert jakarta.start == body.index("Jakarta") and jakarta.place.country == "ID"


def test_context_does_not_outweigh_a_capital_abroad(pipeline):
    body = ("The United States said Washington would send envoys to Moscow next week.\n"
            "Officials in the U.S. expect the talks to last two days.")
    found = places_in(body, pipeline)
    assert ("Moscow", "Moscow", "RU") in resolved(found)


def test_country_leading_an_organisation_name(pipeline):
    body = "The U.S. State Department said it was reviewing the request."
    assert ("U.S.", "United States", "US") in resolved(places_in(body, pipeline))


def test_verb_starting_a_sentence_is_no_town(pipeline):
    body = ("Officials in the United States and Canada met in Washington on Monday.\n"
            "Reading from a prepared statement, the spokesman declined to answer questions.")
    assert {m.text for m in places_in(body, pipeline)} == {"United States", "Canada", "Washington"}  # not "Reading"


def test_title_case_headline_needs_backing(pipeline):
    body = ("Police Split Over Mission As Crowds March On\n"
            "Thousands marched through the capital on Saturday, organisers said.")
    assert places_with_control(body, pipeline) == [("Norway", "Norway", "NO")]


def test_country_name_beats_a_town_of_that_name(pipeline):
    body = ("The US envoy flew from Washington to Lebanon on Monday.\n"
            "Paris and London urged restraint, and Qatar's mediators stayed in Doha.")
    found = resolved(places_in(body, pipeline))
    assert ("Lebanon", "Lebanon", "LB") in found  # not Lebanon, Pennsylvania
    assert ("Paris", "Paris", "FR") in found  # not Paris, Texas, though the article is about the US
    assert ("Doha", "Doha", "QA") in found


def test_words_in_capitals_need_backing(pipeline):
    body = "BREAKING: POLICE SAY the march was peaceful and no arrests were made."
    assert places_in(body, pipeline) == []
    dateline = "KYIV (Reuters) - Ukrainian officials in Kyiv said talks would resume."
    assert ("KYIV", "Kyiv", "UA") in resolved(places_in(dateline, pipeline))


# --- evidence from the words around a name ------------------------------------------------------

def test_locative_preposition_and_the_names_listed_after_it(pipeline):
    body = "A new tax will push coach tours to Lublin or Brno instead, hoteliers warned."
    found = resolved(places_in(body, pipeline))
    assert {("Lublin", "Lublin", "PL"), ("Brno", "Brno", "CZ")} <= found


def test_city_of_and_possessive_place_nouns(pipeline):
    body = ("Tartu's mayor defended the new parking fees on Tuesday.\n"
            "Hotel owners in the university city of Tartu said bookings had fallen.")
    found = places_in(body, pipeline)
    assert {m.text for m in found} == {"Tartu"}
    assert len(found) == 2 and all(m.place.country == "EE" for m in found)


def test_name_followed_by_its_country_or_state(pipeline):
    body = ("Water pressure failed across Jackson, Mississippi, for a fourth day.\n"
            "Crews were also sent to Cordoba, Spain, after the storm.")
    found = resolved(places_in(body, pipeline))
    assert ("Jackson", "Jackson", "US") in found
    assert ("Cordoba", "Córdoba", "ES") in found  # not the larger Córdoba in Argentina


def test_place_inside_an_institution_name(pipeline):
    body = "The findings are sound, said a hydrologist at the University of Manchester who reviewed them."
    assert ("Manchester", "Manchester", "GB") in resolved(places_in(body, pipeline))
    named_for_a_person = "Students at Lincoln University staged a walkout over fees."
    assert places_in(named_for_a_person, pipeline) == []


def test_based_gives_a_seat(pipeline):
    body = "The report was written by a Rotterdam-based research group for the ministry."
    assert ("Rotterdam", "Rotterdam", "NL") in resolved(places_in(body, pipeline))


def test_a_citys_own_spelling_with_diacritics(pipeline):
    body = "Poznań welcomed three million overnight visitors in the last twelve months."
    assert ("Poznań", "Poznań", "PL") in resolved(places_in(body, pipeline))


def test_name_in_brackets_is_the_other_name_of_the_place_before(pipeline):
    body = "Aid lorries waited at the border near Lviv (Lemberg) for a second night."
    found = resolved(places_in(body, pipeline))
    assert {("Lviv", "Lviv", "UA"), ("Lemberg", "Lviv", "UA")} <= found


def test_english_word_between_names_parts_them(pipeline):
    body = "Rain delays final stage in Lyon as Danish riders close in on the lead"
    assert ("Lyon", "Lyon", "FR") in resolved(places_in(body, pipeline))


@pytest.mark.parametrize("body", [
    "Lincoln told reporters the plan was sound.",
    "Andrew Jackson said the bank was a monster.",
    "In Jackson's view, the tariff would ruin the farmers.",
    "A long letter from Lincoln arrived on the senator's desk.",
    "Students at Lincoln University staged a walkout over fees.",
])
def test_surnames_that_are_towns_stay_people(pipeline, body):
    assert places_with_control(body, pipeline) == [("Norway", "Norway", "NO")]


def test_dateline_names_the_city_and_its_country(pipeline):
    from claimarchive.segment import find_segments
    body = ("Storm closes port for a second day\n\n"
            "CORDOBA, Spain — Flooding shut schools across the province on Monday, officials said.\n\n"
            "Cordoba has seen three such storms since the spring, the regional weather office said.")
    found = find_places(nlp.parse(body, find_segments(body), pipeline), body)
    by_text = {(m.text, m.place.name, m.place.country) for m in found}
    assert ("Cordoba", "Córdoba", "ES") in by_text  # the dateline's country, not Argentina's larger city
    assert ("CORDOBA", "Córdoba", "ES") in by_text
    assert all(body[m.start:m.end] == m.text for m in found)
