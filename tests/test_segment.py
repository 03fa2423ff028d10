"""Finding the parts of a page: headline, paragraphs, captions, credits, furniture, bylines, datelines."""
import pytest

from claimarchive.segment import find_segments, is_furniture


def parts(body):
    return [(s.kind, body[s.start:s.end]) for s in find_segments(body)]


def test_headline_paragraphs_and_end_of_article_furniture():
    body = ("Storm Floods Coastal Towns\n\n"
            "Heavy rain flooded three towns on Sunday, officials said.\n\n"
            "Rescue teams worked through the night to reach stranded residents.\n\n"
            "Share this:\n\nFacebook\n\nTwitter\n\n"
            "Jane Roe has covered the coast for ten years and writes about weather and climate for the site.\n\n"
            "Leave a Reply\n\nYour email address will not be published. Required fields are marked *\n")
    assert parts(body) == [
        ("headline", "Storm Floods Coastal Towns"),
        ("paragraph", "Heavy rain flooded three towns on Sunday, officials said."),
        ("paragraph", "Rescue teams worked through the night to reach stranded residents."),
        ("furniture", "Share this:"),
        ("furniture", "Facebook"),
        ("furniture", "Twitter"),
        ("furniture", "Jane Roe has covered the coast for ten years and writes about weather and climate for the site."),
        ("furniture", "Leave a Reply"),
        ("furniture", "Your email address will not be published. Required fields are marked *"),
    ]


def test_caption_block_with_glued_agency_credit_and_trailing_credit():
    body = ("Ceasefire Holds\n\n"
            "The truce held for a second day.\n\n"
            "ReutersSoldiers patrol a street in the old town\n"
            "Residents return to their homes after the fighting. Photo: Getty Images\n\n"
            "Talks resume next week.\n")
    assert parts(body) == [
        ("headline", "Ceasefire Holds"),
        ("paragraph", "The truce held for a second day."),
        ("credit", "Reuters"),
        ("caption", "Soldiers patrol a street in the old town"),
        ("caption", "Residents return to their homes after the fighting."),
        ("credit", "Photo: Getty Images"),
        ("paragraph", "Talks resume next week."),
    ]


def test_agency_as_sentence_subject_is_not_a_credit():
    body = "Title\n\nReuters reported that the talks had stalled.\n\nAFP said the same.\n"
    assert [k for k, _ in parts(body)] == ["headline", "paragraph", "paragraph"]


def test_alt_text_line_is_caption_and_short_title_case_line_is_subheading():
    body = "Title\n\nThe vote was close.\n\nmap of the district results\n\nWhat Happens Next\n\nA recount is due.\n"
    assert parts(body)[2:4] == [("caption", "map of the district results"), ("subheading", "What Happens Next")]


def test_byline_and_wire_dateline():
    body = ("Central Bank Holds Rates\n\nBy Maria Gonzalez and Tom Hale\n\n"
            "FRANKFURT, March 7 (Reuters) - The European Central Bank kept rates unchanged on Thursday.\n")
    assert parts(body) == [
        ("headline", "Central Bank Holds Rates"),
        ("byline", "By Maria Gonzalez and Tom Hale"),
        ("dateline", "FRANKFURT, March 7 (Reuters) -"),
        ("paragraph", "The European Central Bank kept rates unchanged on Thursday."),
    ]


def test_offsets_point_into_the_body_and_nothing_is_lost():
    body = "  Title  \n\nFirst paragraph here.\n\nRelated Posts\n\nSomething else entirely.\n"
    segments = find_segments(body)
    covered = "".join(body[s.start:s.end] for s in segments)
    assert covered.replace(" ", "") == "".join(body.split())
    assert all(body[s.start:s.end] == body[s.start:s.end].strip() for s in segments)


def test_furniture_phrase_early_in_article_marks_only_its_line():
    body = ("Title\n\nAdvertisement\n\nThe minister resigned on Monday after weeks of pressure from her party.\n\n"
            "Her deputy will lead until a vote is held.\n\nMore details follow later today from the capital.\n")
    assert [k for k, _ in parts(body)] == ["headline", "furniture", "paragraph", "paragraph", "paragraph"]


def test_wire_credits_notices_breadcrumbs_and_about_box():
    body = ("Home » World » Europe\n\nPosted by Desk | May 2, 2025 | World | 0 Comments\n\n"
            "Port Workers Strike\n\n"
            "Dockworkers walked out on Monday over pay, their union said in a statement.\n\n"
            "About 300 ships were waiting offshore by the evening, the port authority said.\n\n"
            "(Reporting by Ana Ruiz; Editing by Tom Hale)\n\n"
            "AP writer Lee Chan contributed to this report.\n\n"
            "This article was amended on 3 May 2025 to correct the union's name.\n\n"
            "About Harbor Logistics\n\nHarbor Logistics runs terminals in six countries.\n")
    assert [k for k, _ in parts(body)] == ["furniture", "furniture", "headline", "paragraph", "paragraph",
                                           "credit", "credit", "furniture", "furniture", "furniture"]


def test_closing_bio_and_editorial_notes_are_furniture():
    body = ("Why the Reform Must Stay\n\n"
            "The mayor spoke to us in her office. The interview has been edited for length and clarity.\n\n"
            "Prices rose by a third last year, and wages did not keep up.\n\n"
            "Ana Ruiz is a senior fellow at the Centre for Urban Policy. The views expressed are her own.\n")
    assert parts(body) == [
        ("headline", "Why the Reform Must Stay"),
        ("paragraph", "The mayor spoke to us in her office."),
        ("furniture", "The interview has been edited for length and clarity."),
        ("paragraph", "Prices rose by a third last year, and wages did not keep up."),
        ("furniture", "Ana Ruiz is a senior fellow at the Centre for Urban Policy. The views expressed are her own."),
    ]


def test_a_name_is_a_sentence_early_in_the_article_is_text():
    body = ("New Chief Named\n\nMaria Lopez is a former finance minister and the new central bank governor.\n\n"
            "She starts in June.\n\nThe appointment was approved on Monday.\n")
    assert [k for k, _ in parts(body)] == ["headline", "paragraph", "paragraph", "paragraph"]


def test_press_release_and_agency_datelines():
    for line, dateline in [
        ("AUSTIN, Texas, Sept. 29, 2025 /PRNewswire/ -- Acme Corp announced a deal today.",
         "AUSTIN, Texas, Sept. 29, 2025 /PRNewswire/ --"),
        ("NAIROBI (AP) — Kenya's parliament passed the bill on Tuesday.", "NAIROBI (AP) —"),
        ("WASHINGTON — The Senate voted 52-48 to confirm the nominee.", "WASHINGTON —"),
        ("WASHINGTON (AFP) Former president Donald Trump warned of Russian efforts.", "WASHINGTON (AFP)"),
        ("IDLIB Syria (AFP) Air strikes on a market killed at least 19 people.", "IDLIB Syria (AFP)"),
    ]:
        body = "Title\n\n" + line + "\n"
        assert parts(body)[1] == ("dateline", dateline)
    assert [k for k, _ in parts("Title\n\nUS - China talks resumed in Geneva on Monday.\n")] == ["headline", "paragraph"]
    assert [k for k, _ in parts("Title\n\nNATO (the alliance) said on Monday it would send more jets.\n")] == [
        "headline", "paragraph"]


def test_a_one_line_story_with_a_furniture_sentence_keeps_its_news():
    body = ("DAMASCUS, SANA- Five civilians were killed on Monday when terrorists shelled a neighbourhood of Aleppo "
            "city with rocket shells, a source at the police command said. Follow us on Twitter and Telegram.\n")
    assert parts(body) == [
        ("dateline", "DAMASCUS, SANA-"),
        ("paragraph", "Five civilians were killed on Monday when terrorists shelled a neighbourhood of Aleppo city "
                      "with rocket shells, a source at the police command said."),
        ("furniture", "Follow us on Twitter and Telegram."),
    ]


def test_a_one_line_story_is_no_headline():
    body = "Air strikes killed 12 people in Idlib on Sunday, rescuers said, and the toll could rise.\n"
    assert [k for k, _ in parts(body)] == ["paragraph"]


def test_an_agency_story_opening_with_its_byline():
    body = ("By Suleiman Al-Khalidi BEIRUT (Reuters) - Air strikes killed 12 people in Idlib on Sunday, rescuers "
            "said.\n")
    assert parts(body) == [("byline", "By Suleiman Al-Khalidi"), ("dateline", "BEIRUT (Reuters) -"),
                           ("paragraph", "Air strikes killed 12 people in Idlib on Sunday, rescuers said.")]
    body = ("Strikes kill 12\n\nBy JANE DOE Associated Press BEIRUT (AP) — Air strikes killed 12 people in Idlib "
            "on Sunday, rescuers said, and the toll could rise.\n")
    assert [k for k, _ in parts(body)] == ["headline", "byline", "dateline", "paragraph"]


def test_a_credit_closing_a_paragraph_is_split_off():
    body = ("Strikes kill 12 in Idlib\n\nBEIRUT (AP) - Air strikes killed 12 people in Idlib on Sunday, rescuers "
            "said. AP writer Jane Doe in Beirut contributed to this report.\n")
    assert parts(body)[-2:] == [
        ("paragraph", "Air strikes killed 12 people in Idlib on Sunday, rescuers said."),
        ("credit", "AP writer Jane Doe in Beirut contributed to this report."),
    ]


def test_a_headline_run_into_a_furniture_phrase_keeps_its_news():
    body = ("Regime shelling kills 5 in Daraa Follow us on Twitter and Facebook for more news. Regime forces shelled "
            "the town of Tafas on Monday, killing five civilians, activists said.\n")
    assert parts(body) == [
        ("paragraph", "Regime shelling kills 5 in Daraa"),
        ("furniture", "Follow us on Twitter and Facebook for more news."),
        ("paragraph", "Regime forces shelled the town of Tafas on Monday, killing five civilians, activists said."),
    ]


def test_a_byline_on_its_own_line_and_a_datelined_line_are_no_headline():
    body = "By Jane Doe\nBEIRUT (AFP) - Air strikes killed 12 civilians in Idlib on Tuesday, a monitor said.\n"
    assert parts(body) == [("byline", "By Jane Doe"), ("dateline", "BEIRUT (AFP) -"),
                           ("paragraph", "Air strikes killed 12 civilians in Idlib on Tuesday, a monitor said.")]


def test_newsletter_boxes_copyright_notices_related_links_and_labelled_captions():
    body = ("Dam Repairs Delayed Again\n\n"
            "Engineers found new cracks in the spillway on Monday, the water board said.\n\n"
            "Image: Workers inspect the cracked spillway of the reservoir above the valley, March 4, 2026\n\n"
            "Photo: Lena Ortiz/Reuters\n\n"
            "RELATED: Water board approves emergency budget, chairman says\n\n"
            "Repairs are now expected to take until the autumn, a spokeswoman said. ENDITEM\n\n"
            "Want the week's regional stories? Get them delivered straight to your inbox.\n\n"
            "Subscribe to the Valley Morning Digest\n\n"
            "Copyright 2026 The Associated Press. This material may not be published, broadcast or rewritten.\n\n"
            "Reuters staff contributed reporting from Lisbon.\n")
    assert parts(body) == [
        ("headline", "Dam Repairs Delayed Again"),
        ("paragraph", "Engineers found new cracks in the spillway on Monday, the water board said."),
        ("caption", "Image: Workers inspect the cracked spillway of the reservoir above the valley, March 4, 2026"),
        ("credit", "Photo: Lena Ortiz/Reuters"),
        ("furniture", "RELATED: Water board approves emergency budget, chairman says"),
        ("paragraph", "Repairs are now expected to take until the autumn, a spokeswoman said."),
        ("furniture", "ENDITEM"),
        ("paragraph", "Want the week's regional stories?"),
        ("furniture", "Get them delivered straight to your inbox."),
        ("furniture", "Subscribe to the Valley Morning Digest"),
        ("furniture", "Copyright 2026 The Associated Press. This material may not be published, broadcast or rewritten."),
        ("credit", "Reuters staff contributed reporting from Lisbon."),
    ]


def test_an_about_the_author_line_ends_the_article_and_a_beat_bio_is_furniture():
    body = ("Clinic Hours Cut\n\n"
            "The county clinic will close on Saturdays from next month, its director said on Friday.\n\n"
            "Patients will be sent to the hospital in the next town, she said.\n\n"
            "Omar Haddad covers health and social care for the Northern Ledger.\n\n"
            "Sign up for our morning briefing\n\n"
            "About the author: The Northern Ledger is a nonprofit newsroom founded in 2019.\n\n"
            "Our staff are based in three counties and report on local government.\n")
    assert parts(body)[3:] == [
        ("furniture", "Omar Haddad covers health and social care for the Northern Ledger."),
        ("furniture", "Sign up for our morning briefing"),
        ("furniture", "About the author: The Northern Ledger is a nonprofit newsroom founded in 2019."),
        ("furniture", "Our staff are based in three counties and report on local government."),
    ]


@pytest.mark.parametrize("line,furniture", [
    ("For more information, please contact the press office.", True),
    ("Send tips to tips@valleyherald.example or call 555-0199.", True),
    ("Got a news tip? Write to us at desk@valleyherald.example.", True),
    ("Download the full report (PDF | 1.2 MB)", True),
    ("This service is offered to subscribers of the wire only. Please contact us for subscription options.", True),
    ("Our standards: how we report and correct our stories.", True),
    ("The agency will continue to monitor the situation and provide regular updates.", True),
    ("Police said they will continue to monitor the situation.", False),
    ("The report can be downloaded from the ministry's website, officials said.", False),
    ("He said he would contact the family of the victim on Monday.", False),
])
def test_contact_download_and_subscription_lines_are_furniture(line, furniture):
    assert is_furniture(line) is furniture


def test_an_appeal_in_the_news_is_no_furniture():
    assert not is_furniture('"If you saw anything, please contact us," the sheriff said.')
    assert not is_furniture("The suspect fled on foot, and anyone with information can email tips@police.example or "
                            "call 555-0100, police said.")
