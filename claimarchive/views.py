"""SQL views that do the joining for people who write SQL and for Datasette's pages."""
from __future__ import annotations

import sqlite_utils
from sqlite_utils.db import quote_identifier

# Per group of the same claim (claim_clusters): how many claims, articles and outlets carry it, when and where it
# first appeared, and how many independent speakers stand behind it (the depth-0 source of each claim's chain, else
# its source): many outlets and one deepest source is repetition, not corroboration. Kept per group in the table
# cluster_summaries (link/clusters.py summarise: the groups a new article's links or a deleted article change), so
# that the groups are listed by their counts from an index at any size; {where} picks the groups.
CLUSTER_SUMMARY = """
select
  claim_clusters.cluster_id,
  count(*) as claims,
  count(distinct claims.article_id) as articles,
  count(distinct lower(coalesce(articles.publisher, articles.original_outlet))) as outlets,
  min(articles.published) as first_published,
  -- the claim of the article published first (ties: the article archived first, then its first claim), read in
  -- the same pass: the least of "published article-id claim-id", the ids zero-padded, ends with the claim's id
  cast(substr(min(case when articles.published is not null then
    articles.published || ' ' || printf('%012d %012d', articles.id, claims.id) end), -12) as integer) as first_claim_id,
  count(distinct coalesce(speakers.source_id, claims.source_id)) as deepest_sources
from claim_clusters
join claims on claims.id = claim_clusters.claim_id
join articles on articles.id = claims.article_id
left join attributions as speakers on speakers.claim_id = claims.id and speakers.depth = 0
{where}
group by claim_clusters.cluster_id
"""

VIEWS = {
    # One readable line per claim chain, speaker first:
    # "police → told AP → reported_by The Guardian → published_by example.com".
    "claim_chains": """
select
  claims.id as claim_id,
  group_concat(
    case when attributions.relation = 'said' then attributions.mention
         else attributions.relation || ' ' || attributions.mention end,
    ' → ') as chain
from claims
join (select * from attributions order by claim_id, depth) as attributions on attributions.claim_id = claims.id
group by claims.id
""",
    # A claim with its article, source, chain, figures and places: what a reader wants on one row.
    "claim_details": """
select
  claims.id,
  claims.article_id,
  articles.title as article_title,
  articles.published,
  articles.publisher,
  articles.original_outlet,
  claims.kind,
  claims.text,
  claims.source_text,
  sources.name as source,
  sources.kind as source_kind,
  claims.cue,
  claims.certainty,
  claims.verification,
  claims.is_quote,
  claims.event_date,
  (select group_concat(step, ' → ') from (
     select case when a.relation = 'said' then a.mention else a.relation || ' ' || a.mention end as step
     from attributions a where a.claim_id = claims.id order by a.depth)) as chain,
  (select group_concat(quantities.text, '; ') from quantities where quantities.claim_id = claims.id) as figures,
  (select group_concat(distinct places.name) from place_mentions
     join places on places.id = place_mentions.place_id
     where place_mentions.claim_id = claims.id and place_mentions.kind = 'place') as places,
  claims.origin,
  claims.status,
  claims.start,
  claims."end"
from claims
join articles on articles.id = claims.article_id
left join sources on sources.id = claims.source_id
""",
    # Every figure with its claim, who gave it (the claim's source, else the outlet), its date, and what makes it
    # comparable: what it counts, what happened to them, where and over which period.
    "figures": """
select
  quantities.id,
  quantities.kind,
  quantities.value,
  quantities.unit,
  quantities.qualifier,
  quantities.text,
  quantities.counted,
  quantities.event,
  coalesce(places.name, '') as place,
  quantities.place_id,
  quantities.period_start,
  quantities.period_end,
  coalesce(sources.name, articles.original_outlet, articles.publisher) as source,
  claims.source_text,
  claims.certainty,
  coalesce(claims.event_date, articles.published) as date,
  articles.title as article_title,
  quantities.article_id,
  quantities.claim_id
from quantities
join articles on articles.id = quantities.article_id
left join claims on claims.id = quantities.claim_id
left join sources on sources.id = claims.source_id
left join places on places.id = quantities.place_id
""",
    # The conservative figure for each count (event, what is counted, place, period), as ACLED keeps it: the lowest
    # reported, with the highest, and how many reports (an article's figure repeated, as in its headline, is one),
    # sources and articles give one. A day's toll and a war's are different counts; a figure is counted once, at
    # its own place; a denied one, or a part counted as its whole ("12 of them"), not at all.
    "conservative_figures": """
select
  min(kind) as kind,
  event,
  counted,
  place,
  place_id,
  period_start,
  period_end,
  min(value) as conservative_value,
  max(value) as highest_value,
  count(distinct article_id || ' ' || value) as reports,
  count(distinct source) as sources,
  count(distinct article_id) as articles
from figures
where event is not null and place_id is not null and period_end is not null and coalesce(certainty, '') != 'denied'
  and not exists (select 1 from quantities q, quantities w
                  where q.id = figures.id and w.id = q.part_of and w.counted = q.counted)
group by event, counted, place_id, period_start, period_end
""",
    # Places with their granularity and how many claims name them: the map page (latitude/longitude columns).
    # A demonym ("Syrian forces") names a people, not a place on the map.
    "place_map": """
select
  places.id,
  places.name,
  places.name_en,
  places.local_name,
  places.feature,
  places.country,
  places.region,
  places.latitude,
  places.longitude,
  count(distinct place_mentions.claim_id) as claims,
  count(distinct place_mentions.article_id) as articles
from places
join place_mentions on place_mentions.place_id = places.id and place_mentions.kind = 'place'
group by places.id
""",
    # Per group of the same claim: CLUSTER_SUMMARY, as cluster_summaries keeps it.
    "claim_cluster_summary": """
select cluster_id, claims, articles, outlets, first_published, first_claim_id, deepest_sources
from cluster_summaries
""",
    # Who said it first: every appearance of a claim (the claims of its cluster) in publication order, with
    # the outlet, the speaker and the chain (as claim_chains words it, built for this claim alone); the first is marked (ties go to the article archived first; an
    # article with no publication date comes last and is never first).
    "claim_appearances": """
select
  appearances.cluster_id,
  appearances.position,
  appearances.position = 1 and appearances.published is not null as first,
  appearances.claim_id,
  appearances.published,
  appearances.article_id,
  articles.title as article_title,
  articles.publisher,
  articles.original_outlet,
  coalesce(speakers.name, claims.source_resolved, claims.source_text) as speaker,
  (select group_concat(step, ' → ') from (
     select case when a.relation = 'said' then a.mention else a.relation || ' ' || a.mention end as step
     from attributions a where a.claim_id = claims.id order by a.depth)) as chain,
  claims.text
from (
  select claim_clusters.cluster_id, claim_clusters.claim_id, claims.article_id, articles.published,
    row_number() over (partition by claim_clusters.cluster_id
                       order by articles.published is null, articles.published, claims.article_id, claims.id)
      as position
  from claim_clusters
  join claims on claims.id = claim_clusters.claim_id
  join articles on articles.id = claims.article_id) as appearances
join claims on claims.id = appearances.claim_id
join articles on articles.id = appearances.article_id
left join sources as speakers on speakers.id = coalesce(
  (select attributions.source_id from attributions where attributions.claim_id = claims.id and attributions.depth = 0),
  claims.source_id)
""",
}


def views_current(db: sqlite_utils.Database) -> bool:
    """Whether every view exists with today's SQL."""
    names = set(db.view_names())
    return all(name in names and db[name].schema == _create_sql(name, sql) for name, sql in VIEWS.items())


def _create_sql(name: str, sql: str) -> str:
    return f"CREATE VIEW {quote_identifier(name)} AS {sql.strip()}"


def create_views(db: sqlite_utils.Database) -> None:
    """Create (or re-create) every view."""
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)
