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
import os
import re
from pathlib import Path

import yaml

from .model import Article

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SIDECAR_SUFFIXES = (".yml", ".yaml")
CLAIMS_SUFFIXES = (".claims.yml", ".claims.yaml", ".claims.json")
METADATA_FIELDS = ("title", "published", "publisher", "original_outlet", "author", "url", "language")
ENCODINGS = ("utf-8", "cp1252", "latin-1")
MAX_BYTES = 5_000_000  # a news article is tens of kilobytes; more is a dump, not an article
MIN_HTML_WORDS = 20
BINARY_SHARE = 0.01  # more control characters than this share of the text: not a text file

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


class ArticleError(Exception):
    """A file that cannot be archived, and why."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def is_article_file(path: Path) -> bool:
    """An article by its name: a known text suffix, not a sidecar."""
    name = path.name.lower()
    return path.suffix.lower() in TEXT_SUFFIXES and not name.startswith(".")


def find_files(paths: list[Path]) -> tuple[list[tuple[Path, Path]], list[ArticleError]]:
    """(file, root) for every article under the paths given, and errors for paths that are not there.

    Folders are walked recursively in sorted order; symbolic links that lead outside the folder being
    walked, and links that loop, are reported instead of followed.
    """
    found: list[tuple[Path, Path]] = []
    errors: list[ArticleError] = []
    for given in paths:
        if not given.exists() and not given.is_symlink():
            errors.append(ArticleError(str(given), "no such file or folder"))
        elif given.is_symlink() and not given.exists():
            errors.append(ArticleError(str(given), "broken symbolic link"))
        elif given.is_dir():
            root = given.resolve()
            for dirpath, dirnames, filenames in os.walk(given, followlinks=False):
                dirnames.sort()
                for name in sorted(filenames) + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
                    path = Path(dirpath) / name
                    if not is_article_file(path):
                        continue
                    problem = _link_problem(path, root)
                    if problem:
                        errors.append(ArticleError(_display(path, given), problem))
                    else:
                        found.append((path, given))
        elif not is_article_file(given):
            errors.append(ArticleError(str(given), f"unsupported file type {given.suffix or '(none)'!r}: "
                                                   f"expected one of {', '.join(sorted(TEXT_SUFFIXES))}"))
        else:
            found.append((given, given.parent))
    return found, errors


def _link_problem(path: Path, root: Path) -> str | None:
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "symbolic link that loops or leads nowhere"
    if root != target and root not in target.parents:
        return f"symbolic link leading outside {root}: not followed"
    if target.is_dir():
        return "symbolic link to a folder: not followed"
    return None


def _display(path: Path, root: Path) -> str:
    """A file's path relative to its ingest root, '/'-separated."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def relative_path(path: Path, root: Path) -> str:
    """The path archived for a file: relative to the root it was found under."""
    return path.name if root == path.parent and not root.is_dir() else _display(path, root)


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


def _sidecar(path: Path, name: str) -> tuple[dict, str | None]:
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_suffix(suffix)
        if sidecar.is_file():
            try:
                text = sidecar.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise ArticleError(name, f"sidecar {sidecar.name} cannot be read: {error}") from None
            return _metadata(name, _load_yaml(name, text, f"sidecar {sidecar.name}"), f"sidecar {sidecar.name}"), "sidecar"
    return {}, None


def curated_claims(path: Path, name: str) -> list[dict]:
    """The hand-made claims beside an article (NAME.claims.yml or NAME.claims.json), checked for shape."""
    stem = path.with_suffix("")
    for suffix in CLAIMS_SUFFIXES:
        file = Path(str(stem) + suffix)
        if not file.is_file():
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ArticleError(name, f"claims file {file.name} cannot be read: {error}") from None
        if suffix.endswith(".json"):
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
    return []


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


def read_article(path: Path, root: Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article file; raise ArticleError naming the file and the reason."""
    name = relative_path(path, root)
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
    side, side_source = _sidecar(path, name)
    if side:
        meta.update({k: v for k, v in side.items() if v is not None})
        source = side_source if not source else f"{source}+{side_source}"
    if not text.strip():
        raise ArticleError(name, "no article text" + (" after the front matter" if fmt == "md" else ""))
    if not meta.get("title"):
        meta["title"] = _first_line(text)
        source = source or "first_line"
    article = Article(
        path=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), body=text, encoding=encoding,
        format=fmt, metadata_source=source, curated_claims=curated_claims(path, name), raw=raw, **meta,
    )
    return article
