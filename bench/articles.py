"""Long test articles, written deterministically by code, for measuring how each stage grows with length.

    python -m bench.articles OUT_DIR [--kind news] [--size 500000]   # writes OUT_DIR/KIND_SIZE.txt (+ .yml)

Kinds (every one realistic news prose, dense with what the stages look for):
- ``news``: paragraphs of ``tests/corpus`` and ``tests/heldout`` (figures renumbered) mixed with written
  paragraphs: quotes with "said" and "according to", figures ("at least 40 people"), dates ("on Friday",
  "since 2011"), places, captions with photo credits, subheadings;
- ``long``: the same text, its paragraphs joined into paragraphs of up to 49,000 characters;
- ``numbers``, ``dates``, ``quotes``, ``claims``: written paragraphs that stress figures, date expressions,
  quotations, and claims by many different sources;
- ``lists``: what tables and flashes become in scraped text: long lists of figures by place, lists of places,
  paragraphs in capitals (long capitalised runs).

The same kind, size and seed always give the same text. ``size`` is in bytes of UTF-8, and the text stays
just under it (so 4,990,000 is just under the reader's 5,000,000-byte limit).
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = (ROOT / "tests" / "corpus", ROOT / "tests" / "heldout")
KINDS = ("news", "long", "numbers", "dates", "quotes", "claims", "lists")
PUBLISHED = "2024-12-06"
LONG_PARAGRAPH = 49_000  # characters; the passage limit is 50,000
NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b")
YEAR = re.compile(r"^(?:19|20)\d\d$")

FIRST = ("Amina Daniel Elena Farid Grace Hassan Ines Jonas Karim Leila Marco Nadia Omar Priya Rafael Sara Tomas "
         "Ugo Vera Yusuf Zofia Adrian Bianca Chen Dmitri Esra Felix Hana Ivan Julia Kofi Lucia Mateo Noor Olga "
         "Pavel Rania Stefan Tariq Ursula Viktor Wanjiru Xavier Yara Zainab Aleksander Beatriz Carlos Dalia").split()
LAST = ("Okafor Novak Haddad Lindqvist Moreau Tanaka Kowalski Mensah Rossi Petrov Silva Nguyen Adeyemi Bauer "
        "Costa Dimitrov Eriksen Fischer Gomez Horvat Ibrahim Jensen Kaya Larsen Mwangi Nowak Ortiz Popescu "
        "Quispe Rahman Schmidt Torres Umarov Varga Weber Yilmaz Zhou Abbasi Bondarenko Castillo Demir "
        "Esposito Fofana Grigoryan Hoxha Iqbal Jovanovic Karimi Lopez Mahmoud").split()
ROLES = ("a spokesperson for the regional government", "the city's mayor", "a senior police officer",
         "the health minister", "a local resident", "an aid worker", "a military spokesman", "the UN envoy",
         "a doctor at the main hospital", "an opposition lawmaker", "the fire chief", "a shop owner")
ORG_WORDS = ("Observatory for Human Rights", "Civil Defence Agency", "Ministry of Health", "Red Crescent Society",
             "Disaster Management Authority", "Electoral Commission", "Refugee Council", "Police Service",
             "Chamber of Commerce", "Workers' Union", "Statistics Office", "Medical Association")
CITIES = ("Kyiv Kharkiv Odesa Homs Aleppo Damascus Mosul Basra Khartoum Omdurman Goma Bukavu Nairobi Mombasa "
          "Lagos Kano Accra Dakar Bamako Lima Cusco Quito Bogota Medellin Manila Cebu Dhaka Chittagong Karachi "
          "Lahore Kabul Tehran Izmir Ankara Valencia Seville Lisbon Porto Naples Milan Krakow Gdansk Bucharest "
          "Cluj-Napoca Warsaw Lviv Tbilisi Yerevan Baku Almaty Tashkent Jakarta Surabaya Hanoi Yangon").split()
COUNTRIES = ("Ukraine Syria Iraq Sudan Congo Kenya Nigeria Ghana Senegal Mali Peru Ecuador Colombia Philippines "
             "Bangladesh Pakistan Afghanistan Iran Turkey Spain Portugal Italy Poland Romania Georgia Armenia "
             "Azerbaijan Kazakhstan Uzbekistan Indonesia Vietnam Myanmar").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = ("January February March April May June July August September October November December").split()
OUTLETS = ("Reuters", "the Associated Press", "AFP", "local radio", "state television", "the BBC")
AGENCIES = ("Reuters", "AFP", "Getty Images", "AP", "EPA")
CUES = ("said", "told reporters", "said in a statement", "wrote on Telegram", "told local radio")
EVENTS = ("were killed", "were injured", "were displaced", "were detained", "were evacuated", "died",
          "were wounded", "were rescued")
THINGS = ("the bridge had collapsed", "the talks would resume", "the border crossing was closed",
          "aid convoys had been turned back", "the power plant was shut down", "schools would stay closed",
          "the curfew had been lifted", "prices had risen sharply", "the vote was postponed",
          "the army had withdrawn from the town", "the water supply was cut", "the airport was reopened")
QUOTES = ("We have not seen anything like this in years.", "Help is on its way, and it will keep coming.",
          "Nobody told us what was happening.", "We are asking for the truth, nothing more.",
          "The situation is getting worse by the hour.", "Our teams are working around the clock.",
          "This is a dark day for the whole country.", "We will rebuild, but it will take time.",
          "People are afraid to leave their homes.", "There is no food left in the market.")


def _source_lines() -> list[str]:
    """Sentence-like lines of the test articles: the raw material, in a fixed order."""
    lines: list[str] = []
    for folder in SOURCE_DIRS:
        for path in sorted(folder.glob("*")):
            if path.suffix not in (".txt", ".md"):
                continue
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".md" and text.startswith("---"):
                text = text.split("\n---", 1)[-1]
            for line in text.split("\n"):
                line = line.strip()
                if len(line) >= 80 and line[-1] in ".!?”\"" and not line.startswith(("#", "-", "•", "|")):
                    lines.append(line)
    return lines


class Writer:
    """Written paragraphs of each kind, drawn from a seeded random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, items):
        return self.rng.choice(items)

    def person(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)}"

    def org(self) -> str:
        return f"the {self.pick(COUNTRIES)} {self.pick(ORG_WORDS)}"

    def place(self) -> str:
        return self.pick(CITIES)

    def count(self) -> str:
        n = self.rng.choice((self.rng.randint(2, 99), self.rng.randint(100, 999), self.rng.randint(1000, 99999)))
        return f"{n:,}"

    def date(self) -> str:
        r = self.rng
        return r.choice((f"on {r.choice(WEEKDAYS)}", f"since {r.randint(1990, 2023)}", "last week",
                         f"on {r.randint(1, 28)} {r.choice(MONTHS)} {r.randint(2015, 2024)}",
                         f"on {r.choice(MONTHS)} {r.randint(1, 28)}", f"{r.choice(('two', 'three', 'five'))} days ago",
                         "this weekend", f"in {r.choice(MONTHS)}", f"last {r.choice(WEEKDAYS)}",
                         f"in early {r.choice(MONTHS)} {r.randint(2015, 2024)}", "yesterday", "over the past month"))

    def figure(self) -> str:
        r = self.rng
        return r.choice((f"at least {self.count()} people {r.choice(EVENTS)}",
                         f"about {self.count()} residents {r.choice(EVENTS)}",
                         f"more than {self.count()} civilians {r.choice(EVENTS)}",
                         f"between {r.randint(10, 90)} and {r.randint(100, 400)} people {r.choice(EVENTS)}",
                         f"{self.count()} people, including {r.randint(2, 9)} children, {r.choice(EVENTS)}",
                         f"nearly {r.randint(2, 95)}% of homes were damaged",
                         f"${r.randint(2, 900)} million in aid was pledged",
                         f"roughly {r.randint(5, 300)} km of road was blocked"))

    def statement(self) -> str:
        return f"{self.pick(THINGS)} {self.date()}"

    def quote_paragraph(self) -> str:
        r = self.rng
        name, role = self.person(), self.pick(ROLES)
        return r.choice((
            f"“{self.pick(QUOTES)[:-1]},” said {name}, {role} in {self.place()}. “{self.pick(QUOTES)}”",
            f"“{self.pick(QUOTES)} {self.pick(QUOTES)}” {name}, {role}, told {self.pick(OUTLETS)} {self.date()}.",
            f"{name}, {role}, said {self.date()} that “{self.pick(QUOTES)[:-1].lower()}.”",
            f"\"{self.pick(QUOTES)}\" {name} said. \"{self.pick(QUOTES)}\"",
        ))

    def claim_paragraph(self) -> str:
        r = self.rng
        return " ".join(r.choice((
            f"{self.person()}, {self.pick(ROLES)}, said {self.statement()}.",
            f"According to {self.org()}, {self.figure()} in {self.place()} {self.date()}.",
            f"{_upper_first(self.org())} {r.choice(CUES)} {self.statement()}, {self.person()} added.",
            f"{self.person()} {r.choice(CUES)} that {self.statement()}.",
            f"Officials in {self.place()} said {self.figure()} {self.date()}.",
        )) for _ in range(r.randint(2, 4)))

    def number_paragraph(self) -> str:
        r = self.rng
        return " ".join(r.choice((
            f"In {self.place()}, {self.figure()} {self.date()}, and {self.figure()}, {self.org()} said.",
            f"The toll rose to {self.count()} from {self.count()}, with {self.count()} injured and "
            f"{r.randint(2, 40)} missing.",
            f"Inflation reached {r.randint(2, 30)}.{r.randint(0, 9)}% in {r.choice(MONTHS)}, up from "
            f"{r.randint(2, 20)}.{r.randint(0, 9)}% a year earlier, and the budget of €{r.randint(2, 90)}bn "
            f"includes {r.randint(100, 900)} million for {r.randint(3, 40)} hospitals.",
            f"Some {self.count()} families, or nearly {r.randint(10, 90)} percent of the district, fled "
            f"{r.randint(3, 60)} miles to camps holding as many as {self.count()} people.",
        )) for _ in range(r.randint(2, 4)))

    def date_paragraph(self) -> str:
        r = self.rng
        return " ".join(r.choice((
            f"The ceasefire agreed {self.date()} broke down {self.date()}, {r.randint(3, 30)} days after talks "
            f"began {self.date()}.",
            f"{self.person()} will travel to {self.place()} next {r.choice(WEEKDAYS)} and meet officials "
            f"{self.date()}, the ministry said.",
            f"Fighting has displaced families since {r.randint(1995, 2022)}, and again in {r.choice(MONTHS)} "
            f"{r.randint(2015, 2024)}, {self.date()} and {self.date()}.",
            f"The report, published on {r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(2016, 2024)}, covers "
            f"the period from {r.randint(1, 28)} {r.choice(MONTHS)} to the end of last month.",
        )) for _ in range(r.randint(2, 4)))

    def news_paragraph(self) -> str:
        r = self.rng
        return r.choice((
            f"{_upper_first(self.figure())} in {self.place()}, {self.pick(COUNTRIES)}, {self.date()}, "
            f"{self.org()} said.",
            self.quote_paragraph(),
            self.claim_paragraph(),
            f"Residents of {self.place()} said {self.statement()}, and {self.figure()} in nearby "
            f"{self.place()}, according to {self.pick(OUTLETS)}.",
        ))

    def list_paragraph(self) -> str:
        r = self.rng
        return r.choice((
            "Deaths by district: " + ", ".join(f"{self.place()} {r.randint(1, 400)}" for _ in range(r.randint(20, 300)))
            + f", {self.org()} said.",
            "Flights resumed on Monday to " + ", ".join(self.place() for _ in range(r.randint(20, 200)))
            + f" and {self.place()}.",
            f"URGENT: {self.news_paragraph().upper()}",
            "Votes counted: " + "; ".join(f"{self.person()} {self.count()}" for _ in range(r.randint(10, 100))) + ".",
        ))

    def caption(self) -> str:
        return (f"Rescuers search the rubble of a building in {self.place()}, {self.pick(COUNTRIES)}, "
                f"{self.date()}. Photo: {self.person()}/{self.pick(AGENCIES)}")

    def subheading(self) -> str:
        return f"{self.pick(('Aid', 'Talks', 'Damage', 'Reaction', 'Evacuations'))} in {self.place()}"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _renumbered(line: str, rng: random.Random) -> str:
    """A corpus line with its figures (not its years) replaced by others of the same shape."""
    def swap(match: re.Match) -> str:
        text = match.group(0)
        if YEAR.match(text):
            return text
        return "".join(str(rng.randint(1, 9)) if k == 0 and c.isdigit() else str(rng.randint(0, 9))
                       if c.isdigit() else c for k, c in enumerate(text))
    return NUMBER.sub(swap, line)


def _blocks(kind: str, rng: random.Random):
    """The article's blocks after its headline, one at a time, without end."""
    writer = Writer(rng)
    lines = _source_lines()
    stress = {"numbers": writer.number_paragraph, "dates": writer.date_paragraph, "quotes": writer.quote_paragraph,
              "claims": writer.claim_paragraph, "lists": writer.list_paragraph}.get(kind)
    first = True
    while True:
        if first:
            first = False
            yield f"{writer.place().upper()}, {writer.pick(COUNTRIES)} (Reuters) — {writer.news_paragraph()}"
            continue
        roll = rng.random()
        if stress is not None:
            yield stress() if roll < 0.85 else _renumbered(rng.choice(lines), rng)
        elif roll < 0.45:
            yield _renumbered(rng.choice(lines), rng)
        elif roll < 0.93:
            yield writer.news_paragraph()
        elif roll < 0.97:
            yield writer.caption()
        else:
            yield writer.subheading()


def build(kind: str = "news", size: int = 500_000, seed: int = 0) -> str:
    """An article body of the kind, just under ``size`` bytes of UTF-8, always the same for the same arguments."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    rng = random.Random(f"{kind}:{size}:{seed}")
    parts = [f"{_upper_first(Writer(rng).figure())} in {rng.choice(CITIES)}, officials say"]
    used = len(parts[0].encode()) + 1
    current: list[str] = []  # the long paragraph being filled
    current_chars = 0
    for block in _blocks("news" if kind == "long" else kind, rng):
        if kind == "long":
            if current and current_chars + 1 + len(block) > LONG_PARAGRAPH:
                parts.append(" ".join(current))
                current, current_chars = [], 0
            cost = len(block.encode()) + (1 if current else 2)
            if used + cost > size:
                break
            current.append(block)
            current_chars += len(block) + (1 if current_chars else 0)
            used += cost
            continue
        cost = len(block.encode()) + 2
        if used + cost > size:
            break
        parts.append(block)
        used += cost
    if current:
        parts.append(" ".join(current))
    return "\n\n".join(parts) + "\n"


def write(folder: Path, kind: str, size: int, seed: int = 0) -> Path:
    """Write the article (and a sidecar with its publication date) into folder, unless it is there; its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}_{size}.txt"
    text = build(kind, size, seed)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
        path.with_suffix(".yml").write_text(f"title: A {kind} article of {size:,} bytes\npublished: {PUBLISHED}\n"
                                            "publisher: bench.example\nlanguage: en\n", encoding="utf-8")
    return path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.articles")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--kind", choices=KINDS, action="append")
    parser.add_argument("--size", type=int, action="append", help="bytes (repeatable)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for kind in args.kind or ["news"]:
        for size in args.size or [50_000, 500_000, 4_990_000]:
            print(write(args.folder, kind, size, args.seed))


if __name__ == "__main__":
    main()
