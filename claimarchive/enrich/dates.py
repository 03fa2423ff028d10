"""Date expressions, resolved against the article's publication date, and the date a claim is about.

A cheap regex pass finds candidate spans; absolute dates ("5 December 2024", "Dec. 5", "March 2011")
and "N days ago" go to dateparser (``RELATIVE_BASE`` = publication, ``PREFER_DATES_FROM`` = past),
the trained pipeline's DATE entities add candidates the patterns miss. Weekdays, weeks, weekends and
months relative to publication are resolved by hand: dateparser takes "Friday" on a Friday to be a
week earlier, and gives "last week" a single day rather than the week.

Rules: a bare weekday ("on Friday") is the most recent one on or before publication (the publication
day itself when it is that weekday), or the next one on or after it when its verb is in the future
tense ("will meet on Friday", with a parse); "last Friday" is strictly before, "next Friday" strictly
after, "this Friday" the one in the publication's Monday–Sunday week. "this weekend" is the weekend
containing publication, else the coming one; "last weekend" the one before it, "next weekend" the one
after. Weeks run Monday–Sunday. With no publication date, relative expressions (and day or month
dates with no year) stay unresolved: ``resolved_start`` None, never guessed.

A day without a year ("Saturday, April 25", "March 30") is the year's whose date falls on the weekday given,
else the coming one when its verb is in the future, the past one when it is in the past tense (with a parse),
else the nearer of the two when the coming one is within ``FUTURE_WINDOW`` days. "January this year" and
"June last year" are that month; "the 7th of last month" and "the 2nd of the month" that day of that month; "N weeks ago" and "N days ago" that day; holidays (``HOLIDAYS``: fixed
days, Easter's, the nth weekday of a month) as the same rules place them; years in words ("in nineteen
ninety-nine"); "that day", "the next day", "a year earlier", "two days later" count from the last date the
article resolved before them. Durations ("for three days") and sets ("every Monday") are stored as their own
``kind``, never resolved to a date.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Doc

from claimarchive.model import Claim, DateMention
from claimarchive.nlp import MONTH_NAMES as MONTHS_IN_ORDER
from claimarchive.nlp import WEEKDAY_NAMES, Passage

WEEKDAYS = [name.lower() for name in WEEKDAY_NAMES]
MONTH_NAMES = [name.lower() for name in MONTHS_IN_ORDER]
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
         r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
NUMBER_WORD = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
# Holidays: name → ("fixed", month, day) | ("easter", days after Easter Sunday) | ("nth", month, weekday, n; -1: last)
HOLIDAYS = {
    "new year's day": ("fixed", 1, 1), "new year's eve": ("fixed", 12, 31), "valentine's day": ("fixed", 2, 14),
    "halloween": ("fixed", 10, 31), "christmas eve": ("fixed", 12, 24), "christmas day": ("fixed", 12, 25),
    "christmas": ("fixed", 12, 25), "boxing day": ("fixed", 12, 26), "easter sunday": ("easter", 0),
    "easter": ("easter", 0), "good friday": ("easter", -2), "easter monday": ("easter", 1),
    "thanksgiving": ("nth", 11, 3, 4), "thanksgiving day": ("nth", 11, 3, 4), "labor day": ("nth", 9, 0, 1),
    "memorial day": ("nth", 5, 0, -1), "martin luther king day": ("nth", 1, 0, 3),
    "fourth of july": ("fixed", 7, 4), "juneteenth": ("fixed", 6, 19), "veterans day": ("fixed", 11, 11),
    "remembrance day": ("fixed", 11, 11), "armistice day": ("fixed", 11, 11), "bastille day": ("fixed", 7, 14),
    "st. patrick's day": ("fixed", 3, 17), "st patrick's day": ("fixed", 3, 17),
    "saint patrick's day": ("fixed", 3, 17), "may day": ("fixed", 5, 1), "ash wednesday": ("easter", -46),
    "palm sunday": ("easter", -7), "mother's day": ("nth", 5, 6, 2), "father's day": ("nth", 6, 6, 3),
    "presidents day": ("nth", 2, 0, 3), "presidents' day": ("nth", 2, 0, 3), "columbus day": ("nth", 10, 0, 2),
}
HOLIDAY = "|".join(sorted((re.escape(h).replace("'", "['’]").replace(r"\ ", r"\s+") for h in HOLIDAYS),
                          key=len, reverse=True))
# Years in words: "two thousand and twenty", "nineteen ninety-nine", "twenty twenty-four".
UNITS_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
TENS_WORD = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|" \
            r"forty|fifty|sixty|seventy|eighty|ninety)"
BELOW_100 = rf"(?:{TENS_WORD}(?:[-\s]{UNITS_WORD})?|{UNITS_WORD})"
SPELLED_YEAR = rf"(?:two\s+thousand(?:\s+and)?(?:\s+{BELOW_100})?|(?:eighteen|nineteen|twenty)[-\s]" \
               rf"(?:hundred|oh[-\s]{UNITS_WORD}|{BELOW_100}))"
ANAPHORA = (r"that\s+(?:same\s+)?(?:day|week|month|year)|the\s+same\s+(?:day|week|month|year)|the\s+(?:next|following|"
            r"previous)\s+(?:day|week|month|year)|the\s+day\s+(?:before|after)|(?:a|an|one|two|three|four|five|six|"
            r"seven|eight|nine|ten|\d{1,2})\s+(?:day|week|month|year)s?\s+(?:earlier|later|before|after)")
NOT_A_NUMBER_AFTER = r"(?![\d%])(?!,\d)(?!\.\d)"
SEASON = r"(?:spring|summer|autumn|fall|winter)"
# Northern-hemisphere seasons as meteorologists count them: first month, months long (winter runs into next year)
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# (name, pattern); named groups drive the resolution. Case-insensitive unless the name says "cased".
PATTERNS = [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    ("month_rel_year", r"\b(?:(?:in|since|until|by|during)\s+)?(?P<month>January|February|March|April|May|June|July|"
                       r"August|September|October|November|December)\s+(?P<yrel>this|last|next)\s+year\b"),
    ("holiday", rf"\b(?P<holiday>{HOLIDAY})(?:,?\s+(?P<hyear>{YEAR}))?\b"),
    ("spelled_year", rf"\b(?:in|since|until|by|of)\s+(?P<spelled>{SPELLED_YEAR})\b"),
    ("anaphor", rf"\b(?P<ana>{ANAPHORA})\b"),
    ("duration", rf"\bfor\s+(?:the\s+(?:past|last|next|first)\s+)?(?:(?:more|less|fewer)\s+than\s+|about\s+|"
                 rf"nearly\s+|almost\s+|over\s+|at\s+least\s+|up\s+to\s+)?(?:{NUMBER_WORD}|several|a\s+few|many)\s+"
                 r"(?P<dunit>hour|day|night|week|month|year|decade)s?\b"),
    ("set", rf"\b(?:every|each)\s+(?:other\s+)?(?P<sunit>{WEEKDAY}|day|night|week|weekend|month|year|morning|"
            r"evening)\b|\bon\s+(?:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)\b"),
    ("numeric", rf"\b(?P<n1>[0-3]?\d)(?P<sep>[/.])(?P<n2>[0-3]?\d)(?P=sep)(?P<ny>{YEAR})\b"),
    ("decade", r"\b(?:the\s+)?(?:(?P<dq>early|mid|late)[-\s])?(?P<decade>(?:1[89]|20)\d0)['’]?s\b"),
    ("season", rf"\b(?:(?P<srel>this|last|next|past|(?:earlier|later)\s+this)\s+(?P<season>{SEASON})\b"
               rf"|(?P<season2>{SEASON})(?:\s+of)?,?\s+(?P<syear>{YEAR})\b"
               r"|(?<=\bthe\s)(?P<season3>spring|summer|autumn|winter)\b(?!\s+of\b))"),  # "the fall in prices"
    ("day_of_month", rf"\bthe\s+(?P<dom>{DAY})\s+of\s+(?P<domrel>last|this|next|the)\s+month\b"),
    ("day_month", rf"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:(?:,\s*|\s+){YEAR})?\b"
                  rf"{NOT_A_NUMBER_AFTER}"),  # "3 March,2021" in damaged text too
    ("month_day", rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}\b(?:(?:,\s*|\s+){YEAR}\b)?{NOT_A_NUMBER_AFTER}"),
    ("month_year", rf"\b(?:(?:early|mid|late)[-\s])?{MONTH}(?:\s+of)?,?\s+{YEAR}\b{NOT_A_NUMBER_AFTER}"),
    ("month_cased", r"\b(?:(?P<mrel>(?i:last|this|next|early|mid|late|earlier\s+in|in|since|until|by|during))[-\s]+)?"
                    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
                    r"December)\b"),
    ("year", rf"(?<![$€£\d.,])\b(?:(?:early|mid|late)[-\s])?(?P<year>{YEAR})\b(?!s\b)(?!-\d){NOT_A_NUMBER_AFTER}"),
    ("ago", rf"\b{NUMBER_WORD}\s+(?:day|week|month|year)s?\s+ago\b"),
    ("day_word", r"\b(?P<dw>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|last\s+night|"
                 r"this\s+(?:morning|afternoon|evening))\b"),
    ("weekday", rf"\b(?:(?P<wrel>last|this|next|past)\s+)?(?P<weekday>{WEEKDAY}){PART_OF_DAY}\b"),
    ("period", r"\b(?P<prel>last|this|next|past|earlier\s+this|later\s+this|the\s+past)\s+"
               r"(?P<period>week|weekend|month|year)\b"),
]
CASED = {"month_cased", "month_rel_year"}  # the month's capital tells it from the verb ("may", "march")
COMPILED = [(name, re.compile(p, 0 if name in CASED else re.IGNORECASE)) for name, p in PATTERNS]
KINDS = {"duration": "duration", "set": "set"}  # expressions that are no date: stored as their own kind
# a month or a year appears in a DATE entity worth handing to dateparser
DATEISH = re.compile(rf"\b(?:{MONTH}|{YEAR})\b", re.IGNORECASE)
HAS_YEAR = re.compile(rf"\b{YEAR}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b")
FUTURE_AUX = {"will", "'ll", "shall", "wo", "could", "may", "might"}
# Words just before a date that set it ahead: "called for Thursday", "as early as Friday".
FORWARD_BEFORE = re.compile(r"(?:\b(?:for|as early as|as soon as|no later than|ahead of)\s+(?:next\s+|this\s+)?)$",
                            re.IGNORECASE)
# Without a parse: a future or modal verb earlier in the clause.
FUTURE_WORDS = re.compile(r"\b(?:will|shall|could|may|might|is due|are due|(?:is|are) (?:expected|scheduled|set|"
                          r"planned|due) to)\b|'ll\b", re.IGNORECASE)
FUTURE_LEMMAS = {"expect", "schedule", "due", "plan", "set", "intend"}
LEADING_WORDS = re.compile(r"^(?:(?:in|since|until|by|during|the)\s+|(?:early|mid|late)[-\s]+)", re.IGNORECASE)
FUTURE_WINDOW = 120  # days ahead a date without a year may be read as coming, when no verb says otherwise
UNITS_AFTER_YEAR = re.compile(r"\s+(?:people|persons|civilians|soldiers|troops|fighters|km|kilomet|miles|"
                              r"dollars|euros|pounds|tons|tonnes|votes|cases|deaths|homes|members)\b", re.I)


def _published(published: str | None) -> date | None:
    """The publication day of an ISO date or datetime, None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


@lru_cache(maxsize=64)
def _parser(base: date | None, prefer: str = "past"):
    """A dateparser parser relative to the publication day (to today when there is none)."""
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": prefer, "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def _month_end(day: date) -> date:
    nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _shift_months(day: date, months: int) -> date:
    """The first of the month ``months`` after (or before) the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _week(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _range(day: date, granularity: str) -> tuple[date, date]:
    """The day, week, month or year around ``day``."""
    if granularity == "week":
        return _week(day)
    if granularity == "month":
        return day.replace(day=1), _month_end(day)
    if granularity == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: date | None, future: bool = False) -> tuple[date, date, str] | None:
    """Resolve an expression with dateparser: (start, end, granularity); a date with no year is taken
    from the past unless its verb is in the future tense. Cached: news repeats its dates, and dateparser
    takes a millisecond for each."""
    if base is None and not HAS_YEAR.search(text):
        return None  # a day or month without a year needs the publication date
    data = _parser(base, "future" if future else "past").get_date_data(LEADING_WORDS.sub("", text.strip()))
    if data is None or data.date_obj is None:
        return None
    granularity = data.period if data.period in ("day", "week", "month", "year") else "day"
    start, end = _range(data.date_obj.date(), granularity)
    return start, end, granularity


def _is_future(doc: Doc, text: str, start: int, end: int) -> bool:
    """The expression points forward: a date set for something ("called for Thursday", "as early as
    Friday"), or, with a parse, a verb in the future or a modal ("will meet on Friday", "could come on
    Monday", "is expected to approve it on December 12"); without a parse, such a verb earlier in the clause.
    ``text``: the doc's text."""
    before = text[max(0, start - 60):start]
    if FORWARD_BEFORE.search(before):
        return True
    if not doc.has_annotation("DEP"):
        clause = re.split(r"[.;!?]", before)[-1]
        return bool(FUTURE_WORDS.search(clause))
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verb = next((head for head in span.root.ancestors if head.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    if verb.lemma_ in FUTURE_LEMMAS or any(c.lower_ in FUTURE_AUX and c.dep_ == "aux" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in FUTURE_LEMMAS


def _tense(doc: Doc, text: str, start: int, end: int) -> str:
    """ "future" (as ``_is_future`` finds it), "past" (with a parse: its verb in the past tense, "was held on
    March 30"), or "" when nothing says."""
    if _is_future(doc, text, start, end):
        return "future"
    if not doc.has_annotation("DEP"):
        return ""
    span = doc.char_span(start, end, alignment_mode="expand")
    verb = next((h for h in span.root.ancestors if h.pos_ in ("VERB", "AUX")), None) if span is not None else None
    if verb is None:
        return ""
    past = verb.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" and c.dep_ in ("aux", "auxpass") for c in verb.children)
    return "past" if past else ""


def _weekday(match: re.Match, base: date | None, future: bool) -> tuple[date, date, str] | None:
    if base is None:
        return None
    target = WEEKDAYS.index(match.group("weekday").lower())
    relation = (match.group("wrel") or "").lower()
    back = (base.weekday() - target) % 7  # days since the most recent such day, on or before
    if relation in ("last", "past"):
        day = base - timedelta(days=back or 7)
    elif relation == "next":
        day = base + timedelta(days=(target - base.weekday()) % 7 or 7)
    elif relation == "this":
        day = _week(base)[0] + timedelta(days=target)
    elif future:
        day = base + timedelta(days=(target - base.weekday()) % 7)
    else:
        day = base - timedelta(days=back)
    return day, day, "day"


def _day_word(match: re.Match, base: date | None) -> tuple[date, date, str] | None:
    if base is None:
        return None
    word = " ".join(match.group("dw").lower().split())
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}.get(word, 0)
    day = base + timedelta(days=shift)
    return day, day, "day"


def _weekend(base: date, relation: str) -> tuple[date, date]:
    saturday = base - timedelta(days=base.weekday() - 5) if base.weekday() >= 5 else \
        base + timedelta(days=5 - base.weekday())
    shift = {"last": -7, "past": -7, "the past": -7, "next": 7}.get(relation, 0)
    saturday += timedelta(days=shift)
    return saturday, saturday + timedelta(days=1)


def _period(match: re.Match, base: date | None) -> tuple[date, date, str] | None:
    if base is None:
        return None
    relation = " ".join(match.group("prel").lower().split())
    period = match.group("period").lower()
    if period == "weekend":
        return (*_weekend(base, relation), "weekend")
    if relation in ("past", "the past"):  # the days up to publication: "over the past week"
        back = {"week": base - timedelta(days=7), "month": _shift_months(base, -1).replace(
            day=min(base.day, _month_end(_shift_months(base, -1)).day)), "year": base.replace(
            year=base.year - 1, day=min(base.day, 28) if base.month == 2 else base.day)}[period]
        return back, base, period
    step = {"last": -1, "next": 1}.get(relation, 0)
    if period == "week":
        start, end = _week(base + timedelta(weeks=step))
    elif period == "month":
        start = _shift_months(base, step)
        end = _month_end(start)
    else:
        start, end = date(base.year + step, 1, 1), date(base.year + step, 12, 31)
    if relation == "earlier this":
        end = base
    elif relation == "later this":
        start = base
    return start, end, period


def _month(match: re.Match, base: date | None, future: bool) -> tuple[date, date, str] | None:
    """A month with no year: the most recent one (this month included), the coming one when its verb is
    in the future tense, or as "last"/"next" says."""
    name = match.group("month").lower()
    relation = (match.group("mrel") or "").lower()
    if name in ("may", "march") and not relation:
        return None  # the verb or the noun, not the month
    if base is None:
        return None
    month = MONTH_NAMES.index(name) + 1
    year = base.year if month <= base.month else base.year - 1
    if relation == "last" and month >= base.month:
        year = base.year - 1
    elif relation == "next":
        year = base.year if month > base.month else base.year + 1
    elif relation == "this":
        year = base.year
    elif future and not relation.startswith("earlier"):
        year = base.year if month >= base.month else base.year + 1
    start = date(year, month, 1)
    return start, _month_end(start), "month"


NUMBER_VALUES = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())} | {"a": 1, "an": 1}


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_VALUES.get(word, 1)


def _ago(match: re.Match, base: date | None) -> tuple[date, date, str] | None:
    """ "two days ago", "three weeks ago": that day; months and years ago as dateparser reads them."""
    number, unit = match.group(0).split()[:2]
    unit = unit.lower().rstrip("s")
    if base is None or unit not in ("day", "week"):
        return _dateparser(match.group(0), base)
    day = base - timedelta(days=_count(number) * (7 if unit == "week" else 1))
    return day, day, "day"


def _month_of_year(match: re.Match, base: date | None) -> tuple[date, date, str] | None:
    """ "January this year", "June last year": the month of that year."""
    if base is None:
        return None
    year = base.year + {"last": -1, "next": 1}.get(match.group("yrel").lower(), 0)
    start = date(year, MONTH_NAMES.index(match.group("month").lower()) + 1, 1)
    return start, _month_end(start), "month"


def _holiday_in(name: str, year: int) -> date:
    rule = HOLIDAYS[name]
    if rule[0] == "fixed":
        return date(year, rule[1], rule[2])
    if rule[0] == "easter":
        from dateutil.easter import easter
        return easter(year) + timedelta(days=rule[1])
    _, month, weekday, n = rule
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = _month_end(date(year, month, 1))
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _holiday(match: re.Match, base: date | None, tense: str) -> tuple[date, date, str] | None:
    """A holiday: in the year given, else its occurrence nearest publication as the tense says."""
    name = " ".join(match.group("holiday").lower().replace("’", "'").split())
    if match.group("hyear"):
        day = _holiday_in(name, int(match.group("hyear")))
        return day, day, "day"
    if base is None:
        return None
    past = next(d for d in (_holiday_in(name, y) for y in (base.year, base.year - 1)) if d <= base)
    future = next(d for d in (_holiday_in(name, y) for y in (base.year, base.year + 1)) if d >= base)
    day = _choose(past, future, base, tense)
    return day, day, "day"


def _choose(past: date, future: date, base: date, tense: str) -> date:
    """The most recent or the coming occurrence of a date without a year: as its verb's tense says, else the
    coming one when it is nearer and within FUTURE_WINDOW days ("March 30" written in February)."""
    if tense == "future":
        return future
    if tense == "past":
        return past
    ahead, back = (future - base).days, (base - past).days
    return future if ahead < back and ahead <= FUTURE_WINDOW else past


def _day_without_year(match: re.Match, base: date | None, doc: Doc) -> tuple[date, date, str] | None:
    """ "Saturday, April 25", "March 30": the year whose date falls on the weekday given, else as ``_choose``."""
    text = match.group(0)
    tense = _tense(doc, match.string, match.start(), match.end())
    past, future = _dateparser(text, base), _dateparser(text, base, True)
    if base is None or past is None or future is None:
        return past
    weekday = re.match(rf"\s*({WEEKDAY})", text, re.IGNORECASE)
    if weekday:
        target = WEEKDAYS.index(weekday.group(1).lower())
        fitting = [d for d in (past, future) if d[0].weekday() == target]
        if fitting:
            return min(fitting, key=lambda d: abs((d[0] - base).days))
    return future if _choose(past[0], future[0], base, tense) == future[0] else past


def _numeric(match: re.Match) -> tuple[date, date, str] | None:
    """ "1/15/1998" (month first with a slash, as in US copy, unless the first number cannot be a month),
    "15.01.1998" (day first with dots)."""
    a, b, year = int(match.group("n1")), int(match.group("n2")), int(match.group("ny"))
    month, day = (b, a) if match.group("sep") == "." or a > 12 else (a, b)
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found, found, "day"


def _decade(match: re.Match) -> tuple[date, date, str]:
    """ "the 1990s": 1990–1999; "the early 2000s" its first four years, "mid" the middle four, "late" the last."""
    first = int(match.group("decade"))
    part = (match.group("dq") or "").lower()
    start, end = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(part, (0, 9))
    return date(first + start, 1, 1), date(first + end, 12, 31), "decade"


def _season_in(name: str, year: int) -> tuple[date, date]:
    first = date(year, SEASONS[name], 1)
    return first, _month_end(_shift_months(first, 2))


def _season(match: re.Match, base: date | None, tense: str) -> tuple[date, date, str] | None:
    """ "summer 2019": that summer; "this spring" the one of the publication's year (a winter: the one it is in,
    or the coming one); "last summer" the latest one over before publication; "next winter" the first to start
    after it; "the summer" as the tense says, the one publication falls in when it says nothing."""
    name = (match.group("season") or match.group("season2") or match.group("season3")).lower()
    if match.group("syear"):
        return (*_season_in(name, int(match.group("syear"))), "season")
    if base is None:
        return None
    around = [_season_in(name, y) for y in (base.year - 2, base.year - 1, base.year, base.year + 1)]
    current = next((s for s in around if s[0] <= base <= s[1]), None)
    past = max(s for s in around if s[1] < base)
    coming = min(s for s in around if s[0] > base)
    rel = " ".join((match.group("srel") or "").lower().split())
    if rel in ("last", "past"):
        chosen = past
    elif rel == "next":
        chosen = coming
    elif rel:  # "this", "earlier this", "later this"
        chosen = current or next((s for s in around if s[0].year == base.year), coming)
    else:
        chosen = current or (coming if tense == "future" else past)
    return (*chosen, "season")


def _spelled_year(match: re.Match) -> tuple[date, date, str] | None:
    """ "in nineteen ninety-nine", "since two thousand and eleven": that year."""
    words = match.group("spelled").lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        year = 2000 + (_words_below_100(rest) if rest else 0)
    else:
        century = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[words[0]]
        rest = [w for w in words[1:] if w not in ("hundred", "oh")]
        year = century + (_words_below_100(rest) if rest else 0)
    if not 1800 <= year <= 2100:
        return None
    return date(year, 1, 1), date(year, 12, 31), "year"


def _words_below_100(words: list[str]) -> int:
    from number_parser import parse_number
    return int(parse_number(" ".join(words)) or 0)


def _anaphor(match: re.Match, anchor: tuple[date, date, str] | None) -> tuple[date, date, str] | None:
    """ "that day", "the next day", "a year earlier", "two days later": from the last date the article resolved
    before it (None when there is none)."""
    if anchor is None:
        return None
    words = match.group("ana").lower().split()
    unit = next(w.rstrip("s") for w in words if w.rstrip("s") in ("day", "week", "month", "year"))
    if words[0] == "that" or words[1] == "same":
        step = 0
    elif words[:3] == ["the", "day", "before"] or "previous" in words:
        step = -1
    elif words[:3] == ["the", "day", "after"] or words[1] in ("next", "following"):
        step = 1
    else:
        step = _count(words[0]) * (1 if words[-1] in ("later", "after") else -1)
    day = anchor[0]
    if unit == "day":
        day += timedelta(days=step)
    elif unit == "week":
        day += timedelta(weeks=step)
    elif unit == "month":
        day = _shift_months(day, step).replace(day=min(day.day, 28))
    else:
        day = day.replace(year=day.year + step, day=min(day.day, 28) if day.month == 2 else day.day)
    granularity = unit if step == 0 else (anchor[2] if anchor[2] in ("day", "month", "year") else unit)
    start, end = _range(day, granularity)
    return start, end, granularity


def _resolve(name: str, match: re.Match, base: date | None, doc: Doc,
             anchor: tuple[date, date, str] | None = None) -> tuple[date, date, str] | None:
    text = match.group(0)
    if name in ("day_month", "month_day") and not HAS_YEAR.search(text):
        return _day_without_year(match, base, doc)
    if name == "ago":
        return _ago(match, base)
    if name in ("iso", "day_month", "month_day", "month_year"):
        return _dateparser(text, base)
    if name == "year":
        year = int(match.group("year"))
        return date(year, 1, 1), date(year, 12, 31), "year"
    if name == "day_word":
        return _day_word(match, base)
    if name == "weekday":
        return _weekday(match, base, _is_future(doc, match.string, match.start(), match.end()))
    if name == "period":
        return _period(match, base)
    if name == "month_cased":
        return _month(match, base, _is_future(doc, match.string, match.start(), match.end()))
    if name == "month_rel_year":
        return _month_of_year(match, base)
    if name == "holiday":
        return _holiday(match, base, _tense(doc, match.string, match.start(), match.end()))
    if name == "spelled_year":
        return _spelled_year(match)
    if name == "numeric":
        return _numeric(match)
    if name == "decade":
        return _decade(match)
    if name == "season":
        return _season(match, base, _tense(doc, match.string, match.start(), match.end()))
    if name == "anaphor":
        return _anaphor(match, anchor)
    if name == "day_of_month":
        return _day_of_month(match, base)
    return None


def _day_of_month(match: re.Match, base: date | None) -> tuple[date, date, str] | None:
    """"on the 7th of last month", "the 2nd of the month" (the publication's month), "the 5th of next month"."""
    if base is None:
        return None
    shift = {"last": -1, "next": 1}.get(match.group("domrel").lower(), 0)
    first = _shift_months(base, shift)
    day = int(re.match(r"\d+", match.group("dom")).group(0))
    if day > _month_end(first).day:
        return None
    found = first.replace(day=day)
    return found, found, "day"


def _span_words(name: str, match: re.Match) -> tuple[int, int]:
    """The expression's own words: leading prepositions are left out ("in March" → "March")."""
    start, end = match.span()
    if name == "month_cased" and (match.group("mrel") or "").lower() in ("in", "since", "until", "by", "during"):
        start = match.start("month")
    elif name in ("month_rel_year", "spelled_year"):
        start = match.start("month" if name == "month_rel_year" else "spelled")
    return start, end


def _candidates(doc: Doc, text: str) -> list[tuple[int, int, str, re.Match | None]]:
    """Non-overlapping candidate spans in a doc's text (``text``): pattern matches (the longest where they
    overlap), then the DATE entities that overlap none of them."""
    found = []
    for name, pattern in COMPILED:
        for match in pattern.finditer(text):
            if name == "year" and UNITS_AFTER_YEAR.match(text, match.end()):
                continue  # "2011 people" is a figure
            found.append((*_span_words(name, match), name, match))
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept: list[tuple[int, int, str, re.Match | None]] = []
    for cand in found:
        if not kept or cand[0] >= kept[-1][1]:
            kept.append(cand)
    if doc.has_annotation("ENT_IOB"):
        # kept is in order and without overlaps, so its ends are in order too: only the last one to start
        # before an entity ends can reach into it (entities never overlap one another)
        starts = [k[0] for k in kept]
        entities = []
        for ent in doc.ents:
            if ent.label_ == "DATE" and DATEISH.search(ent.text):
                before = bisect_left(starts, ent.end_char)
                if not (before and kept[before - 1][1] > ent.start_char):
                    entities.append((ent.start_char, ent.end_char, "entity", None))
        kept += entities
    return sorted(kept, key=lambda c: c[0])


def find_dates(passages: list[Passage], body: str, published: str | None) -> list[DateMention]:
    """Every date expression in the passages, resolved against the publication date where it can be."""
    finder = DateFinder(body, published)
    for passage in passages:
        finder.add(passage)
    return finder.dates()


class DateFinder:
    """The date expressions of an article, passage by passage: a passage's parse may go once it is added; the last
    date resolved is kept for the anaphoric ones that follow ("that day", "a year earlier")."""

    def __init__(self, body: str, published: str | None):
        self.body = body
        self.base = _published(published)
        self.mentions: list[DateMention] = []
        self.anchor: tuple[date, date, str] | None = None

    def add(self, passage: Passage) -> None:
        self.mentions += _passage_dates(passage, self.body, self.base, self)

    def dates(self) -> list[DateMention]:
        """Every date expression added, in body order."""
        self.mentions.sort(key=lambda m: m.start)
        return self.mentions


def _passage_dates(passage: Passage, body: str, base: date | None, state: DateFinder | None = None
                   ) -> list[DateMention]:
    doc, text = passage.doc, passage.text
    mentions = []
    for start, end, name, match in _candidates(doc, text):
        kind = KINDS.get(name, "date")
        if match is None:  # a DATE entity the patterns missed
            resolved = _dateparser(text[start:end], base)
        elif kind != "date":
            resolved = None  # a duration or a set of days is no date
        else:
            resolved = _resolve(name, match, base, doc, state.anchor if state else None)
            if resolved is None and name == "month_cased" and \
                    match.group("month").lower() in ("may", "march") and not match.group("mrel"):
                continue
        if resolved and state is not None and name != "anaphor":
            state.anchor = resolved
        s, e = start + passage.offset, end + passage.offset
        mentions.append(DateMention(
            start=s, end=e, text=body[s:e],
            resolved_start=resolved[0].isoformat() if resolved else None,
            resolved_end=resolved[1].isoformat() if resolved else None,
            granularity=resolved[2] if resolved else _granularity(name, match), kind=kind))
    return mentions


def _granularity(name: str, match: re.Match | None) -> str | None:
    """The granularity an unresolved expression would have."""
    if match is None:
        return None
    if name in ("iso", "day_month", "month_day", "day_word", "weekday", "day_of_month"):
        return "day"
    if name in ("month_year", "month_cased"):
        return "month"
    if name == "year":
        return "year"
    if name == "period":
        return match.group("period").lower()
    if name in ("month_rel_year", "holiday", "spelled_year", "numeric", "decade", "season"):
        return {"month_rel_year": "month", "holiday": "day", "spelled_year": "year", "numeric": "day",
                "decade": "decade", "season": "season"}[name]
    if name in ("duration", "set"):
        unit = (match.group("dunit") if name == "duration" else match.group("sunit")) or "day"
        return unit.lower() if unit.lower() in ("hour", "day", "week", "weekend", "month", "year", "decade") \
            else "day"
    if name == "anaphor":
        return next((w.rstrip("s") for w in match.group(0).lower().split() if w.rstrip("s") in
                     ("day", "week", "month", "year")), None)
    if name == "ago":
        return re.search(r"(day|week|month|year)", match.group(0), re.I).group(1).lower()
    return None


def claim_event_date(claim: Claim, dates: list[DateMention]) -> str | None:
    """The day the claim is about: a resolved day in its sentence, one inside the content span first."""
    in_sentence = [d for d in dates if d.granularity == "day" and d.resolved_start
                   and claim.sentence_start <= d.start and d.end <= claim.sentence_end]
    inside = [d for d in in_sentence if claim.start <= d.start and d.end <= claim.end]
    chosen = (inside or in_sentence or [None])[0]
    return chosen.resolved_start if chosen else None


def set_event_dates(claims: list[Claim], dates: list[DateMention]) -> None:
    """Each claim's ``event_date``, unless it has one, as ``claim_event_date`` finds it, for all claims at once:
    ``dates`` (in body order) are looked up by bisection, not scanned for every claim."""
    days = sorted((d for d in dates if d.granularity == "day" and d.resolved_start), key=lambda d: d.start)
    starts = [d.start for d in days]
    for claim in claims:
        if claim.event_date:
            continue
        content = max(claim.start, claim.sentence_start), min(claim.end, claim.sentence_end)  # in its sentence
        chosen = _first_within(days, starts, *content) or \
            _first_within(days, starts, claim.sentence_start, claim.sentence_end)
        claim.event_date = chosen.resolved_start if chosen else None


def _first_within(days: list[DateMention], starts: list[int], start: int, end: int) -> DateMention | None:
    """The first of ``days`` (in order of their starts) that lies within [start, end]."""
    for k in range(bisect_left(starts, start), len(days)):
        if days[k].start > end:
            break
        if days[k].end <= end:
            return days[k]
    return None
