"""The documentation and the three descriptions of the data agree: every CLI option and every table and column
is in the README; model.py's fields, schema.TABLES and metadata.yml's column descriptions name the same things."""
import dataclasses
import re
from pathlib import Path

import click
import pytest
import yaml

from claimarchive import model
from claimarchive.cli import cli
from claimarchive.schema import TABLES
from claimarchive.views import VIEWS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))["databases"]["archive"]["tables"]

# Each value's table, and the fields that are not its columns (with why), or the columns that are not fields.
MODEL_TABLES = {
    model.Article: ("articles", {
        "curated_claims": "stored as claims", "warnings": "printed, not stored",
        "sidecar_sha256": "stored per file, in article_files", "claims_sha256": "stored per file, in article_files",
    }, {"id": "the row's", "extractor": "the writer's release", "ingested_at": "the writer's clock"}),
    model.Segment: ("segments", {}, {"id": "the row's", "article_id": "the row's", "text": "the body's slice"}),
    model.Claim: ("claims", {"relays": "stored as attributions"},
                  {"id": "the row's", "article_id": "the row's", "source_id": "resolved by the writer",
                   "published": "the article's, copied"}),
    model.Quantity: ("quantities", {"claim_index": "stored as claim_id"}, {"id": "the row's", "article_id": "the row's", "claim_id": "the claim's row"}),
    model.Place: ("places", {"geonames_id": "the id"}, {"id": "the GeoNames id"}),
    model.PlaceMention: ("place_mentions", {"place": "stored as place_id", "claim_index": "stored as claim_id"},
                         {"id": "the row's", "article_id": "the row's", "claim_id": "the claim's row",
                          "place_id": "the place's row"}),
    model.DateMention: ("date_mentions", {"claim_index": "stored as claim_id"}, {"id": "the row's", "article_id": "the row's", "claim_id": "the claim's row"}),
    model.Source: ("sources", {"aliases": "stored as source_aliases", "generic": "stored as the article scope of key"},
                   {"id": "the row's", "key": "the writer's"}),
}


def options(command: click.Command) -> list[str]:
    return [opt for param in command.params if isinstance(param, click.Option) for opt in param.opts
            if opt.startswith("--") and opt != "--help"]


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_and_option_is_in_the_readme(name):
    command = cli.commands[name]
    assert re.search(rf"ingest\.py {name}\b|claim-archive {name}\b", README), f"command {name}"
    for option in options(command):
        assert f"`{option}" in README, f"{name} {option}"


def test_the_group_options_are_in_the_readme():
    for option in options(cli):
        assert f"`{option}" in README, option


def readme_columns(table: str) -> list[str]:
    """The columns the README's database table lists for a table, without their explanations."""
    row = re.search(rf"^\| `{table}` \|[^|]*\| `([^`]*)` \|$", README, re.MULTILINE)
    assert row, f"README lists no columns for {table}"
    return [re.sub(r"\s*\(.*", "", part).strip() for part in re.split(r",\s*(?![^()]*\))", row.group(1))]


@pytest.mark.parametrize("table", list(TABLES))
def test_every_table_and_column_is_in_the_readme(table):
    assert readme_columns(table) == list(TABLES[table]["columns"])


@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_is_in_the_readme(view):
    assert f"`{view}`" in README


@pytest.mark.parametrize("table", list(TABLES))
def test_metadata_describes_exactly_the_columns_of_each_table(table):
    assert set(METADATA[table]["columns"]) == set(TABLES[table]["columns"])
    assert all(str(text).strip() for text in METADATA[table]["columns"].values())


@pytest.mark.parametrize("value", list(MODEL_TABLES), ids=lambda v: v.__name__)
def test_model_fields_are_the_columns_of_their_table(value):
    table, not_columns, not_fields = MODEL_TABLES[value]
    fields = {f.name for f in dataclasses.fields(value)}
    assert set(not_columns) <= fields, "a listed exception is no field any longer"
    assert fields - set(not_columns) == set(TABLES[table]["columns"]) - set(not_fields)
