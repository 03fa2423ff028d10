"""Copies of the same story (article_links). To be written: MinHash LSH over word shingles."""
from __future__ import annotations


def links(db, article_id: int) -> list[dict]:
    """article_links rows from the article to the archived articles whose text it largely shares."""
    return []
