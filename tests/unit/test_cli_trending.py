"""`newsstream trending [--country CODE]`: the code is checked before the broker is asked, and the newest record of
the asked list is found by reading the topic backwards (it interleaves the global list and every country's)."""

from __future__ import annotations

from dataclasses import dataclass

import orjson
import pytest

from newsstream import cli
from newsstream.kafka import clients


@dataclass(frozen=True)
class Message:
    offset: int
    key: bytes | None
    value: bytes


class StandInConsumer:
    """The part of kafka-python's KafkaConsumer that the command uses, over in-memory partitions."""

    def __init__(self, partitions: dict[int, list[Message]]) -> None:
        self.partitions = partitions
        self.assigned: list = []
        self.positions: dict = {}
        self.polled = 0
        self.closed = False

    def partitions_for_topic(self, topic: str) -> set[int]:
        return set(self.partitions)

    def assign(self, partitions: list) -> None:
        self.assigned = list(partitions)

    def beginning_offsets(self, partitions: list) -> dict:
        return {partition: 0 for partition in partitions}

    def end_offsets(self, partitions: list) -> dict:
        return {partition: len(self.partitions[partition.partition]) for partition in partitions}

    def seek(self, partition, offset: int) -> None:
        self.positions[partition] = offset

    def position(self, partition) -> int:
        return self.positions[partition]

    def poll(self, timeout_ms: int, max_records: int) -> dict:
        got = {}
        for partition in self.assigned:
            start = self.positions[partition]
            batch = self.partitions[partition.partition][start:start + max_records]
            self.positions[partition] = start + len(batch)
            self.polled += len(batch)
            if batch:
                got[partition] = batch
        return got

    def close(self) -> None:
        self.closed = True


def lists(window_end: str, *countries: str | None, articles: int = 1) -> list[tuple[bytes, dict]]:
    """A window's records as the stage publishes them: the global list, then the countries'."""
    return [(f"{window_end}|{country or '*'}".encode(),
             {"schema_version": 2, "revision": 0, "window_start": "2026-03-02T10:00:00.000Z", "window_end": window_end,
              "country": country, "articles": articles,
              "top": [{"name": f"Top of {country or 'all'}", "label": "ORG", "count": articles, "previous": 0,
                       "change": articles}],
              "computed_at": window_end}) for country in (None, *countries)]


def topic(*records: tuple[bytes | None, dict]) -> list[Message]:
    return [Message(offset, key, orjson.dumps(value)) for offset, (key, value) in enumerate(records)]


@pytest.fixture
def broker(monkeypatch):
    """The consumer the command gets, and no real broker check."""
    stand_in: dict[str, StandInConsumer] = {}

    def use(partitions: dict[int, list[Message]]) -> StandInConsumer:
        stand_in["consumer"] = StandInConsumer(partitions)
        return stand_in["consumer"]

    monkeypatch.setattr(cli, "_require_broker", lambda settings: None)
    monkeypatch.setattr(clients, "consumer", lambda settings, **options: stand_in["consumer"])
    return use


@pytest.mark.parametrize("code", ["GBR", "XX", "G1", "UK", "g", ""])
def test_a_code_that_is_not_an_iso_country_is_refused_without_asking_the_broker(code, monkeypatch, capsys):
    def no_broker(*arguments, **options):
        raise AssertionError("the broker was asked")

    monkeypatch.setattr(cli, "_require_broker", no_broker)
    monkeypatch.setattr(clients, "consumer", no_broker)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["trending", "--country", code])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert f"{code!r} is not an ISO 3166-1 alpha-2 country code" in error


def test_a_country_code_is_upper_cased():
    assert cli.build_parser().parse_args(["trending", "--country", "gb"]).country == "GB"
    assert cli.build_parser().parse_args(["trending"]).country is None


def test_the_newest_list_of_the_country_is_found_behind_newer_records_of_other_lists(broker, monkeypatch, capsys):
    monkeypatch.setattr(cli, "TRENDING_READ_BACK", 2)  # read back over several steps
    broker({0: topic(*lists("2026-03-02T11:00:00.000Z", "GB", "US", articles=1),
                     *lists("2026-03-02T11:05:00.000Z", "FR", "IE", "US", articles=2))})
    assert cli.main(["trending", "--country", "gb"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "trending for GB 2026-03-02T10:00:00.000Z - 2026-03-02T11:00:00.000Z (1 articles)"
    assert "Top of GB" in out[1]


def test_without_a_country_the_newest_global_list_is_printed(broker, capsys):
    consumer = broker({0: topic(*lists("2026-03-02T11:00:00.000Z", "GB"),
                                *lists("2026-03-02T11:05:00.000Z", "FR", "GB", articles=3))})
    assert cli.main(["trending", "--json"]) == 0
    record = orjson.loads(capsys.readouterr().out)
    assert record["country"] is None and record["window_end"] == "2026-03-02T11:05:00.000Z"
    assert consumer.polled <= cli.TRENDING_READ_BACK and consumer.closed


def test_records_keyed_by_window_end_alone_are_global_lists(broker, capsys):
    old = lists("2026-03-02T11:00:00.000Z")[0][1]
    del old["country"]
    broker({0: topic((b"2026-03-02T11:00:00.000Z", old), *lists("2026-03-02T11:05:00.000Z", "GB")[1:])})
    assert cli.main(["trending"]) == 0
    assert capsys.readouterr().out.startswith("trending 2026-03-02T10:00:00.000Z - 2026-03-02T11:00:00.000Z")


def test_the_newest_window_wins_over_partitions(broker, capsys):
    broker({0: topic(*lists("2026-03-02T11:05:00.000Z", "GB")), 1: topic(*lists("2026-03-02T11:00:00.000Z", "GB"))})
    assert cli.main(["trending", "--country", "GB", "--json"]) == 0
    assert orjson.loads(capsys.readouterr().out)["window_end"] == "2026-03-02T11:05:00.000Z"


def test_a_country_without_a_list_and_an_empty_topic_are_said_so(broker, capsys):
    broker({0: topic(*lists("2026-03-02T11:00:00.000Z", "GB"))})
    assert cli.main(["trending", "--country", "FR"]) == 1
    assert "no trending list for FR yet on news.trending" in capsys.readouterr().err
    broker({0: []})
    assert cli.main(["trending"]) == 1
    assert "no trending list yet on news.trending" in capsys.readouterr().err


def test_a_topic_that_cannot_be_read_in_time_is_said_so(broker, monkeypatch, capsys):
    consumer = broker({0: topic(*lists("2026-03-02T11:00:00.000Z", "GB"))})
    monkeypatch.setattr(consumer, "poll", lambda timeout_ms, max_records: {})  # the fetches never answer
    assert cli.main(["trending", "--timeout", "0.05"]) == 1
    assert "could not read news.trending within 0.05 s" in capsys.readouterr().err
