"""The cue lexicon: every word and phrase that marks who said what, in one place.

Add a reporting verb here and both extraction paths (dependency parse and token rules) pick it up.
Entries are general English, never names from any one article.
"""
from __future__ import annotations

# Reporting verbs whose clause complement ("that ...", a bare clause, a quote) is the claimed content.
SPEECH_VERBS = {
    "say", "tell", "add", "write", "state", "announce", "report", "claim", "insist", "argue", "note",
    "explain", "warn", "estimate", "deny", "confirm", "acknowledge", "admit", "tweet", "post", "inform",
    "assert", "indicate", "suggest", "allege", "predict", "reveal", "declare", "stress", "emphasise",
    "emphasize", "maintain", "contend", "conclude", "concede", "testify", "recall", "remark", "reply",
    "respond", "answer", "comment", "observe", "caution", "complain", "promise", "pledge", "vow",
    "threaten", "boast", "hint", "assure", "reassure", "believe", "think", "fear", "forecast", "counter",
    "retort", "reiterate", "underline", "disclose", "brief", "signal", "accuse", "urge", "demand",
    "mention", "blog", "email", "text", "proclaim", "affirm", "reaffirm", "swear", "confess", "recount",
    "clarify", "specify", "verify", "charge", "protest", "speculate", "suspect", "rule", "find", "show",
    "agree", "expect", "calculate", "project", "dispute", "question", "doubt", "point", "call", "highlight",
    "lament", "joke", "quip", "shout", "exclaim", "whisper", "reason", "propose", "recommend", "advise",
    "broadcast", "publish", "cite", "certify", "describe", "brand", "label",
}

# Reporting verbs that are a claim only with a "that"-clause, never with a bare clause or a quote:
# "the study found that ...", "data show that ...".
THAT_ONLY_VERBS = {"declare", "find", "show", "rule", "agree", "expect", "suspect", "doubt", "question", "reason",
                   "propose", "recommend", "advise", "fear", "think", "believe", "calculate", "project",
                   "indicate", "suggest", "signal", "conclude", "publish", "broadcast", "cite"}

# That-only verbs that also close a sentence after its content: "..., official figures showed on Wednesday."
CONTENT_FIRST_THAT_VERBS = {"show", "find", "indicate", "suggest", "conclude"}

# Verbs whose direct object is itself the claimed content: "denied the allegations",
# "stated their support", "accused the West of ...".
OBJECT_VERBS = {"deny", "confirm", "accuse", "state", "estimate", "predict", "allege", "acknowledge",
                "admit", "reiterate", "blame", "reaffirm", "forecast", "report", "pledge", "vow", "promise",
                "urge", "demand", "warn", "verify"}

# Verbs that name what something is: "called the attack a war crime", "described the vote as rigged".
NAMING_VERBS = {"call", "describe", "brand", "label", "term"}
# Verbs that are a naming cue only with "as": "condemned the move as economic bullying".
AS_NAMING_VERBS = {"condemn", "denounce", "decry", "hail", "praise", "criticise", "criticize", "slam", "blast",
                   "characterise", "characterize", "portray", "depict", "deride", "lambast", "dismiss", "reject",
                   "describe", "brand", "label"}

# Verbs that state a fact, not speech, when their object is a plain noun: "reported record profit",
# "announced 200 job cuts", "posted a loss". A cue only with a clause, a quote or a reporting noun.
FACT_OBJECT_VERBS = {"report", "announce", "post", "publish", "record", "unveil", "release"}
# Finite auxiliaries that show a bare clause follows a cue in the rules path: "announced the bridge would close".
CLAUSE_AUXILIARIES = {"is", "are", "was", "were", "will", "would", "had", "has", "have", "could", "can", "may",
                      "might", "must", "should", "shall"}

# Verbs whose "to"-infinitive is the claimed content: "claimed to have captured", "pledged to crush".
INFINITIVE_VERBS = {"claim", "pledge", "vow", "promise", "threaten", "deny", "urge", "warn", "tell",
                    "call", "appeal", "demand", "insist", "admit", "confess", "profess",
                    "purport", "report"}

# Verbs that also take rejection content from "deny"-like meaning (certainty "denied").
DENIAL_VERBS = {"deny", "reject", "dismiss", "refute", "rebut", "dispute"}

# Verbs that make the claim a hedge when they carry it ("observers believe ...").
HEDGE_VERBS = {"believe", "think", "suggest", "speculate", "suspect", "fear", "estimate", "expect",
               "indicate", "forecast", "predict", "allege", "hint", "calculate", "project"}

# Verbs whose object is the person addressed, not the content: "told Reuters that ...".
ADDRESS_VERBS = {"tell", "inform", "assure", "reassure", "warn", "brief", "remind", "urge", "email",
                 "text", "caution", "advise"}

# Verbs that need a particle or preposition to be a cue: "pointed out", "called on", "called for".
PHRASAL_VERBS = {"point": {"out"}, "call": {"on", "for", "upon"}, "appeal": {"to", "for"},
                 "go": set(), "hit": {"back"}, "lash": {"out"}}

# Passive reporting verbs that hedge a claim without naming anyone: "are said to", "is believed to",
# "it is understood that".
HEDGE_PASSIVES = {"say", "believe", "think", "report", "understand", "expect", "rumour", "rumor",
                  "allege", "know", "estimate", "fear", "claim", "suspect", "reckon", "suppose", "consider"}

# Adverbs that hedge a sentence with no source: "reportedly", "allegedly".
HEDGE_ADVERBS = {"reportedly", "allegedly", "apparently", "purportedly", "supposedly", "seemingly",
                 "possibly", "probably", "likely", "ostensibly", "presumably"}

# Verbs that hedge a reported fact: "appear to have taken", "seem to be".
HEDGE_RAISING = {"appear", "seem"}

# Reporting nouns that carry content in a "that"-clause: "the claim by X that ...", "X's statement that ...".
NOMINAL_CUES = {"claim", "statement", "assertion", "allegation", "announcement", "report", "warning",
                "assessment", "estimate", "denial", "insistence", "suggestion", "belief", "view", "argument",
                "admission", "accusation", "charge", "contention", "prediction", "promise", "pledge",
                "threat", "assurance", "testimony", "remark", "comment", "declaration", "finding",
                "conclusion", "message"}

# Phrases that introduce a source: "according to X".
ACCORDING_TO = ("according", "to")

# Verbs that make a cue about verification, not content: "has not been able to confirm".
VERIFY_VERBS = {"confirm", "verify", "corroborate", "authenticate"}

# Words and patterns that look like cues but are not.
NOT_CUE_BEFORE = {"so", "the", "a", "an", "this", "that", "these", "those", "aforesaid", "above", "his", "its",
                  "their", "our", "my", "your"}
# Objects that make "claim" a count of victims, not speech: "has claimed over half a million lives".
VICTIM_NOUNS = {"life", "lives", "victim", "victims", "death", "deaths", "casualty", "casualties", "toll"}

# Where a statement was posted: "said on Telegram", "posted on X".
CHANNELS = {"telegram", "twitter", "x", "facebook", "instagram", "tiktok", "youtube", "truth", "social",
            "media", "website", "blog", "linkedin", "threads", "bluesky", "weibo", "wechat", "whatsapp",
            "signal", "podcast", "television", "tv", "radio", "account", "channel", "page", "feed",
            "platform", "substack", "reddit", "mastodon", "vk", "vkontakte", "rumble", "gab"}

# Nouns that make a named addressee a relaying outlet: "told the Reuters news agency".
MEDIA_NOUNS = {"agency", "newspaper", "paper", "broadcaster", "network", "television", "tv", "radio",
               "magazine", "outlet", "daily", "channel", "media", "press", "news", "website", "programme",
               "program", "podcast", "show", "journal", "times", "post", "herald", "tribune", "guardian",
               "telegraph", "observer", "gazette", "wire", "service"}

# Nouns for the occasion of a statement: "in a CNN interview", "in an interview with the BBC".
INTERVIEW_NOUNS = {"interview", "podcast", "broadcast", "programme", "program", "appearance", "conversation"}
STATEMENT_NOUNS = {"statement", "communique", "communiqué", "release", "post", "tweet", "message",
                   "letter", "speech", "address", "briefing", "conference", "video", "report", "filing",
                   "note", "memo", "email", "op-ed", "editorial", "column", "essay", "book", "affidavit"}

# Pronouns a source may be: kept as worded, then resolved to the nearest named source.
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "it", "we", "them"}
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | {"i", "you"}
# Subjects that are never a source.
NOT_SOURCES = {"this", "that", "these", "those", "which", "what", "there", "here", "who", "whom",
               "whose", "something", "anything", "nothing", "everything", "you", "i"}

# Phrases that mark a verification statement: "could not independently verify", "has not been able to confirm".
NEGATIONS = {"not", "n't", "never", "no", "cannot", "unable"}

# Words that begin a clause and so cannot be a source in the rules path.
CLAUSE_WORDS = {"and", "but", "or", "although", "though", "while", "whereas", "as", "because", "since",
                "if", "when", "after", "before", "however", "meanwhile", "also", "that", "which", "who",
                "so", "yet", "then", "still", "moreover", "additionally", "furthermore", "instead",
                "separately", "earlier", "later", "now", "previously", "once", "until", "where"}
AUXILIARIES = {"has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would",
               "shall", "should", "can", "could", "may", "might", "must", "did", "does", "do", "not",
               "n't", "never", "also", "just", "already", "repeatedly", "previously", "later",
               "earlier", "then", "again", "first", "once", "still", "yet", "further", "too"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
               "my", "your", "some", "many", "several", "two", "three", "four", "other", "both", "most"}
PREPOSITIONS = {"on", "in", "at", "by", "for", "with", "from", "during", "after", "before", "over", "of",
                "to", "into", "about", "since", "under", "within", "without", "through", "amid", "despite",
                "following", "across", "near", "behind", "against", "upon", "via", "per"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
            "yesterday", "tomorrow", "tonight", "morning", "evening", "afternoon", "night", "week",
            "weekend", "month", "year", "january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december"}

IRREGULAR_FORMS = {
    "say": ["say", "says", "said", "saying"],
    "tell": ["tell", "tells", "told", "telling"],
    "write": ["write", "writes", "wrote", "written", "writing"],
    "think": ["think", "thinks", "thought", "thinking"],
    "find": ["find", "finds", "found", "finding"],
    "show": ["show", "shows", "showed", "shown", "showing"],
    "swear": ["swear", "swears", "swore", "sworn", "swearing"],
    "forecast": ["forecast", "forecasts", "forecasted", "forecasting"],
    "broadcast": ["broadcast", "broadcasts", "broadcasting"],
    "go": ["go", "goes", "went", "gone", "going"],
    "hit": ["hit", "hits", "hitting"],
    "lash": ["lash", "lashes", "lashed", "lashing"],
    "stress": ["stress", "stresses", "stressed", "stressing"],
    "text": ["text", "texts", "texted", "texting"],
    "email": ["email", "emails", "emailed", "emailing"],
    "admit": ["admit", "admits", "admitted", "admitting"],
    "rebut": ["rebut", "rebuts", "rebutted", "rebutting"],
    "quip": ["quip", "quips", "quipped", "quipping"],
    "blog": ["blog", "blogs", "blogged", "blogging"],
    "refer": ["refer", "refers", "referred", "referring"],
    "understand": ["understand", "understands", "understood", "understanding"],
    "know": ["know", "knows", "knew", "known", "knowing"],
}


def verb_forms(lemma: str) -> list[str]:
    """Inflected forms of a regular (or listed irregular) verb: claim → claims, claimed, claiming."""
    if lemma in IRREGULAR_FORMS:
        return IRREGULAR_FORMS[lemma]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    return [lemma, lemma + "s", lemma + "ed", lemma + "ing"]


def _form_table() -> dict[str, str]:
    table = {}
    for lemma in SPEECH_VERBS | OBJECT_VERBS | INFINITIVE_VERBS | DENIAL_VERBS | HEDGE_PASSIVES | AS_NAMING_VERBS:
        for form in verb_forms(lemma):
            table.setdefault(form, lemma)
    return table


# Every inflected cue form → its lemma, for the rules path (no lemmatizer there).
CUE_FORMS = _form_table()
# Forms of "be" and "have", for spotting passives in the rules path.
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "'s", "’s"}
