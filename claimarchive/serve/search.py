"""A table page's own full-text search (`/archive/claims?_search=…`) on a large archive, kept to its first page.

Datasette 0.65 runs, for every table page, the page's rows, a count of every matching row and each facet that
metadata.yml names over every matching row (and, unless the server sets `suggest_facets off`, a try at every other
column as a facet). The rows of a search are cheap, whatever the archive's size: SQLite lists the matches from the
full-text index in row-id order and reads the page's 101. The count and the facets read every match, so a common
word on ten million claims costs seconds. Metadata cannot switch them off for a search alone, so this does it the
way a user could: on a table with more rows than `large_table_rows` (plugin setting, metadata.yml), a search asks
for no count, no facets (unless the request names one: then Datasette's facets, all of them) and no facet
suggestions, and, on a table whose own order is not its row id (the articles, newest published first: that sort
reads every match), for the newest archived first. Smaller archives are served as they always were.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

LARGE_TABLE_ROWS = 10_000  # the default of the plugin setting large_table_rows
FORMATS = ("json", "csv")


def _wanted(query: list[tuple[str, str]]) -> bool:
    return any(key.startswith("_search") and key != "_searchmode" for key, _ in query)


async def bounded_scope(datasette, scope: dict, plugin: str) -> dict:
    """The request as it should reach Datasette: a large table's search without its count and facets."""
    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    parts = scope.get("path", "").strip("/").split("/")
    if scope.get("type") != "http" or len(parts) != 2 or not _wanted(query):
        return scope
    route, table = parts
    name, dot, extension = table.rpartition(".")
    if dot and extension in FORMATS:
        table = name
    try:
        db = datasette.get_database(route=route)
    except KeyError:
        return scope
    metadata = datasette.table_metadata(db.name, table)
    if not metadata.get("fts_table") or not await db.table_exists(table):
        return scope
    limit = int((datasette.plugin_config(plugin) or {}).get("large_table_rows", LARGE_TABLE_ROWS))
    rows = (await db.execute(f"select max(rowid) from [{table}]")).first()[0] or 0  # an index's last entry
    if rows <= limit:
        return scope
    keys = {key for key, _ in query}
    extra = [("_nocount", "1"), ("_nosuggest", "1")]
    if not any(key.startswith("_facet") for key in keys):
        extra.append(("_nofacet", "1"))
    own_order = metadata.get("sort") or metadata.get("sort_desc")
    if not keys & {"_sort", "_sort_desc"} and own_order and own_order not in await db.primary_keys(table):
        extra.append(("_sort_desc", (await db.primary_keys(table) or ["rowid"])[0]))
    added = [(key, value) for key, value in extra if key not in keys]
    return {**scope, "query_string": urlencode(query + added).encode("latin-1")} if added else scope
