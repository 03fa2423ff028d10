"""Reading never eats the machine, never invents evidence, and reports every problem.

YAML and JSON are bounded (size, anchors and aliases, nesting), every metadata field has a length limit,
no message quotes more than about 80 characters of a user's value, a date is never read out of inline image
data, front matter must close, companions may not lead outside the ingest root, and a file mixing UTF-8
with cp1252 is decoded line by line.
"""
import base64
import json
import pickle
import time
from pathlib import Path

import pytest

from claimarchive.files import ArticleError, find_files
from claimarchive.model import Article, CuratedClaims
from claimarchive.read import (MAX_CLAIMS_BYTES, MAX_METADATA_BYTES, current_inputs, decode, decode_lines,
                               read_article, read_companions)
from test_read import STORY, write


def reason(path: Path, root: Path) -> str:
    with pytest.raises(ArticleError) as caught:
        read_article(path, root)
    return caught.value.reason


def with_sidecar(tmp_path: Path, sidecar: str | bytes, name: str = "a") -> Path:
    write(tmp_path / f"{name}.yml", sidecar)
    return write(tmp_path / f"{name}.txt", STORY)


def alias_bomb(key: str, levels: int, indent: str = "") -> str:
    """The billion laughs: each level a list of nine aliases of the one before (455 bytes at 9 levels)."""
    lines = [f'{indent}{key}: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{indent}{key}: &l{n} [{','.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


ALIASES = "YAML anchors and aliases (&name, *name) are not allowed"


# 1. YAML and JSON bounds


def test_an_alias_bomb_in_a_sidecar_is_refused_before_it_grows(tmp_path):
    started = time.monotonic()
    assert reason(with_sidecar(tmp_path, alias_bomb("published", 6)), tmp_path) == \
        f"sidecar a.yml refused at line 1: {ALIASES}"
    assert time.monotonic() - started < 2


def test_an_alias_bomb_in_a_curated_note_is_refused(tmp_path):
    path = write(tmp_path / "a.txt", STORY)
    write(tmp_path / "a.claims.yml", "- text: The dam burst on Monday\n" + alias_bomb("note", 6, indent="  "))
    assert reason(path, tmp_path) == f"claims file a.claims.yml refused at line 2: {ALIASES}"


@pytest.mark.parametrize("sidecar,line", [
    ("title: &t The Dam\n", 1),
    ("title: The Dam\nauthor: &a J. Doe\npublisher: *a\n", 2),
])
def test_any_anchor_or_alias_is_refused(tmp_path, sidecar, line):
    assert reason(with_sidecar(tmp_path, sidecar), tmp_path) == f"sidecar a.yml refused at line {line}: {ALIASES}"


def test_an_alias_in_front_matter_is_refused(tmp_path):
    path = write(tmp_path / "a.md", "---\ntitle: &t Flood\nauthor: *t\n---\nWater rose overnight.\n")
    assert reason(path, tmp_path) == f"front matter refused at line 1: {ALIASES}"


def test_yaml_nested_too_deep_is_refused_without_recursing(tmp_path):
    assert reason(with_sidecar(tmp_path, "title: " + "[" * 11 + "x" + "]" * 11 + "\n"), tmp_path) == \
        "sidecar a.yml refused at line 1: lists and mappings nested deeper than 10 levels"
    assert reason(with_sidecar(tmp_path, "title: " + "[" * 60_000 + "\n", name="b"), tmp_path) == \
        "sidecar b.yml refused at line 1: lists and mappings nested deeper than 10 levels"


def test_a_sidecar_larger_than_64_kb_is_refused_unread(tmp_path):
    path = with_sidecar(tmp_path, "title: " + "x" * MAX_METADATA_BYTES + "\n")
    assert reason(path, tmp_path) == f"sidecar a.yml is too large (65,544 bytes; the limit is {MAX_METADATA_BYTES:,})"
    assert read_companions(path)["sidecar"][1] is None  # never read into memory


def test_a_ten_megabyte_title_is_an_error_not_a_page(tmp_path):
    path = with_sidecar(tmp_path, "title: " + "Dam " * 2_500_000 + "\n")
    assert reason(path, tmp_path) == "sidecar a.yml is too large (10,000,008 bytes; the limit is 65,536)"


def test_front_matter_larger_than_64_kb_is_refused(tmp_path):
    path = write(tmp_path / "a.md", "---\ntitle: T\nauthor: " + "x" * MAX_METADATA_BYTES + "\n---\nBody.\n")
    assert reason(path, tmp_path) == "front matter is too large (65,554 bytes; the limit is 65,536)"


def test_claims_files_are_bounded_in_size_count_and_nesting(tmp_path):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "a.claims.yml", "- text: x\n" * (MAX_CLAIMS_BYTES // 10 + 1))
    assert reason(tmp_path / "a.txt", tmp_path) == \
        "claims file a.claims.yml is too large (1,000,010 bytes; the limit is 1,000,000)"
    write(tmp_path / "a.claims.yml", "- text: x\n" * 1_001)
    assert reason(tmp_path / "a.txt", tmp_path) == "claims file a.claims.yml: 1,001 claims (the limit is 1,000)"


def test_json_claims_files_are_bounded_in_size_and_nesting(tmp_path):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "a.claims.json", json.dumps([{"text": "The dam burst", "note": "x" * MAX_CLAIMS_BYTES}]))
    assert reason(tmp_path / "a.txt", tmp_path).startswith("claims file a.claims.json is too large (1,000,")
    write(tmp_path / "a.claims.json", "[" * 100_000 + "]" * 100_000)
    assert reason(tmp_path / "a.txt", tmp_path) == \
        "claims file a.claims.json refused: lists and objects nested deeper than 10 levels"
    brackets_in_text = [{"text": "The dam burst", "note": "[[[[[[[[[[[[ {{{{{{{{{{{{ \\\" [[[["}]
    write(tmp_path / "a.claims.json", json.dumps(brackets_in_text))
    assert read_article(tmp_path / "a.txt", tmp_path).curated_claims == brackets_in_text


def test_a_json_number_too_long_to_convert_is_a_malformed_claims_file(tmp_path):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "a.claims.json", '[{"text": "The dam burst", "note": ' + "9" * 5000 + "}]")
    assert reason(tmp_path / "a.txt", tmp_path).startswith(
        "malformed claims file a.claims.json: Exceeds the limit (4300 digits) for integer string conversion")


# 2. messages quote at most about 80 characters of any value


@pytest.mark.parametrize("sidecar", [
    "published: " + "7" * 60_000 + "-01-01\n",
    "published: [" + ", ".join(["2024-01-01"] * 5_000) + "]\n",
    "? " + "x" * 60_000 + "\n: 1\n",
    "title: !<tag:" + "x" * 60_000 + "> a\n",
    "author: " + "1" * 5_000 + "\n",
])
def test_no_error_line_quotes_an_unbounded_value(tmp_path, sidecar):
    assert len(reason(with_sidecar(tmp_path, sidecar), tmp_path)) < 400


def test_a_long_value_is_quoted_cut_with_its_length(tmp_path):
    assert reason(with_sidecar(tmp_path, "published: " + "x" * 1000 + "\n"), tmp_path) == \
        f"sidecar a.yml: published: {'x' * 80!r}… (1,000 characters) is not an ISO date (YYYY-MM-DD)"


# 3. every problem of a sidecar or front matter, in one line


def test_every_problem_of_a_sidecar_is_reported_at_once(tmp_path):
    sidecar = ("titel: The Dam\nsource: Wire\npublished: last Tuesday\nauthor: [A. One, B. Two]\n"
               "language: no\nurl: " + "u" * 2_049 + "\n")
    assert reason(with_sidecar(tmp_path, sidecar), tmp_path) == (
        "sidecar a.yml: unknown field(s) 'titel', 'source'; known: title, published, publisher, original_outlet, "
        "author, url, language; published: 'last Tuesday' is not an ISO date (YYYY-MM-DD); "
        "author must be text, not a list; url is 2,049 characters long (the limit is 2,048); "
        "language must be text, not true/false (false) (put it in quotes)")


def test_problems_of_front_matter_and_sidecar_are_reported_together(tmp_path):
    write(tmp_path / "a.yml", "titel: x\n")
    path = write(tmp_path / "a.md", "---\ntitle: 1984\n---\nThe book sold well.\n")
    assert reason(path, tmp_path) == (
        "front matter: title must be text, not a number (1984) (put it in quotes); "
        "sidecar a.yml: unknown field(s) 'titel'; known: title, published, publisher, original_outlet, author, url, "
        "language")


def test_many_unknown_fields_are_counted_not_all_listed(tmp_path):
    sidecar = "".join(f"field{n}: x\n" for n in range(2_000))
    assert reason(with_sidecar(tmp_path, sidecar), tmp_path) == (
        "sidecar a.yml: unknown field(s) 'field0', 'field1', 'field2', 'field3', 'field4' and 1995 more; "
        "known: title, published, publisher, original_outlet, author, url, language")


# 4. every metadata field has a length limit


@pytest.mark.parametrize("key,limit", [("title", 1_000), ("publisher", 300), ("original_outlet", 300),
                                       ("author", 500), ("url", 2_048), ("language", 35)])
def test_each_field_has_a_length_limit(tmp_path, key, limit):
    assert read_article(with_sidecar(tmp_path, f"{key}: {'x' * limit}\n"), tmp_path).__dict__[key] == "x" * limit
    assert reason(with_sidecar(tmp_path, f"{key}: {'x' * (limit + 1)}\n", name="b"), tmp_path) == \
        f"sidecar b.yml: {key} is {limit + 1:,} characters long (the limit is {limit:,})"


PAGE = """<html lang="en"><head><title>{title}</title>{head}</head><body><article><h1>Port Reopens After Strike</h1>
<p>The port of Valencia reopened on Friday after a three-day strike, the port authority said in a statement.</p>
{image}
<p>Dockworkers had demanded higher pay, according to the union, which said 2,000 members took part.</p>
<p>Shipping companies said delays would last at least a week as vessels waited offshore.</p>
</article></body></html>"""


def page(title="Port Reopens After Strike", head="", image="") -> str:
    return PAGE.format(title=title, head=head, image=image)


def test_an_over_long_page_title_is_dropped_with_a_warning(tmp_path):
    head = f'<meta property="og:title" content="{"Port " * 1_000}"><meta name="author" content="{"Ana Lopez " * 100}">'
    article = read_article(write(tmp_path / "p.html", page(head=head)), tmp_path)
    assert (article.title, article.author) == ("Port Reopens After Strike", None)  # the title: the text's first line
    assert article.warnings == ["the page's title is 4,999 characters long (the limit is 1,000): dropped",
                                "the page's author is 999 characters long (the limit is 500): dropped"]


# 5. dates only from metadata and visible text, and where published came from


def image_with_dates() -> str:
    data = base64.b64encode(bytes(range(256)) * 12).decode()
    return data[:1000] + "A20180901B" + data[1000:2000] + "x2000y" + data[2000:2500] + "2019-03-04T10:20:30" + data[2500:]


def test_no_date_is_read_out_of_inline_image_data(tmp_path):
    path = write(tmp_path / "p.html", page(image=f'<img src="data:image/png;base64,{image_with_dates()}" alt="Port">'
                                                 f'<div style="background:url(data:image/svg+xml;utf8,'
                                                 f'2017-05-06T07:08:09)">Dock</div>'))
    article = read_article(path, tmp_path)
    assert "reopened on Friday" in article.body
    assert (article.published, article.published_source) == (None, None)
    assert article.raw == path.read_text()  # the page is kept as it came


@pytest.mark.parametrize("files,published,source", [
    ({"p.html": page(head='<meta property="article:published_time" content="2024-02-10T08:00:00Z">')},
     "2024-02-10", "html"),
    ({"p.html": page(head='<meta property="article:published_time" content="2024-02-10T08:00:00Z">'),
      "p.yml": "published: 2024-02-11\n"}, "2024-02-11", "sidecar"),
    ({"p.md": "---\npublished: 2023-05-01\n---\nWater rose.\n"}, "2023-05-01", "front_matter"),
    ({"p.md": "---\npublished: 2023-05-01\n---\nWater rose.\n", "p.yml": "published: 2023-05-02\n"},
     "2023-05-02", "sidecar"),
    ({"p.md": "---\npublished: 2023-05-01\n---\nWater rose.\n", "p.yml": "title: Flood\n"},
     "2023-05-01", "front_matter"),
    ({"p.txt": STORY, "p.yml": "published: 2024-03-04\n"}, "2024-03-04", "sidecar"),
    ({"p.txt": STORY, "p.yml": "title: The Dam\n"}, None, None),
])
def test_published_source_says_where_the_date_came_from(tmp_path, files, published, source):
    for name, content in files.items():
        write(tmp_path / name, content)
    article = read_article(tmp_path / next(iter(files)), tmp_path)
    assert (article.published, article.published_source) == (published, source)


# 6. front matter must close


@pytest.mark.parametrize("text", ["---\ntitle: Flood\n\nWater rose overnight.\n", "---\n"])
def test_front_matter_that_never_closes_is_an_error(tmp_path, text):
    assert reason(write(tmp_path / "a.md", text), tmp_path) == \
        "front matter never closed: the '---' on line 1 has no closing '---' (or '...') line"


def test_a_markdown_file_without_front_matter_is_all_body(tmp_path):
    article = read_article(write(tmp_path / "a.md", "# Flood\n\n---\n\nWater rose.\n"), tmp_path)
    assert article.body == "# Flood\n\n---\n\nWater rose.\n" and article.metadata_source == "first_line"


# 7. companions may not lead outside the ingest root


@pytest.mark.parametrize("companion,what,content", [
    ("a.yml", "sidecar", "title: Secret\n"),
    ("a.claims.yml", "claims file", "- text: The dam burst\n"),
])
def test_a_companion_linked_outside_the_root_is_not_followed(tmp_path, companion, what, content):
    outside = write(tmp_path / "outside" / "secret.yml", content)
    root = tmp_path / "root"
    path = write(root / "a.txt", STORY)
    (root / companion).symlink_to(outside)
    found = find_files([root], tmp_path)
    assert [f.file for f in found.files] == [path]
    assert reason(path, found.files[0].root) == \
        f"{what} {companion}: symbolic link leading outside {root.resolve()}: not followed"
    kind = "sidecar" if what == "sidecar" else "claims"
    assert read_companions(path, root=root)[kind] == (root / companion, None)
    assert read_companions(path)[kind] == (root / companion, content.encode())  # without a root: as before
    assert current_inputs(path, root=root).fingerprint != current_inputs(path).fingerprint


def test_a_companion_linked_inside_the_root_is_followed(tmp_path):
    write(tmp_path / "meta" / "shared.yml", "title: Shared Title\n")
    path = write(tmp_path / "a.txt", STORY)
    (tmp_path / "a.yml").symlink_to(tmp_path / "meta" / "shared.yml")
    article = read_article(path, tmp_path)
    assert article.title == "Shared Title"
    assert article.fingerprint == current_inputs(path, root=tmp_path).fingerprint == current_inputs(path).fingerprint


# 8. mixed encodings are decoded line by line


UTF8_LINE = "Café owners said “yes”.\n".encode("utf-8")
CP1252_LINE = "Naïve “quotes” – here.\n".encode("cp1252")


def test_utf8_mixed_with_cp1252_is_decoded_line_by_line_with_a_warning(tmp_path):
    data = b"Title\n\n" + UTF8_LINE + CP1252_LINE + UTF8_LINE
    decoded = decode_lines(data)
    assert decoded.text == "Title\n\nCafé owners said “yes”.\nNaïve “quotes” – here.\nCafé owners said “yes”.\n"
    assert (decoded.encoding, decoded.other_lines) == ("utf-8+cp1252", [4])
    article = read_article(write(tmp_path / "a.txt", data), tmp_path)
    assert (article.body, article.encoding) == (decoded.text, "utf-8+cp1252")
    assert article.warnings == ["mixed encodings: 1 line not UTF-8, read as cp1252 (line 4); "
                                "the other lines are UTF-8"]


def test_a_mixed_warning_names_the_first_lines_and_counts_the_rest(tmp_path):
    data = UTF8_LINE + b"\r\n".join([b"bad \x81 byte", *[CP1252_LINE.strip()] * 7]) + b"\r\n"
    article = read_article(write(tmp_path / "a.txt", data), tmp_path)
    assert article.encoding == "utf-8+cp1252+latin-1"
    assert article.body.split("\n")[1] == "bad \x81 byte" and article.body.split("\n")[2] == "Naïve “quotes” – here."
    assert article.warnings == ["mixed encodings: 8 lines not UTF-8, read as cp1252 or latin-1 "
                                "(lines 2, 3, 4, 5, 6 and 3 more); the other lines are UTF-8"]


def test_a_bom_with_cp1252_lines_is_decoded_not_a_crash():
    assert decode(b"\xef\xbb\xbf" + b"Plain\n" + CP1252_LINE) == ("Plain\nNaïve “quotes” – here.\n", "utf-8-sig+cp1252")


@pytest.mark.parametrize("data,text,encoding", [
    (UTF8_LINE * 3, "Café owners said “yes”.\n" * 3, "utf-8"),
    (b"Plain ASCII\n" + CP1252_LINE * 2, "Plain ASCII\n" + "Naïve “quotes” – here.\n" * 2, "cp1252"),
    (b"Plain\n" + CP1252_LINE + b"bad \x81\n", "Plain\nNa\xefve \x93quotes\x94 \x96 here.\nbad \x81\n", "latin-1"),
])
def test_files_in_one_encoding_decode_as_before(data, text, encoding):
    assert decode(data) == (text, encoding)
    assert decode_lines(data).other_lines == []


def test_decoding_is_linear_in_the_file_size():
    data = (UTF8_LINE + CP1252_LINE) * 100_000  # 4.7 MB, every other line cp1252
    started = time.monotonic()
    decoded = decode_lines(data)
    assert time.monotonic() - started < 5
    assert len(decoded.other_lines) == 100_000 and decoded.encoding == "utf-8+cp1252"


# 10. the reading API stays as it was


def test_current_fingerprint_matches_the_archived_one_and_read_companions_takes_its_old_call(tmp_path):
    path = with_sidecar(tmp_path, "title: The Dam\n")
    write(tmp_path / "a.claims.yml", "- text: The dam burst\n")
    article = read_article(path, tmp_path)
    assert article.fingerprint == current_inputs(path).fingerprint == current_inputs(path, root=tmp_path).fingerprint
    assert sorted(read_companions(path)) == ["claims", "sidecar"]


def test_an_article_with_curated_claims_crosses_to_a_worker_whole(tmp_path):
    path = write(tmp_path / "a.txt", STORY)
    write(tmp_path / "a.claims.yml", "- text: The dam burst\n")
    article = read_article(path, tmp_path)
    again = pickle.loads(pickle.dumps(article))
    assert isinstance(again, Article) and isinstance(again.curated_claims, CuratedClaims)
    assert (again.curated_claims, again.curated_claims.file) == ([{"text": "The dam burst"}], "a.claims.yml")
