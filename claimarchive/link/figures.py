"""Figures that disagree (figure_conflicts). To be written."""
from __future__ import annotations


def conflicts(db, article_id: int) -> list[dict]:
    """figure_conflicts rows between the article's figures and archived ones."""
    return []
