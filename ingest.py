#!/usr/bin/env python3
"""Archive news articles and their claims into SQLite.

    python ingest.py [PATH ...] --db archive.db          (the same as: claim-archive ingest PATH ... --db archive.db)
    python ingest.py snapshot OUT.db --db archive.db     a consistent single-file copy, safe while served

The command line itself is claimarchive/cli.py.
"""
from claimarchive.cli import main

if __name__ == "__main__":
    main()
