"""Find the article files under the paths given, and name each one.

Every file found gets three names: the path as the user gave it (for messages), the path it is archived
under (its identity: relative to the archive's folder when it lies inside it, else absolute, so that two
``same.txt`` in two folders are two files), and the name release 0.1 archived it under (relative to the
folder walked), by which an archive made by that release adopts its rows. Folders are walked recursively
in sorted order; what is not an article, or a sidecar or curated-claims file beside one, is listed as
skipped; what cannot be walked or followed is an error naming the path.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SIDECAR_SUFFIXES = (".yml", ".yaml")
CLAIMS_SUFFIXES = (".claims.yml", ".claims.yaml", ".claims.json")


class ArticleError(Exception):
    """A file that cannot be archived, and why."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class ArticleFile:
    """An article file found under an ingest path."""

    file: Path  # where to open it
    root: Path  # the folder walked (or the file's own folder): symbolic links may not leave it
    shown: str  # the path as the user gave it, for messages
    key: str  # the path archived: relative to the archive's folder when inside it, else absolute
    legacy: str  # the name release 0.1 archived it under: relative to the folder walked


@dataclass
class Skipped:
    """A file or folder under an ingest path that is not an article."""

    path: str  # as the user gave it
    reason: str


@dataclass
class Found:
    """What the ingest paths hold."""

    files: list[ArticleFile] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def is_article_file(path: Path) -> bool:
    """An article by its name: a known text suffix, not hidden."""
    return path.suffix.lower() in TEXT_SUFFIXES and not path.name.startswith(".")


def companion_of(name: str, names: set[str]) -> bool:
    """Whether a file name is the sidecar or curated-claims file of an article among names."""
    lower = name.lower()
    for suffix in CLAIMS_SUFFIXES + SIDECAR_SUFFIXES:
        if lower.endswith(suffix):
            stem = name[: -len(suffix)]
            return any(stem + text in names or stem + text.upper() in names for text in TEXT_SUFFIXES)
    return False


def archive_key(path: Path, base: Path) -> str:
    """The path a file is archived under: its real folder and its own name, relative to base (the archive's
    real folder) when inside it, else absolute; '/'-separated."""
    real = Path(os.path.realpath(path.parent)) / path.name
    try:
        return real.relative_to(base).as_posix()
    except ValueError:
        return real.as_posix()


def find_files(paths: list[Path], base: Path) -> Found:
    """Every article file under the paths, named against base (the archive's folder); errors for paths that
    are missing, unreadable, unsupported or links that loop or leave their folder; skipped for the rest."""
    found = Found()
    base = Path(os.path.realpath(base))
    for given in paths:
        problem = _given_problem(given)
        if problem:
            found.errors.append(ArticleError(str(given), problem))
        elif given.is_dir():
            _walk(given, base, found)
        elif not is_article_file(given):
            found.errors.append(ArticleError(str(given), f"unsupported file type {given.suffix or '(none)'!r}: "
                                                         f"expected one of {', '.join(sorted(TEXT_SUFFIXES))}"))
        else:
            found.files.append(ArticleFile(file=given, root=Path(os.path.realpath(given.parent)), shown=str(given),
                                           key=archive_key(given, base), legacy=given.name))
    return found


def _given_problem(given: Path) -> str | None:
    try:
        os.lstat(given)
    except FileNotFoundError:
        return "no such file or folder"
    except OSError as error:
        return _os_reason(error)
    try:
        os.stat(given)
    except FileNotFoundError:
        return "broken symbolic link"
    except OSError as error:
        return _os_reason(error)
    return None


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot be read: {error.strerror or error}"


def _walk(given: Path, base: Path, found: Found) -> None:
    root = Path(os.path.realpath(given))

    def unreadable(error: OSError) -> None:
        shown = str(error.filename) if error.filename else str(given)
        found.errors.append(ArticleError(shown, f"folder cannot be read: {_os_reason(error)}"))

    for dirpath, dirnames, filenames in os.walk(given, onerror=unreadable, followlinks=False):
        folder = Path(dirpath)
        linked = [d for d in dirnames if os.path.islink(folder / d)]
        for name in sorted(d for d in dirnames if d.startswith(".") and d not in linked):
            found.skipped.append(Skipped(str(folder / name), "hidden folder: not walked"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in linked)
        names = set(filenames)
        for name in sorted(filenames + linked):
            _classify(folder / name, name, names, given, root, base, found)


def _classify(path: Path, name: str, names: set[str], given: Path, root: Path, base: Path, found: Found) -> None:
    """Put one entry of a walked folder where it belongs: an article, an error, skipped, or (a sidecar or
    curated-claims file) nowhere, since its article reads it."""
    if name.startswith("."):
        found.skipped.append(Skipped(str(path), "hidden file"))
    elif is_article_file(path):
        problem = _link_problem(path, root)
        if problem:
            found.errors.append(ArticleError(str(path), problem))
        else:
            found.files.append(ArticleFile(file=path, root=root, shown=str(path), key=archive_key(path, base),
                                           legacy=path.relative_to(given).as_posix()))
    elif companion_of(name, names):
        return
    elif os.path.islink(path) and os.path.isdir(path):
        found.skipped.append(Skipped(str(path), "symbolic link to a folder: not followed"))
    elif name.lower().endswith(CLAIMS_SUFFIXES + SIDECAR_SUFFIXES):
        found.skipped.append(Skipped(str(path), "a sidecar or claims file with no article of the same name"))
    else:
        suffix = path.suffix.lower()
        found.skipped.append(Skipped(str(path), f"not an article ({suffix!r} files are not read)" if suffix
                                     else "not an article (no file type)"))


def _link_problem(path: Path, root: Path) -> str | None:
    """Why a walked entry that looks like an article cannot be followed, or None."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as error:
        return _os_reason(error)
    if not stat.S_ISLNK(mode):
        return None
    return link_problem(path, root)


def link_problem(path: Path, root: Path) -> str | None:
    """Why a symbolic link may not be followed: it loops, leads nowhere, leaves root or leads to a folder."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "symbolic link that loops or leads nowhere"
    if root != target and root not in target.parents:
        return f"symbolic link leading outside {root}: not followed"
    if target.is_dir():
        return "symbolic link to a folder: not followed"
    return None
