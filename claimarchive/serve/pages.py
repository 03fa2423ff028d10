"""The pages: an article with its claims marked, a claim, a source, the map, and the map's tiles."""
from __future__ import annotations

import asyncio
import re
import threading

from datasette.utils.asgi import NotFound, Response
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from . import chart, geo, queries
from .marks import render
from .names import local_name, place_kind, place_name
from .text import number, spans_and_tips, status_words

# No script but the plugin's own files, no request to any other host, nothing framed, even if escaping failed.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
PLUGIN = "claimarchive"


class Links:
    """The addresses of the pages, for one database (through Datasette's base_url)."""

    def __init__(self, datasette, database: str):
        self.datasette, self.database = datasette, database

    def page(self, kind: str, id_) -> str:
        return self.datasette.urls.path(f"/{self.database}/-/{kind}/{int(id_)}")

    def article(self, id_) -> str:
        return self.page("article", id_)

    def claim(self, id_) -> str:
        return self.page("claim", id_)

    def source(self, id_) -> str:
        return self.page("source", id_)

    def place(self, id_) -> str:
        return self.page("place", id_)

    def map(self) -> str:
        return self.datasette.urls.path(f"/{self.database}/-/map")

    def table(self, name: str) -> str:
        return self.datasette.urls.table(self.database, name)

    def static(self, name: str) -> str:
        return self.datasette.urls.static_plugins(PLUGIN, name)

    def leaflet(self) -> str:
        return self.datasette.urls.static_plugins("datasette-leaflet", "leaflet-v1.7.1.js")

    def tiles(self) -> str:
        return self.datasette.urls.path("/-/claimarchive/tiles/") + "{z}/{x}/{y}.svg"


def json_for_script(value) -> Markup:
    """JSON safe inside <script type="application/json">: no '<', '>', '&' or "'" that could end the element
    (Jinja's own ``|tojson``)."""
    return htmlsafe_json_dumps(value)


def safe_url(url) -> str | None:
    """A url from the data that may be a link: http or https only, never javascript:, data: or file:."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in text) else None


async def _database(datasette, request):
    name = request.url_vars["database"]
    try:
        db = datasette.get_database(name)
    except KeyError:
        raise NotFound(f"no database {name}") from None
    if not await queries.is_archive(db):
        raise NotFound(f"{name} is not a claim archive")
    return db, Links(datasette, name)


def _origin(url: str) -> str:
    """scheme://host[:port] of an http(s) url whose host may hold a tile template ({s}.tile.example.org)."""
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0]
    host = "*." + host.split(".", 1)[1] if host.startswith("{") and "." in host else host
    return f"{scheme}://{host}" if re.fullmatch(r"[A-Za-z0-9*.:-]+", host) else ""


async def _page(datasette, request, template: str, context: dict, status: int = 200, images: str = "") -> Response:
    context = {**context, "safe_url": safe_url, "place_name": place_name, "local_name": local_name,
               "place_kind": place_kind, "number": number,
               "status_words": status_words, "database": request.url_vars.get("database")}
    html = await datasette.render_template([template], context, request=request)
    policy = CSP.replace("img-src 'self' data:", f"img-src 'self' data:{images}")
    return Response.html(html, status=status, headers={"Content-Security-Policy": policy,
                                                        "X-Content-Type-Options": "nosniff"})


def _id(request, name: str = "id") -> int:
    return int(request.url_vars[name])


async def article_page(datasette, request):
    """/DB/-/article/ID: the text as archived with every current claim, figure, place and date marked."""
    db, links = await _database(datasette, request)
    article = await queries.article(db, _id(request))
    if article is None:
        raise NotFound("no such article")
    spans, tips = spans_and_tips(article, links.claim)
    return await _page(datasette, request, "claimarchive_article.html", {
        "article": article, "links": links, "text": render(article["body"], spans), "tips": json_for_script(tips),
        "current": [c for c in article["claims"] if c["status"] == "current"],
        "superseded": [c for c in article["claims"] if c["status"] != "current"],
    })


def _sentence(claim: dict, links: Links):
    """The claim's sentence (or its own span) with its content, source and cue marked."""
    start = min(v for v in (claim.get("sentence_start"), claim["start"], claim.get("source_start")) if v is not None)
    end = max(v for v in (claim.get("sentence_end"), claim["end"], claim.get("source_end")) if v is not None)
    page = {"claims": [{**claim, "status": "current"}], "figures": claim["figures"], "dates": claim["dates"],
            "places": claim["places"]}
    spans, tips = spans_and_tips(page, links.claim)
    return render(claim["body"][start:end], spans, offset=start), tips


async def claim_page(datasette, request):
    """/DB/-/claim/ID: a claim in its sentence, its source and chain, figures, places, dates, standing, origin,
    its other appearances and what denies it."""
    db, links = await _database(datasette, request)
    claim = await queries.claim(db, _id(request))
    if claim is None:
        raise NotFound("no such claim")
    sentence, tips = _sentence(claim, links)
    places = _map_places(claim["places"], links)
    return await _page(datasette, request, "claimarchive_claim.html", {
        "claim": claim, "links": links, "sentence": sentence, "tips": json_for_script(tips),
        "map_data": json_for_script({"tiles": links.tiles(), "leaflet": links.leaflet(), "places": places}),
        "denied_by": [k for k in claim["links"] if k["relation"] == "denies" and k["direction"] == "in"],
        "denies": [k for k in claim["links"] if k["relation"] == "denies" and k["direction"] == "out"],
        "related": [k for k in claim["links"] if k["relation"] != "denies"],
    })


async def source_page(datasette, request):
    """/DB/-/source/ID: every claim of one source across the archive, over time, and its figures on a chart."""
    db, links = await _database(datasette, request)
    source = await queries.source(db, _id(request))
    if source is None:
        raise NotFound("no such source")
    figures = [{**f, "place": f["place_name"] or ""} for f in source["figures"]]
    return await _page(datasette, request, "claimarchive_source.html", {
        "source": source, "links": links, "figures": figures,
        "chart": chart.chart(chart.events(figures), f"Figures given by {source['name']}, over time"),
    })


async def place_page(datasette, request):
    """/DB/-/place/ID: a place on the map, the claims that name it, and the figures counted there plotted over
    time, one line per source and count: who reported what toll, when."""
    db, links = await _database(datasette, request)
    place = await queries.place(db, _id(request))
    if place is None:
        raise NotFound("no such place")
    marker = _map_places([{**place, "claims": len(place["claims"]), "articles": place["articles"]}], links)
    return await _page(datasette, request, "claimarchive_place.html", {
        "place": place, "links": links,
        "chart": chart.chart(chart.events(place["figures"]), f"Figures counted in {place_name(place)}, by source, over time",
                             chart.by_source),
        "map_data": json_for_script({"tiles": links.tiles(), "leaflet": links.leaflet(), "places": marker}),
    })


def _map_places(places: list[dict], links: Links) -> list[dict]:
    """What the map's markers need: the point to draw, names, counts and where the popup links."""
    found = []
    for place in places:
        where = geo.point(place)
        if where is None:
            continue
        found.append({"lat": where[0], "lon": where[1], "name": place_name(place), "local": local_name(place),
                      "feature": place.get("feature"), "kind": place_kind(place), "country": place.get("country"),
                      "claims": place.get("claims"), "articles": place.get("articles"),
                      "href": links.place(place["place_id"] if place.get("place_id") else place["id"])})
    return found


async def map_page(datasette, request):
    """/DB/-/map: every place named in the archive over Natural Earth's outlines, drawn offline."""
    db, links = await _database(datasette, request)
    places = _map_places(await queries.map_places(db), links)
    config = datasette.plugin_config(PLUGIN) or {}
    online = safe_url(config.get("online_tile_layer"))
    data = {"tiles": links.tiles(), "leaflet": links.leaflet(), "places": places, "online_tiles": online,
            "online_attribution": str(config.get("online_tile_attribution") or "")}
    # Internet tiles only when configured, as an extra layer: then (only then) their host may serve images.
    return await _page(datasette, request, "claimarchive_map.html", {
        "links": links, "places": places, "map_data": json_for_script(data)},
        images=f" {_origin(online)}" if online and _origin(online) else "")


_DRAWING = threading.Lock()  # one tile drawn at a time: the first ones would each read Natural Earth at once


def _drawn(z: int, x: int, y: int) -> str:
    with _DRAWING:
        return geo.tile_svg(z, x, y)


async def tile(datasette, request):
    """/-/claimarchive/tiles/Z/X/Y.svg: a base-map tile drawn from Natural Earth's country outlines and, from
    geo.REGION_ZOOM on, its first-level region borders."""
    z, x, y = (_id(request, name) for name in ("z", "x", "y"))
    if z > geo.MAX_ZOOM or x >= 2 ** z or y >= 2 ** z:
        raise NotFound("no such tile")
    svg = await asyncio.to_thread(_drawn, z, x, y)  # the first region tile reads Natural Earth: not in the loop
    return Response(svg, content_type="image/svg+xml",
                    headers={"Cache-Control": "max-age=86400", "X-Content-Type-Options": "nosniff"})


ROUTES = [
    (r"^/(?P<database>[^/]+)/-/article/(?P<id>\d{1,18})$", article_page),
    (r"^/(?P<database>[^/]+)/-/claim/(?P<id>\d{1,18})$", claim_page),
    (r"^/(?P<database>[^/]+)/-/source/(?P<id>\d{1,18})$", source_page),
    (r"^/(?P<database>[^/]+)/-/place/(?P<id>\d{1,18})$", place_page),
    (r"^/(?P<database>[^/]+)/-/map$", map_page),
    (r"^/-/claimarchive/tiles/(?P<z>\d{1,2})/(?P<x>\d{1,5})/(?P<y>\d{1,5})\.svg$", tile),
]
