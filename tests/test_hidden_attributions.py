"""Hidden attributions: reported claims (the reporter's own statements) that hold a speech cue outside quotes
("Three children were among the dead the monitor said") are attributions the extractor missed.

The rate is the share of reported claims whose text, outside quotation marks, holds one of a fixed list of
unambiguous speech-verb forms (a list of its own, not the extractor's lexicon, so that shrinking the lexicon
cannot lower it). A non-answer ("has not said how many") or a refusal ("declined to say") is no attribution
and is not counted. Run by hand on any archive:

    python tests/test_hidden_attributions.py archive.db        # the rate, and each claim counted
"""
from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from claimarchive.extract.quotes import find_quotes  # noqa: E402

CUE = re.compile(
    r"\b(?:said|says|told|tells|added|adds|claimed|claims|stated|announced|warned|warns|insisted|insists|"
    r"argued|argues|denied|denies|confirmed|accused|alleged|wrote|writes|noted|explained|estimated|"
    r"acknowledged|admitted|reported|asked|saying|telling|according to)\b")
# a cue that is no attribution: negated or refused ("did not say", "declined to comment"), a question about it
NOT_SAID = re.compile(r"\b(?:not|n't|never|no one|nobody|declined to|refused to|would not)\s+(?:\w+\s+){0,2}$")
# what follows a cue word that is no speech: "claimed over 500 lives", "asked whether", "added 25,000 jobs",
# "reported cases", "asked for asylum"
NOT_SPEECH = re.compile(r"(?:\s+\S+){0,5}?\s+(?:lives|victims)\b|(?:\s+\S+){0,3}?\s+(?:whether|why|how|if)\b|"
                        r"\s+(?:\d|to\b|for\b|cases?\b|deaths?\b|incidents?\b)")
# what comes before one: "the said agreement", "an estimated 3,000", "were told to leave", "as previously reported"
NOT_SPEECH_BEFORE = re.compile(r"\b(?:the|a|an|this|that|\d[\d,.]*|is|are|was|were|be|been|being|as|previously)\s+$",
                               re.IGNORECASE)
LIMIT = 0.03


def hidden(text: str) -> list[str]:
    """The speech cues of a reported claim's text outside its quotes."""
    quotes = find_quotes(text)
    found = []
    for m in CUE.finditer(text):
        if any(q.start <= m.start() < q.end for q in quotes.across(m.start(), m.end())):
            continue
        before = text[max(0, m.start() - 40):m.start()]
        if NOT_SAID.search(before) or NOT_SPEECH.match(text, m.end()) or NOT_SPEECH_BEFORE.search(before):
            continue
        found.append(m.group())
    return found


def rate(db_path) -> tuple[float, list[tuple[str, str]]]:
    """(the share of current reported claims with a hidden cue, those claims as (file, text))."""
    db = sqlite3.connect(db_path)
    rows = db.execute("select a.path, c.text from claims c join articles a on a.id = c.article_id "
                      "where c.kind = 'reported' and c.status = 'current'").fetchall()
    db.close()
    flagged = [(path, text) for path, text in rows if hidden(text)]
    return (len(flagged) / len(rows) if rows else 0.0), flagged


@pytest.fixture(scope="module", params=["corpus-trained", "corpus-blank", "heldout-trained", "heldout-blank",
                                        "messy-trained", "messy-blank"])
def archive(request, tmp_path_factory):
    from conftest import archived_set

    name, pipeline = request.param.split("-")
    return request.param, archived_set(tmp_path_factory, name, pipeline)


def test_few_reported_claims_hide_an_attribution(archive):
    name, db = archive
    share, flagged = rate(db)
    assert share < LIMIT, (name, round(share, 3), flagged)


def test_the_rate_counts_what_it_should():
    assert hidden("Among the dead were three children the monitor said") == ["said"]
    assert hidden("The ministry has not said how many people died") == []
    assert hidden('Residents described the "he said, she said" row as petty') == []
    assert hidden("A spokesman declined to say when the road would reopen") == []
    assert hidden("The war, which has claimed over half a million lives, began in 2011") == []
    assert hidden("Campaigners want the said agreement renegotiated") == []
    assert hidden("The lawyer asked him why his signature was on the papers") == []
    assert hidden("Employers added 25,000 jobs, and an estimated 3,000 people were told to leave") == []
    assert hidden("Officials reported cases in three districts, as previously reported") == []


if __name__ == "__main__":
    share, flagged = rate(sys.argv[1])
    for path, text in flagged:
        print(f"{path}: {text}")
    print(f"hidden attributions: {len(flagged)} reported claims, {share:.1%}")
