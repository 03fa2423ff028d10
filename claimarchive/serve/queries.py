"""What the pages read from an archive, each a few indexed queries through Datasette's read-only connection."""
from __future__ import annotations

CHAIN = """(select group_concat(case when a.relation = 'said' then a.mention else a.relation || ' ' || a.mention end,
  ' → ') from (select mention, relation from attributions a where a.claim_id = claims.id order by depth) as a)"""

CLAIM_COLUMNS = f"""claims.*, sources.name as source_name, sources.kind as source_kind, {CHAIN} as chain,
  articles.title as article_title, articles.published as article_published, articles.publisher as publisher"""

CLAIM_JOINS = """join articles on articles.id = claims.article_id
  left join sources on sources.id = claims.source_id"""
CLAIMS_FROM = "from claims " + CLAIM_JOINS


async def rows(db, sql: str, params=()) -> list[dict]:
    """The rows of a query, as dicts."""
    result = await db.execute(sql, params)
    return [dict(row) for row in result.rows]


async def one(db, sql: str, params=()) -> dict | None:
    found = await rows(db, sql, params)
    return found[0] if found else None


async def aliases(db, source_id: int | None) -> list[dict]:
    """A source's other names."""
    if not source_id:
        return []
    return await rows(db, "select alias from source_aliases where source_id = ? order by alias", [source_id])


async def article(db, article_id: int) -> dict | None:
    """An article with everything its page shows."""
    found = await one(db, "select * from articles where id = ?", [article_id])
    if found is None:
        return None
    found["files"] = await rows(db, "select path, ingested_at from article_files where article_id = ? order by path",
                                [article_id])
    found["segments"] = await rows(db, 'select kind, start, "end" from segments where article_id = ? order by start',
                                   [article_id])
    found["claims"] = await rows(db, f"select {CLAIM_COLUMNS} {CLAIMS_FROM} where claims.article_id = ? "
                                 "order by claims.start, claims.id", [article_id])
    found["figures"] = await rows(db, 'select id, claim_id, start, "end", text, value, unit, kind, qualifier, '
                                  "counted, event from quantities where article_id = ? order by start", [article_id])
    # places.* first: the mention's own id, kind and text win over the place's
    found["places"] = await rows(db, "select places.*, place_mentions.* from place_mentions join places on "
                                 "places.id = place_mentions.place_id where place_mentions.article_id = ? "
                                 "order by place_mentions.start", [article_id])
    found["dates"] = await rows(db, 'select id, claim_id, start, "end", text, resolved_start, resolved_end, '
                                "granularity from date_mentions where article_id = ? order by start", [article_id])
    found["copies"] = await copies(db, article_id)
    return found


async def copies(db, article_id: int) -> list[dict]:
    """The archived copies of a story (article_links, either side), most similar first."""
    return await rows(db, """
        select links.relation, links.score, other.id, other.title, other.publisher, other.original_outlet,
          other.published
        from (select other_id as id, relation, score from article_links where article_id = :id
              union all select article_id, relation, score from article_links where other_id = :id) as links
        join articles as other on other.id = links.id
        order by links.score desc, other.id""", {"id": article_id})


async def claim(db, claim_id: int) -> dict | None:
    """A claim with its article, source, chain, figures, places, dates, links and appearances."""
    found = await one(db, f"select {CLAIM_COLUMNS}, articles.body as body, articles.original_outlet "
                      f"{CLAIMS_FROM} where claims.id = ?", [claim_id])
    if found is None:
        return None
    found["aliases"] = await aliases(db, found["source_id"])
    found["chain_steps"] = await rows(db, "select attributions.*, sources.name as source_name, sources.kind as "
                                      "source_kind from attributions left join sources on sources.id = "
                                      "attributions.source_id where claim_id = ? order by depth", [claim_id])
    found["figures"] = await rows(db, "select * from quantities where claim_id = ? order by start", [claim_id])
    found["places"] = await rows(db, "select places.*, place_mentions.*, place_mentions.text as mention from "
                                 "place_mentions join places on places.id = place_mentions.place_id "
                                 "where place_mentions.claim_id = ? order by place_mentions.start", [claim_id])
    found["dates"] = await rows(db, "select * from date_mentions where claim_id = ? order by start", [claim_id])
    found["superseding"] = await rows(db, "select id, text, origin from claims where superseded_by = ?", [claim_id])
    found["appearances"] = await rows(db, """
        select * from claim_appearances
        where cluster_id = (select cluster_id from claim_clusters where claim_id = ?) order by position""",
                                      [claim_id])
    found["links"] = await claim_links(db, claim_id)
    return found


async def claim_links(db, claim_id: int) -> list[dict]:
    """Every claim_links row touching a claim, seen from it: 'denies' (it denies the other), 'denied_by', ..."""
    return await rows(db, f"""
        select links.relation, links.score, links.direction, claims.id, claims.text, claims.certainty,
          coalesce(sources.name, claims.source_text) as source, articles.id as article_id,
          articles.title as article_title, articles.published, articles.publisher
        from (select other_id as id, relation, score, 'out' as direction from claim_links where claim_id = :id
              union all select claim_id, relation, score, 'in' from claim_links where other_id = :id) as links
        join claims on claims.id = links.id {CLAIM_JOINS}
        order by links.relation, articles.published, claims.id""", {"id": claim_id})


async def source(db, source_id: int) -> dict | None:
    """A source, its aliases, its claims over time, the claims it relays and its figures."""
    found = await one(db, "select * from sources where id = ?", [source_id])
    if found is None:
        return None
    found["aliases"] = await aliases(db, source_id)
    found["claims"] = await rows(db, f"select {CLAIM_COLUMNS} {CLAIMS_FROM} where claims.source_id = ? "
                                 "order by articles.published is null, articles.published, claims.article_id, "
                                 "claims.start", [source_id])
    found["relayed"] = await rows(db, f"select distinct {CLAIM_COLUMNS}, attributions.relation as relayed_as "
                                  f"{CLAIMS_FROM} join attributions on attributions.claim_id = claims.id "
                                  "where attributions.source_id = :id and attributions.depth > 0 "
                                  "and coalesce(claims.source_id, -1) != :id "
                                  "order by articles.published, claims.article_id, claims.start", {"id": source_id})
    found["figures"] = await rows(db, """
        select quantities.*, places.name as place_name, places.id as place_id, claims.text as claim_text,
          coalesce(quantities.period_end, claims.event_date, articles.published) as date, articles.title as article_title
        from quantities join claims on claims.id = quantities.claim_id
        join articles on articles.id = quantities.article_id
        left join places on places.id = quantities.place_id
        where claims.source_id = ? and quantities.value is not null
        order by date, quantities.id""", [source_id])
    return found


async def place(db, place_id: int) -> dict | None:
    """A place, the claims that name it (in publication order) and the figures counted there, with their sources."""
    found = await one(db, "select * from places where id = ?", [place_id])
    if found is None:
        return None
    found["claims"] = await rows(db, f"""
        select {CLAIM_COLUMNS}, group_concat(distinct place_mentions.text) as named_as {CLAIMS_FROM}
        join place_mentions on place_mentions.claim_id = claims.id
        where place_mentions.place_id = ?
        group by claims.id
        order by articles.published is null, articles.published, claims.article_id, claims.start""", [place_id])
    found["articles"] = (await one(db, "select count(distinct article_id) as n from place_mentions where place_id = ?",
                                   [place_id]))["n"]
    found["figures"] = await rows(db, """
        select figures.*, claims.text as claim_text, claims.source_id, articles.publisher,
          coalesce(figures.period_end, figures.date) as date
        from figures join articles on articles.id = figures.article_id
        left join claims on claims.id = figures.claim_id
        where figures.place_id = ? and figures.value is not null
        order by coalesce(figures.period_end, figures.date), figures.id""", [place_id])
    return found


async def map_places(db) -> list[dict]:
    """Every place named in the archive, with how many claims and articles name it."""
    return await rows(db, """
        select places.*, count(distinct place_mentions.claim_id) as claims,
          count(distinct place_mentions.article_id) as articles
        from places join place_mentions on place_mentions.place_id = places.id
        group by places.id order by places.name""")


async def is_archive(db) -> bool:
    return {"articles", "claims"} <= set(await db.table_names())
