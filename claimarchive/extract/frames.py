"""The cue frames: every word and phrase that marks who said what, and what it takes, in one table.

One row per cue (a verb, a phrasal verb such as "point out", or a reporting noun); both extraction paths read it.
A row is a string of words. What the cue takes: ``that`` (a that-clause), ``bare`` (a clause without "that"),
``quote`` (a quote next to it), ``first`` (content before it: "..., the minister said"), ``obj`` (its object is the
content; ``obj:toll,figure`` only those nouns, ``obj:@claim`` the CLAIM_NOUNS), ``fact`` (an object that is an act:
"announced a ceasefire"), ``count`` (an object that is a count), ``inf``, ``gerund``, ``naming`` ("called the vote a
sham"), ``as`` ("condemned the move as bullying"), a preposition ("warned of"). Flags: ``any`` (the rules path takes any
words after it as content), ``addressee`` (its object is the person told), ``to`` ("said to reporters"), ``hedge``,
``deny``, ``verify`` (negated: "could not confirm"), ``passive`` (a sourceless hedge: "is said to"), ``nounlike``
(its base and -s forms are nouns as often: "state media"), ``noun`` (also a reporting noun: "the claim that ...").
``=said`` lists irregular forms. ``register`` adds a row at run time.
"""
from __future__ import annotations

from dataclasses import dataclass, field

SPEECH = "that bare quote first"
FRAMES = {
    "say": f"{SPEECH} any to passive =said",
    "tell": f"{SPEECH} inf any addressee =told",
    "add": SPEECH,
    "write": f"{SPEECH} any about =wrote,written",
    "state": f"{SPEECH} obj nounlike",
    "announce": f"{SPEECH} fact",
    "report": f"{SPEECH} fact count inf gerund passive noun",
    "claim": f"{SPEECH} inf passive noun obj:responsibility,credit",
    "insist": f"{SPEECH} any inf",
    "argue": f"{SPEECH} any",
    "note": f"{SPEECH} nounlike",
    "explain": SPEECH,
    "warn": f"{SPEECH} obj inf addressee of about against",
    "estimate": f"{SPEECH} obj hedge passive nounlike noun",
    "deny": "that bare quote obj inf gerund deny",
    "confirm": f"{SPEECH} obj verify",
    "acknowledge": f"{SPEECH} obj",
    "admit": f"{SPEECH} obj inf gerund =admitted,admitting",
    "tweet": f"{SPEECH} any nounlike",
    "post": f"{SPEECH} fact nounlike",
    "inform": f"{SPEECH} addressee",
    "assert": SPEECH, "reveal": SPEECH, "maintain": SPEECH, "contend": SPEECH,
    "concede": SPEECH, "testify": SPEECH, "recall": SPEECH, "remark": f"{SPEECH} noun", "reply": f"{SPEECH} nounlike",
    "respond": SPEECH, "answer": f"{SPEECH} nounlike", "comment": f"{SPEECH} nounlike noun", "observe": SPEECH,
    "complain": f"{SPEECH} about", "promise": f"{SPEECH} obj inf nounlike noun",
    "pledge": f"{SPEECH} obj inf nounlike noun", "vow": f"{SPEECH} obj inf nounlike", "threaten": f"{SPEECH} inf",
    "boast": SPEECH, "hint": f"{SPEECH} hedge", "assure": f"{SPEECH} addressee", "reassure": f"{SPEECH} addressee",
    "counter": SPEECH, "retort": SPEECH, "reiterate": f"{SPEECH} obj", "underline": SPEECH, "disclose": SPEECH,
    "brief": "that quote addressee", "accuse": f"{SPEECH} obj", "urge": f"{SPEECH} obj inf addressee",
    "demand": f"{SPEECH} obj inf nounlike", "mention": SPEECH, "blog": f"{SPEECH} nounlike =blogged,blogging",
    "email": f"{SPEECH} addressee nounlike", "text": f"{SPEECH} addressee nounlike =texted,texting",
    "proclaim": SPEECH, "affirm": SPEECH, "reaffirm": f"{SPEECH} obj", "swear": f"{SPEECH} =swore,sworn",
    "confess": f"{SPEECH} inf", "recount": SPEECH, "clarify": SPEECH, "specify": SPEECH, "stress": SPEECH,
    "emphasise": SPEECH, "emphasize": SPEECH, "speculate": f"{SPEECH} hedge", "lament": SPEECH, "joke": SPEECH,
    "quip": f"{SPEECH} =quipped,quipping", "shout": SPEECH, "exclaim": SPEECH, "whisper": SPEECH,
    "allege": f"{SPEECH} obj hedge passive", "predict": f"{SPEECH} obj hedge", "forecast": f"{SPEECH} obj hedge nounlike",
    "caution": f"{SPEECH} addressee", "protest": f"{SPEECH} nounlike", "ask": "quote first",
    "charge": "that noun nounlike", "blame": "obj that", "broadcast": "that", "publish": "that fact", "cite": "that", "certify": "that",
    "declare": "that", "rule": "that", "agree": "that", "reason": "that", "propose": "that", "recommend": "that",
    "advise": "that addressee", "doubt": "that nounlike", "question": "that nounlike", "dispute": "that obj:@claim deny",
    "find": "that first nounlike noun =found", "show": "that bare first =showed,shown",
    "indicate": "that bare first hedge", "suggest": "that bare first hedge", "conclude": "that first",
    "believe": "that hedge passive", "think": "that hedge passive =thought", "fear": "that hedge passive nounlike",
    "expect": "that hedge passive", "suspect": "that hedge passive", "calculate": "that hedge",
    "project": "that hedge nounlike", "signal": "that nounlike", "verify": "that obj verify",
    "corroborate": "obj verify", "authenticate": "obj verify",
    "understand": "passive =understood", "know": "passive =knew,known", "rumour": "passive", "rumor": "passive",
    "reckon": "passive", "suppose": "passive", "consider": "passive",
    "call": "naming", "call for": "for", "call on": "inf", "call upon": "inf", "appeal to": "inf",
    "appeal for": "inf", "point out": "that bare first any", "hit back": "quote first", "lash out": "quote first at",
    "describe": "naming as gerund", "brand": "naming as", "label": "naming as", "term": "naming",
    "condemn": "as", "denounce": "as", "decry": "as", "hail": "as", "praise": "as", "criticise": "as",
    "criticize": "as", "slam": "as =slammed", "blast": "as", "characterise": "as", "characterize": "as",
    "portray": "as", "depict": "as", "deride": "as", "lambast": "as",
    "reject": "as obj:@claim deny", "dismiss": "as obj:@claim deny", "refute": "obj deny", "rebut": "obj deny =rebutted",
    "put": "obj:toll,figure,number,count,cost,losses,casualties,damage,death,deaths =put",
    "according to": "according",
    "statement": "noun", "assertion": "noun", "allegation": "noun", "announcement": "noun", "warning": "noun",
    "assessment": "noun", "denial": "noun deny", "insistence": "noun", "suggestion": "noun", "belief": "noun",
    "view": "noun", "argument": "noun", "admission": "noun", "accusation": "noun", "contention": "noun",
    "prediction": "noun", "threat": "noun", "assurance": "noun", "testimony": "noun",
    "declaration": "noun", "finding": "noun", "conclusion": "noun", "message": "noun",
}

# Nouns whose object use ("rejected the figure") is a claim denied: reported content.
CLAIM_NOUNS = {"claim", "figure", "toll", "report", "account", "allegation", "accusation", "charge", "number", "estimate",
               "version", "assessment", "statement", "finding", "assertion", "suggestion", "narrative", "rumour",
               "rumor", "idea", "notion", "characterisation", "characterization", "data", "count", "tally", "story"}
# Nouns for an act someone announces ("announced a ceasefire"); with the deverbal endings below.
ACT_NOUNS = {"ban", "deal", "ceasefire", "truce", "arrest", "cut", "cuts", "plan", "raid", "strike", "halt", "boycott",
             "probe", "inquiry", "recall", "pause", "merger", "takeover", "win", "victory", "defeat", "death"}
ACT_ENDINGS = ("ment", "tion", "sion", "sal", "val", "ure", "ance", "ence")


@dataclass
class Frame:
    """One row: what a cue takes, its flags, certainty and irregular forms."""

    lemma: str
    takes: set[str]
    objects: set[str] | None = None  # obj only with these nouns
    certainty: str = "asserted"
    verify: bool = False
    flags: set[str] = field(default_factory=set)
    forms: list[str] = field(default_factory=list)

    def __contains__(self, kind: str) -> bool:
        return kind in self.takes or kind in self.flags

    @property
    def preps(self) -> set[str]:
        return self.takes & PREPOSITIONS


def parse_row(lemma: str, spec: str) -> Frame:
    frame = Frame(lemma, set())
    for word in spec.split():
        if word.startswith("="):
            frame.forms += word[1:].split(",")
        elif word.startswith("obj:"):
            frame.takes.add("obj")
            frame.objects = CLAIM_NOUNS if word == "obj:@claim" else set(word[4:].split(","))
        elif word in ("hedge", "deny"):
            frame.certainty = {"hedge": "hedged", "deny": "denied"}[word]
        elif word == "verify":
            frame.verify = True
        else:
            (frame.flags if word in ("any", "addressee", "to", "passive", "nounlike", "noun") else frame.takes).add(word)
    if "noun" in frame.flags:
        frame.flags.add("nounlike")
    return frame


def verb_forms(lemma: str, irregular: list[str]) -> list[str]:
    """claim → claims, claimed, claiming; the row's irregular forms instead of "-ed"."""
    stem, s, ed = (lemma[:-1], "s", "d") if lemma.endswith("e") else (lemma, "es", "ed") if lemma.endswith(
        ("s", "sh", "ch", "x", "z")) else (lemma, "s", "ed")
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms = [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    else:
        forms = [lemma, lemma + s, lemma + ed, stem + "ing"]
    return [f for f in forms if not f.endswith("ed")] + irregular if irregular else forms


class Frames:
    """The table, parsed once, with the lookups both paths use; ``version`` changes when a row is added."""

    def __init__(self, rows: dict[str, str]):
        self.rows: dict[str, Frame] = {}
        self.forms: dict[str, str] = {}  # every inflected form of a verb cue (a phrasal cue's verb) → its lemma
        self.phrasal: dict[str, set[str]] = {}  # verb → the particles of its phrasal rows
        self.version = 0
        for lemma, spec in rows.items():
            self.register(lemma, spec)

    def register(self, lemma: str, spec: str) -> Frame:
        """Add (or replace) a row: ``register("blorf", "that bare =blorft")``; both paths use it at once."""
        frame = self.rows[lemma] = parse_row(lemma, spec)
        head, *particle = lemma.split()
        if particle and lemma != "according to":
            self.phrasal.setdefault(head, set()).add(particle[0])
        if self.verb(head):
            for form in verb_forms(head, (self.rows[head] if head in self.rows else frame).forms):
                self.forms.setdefault(form, head)
        self.version += 1
        return frame

    def get(self, lemma: str, particle: str | None = None) -> Frame | None:
        """The row of a cue, its particle's row first ("point out", "call for")."""
        return (particle and self.rows.get(f"{lemma} {particle}")) or self.rows.get(lemma)

    def verb(self, lemma: str) -> bool:
        frame = self.rows.get(lemma)
        return lemma in self.phrasal or frame is not None and bool(frame.takes - {"according"} or "passive" in frame)

    def particles(self, lemma: str) -> set[str]:
        return self.phrasal.get(lemma, set())

    def noun(self, lemma: str) -> bool:
        return lemma in self.rows and "noun" in self.rows[lemma]


def words(text: str) -> set[str]:
    return set(text.split())


PREPOSITIONS = words("on in at by for with from during after before over of to into about since under within without "
                     "through amid despite following across near behind against upon via per")
# Where a statement was posted: "said on Telegram", "posted on X".
CHANNELS = words("telegram twitter x facebook instagram tiktok youtube truth social media website blog linkedin threads "
                 "bluesky weibo wechat whatsapp signal podcast television tv radio account channel page feed platform "
                 "substack reddit mastodon vk vkontakte rumble gab")
# Nouns that make a named addressee a relaying outlet: "told the Reuters news agency".
MEDIA_NOUNS = words("agency newspaper paper broadcaster network television tv radio magazine outlet daily channel media "
                    "press news website programme program podcast show journal times post herald tribune guardian "
                    "telegraph observer gazette wire service")
# The occasion of a statement: "in a CNN interview", "in a statement", "a statement saying".
INTERVIEW_NOUNS = words("interview podcast broadcast programme program appearance conversation")
STATEMENT_NOUNS = words("statement communique communiqué release post tweet message letter speech address briefing "
                        "conference video report filing note memo email op-ed editorial column essay book affidavit "
                        "bulletin notice announcement update")
PERSON_PRONOUNS = words("he she him her")
PRONOUNS = PERSON_PRONOUNS | words("they it we them i you")
NOT_SOURCES = words("this that these those which what there here who whom whose something anything nothing everything "
                    "you i")
NEGATIONS = words("not n't never no cannot unable")
HEDGE_ADVERBS = words("reportedly allegedly apparently purportedly supposedly seemingly possibly probably likely "
                      "ostensibly presumably")
VICTIM_NOUNS = words("life lives victim victims death deaths casualty casualties")
WH_WORDS = words("whether if how what when where why who which whom")
WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight morning "
                 "evening afternoon night week weekend month year january february march april june july august "
                 "september october november december")
CLAUSE_WORDS = words("and but or although though while whereas as because since if when after before however meanwhile "
                     "also that which who so yet then still moreover additionally furthermore instead separately "
                     "earlier later now previously once until where")
AUXILIARIES = words("has have had is are was were be been being will would shall should can could may might must did "
                    "does do not n't never also just already repeatedly previously later earlier then again first once "
                    "still yet further too")
MODALS = words("is are was were will would had has have could can may might must should shall")
DETERMINERS = words("the a an this that these those his her its their our my your some many several two three four "
                    "other both most")
ARTICLES = words("the a an his her its their our")
# Common irregular past forms: a clause's verb by its shape, on the rules path ("said spills rose by a third").
IRREGULAR_PAST = words("rose fell grew won lost took made came went saw gave began ran held left kept brought built bought "
                       "caught felt fought found got hit hurt knew led meant met paid put read sent set shot shut sold "
                       "spent stood struck taught threw wore broke chose drove flew froze hid rode sank spoke woke fled "
                       "bore drew forbade overtook withdrew became")
BE_FORMS = words("is are was were be been being 's ’s")
DISCOURSE_ADVERBS = words("however though meanwhile moreover too also instead nonetheless nevertheless furthermore "
                          "separately likewise")

TABLE = Frames(FRAMES)
register = TABLE.register
