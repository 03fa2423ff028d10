"""Read article files: find them, decode them, and gather their metadata.

Formats: ``.txt`` (metadata from a sidecar ``NAME.yml``), ``.md`` (YAML front matter) and
``.html``/``.htm`` (main text and metadata through trafilatura). Curated claims may sit beside any of
them as ``NAME.claims.yml`` or ``NAME.claims.json``. Every problem raises ``ArticleError`` naming the
file and the reason; the caller decides what to do with the other files. Everything read is bounded:
the size of each file, the nesting of YAML and JSON (YAML anchors and aliases are refused), the length
of each metadata field, and the length of any value quoted in a message.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from lxml import etree

from .files import CLAIMS_SUFFIXES, SIDECAR_SUFFIXES, TEXT_SUFFIXES, ArticleError, link_problem
from .model import Article, CuratedClaims

METADATA_FIELDS = ("title", "published", "publisher", "original_outlet", "author", "url", "language")
FIELD_LIMITS = {"title": 1_000, "publisher": 300, "original_outlet": 300, "author": 500, "url": 2_048,
                "language": 35}  # characters; 35 is the longest BCP 47 language tag
ENCODINGS = ("utf-8", "cp1252", "latin-1")
MAX_BYTES = 5_000_000  # a news article is tens of kilobytes; more is a dump, not an article
MAX_METADATA_BYTES = 65_536  # a sidecar or a front matter: a handful of short fields
MAX_CLAIMS_BYTES = 1_000_000  # a claims file: hundreds of claims with their notes
MAX_CLAIMS = 1_000  # claims in one claims file
MAX_NESTING = 10  # levels of lists and mappings in YAML or JSON: metadata is flat, claims nest two or three
COMPANION_LIMITS = {"sidecar": MAX_METADATA_BYTES, "claims": MAX_CLAIMS_BYTES}
COMPANION_NAMES = {"sidecar": "sidecar", "claims": "claims file"}
QUOTE_CHARS = 80  # of a user's value, at most, in any message
LISTED = 5  # names or line numbers listed in a message, at most
MIN_HTML_WORDS = 20
BINARY_SHARE = 0.01  # more control characters than this share of the text: not a text file
# htmldate without its extensive search, which reads dates out of any digits in the page
DATE_SEARCH = {"extensive_search": False, "original_date": True}

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
FRONT_MATTER_OPENS = re.compile(r"\A---[ \t]*\n")
DATA_URI = re.compile(r"data:[^\s'\")]*", re.IGNORECASE)
JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*+"?|[\[\]{}]')  # a string (to skip) or a bracket; linear
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def quoted(text: str, limit: int = QUOTE_CHARS) -> str:
    """A user's text for a message: its repr, cut to `limit` characters (and its length said) when longer."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} characters)"


def described(value) -> str:
    """What a value read from YAML or JSON is, for a message, quoting at most QUOTE_CHARS of it."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int) and value.bit_length() > 200:
        return "a number (a long one)"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dt.datetime):
        return f"a date and time ({value.isoformat()})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    kinds = {list: "a list", dict: "a mapping", bytes: "binary data", set: "a set"}
    return kinds.get(type(value), f"a {type(value).__name__}")


def listed(names) -> str:
    """At most LISTED names, each quoted, and how many more."""
    names = list(names)
    shown = ", ".join(quoted(str(n), 40) for n in names[:LISTED])
    return shown + (f" and {len(names) - LISTED} more" if len(names) > LISTED else "")


@dataclass
class Decoded:
    """A file's text, the encoding(s) that decoded it, and the lines that were not UTF-8 in a mixed file."""

    text: str
    encoding: str
    other_lines: list[int] = field(default_factory=list)  # 1-based numbers of the lines not UTF-8
    other_encodings: list[str] = field(default_factory=list)  # the encodings those lines were read in


def decode_lines(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM) when the whole file is; else, when some lines are UTF-8 and others are not,
    each line on its own: UTF-8 where it is, else cp1252, else latin-1; else, as a whole, cp1252 or latin-1."""
    bom = data.startswith(b"\xef\xbb\xbf")
    body, first = (data[3:], "utf-8-sig") if bom else (data, "utf-8")
    try:
        return Decoded(body.decode("utf-8"), first)
    except UnicodeDecodeError:
        pass
    lines = body.splitlines(keepends=True)
    if not bom and not any(not line.isascii() and _is_utf8(line) for line in lines):
        return Decoded(*_decode_8bit(body))
    parts, other_lines, used = [], [], set()
    for number, line in enumerate(lines, 1):
        if _is_utf8(line):
            parts.append(line.decode("utf-8"))
            continue
        text, encoding = _decode_8bit(line)
        parts.append(text)
        other_lines.append(number)
        used.add(encoding)
    others = [e for e in ENCODINGS if e in used]
    return Decoded("".join(parts), "+".join([first, *others]), other_lines, others)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_8bit(data: bytes) -> tuple[str, str]:
    for encoding in ENCODINGS[1:]:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding that decoded it: UTF-8 (with or without BOM), then cp1252, then latin-1; a file
    mixing UTF-8 lines with others is decoded line by line (encoding e.g. utf-8+cp1252)."""
    decoded = decode_lines(data)
    return decoded.text, decoded.encoding


def mixed_encoding_warning(decoded: Decoded) -> str | None:
    """The warning for a file whose lines are not all in one encoding, naming how many and the first ones."""
    count = len(decoded.other_lines)
    if not count:
        return None
    numbers = ", ".join(map(str, decoded.other_lines[:LISTED])) + (
        f" and {count - LISTED} more" if count > LISTED else "")
    return (f"mixed encodings: {count} line{'s' if count > 1 else ''} not UTF-8, read as "
            f"{' or '.join(decoded.other_encodings)} (line{'s' if count > 1 else ''} {numbers}); "
            f"the other lines are UTF-8")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_text(name: str, data: bytes) -> None:
    if not data.strip():
        raise ArticleError(name, "empty file" if not data else "empty file (only white space)")
    if b"\x00" in data[:65536]:
        raise ArticleError(name, "binary file (contains NUL bytes)")


def _check_decoded(name: str, text: str) -> None:
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > BINARY_SHARE * len(sample):
        raise ArticleError(name, f"binary file ({controls} control characters in the first {len(sample)})")


def _published(value) -> str | None:
    """A published value as ISO text (dates and datetimes from YAML, or text like 2024-12-06); ValueError
    with the reason when it is none."""
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = value.strip() if isinstance(value, str) else None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
    except ValueError:
        parsed = None
    if parsed is None:
        shown = quoted(text) if text is not None else described(value)
        raise ValueError(f"published: {shown} is not an ISO date (YYYY-MM-DD)")
    return parsed.date().isoformat() if len(text) <= 10 else parsed.isoformat()


def _iso_date(name: str, value, where: str = "") -> str | None:
    """A published value as ISO text, or ArticleError naming the file."""
    try:
        return _published(value)
    except ValueError as error:
        raise ArticleError(name, f"{where}{error}") from None


def _text_field(key: str, value) -> str | None:
    """A metadata field's text, stripped (None when empty); ValueError with the reason when it is no text or
    longer than its limit."""
    if not isinstance(value, str):
        hint = " (put it in quotes)" if isinstance(value, (bool, int, float, dt.date)) else ""
        raise ValueError(f"{key} must be text, not {described(value)}{hint}")
    text = value.strip()
    if len(text) > FIELD_LIMITS[key]:
        raise ValueError(f"{key} is {len(text):,} characters long (the limit is {FIELD_LIMITS[key]:,})")
    return text or None


def _metadata(name: str, data, where: str) -> dict:
    """The known metadata fields of a sidecar or front matter, checked; every problem in one ArticleError."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArticleError(name, f"{where}: expected a mapping of fields, got {described(data)}")
    problems = []
    unknown = [key for key in data if key not in METADATA_FIELDS]
    if unknown:
        problems.append(f"unknown field(s) {listed(unknown)}; known: {', '.join(METADATA_FIELDS)}")
    meta = {}
    for key in METADATA_FIELDS:
        if data.get(key) is None:
            continue
        try:
            meta[key] = _published(data[key]) if key == "published" else _text_field(key, data[key])
        except ValueError as error:
            problems.append(str(error))
    if problems:
        raise ArticleError(name, f"{where}: {'; '.join(problems)}")
    return meta


class YAMLLimitError(yaml.MarkedYAMLError):
    """YAML refused before it is built: anchors and aliases, or nesting too deep."""


class BoundedLoader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors and aliases (no alias bombs: nothing is ever expanded) and lists or
    mappings nested deeper than MAX_NESTING, as each node is composed, before any value is built."""

    def __init__(self, stream):
        super().__init__(stream)
        self.nesting = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise YAMLLimitError(problem="YAML anchors and aliases (&name, *name) are not allowed",
                                 problem_mark=event.start_mark)
        if not isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            return super().compose_node(parent, index)
        if self.nesting >= MAX_NESTING:
            raise YAMLLimitError(problem=f"lists and mappings nested deeper than {MAX_NESTING} levels",
                                 problem_mark=event.start_mark)
        self.nesting += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.nesting -= 1


def _clipped(message: str, limit: int = 2 * QUOTE_CHARS) -> str:
    """A library's message on one line, cut to `limit` characters (it may quote the user's text)."""
    message = " ".join(message.split())
    return message if len(message) <= limit else message[:limit] + "…"


def _load_yaml(name: str, text: str, where: str):
    """The one YAML document in text, through BoundedLoader; ArticleError naming the file and the reason."""
    loader = BoundedLoader(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        problem = _clipped(str(getattr(error, "problem", None) or error))
        if isinstance(error, YAMLLimitError):
            raise ArticleError(name, f"{where} refused{at}: {problem}") from None
        raise ArticleError(name, f"malformed {where}{at}: {problem}") from None
    except ValueError as error:  # a value YAML reads as a date but is none: "published: 2025-13-45"
        raise ArticleError(name, f"malformed {where}: {_clipped(str(error))}") from None
    finally:
        loader.dispose()


def _json_nesting(text: str) -> int:
    """How deep the lists and objects of a JSON text nest, counted without parsing it."""
    depth = deepest = 0
    for match in JSON_TOKEN.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def _load_json(name: str, text: str, where: str):
    if _json_nesting(text) > MAX_NESTING:
        raise ArticleError(name, f"{where} refused: lists and objects nested deeper than {MAX_NESTING} levels")
    try:
        return json.loads(text)
    except ValueError as error:  # JSONDecodeError, or a number too long to convert
        raise ArticleError(name, f"malformed {where}: {_clipped(str(error))}") from None


def companions(path: Path) -> dict[str, Path]:
    """The files beside an article that feed it: its sidecar ("sidecar": NAME.yml) and its curated claims
    ("claims": NAME.claims.yml or .json), the first found of each kind."""
    found = {}
    stem = str(path.with_suffix(""))
    for kind, suffixes in (("claims", CLAIMS_SUFFIXES), ("sidecar", SIDECAR_SUFFIXES)):
        for suffix in suffixes:
            candidate = Path(stem + suffix)
            if candidate.is_file():
                found[kind] = candidate
                break
    return found


def fingerprint(sha256: str, companion_bytes: dict[str, bytes | None]) -> str:
    """One digest of everything that feeds an article: the file's bytes (by their sha256) and each companion's
    bytes (None for a companion that cannot be read, which never matches an archived fingerprint)."""
    digest = hashlib.sha256(f"claimarchive inputs 1\nfile {sha256}\n".encode())
    for kind in sorted(companion_bytes):
        data = companion_bytes[kind]
        part = "unreadable" if data is None else hashlib.sha256(data).hexdigest()
        digest.update(f"{kind} {part}\n".encode())
    return digest.hexdigest()


def _companion_link_problem(file: Path, root: Path | None) -> str | None:
    """Why a companion may not be followed: a symbolic link that leaves root (None when no root is given)."""
    if root is None or not os.path.islink(file):
        return None
    return link_problem(file, Path(os.path.realpath(root)))


def _companion_bytes(file: Path, limit: int, root: Path | None) -> bytes | None:
    if _companion_link_problem(file, root):
        return None
    try:
        with open(file, "rb") as handle:
            data = handle.read(limit + 1)  # never more than the limit and one byte: bounded whatever the file
    except OSError:
        return None
    return None if len(data) > limit else data


def read_companions(path: Path, root: Path | None = None) -> dict[str, tuple[Path, bytes | None]]:
    """Each companion file beside an article, with its bytes: None when it cannot be read, is larger than
    its kind allows, or (root given) is a symbolic link leading outside root, which is not followed."""
    return {kind: (file, _companion_bytes(file, COMPANION_LIMITS[kind], root))
            for kind, file in companions(path).items()}


@dataclass
class Inputs:
    """What feeds an article file now, by digest: its bytes, its companions, and all of them together."""

    sha256: str
    fingerprint: str
    sidecar_sha256: str | None = None
    claims_sha256: str | None = None


def current_inputs(path: Path, root: Path | None = None) -> Inputs | None:
    """The digests of what feeds an article file now (its bytes and its companions' bytes), without reading
    it as an article; None when the file cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            for chunk in iter(lambda: file.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    beside = {kind: data for kind, (_, data) in read_companions(path, root=root).items()}
    sha256 = digest.hexdigest()
    return Inputs(sha256=sha256, fingerprint=fingerprint(sha256, beside),
                  sidecar_sha256=_sha256(beside.get("sidecar")), claims_sha256=_sha256(beside.get("claims")))


def _sha256(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _why_unread(file: Path, kind: str, root: Path | None) -> str:
    """Why a companion's bytes are None: a link leaving root, too large, or unreadable."""
    what, limit = COMPANION_NAMES[kind], COMPANION_LIMITS[kind]
    problem = _companion_link_problem(file, root)
    if problem:
        return f"{what} {file.name}: {problem}"
    try:
        size = file.stat().st_size
    except OSError as error:
        return f"{what} {file.name} cannot be read: {error.strerror or error}"
    if size > limit:
        return f"{what} {file.name} is too large ({size:,} bytes; the limit is {limit:,})"
    return f"{what} {file.name} cannot be read"


def _companion_text(name: str, file: Path, data: bytes | None, kind: str, root: Path | None = None,
                    why: str | None = None) -> str:
    if data is None:
        raise ArticleError(name, why or _why_unread(file, kind, root))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(name, f"{COMPANION_NAMES[kind]} {file.name} cannot be read: {error}") from None


def _sidecar(name: str, file: Path, data: bytes | None, root: Path | None = None, why: str | None = None) -> dict:
    text = _companion_text(name, file, data, "sidecar", root, why)
    return _metadata(name, _load_yaml(name, text, f"sidecar {file.name}"), f"sidecar {file.name}")


def curated_claims(name: str, file: Path, data: bytes | None, root: Path | None = None,
                   why: str | None = None) -> CuratedClaims:
    """The hand-made claims beside an article (NAME.claims.yml or NAME.claims.json): a list (or a mapping
    with a list under "claims") of at most MAX_CLAIMS entries, each checked later by curated.check."""
    text = _companion_text(name, file, data, "claims", root, why)
    where = f"claims file {file.name}"
    load = _load_json if file.name.lower().endswith(".json") else _load_yaml
    entries = load(name, text, where)
    if isinstance(entries, dict) and "claims" in entries:
        entries = entries["claims"]
    if not isinstance(entries, list):
        raise ArticleError(name, f"{where}: expected a list of claims, got {described(entries)}")
    if len(entries) > MAX_CLAIMS:
        raise ArticleError(name, f"{where}: {len(entries):,} claims (the limit is {MAX_CLAIMS:,})")
    return CuratedClaims(entries, file=file.name)


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return None


@dataclass
class _Reading:
    """What a file's format gives: its body, metadata, where the metadata came from, and what went wrong."""

    body: str
    meta: dict = field(default_factory=dict)
    source: str | None = None  # metadata_source
    raw: str | None = None
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # metadata problems, reported together


def _without_data_uris(tree) -> None:
    """Blank the data: URIs (inline images, fonts) in a page's attributes, so no date is read from their bytes."""
    for element in tree.iter(etree.Element):
        for key, value in element.attrib.items():
            if "data:" in value.lower():
                element.attrib[key] = DATA_URI.sub("data:", value)


def _page_metadata(doc: dict) -> tuple[dict, list[str]]:
    """A page's own metadata fields, each over its limit dropped with a warning."""
    found = {"title": doc.get("title"), "publisher": doc.get("sitename") or doc.get("hostname"),
             "author": doc.get("author"), "url": doc.get("url"), "language": doc.get("language")}
    meta, warnings = {}, []
    for key, value in found.items():
        try:
            meta[key] = _text_field(key, value) if value else None
        except ValueError as error:
            warnings.append(f"the page's {error}: dropped")
    try:
        meta["published"] = _published(doc.get("date"))
    except ValueError:
        meta["published"] = None
    return {k: v for k, v in meta.items() if v}, warnings


def _read_html(name: str, html: str) -> _Reading:
    """The main text of a page and its metadata, through trafilatura; the date only from the page's metadata
    and visible text (never from inline data such as base64 images)."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        raise ArticleError(name, "HTML with no main text (trafilatura found no article)")
    _without_data_uris(tree)
    extracted = trafilatura.bare_extraction(tree, include_comments=False, include_tables=False,
                                            with_metadata=True, favor_precision=True,
                                            date_extraction_params=dict(DATE_SEARCH))
    if extracted is None:
        raise ArticleError(name, "HTML with no main text (trafilatura found no article)")
    doc = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = normalise_newlines(doc.get("text") or "").strip()
    if len(text.split()) < MIN_HTML_WORDS:  # a menu or a cookie notice is not an article
        raise ArticleError(name, "HTML with no main text (trafilatura found no article)")
    meta, warnings = _page_metadata(doc)
    # Paragraphs as blank-line separated blocks, the way the plain-text articles come.
    return _Reading(re.sub(r"\n(?=\S)", "\n\n", text), meta, "html", raw=html, warnings=warnings)


def _read_markdown(name: str, text: str) -> _Reading:
    """The text after the YAML front matter, and the front matter's metadata."""
    match = FRONT_MATTER.match(text)
    if not match:
        if FRONT_MATTER_OPENS.match(text):
            raise ArticleError(name, "front matter never closed: the '---' on line 1 has no closing '---' "
                                     "(or '...') line")
        return _Reading(text)
    reading = _Reading(text[match.end():], source="front_matter")
    front = match.group(1) or ""
    size = len(front.encode("utf-8"))
    if size > MAX_METADATA_BYTES:
        reading.problems.append(f"front matter is too large ({size:,} bytes; the limit is {MAX_METADATA_BYTES:,})")
        return reading
    try:
        reading.meta = _metadata(name, _load_yaml(name, front, "front matter"), "front matter")
    except ArticleError as error:
        reading.problems.append(error.reason)
    return reading


def default_name(path: Path, root: Path) -> str:
    """A file's path relative to root, '/'-separated (its bare name when outside root)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _file_bytes(name: str, path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(name, f"too large for an article ({size:,} bytes; the limit is {max_bytes:,})")
        return path.read_bytes()
    except PermissionError:
        raise ArticleError(name, "permission denied") from None
    except IsADirectoryError:
        raise ArticleError(name, "is a folder, not a file") from None
    except OSError as error:
        raise ArticleError(name, f"cannot be read: {error.strerror or error}") from None


def _add_sidecar(name: str, reading: _Reading, loaded: FileBytes) -> str | None:
    """The sidecar's metadata over the format's (the sidecar wins); where `published` came from."""
    published_from = reading.source if reading.meta.get("published") else None
    if "sidecar" not in loaded.beside:
        return published_from
    try:
        side = _sidecar(name, *loaded.beside["sidecar"], why=loaded.unread.get("sidecar"))
    except ArticleError as error:
        reading.problems.append(error.reason)
        return published_from
    if side:
        reading.meta.update({k: v for k, v in side.items() if v is not None})
        reading.source = "sidecar" if not reading.source else f"{reading.source}+sidecar"
    return "sidecar" if side.get("published") else published_from


@dataclass
class FileBytes:
    """An article file's bytes and its companions', read where the files are: all that reading it as an
    article needs (``article_from``), which can then happen on another machine without its file system."""

    name: str  # as messages name the file
    suffix: str  # which format: .txt, .md, .html
    data: bytes
    beside: dict[str, tuple[Path, bytes | None]]  # read_companions
    unread: dict[str, str]  # why each companion whose bytes are None could not be read


def load_bytes(path: Path, root: Path, max_bytes: int = MAX_BYTES, name: str | None = None) -> FileBytes:
    """Read an article file's bytes and its companions' (the file system part of read_article); raise
    ArticleError when the file itself cannot be read or is too large."""
    name = name or default_name(path, root)
    data = _file_bytes(name, path, max_bytes)
    beside = read_companions(path, root=root)
    unread = {kind: _why_unread(file, kind, root) for kind, (file, content) in beside.items() if content is None}
    return FileBytes(name=name, suffix=path.suffix.lower(), data=data, beside=beside, unread=unread)


def read_article(path: Path, root: Path, max_bytes: int = MAX_BYTES, name: str | None = None) -> Article:
    """Read one article file and the files beside it that feed it; raise ArticleError naming the file (as
    name, by default its path relative to root) and the reason. The Article's path is that name. A sidecar
    or claims file that is a symbolic link leading outside root is not followed."""
    return article_from(load_bytes(path, root, max_bytes, name))


def article_from(loaded: FileBytes) -> Article:
    """The Article in the bytes load_bytes read (no file is opened); ArticleError naming the file and why."""
    name, data, beside = loaded.name, loaded.data, loaded.beside
    _check_text(name, data)
    decoded = decode_lines(data)
    text = normalise_newlines(decoded.text)
    _check_decoded(name, text)
    fmt = TEXT_SUFFIXES[loaded.suffix]
    reading = _read_markdown(name, text) if fmt == "md" else _read_html(name, text) if fmt == "html" \
        else _Reading(text)
    published_from = _add_sidecar(name, reading, loaded)
    if reading.problems:
        raise ArticleError(name, "; ".join(reading.problems))
    if not reading.body.strip():
        raise ArticleError(name, "no article text" + (" after the front matter" if fmt == "md" else ""))
    if not reading.meta.get("title"):
        reading.meta["title"] = _first_line(reading.body)
        reading.source = reading.source or "first_line"
    sha256 = hashlib.sha256(data).hexdigest()
    curated = curated_claims(name, *beside["claims"], why=loaded.unread.get("claims")) if "claims" in beside \
        else CuratedClaims()
    warnings = [w for w in [mixed_encoding_warning(decoded), *reading.warnings] if w]
    return Article(
        path=name, sha256=sha256, size=len(data), body=reading.body, encoding=decoded.encoding, format=fmt,
        fingerprint=fingerprint(sha256, {kind: data for kind, (_, data) in beside.items()}),
        sidecar_sha256=_sha256(beside["sidecar"][1]) if "sidecar" in beside else None,
        claims_sha256=_sha256(beside["claims"][1]) if "claims" in beside else None,
        metadata_source=reading.source, curated_claims=curated, raw=reading.raw,
        published_source=published_from, warnings=warnings, **reading.meta,
    )
