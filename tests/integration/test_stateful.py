"""Near-duplicates and trending entities on the real broker, with state that survives a worker restart."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime

import orjson
import pytest
from jsonschema import Draft202012Validator, FormatChecker

from newsstream.contracts import load_schema
from newsstream.state.trending import country_code

from ..conftest import CORPUS, SAMPLE_ARTICLE
from .workloads import STATEFUL_ENV

pytestmark = pytest.mark.integration

TRENDING = Draft202012Validator(load_schema("trending"), format_checker=FormatChecker())
SAMPLE = SAMPLE_ARTICLE.read_text(encoding="utf-8")


def rechrome(text: str, site: str, tagline: str, headline: str) -> str:
    """The same wire story as another site republishes it: its own chrome, its own headline."""
    lines = text.splitlines()
    body = lines[6:]  # after site name, tagline and headline (and the blank lines between them)
    body = [line for line in body if line.strip() != "Source link"]
    return "\n".join([site, "", tagline, "", headline, "", *body, "", "Share this article"])


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def send(stack, records: list[tuple[str, int, dict]]) -> None:
    producer = stack.producer()
    for key, partition, document in records:
        producer.send(stack.settings.topics.raw, key=key.encode(), value=orjson.dumps(document), partition=partition)
    producer.flush()
    producer.close()


def enriched_by_id(stack, wanted: set[str], process) -> dict[str, dict]:
    messages = stack.consume(stack.settings.topics.enriched, lambda got: {m.key.decode() for m in got} >= wanted,
                             timeout=180, process=process)
    return {m.key.decode(): orjson.loads(m.value) for m in messages}


def countries_of(record: dict) -> set[str]:
    """The countries the trending stage counts an enriched record in (the ISO codes of its places)."""
    return {code for place in record.get("places") or [] if (code := country_code(place["country_code"] or ""))}


def full_window(messages: list, countries: Counter[str]) -> dict[str, dict] | None:
    """The lists of a window whose global list counts all three unique articles ({key: record}), once every
    country of their places has its list there with as many articles as name it; None before."""
    lists = [(message.key.decode(), orjson.loads(message.value)) for message in messages]
    ends = {record["window_end"] for _, record in lists if record.get("country") is None and record["articles"] >= 3}
    for end in ends:
        window = {key: record for key, record in lists if record["window_end"] == end}
        per_country = Counter({record["country"]: record["articles"] for record in window.values()
                               if record.get("country")})
        if per_country == countries:
            return window
    return None


def test_syndicated_copies_are_found_across_partitions_and_after_a_restart(stack):
    published = now()
    copy = rechrome(SAMPLE, "World Wire Daily", "Your window on the world",
                    "Pentagon to send 2,000 more troops to bolster Nato in Europe")
    apple_a = (CORPUS / "tech" / "248.txt").read_text(encoding="utf-8")
    apple_b = (CORPUS / "tech" / "259.txt").read_text(encoding="utf-8")
    send(stack, [
        ("original", 0, {"id": "original", "body": SAMPLE, "published_at": published}),
        ("apple-a", 1, {"id": "apple-a", "body": apple_a, "published_at": published}),
        ("apple-b", 4, {"id": "apple-b", "body": apple_b, "published_at": published}),
    ])
    worker = stack.start_worker(**STATEFUL_ENV)
    enriched_by_id(stack, {"original"}, worker)  # "first seen" is arrival order: the original goes first
    send(stack, [("copy", 3, {"id": "copy", "body": copy, "source": "World Wire Daily", "published_at": published})])
    records = enriched_by_id(stack, {"original", "copy", "apple-a", "apple-b"}, worker)
    assert records["copy"]["duplicate_of"] == "original"
    assert records["copy"]["similarity"] >= 0.8
    for other in ("original", "apple-a", "apple-b"):
        assert records[other]["duplicate_of"] is None and records[other]["similarity"] is None, other
    unique = stack.consume(stack.settings.topics.unique, lambda got: len(got) >= 3, timeout=60, process=worker)
    assert {m.key.decode() for m in unique} == {"original", "apple-a", "apple-b"}

    # Trending: the syndicated copy does not count twice, globally or in a country of its places.
    countries = Counter(code for article_id in ("original", "apple-a", "apple-b")
                        for code in countries_of(records[article_id]))
    trending = stack.consume(stack.settings.topics.trending, lambda got: full_window(got, countries) is not None,
                             timeout=240, process=worker)
    window = full_window(trending, countries)
    assert window is not None
    for key, record in window.items():
        assert not list(TRENDING.iter_errors(record)), key
        assert key == f"{record['window_end']}|{record['country'] or '*'}"
    [global_list] = [record for record in window.values() if record["country"] is None]
    assert global_list["articles"] == 3
    counts = {item["name"]: item["count"] for item in global_list["top"]}
    assert counts.get("Joe Biden") == 1
    assert counts.get("Apple") == 2
    cli = subprocess.run([sys.executable, "-m", "newsstream", "trending"], env=stack.env, capture_output=True,
                         text=True, timeout=60)
    assert cli.returncode == 0, cli.stderr
    assert "trending" in cli.stdout.splitlines()[0]
    for code in list(countries)[:1]:
        cli = subprocess.run([sys.executable, "-m", "newsstream", "trending", "--country", code.lower()],
                             env=stack.env, capture_output=True, text=True, timeout=60)
        assert cli.returncode == 0, cli.stderr
        assert cli.stdout.startswith(f"trending for {code} "), cli.stdout

    # The index is in a changelog-backed table: a new worker process still knows the original.
    stack.stop_all()
    assert worker.returncode == 0
    later = rechrome(SAMPLE, "Capital Courier", "News you can trust", "US orders troops to eastern Europe")
    send(stack, [("later-copy", 5, {"id": "later-copy", "body": later, "published_at": now()})])
    restarted = stack.start_worker(**STATEFUL_ENV)
    records = enriched_by_id(stack, {"later-copy"}, restarted)
    assert records["later-copy"]["duplicate_of"] == "original"
