"""Claim Archive: archive news articles, extract their claims into SQLite, serve them with Datasette."""

__version__ = "0.4.1"
