"""Read article files: find them, decode them, and gather their metadata.

Formats: ``.txt`` (metadata from a sidecar ``NAME.yml``), ``.md`` (YAML front matter) and
``.html``/``.htm`` (main text and metadata through trafilatura). Curated claims may sit beside any of
them as ``NAME.claims.yml`` or ``NAME.claims.json``. Every problem raises ``ArticleError`` naming the
file and the reason; the caller decides what to do with the other files.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .files import CLAIMS_SUFFIXES, SIDECAR_SUFFIXES, TEXT_SUFFIXES, ArticleError
from .model import Article

METADATA_FIELDS = ("title", "published", "publisher", "original_outlet", "author", "url", "language")
ENCODINGS = ("utf-8", "cp1252", "latin-1")
MAX_BYTES = 5_000_000  # a news article is tens of kilobytes; more is a dump, not an article
MIN_HTML_WORDS = 20
BINARY_SHARE = 0.01  # more control characters than this share of the text: not a text file

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding that decoded it: UTF-8 (with or without BOM), then cp1252, then latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


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


def _iso_date(name: str, value, where: str = "") -> str | None:
    """A published value as ISO text; dates and datetimes from YAML or strings like 2024-12-06."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ArticleError(name, f"{where}published: {text!r} is not an ISO date (YYYY-MM-DD)") from None
    return parsed.date().isoformat() if len(text) <= 10 else parsed.isoformat()


def _metadata(name: str, data, where: str) -> dict:
    """The known metadata fields of a sidecar or front matter, checked."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArticleError(name, f"{where}: expected a mapping of fields, got {type(data).__name__}")
    unknown = sorted(set(data) - set(METADATA_FIELDS))
    if unknown:
        raise ArticleError(name, f"{where}: unknown field(s) {', '.join(map(str, unknown))}; "
                                 f"known: {', '.join(METADATA_FIELDS)}")
    meta = {}
    for key in METADATA_FIELDS:
        value = data.get(key)
        if key == "published":
            meta[key] = _iso_date(name, value, f"{where}: ")
        elif value is not None:
            if isinstance(value, (dict, list)):
                raise ArticleError(name, f"{where}: {key} must be text")
            meta[key] = str(value).strip() or None
    return meta


def _load_yaml(name: str, text: str, where: str):
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise ArticleError(name, f"malformed {where}{at}: {getattr(error, 'problem', None) or error}") from None
    except ValueError as error:  # a value YAML reads as a date but is none: "published: 2025-13-45"
        raise ArticleError(name, f"malformed {where}: {error}") from None


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


def read_companions(path: Path) -> dict[str, tuple[Path, bytes | None]]:
    """Each companion file beside an article, with its bytes (None when it cannot be read)."""
    out = {}
    for kind, file in companions(path).items():
        try:
            out[kind] = (file, file.read_bytes())
        except OSError:
            out[kind] = (file, None)
    return out


@dataclass
class Inputs:
    """What feeds an article file now, by digest: its bytes, its companions, and all of them together."""

    sha256: str
    fingerprint: str
    sidecar_sha256: str | None = None
    claims_sha256: str | None = None


def current_inputs(path: Path) -> Inputs | None:
    """The digests of what feeds an article file now (its bytes and its companions' bytes), without reading
    it as an article; None when the file cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            for chunk in iter(lambda: file.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    beside = {kind: data for kind, (_, data) in read_companions(path).items()}
    sha256 = digest.hexdigest()
    return Inputs(sha256=sha256, fingerprint=fingerprint(sha256, beside),
                  sidecar_sha256=_sha256(beside.get("sidecar")), claims_sha256=_sha256(beside.get("claims")))


def _sha256(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _companion_text(name: str, file: Path, data: bytes | None, what: str) -> str:
    if data is None:
        raise ArticleError(name, f"{what} {file.name} cannot be read")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(name, f"{what} {file.name} cannot be read: {error}") from None


def _sidecar(name: str, file: Path, data: bytes | None) -> dict:
    text = _companion_text(name, file, data, "sidecar")
    return _metadata(name, _load_yaml(name, text, f"sidecar {file.name}"), f"sidecar {file.name}")


def curated_claims(name: str, file: Path, data: bytes | None) -> list[dict]:
    """The hand-made claims beside an article (NAME.claims.yml or NAME.claims.json), checked for shape."""
    text = _companion_text(name, file, data, "claims file")
    if file.name.lower().endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ArticleError(name, f"malformed claims file {file.name}: {error}") from None
    else:
        data = _load_yaml(name, text, f"claims file {file.name}")
    if isinstance(data, dict) and "claims" in data:
        data = data["claims"]
    if not isinstance(data, list) or not all(isinstance(c, dict) and isinstance(c.get("text"), str) for c in data):
        raise ArticleError(name, f"claims file {file.name}: expected a list of claims, each with a 'text'")
    return data


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return None


def _read_html(name: str, html: str) -> tuple[str, dict]:
    """The main text of a page and its metadata, through trafilatura."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                            with_metadata=True, favor_precision=True)
    if extracted is None:
        raise ArticleError(name, "HTML with no main text (trafilatura found no article)")
    doc = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = normalise_newlines(doc.get("text") or "").strip()
    if len(text.split()) < MIN_HTML_WORDS:  # a menu or a cookie notice is not an article
        raise ArticleError(name, "HTML with no main text (trafilatura found no article)")
    meta = {
        "title": doc.get("title"),
        "published": doc.get("date"),
        "publisher": doc.get("sitename") or doc.get("hostname"),
        "author": doc.get("author"),
        "url": doc.get("url"),
        "language": doc.get("language"),
    }
    try:
        meta["published"] = _iso_date(name, meta["published"])
    except ArticleError:
        meta["published"] = None
    # Paragraphs as blank-line separated blocks, the way the plain-text articles come.
    return re.sub(r"\n(?=\S)", "\n\n", text), {k: v for k, v in meta.items() if v}


def default_name(path: Path, root: Path) -> str:
    """A file's path relative to root, '/'-separated (its bare name when outside root)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def read_article(path: Path, root: Path, max_bytes: int = MAX_BYTES, name: str | None = None) -> Article:
    """Read one article file and the files beside it that feed it; raise ArticleError naming the file (as
    name, by default its path relative to root) and the reason. The Article's path is that name."""
    name = name or default_name(path, root)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(name, f"too large for an article ({size:,} bytes; the limit is {max_bytes:,})")
        data = path.read_bytes()
    except PermissionError:
        raise ArticleError(name, "permission denied") from None
    except IsADirectoryError:
        raise ArticleError(name, "is a folder, not a file") from None
    except OSError as error:
        raise ArticleError(name, f"cannot be read: {error.strerror or error}") from None
    _check_text(name, data)
    text, encoding = decode(data)
    text = normalise_newlines(text)
    _check_decoded(name, text)
    fmt = TEXT_SUFFIXES[path.suffix.lower()]
    meta: dict = {}
    source = None
    raw = None
    if fmt == "md":
        match = FRONT_MATTER.match(text)
        if match:
            meta = _metadata(name, _load_yaml(name, match.group(1) or "", "front matter"), "front matter")
            source = "front_matter"
            text = text[match.end():]
    elif fmt == "html":
        raw = text
        text, meta = _read_html(name, text)
        source = "html"
    beside = read_companions(path)
    if "sidecar" in beside:
        side = _sidecar(name, *beside["sidecar"])
        if side:
            meta.update({k: v for k, v in side.items() if v is not None})
            source = "sidecar" if not source else f"{source}+sidecar"
    if not text.strip():
        raise ArticleError(name, "no article text" + (" after the front matter" if fmt == "md" else ""))
    if not meta.get("title"):
        meta["title"] = _first_line(text)
        source = source or "first_line"
    sha256 = hashlib.sha256(data).hexdigest()
    curated = curated_claims(name, *beside["claims"]) if "claims" in beside else []
    return Article(
        path=name, sha256=sha256, size=len(data), body=text, encoding=encoding, format=fmt,
        fingerprint=fingerprint(sha256, {kind: data for kind, (_, data) in beside.items()}),
        sidecar_sha256=_sha256(beside["sidecar"][1]) if "sidecar" in beside else None,
        claims_sha256=_sha256(beside["claims"][1]) if "claims" in beside else None,
        metadata_source=source, curated_claims=curated, raw=raw, **meta,
    )
