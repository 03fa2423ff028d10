"""Enrichment of extracted claims: figures, places, dates and sources, one module each."""
