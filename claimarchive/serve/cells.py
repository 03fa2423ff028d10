"""Table and query cells: ids shown by label and linked to the article, claim and source pages; place names in
English; an article's body as an excerpt and its raw page as a size, never dumped."""
from __future__ import annotations

from markupsafe import Markup, escape

from .names import local_name
from .pages import Links

# Columns holding an id, in any table, view or canned query, and the page it opens.
ID_COLUMNS = {
    "article_id": "article", "other_article_id": "article",
    "claim_id": "claim", "first_claim_id": "claim", "curated_id": "claim", "extracted_id": "claim",
    "denial_id": "claim", "denied_id": "claim", "superseded_by": "claim",
    "source_id": "source",
}
# (table, column) pairs whose id opens a page.
TABLE_ID_COLUMNS = {("article_links", "other_id"): "article", ("claim_links", "other_id"): "claim",
                    ("claim_details", "id"): "claim"}
# Label columns that open the page of the id beside them: (table or None for any, column) -> (id column, page).
LABEL_COLUMNS = {
    ("articles", "title"): ("id", "article"), ("claims", "text"): ("id", "claim"),
    ("claim_details", "text"): ("id", "claim"), ("sources", "name"): ("id", "source"),
    (None, "article"): ("article_id", "article"), (None, "article_title"): ("article_id", "article"),
    (None, "text"): ("claim_id", "claim"), (None, "claim"): ("claim_id", "claim"),
    (None, "other_article"): ("other_article_id", "article"),
}
PLACE_COLUMNS = {"place", "figure_place", "other_place"}
PLACE_TABLES = {"places", "place_map"}
LONGEST_LABEL = 80
EXCERPT = 280


def _get(row, key):
    try:
        return row[key]
    except (IndexError, KeyError):
        return None


def _short(text) -> str:
    text = str(text)
    return text if len(text) <= LONGEST_LABEL else text[:LONGEST_LABEL - 1] + "…"


def _link(href: str, label) -> Markup:
    return Markup(f'<a href="{escape(href)}">{escape(label)}</a>')


def _id_cell(page: str, value, links: Links) -> Markup | None:
    label = None
    if isinstance(value, dict):
        value, label = value.get("value"), value.get("label")
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    shown = _short(label) if label not in (None, "", value, str(value)) else f"{page} {number}"
    return _link(links.page(page, number), shown)


def _place_name(value, row) -> Markup | None:
    """A place's name, with its local form beside it when the row has one (places.local_name)."""
    if not isinstance(value, str) or not value:
        return None
    local = local_name({"name": value, "local_name": _get(row, "local_name")})
    return Markup(f"{escape(value)}" + (f' <span class="local-name">({escape(local)})</span>' if local else ""))


def _article_cell(column: str, value, row, links: Links) -> Markup | None:
    if column == "body" and isinstance(value, str):
        excerpt = value[:EXCERPT] + ("…" if len(value) > EXCERPT else "")
        return Markup(f'{escape(excerpt)} {_link(links.article(_get(row, "id")), "read the article →")}')
    if column == "raw" and isinstance(value, str):
        return Markup(f"<em>the page as received, {len(value):,} characters (kept, not shown)</em>")
    return None


def render(row, value, column: str, table: str | None, database: str, datasette) -> Markup | None:
    """A cell's HTML, or None to let Datasette show it."""
    links = Links(datasette, database)
    if table == "articles" and column in ("body", "raw"):
        return _article_cell(column, value, row, links)
    page = TABLE_ID_COLUMNS.get((table, column)) or ID_COLUMNS.get(column)
    if page:
        return _id_cell(page, value, links)
    label = LABEL_COLUMNS.get((table, column)) or (LABEL_COLUMNS.get((None, column)) if table is None
                                                    or table not in {"articles", "claims", "sources"} else None)
    if label and _get(row, label[0]) is not None and isinstance(value, str) and value:
        id_ = _get(row, label[0])
        id_ = id_.get("value") if isinstance(id_, dict) else id_
        return _link(links.page(label[1], id_), value) if isinstance(id_, int) else None
    if column in PLACE_COLUMNS or (table in PLACE_TABLES and column == "name"):
        return _place_name(value, row)
    return None
