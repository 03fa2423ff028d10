"""The same claim in several articles (claim_links, claim_clusters). To be written."""
from __future__ import annotations


def links(db, article_id: int, article_links: list[dict]) -> tuple[list[dict], dict[int, int]]:
    """claim_links rows from the article's claims to archived ones, and the clusters that change."""
    return [], {}
