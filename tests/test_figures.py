"""Figures: values, number words, units, kinds, qualifiers, spans, subsets, and what is not a figure."""
import pytest

from claimarchive.enrich.figures import find_quantities
from claimarchive.model import Segment
from claimarchive.nlp import parse


def figures(nlp, text):
    passages = parse(text, [Segment("paragraph", 0, len(text))], nlp)
    return find_quantities(passages, text)


def one(nlp, text):
    found = figures(nlp, text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


CONTROL = "Police arrested 12 protesters."  # a paragraph with one known figure


def figures_with_control(nlp, text):
    """The body ``text`` then CONTROL as two paragraphs, and the (text, start, value, kind) of every figure in it."""
    body = text + "\n\n" + CONTROL
    segments = [Segment("paragraph", 0, len(text)), Segment("paragraph", len(text) + 2, len(body))]
    found = find_quantities(parse(body, segments, nlp), body)
    return body, [(q.text, q.start, q.value, q.kind) for q in found]


@pytest.mark.parametrize("text, words, value", [
    ("Floods forced 45,000 people from their homes.", "45,000 people", 45000),
    ("Floods forced 1.5 million people from their homes.", "1.5 million people", 1_500_000),
    ("Floods forced half a million people from their homes.", "half a million people", 500_000),
    ("Floods forced two million people from their homes.", "two million people", 2_000_000),
    ("Floods forced two and a half million people from their homes.", "two and a half million people", 2_500_000),
    ("Floods forced three hundred and forty thousand people from their homes.",
     "three hundred and forty thousand people", 340_000),
    ("Floods forced twenty-five people from their homes.", "twenty-five people", 25),
    ("Floods forced a dozen people from their homes.", "a dozen people", 12),
    ("Floods forced a hundred thousand people from their homes.", "a hundred thousand people", 100_000),
    ("Floods forced a quarter of a million people from their homes.", "a quarter of a million people", 250_000),
    ("Floods forced 2.3m people from their homes.", "2.3m people", 2_300_000),
    ("Floods forced 1.6 lakh people from their homes.", "1.6 lakh people", 160_000),
])
def test_number_forms(pipeline, text, words, value):
    q = one(pipeline, text)
    assert (q.text, q.value, q.unit, q.kind) == (words, value, "people", "displaced")
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize("text, words, value, unit, kind", [
    ("The convoy stopped 35 kilometres short of the border.", "35 kilometres", 35, "km", "distance"),
    ("The convoy stopped 12 km short of the border.", "12 km", 12, "km", "distance"),
    ("The convoy stopped 40 miles short of the border.", "40 miles", 40, "miles", "distance"),
    ("The wall is 300 metres long.", "300 metres", 300, "m", "distance"),
    ("Turnout reached 64% in the capital.", "64%", 64, "%", "percent"),
    ("Turnout reached 64 per cent in the capital.", "64 per cent", 64, "%", "percent"),
    ("Turnout reached 64 percent in the capital.", "64 percent", 64, "%", "percent"),
    ("The bank lent $3bn to the port authority.", "$3bn", 3e9, "USD", "money"),
    ("The bank lent €4.2m to the port authority.", "€4.2m", 4.2e6, "EUR", "money"),
    ("The bank lent £250,000 to the port authority.", "£250,000", 250_000, "GBP", "money"),
    ("The bank lent US$1.5 billion to the port authority.", "US$1.5 billion", 1.5e9, "USD", "money"),
    ("The bank lent 7 million euros to the port authority.", "7 million euros", 7e6, "EUR", "money"),
    ("The state sought Rs 1,500 crore for relief.", "Rs 1,500 crore", 1.5e10, "INR", "money"),
    ("Residents aged 65 were vaccinated first.", "65", 65, "years", "other"),
    ("The talks lasted three weeks.", "three weeks", 3, "weeks", "duration"),
    ("The siege lasted 14 months.", "14 months", 14, "months", "duration"),
    ("The strike lasted 48 hours.", "48 hours", 48, "hours", "duration"),
    ("The dispute has gone on for two decades.", "two decades", 2, "decades", "duration"),
])
def test_units(pipeline, text, words, value, unit, kind):
    q = one(pipeline, text)
    assert (q.text, q.unit, q.kind) == (words, unit, kind)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize("text, kind", [
    ("Officials said 37 people were killed in the raid.", "killed"),
    ("Officials said 37 people died in the raid.", "killed"),
    ("The storm has claimed 37 lives.", "killed"),
    ("The raid left 37 dead.", "killed"),
    ("The shelling killed 37 civilians.", "civilians_killed"),
    ("Officials said 37 people were wounded in the raid.", "injured"),
    ("Officials said 37 people were injured in the raid.", "injured"),
    ("The heatwave left 37 hospitalised.", "injured"),
    ("The fighting caused the displacement of 37,000 people.", "displaced"),
    ("The fire forced the evacuation of 37,000 people.", "displaced"),
    ("Gilroy, a town of 37,000 people, lost power.", "population"),
    ("Some 37,000 residents fled the town.", "displaced"),
    ("Police arrested 37 protesters on the square.", "detained"),
    ("Police said 37 people were detained overnight.", "detained"),
    ("The port city is home to 800,000 people.", "population"),
    ("The province has a population of 800,000.", "population"),
    ("It is a metropolis of 800,000 people.", "population"),
    ("The club signed 37 players.", "other"),
])
def test_kinds(pipeline, text, kind):
    assert one(pipeline, text).kind == kind


@pytest.mark.parametrize("text, words, qualifier", [
    ("Rescuers found 19 survivors.", "19 survivors", "exact"),
    ("Rescuers found over 19 survivors.", "over 19 survivors", "more_than"),
    ("Rescuers found more than 19 survivors.", "more than 19 survivors", "more_than"),
    ("Rescuers found at least 19 survivors.", "at least 19 survivors", "at_least"),
    ("Rescuers found 19 survivors or more.", "19 survivors or more", "at_least"),
    ("Rescuers found 500+ survivors.", "500+ survivors", "at_least"),
    ("Rescuers found roughly 19 survivors.", "roughly 19 survivors", "approximately"),
    ("Rescuers found approximately 19 survivors.", "approximately 19 survivors", "approximately"),
    ("Rescuers found about 19 survivors.", "about 19 survivors", "approximately"),
    ("Rescuers found around 19 survivors.", "around 19 survivors", "approximately"),
    ("Rescuers found some 19 survivors.", "some 19 survivors", "approximately"),
    ("Rescuers found an estimated 19 survivors.", "an estimated 19 survivors", "approximately"),
    ("Rescuers found nearly 19 survivors.", "nearly 19 survivors", "less_than"),
    ("Rescuers found almost 19 survivors.", "almost 19 survivors", "less_than"),
    ("Rescuers found just under 19 survivors.", "just under 19 survivors", "less_than"),
    ("Rescuers found fewer than 19 survivors.", "fewer than 19 survivors", "less_than"),
    ("Rescuers found less than 19 survivors.", "less than 19 survivors", "less_than"),
    ("Rescuers found up to 19 survivors.", "up to 19 survivors", "at_most"),
    ("Rescuers found as many as 19 survivors.", "as many as 19 survivors", "at_most"),
    ("Rescuers found no more than 19 survivors.", "no more than 19 survivors", "at_most"),
])
def test_qualifiers_and_their_span(pipeline, text, words, qualifier):
    q = one(pipeline, text)
    assert (q.text, q.value, q.qualifier) == (words, 19 if "500" not in words else 500, qualifier)


def test_a_qualifier_capitalised_at_the_start_of_a_sentence(pipeline):
    q = one(pipeline, "More than 2,000 soldiers were deployed.")
    assert (q.text, q.value, q.qualifier, q.unit) == ("More than 2,000 soldiers", 2000, "more_than", "people")


def test_money_with_a_qualifier_before_the_currency(pipeline):
    q = one(pipeline, "The damage is put at more than $40m.")
    assert (q.text, q.value, q.unit, q.qualifier) == ("more than $40m", 40e6, "USD", "more_than")


def test_a_range_gives_both_ends(pipeline):
    low, high = figures(pipeline, "Between 200 and 300 people were evacuated from the village.")
    assert (low.value, low.qualifier, low.kind) == (200, "at_least", "displaced")
    assert (high.value, high.qualifier, high.unit) == (300, "at_most", "people")
    low, high = figures(pipeline, "The clashes left 30-40 million people without power.")
    assert (low.value, high.value) == (30e6, 40e6)


@pytest.mark.parametrize("text, ends", [
    ("The firm expects revenue of $2.5 billion-$2.9 billion this year.", [("$2.5 billion", 2.5e9), ("$2.9 billion", 2.9e9)]),
    ("Analysts see a loss of €40m-€60m in the quarter.", [("€40m", 40e6), ("€60m", 60e6)]),
    ("The repairs will cost $3 million to $4 million, the council said.", [("$3 million", 3e6), ("$4 million", 4e6)]),
])
def test_a_range_with_the_currency_at_both_ends(pipeline, text, ends):
    low, high = figures(pipeline, text)
    assert [(low.text, low.value, low.qualifier), (high.text, high.value, high.qualifier)] == [
        (*ends[0], "at_least"), (*ends[1], "at_most")]
    assert low.unit == high.unit and low.kind == high.kind == "money"


def test_a_change_is_not_a_range(pipeline):
    before, after = figures(pipeline, "Turnout rose from 40% to 55% this year.")
    assert (before.value, before.qualifier, after.value, after.qualifier) == (40, "exact", 55, "exact")


def test_a_conversion_in_parentheses_keeps_the_qualifier(pipeline):
    km, miles = figures(pipeline, "The camp lies about 80 kilometres (50 miles) from the coast.")
    assert (km.value, km.qualifier, miles.value, miles.unit, miles.qualifier) == (80, "approximately", 50,
                                                                                  "miles", "approximately")


@pytest.mark.parametrize("text, whole, part", [
    ("The blast killed 54 people, including 19 children, the ministry said.", 54, 19),
    ("At least 54 people died, among them 19 children.", 54, 19),
    ("The blast killed 54 people, 19 of them children.", 54, 19),
])
def test_part_of_links_a_subset_to_its_whole(pipeline, text, whole, part):
    found = figures(pipeline, text)
    assert [q.value for q in found] == [whole, part]
    assert found[1].part_of == 0 and found[0].part_of is None


def test_a_part_named_before_its_whole(pipeline):
    part, whole = figures(pipeline, "Inspectors faulted 4 of the agency's 19 laboratories.")
    assert (part.value, whole.value, part.part_of, whole.part_of) == (4, 19, 1, None)


def test_part_of_indexes_the_whole_list_across_passages(pipeline):
    text = "The tanks drove 20 km.\n\nThe blast killed 54 people, including 19 children."
    segments = [Segment("paragraph", 0, 22), Segment("paragraph", 24, len(text))]
    found = find_quantities(parse(text, segments, pipeline), text)
    assert [q.text for q in found] == ["20 km", "54 people", "19 children"]
    assert found[2].part_of == 1
    assert all(text[q.start:q.end] == q.text for q in found)


@pytest.mark.parametrize("text", [
    "The protests began in 2019 and resumed in 1998.",
    "The vote was held on 12 March, and the result came on April 3.",
    "The talks were scheduled for 5 dec at the ministry.",
    "The meeting starts at 10:30 and ends at 4 pm.",
    "He fought in the Second World War and met the G7 leaders.",
    "Traffic on Route 66 slowed after COVID-19 arrived.",
    "The Kestrel 9 editor said the building was safe.",
    "The rebels made one of their boldest moves.",
    "The ministry reported dozens of victims and hundreds of arrests.",
    "The assault happened two days ago.",
    "Roughly one in five voters stayed at home.",
    "The audit covered the years between 2012 and 2024, and 2019-2021 in detail.",
])
def test_not_figures(pipeline, text):
    body, found = figures_with_control(pipeline, text)
    assert found == [("12 protesters", body.index("12 protesters"), 12, "detained")]


@pytest.mark.parametrize("text, expected", [
    ("Exports fell between 5 and", [("5", 5.0)]),  # a paragraph cut off after a range's first end
    ("Scraped copy ended here with the tally at 40 to", [("40", 40.0)]),
    ("The serial was " + "9" * 400 + " and nothing else.", []),  # beyond any float: no figure, no crash
])
def test_damaged_text_costs_no_article(pipeline, text, expected):
    body, found = figures_with_control(pipeline, text)
    assert [(t, v) for t, _, v, _ in found] == [*expected, ("12 protesters", 12)]


def test_figures_in_a_passage_offset_into_the_body(pipeline):
    body = "HEADLINE\n\nRoughly 60 km of road was cut."
    passages = parse(body, [Segment("paragraph", 10, len(body))], pipeline)
    (q,) = find_quantities(passages, body)
    assert (body[q.start:q.end], q.qualifier, q.kind) == ("Roughly 60 km", "approximately", "distance")


def test_a_count_of_things_is_other(nlp):
    assert one(nlp, "The army lost 12 tanks near the river.").kind == "other"
