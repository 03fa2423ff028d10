"""Find the parts of an article's body: headline, paragraphs, captions, credits and page furniture.

Nothing is deleted: every part is a typed span over the body, so the archived text stays whole and
readers can see what was set aside. Only headline, paragraph and caption parts are parsed for claims.

The rules are general web-page rules, not tuned to any one site:
- the first line that is not furniture is the headline (when it is headline-sized);
- wire credits ("(Reporting by ...; Editing by ...)") are credits; a press release's closing "About Acme"
  box, correction notices and breadcrumbs are furniture;
- a line that is a known furniture phrase ("Related Posts", "Leave a Reply", "Share this") is furniture,
  and one that ends the article ("Source link", "About the author") makes everything after it furniture;
- a block of lines with no blank line between them that carries a photo credit is a caption block:
  the credits ("Reuters", "Photo: Getty Images") are split off as credits, the rest are captions;
- a short line with no closing punctuation is a caption (starting lower-case, like alt text) or a subheading;
- a wire dateline ("KYIV, March 3 (Reuters) -") and a byline ("By Jane Doe") get parts of their own.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .model import Segment

# Phrases that are page furniture when they make up a whole line (compared lower-case, without end punctuation).
FURNITURE_LINES = {
    "advertisement", "advertisements", "sponsored", "sponsored content", "share", "share this", "share this article",
    "share on facebook", "share on twitter", "tweet", "email", "print", "comments", "comment", "leave a comment",
    "leave a reply", "leave a reply cancel reply", "cancel reply", "post comment", "reply", "related", "related posts",
    "related articles", "related stories", "related news", "related content", "more from", "more stories",
    "read more", "read next", "see also", "you may also like", "you might also like", "recommended",
    "recommended for you", "most read", "most popular", "trending", "trending now", "view all posts",
    "view all posts by", "previous post", "next post", "previous article", "next article", "tags", "topics",
    "filed under", "posted in", "source link", "source", "author", "about the author", "subscribe",
    "subscribe now", "sign up", "newsletter", "sign up for our newsletter", "follow us", "skip to content",
    "skip advertisement", "back to top", "copy link", "link copied", "listen to this article", "loading",
    "continue reading", "click here", "all rights reserved", "privacy policy", "terms of use", "cookie policy",
    "like this", "like loading", "report an error", "save", "saved", "facebook", "twitter", "x", "whatsapp",
    "linkedin", "telegram", "reddit", "pinterest", "messenger", "copy url", "print this page",
}

# Lines after which the article is over: everything that follows is furniture.
END_MARKERS = {
    "source link", "author", "about the author", "related posts", "related articles", "related stories",
    "leave a reply", "leave a comment", "share this", "share this article", "you may also like",
    "you might also like", "more stories", "read next", "recommended", "previous post", "next post",
    "comments", "view all posts",
}

# Phrases that mark furniture anywhere in a line (comment forms, newsletter boxes, copyright lines).
FURNITURE_PATTERNS = re.compile(
    r"your email address will not be published|required fields are marked|"
    r"save my name, email,? and website|notify me of (?:new|follow-up)|"
    r"sign up (?:for|to) (?:our|the) .{0,30}newsletter|by (?:signing up|subscribing), you agree|"
    r"©|\(c\) \d{4}|copyright \d{4}|all rights reserved|this article (?:was )?(?:originally )?"
    r"(?:appeared|published) (?:on|in)|click here to|follow us on|share (?:this|on) (?:facebook|twitter|x)|"
    r"^this (?:article|story|report|piece) (?:was|has been) (?:amended|corrected|updated|produced|edited)|"
    r"^(?:the|this) interview (?:was|has been) (?:edited|condensed)|forward-looking statements|"
    r"^read more\b|^(?:posted|published|updated) (?:by|on|at)\b.*\||^home\s*[»›>/]|(?:\s[»›]\s.*){2}|"
    r"^(?:media|press) (?:contact|enquiries|inquiries)\b|"
    # a wire copyright notice; a newsletter box; a link to another story ("RELATED: …", "READ ALSO: …")
    r"may not be (?:published|reproduced|reprinted|republished|copied),? (?:broadcast|distributed|in whole)|"
    r"delivered (?:straight |directly |right )?to your inbox|^(?:sign up|subscribe) (?:for|to|now)\b|"
    r"^(?:related|read also|also read|see also|read more|more|watch|listen|recommended|trending)\s*:|"
    r"^about the (?:author|writer|reporter|contributor)s?\s*[:\-–—]|"
    # contact lines, download links, subscription notices, a publisher's standards
    r"^for (?:further|more) information\b|^please contact us\b|"
    r"^(?:e-?mail|send (?:tips|news|letters|corrections|story ideas)|contact|write to)\b[^.]{0,80}@[\w-]+\.|"
    r"^(?:do you have|have you got|got|have) (?:a )?(?:news |story )?tips?\b|"
    r"^download (?:the )?(?:full )?(?:report|pdf|file|document|statement)\b|\((?:pdf|docx?|xlsx?) ?\| ?[\d.]+ ?[kmg]b\)|"
    r"\boffered to (?:our )?subscribers\b|\bsubscription options\b|^our (?:editorial )?standards\s*:|"
    r"will continue to monitor the situation and (?:issue|provide|share) (?:further |regular )?updates|"
    # a wire service's or a press release's end mark, alone or closing the last paragraph
    r"(?:^|(?<=[.!?”\"’)] ))(?:enditem|end item|\(end\)|-30-|#{3})\s*$",
    re.IGNORECASE,
)
# A line after which the article is over, when it comes late: "About the author: …".
END_LINE = re.compile(r"^about the (?:author|writer|reporter|contributor)s?\b", re.IGNORECASE)
# Wire-copy credits: "(Reporting by A and B; Editing by C)", "AP writer D contributed to this report."
WIRE_CREDIT = re.compile(
    r"^\(?\s*(?:(?:additional )?reporting|writing|editing|compiled|translated) by\b.{0,300}\)?$|"
    r"\bcontributed (?:reporting|research|(?:reporting )?to this (?:report|story|article))"
    r"(?: (?:from|in) [A-Z][\w.,'’ -]{0,60})?\.?$",
    re.IGNORECASE,
)
# Editorial notes that may close a paragraph of text: split off as furniture.
NOTE_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?”\"’)]\s))(?:(?:This|The) (?:interview|conversation|transcript|exchange) (?:has been|was|have been) "
    r"(?:lightly )?(?:edited|condensed)|The views expressed\b|The opinions expressed\b|"
    r"(?:This|The) (?:article|story) (?:was|has been) (?:amended|corrected|updated)\b|"
    r"(?:Additional )?[Rr]eporting by [A-Z])"
)
# A contributor's bio closing the article: "Jane Roe is a senior fellow at ...", "John Doe writes about ...".
BIO = re.compile(
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} (?:is|was|has been|writes|covers|reports)\b.{0,250}\b"
    r"(?:fellow|author|writer|journalist|correspondent|editor|columnist|contributor|reporter|professor|"
    r"researcher|analyst at|lecturer|founder|writes (?:about|on)|covers|has covered|views expressed)\b"
    # "Jane Roe covers state politics for the Herald."
    r"|^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} (?:covers|writes about|writes on|reports on) .{1,120}\bfor (?:the )?[A-Z]",
)
# A caption under its label: "Photo: Children stand by flooded tents …", "Lead image: Smoke rises …" (a short
# label line that is a credit, "Photo: Jane Doe/Getty Images", is TRAILING_CREDIT's).
CAPTION_LABEL = re.compile(r"^[\s•·\-–—*]*(?:(?:lead|top|main|header|featured|feature|cover) )?(?:image|photo|picture|"
                           r"photograph|caption|pictured|above)\s*[:|]\s*(?=\S)", re.IGNORECASE)
# A closing "About Acme Corp" box of a press release: the company's boilerplate follows.
ABOUT_BOX = re.compile(r"^about (?:the )?[A-Z0-9][\w&.,' -]{1,60}$", re.IGNORECASE)

# Photo agencies and credit prefixes, as they are glued to captions on scraped pages.
AGENCIES = (
    r"AFP|Reuters|REUTERS|AP|EPA|EPA-EFE|Getty Images|Getty|Anadolu|Anadolu Agency|Xinhua|"
    r"ANSA|dpa|PA|PA Media|Shutterstock|Alamy|Bloomberg|NurPhoto|SOPA Images|Sipa|UPI|TASS"
)
CREDIT_LABEL = r"(?:Image|Images|Image [Ss]ource|Photo|Photos|Photograph|Picture|Pictures|Credit|Credits|Source|Video|Footage)"
# "Photo: Jane Doe/Getty Images" (ends a caption line, or stands alone)
# (the credit starts at the start or after a mark or a space: no leading \s*, which would retry every start
# in a run of spaces)
TRAILING_CREDIT = re.compile(rf"(?:^|(?<=[.!?”\"'\)\s]))({CREDIT_LABEL}\s*(?:credit)?\s*:\s*[^\n]{{1,80}}?)\s*$")
# "AFP Flooded streets ...", "ReutersSoldiers patrol ..." (an agency name glued to the caption it credits)
LEADING_CREDIT = re.compile(rf"^({AGENCIES})(?:/({AGENCIES}))?(?=\s*[A-Z\"“])(?!\s+(?:said|says|reported|reports|news|agency)\b)")
CAPTION_TAIL = re.compile(r"\((?:file|archive) (?:image|photo|picture|photograph)\)\s*$", re.IGNORECASE)

# "KYIV, March 3 (Reuters) -", "AUSTIN, Texas, Sept. 29, 2025 /PRNewswire/ --", "NAIROBI (AP) —"
DATELINE = re.compile(
    r"^([A-Z][A-Z.'\- ]{3,40}(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s*\d{4})?)?"
    r"\s*(?:\([A-Z][\w .&-]{1,25}\)|/[A-Z][\w .&-]{1,25}/)?\s*[-–—]{1,2}\s+)(?=\S)"
    # copy that lost its dash (and the comma before a region): "IDLIB Syria (AFP) Air strikes ..."
    r"|^([A-Z][A-Z.'\-]{2,}(?: [A-Z][A-Z.'\-]+)*(?:,? [A-Z][a-z][A-Za-z.]+)?\s*\([A-Z][\w .&-]{1,25}\)\s+)(?=[A-Z\"“])"
)
BYLINE = re.compile(r"^(?:By|BY|Written by|Reporting by|Words by)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}"
                    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3})*\s*$")
END_PUNCT = tuple(".!?:;\"”’')…")
# A byline run into the story's first words: "By Jane Doe BEIRUT (Reuters) -", "By JANE DOE Associated Press BEIRUT".
LEADING_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,5}?(?=\s+[A-Z][A-Z.'\-]{2,}"
                            r"(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?\s*(?:\(|[-–—]))")
# Where one sentence ends and the next begins, within a line.
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
NEWS_SENTENCE_WORDS = 6  # a sentence this long that is no furniture or credit is news

HEADLINE_MAX = 200
SHORT_LINE_WORDS = 10


def _lines(body: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, stripped of surrounding white space."""
    spans = []
    for match in re.finditer(r"[^\n]+", body):
        text = match.group()
        stripped = text.strip()
        if not stripped:
            continue
        start = match.start() + (len(text) - len(text.lstrip()))
        spans.append((start, start + len(stripped)))
    return spans


def _blocks(body: str, lines: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group lines that follow each other with no blank line between them."""
    blocks: list[list[tuple[int, int]]] = []
    previous_end = None
    for start, end in lines:
        if previous_end is not None and "\n" not in body[previous_end:start].replace("\n", "", 1):
            blocks[-1].append((start, end))
        else:
            blocks.append([(start, end)])
        previous_end = end
    return blocks


KEY_END_MARKS = ":.…!|»›>-"


def _key(text: str) -> str:
    """A line as compared with the furniture phrases: lower-case, no bullets or end punctuation."""
    text = re.sub(r"^[\s•·\-–—*|>#]+", "", text)
    end = len(text)  # the end marks stripped one by one: a regular expression would retry every run of spaces
    while end and (text[end - 1].isspace() or text[end - 1] in KEY_END_MARKS):
        end -= 1
    return text[:end].strip().lower()


def is_furniture(text: str) -> bool:
    """A whole line of page furniture: a known phrase, a comment-form sentence, a bullet-only name."""
    key = _key(text)
    if key in FURNITURE_LINES or FURNITURE_PATTERNS.search(text):
        return True
    return bool(re.match(r"^[•·]\s*\S", text.strip()) and len(text.split()) <= 4)


def _is_sentence(text: str) -> bool:
    return text.rstrip().endswith(END_PUNCT) or len(text.split()) > SHORT_LINE_WORDS


def _credit_parts(start: int, end: int, body: str) -> list[Segment]:
    """Split a caption line into its credits and its caption text."""
    text = body[start:end]
    parts = []
    lead = LEADING_CREDIT.match(text)
    if lead:
        parts.append(Segment("credit", start, start + lead.end()))
        start += lead.end()
        while start < end and body[start] == " ":
            start += 1
    trail = TRAILING_CREDIT.search(body, start, end)
    if trail and trail.start(1) > start:
        caption_end = trail.start(1)
        while caption_end > start and body[caption_end - 1].isspace():
            caption_end -= 1
        if caption_end > start:
            parts.append(Segment("caption", start, caption_end))
        parts.append(Segment("credit", trail.start(1), trail.end(1)))
    elif trail:
        parts.append(Segment("credit", start, end))
    elif start < end:
        parts.append(Segment("caption", start, end))
    return parts


def _has_credit(start: int, end: int, body: str) -> bool:
    text = body[start:end]
    return bool(LEADING_CREDIT.match(text) or TRAILING_CREDIT.search(text) or CAPTION_TAIL.search(text))


def find_segments(body: str) -> list[Segment]:
    """Every non-blank line of the body as a typed part, in reading order."""
    lines = _lines(body)
    ends = [e for _, e in lines]
    segments: list[Segment] = []
    if not lines:
        return segments
    in_tail = False
    headline_done = False
    early = len(body) // 3  # an end marker this early is a stray line, not the end of the article
    last_news = _last_news_end(body, lines, early)
    for block in _blocks(body, lines):
        caption_block = len(block) > 1 and any(_has_credit(s, e, body) for s, e in block)
        for start, end in block:
            text = body[start:end]
            if not headline_done and not is_furniture(text) and not BYLINE.match(text):
                headline_done = True  # the first line that is not site navigation nor a byline; a line opening
                if len(text) <= HEADLINE_MAX and not (len(lines) == 1 and _is_news(text)) \
                        and not DATELINE.match(text):  # with a wire dateline is the story's first paragraph
                    segments.append(Segment("headline", start, end))
                    continue
            if in_tail:
                segments.append(Segment("furniture", start, end))
                continue
            mixed = _mixed_line(body, start, end)
            if mixed:  # news with a furniture or credit sentence in the same line: each part its own kind
                segments.extend(mixed)
                continue
            if is_furniture(text) or (ABOUT_BOX.match(text) and start >= early and text[6:7].isupper()):
                segments.append(Segment("furniture", start, end))
                if _ends_article(text) and start >= early:
                    in_tail = True
                continue
            if WIRE_CREDIT.search(text):
                segments.append(Segment("credit", start, end))
                continue
            if BYLINE.match(text):
                segments.append(Segment("byline", start, end))
                continue
            lead = LEADING_BYLINE.match(text)
            if lead and _is_news(text[lead.end():]):
                segments.append(Segment("byline", start, start + lead.end()))
                start += lead.end() + len(text[lead.end():]) - len(text[lead.end():].lstrip())
                text = body[start:end]
            if caption_block or _has_credit(start, end, body):
                segments.extend(_credit_parts(start, end, body))
                continue
            if CAPTION_LABEL.match(text):
                segments.append(Segment("caption", start, end))
                continue
            if not _is_sentence(text):
                segments.append(Segment("caption" if text[:1].islower() else "subheading", start, end))
                continue
            if BIO.match(text) and (_among_last_lines(ends, end) or end >= last_news):
                segments.append(Segment("furniture", start, end))
                continue
            note = NOTE_SENTENCE.search(text, 1)
            if note:
                note_start = start + note.start()
                segments.extend(_paragraph(body, start, note_start))
                segments.append(Segment("furniture", note_start, end))
                continue
            segments.extend(_paragraph(body, start, end))
    return segments


def _is_news(text: str) -> bool:
    """A sentence of news: closing punctuation and more words than a caption or a subheading has."""
    return text.rstrip().endswith(END_PUNCT) and len(text.split()) > SHORT_LINE_WORDS


def _sentence_kind(text: str) -> str:
    if FURNITURE_PATTERNS.search(text):
        return "furniture"
    if WIRE_CREDIT.search(text):
        return "credit"
    return "paragraph" if len(text.split()) >= NEWS_SENTENCE_WORDS else "short"


def _mixed_line(body: str, start: int, end: int) -> list[Segment] | None:
    """A line that holds sentences of news and a furniture or credit sentence ("... Follow us on Telegram.",
    "... AP writer Jane Doe contributed to this report."): its parts, each of its kind (short sentences go with
    the news); None for a line of one kind. A body is never all furniture when it holds sentences of news."""
    text = body[start:end]
    if not (FURNITURE_PATTERNS.search(text) or WIRE_CREDIT.search(text)):
        return None
    cuts = sorted({0, *(m.end() for m in SENTENCE_BREAK.finditer(text)), *_glued_furniture(text), len(text)})
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        kind = _sentence_kind(text[a:b])
        kind = "paragraph" if kind == "short" else kind
        if parts and parts[-1][0] == kind:
            parts[-1][2] = b
        else:
            parts.append([kind, a, b])
    if len(parts) < 2 or not any(kind == "paragraph" for kind, _, _ in parts):
        return None
    out: list[Segment] = []
    for kind, a, b in parts:
        a, b = start + a, start + len(text[:b].rstrip())
        out.extend(_paragraph(body, a, b) if kind == "paragraph" else [Segment(kind, a, b)])
    return out


def _glued_furniture(text: str) -> list[int]:
    """Where a furniture phrase starting with a capital runs on from words of news with no full stop ("Shelling
    kills 5 in Daraa Follow us on Telegram"): a cut before it."""
    cuts = []
    for m in FURNITURE_PATTERNS.finditer(text):
        before = text[:m.start()]
        if m.start() and text[m.start()].isupper() and before[-1:].isspace() \
                and not before.rstrip().endswith(END_PUNCT) and len(SENTENCE_BREAK.split(before)[-1].split()) >= 4:
            cuts.append(m.start())
    return cuts


def _ends_article(text: str) -> bool:
    """A line after which, late in a page, the article is over ("Related posts", "About the author: …")."""
    return _key(text) in END_MARKERS or bool(ABOUT_BOX.match(text) or END_LINE.match(text))


def _last_news_end(body: str, lines: list[tuple[int, int]], early: int) -> int:
    """The end of the last line of news (a sentence that is no furniture, credit nor bio) before the page's
    tail: what follows it is furniture."""
    last = 0
    for start, end in lines:
        text = body[start:end]
        if start >= early and _ends_article(text):
            break
        if _is_news(text) and not (is_furniture(text) or WIRE_CREDIT.search(text) or BIO.match(text)):
            last = end
    return last


def _among_last_lines(ends: list[int], end: int) -> bool:
    """The line ending at ``end`` is among the last two lines of text of the article (``ends``: every line's
    end, in order)."""
    return len(ends) - bisect_right(ends, end) <= 1


def _paragraph(body: str, start: int, end: int) -> list[Segment]:
    """A paragraph, with a wire dateline at its head split off ("KYIV, March 3 (Reuters) -")."""
    while end > start and body[end - 1].isspace():
        end -= 1
    if end <= start:
        return []
    text = body[start:end]
    dateline = DATELINE.match(text)
    if dateline and len(text) - dateline.end() >= 20:
        return [Segment("dateline", start, start + len((dateline.group(1) or dateline.group(2)).rstrip())),
                Segment("paragraph", start + dateline.end(), end)]
    return [Segment("paragraph", start, end)]
