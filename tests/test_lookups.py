"""The claim each figure, place and date belongs to (enrich/owners.py), and the indexes that replaced scans:
each must give exactly what the scan it replaced gave."""
from __future__ import annotations

import random
from dataclasses import dataclass

from claimarchive.enrich.owners import assign_claims, first_holding
from claimarchive.enrich.sources import _find_or_add, _Known, _same, split_mention
from claimarchive.extract.quotes import find_quotes
from claimarchive.model import Claim, DateMention, Quantity


def _claim(start, end, sentence_start, sentence_end, status="current") -> Claim:
    return Claim(start=start, end=end, text="", kind="reported", sentence_start=sentence_start,
                 sentence_end=sentence_end, status=status)


@dataclass
class _Span:
    start: int
    end: int
    claim_index: int | None = -1


CLAIMS = [
    _claim(0, 10, 0, 20),  # 0
    _claim(5, 30, 0, 40),  # 1
    _claim(12, 18, 0, 20, status="superseded"),  # 2
    _claim(12, 18, 10, 25),  # 3
    _claim(50, 60, 45, 70),  # 4
    _claim(100, 110, 95, 120, status="superseded"),  # 5
]


def test_a_span_belongs_to_the_first_current_claim_whose_content_holds_it():
    spans = [_Span(2, 4), _Span(6, 9), _Span(12, 15), _Span(19, 22), _Span(0, 10), _Span(9, 11)]
    assign_claims(CLAIMS, spans)
    assert [s.claim_index for s in spans] == [0, 0, 1, 1, 0, 1]


def test_else_to_the_first_current_claim_whose_sentence_holds_it():
    spans = [_Span(31, 35), _Span(46, 48), _Span(55, 65), _Span(41, 44), _Span(101, 104), _Span(35, 41)]
    assign_claims(CLAIMS, spans)
    assert [s.claim_index for s in spans] == [1, 4, 4, None, None, None]


def test_content_comes_before_an_earlier_claims_sentence():
    claims = [_claim(0, 5, 0, 100), _claim(50, 60, 40, 70)]
    spans = [_Span(52, 55), _Span(20, 25), _Span(65, 68)]
    assign_claims(claims, spans)
    assert [s.claim_index for s in spans] == [1, 0, 0]


def test_figures_and_dates_get_their_claim_index():
    figure = Quantity(start=6, end=9, text="40", value=40, unit=None, kind="other")
    date = DateMention(start=46, end=48, text="Friday", resolved_start=None, resolved_end=None, granularity="day")
    assign_claims(CLAIMS, [figure, date])
    assert (figure.claim_index, date.claim_index) == (0, 4)


def test_nothing_holds_a_span_when_there_are_no_claims():
    assert first_holding([], [], [(1, 2), (3, 4)]) == [None, None]
    assign_claims([], [])


def test_first_holding_is_the_scan_it_replaced():
    rng = random.Random(7)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 40)
            spans.append((start, start + rng.randint(0, 15)))
        ids = sorted(rng.sample(range(100), len(spans)))
        queries = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 50)
            queries.append((start, start + rng.randint(0, 8)))
        expected = [next((i for i, (s, e) in zip(ids, spans, strict=True) if s <= qs and qe <= e), None)
                    for qs, qe in queries]
        assert first_holding(spans, ids, queries) == expected


def test_the_quote_index_finds_what_a_scan_finds():
    text = ("“We will rebuild,” she said. He called it ‘a ‘dark’ day’ and “a test.” They’re "
            "‘sure’ it is “over” ‘now’ “and “then”")
    quotes = find_quotes(text)
    plain = list(quotes)
    for start in range(len(text) + 1):
        for end in range(start, min(len(text), start + 12) + 1):
            assert quotes.first_around(start, end) is next((q for q in plain if q.start < start and end <= q.end), None)
            assert quotes.across(start, end) == [q for q in plain if q.end > start and q.start < end]
            around = next((q for q in plain if q.start < start and q.end >= end
                           and q.inner_end > q.inner_start), None)
            assert quotes.first_around(start, end, nonempty=True) is around


MENTIONS = [
    "the Geneva-based rights group Global Watch for Civilians (GWC)", "GWC", "the rights group", "officials",
    "Maria Tanaka, the central bank governor", "Tanaka", "Omar al-Rashid", "Al-Rashid", "Rashid",
    "the Courier", "Courier News", "Courier News Network", "CNN", "Syrian Observatory for Human Rights", "SOHR",
    "the Syrian Observatory", "Reuters", "the Reuters news agency", "UN", "United Nations", "He", "police",
    "the police", "Interior Minister Peter Kamau", "Kamau", "the ministry", "Ministry of Health", "MOH",
    "Amnesty International Kenya", "Amnesty", "state media", "Sana", "state news agency Sana", "Mr. Kamau",
]


def test_the_source_index_finds_the_source_a_scan_of_all_sources_finds():
    rng = random.Random(3)
    for _ in range(30):
        known = _Known()
        for mention in rng.choices(MENTIONS, k=25):
            name, aliases = split_mention(mention)
            scanned = next((i for i, s in enumerate(known.sources) if _same(s, name, aliases)), None)
            index = _find_or_add(known, mention)
            assert index == (scanned if scanned is not None else len(known.sources) - 1)


def test_event_dates_for_all_claims_are_those_of_claim_event_date():
    from claimarchive.enrich.dates import claim_event_date, set_event_dates

    rng = random.Random(11)
    for _ in range(100):
        dates, at = [], 0
        for _ in range(rng.randint(0, 10)):
            at += rng.randint(0, 6)
            length = rng.randint(1, 4)
            day = f"2024-01-{rng.randint(1, 28):02d}"
            dates.append(DateMention(start=at, end=at + length, text="", resolved_start=rng.choice([day, None]),
                                     resolved_end=day, granularity=rng.choice(["day", "day", "month"])))
            at += length
        claims = []
        for _ in range(rng.randint(1, 8)):
            s, e = sorted(rng.sample(range(60), 2))
            ss, se = sorted(rng.sample(range(60), 2))  # a content may reach outside its sentence
            claims.append(_claim(s, e, ss, se))
            claims[-1].event_date = rng.choice([None, None, "2020-05-05"])
        expected = [c.event_date or claim_event_date(c, dates) for c in claims]
        set_event_dates(claims, dates)
        assert [c.event_date for c in claims] == expected


def _random_texts(rng: random.Random, pieces: list[str], count: int = 400) -> list[str]:
    return ["".join(rng.choices(pieces, k=rng.randint(0, 12))) for _ in range(count)]


def test_line_keys_and_trailing_credits_are_those_of_the_backtracking_patterns():
    import re

    from claimarchive.segment import CREDIT_LABEL, TRAILING_CREDIT, _key

    old_key = lambda text: re.sub(r"[\s:.…!|»›>-]+$", "", re.sub(r"^[\s•·\-–—*|>#]+", "", text)).strip().lower()  # noqa: E731
    old_credit = re.compile(rf"(?:^|(?<=[.!?”\"'\)\s]))\s*({CREDIT_LABEL}\s*(?:credit)?\s*:\s*[^\n]{{1,80}}?)\s*$")
    pieces = ["Photo", "Image source", "Credit", ":", " ", "  ", ".", "!", "…", "|", "»", ">", "-", "•", "#",
              "Reuters", "Jane Doe/AFP", "a", "”", ")", "credit", "\n", "x" * 30]
    for text in _random_texts(random.Random(9), pieces, 2000):
        assert _key(text) == old_key(text), text
        new, old = TRAILING_CREDIT.search(text), old_credit.search(text)
        assert (new and (new.span(1), new.group(1))) == (old and (old.span(1), old.group(1))), text
        for pos in (1, 3):
            new, old = TRAILING_CREDIT.search(text, pos, len(text)), old_credit.search(text, pos, len(text))
            assert (new and new.span(1)) == (old and old.span(1)), text
