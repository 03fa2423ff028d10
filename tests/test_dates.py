"""Date expressions resolved against the publication date, and the date a claim is about."""
from datetime import date

import pytest

from claimarchive.enrich.dates import claim_event_date, find_dates
from claimarchive.model import Claim, Segment
from claimarchive.nlp import parse

PUBLISHED = "2023-03-15"  # a Wednesday


def dates(nlp, text, published=PUBLISHED):
    return find_dates(parse(text, [Segment("paragraph", 0, len(text))], nlp), text, published)


def one(nlp, text, published=PUBLISHED):
    found = dates(nlp, text, published)
    assert len(found) == 1, [d.text for d in found]
    d = found[0]
    assert text[d.start:d.end] == d.text
    return d.text, d.resolved_start, d.resolved_end, d.granularity


@pytest.mark.parametrize("text, expected", [
    ("The convoy left on Monday.", ("Monday", "2023-03-13", "2023-03-13", "day")),
    ("The convoy left on Wednesday.", ("Wednesday", "2023-03-15", "2023-03-15", "day")),
    ("The convoy left on Thursday.", ("Thursday", "2023-03-09", "2023-03-09", "day")),
    ("The convoy left on Sunday evening.", ("Sunday evening", "2023-03-12", "2023-03-12", "day")),
    ("The convoy left last Wednesday.", ("last Wednesday", "2023-03-08", "2023-03-08", "day")),
    ("The convoy leaves next Monday.", ("next Monday", "2023-03-20", "2023-03-20", "day")),
    ("The convoy leaves this Friday.", ("this Friday", "2023-03-17", "2023-03-17", "day")),
    ("The convoy left today.", ("today", "2023-03-15", "2023-03-15", "day")),
    ("The convoy left yesterday.", ("yesterday", "2023-03-14", "2023-03-14", "day")),
    ("The convoy leaves tomorrow.", ("tomorrow", "2023-03-16", "2023-03-16", "day")),
    ("The convoy left last night.", ("last night", "2023-03-14", "2023-03-14", "day")),
    ("The convoy left two days ago.", ("two days ago", "2023-03-13", "2023-03-13", "day")),
    ("The convoy left three weeks ago.", ("three weeks ago", "2023-02-22", "2023-02-22", "day")),  # that day
    ("The convoy left last week.", ("last week", "2023-03-06", "2023-03-12", "week")),
    ("The convoy leaves this week.", ("this week", "2023-03-13", "2023-03-19", "week")),
    ("Talks are planned this weekend.", ("this weekend", "2023-03-18", "2023-03-19", "weekend")),
    ("Talks were held last weekend.", ("last weekend", "2023-03-11", "2023-03-12", "weekend")),
    ("The convoy left earlier this month.", ("earlier this month", "2023-03-01", "2023-03-15", "month")),
    ("The convoy left last month.", ("last month", "2023-02-01", "2023-02-28", "month")),
    ("The convoy left last year.", ("last year", "2022-01-01", "2022-12-31", "year")),
    ("The convoy left in January.", ("January", "2023-01-01", "2023-01-31", "month")),
    ("The convoy left in October.", ("October", "2022-10-01", "2022-10-31", "month")),
    ("The protests began in March 2011.", ("March 2011", "2011-03-01", "2011-03-31", "month")),
    ("The protests began in 2011.", ("2011", "2011-01-01", "2011-12-31", "year")),
    ("The protests began on 5 December 2021.", ("5 December 2021", "2021-12-05", "2021-12-05", "day")),
    ("The protests began on December 5, 2021.", ("December 5, 2021", "2021-12-05", "2021-12-05", "day")),
    ("The protests began on Dec. 5.", ("Dec. 5", "2022-12-05", "2022-12-05", "day")),
    ("The protests began on Feb. 5.", ("Feb. 5", "2023-02-05", "2023-02-05", "day")),
    ("The protests began on 9 march.", ("9 march", "2023-03-09", "2023-03-09", "day")),
    ("The protests began on the 2nd of March.", ("the 2nd of March", "2023-03-02", "2023-03-02", "day")),
    ("The protests began on 2021-12-05.", ("2021-12-05", "2021-12-05", "2021-12-05", "day")),
])
def test_resolved_against_publication(pipeline, text, expected):
    assert one(pipeline, text) == expected


def test_the_publication_weekend_itself_is_this_weekend(pipeline):
    assert one(pipeline, "Talks are held this weekend.", "2023-03-18") == (
        "this weekend", "2023-03-18", "2023-03-19", "weekend")


def test_a_publication_datetime_counts_by_its_day(pipeline):
    assert one(pipeline, "The convoy left on Friday.", "2023-03-15T08:30:00+00:00")[1] == "2023-03-10"


def test_a_future_verb_points_a_weekday_forward(nlp):
    assert one(nlp, "The ministers will meet on Friday.")[1] == "2023-03-17"
    assert one(nlp, "The ministers said on Friday that they will meet.")[1] == "2023-03-10"


def test_a_future_verb_points_a_date_without_year_forward(nlp):
    assert one(nlp, "The council is expected to vote on Feb. 5.")[1] == "2024-02-05"
    assert one(nlp, "The council voted on Feb. 5.")[1] == "2023-02-05"
    assert one(nlp, "Construction is scheduled to begin in January.")[1] == "2024-01-01"
    assert one(nlp, "Construction began in January.")[1] == "2023-01-01"


@pytest.mark.parametrize("text, granularity", [
    ("The convoy left on Friday.", "day"),
    ("The convoy left yesterday.", "day"),
    ("The convoy left last week.", "week"),
    ("Talks are planned this weekend.", "weekend"),
    ("The convoy left earlier this month.", "month"),
    ("The convoy left two days ago.", "day"),
    ("The protests began on Dec. 5.", "day"),
    ("The convoy left in October.", "month"),
])
def test_without_publication_date_relative_dates_stay_unresolved(pipeline, text, granularity):
    _, start, end, found_granularity = one(pipeline, text, None)
    assert (start, end, found_granularity) == (None, None, granularity)


@pytest.mark.parametrize("text, expected", [
    ("The protests began on 5 December 2021.", ("5 December 2021", "2021-12-05", "2021-12-05", "day")),
    ("The protests began in March 2011.", ("March 2011", "2011-03-01", "2011-03-31", "month")),
    ("The protests began in 2011.", ("2011", "2011-01-01", "2011-12-31", "year")),
])
def test_without_publication_date_absolute_dates_still_resolve(pipeline, text, expected):
    assert one(pipeline, text, None) == expected


CONTROL = "The talks ended yesterday."  # a paragraph with one known date


@pytest.mark.parametrize("text", [
    "The storm left 2,011 people homeless.",
    "The storm cost $2011 in repairs.",
    "Officials may march to the square.",
    "The road is 40 km long and the bridge 30 m high.",
])
def test_not_dates(pipeline, text):
    body = text + "\n\n" + CONTROL
    segments = [Segment("paragraph", 0, len(text)), Segment("paragraph", len(text) + 2, len(body))]
    found = find_dates(parse(body, segments, pipeline), body, PUBLISHED)
    assert [(d.text, d.start, d.resolved_start) for d in found] == [
        ("yesterday", body.index("yesterday"), "2023-03-14")]


def claim_in(text, content, sentence=None):
    start = text.index(content)
    sentence = sentence or text
    s = text.index(sentence)
    return Claim(start, start + len(content), content, "attributed", s, s + len(sentence))


def test_claim_event_date_from_its_sentence(pipeline):
    text = "On Monday, officials said the bridge had collapsed."
    found = dates(pipeline, text)
    assert claim_event_date(claim_in(text, "the bridge had collapsed"), found) == "2023-03-13"


def test_claim_event_date_prefers_a_day_inside_the_content(pipeline):
    text = "On Monday, officials said the bridge had collapsed on Sunday."
    found = dates(pipeline, text)
    assert claim_event_date(claim_in(text, "the bridge had collapsed on Sunday"), found) == "2023-03-12"


def test_claim_event_date_ignores_other_sentences_and_coarse_dates(pipeline):
    text = "The bridge collapsed last week. On Monday, officials said repairs would start."
    found = dates(pipeline, text)
    first = claim_in(text, "The bridge collapsed", "The bridge collapsed last week.")
    second = claim_in(text, "repairs would start", "On Monday, officials said repairs would start.")
    assert claim_event_date(first, found) is None
    assert claim_event_date(second, found) == "2023-03-13"


def test_claim_event_date_is_none_without_publication_date(pipeline):
    text = "On Monday, officials said the bridge had collapsed."
    found = dates(pipeline, text, None)
    assert [(d.text, d.resolved_start, d.granularity) for d in found] == [("Monday", None, "day")]
    assert claim_event_date(claim_in(text, "the bridge had collapsed"), found) is None


def test_dates_offset_into_the_body(pipeline):
    body = "TITLE\n\nThe vote was held yesterday."
    found = find_dates(parse(body, [Segment("paragraph", 7, len(body))], pipeline), body, PUBLISHED)
    assert [(body[d.start:d.end], d.resolved_start) for d in found] == [("yesterday", "2023-03-14")]


@pytest.mark.parametrize("text,ahead", [
    ("A strike has been called for Friday.", True),
    ("The final vote could come as early as Friday.", True),
    ("Ministers may meet on Friday to decide.", True),
    ("The ministers met on Friday.", False),
    ("She said on Friday that the plan had failed.", False),
])
def test_dates_set_ahead_by_modals_and_for(pipeline, text, ahead):
    day = date.fromisoformat(one(pipeline, text)[1])
    published = date.fromisoformat(PUBLISHED[:10])
    assert (day > published) == ahead and abs((day - published).days) < 7


# --- dates without a year ahead of publication, months of a named year, anaphora, holidays, spelled years,
# --- durations and sets

def found(nlp, text, published=PUBLISHED):
    return [(d.text, d.resolved_start, d.resolved_end, d.granularity, d.kind) for d in dates(nlp, text, published)]


def test_a_weekday_says_which_year_a_date_without_one_is(pipeline):
    text = "The march is planned for Saturday, April 25, organisers said."
    assert found(pipeline, text, "2026-04-24") == [
        ("Saturday, April 25", "2026-04-25", "2026-04-25", "day", "date")]  # not 2025's April 25, a Friday


def test_a_date_without_a_year_shortly_ahead_is_the_coming_one(pipeline):
    text = "Voters go to the polls on March 30, the electoral commission said."
    assert found(pipeline, text, "2023-02-10") == [("March 30", "2023-03-30", "2023-03-30", "day", "date")]
    text = "The talks ended on December 20, the ministry said."
    assert found(pipeline, text, "2023-01-05") == [("December 20", "2022-12-20", "2022-12-20", "day", "date")]


def test_a_past_verb_keeps_a_date_without_a_year_in_the_past(nlp):
    text = "The attack happened on March 30, the monitor said."
    assert found(nlp, text, "2023-02-10") == [("March 30", "2022-03-30", "2022-03-30", "day", "date")]


@pytest.mark.parametrize("text, expected", [
    ("Prices rose in January this year.", ("January this year", "2023-01-01", "2023-01-31", "month", "date")),
    ("Prices rose in June last year.", ("June last year", "2022-06-01", "2022-06-30", "month", "date")),
    ("Prices will rise in May next year.", ("May next year", "2024-05-01", "2024-05-31", "month", "date")),
    ("The convoy left two weeks ago.", ("two weeks ago", "2023-03-01", "2023-03-01", "day", "date")),
    ("Crowds gathered on Christmas Day.", ("Christmas Day", "2022-12-25", "2022-12-25", "day", "date")),
    ("Shops will close at Easter.", ("Easter", "2023-04-09", "2023-04-09", "day", "date")),
    ("Families met on Thanksgiving 2021.", ("Thanksgiving 2021", "2021-11-25", "2021-11-25", "day", "date")),
    ("The law was passed in nineteen ninety-nine.",
     ("nineteen ninety-nine", "1999-01-01", "1999-12-31", "year", "date")),
    ("It has been banned since two thousand and eleven.",
     ("two thousand and eleven", "2011-01-01", "2011-12-31", "year", "date")),
    ("The siege lasted for three days.", ("for three days", None, None, "day", "duration")),
    ("Protesters gather every Monday outside the court.", ("every Monday", None, None, "day", "set")),
    ("Shops will close on Mother's Day.", ("Mother's Day", "2023-05-14", "2023-05-14", "day", "date")),  # 2nd Sunday
    ("Pilgrims gathered on Ash Wednesday 2022.", ("Ash Wednesday 2022", "2022-03-02", "2022-03-02", "day", "date")),
    ("The talks went on for more than a week.", ("for more than a week", None, None, "week", "duration")),
    ("Aid arrives twice a week, on Tuesdays.", ("on Tuesdays", None, None, "day", "set")),
    ("Exports doubled in the 1990s.", ("the 1990s", "1990-01-01", "1999-12-31", "decade", "date")),
    ("Exports doubled in the early 2000s.", ("the early 2000s", "2000-01-01", "2003-12-31", "decade", "date")),
    ("The law took effect on 1/15/2022.", ("1/15/2022", "2022-01-15", "2022-01-15", "day", "date")),  # US order
    ("The law took effect on 15.01.2022.", ("15.01.2022", "2022-01-15", "2022-01-15", "day", "date")),
    ("The law took effect on 25/12/2022.", ("25/12/2022", "2022-12-25", "2022-12-25", "day", "date")),
    ("Talks resume this spring.", ("this spring", "2023-03-01", "2023-05-31", "season", "date")),
    ("Talks ended last summer.", ("last summer", "2022-06-01", "2022-08-31", "season", "date")),
    ("Talks ended last winter.", ("last winter", "2022-12-01", "2023-02-28", "season", "date")),  # just over
    ("The dam burst in the summer of 2019.", ("summer of 2019", "2019-06-01", "2019-08-31", "season", "date")),
])
def test_new_expressions(pipeline, text, expected):
    assert found(pipeline, text) == [expected]


@pytest.mark.parametrize("text", ["The fall in oil prices hurt exporters.", "After the fall of the city, aid stopped.",
                                  "Prices fall in March and rise in June."])
def test_words_that_only_look_like_seasons(pipeline, text):
    assert [d.text for d in dates(pipeline, text) if d.granularity == "season"] == []


def test_a_season_with_no_year_nor_tense_is_the_last_one(pipeline):
    assert found(pipeline, "Shops close for the winter.") == [("winter", "2022-12-01", "2023-02-28", "season", "date")]
    assert found(pipeline, "Shops close for the winter.", "2023-01-10") == [  # the one publication falls in
        ("winter", "2022-12-01", "2023-02-28", "season", "date")]


def test_anaphoric_dates_follow_the_last_date_named(pipeline):
    text = ("Rebels took the town on March 3. That day, the army withdrew. Two days later, aid arrived. "
            "A year earlier, the town had been besieged.")
    assert found(pipeline, text) == [
        ("March 3", "2023-03-03", "2023-03-03", "day", "date"),
        ("That day", "2023-03-03", "2023-03-03", "day", "date"),
        ("Two days later", "2023-03-05", "2023-03-05", "day", "date"),
        ("A year earlier", "2022-03-03", "2022-03-03", "day", "date"),  # from the last date named, not "later"
    ]


@pytest.mark.parametrize("text, expected", [  # the past tense, as the parse finds it, keeps a holiday behind
    ("Crowds marched on St. Patrick's Day.", ("St. Patrick's Day", "2022-03-17", "2022-03-17", "day", "date")),
    ("Fireworks lit the sky on the Fourth of July.",  # the day, not the month of July
     ("Fourth of July", "2022-07-04", "2022-07-04", "day", "date")),
])
def test_holidays_in_the_past_tense(nlp, text, expected):
    assert found(nlp, text) == [expected]


def test_anaphora_in_state_media_and_activists_registers(pipeline):
    text = ("The terrorist attack on the town began on 12 February. That same day, army units repelled it. "
            "On March 3,2021 activists reported shelling;the next day,4 civilians were killed.")
    assert found(pipeline, text) == [
        ("12 February", "2023-02-12", "2023-02-12", "day", "date"),
        ("That same day", "2023-02-12", "2023-02-12", "day", "date"),
        ("March 3,2021", "2021-03-03", "2021-03-03", "day", "date"),
        ("the next day", "2021-03-04", "2021-03-04", "day", "date"),
    ]


def test_a_date_without_a_year_across_new_year(pipeline):
    assert found(pipeline, "The market reopens on January 5.", "2023-12-20") == [
        ("January 5", "2024-01-05", "2024-01-05", "day", "date")]
    assert found(pipeline, "The market reopened on December 2.", "2023-12-20") == [
        ("December 2", "2023-12-02", "2023-12-02", "day", "date")]


def test_an_anaphoric_date_with_nothing_before_it_stays_unresolved(pipeline):
    assert found(pipeline, "That day, the army withdrew.") == [("That day", None, None, "day", "date")]


def test_a_duration_or_a_set_is_never_a_claims_date(pipeline):
    text = "Protesters gather every Monday outside the court."
    claim = Claim(start=0, end=len(text), text=text, kind="reported", sentence_start=0, sentence_end=len(text))
    assert claim_event_date(claim, dates(pipeline, text)) is None


@pytest.mark.parametrize("text, expected", [
    ("Jets struck the port on the 7th of last month.", ("the 7th of last month", "2023-02-07", "2023-02-07", "day")),
    ("An ambulance was hit on the 2nd of the month.", ("the 2nd of the month", "2023-03-02", "2023-03-02", "day")),
    ("Talks resume on the 5th of next month.", ("the 5th of next month", "2023-04-05", "2023-04-05", "day")),
    ("The deadline is the 31st of next month.", ("the 31st of next month", None, None, "day")),  # April has 30
])
def test_a_day_of_a_month_named_by_its_place(nlp, text, expected):
    assert one(nlp, text) == expected
