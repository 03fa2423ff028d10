"""Claim Archive's Datasette plugin (entry point ``claimarchive`` in the ``datasette`` group): the article, claim,
source and map pages, links from every id to them, readable place names, superseded claims hidden by default,
the offline base map, and a large table's full-text search kept to its first page (search.py). Its templates and
static files are package data beside this file."""
from __future__ import annotations

from datasette import hookimpl
from datasette.filters import FilterArguments

from . import cells, pages, search

# Lists of claims whose superseded rows are hidden unless asked for (?_superseded=1, or a status filter).
CLAIM_LISTS = {"claims", "claim_details"}


@hookimpl
def register_routes():
    return pages.ROUTES


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def bounded(scope, receive, send):
            await app(await search.bounded_scope(datasette, scope, pages.PLUGIN), receive, send)
        return bounded
    return wrap


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    return cells.render(row, value, column, table, database, datasette)


@hookimpl
def filters_from_request(request, database, table, datasette):
    if table not in CLAIM_LISTS or request.args.get("_superseded") or any(
            key == "status" or key.startswith("status__") for key in request.args):
        return None
    return FilterArguments(["status = 'current'"], human_descriptions=["superseded claims hidden"])


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.static_plugins(pages.PLUGIN, "claimarchive.css")]


@hookimpl
def extra_js_urls(view_name, datasette):
    if view_name in ("table", "row", "database"):
        return [datasette.urls.static_plugins(pages.PLUGIN, "tables.js")]
    return []
