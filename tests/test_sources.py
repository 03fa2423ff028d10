"""Sources: one per real-world source in an article, with kinds, aliases, pronouns and chains."""
import pytest

from claimarchive.enrich.sources import is_generic, kind_of, resolve_sources, split_mention
from claimarchive.model import Article, Claim, Relay


@pytest.mark.parametrize("mention,name,aliases", [
    ("the Geneva-based rights group Global Watch for Civilians (GWC)", "Global Watch for Civilians",
     ["GWC", "Geneva-based rights group"]),
    ("Maria Tanaka, the central bank governor", "Maria Tanaka", ["central bank governor"]),
    ("the bank's chief economist, Leo Park", "Leo Park", ["bank's chief economist"]),
    ("Foreign Minister Sergei Lavrov", "Sergei Lavrov", ["Foreign Minister"]),
    ("state broadcaster Telenorte", "Telenorte", ["state broadcaster"]),
    ("the health ministry", "health ministry", []),
    ("police sources in the capital", "police sources in the capital", []),
    ("Omar al-Rashid", "Omar al-Rashid", []),
])
def test_names_lose_titles_descriptors_and_acronyms(mention, name, aliases):
    assert split_mention(mention) == (name, aliases)


@pytest.mark.parametrize("mention,kind", [
    ("the Geneva-based rights group Global Watch for Civilians", "monitor"),
    ("the Associated Press", "news_agency"),
    ("state news agency KNA", "state_media"),
    ("the UN refugee agency", "un_body"),
    ("the defence ministry", "military"),
    ("the army", "military"),
    ("insurgent fighters", "armed_group"),
    ("the interior minister", "government"),
    ("Brazil", "government"),
    ("Maria Tanaka", "person"),
    ("diplomatic sources", "unnamed"),
    ("local newspapers", "media"),
    ("the U.S. Geological Survey", "government"),
    ("the National Weather Service", "government"),
    ("Moscow", "government"),
    ("Texas", "government"),
    ("Kharkiv", "other"),
])
def test_kinds(mention, kind):
    assert kind_of(mention, split_mention(mention)[0]) == kind


@pytest.mark.parametrize("mention, generic", [
    ("officials", True), ("the judge", True), ("Prime Minister", True), ("the ministry", True),
    ("a spokesman", True), ("the county", True), ("the Health Ministry", True), ("Witnesses", True),
    ("the Geneva-based rights group Global Watch for Civilians", False), ("SOHR", False), ("Judge Mary Ode", False),
    ("Kenya's health ministry", False), ("tipsclear.com", False), ("the U.S. Geological Survey", False),
])
def test_generic_sources_say_what_they_are_not_who(mention, generic):
    name = split_mention(mention)[0]
    assert is_generic(name, kind_of(mention, name)) is generic


def claim(source, start=0, resolved=None, relays=()):
    return Claim(start=start, end=start + 5, text="x", kind="attributed", sentence_start=start,
                 sentence_end=start + 5, source_text=source, source_resolved=resolved, relays=list(relays))


def test_mentions_of_one_source_share_a_row_and_pronouns_resolve():
    article = Article(path="a.txt", sha256="0", size=1, body="", encoding="utf-8", format="txt",
                      original_outlet="Daily Wire Service", publisher="reposts.example")
    claims = [
        claim("the Geneva-based rights group Global Watch for Civilians (GWC)"),
        claim("GWC", 10),
        claim("the Geneva-based rights group", 20),
        claim("Omar al-Rashid, the group's director", 30),
        claim("Al-Rashid", 40),
        claim("He", 50, resolved="Omar al-Rashid, the group's director"),
        claim("officials", 60, relays=[Relay("Reuters", "told", 70, 77)]),
        claim(None, 80),
    ]
    sources, claim_sources, chains = resolve_sources(claims, article)
    names = [sources[claim_sources[i]].name for i in range(7)]
    assert names == ["Global Watch for Civilians"] * 3 + ["Omar al-Rashid"] * 3 + ["officials"]
    assert 7 not in claim_sources
    assert [(sources[s].name, relation) for s, _, relation, *_ in chains[6]] == [
        ("officials", "said"), ("Reuters", "told"), ("Daily Wire Service", "reported_by"),
        ("reposts.example", "published_by")]
    assert [relation for _, _, relation, *_ in chains[7]] == ["reported_by", "published_by"]
    kinds = {s.name: s.kind for s in sources}
    assert kinds["Reuters"] == "news_agency" and kinds["officials"] == "government"
