"""Serving a large archive as README says: a snapshot opened immutable (`datasette serve -i archive.db
--inspect-file counts.json`), its table counts taken from the inspect file instead of counted per request."""
import json
import subprocess
import sys
from pathlib import Path

import yaml
from datasette.app import Datasette

from conftest import ROOT
from test_faults import corpus
from test_ingest import rows

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
DATASETTE = str(Path(sys.executable).parent / "datasette")


async def test_immutable_archive_with_an_inspect_file_serves_its_counts_and_canned_queries(tmp_path):
    folder = corpus(tmp_path / "in", 3)
    live = tmp_path / "live.db"
    subprocess.run([sys.executable, str(ROOT / "ingest.py"), folder, "--db", live, "--model", "blank", "--quiet"],
                   check=True, timeout=300)
    served = tmp_path / "archive.db"
    subprocess.run([sys.executable, str(ROOT / "ingest.py"), "snapshot", served, "--db", live], check=True,
                   capture_output=True, timeout=60)
    counts = tmp_path / "counts.json"
    subprocess.run([DATASETTE, "inspect", served, "--inspect-file", counts], check=True, timeout=120)
    inspect_data = json.loads(counts.read_text())
    assert inspect_data["archive"]["tables"]["claims"]["count"] == rows(served, "select count(*) from claims")[0][0]
    inspect_data["archive"]["tables"]["claims"]["count"] = 123_456  # so the page shows the file's, not a count
    ds = Datasette(immutables=[str(served)], inspect_data=inspect_data, metadata=METADATA,
                   settings={"sql_time_limit_ms": 1000})
    tables = {t["name"]: t for t in (await ds.client.get("/archive.json")).json()["tables"]}
    assert tables["claims"]["count"] == 123_456
    assert tables["articles"]["count"] == 3
    page = await ds.client.get("/archive/search_claims.json?q=winds&_shape=array")
    assert page.status_code == 200 and page.json()
    assert ds.databases["archive"].is_mutable is False
