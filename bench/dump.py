"""Every row of an archive as text, to diff the output of two versions of the pipeline.

    python -m bench.dump archive.db > rows.txt

Each table is printed in id order (article_files and places, which have no id, in key order), one row a
line; the times of ingest are left out, so two ingests of the same files by the same code print the same.
"""
from __future__ import annotations

import sqlite3
import sys

TABLES = ("articles", "article_files", "segments", "sources", "source_aliases", "claims", "attributions",
          "quantities", "places", "place_mentions", "date_mentions")
LEFT_OUT = {"ingested_at"}


def dump(path, out=sys.stdout) -> None:
    """Write every table's rows to out."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        for table in TABLES:
            columns = [row[1] for row in db.execute(f"pragma table_info([{table}])") if row[1] not in LEFT_OUT]
            order = "id" if "id" in columns else columns[0]
            out.write(f"## {table} ({', '.join(columns)})\n")
            select = ", ".join(f"[{c}]" for c in columns)
            for row in db.execute(f"select {select} from [{table}] order by [{order}]"):
                out.write(repr(row) + "\n")


if __name__ == "__main__":
    dump(sys.argv[1])
