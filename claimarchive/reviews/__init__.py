"""Fact-checks: reviews of archived claims, read from ClaimReview JSON-LD or CSV, matched to the archive,
kept when articles change, and written back out as ClaimReview.

    read.py     a file → Review values (ClaimReview JSON-LD in its four shapes, or CSV), bounded, with problems
    match.py    a Review → the archived claim it reviews (by appearance url, else by text), method and score
    keep.py     reviews across re-ingest: detached from a replaced article's claims, re-attached to the new ones
    imports.py  `ingest.py reviews FILE…`: read, match and store, one transaction per file
    export.py   `ingest.py export claimreview`: ClaimReview JSON-LD for every reviewed claim, with its appearances
"""
