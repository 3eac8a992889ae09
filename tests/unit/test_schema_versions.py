"""Schema version 2: the enriched, unique and trending records; a version-1 reader still reads them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from jsonschema import Draft202012Validator, FormatChecker

from newsstream.contracts import first_violation, load_schema
from newsstream.state.dedup import Revision
from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.outputs import enriched_record
from newsstream.state.stage import retraction
from newsstream.state.trending import TrendingCounter

from ..conftest import SAMPLE_ARTICLE

VERSION_1 = Path(__file__).resolve().parents[2] / "schemas" / "v1"


def version_1_reader(name: str) -> Draft202012Validator:
    """What a consumer written against version 1 checks when it ignores fields it does not know: every version-1
    field, with its version-1 type, and nothing about extra fields or the version number."""
    schema = json.loads((VERSION_1 / f"{name}.schema.json").read_text(encoding="utf-8"))

    def open_up(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: open_up(value) for key, value in node.items()
                    if not (key == "additionalProperties" and value is False)}
        return [open_up(item) for item in node] if isinstance(node, list) else node

    opened = open_up(schema)
    opened["properties"]["schema_version"] = {"type": "integer"}
    return Draft202012Validator(opened, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def enriched(nlp) -> dict[str, Any]:
    raw = orjson.dumps({"id": "sample", "body": SAMPLE_ARTICLE.read_text(encoding="utf-8"),
                        "published_at": "2026-03-02T10:00:00Z", "source": "example"})
    [article] = Enricher(nlp).enrich_batch([parse_raw_record(raw, max_bytes=10**7)])
    article.processing.update({"received_at": "2026-03-02T10:00:01.000Z", "source_topic": "news.raw",
                               "source_partition": 0, "source_offset": 0})
    return orjson.loads(enriched_record(article)[1])


def trending_records() -> list[dict[str, Any]]:
    """A window's global list and its one country's."""
    counter = TrendingCounter({}, size=60.0, step=30.0, grace=0.0)
    counter.add("a", [{"name": "Joe Biden", "label": "PERSON"}], 10.0, countries=["GB"])
    return [snapshot.as_record(100.0) for snapshot in counter.advance(100.0)[:2]]


def trending_record() -> dict[str, Any]:
    return trending_records()[0]


def test_version_2_records_meet_their_schemas(enriched):
    assert enriched["schema_version"] == 2 and enriched["revision"] == 0
    assert first_violation("enriched-article", enriched) is None
    assert [record["country"] for record in trending_records()] == [None, "GB"]
    assert all(first_violation("trending", record) is None for record in trending_records())
    revised = {**enriched, "duplicate_of": "original", "similarity": 0.93, "revision": 1}
    assert first_violation("unique", enriched) is None and first_violation("enriched-article", revised) is None
    taken_back = retraction(Revision("sample", "original", 0.93, 1, True, 5), 100.0)
    assert first_violation("unique", taken_back) is None
    assert first_violation("unique", {**taken_back, "revision": 0}) is not None  # a retraction is a revision


def test_version_2_objects_are_open_to_additive_fields(enriched):
    later = copy.deepcopy(enriched)
    later["places"] = [{"country_code": "GB", "name": "United Kingdom", "mentions": 1, "share": 1.0}]
    later["entities"][0]["place"] = None
    later["processing"]["pipeline"] = "en"
    assert first_violation("enriched-article", later) is None
    assert first_violation("trending", {**trending_record(), "country": None}) is None


def test_a_version_1_reader_that_ignores_unknown_fields_reads_version_2_records(enriched):
    for name, record in (("enriched-article", enriched), *(("trending", record) for record in trending_records())):
        errors = [error.message for error in version_1_reader(name).iter_errors(record)]
        assert errors == [], (name, errors)
    # and the check is not empty: a record missing a version-1 field fails it
    assert list(version_1_reader("enriched-article").iter_errors({k: v for k, v in enriched.items() if k != "text"}))


def test_version_1_schemas_are_kept_as_they_were_published():
    for name in ("enriched-article", "trending"):
        old = json.loads((VERSION_1 / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert old["properties"]["schema_version"] == {"const": 1}
        assert load_schema(name)["properties"]["schema_version"] == {"const": 2}
