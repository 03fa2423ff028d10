"""Claim extraction on sentences written for these tests, with the parser and without it (blank pipeline)."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimarchive import __version__
from claimarchive.enrich.relays import RelayFinder
from claimarchive.extract import extract_claims
from claimarchive.extract.quotes import find_quotes
from claimarchive.nlp import load, parse
from claimarchive.read import read_article
from claimarchive.segment import find_segments

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


@pytest.fixture(scope="module", params=["parser", "blank"])
def pipeline(request):
    return load(None if request.param == "parser" else "blank")


@pytest.fixture(scope="module")
def parser():
    return load()


def claims_of(nlp, text: str, headline: str = "Test article headline for the extractor"):
    """Claims from a small article: a headline, then ``text`` as paragraphs."""
    body = headline + "\n\n" + text.strip() + "\n"
    passages, relays = list(parse(body, find_segments(body), nlp)), RelayFinder(body)
    claims = extract_claims(passages, body)
    for passage in passages:
        relays.add(passage)
    relays.resolve(claims)  # the channels and outlets, an enrichment of the claims (enrich/relays.py)
    for claim in claims:
        assert body[claim.start:claim.end] == claim.text
        if claim.source_text is not None:
            assert body[claim.source_start:claim.source_end] == claim.source_text
    return [c for c in claims if not c.text.startswith("Test article headline")], body


def attributed(nlp, text: str):
    claims, _ = claims_of(nlp, text)
    return [c for c in claims if c.source_text or c.cue]


def one(nlp, text: str):
    found = attributed(nlp, text)
    assert len(found) == 1, [(c.source_text, c.cue, c.text) for c in found]
    return found[0]


def rows(claims):
    """(kind, source, cue, text) of each claim: what a test of a non-claim compares with the exact expected output."""
    return [(c.kind, c.source_text, c.cue, c.text) for c in claims]


def reported(sentence: str):
    """The output for a sentence that is no attribution: one reported claim, its text the sentence."""
    return [("reported", None, None, sentence.removesuffix("."))]


# ------------------------------------------------------------ cues and orders, on both paths

CASES = [
    # sentence, source, cue, content (a part of the claimed text)
    ("The finance minister said the economy would grow by 3% next year.",
     "The finance minister", "said", "the economy would grow by 3% next year"),
    ("The company says profits fell sharply in the second quarter.", "The company", "says", "profits fell sharply"),
    ("The governor told reporters that the bridge would reopen in June.",
     "The governor", "told", "the bridge would reopen in June"),
    ("Police said in a statement that three men had been arrested.", "Police", "said", "three men had been arrested"),
    ("The army denied that its soldiers had fired on protesters.", "The army", "denied", "its soldiers had fired"),
    ("The UN warned that the famine could spread to three more regions.", "The UN", "warned", "the famine could spread"),
    ("The central bank estimates that inflation will peak at 6% in March.",
     "The central bank", "estimates", "inflation will peak"),
    ("The prime minister admitted that mistakes had been made.", "The prime minister", "admitted", "mistakes had been made"),
    ("The report found that emissions rose by 4% last year.", "The report", "found", "emissions rose by 4%"),
    ("The opposition leader wrote that the vote had been rigged.", "The opposition leader", "wrote", "the vote had been rigged"),
    ("Two senators argued that the tariff would hurt farmers.", "Two senators", "argued", "the tariff would hurt farmers"),
    ("The regulator noted that complaints had doubled since 2021.", "The regulator", "noted", "complaints had doubled"),
    ("The airline confirmed that two flights had been cancelled.", "The airline", "confirmed", "two flights had been cancelled"),
    ("The coach insisted that his team had been treated unfairly.", "The coach", "insisted", "treated unfairly"),
    ("The mayor announced that the bridge would close for repairs.", "The mayor", "announced", "the bridge would close"),
    ("The court acknowledged that the law was poorly drafted.", "The court", "acknowledged", "the law was poorly drafted"),
    ("The agency explained that the delay was caused by a software fault.",
     "The agency", "explained", "the delay was caused by a software fault"),
    ("The union claimed that 80% of its members had joined the strike.", "The union", "claimed", "80% of its members"),
    ("The spokesman stated that no decision had been taken.", "The spokesman", "stated", "no decision had been taken"),
    # orders
    ("The talks collapsed on Monday, according to two diplomats familiar with the matter.",
     "two diplomats familiar with the matter", "according to", "The talks collapsed on Monday"),
    ("According to the health ministry, 42 people were killed in the attack.",
     "the health ministry", "according to", "42 people were killed in the attack"),
    ("Erdogan, the president of Turkey, said the talks had failed.", "Erdogan", "said", "the talks had failed"),
    ("“We will not give up,” the mayor said.", "the mayor", "said", "We will not give up"),
    ('"Prices will keep rising," said Maria Lopez, an economist at the central bank.',
     "Maria Lopez", "said", "Prices will keep rising"),
    ("The bridge will reopen in June, the transport minister said.",
     "the transport minister", "said", "The bridge will reopen in June"),
    ("He added that the negotiations would continue next week.", "He", "added", "the negotiations would continue"),
    ("The senator was quoted as saying the bill was dead.", "The senator", "was quoted as saying", "the bill was dead"),
    ("Russia and China have argued that the sanctions are illegal.",
     "Russia and China", "argued", "the sanctions are illegal"),
    ("The union called on workers to strike on Friday.", "The union", "called on", "workers to strike"),
    ("Smith's claim that the election was stolen has been rejected by the courts.",
     "Smith", "claim", "the election was stolen"),
]


@pytest.mark.parametrize("sentence,source,cue,content", CASES, ids=[c[0][:40] for c in CASES])
def test_cue_source_content(pipeline, sentence, source, cue, content):
    claim = one(pipeline, sentence)
    assert claim.source_text == source
    assert claim.cue.lower() == cue.lower()
    assert content in claim.text
    assert claim.kind == "attributed"
    assert claim.origin == f"extracted:{__version__}"
    # the content is the claim, not the whole sentence with its source and cue
    assert source not in claim.text or claim.text.count(source) < sentence.count(source)


# (sentence, [(source, cue, content)]): every attribution of sentences shaped as real copy is: "according to" beside
# brackets and relative clauses, asides, events reported as objects, titles, scraped copy, the parser's misreadings
SENTENCES = [
    # an event reported as an object (the act nouns of frames.yml)
    ("Activists reported heavy shelling on the village of Kansafra overnight.",
     [("Activists", "reported", "heavy shelling on the village of Kansafra overnight")]),
    ("Local media reported clashes between tribal fighters and the SDF in Deir Ezzor.",
     [("Local media", "reported", "clashes between tribal fighters and the SDF in Deir Ezzor")]),
    ("Residents reported explosions near the airport on Sunday.",
     [("Residents", "reported", "explosions near the airport on Sunday")]),
    ("At least 12 people drowned in Barpeta, according to the State Disaster Management Authority (SDMA).",
     [("the State Disaster Management Authority (SDMA)", "according to", "At least 12 people drowned in Barpeta")]),
    ("Floods displaced 40,000 people, according to the relief agency, whose figures are revised daily.",
     [("the relief agency", "according to", "Floods displaced 40,000 people")]),
    ("According to the ministry, which gave no details, the talks will resume on Monday.",
     [("the ministry", "according to", "the talks will resume on Monday")]),
    ("The talks stalled, according to two diplomats, who said the sides remain far apart.",
     [("two diplomats", "according to", "The talks stalled"), ("two diplomats", "said", "the sides remain far apart")]),
    ("The death toll rose to 31, the ministry said (citing hospital records).",
     [("the ministry", "said", "The death toll rose to 31")]),
    ("The strike, according to the monitor, killed five civilians.",  # around a clause: all of it
     [("the monitor", "according to", "The strike, according to the monitor, killed five civilians")]),
    ("A drone hit a truck in the border region, according to security sources who asked not to be named.",
     [("security sources", "according to", "A drone hit a truck in the border region")]),
    ("The tariff will apply to $4 billion of imports, according to an official who briefed reporters on condition "
     "that he not be named.", [("an official", "according to", "The tariff will apply to $4 billion of imports")]),
    # an abbreviated title before a name ends no sentence, nor does a time before a day's name
    ("Officers were called to the 1100 block of Elm Street around 2:15 a.m. Saturday on reports of shots fired, "
     "police Lt. Karen Moody said.", [("police Lt. Karen Moody", "said", "Officers were called to the 1100 block of "
                                      "Elm Street around 2:15 a.m. Saturday on reports of shots fired")]),
    ("Sgt. Ray Lopez said the driver had fled on foot.", [("Sgt. Ray Lopez", "said", "the driver had fled on foot")]),
    # content first, then a source the parser may take for a second subject
    ("The suspect then waited by his car and fired at least four shots as the other man walked out, the report says.",
     [("the report", "says", "The suspect then waited by his car and fired at least four shots as the other man "
                             "walked out")]),
    # scraped copy: a lost comma before a pronoun, a source after an inverted cue with its relative clause, a
    # statement's verb ending its sentence, "But" before a source and its aside, an -s cue ending its sentence
    ("They found a man with a gunshot wound near the back of the lot she said.",
     [("she", "said", "They found a man with a gunshot wound near the back of the lot")]),
    ('"It was like four or five pops," said a woman who was leaving a nearby restaurant.',
     [("a woman", "said", "It was like four or five pops")]),
    ('"Our fight will continue until the last fighter is gone," the statement added.',
     [("the statement", "added", "Our fight will continue until the last fighter is gone")]),
    ("But one senior backbencher, who asked not to be named, claimed that the whips were ringing round.",
     [("one senior backbencher", "claimed", "the whips were ringing round")]),
    ("The two men had argued inside the bar before the suspect was escorted out, a police report states.",
     [("a police report", "states", "The two men had argued inside the bar before the suspect was escorted out")]),
    # the parser's misreadings: a cue left with no dependent, a quote's subject taken for the source
    ("Government airstrikes and shelling killed at least 23 civilians in the countryside of the rebel-held province "
     "on Monday, including six children, opposition activists and rescuers said, as a month-long offensive pushed tens "
     "of thousands more people toward the border.",
     [("opposition activists and rescuers", "said", "Government airstrikes and shelling killed at least 23 civilians "
                                                     "in the countryside of the rebel-held province on Monday, "
                                                     "including six children")]),
    ('"As a result of the strikes, up to 200 militants, 24 pickup trucks and about 500 kg of ammunition were '
     'eliminated," the rear admiral noted.',
     [("the rear admiral", "noted", "As a result of the strikes, up to 200 militants, 24 pickup trucks and about 500 "
                                    "kg of ammunition were eliminated")]),
    ("Whitfield told analysts on a post-earnings call that the supply of castings had improved since the summer but "
     "that labor shortages at its plant remained a constraint on output.",
     [("Whitfield", "told", "the supply of castings had improved since the summer but that labor shortages at its "
                            "plant remained a constraint on output")]),
    ("The governor denied in statements to the pro-government al-Watan newspaper that any arrests had taken place.",
     [("The governor", "denied", "any arrests had taken place")]),
    ("The company also announced a new $500 million share repurchase program and said it would raise its dividend.",
     [("The company", "announced", "a new $500 million share repurchase program"),
      ("The company", "said", "it would raise its dividend")]),
]


@pytest.mark.parametrize("sentence,expected", SENTENCES, ids=[c[0][:40] for c in SENTENCES])
def test_sources_cues_and_contents_of_sentences_shaped_as_real_copy(pipeline, sentence, expected):
    found = [(c.source_text, c.cue.lower(), c.text) for c in attributed(pipeline, sentence)]
    assert found == expected


def test_an_object_that_is_no_event_is_no_claim(pipeline):
    assert attributed(pipeline, "He posted a video of the ceremony on Sunday.") == []


def test_cue_lemma_and_spans(pipeline):
    claim = one(pipeline, "Officials told Reuters that the pipeline had been shut.")
    assert claim.cue_lemma == "tell"
    assert claim.text == "the pipeline had been shut"
    assert claim.sentence_start <= claim.source_start < claim.cue_start < claim.start < claim.end <= claim.sentence_end


# ------------------------------------------------------------ quotes

def test_quote_over_several_sentences_is_one_claim(pipeline):
    claim = one(pipeline, "“The plan is dead. There is no money left and no one wants it,” she said.")
    assert claim.is_quote
    assert claim.text == "The plan is dead. There is no money left and no one wants it"
    assert claim.source_text == "she"


def test_quote_continued_after_he_said(pipeline):
    claim = one(pipeline, "“We are ready,” he said, “and we will not back down.”")
    assert claim.text.startswith("We are ready")
    assert "we will not back down" in claim.text


def test_quote_sentence_after_attributed_quote_joins_it(pipeline):
    claim = one(pipeline, '"The water came at night," the farmer said. "We lost every animal we had."')
    assert "We lost every animal" in claim.text and claim.text.startswith("The water came")


def test_partial_quote_inside_indirect_speech(pipeline):
    claim = one(pipeline, 'The minister said the plan was "dead on arrival" in its current form.')
    assert claim.text.startswith("the plan was")
    assert "dead on arrival" in claim.text
    assert claim.is_quote


def test_curly_and_straight_quotes_are_found():
    text = "He said “yes”, she said \"no\" and ‘maybe’ — it’s the farmers’ view."
    inner = [text[q.inner_start:q.inner_end] for q in find_quotes(text)]
    assert inner == ["yes", "no", "maybe"]


def test_unclosed_quote_runs_to_the_end():
    quotes = find_quotes("“We will rebuild every house.")
    assert len(quotes) == 1 and not quotes[0].closed


def test_paragraph_continuing_a_quote_keeps_the_speaker(parser):
    claims = attributed(parser, '"We have waited ten years for this road," said Ana Ruiz, a teacher.\n\n'
                                '"Now the children can get to school in twenty minutes."')
    assert [c.source_text for c in claims] == ["Ana Ruiz", "Ana Ruiz"]
    assert claims[1].text.startswith("Now the children")


# ------------------------------------------------------------ carried-over and pronoun sources

def test_pronoun_source_is_kept_and_resolved(parser):
    from claimarchive.enrich.pronouns import PronounFinder

    body = ("Test article headline for the extractor\n\nFinance Minister Anna Berg presented the budget on Tuesday.\n\n"
            "She said the deficit would fall to 2% of output by 2027.\n")
    passages, finder = parse(body, find_segments(body), parser), PronounFinder()
    for passage in passages:
        finder.add(passage)
    claims = extract_claims(passages, body)
    finder.resolve(claims)
    claim = claims[-1]
    assert claim.source_text == "She"
    assert claim.source_resolved.endswith("Anna Berg")


def test_adding_clause_keeps_the_speaker(pipeline):
    claims = attributed(pipeline, "The newspaper wrote that the deal was signed in secret, adding that "
                                  "two ministers had opposed it.")
    assert [c.source_text for c in claims] == ["The newspaper", "The newspaper"]
    assert claims[0].text == "the deal was signed in secret"
    assert claims[1].text.startswith("two ministers had opposed it")


def test_following_sentence_with_only_she_said(pipeline):
    claims, _ = claims_of(pipeline, "“The market is empty. Nobody has money.” She said it quietly.")
    assert [(c.kind, c.source_text, c.text, c.is_quote) for c in claims] == [
        ("attributed", "She", "The market is empty. Nobody has money", True)]


# ------------------------------------------------------------ chains

def test_told_reuters_is_a_relay(pipeline):
    claim = one(pipeline, "Rebel commanders told Reuters that they had captured the airport.")
    assert claim.source_text == "Rebel commanders"
    assert [(r.mention, r.relation) for r in claim.relays] == [("Reuters", "told")]


def test_posted_on_telegram(pipeline):
    claim = one(pipeline, "The governor posted on Telegram that the fires had been put out.")
    assert claim.cue == "posted"
    assert ("Telegram", "posted_on") in [(r.mention, r.relation) for r in claim.relays]


def test_interview_with(pipeline):
    claim = one(pipeline, "She said in a CNN interview that she would run again.")
    assert claim.source_text == "She"
    assert ("CNN", "interview_with") in [(r.mention, r.relation) for r in claim.relays]


def test_quoted_by_state_media(parser):
    claim = one(parser, "The spokesman, quoted by state media, said the border would stay closed.")
    assert claim.source_text == "The spokesman"
    assert ("state media", "quoted_by") in [(r.mention, r.relation) for r in claim.relays]


# ------------------------------------------------------------ several attributions, lists of sources

def test_two_attributions_in_one_sentence(pipeline):
    claims = attributed(pipeline, "The mayor insisted the project was on budget, while critics argued "
                                  "it was years behind schedule.")
    assert [c.source_text for c in claims] == ["The mayor", "critics"]
    assert claims[0].text == "the project was on budget"
    assert claims[1].text == "it was years behind schedule"


def test_two_cues_share_a_subject(pipeline):
    claims = attributed(pipeline, "The White House acknowledged the delay but said the program was still on track.")
    assert [c.cue for c in claims] == ["acknowledged", "said"]
    assert {c.source_text for c in claims} == {"The White House"}


def test_list_of_sources_is_one_claim(pipeline):
    claim = one(pipeline, "Germany and France have stated that the treaty must be renegotiated.")
    assert claim.source_text == "Germany and France"


# ------------------------------------------------------------ hedges, denials, verification

def test_hedged_passive_has_no_source(pipeline):
    claim = one(pipeline, "Officials are believed to have fled the capital overnight.")
    assert claim.source_text is None
    assert claim.cue == "are believed to"
    assert claim.certainty == "hedged"
    assert claim.kind == "attributed"


def test_it_is_understood(pipeline):
    claim = one(pipeline, "It is understood that the minister will resign on Friday.")
    assert claim.source_text is None and claim.certainty == "hedged"
    assert claim.text == "the minister will resign on Friday"


def test_denial(pipeline):
    assert one(pipeline, "The ministry denied that troops had withdrawn from the city.").certainty == "denied"


def test_not_confirmed(parser):
    claim = one(parser, "Local officials have not been able to verify the figures.")
    assert claim.verification == "not_confirmed"
    assert claim.source_text == "Local officials"


def test_reportedly_is_a_hedged_report(pipeline):
    claims, _ = claims_of(pipeline, "The storm reportedly killed at least 12 people.")
    assert len(claims) == 1
    assert claims[0].kind == "reported" and claims[0].certainty == "hedged" and claims[0].source_text is None


# ------------------------------------------------------------ not claims

@pytest.mark.parametrize("sentence", [
    "The war, which has claimed more than 10,000 lives, entered its third year.",
    "The so-called peace plan was rejected by both sides.",
    "The said agreement was signed in 2019.",
    "Rebels declared victory in the city on Thursday.",
    "The statement gave no further details.",
    "By portraying himself as a reformer, he has highlighted his break with the old guard.",
])
def test_not_attributions(pipeline, sentence):
    claims, _ = claims_of(pipeline, sentence)
    assert rows(claims) == reported(sentence)


def test_fragments_are_not_claims(pipeline):
    claims, _ = claims_of(pipeline, "Photo: the harbour at dawn.\n\nThe harbour reopened on Monday after repairs."
                                    "\n\nMore on this story.")
    assert rows(claims) == [("reported", None, None, "The harbour reopened on Monday after repairs")]


def test_question_is_not_a_claim(pipeline):
    claims, _ = claims_of(pipeline, "Will the government survive the vote next week? The vote is set for Tuesday.")
    assert rows(claims) == [("reported", None, None, "The vote is set for Tuesday")]


# ------------------------------------------------------------ reported claims, headlines, captions

def test_reported_sentence_is_a_claim_without_source(pipeline):
    claims, body = claims_of(pipeline, "The bridge carries 40,000 vehicles a day. It opened in 1974.")
    assert [c.text for c in claims] == ["The bridge carries 40,000 vehicles a day", "It opened in 1974"]
    assert all(c.kind == "reported" and c.source_text is None for c in claims)


def test_headline_with_says_is_attributed_but_stays_a_headline(pipeline):
    claims, _ = claims_of(pipeline, "The minister spoke in the capital on Monday.",
                          headline="Obama says Iran deal will make the world safer")
    head = [c for c in claims if c.kind == "headline"]
    assert len(head) == 1
    assert head[0].source_text == "Obama" and head[0].cue.lower() == "says"
    assert head[0].text.startswith("Iran deal")


def test_headline_without_cue_is_a_headline_claim(pipeline):
    claims, _ = claims_of(pipeline, "Water levels fell overnight.", headline="Floods cut off three towns in the north")
    assert [(c.kind, c.text) for c in claims if c.kind == "headline"] == [
        ("headline", "Floods cut off three towns in the north")]


# ------------------------------------------------------------ the test corpus, scored like the held-out set

def _score_corpus(nlp, tmp_path) -> str:
    gold_path = CORPUS / "gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    db = sqlite3.connect(tmp_path / "corpus.db")
    db.execute("create table articles(id integer primary key, path text, body text)")
    db.execute("create table claims(id integer primary key, article_id int, start int, [end] int, "
               "source_text text, cue text)")
    for k, entry in enumerate(gold, 1):
        path = CORPUS / entry["file"]
        body = read_article(path, CORPUS).body
        claims = extract_claims(parse(body, find_segments(body), nlp), body)
        db.execute("insert into articles values (?, ?, ?)", (k, entry["file"], body))
        db.executemany("insert into claims(article_id, start, [end], source_text, cue) values (?, ?, ?, ?, ?)",
                       [(k, c.start, c.end, c.source_text, c.cue) for c in claims])
    db.commit()
    db.close()
    out = subprocess.run([sys.executable, str(SCORER), str(tmp_path / "corpus.db"), str(gold_path)],
                         capture_output=True, text=True, check=True).stdout
    total = out.strip().splitlines()[-1]
    return dict(kv.split("=") for kv in total.removeprefix("total: ").split())


needs_corpus = pytest.mark.skipif(not (CORPUS / "gold.json").exists() or not SCORER.exists(),
                                  reason="test corpus or scorer not present")


@needs_corpus
def test_corpus_with_parser(parser, tmp_path):
    score = _score_corpus(parser, tmp_path)
    assert float(score["attr_f1"]) >= 0.90, score
    assert float(score["attr_p"]) >= 0.90, score
    assert float(score["cue_acc"]) >= 0.90, score


@needs_corpus
def test_corpus_without_parser(tmp_path):
    score = _score_corpus(load("blank"), tmp_path)
    assert float(score["attr_f1"]) >= 0.75, score
    assert float(score["attr_p"]) >= 0.80, score


# ------------------------------------------------------------ wire-copy patterns (probe findings)

def test_headline_split_by_the_sentencizer_is_one_claim(pipeline):
    claims, _ = claims_of(pipeline, "The council met on Monday evening.",
                          headline="Council Approves Harbour Plan Days Before Funding Deadline")
    head = [c for c in claims if c.kind == "headline"]
    assert [c.text for c in head] == ["Council Approves Harbour Plan Days Before Funding Deadline"]


def test_quote_sentence_after_a_long_attribution_tail_continues_it(pipeline):
    claims = attributed(pipeline, '"The roads are finished," Ramos said in a video posted on Instagram. '
                                  '"Next year we start on the schools."')
    assert len(claims) == 1
    assert claims[0].source_text == "Ramos"
    assert claims[0].text.startswith("The roads are finished") and "start on the schools" in claims[0].text


def test_quote_paragraph_after_a_continued_quote_keeps_the_speaker(pipeline):
    claims = attributed(pipeline, '"The roads are finished," Ramos said in a video posted on Instagram. '
                                  '"Next year we start on the schools."\n\n"Nobody will wait that long again."')
    assert [c.source_text for c in claims] == ["Ramos", "Ramos"]
    assert claims[1].text.startswith("Nobody will wait")


def test_quote_after_an_unrelated_sentence_is_not_carried(pipeline):
    claims, _ = claims_of(pipeline, '"The roads are finished," Ramos said. Traffic was light on Sunday. '
                                    '"Next year we start on the schools."')
    assert [(c.source_text, c.cue, c.text, c.is_quote) for c in claims if c.source_text] == [
        ("Ramos", "said", "The roads are finished", True)]
    assert [(c.kind, c.source_text) for c in claims if "schools" in c.text] == [("reported", None)]


def test_content_first_with_a_relay_and_a_trailing_participle(pipeline):
    claim = one(pipeline, "The new tariffs, which start in May, cover steel pipes from three countries, two officials "
                          "familiar with the plan told Reuters, speaking on condition of anonymity because the plan "
                          "is not public.")
    assert claim.source_text == "two officials familiar with the plan"
    assert claim.text.startswith("The new tariffs") and claim.text.endswith("from three countries")
    assert claim.cue == "told"


@pytest.mark.parametrize("sentence,source", [
    ("The budget adds $4 billion for schools, according to a summary released by the finance committee.",
     "a summary released by the finance committee"),
    ("Two people briefed on the talks said the ceasefire would hold.", "Two people briefed on the talks"),
    ("Exports fell 5% in May, according to data compiled by the statistics office.",
     "data compiled by the statistics office"),
])
def test_source_keeps_participle_modifiers(pipeline, sentence, source):
    assert one(pipeline, sentence).source_text == source


def test_source_drops_relative_clause(parser):
    claim = one(parser, "Officials who spoke on condition of anonymity said the plant would close.")
    assert claim.source_text == "Officials"


def test_nested_cue_without_that_stays_in_the_outer_claim(pipeline):
    claim = one(pipeline, "Two aides said the governor had privately urged lawmakers to drop the bill.")
    assert claim.source_text == "Two aides"
    assert claim.text == "the governor had privately urged lawmakers to drop the bill"


def test_naming_verb_with_quoted_name_and_a_second_attribution(pipeline):
    claims = attributed(pipeline, 'Rep. Lena Hart of Iowa called the deal "a betrayal," while Rep. Omar Diaz '
                                  'said he backed it to keep the mills open.')
    assert [(c.source_text, c.cue) for c in claims] == [("Rep. Lena Hart of Iowa", "called"), ("Rep. Omar Diaz", "said")]
    assert claims[0].text.startswith("the deal") and "betrayal" in claims[0].text
    assert claims[1].text.startswith("he backed it")


@pytest.mark.parametrize("sentence,cue", [
    ('The foreign ministry condemned the sanctions as "an act of blackmail".', "condemned"),
    ("The union hailed the ruling as a victory for nurses.", "hailed"),
    ("The regulator described the merger as a threat to competition.", "described"),
])
def test_as_naming_verbs(pipeline, sentence, cue):
    claim = one(pipeline, sentence)
    assert claim.cue == cue
    assert claim.text.startswith("the ")
    assert " as " in claim.text


def test_reflexive_portrayal_is_not_a_claim(pipeline):
    sentence = "By casting himself as an outsider, the mayor has won over young voters."
    claims, _ = claims_of(pipeline, sentence)
    assert rows(claims) == reported(sentence)


@pytest.mark.parametrize("sentence,expected", [
    ("The airline reported record quarterly revenue in March.",
     reported("The airline reported record quarterly revenue in March.")),
    ("The carmaker announced a new electric model on Tuesday.",
     reported("The carmaker announced a new electric model on Tuesday.")),
    ("The bank posted a $2 billion loss for the year.", reported("The bank posted a $2 billion loss for the year.")),
    ("A report published by the commission said the port would be expanded.",
     [("attributed", "A report published by the commission", "said", "the port would be expanded")]),
], ids=["reported", "announced", "posted", "report-noun-said"])
def test_fact_verbs_with_plain_objects_are_not_speech(pipeline, sentence, expected):
    claims, _ = claims_of(pipeline, sentence)
    assert rows(claims) == expected


def test_reported_count_is_attributed(pipeline):
    claim = one(pipeline, "The coast guard reported 14 rescues off the island on Sunday.")
    assert claim.source_text == "The coast guard" and claim.text.startswith("14 rescues")


def test_fact_verb_with_a_clause_stays_a_cue(pipeline):
    claim = one(pipeline, "The ministry announced that the border would reopen on Monday.")
    assert claim.source_text == "The ministry" and claim.text == "the border would reopen on Monday"


def test_unverified_passive_has_no_generic_source(pipeline):
    claim = one(pipeline, "The video could not be independently verified by other news organisations.")
    assert claim.source_text is None
    assert claim.verification == "not_confirmed"
    assert claim.text.startswith("The video")


def test_unverified_passive_by_a_named_outlet(pipeline):
    claim = one(pipeline, "The casualty figures could not be verified by Reuters.")
    assert claim.source_text == "Reuters" and claim.verification == "not_confirmed"


def test_outlet_not_able_to_confirm(pipeline):
    claim = one(pipeline, "The BBC has not been able to confirm the account.")
    assert claim.source_text == "The BBC" and claim.verification == "not_confirmed"


# ------------------------------------------------------------ probe round 2: general error types

def test_misparsed_aside_before_the_cue_keeps_the_clause_after(pipeline):
    claim = one(pipeline, "A senior aide, granted anonymity to describe private talks, said the governor "
                          "would veto the bill.")
    assert claim.source_text == "A senior aide"
    assert claim.text == "the governor would veto the bill"


def test_apposition_inside_the_source_is_dropped(parser):
    claim = one(parser, "Lawyers for Fairline, a shipping firm that sued the port, argued that the fees were unlawful.")
    assert claim.source_text == "Lawyers for Fairline"


def test_called_for_takes_the_prepositional_object(parser):
    claim = one(parser, "Farm groups have called for an end to the import quota.")
    assert claim.cue == "called for" and claim.text == "an end to the import quota"


def test_called_on_a_weekday_is_not_called_on(parser):
    claims, _ = claims_of(parser, "The networks called the race on Monday evening.")
    assert rows(claims) == reported("The networks called the race on Monday evening.")


def test_appeal_for_witnesses_is_not_a_claim(pipeline):
    claims, _ = claims_of(pipeline, "Police have appealed for witnesses.")
    assert rows(claims) == reported("Police have appealed for witnesses.")


def test_second_predicate_is_not_part_of_the_content(parser):
    claim = one(parser, "The spokesman confirmed the visit but declined to comment on its purpose.")
    assert claim.text == "the visit"


def test_content_first_data_showed(pipeline):
    claim = one(pipeline, "Exports fell 6% in March, data from the customs office showed on Friday.")
    assert claim.source_text == "data from the customs office" and claim.cue == "showed"
    assert claim.text == "Exports fell 6% in March"


def test_reduced_relative_after_a_reporting_noun_is_no_source(pipeline):
    claims, _ = claims_of(pipeline, "Grant had argued that Lee would cut pensions, a charge he denied.")
    assert [(c.kind, c.source_text, c.cue) for c in claims] == [("attributed", "Grant", "argued")]
    assert claims[0].text.startswith("Lee would cut pensions")


def test_apposition_after_the_content_is_the_reporters(pipeline):
    claims, _ = claims_of(pipeline, "Grant had argued that Lee would cut pensions, a charge he denied.")
    assert rows(claims) == [("attributed", "Grant", "argued", "Lee would cut pensions")]


def test_possessive_before_a_cue_noun(pipeline):
    claims, _ = claims_of(pipeline, "The mayor renewed his appeal for federal aid.")
    assert rows(claims) == reported("The mayor renewed his appeal for federal aid.")


def test_bare_weekday_and_to_after_a_cue(pipeline):
    claims, _ = claims_of(pipeline, "The senator conceded Wednesday to her challenger.")
    assert rows(claims) == reported("The senator conceded Wednesday to her challenger.")
    claim = one(pipeline, "The minister said Tuesday that the talks had failed.")
    assert claim.text == "the talks had failed"


def test_demonstrative_that_is_not_a_clause(pipeline):
    claims, _ = claims_of(pipeline, "The government disputes that view.")
    assert rows(claims) == reported("The government disputes that view.")


def test_told_outlet_then_a_bare_clause(pipeline):
    claim = one(pipeline, "A nurse told the BBC she had worked three shifts in a row.")
    assert claim.source_text == "A nurse" and claim.text == "she had worked three shifts in a row"
    assert ("BBC", "told") in [(r.mention, r.relation) for r in claim.relays]


def test_reporter_clause_before_an_attribution_is_a_reported_claim(pipeline):
    text = ("The talks collapsed on Monday after the union walked out, and the minister said a deal was still "
            "possible.")
    claims = extract_claims(parse(text, [_paragraph(text)], pipeline), text)
    assert [(c.kind, c.source_text, c.text) for c in claims] == [
        ("reported", None, "The talks collapsed on Monday after the union walked out"),
        ("attributed", "the minister", "a deal was still possible"),
    ]


def _paragraph(text):
    from claimarchive.model import Segment

    return Segment("paragraph", 0, len(text))


def test_main_clause_before_a_participle_cue_is_the_reporters(parser):
    text = ("Hundreds of farmers blocked the main highway into the capital on Monday, saying fuel prices had "
            "doubled in a year.")
    claims = extract_claims(parse(text, [_paragraph(text)], parser), text)
    assert [(c.kind, c.source_text, c.text) for c in claims][0] == (
        "reported", None, "Hundreds of farmers blocked the main highway into the capital on Monday")
    assert claims[1].kind == "attributed" and claims[1].text == "fuel prices had doubled in a year"


# ------------------------------------------------------------ rules path (blank pipeline): word orders by token shape

@pytest.fixture(scope="module")
def blank():
    return load("blank")


@pytest.mark.parametrize("sentence,source,cue,content", [
    ("The opposition claimed during the campaign that the count had been rigged.",
     "The opposition", "claimed", "the count had been rigged"),
    ("The minister said at a news conference in the capital on Monday that prices would fall.",
     "The minister", "said", "prices would fall"),
    ("The coach argued after the match that the referee had been biased.",
     "The coach", "argued", "the referee had been biased"),
    ("The agency said on its website late on Thursday that the launch had been delayed.",
     "The agency", "said", "the launch had been delayed"),
], ids=["during", "at-in-on", "after", "late-on"])
def test_rules_cue_then_adverbial_then_that(blank, sentence, source, cue, content):
    claim = one(blank, sentence)
    assert (claim.source_text, claim.cue, claim.text) == (source, cue, content)


def test_rules_relative_that_after_an_adverbial_is_not_the_content(blank):
    sentence = "The governor spoke at the meeting that was held in the town hall on Monday."
    claims, _ = claims_of(blank, sentence)
    assert rows(claims) == reported(sentence)


@pytest.mark.parametrize("sentence,source,cue,content", [
    ("The regulator fined the bank on Tuesday, saying that it had misled savers.",
     "The regulator", "saying", "it had misled savers"),
    ("Dock workers stopped loading ships in three ports, warning that wages had fallen behind prices.",
     "Dock workers", "warning", "wages had fallen behind prices"),
    ("The firm cut its sales target, adding that demand in Europe had weakened.",
     "The firm", "adding", "demand in Europe had weakened"),
    ("The council raised parking fees by a third and said the money would go to bus routes.",
     "The council", "said", "the money would go to bus routes"),
], ids=["saying", "warning", "adding-det", "and-said"])
def test_rules_participle_cue_after_a_main_clause_takes_its_subject(blank, sentence, source, cue, content):
    claims, _ = claims_of(blank, sentence)
    attributed_ = [c for c in claims if c.source_text]
    assert [(c.source_text, c.cue, c.text) for c in attributed_] == [(source, cue, content)]


def test_rules_participle_after_a_fronted_phrase_has_no_guessed_source(blank):
    sentence = "In the north of the country, the roads were closed, saying nothing of the rail lines."
    claims, _ = claims_of(blank, sentence)
    assert rows(claims) == reported(sentence)


@pytest.mark.parametrize("sentence,source,content", [
    ("Jonas Keller, who has run the port authority since 2018, said the new cranes would arrive in May.",
     "Jonas Keller", "the new cranes would arrive in May"),
    ("Dr Priya Raman, a virologist at a hospital in Leeds who was not part of the trial, said the data looked solid.",
     "Dr Priya Raman", "the data looked solid"),
    ("The water board, which manages three reservoirs in the region, warned that supplies could run out.",
     "The water board", "supplies could run out"),
], ids=["who", "apposition-who", "which"])
def test_rules_source_before_an_aside_with_a_relative_clause(blank, sentence, source, content):
    claim = one(blank, sentence)
    assert (claim.source_text, claim.text) == (source, content)


@pytest.mark.parametrize("sentence,source", [
    ("The harvest will be late this year, said the head of the farm union, Piet de Vries.",
     "the head of the farm union, Piet de Vries"),
    ("“Nobody warned us,” said a spokesman for the airport, Omar Haddad, on Friday.",
     "a spokesman for the airport, Omar Haddad"),
], ids=["plain", "quote"])
def test_rules_inverted_source_keeps_the_name_in_apposition(blank, sentence, source):
    assert one(blank, sentence).source_text == source


@pytest.mark.parametrize("sentence,source,content", [
    ("The new toll, the transport minister said, would be charged from March.",
     "the transport minister", "The new toll, the transport minister said, would be charged from March"),
    ("Rents, she said, had risen by a third in two years.", "she", "Rents, she said, had risen by a third in two years"),
    ("The deal is dead, he said, because the buyers walked away.", "he", "The deal is dead"),
], ids=["would", "had", "because"])
def test_rules_source_and_cue_inside_the_content(blank, sentence, source, content):
    claim = one(blank, sentence)
    assert (claim.source_text, claim.text) == (source, content)


@pytest.mark.parametrize("sentence,source,content,relay", [
    ("The coach told the club's radio station, Radio Nord, that he would stay.", "The coach", "he would stay",
     "Radio Nord"),
    ("The premier told parliament on Thursday the budget would be balanced by 2027.", "The premier",
     "the budget would be balanced by 2027", None),
], ids=["apposition", "weekday"])
def test_rules_told_an_addressee_then_the_clause(blank, sentence, source, content, relay):
    claim = one(blank, sentence)
    assert (claim.source_text, claim.text) == (source, content)
    assert [r.mention for r in claim.relays if r.relation == "told"] == ([relay] if relay else [])


def test_rules_quote_then_title_and_name_before_the_cue(blank):
    claim = one(blank, "“The wells are dry,” the district officer, Lena Holm, said on Monday.")
    assert (claim.source_text, claim.text) == ("Lena Holm", "The wells are dry")


@pytest.mark.parametrize("sentence,source,content", [
    ("The governor, speaking after a visit to the flooded towns, said the army would help.",
     "The governor", "the army would help"),
    ("An aide to the mayor, speaking on condition of anonymity, told reporters the vote had been delayed.",
     "An aide to the mayor", "the vote had been delayed"),
], ids=["speaking-said", "speaking-told-reporters"])
def test_rules_source_before_a_participle_aside(blank, sentence, source, content):
    claim = one(blank, sentence)
    assert (claim.source_text, claim.text) == (source, content)


def test_rules_possessive_apostrophe_stays_in_the_source(blank):
    claim = one(blank, "Ticket prices will rise by 8% in April, the drivers' union said.")
    assert (claim.source_text, claim.text) == ("the drivers' union", "Ticket prices will rise by 8% in April")


@pytest.mark.parametrize("sentence,source,cue,content", [
    ("The port’s harbour master says about 40 ships are waiting offshore.",
     "The port’s harbour master", "says", "about 40 ships are waiting offshore"),
    ("The Green Party, known locally by its old name, said its vote had doubled.",
     "The Green Party", "said", "its vote had doubled"),
    ("The tenants, a group of pensioners and the local housing trust, had argued that the rent rise was unlawful.",
     "The tenants", "argued", "the rent rise was unlawful"),
    ("Bakers have long complained that flour prices are rigged.", "Bakers", "complained", "flour prices are rigged"),
    ("He stressed, however, that the fund was not yet empty.", "He", "stressed", "the fund was not yet empty"),
    ("The ruling coalition, however, insisted that the census was accurate.",
     "The ruling coalition", "insisted", "the census was accurate"),
    ("Pupils of the village school, where the roof fell in last winter, said lessons were held in a tent.",
     "Pupils of the village school", "said", "lessons were held in a tent"),
    ("Kovac said after the ruling that he would run again.", "Kovac", "said", "he would run again"),
    ("A board of judges and lawyers, which met for a month, wrote in its 50-page review that 12 verdicts were unsafe.",
     "A board of judges and lawyers", "wrote", "12 verdicts were unsafe"),
], ids=["approximator", "known-by", "apposition-and", "have-long", "cue-however", "source-however", "where",
        "after-the-ruling", "hyphen-compound"])
def test_rules_asides_and_adverbs_around_the_cue(blank, sentence, source, cue, content):
    claim = one(blank, sentence)
    assert (claim.source_text, claim.cue, claim.text) == (source, cue, content)


def test_rules_hyphenated_subject_before_a_participle_cue(blank):
    claims, _ = claims_of(blank, "The pro-Kremlin party blocked the vote on Friday, saying the rules had been broken.")
    assert [(c.source_text, c.text) for c in claims if c.source_text] == [
        ("The pro-Kremlin party", "the rules had been broken")]


@pytest.mark.parametrize("sentence,source,content", [
    ("Rescuers pulled 11 people from the rubble overnight, the fire service said on its Facebook page.",
     "the fire service", "Rescuers pulled 11 people from the rubble overnight"),
    ("The motion carried by 201 votes to 180, the speaker announced shortly after midnight.",
     "the speaker", "The motion carried by 201 votes to 180"),
], ids=["on-page", "shortly-after"])
def test_rules_content_first_with_a_trailing_adverbial(blank, sentence, source, content):
    claim = one(blank, sentence)
    assert (claim.source_text, claim.text) == (source, content)


@pytest.mark.parametrize("sentence,source,content", [
    ("The figure was disputed by the nurses' union, which said in a statement that 900 posts were unfilled.",
     "the nurses' union", "900 posts were unfilled"),
    ("The plan was backed by Ana Ruiz, who said that it would save lives.", "Ana Ruiz", "it would save lives"),
    ("He met the ambassador, who said the embassy would stay open.", "the ambassador", "the embassy would stay open"),
], ids=["which", "who-name", "who-article"])
def test_rules_relative_pronoun_source_is_its_antecedent(blank, sentence, source, content):
    claim = one(blank, sentence)
    assert (claim.source_text, claim.text) == (source, content)


def test_rules_said_nothing_and_member_states_are_not_claims(blank):
    claims, _ = claims_of(blank, "The fire began in a warehouse, which said nothing. "
                                 "The envoy met a group of member states \"to discuss the fund\".")
    assert rows(claims) == [("reported", None, None, "The fire began in a warehouse, which said nothing"),
                            ("reported", None, None, 'The envoy met a group of member states "to discuss the fund"')]


def test_rules_source_with_a_time_phrase_after_since(blank):
    claim = one(blank, "A video viewed two million times on TikTok since Monday claims that the bridge was blown up.")
    assert claim.source_text == "A video viewed two million times on TikTok since Monday"
    assert claim.text == "the bridge was blown up"


def test_rules_cue_inside_another_cues_adverbial_is_no_claim(blank):
    claim = one(blank, "The envoy told Al Jazeera in an interview broadcast on Sunday that a truce was close.")
    assert (claim.source_text, claim.cue, claim.text) == ("The envoy", "told", "a truce was close")
    assert [r.mention for r in claim.relays if r.relation == "told"] == ["Al Jazeera"]


def test_rules_place_after_the_addressee_is_no_relay(blank):
    claim = one(blank, "The mayor told reporters at City Hall on Monday evening that the curfew would end.")
    assert (claim.source_text, claim.text) == ("The mayor", "the curfew would end")
    assert claim.relays == []


# ------------------------------------------------------------ extractor v2: damaged copy and the error types it closes

@pytest.mark.parametrize("sentence,source,content", [
    ("Among the dead were three children the monitor said.", "the monitor", "Among the dead were three children"),
    ("Air strikes killed at least 19 people on Sunday the Syrian Observatory for Human Rights said, in one of the "
     "deadliest attacks this year.", "the Syrian Observatory for Human Rights",
     "Air strikes killed at least 19 people on Sunday"),
    ("Government forces shelled the town overnight it said.", "it", "Government forces shelled the town overnight"),
    ("Twelve civilians were killed in the strikes rescuers said.", "rescuers",
     "Twelve civilians were killed in the strikes"),
    ("In a 60-page decision the Environment Agency found that the utility had misled inspectors.",
     "the Environment Agency", "the utility had misled inspectors"),
    ("The Britain-based Observatory which relies on sources on the ground said Russian jets carried out the raids.",
     "The Britain-based Observatory", "Russian jets carried out the raids"),
    ("A resident who asked not to be named said the shelling lasted all night.", "A resident",
     "the shelling lasted all night"),
], ids=["children-the-monitor", "sunday-the-observatory", "it-said", "plural-then-source", "fronted-phrase",
        "relative-without-commas", "who-asked-not-to-be-named"])
def test_attribution_whose_commas_were_stripped(pipeline, sentence, source, content):
    claim = one(pipeline, sentence)
    assert (claim.source_text, claim.text) == (source, content)
    assert claim.certainty == "asserted"


def test_possessive_that_lost_its_apostrophe(parser):
    from claimarchive.nlp import parse as parse_body

    body = "Test article headline for the extractor\n\nSyrias defence ministry said its forces had hit Idlib. " \
           "Syria denies it.\n"
    doc = [p for p in parse_body(body, find_segments(body), parser) if p.kind == "paragraph"][0].doc
    assert [(t.text, t.norm_, t.dep_) for t in doc[:3]] == [("Syria", "syria", "poss"), ("s", "'s", "case"),
                                                            ("defence", "defense", "compound")]
    assert doc.text == body.splitlines()[2]  # the characters as written
    assert one(parser, "Syrias defence ministry said its forces had hit Idlib.").source_text == "Syrias defence ministry"


@pytest.mark.parametrize("line", [
    "Government forces shelled the town overnight, the Britain-based monitor said.",
    "Government forces shelled the town overnight, said the Observatory.",
    "Government forces shelled the town overnight, state media reported.",
    "Government forces shelled the town overnight, the group said in a statement on Telegram.",
    "Government forces shelled the town overnight, a war monitor said Sunday.",
    "Government forces shelled the town overnight, a military official told AFP on condition of anonymity.",
    "Government forces shelled the town overnight, the monitor said, citing sources on the ground.",
    "Government forces shelled the town overnight killing at least 12 civilians the Observatory said.",
    "The army shelled the town overnight, the Syrian Observatory for Human Rights, a UK-based war monitor, said.",
    "The army shelled the town overnight according to activists.",
    "The army shelled the town overnight, a resident who asked not to be named said.",
    "At least 12 people died, the health ministry said in a statement.",
])
def test_trailing_attribution_is_never_a_reported_claim(pipeline, line):
    claims, _ = claims_of(pipeline, line)
    assert [c.kind for c in claims] == ["attributed"], rows(claims)
    assert claims[0].text.split()[:2] in (["Government", "forces"], ["The", "army"], ["At", "least"])


def test_unbalanced_quote_leaves_the_later_quotes_paired(pipeline):
    claims = attributed(pipeline, 'The "rebels took the town, he said. "We will hold it," the commander said. '
                                  '"Nobody will take it back."')
    assert [(c.source_text, c.text.split(",")[0], c.is_quote) for c in claims] == [
        ("he", 'The "rebels took the town', True), ("the commander", 'We will hold it', True)]
    assert claims[1].text.endswith("Nobody will take it back.")
    inner = [q for q in find_quotes('A "stray mark. "One," he said. "Two."')]
    assert [(q.closed, 'A "stray mark. "One," he said. "Two."'[q.inner_start:q.inner_end]) for q in inner] == [
        (False, "stray mark."), (True, "One"), (True, "Two.")]


def test_doubled_apostrophes_are_quote_marks(pipeline):
    text = "Local campaigner Ben Oyelaran called the vote ''a betrayal of the fishing families'' on Friday."
    assert [text[q.inner_start:q.inner_end] for q in find_quotes(text)] == ["a betrayal of the fishing families"]
    claim = one(pipeline, text)
    assert claim.is_quote and claim.cue == "called" and "a betrayal" in claim.text


def test_a_question_quote_belongs_to_its_asked(pipeline):
    claims = attributed(pipeline, "“Who will pay for the dredging?” asked Tom Walsh, a fisherman. "
                                  "“Not the developers.”")
    assert [(c.source_text, c.cue, c.is_quote) for c in claims] == [("Tom Walsh", "asked", True)]
    assert claims[0].text.startswith("Who will pay for the dredging?") and claims[0].text.endswith("developers.")
    claim = one(pipeline, "“Why now?” she asked.")
    assert (claim.source_text, claim.text) == ("she", "Why now?")


@pytest.mark.parametrize("sentence,source,cue,content", [
    ("“Is this fair?” asked the farmer.", "the farmer", "asked", "Is this fair?"),
    ("“Get out of my house!” shouted the farmer.", "the farmer", "shouted", "Get out of my house!"),
    ("“Go home!” yelled a police officer, waving his baton.", "a police officer", "yelled", "Go home!"),
    ("“We will not leave!” the protesters chanted.", "the protesters", "chanted", "We will not leave!"),
], ids=["asked-inverted", "shouted-inverted", "yelled-with-a-participle", "chanted"])
def test_a_quote_ending_in_a_question_or_exclamation_mark_keeps_its_cue(pipeline, sentence, source, cue, content):
    claim = one(pipeline, sentence)
    assert (claim.source_text, claim.cue, claim.text, claim.is_quote) == (source, cue, content, True)


def test_said_at_least_is_a_clause_not_a_place(pipeline):
    claim = one(pipeline, "She said at least three people from her village had been killed.")
    assert (claim.source_text, claim.text) == ("She", "at least three people from her village had been killed")


def test_a_continuation_quote_joins_the_claim_it_follows_in_a_long_paragraph(pipeline):
    claims = attributed(pipeline, '"The water came at night," the farmer said. "We lost every animal." '
                                  'The mayor said the town would rebuild the levee. Officials said aid would arrive.')
    assert [c.source_text for c in claims] == ["the farmer", "The mayor", "Officials"]
    assert claims[0].text.startswith("The water came at night") and "every animal" in claims[0].text
    claims = attributed(pipeline, 'The mayor said the levee would be rebuilt. "It failed twice," the engineer said. '
                                  '"It will not fail again." Officials said aid would arrive on Monday.')
    assert [(c.source_text, "fail again" in c.text) for c in claims] == [
        ("The mayor", False), ("the engineer", True), ("Officials", False)]


@pytest.mark.parametrize("sentence,source,cue,content,certainty", [
    ("“Where is the money?” the farmer asked.", "the farmer", "asked", "Where is the money?", "asserted"),
    ("The department issued a statement saying the agreement would restore confidence.", "The department", "saying",
     "the agreement would restore confidence", "asserted"),
    ("The state election office released a statement saying no voter would be removed.",
     "The state election office", "saying", "no voter would be removed", "asserted"),
    ("Former president Donald Trump warned of Russian efforts to sway the race.", "Former president Donald Trump",
     "warned", "Russian efforts to sway the race", "asserted"),
    ("The Justice Department announced a settlement with the state on Monday.", "The Justice Department",
     "announced", "a settlement with the state on Monday", "asserted"),
    ("Trump claimed to have voted early in the primary.", "Trump", "claimed", "to have voted early in the primary",
     "asserted"),
    ("The White Helmets put the toll far higher, at 27 dead.", "The White Helmets", "put",
     "the toll far higher, at 27 dead", "asserted"),
    ("The monitor put the death toll at 31.", "The monitor", "put", "the death toll at 31", "asserted"),
    ("The government rejected the figure as propaganda.", "The government", "rejected", "the figure as propaganda",
     "denied"),
    ("State news agency SANA rejected the figure.", "State news agency SANA", "rejected", "the figure", "denied"),
    ("Early data suggests the outbreak is slowing.", "Early data", "suggests", "the outbreak is slowing", "hedged"),
    ("The data showed unemployment rose to 5.2% in March.", "The data", "showed", "unemployment rose to 5.2% in March",
     "asserted"),
], ids=["asked", "issued-a-statement-saying", "released-a-statement-saying", "warned-of", "announced-a-settlement",
        "claimed-to-have", "put-the-toll-higher", "put-the-toll-at", "rejected-the-figure-as", "rejected-the-figure",
        "suggests-without-that", "showed-without-that"])
def test_cues_and_frames_missing_before(pipeline, sentence, source, cue, content, certainty):
    claim = one(pipeline, sentence)
    assert (claim.source_text, claim.cue, claim.text, claim.certainty) == (source, cue, content, certainty)


@pytest.mark.parametrize("sentence,source,content", [
    ("The council raised parking fees by a third and said the money would go to bus routes.", "The council",
     "the money would go to bus routes"),
    ("He has backed the rebels and said that the offensive would not stop.", "He", "the offensive would not stop"),
    ("The strikes came a week after shelling which the junta said had killed 11 civilians.", "the junta",
     "had killed 11 civilians"),
    ("Rebels seized the town, which the army said had been cleared of fighters in May.", "the army",
     "had been cleared of fighters in May"),
], ids=["did-A-and-said-B", "has-backed-and-said-that", "relative-which-X-said", "relative-after-a-comma"])
def test_the_subject_of_a_second_verb_and_of_a_cue_in_a_relative_clause(pipeline, sentence, source, content):
    found = attributed(pipeline, sentence)
    assert [(c.source_text, c.text) for c in found] == [(source, content)]


@pytest.mark.parametrize("sentence,source,content", [
    ("The Teachers Union, which represents most of the staff, welcomed the offer but said it came far too late.",
     "The Teachers Union", "it came far too late"),
    ("Several hundred farmers, most of them from the north, blocked the road on Monday, saying fuel prices had "
     "doubled.", "Several hundred farmers", "fuel prices had doubled"),
], ids=["aside-then-did-A-but-said-B", "aside-then-saying"])
def test_the_subject_before_an_aside_speaks_for_its_second_verb(pipeline, sentence, source, content):
    assert [(c.source_text, c.text) for c in attributed(pipeline, sentence)] == [(source, content)]


def test_a_list_of_subjects_is_not_cut_at_its_first_comma(blank):
    claims = attributed(blank, "Britain, France and Germany blocked the motion, saying it was premature.")
    assert [c.source_text for c in claims] != ["Britain"]


@pytest.mark.parametrize("sentence,source,content", [
    ("Thousands of workers, most of them from Lagos, Ibadan and Kano, marched on Monday, saying wages had not been "
     "paid.", "Thousands of workers", "wages had not been paid"),
    ("Hundreds of fishermen, most of them from Galle, Matara and Tangalle, took to the sea on Monday, saying fuel was "
     "too dear.", "Hundreds of fishermen", "fuel was too dear"),
], ids=["list-inside-the-aside", "irregular-past-after-the-aside"])
def test_the_main_clause_before_saying_past_an_aside_with_a_list(pipeline, sentence, source, content):
    claims, _ = claims_of(pipeline, sentence)
    assert [(c.kind, c.source_text, c.text) for c in claims] == [
        ("reported", None, sentence.split(", saying")[0]), ("attributed", source, content)]


def test_no_sentence_starts_after_an_abbreviation_and_its_comma(blank):
    from claimarchive.nlp import load as load_nlp

    doc = load_nlp("blank")("Two bakeries in London, Ont., said they would close by the end of the year.")
    assert len(list(doc.sents)) == 1
    assert [c.text for c in attributed(blank, doc.text)] == ["they would close by the end of the year"]


def test_the_subject_of_saying_is_never_a_dateline(pipeline):
    text = "WASHINGTON (AFP) Farmers blocked roads into the capital on Monday, saying fuel prices had doubled."
    claims, body = claims_of(pipeline, text)
    assert [(c.kind, c.source_text, c.text) for c in claims] == [
        ("reported", None, "Farmers blocked roads into the capital on Monday"),
        ("attributed", "Farmers", "fuel prices had doubled")]
    segments = [(s.kind, body[s.start:s.end]) for s in find_segments(body)]
    assert ("dateline", "WASHINGTON (AFP)") in segments


@pytest.mark.parametrize("headline,source,cue,content", [
    ("Trump Warns Of Russian Efforts To Sway Senate Race", "Trump", "Warns", "Russian Efforts To Sway Senate Race"),
    ("Rebels Say They Have Entered Outskirts Of Hama", "Rebels", "Say", "They Have Entered Outskirts Of Hama"),
    ("Floods Kill 12 In Northern Province, Officials Say", "Officials", "Say", "Floods Kill 12 In Northern Province"),
    ("Japanese carmaker admits falsifying crash-test data", "Japanese carmaker", "admits", "falsifying crash-test data"),
])
def test_title_case_headlines_are_read_as_sentences(pipeline, headline, source, cue, content):
    claims, _ = claims_of(pipeline, "The minister spoke in the capital on Monday about the plans.", headline=headline)
    assert [(c.kind, c.source_text, c.cue, c.text) for c in claims if c.kind == "headline"] == [
        ("headline", source, cue, content)]


def test_recasing_keeps_names_and_the_headlines_characters():
    from claimarchive.nlp import Words, recase

    body = "Trump Warns Of Russian Efforts\n\nFormer president Donald Trump warned on Tuesday.\n"
    words = Words(body, [type("S", (), {"start": 0, "end": 30})()])
    assert recase("Trump Warns Of Russian Efforts", words) == "Trump warns of russian efforts"
    assert recase("Floods hit three towns in the north", words) == "Floods hit three towns in the north"


def test_a_non_answer_is_no_denial(pipeline):
    for sentence in ("The ministry has not said how many people died in the attack.",
                     "The army has not said when the road will reopen.",
                     "A spokesman declined to say whether the talks would resume."):
        claims, _ = claims_of(pipeline, sentence)
        assert rows(claims) == reported(sentence)


def test_could_not_be_verified_marks_the_claim_it_is_about(pipeline):
    claims, _ = claims_of(pipeline, "Rebel commanders told Reuters they had captured the airport. Reuters could not "
                                    "independently verify the claims.\n\nRescuers pulled two children from the "
                                    "rubble.\n\nThe footage could not be independently verified.")
    assert [(c.kind, c.source_text, c.verification) for c in claims] == [
        ("attributed", "Rebel commanders", "not_confirmed"), ("reported", None, "not_confirmed")]


def test_a_headline_takes_no_source_from_another_sentence(pipeline):
    claims, _ = claims_of(pipeline, "The minister said the plan would fail.\n\n“It is over,” she said.",
                          headline="“The Plan Is Dead”")
    assert [(c.kind, c.source_text) for c in claims] == [
        ("headline", None), ("attributed", "The minister"), ("attributed", "she")]


def test_rules_source_after_the_cue_in_a_later_sentence(blank):
    """The rules path once compared a doc index with a sentence's length: an inverted source was lost in every
    sentence but a paragraph's first."""
    claims = attributed(blank, "The bridge is closed. The harvest will be late this year, said Piet de Vries. "
                               "Prices will rise, said the head of the farm union, Anna Berg.")
    assert [(c.source_text, c.text) for c in claims] == [
        ("Piet de Vries", "The harvest will be late this year"),
        ("the head of the farm union, Anna Berg", "Prices will rise")]


# ------------------------------------------------------------ the frames table and the vetoes

@pytest.fixture
def frames(monkeypatch):
    """The frames table, fresh, so that a test may register a row in it."""
    from claimarchive.extract import frames as F

    table = F.Frames(F.FRAMES)
    monkeypatch.setattr(F, "TABLE", table)
    return table


def test_a_cue_verb_is_one_row_of_the_frames_table(pipeline, frames):
    sentence = "The minister blorfed that the bridge would close, and critics blorfed the plan was a waste."
    claims, _ = claims_of(pipeline, sentence)
    assert rows(claims) == reported(sentence)
    frames.register("blorf", "that bare first")  # a made-up verb: "that"- and bare clauses, content first
    assert [(c.source_text, c.cue, c.cue_lemma, c.text) for c in attributed(pipeline, sentence)] == [
        ("The minister", "blorfed", "blorf", "the bridge would close"),
        ("critics", "blorfed", "blorf", "the plan was a waste")]
    claim = one(pipeline, "The bridge will close in June, the minister blorfed.")
    assert (claim.source_text, claim.text) == ("the minister", "The bridge will close in June")


def test_adding_a_cue_verb_is_one_line_of_frames_yml(pipeline, monkeypatch):
    """One line added under ``frames:`` in claimarchive/extract/frames.yml, nothing else, and both paths read the
    new cue."""
    from pathlib import Path

    import yaml

    from claimarchive.extract import frames as F

    text = (Path(F.__file__).parent / "frames.yml").read_text(encoding="utf-8")
    assert text.count("\nframes:\n") == 1
    sentence = "The harbour master grompled that the pier would reopen in May."
    assert [c.kind for c in claims_of(pipeline, sentence)[0]] == ["reported"]
    edited = text.replace("\nframes:\n", "\nframes:\n  gromple: speech\n")
    monkeypatch.setattr(F, "TABLE", F.Frames(yaml.safe_load(edited)["frames"]))
    claim = one(pipeline, sentence)
    assert (claim.source_text, claim.cue_lemma, claim.text) == ("The harbour master", "gromple",
                                                                "the pier would reopen in May")


def test_a_frame_says_what_a_cue_takes(pipeline, frames):
    frames.register("grumble", "about")  # only a prepositional object
    claim = one(pipeline, "The farmers grumbled about the new water charges.")
    assert (claim.source_text, claim.cue, claim.text) == ("The farmers", "grumbled", "the new water charges")
    claims, _ = claims_of(pipeline, "The farmers grumbled that the charges were unfair.")
    assert [c.kind for c in claims] == ["reported"]


def test_frames_rows_are_well_formed():
    from claimarchive.extract import frames as F

    kinds = {"that", "bare", "quote", "first", "obj", "fact", "count", "inf", "gerund", "naming", "as", "according"}
    for lemma, frame in F.TABLE.rows.items():
        assert frame.takes - kinds <= F.PREPOSITIONS, (lemma, frame.takes)
        assert frame.takes or frame.flags & {"noun", "passive"}, lemma
    assert F.TABLE.forms["said"] == "say" and F.TABLE.forms["told"] == "tell" and F.TABLE.forms["rebutted"] == "rebut"


@pytest.mark.parametrize("name", sorted(__import__("claimarchive.extract.passes", fromlist=["VETOES"]).VETOES))
def test_each_veto_is_worth_its_example(name, monkeypatch):
    """With its veto the example is read right; with the veto switched off (CLAIMARCHIVE_VETOES_OFF) at least one path
    reads it wrong: no veto is dead weight."""
    from claimarchive.extract.passes import VETOES

    example = VETOES[name].example
    wrong = 0
    for nlp in (load(), load("blank")):
        monkeypatch.setenv("CLAIMARCHIVE_VETOES_OFF", "")
        right = attributed(nlp, example)
        monkeypatch.setenv("CLAIMARCHIVE_VETOES_OFF", name)
        off = attributed(nlp, example)
        assert len(off) >= len(right)
        wrong += len(off) > len(right)
    assert wrong, f"the {name!r} veto changes nothing on its example"


def test_all_vetoes_off_still_extracts(pipeline, monkeypatch):
    monkeypatch.setenv("CLAIMARCHIVE_VETOES_OFF", "all")
    claims = attributed(pipeline, "Eurostar said it had cancelled 12 trains, while services to Brussels were running, "
                                  "the operator said. Two aides said the governor had urged lawmakers to drop the bill.")
    assert {c.source_text for c in claims} >= {"Eurostar", "the operator", "Two aides"}


@pytest.mark.parametrize("sentence,source,relay", [
    ("A military source quoted by state news agency SANA said the army had repelled an attack.", "A military source",
     "state news agency SANA"),
    ("An official cited by the Tasnim news agency said the talks would resume.", "An official", "Tasnim news agency"),
])
def test_a_source_quoted_by_an_outlet_is_the_source_and_the_outlet_its_relay(pipeline, sentence, source, relay):
    claim = one(pipeline, sentence)
    assert claim.source_text == source
    assert [(r.relation, r.mention) for r in claim.relays] == [("quoted_by", relay)]


@pytest.mark.parametrize("sentence,expected", [
    ("The Health Ministry in Damascus said the death toll had risen to 1,414, state media reported.",
     ("The Health Ministry in Damascus", "the death toll had risen to 1,414", [("reported_by", "state media")])),
    ("In March 2019, the reconciliation centre said militants had staged a similar video, the agency recalls.",
     ("the reconciliation centre", "militants had staged a similar video", [("reported_by", "the agency")])),
    ("Two aides said the governor had urged lawmakers to drop the bill, the newspaper reported.",
     ("Two aides", "the governor had urged lawmakers to drop the bill", [("reported_by", "the newspaper")])),
    # an outlet reporting what happened, and a speaker (no outlet) saying someone pledged: no relay
    ("Police arrested three men on Friday, local media reported.", ("local media", "Police arrested three men on Friday",
                                                                   [])),
    ("The governor pledged new funding for the clinics, the minister said.",
     ("the minister", "The governor pledged new funding for the clinics", [])),
])
def test_an_attribution_an_outlet_reports_is_the_speakers_relayed_by_the_outlet(pipeline, sentence, expected):
    claim = one(pipeline, sentence)
    assert (claim.source_text, claim.text, [(r.relation, r.mention) for r in claim.relays]) == expected
