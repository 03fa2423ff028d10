"""Reading article files: formats, metadata, decoding, and a clear error for every kind of bad input."""
from pathlib import Path

import pytest

from claimarchive.files import ArticleError, find_files
from claimarchive.read import decode, read_article

STORY = "Dam Bursts After Storm\n\nThe dam burst on Monday, officials said.\n\nAt least 40 people died.\n"


def write(path: Path, content, encoding="utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding)
    return path


def test_txt_with_sidecar(tmp_path):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "a.yml", "title: The Dam\npublished: 2024-03-04\npublisher: example.org\n"
                              "original_outlet: Wire\nauthor: J. Doe\nurl: https://example.org/a\nlanguage: en\n")
    article = read_article(tmp_path / "a.txt", tmp_path)
    assert (article.path, article.title, article.published, article.publisher, article.original_outlet,
            article.author, article.url, article.language, article.metadata_source) == (
        "a.txt", "The Dam", "2024-03-04", "example.org", "Wire", "J. Doe", "https://example.org/a", "en", "sidecar")
    assert article.body == STORY
    assert article.size == len(STORY.encode())
    assert len(article.sha256) == 64 and article.encoding == "utf-8" and article.format == "txt"


def test_title_falls_back_to_first_line(tmp_path):
    article = read_article(write(tmp_path / "b.txt", STORY), tmp_path)
    assert article.title == "Dam Bursts After Storm"
    assert article.metadata_source == "first_line" and article.published is None


def test_markdown_front_matter_is_metadata_not_body(tmp_path):
    text = "---\ntitle: Flood\npublished: 2023-05-01\n---\n# Flood Hits Town\n\nWater rose overnight.\n"
    article = read_article(write(tmp_path / "c.md", text), tmp_path)
    assert article.title == "Flood" and article.published == "2023-05-01"
    assert article.body == "# Flood Hits Town\n\nWater rose overnight.\n"
    assert article.metadata_source == "front_matter"


def test_html_main_text_and_metadata(tmp_path):
    html = """<html><head><title>Port Reopens | Example News</title>
    <meta property="og:title" content="Port Reopens After Strike">
    <meta name="author" content="Ana Lopez"><meta property="article:published_time" content="2024-02-10T08:00:00Z">
    </head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Port Reopens After Strike</h1>
    <p>The port of Valencia reopened on Friday after a three-day strike, the port authority said in a statement.</p>
    <p>Dockworkers had demanded higher pay, according to the union, which said 2,000 members took part.</p>
    <p>Shipping companies said delays would last at least a week as vessels waited offshore.</p>
    </article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""
    article = read_article(write(tmp_path / "d.html", html), tmp_path)
    assert "reopened on Friday after a three-day strike" in article.body
    assert "Home" not in article.body.split("\n")[0]
    assert article.title == "Port Reopens After Strike"
    assert article.published == "2024-02-10"
    assert article.format == "html" and article.raw.startswith("<html>")


def test_newlines_normalised_and_nothing_else(tmp_path):
    article = read_article(write(tmp_path / "e.txt", b"Title\r\n\r\nOne  line.\rTwo\t line.\n"), tmp_path)
    assert article.body == "Title\n\nOne  line.\nTwo\t line.\n"


@pytest.mark.parametrize("data,text,encoding", [
    ("Café said “yes”.".encode("utf-8"), "Café said “yes”.", "utf-8"),
    (b"\xef\xbb\xbfBOM first.", "BOM first.", "utf-8-sig"),
    ("Café said “yes”.".encode("cp1252"), "Café said “yes”.", "cp1252"),
    (b"Bad byte \x81 here", "Bad byte \x81 here", "latin-1"),
])
def test_decoding_falls_back_and_records_encoding(data, text, encoding):
    assert decode(data) == (text, encoding)


def test_relative_path_under_folder(tmp_path):
    write(tmp_path / "news" / "2024" / "x.txt", STORY)
    found = find_files([tmp_path / "news"], tmp_path)
    assert found.errors == []
    assert [read_article(f.file, f.root).path for f in found.files] == ["2024/x.txt"]
    assert [f.key for f in found.files] == ["news/2024/x.txt"]


def test_folder_walk_skips_sidecars_and_other_files(tmp_path):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "a.yml", "title: A\n")
    write(tmp_path / "a.claims.yml", "- text: officials said\n")
    write(tmp_path / "notes.csv", "x,y\n")
    found = find_files([tmp_path], tmp_path)
    assert [f.file.name for f in found.files] == ["a.txt"] and found.errors == []
    assert [(Path(s.path).name, s.reason) for s in found.skipped] == [("notes.csv", "not an article ('.csv' files are not read)")]


def reason(path: Path, root: Path) -> str:
    with pytest.raises(ArticleError) as caught:
        read_article(path, root)
    assert caught.value.path == path.relative_to(root).as_posix()
    return caught.value.reason


@pytest.mark.parametrize("name,content,expected", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \t\n", "empty file (only white space)"),
    ("nul.txt", b"Title\n\x00\x01\x02binary", "binary file (contains NUL bytes)"),
    ("controls.txt", bytes(range(1, 9)) * 20 + b"text", "binary file"),
    ("empty.html", b"<html><body><nav>Home</nav></body></html>", "HTML with no main text"),
    ("bad.md", b"---\ntitle: [unclosed\n---\nBody.\n", "malformed front matter"),
    ("baddate.md", b"---\npublished: 2025-13-45\n---\nBody.\n", "malformed front matter: month must be in 1..12"),
    ("only-front.md", b"---\ntitle: T\n---\n\n", "no article text after the front matter"),
])
def test_bad_files_raise_a_clear_reason(tmp_path, name, content, expected):
    assert reason(write(tmp_path / name, content), tmp_path).startswith(expected)


@pytest.mark.parametrize("sidecar,expected", [
    ("title: [unclosed\n", "malformed sidecar bad.yml at line"),
    ("- a list\n", "sidecar bad.yml: expected a mapping of fields"),
    ("titel: typo\n", "sidecar bad.yml: unknown field(s) 'titel'; known: title, published"),
    ("published: last Tuesday\n", "published: 'last Tuesday' is not an ISO date"),
])
def test_bad_sidecars(tmp_path, sidecar, expected):
    write(tmp_path / "bad.txt", STORY)
    write(tmp_path / "bad.yml", sidecar)
    assert expected in reason(tmp_path / "bad.txt", tmp_path)


def test_too_large(tmp_path):
    path = write(tmp_path / "big.txt", "word " * 200)
    with pytest.raises(ArticleError, match="too large for an article"):
        read_article(path, tmp_path, max_bytes=100)


def test_missing_and_unsupported_paths(tmp_path):
    write(tmp_path / "photo.jpg", b"\xff\xd8")
    found = find_files([tmp_path / "nope.txt", tmp_path / "photo.jpg"], tmp_path)
    assert found.files == []
    assert [(Path(e.path).name, e.reason.split(":")[0]) for e in found.errors] == [
        ("nope.txt", "no such file or folder"), ("photo.jpg", "unsupported file type '.jpg'")]


def test_symlink_outside_root_and_loops_are_not_followed(tmp_path):
    outside = write(tmp_path / "outside" / "secret.txt", STORY)
    root = tmp_path / "root"
    write(root / "ok.txt", STORY)
    (root / "link.txt").symlink_to(outside)
    (root / "loop.txt").symlink_to(root / "loop.txt")
    found = find_files([root], tmp_path)
    assert [f.file.name for f in found.files] == ["ok.txt"]
    assert sorted((Path(e.path).name, e.reason.split(":")[0]) for e in found.errors) == [
        ("link.txt", f"symbolic link leading outside {root.resolve()}"),
        ("loop.txt", "symbolic link that loops or leads nowhere")]


def test_unreadable_file(tmp_path, monkeypatch):
    """Root reads every file, so the refusal the OS gives other users is simulated here."""
    path = write(tmp_path / "locked.txt", STORY)
    real = Path.read_bytes

    def refuse(self):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert reason(path, tmp_path) == "permission denied"
