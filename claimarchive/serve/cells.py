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
    "source_id": "source", "place_id": "place", "figure_place_id": "place", "other_place_id": "place",
}
# What an id is labelled by when its cell has no label of Datasette's (a view or a canned query): page -> (table,
# column), looked up by primary key.
LABELS = {"article": ("articles", "title"), "claim": ("claims", "text"), "source": ("sources", "name"),
          "place": ("places", "name")}
# (table, column) pairs whose id opens a page.
TABLE_ID_COLUMNS = {("article_links", "other_id"): "article", ("claim_links", "other_id"): "claim",
                    ("claim_details", "id"): "claim", ("place_map", "id"): "place"}
# A group of the same claim is named by its smallest claim id; its claims are listed on that claim's page.
GROUP_COLUMNS = {"cluster_id"}
# Label columns that open the page of the id beside them: (table or None for any, column) -> (id columns, page),
# the first of the id columns that the row has. An id labelled beside is shown short, without a lookup of its own
# (a canned query's thousand rows would each cost one).
LABEL_COLUMNS = {
    ("articles", "title"): (("id",), "article"), ("claims", "text"): (("id",), "claim"),
    ("claim_details", "text"): (("id",), "claim"), ("sources", "name"): (("id",), "source"),
    (None, "article"): (("article_id",), "article"), (None, "article_title"): (("article_id",), "article"),
    (None, "text"): (("claim_id",), "claim"), (None, "claim"): (("claim_id", "first_claim_id"), "claim"),
    (None, "other_article"): (("other_article_id",), "article"),
    (None, "denial"): (("denial_id",), "claim"), (None, "denied_claim"): (("denied_id",), "claim"),
    (None, "curated_text"): (("curated_id",), "claim"), (None, "extracted_text"): (("extracted_id",), "claim"),
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


def _number(value) -> int | None:
    if value in (None, "") or isinstance(value, (bool, float)):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _href(page: str, number: int, links: Links) -> str:
    return links.page(page, number)


def _label_of(table: str | None, column: str) -> tuple[tuple[str, ...], str] | None:
    return LABEL_COLUMNS.get((table, column)) or (LABEL_COLUMNS.get((None, column)) if table is None
                                                  or table not in {"articles", "claims", "sources"} else None)


def _id_beside(row, label: tuple[tuple[str, ...], str]) -> str | None:
    """The id column a label column links by: the first of its id columns the row has."""
    keys = set(row.keys()) if hasattr(row, "keys") else set()
    return next((column for column in label[0] if column in keys), None)


def _labelled_beside(row, column: str, page: str, table: str | None) -> bool:
    """Whether another cell of the row already shows this id's label as a link (a view's ``article_title`` beside
    its ``article_id``): then the id itself is shown short."""
    try:
        keys = list(row.keys())
    except AttributeError:
        return False
    return any((label := (LABEL_COLUMNS.get((table, key)) or LABEL_COLUMNS.get((None, key)))) is not None
               and label[1] == page and _id_beside(row, label) == column and _get(row, key) not in (None, "")
               for key in keys if key != column)


def _id_cell(page: str, value, links: Links, database: str, datasette, own: bool = False):
    """An id as a link to its page, shown by its label: Datasette's (a foreign key), else looked up (a view's or a
    query's column), else "claim 12". A row's own id (``own``: its label is in the row already) is "claim 12"."""
    label = None
    if isinstance(value, dict):
        value, label = value.get("value"), value.get("label")
    number = _number(value)
    if number is None:
        return None
    if own:
        return _link(_href(page, number, links), f"{page} {number}")
    if label not in (None, "", value, str(value)):
        return _link(_href(page, number, links), _short(label))

    async def looked_up() -> Markup:
        table, column = LABELS[page]
        try:
            found = (await datasette.get_database(database).execute(
                f"select [{column}] from [{table}] where id = ?", [number])).rows
        except Exception:  # noqa: BLE001 - an archive without that table: the plain label
            found = []
        shown = found[0][0] if found and found[0][0] not in (None, "") else f"{page} {number}"
        return _link(_href(page, number, links), _short(shown))

    return looked_up()


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
        own = column == "id" or (not isinstance(value, dict) and _labelled_beside(row, column, page, table))
        return _id_cell(page, value, links, database, datasette, own=own)
    if column in GROUP_COLUMNS and _number(value) is not None:
        return _link(links.claim(_number(value)), f"group of claim {_number(value)}")
    label = _label_of(table, column)
    beside = _id_beside(row, label) if label else None
    if beside and _get(row, beside) is not None and isinstance(value, str) and value:
        id_ = _get(row, beside)
        id_ = id_.get("value") if isinstance(id_, dict) else id_
        return _link(links.page(label[1], id_), value) if isinstance(id_, int) else None
    if column in PLACE_COLUMNS or (table in PLACE_TABLES and column == "name"):
        return _place_name(value, row)
    return None
