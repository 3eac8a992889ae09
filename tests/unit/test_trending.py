"""Trending entities in hopping event-time windows: the reference counter (no Kafka)."""

from __future__ import annotations

import orjson
import pytest
from jsonschema import Draft202012Validator, FormatChecker

from newsstream.contracts import load_schema
from newsstream.state.trending import TrendingCounter, TrendingSnapshot, country_code, event_time_of, window_starts

JOE = {"name": "Joe Biden", "label": "PERSON"}
NATO = ("Nato", "ORG")
KIRBY = {"name": "John Kirby", "label": "PERSON"}


def entry(name: str, label: str, count: int, previous: int) -> dict:
    return {"name": name, "label": label, "count": count, "previous": previous, "change": count - previous}


@pytest.fixture
def counter() -> TrendingCounter:
    return TrendingCounter(size=60, step=30, grace=10, top=20)


def test_window_starts_are_every_hopping_window_containing_the_time():
    assert window_starts(65, size=60, step=30) == [30.0, 60.0]
    assert window_starts(60, size=60, step=30) == [30.0, 60.0]  # [0, 60) ends before 60
    assert window_starts(59.9, size=60, step=30) == [0.0, 30.0]
    assert window_starts(3599.5) == [float(start) for start in range(0, 3600, 300)]
    assert window_starts(3600) == [float(start) for start in range(300, 3900, 300)]
    assert window_starts(-1, size=60, step=30) == [-60.0, -30.0]


def test_the_window_must_be_a_multiple_of_its_step():
    with pytest.raises(ValueError):
        TrendingCounter(size=100, step=30)
    with pytest.raises(ValueError):
        TrendingCounter(step=0)


def test_each_unique_article_counts_once_per_entity_and_duplicates_add_nothing(counter):
    assert counter.add("a", [JOE, NATO, JOE, "Nato"], 35.0)       # Joe twice and Nato twice: once each
    assert not counter.add("copy-of-a", [JOE, NATO], 36.0, duplicate_of="a")
    assert not counter.add("a", [JOE, NATO], 35.0)                # re-delivered: already counted
    assert counter.add("b", [JOE, KIRBY], 40.0)
    assert counter.window_counts(30.0) == (2, {"Joe Biden": ("PERSON", 2), "Nato": ("ORG", 1),
                                               "John Kirby": ("PERSON", 1)})
    assert counter.window_counts(0.0) == counter.window_counts(30.0)  # both hold bucket 30-60
    assert counter.window_counts(60.0) == (0, {})


def test_windows_close_in_order_with_the_change_against_the_previous_window(counter):
    counter.add("a", [JOE, NATO], 35.0)   # windows 0-60 and 30-90
    counter.add("b", [JOE], 65.0)         # windows 30-90 and 60-120
    assert counter.due() == []            # watermark 65: 0-60 closes at 70
    assert counter.due(now=70.0) == [0.0]
    [first] = counter.advance(now=71.0)
    assert first == TrendingSnapshot(0.0, 60.0, 1, [entry("Joe Biden", "PERSON", 1, 0), entry("Nato", "ORG", 1, 0)])
    assert counter.advance(now=71.0) == []  # nothing closes twice
    counter.add("c", [KIRBY, NATO], 95.0)
    [second, third] = counter.advance(now=130.0)  # 30-90 closed at 100, 60-120 at 130
    assert second == TrendingSnapshot(30.0, 90.0, 2, [entry("Joe Biden", "PERSON", 2, 1),
                                                      entry("Nato", "ORG", 1, 1)])
    assert third == TrendingSnapshot(60.0, 120.0, 2, [entry("Joe Biden", "PERSON", 1, 2),
                                                      entry("John Kirby", "PERSON", 1, 0),
                                                      entry("Nato", "ORG", 1, 1)])


def test_late_articles_count_within_the_grace_period_only(counter):
    counter.add("a", [JOE], 35.0)
    counter.add("b", [JOE], 69.0)          # watermark 69: window 0-60 still open (closes at 70)
    assert counter.add("late-in-grace", [NATO], 50.0)
    counter.add("c", [JOE], 75.0)          # watermark 75: 0-60 has closed
    assert counter.add("late-but-ok", [NATO], 31.0)   # its window 30-90 is still open
    assert not counter.add("too-late", [NATO], 20.0)  # windows -30-30 and 0-60 are both closed
    assert counter.is_open(30.0) and not counter.is_open(0.0)
    [zero] = counter.advance()
    assert zero.window_start == 0.0 and zero.articles == 3  # a, late-in-grace, late-but-ok


def test_top_n_ranks_by_count_then_name():
    counter = TrendingCounter(size=60, step=30, grace=0, top=2)
    counter.add("a", ["Zed", "Amy", "Bob"], 1.0)
    counter.add("b", ["Zed", "Bob"], 2.0)
    [snapshot] = [s for s in counter.advance(now=60.0) if s.window_start == 0.0]
    assert [(item["name"], item["count"]) for item in snapshot.top] == [("Bob", 2), ("Zed", 2)]
    assert snapshot.top[0]["label"] == ""  # a bare name has no label


def test_state_stays_bounded_and_windows_without_articles_are_skipped():
    counter = TrendingCounter(size=3600, step=300, grace=600)
    for minute in range(0, 24 * 60, 2):
        counter.add(f"article-{minute}", [JOE], minute * 60.0)
        counter.advance()
        assert len(counter.bucket_starts()) <= (3600 + 600 + 300) // 300 + 1
    # Last article at 86280 s: windows up to 81900 have closed, the next ones hold articles up to bucket 86100.
    assert counter.closed_until == 81900.0
    counter.add("much-later", [NATO], 10 * 86400.0)
    snapshots = counter.advance()
    # The open windows holding the last day's articles close; the empty ones of the nine days after are skipped.
    assert [s.window_start for s in snapshots] == [float(start) for start in range(82200, 86101, 300)]
    assert [s.articles for s in snapshots][-3:] == [7, 5, 2]  # even minutes from 85560, 85800, 86160 to 86280
    assert counter.bucket_starts() == [10 * 86400.0]


def test_the_state_is_json_and_a_counter_on_a_reloaded_state_continues_the_same(counter):
    counter.add("a", [JOE, NATO], 35.0)
    counter.add("b", [JOE], 65.0)
    reloaded = TrendingCounter(orjson.loads(orjson.dumps(counter.store)), size=60, step=30, grace=10)
    assert not reloaded.add("a", [JOE, NATO], 35.0)
    assert reloaded.advance(now=101.0) == counter.advance(now=101.0)


def test_a_snapshot_is_a_valid_trending_record(counter):
    counter.add("a", [JOE, NATO], 35.0)
    [snapshot] = counter.advance(now=71.0)
    record = snapshot.as_record(computed_at=71.0)
    assert not list(Draft202012Validator(load_schema("trending"), format_checker=FormatChecker()).iter_errors(record))
    assert record["window_start"] == "1970-01-01T00:00:00.000Z" and record["window_end"] == "1970-01-01T00:01:00.000Z"


def test_event_time_is_published_at_unless_missing_invalid_or_in_the_future():
    now = 1_764_000_000.0  # 2025-11-24T16:00:00Z
    assert event_time_of("2025-11-24T15:00:00Z", 1.0, now) == now - 3600
    assert event_time_of("2025-11-24T15:00:00", 1.0, now) == now - 3600  # no offset: UTC
    assert event_time_of("2025-11-24T17:00:00+01:00", 1.0, now) == now  # offsets are honoured
    assert event_time_of("2025-11-24T17:00:00Z", 5.0, now) == 5.0       # an hour ahead: not trusted
    assert event_time_of("last Tuesday", 5.0, now) == 5.0
    assert event_time_of(None, None, now) == now


def test_state_writes_per_article_do_not_grow_with_the_articles_counted():
    written: list[int] = []

    class RecordingStore(dict):
        def __setitem__(self, key: str, value: object) -> None:
            written.append(len(orjson.dumps(value)))
            super().__setitem__(key, value)

    counter = TrendingCounter(RecordingStore(), size=3600, step=300, grace=600)
    sizes = []
    counts = []
    for n in range(400):  # one bucket, 10 entities each, 2,000 distinct entities in all
        before = len(written)
        counter.add(f"article-{n}", [(f"Entity {n}-{k}", "ORG") for k in range(5)] + [(f"Common {k}", "GPE") for k in range(5)],
                    event_time=1000.0 + n)
        sizes.append(sum(written[before:]))
        counts.append(len(written) - before)
    assert max(sizes[-50:]) < 2 * max(sizes[1:50]), "writes grew with the bucket"
    # Each write is a changelog record: the article's own key and the watermark, not one per entity.
    assert max(counts) <= 2
    assert counter.window_counts(0.0)[1]["Common 3"] == ("GPE", 400)


# --- per country ------------------------------------------------------------------------------------------------


def test_an_article_counts_in_the_global_list_and_in_the_list_of_each_of_its_countries(counter):
    assert counter.add("a", [JOE, NATO], 35.0, countries=["GB", "US"])
    assert counter.add("b", [JOE], 40.0, countries=["US"])
    assert counter.add("c", [KIRBY], 45.0)
    assert counter.window_counts(30.0) == (3, {"Joe Biden": ("PERSON", 2), "Nato": ("ORG", 1),
                                               "John Kirby": ("PERSON", 1)})
    assert counter.window_counts(30.0, "GB") == (1, {"Joe Biden": ("PERSON", 1), "Nato": ("ORG", 1)})
    assert counter.window_counts(30.0, "US") == (2, {"Joe Biden": ("PERSON", 2), "Nato": ("ORG", 1)})
    assert counter.window_counts(30.0, "FR") == (0, {})


def test_country_codes_are_upper_cased_counted_once_and_only_when_iso_3166_1_alpha_2(counter):
    counter.add("a", [JOE], 35.0, countries=["gb", "GB", " us ", "GBR", "XX", "G1", "", None, "XK"])
    [key] = [key for key in counter.store if key.startswith("sa:")]
    assert counter.store[key] == [{"Joe Biden": "PERSON"}, ["GB", "US"]]
    assert [s.country for s in counter.advance(now=71.0)] == [None, "GB", "US"]


def test_a_closing_window_gives_the_global_list_then_each_country_with_articles_and_its_own_change(counter):
    counter.add("a", [JOE, NATO], 35.0, countries=["US", "BE"])  # windows 0-60 and 30-90
    counter.add("b", [JOE], 65.0, countries=["US"])               # windows 30-90 and 60-120
    counter.add("c", [KIRBY], 70.0)                               # no place: global only
    assert counter.advance(now=71.0) == [
        TrendingSnapshot(0.0, 60.0, 1, [entry("Joe Biden", "PERSON", 1, 0), entry("Nato", "ORG", 1, 0)]),
        TrendingSnapshot(0.0, 60.0, 1, [entry("Joe Biden", "PERSON", 1, 0), entry("Nato", "ORG", 1, 0)], "BE"),
        TrendingSnapshot(0.0, 60.0, 1, [entry("Joe Biden", "PERSON", 1, 0), entry("Nato", "ORG", 1, 0)], "US"),
    ]
    global_list, belgium, united_states = counter.advance(now=100.0)  # 30-90
    assert global_list.country is None and global_list.articles == 3
    assert belgium == TrendingSnapshot(30.0, 90.0, 1, [entry("Joe Biden", "PERSON", 1, 1), entry("Nato", "ORG", 1, 1)],
                                       "BE")
    assert united_states == TrendingSnapshot(30.0, 90.0, 2, [entry("Joe Biden", "PERSON", 2, 1),
                                                             entry("Nato", "ORG", 1, 1)], "US")
    # 60-120 holds b and c only: no Belgian article, so no Belgian list
    assert [(s.country, s.articles) for s in counter.advance(now=130.0)] == [(None, 2), ("US", 1)]


def test_records_are_keyed_by_window_end_and_list_and_carry_their_country(counter):
    counter.add("a", [JOE], 35.0, countries=["GB"])
    global_list, britain = counter.advance(now=71.0)
    assert global_list.key == "1970-01-01T00:01:00.000Z|*"
    assert britain.key == "1970-01-01T00:01:00.000Z|GB"
    validator = Draft202012Validator(load_schema("trending"), format_checker=FormatChecker())
    for snapshot, country in ((global_list, None), (britain, "GB")):
        record = snapshot.as_record(computed_at=71.0)
        assert record["country"] == country
        assert not list(validator.iter_errors(record))
    assert list(validator.iter_errors({**britain.as_record(71.0), "country": "gb"}))
    assert list(validator.iter_errors({**britain.as_record(71.0), "country": "GBR"}))


def test_state_written_before_countries_were_counted_is_still_read(counter):
    # The stored value of the earlier release: the bare {name: label} dict, as the changelog restores it.
    counter.store["_meta"] = {"watermark": 36.0, "closed_until": None, "buckets": [30.0]}
    counter.store["sa:30.0|old"] = {"Joe Biden": "PERSON", "Nato": "ORG"}
    counter.store["sa:30.0|old-no-entities"] = {}
    assert not counter.add("old", [JOE, NATO], 36.0)  # still known: a re-delivery counts once
    assert counter.add("new", [JOE], 40.0, countries=["GB"])
    assert counter.window_counts(30.0) == (3, {"Joe Biden": ("PERSON", 2), "Nato": ("ORG", 1)})
    assert counter.window_counts(30.0, "GB") == (1, {"Joe Biden": ("PERSON", 1)})
    assert counter.tracked_entities() == 2
    assert counter.retract("old")  # a copy, after all
    assert counter.window_counts(30.0) == (2, {"Joe Biden": ("PERSON", 1)})
    assert [(s.country, s.articles) for s in counter.advance(now=71.0)] == [(None, 2), ("GB", 1)]


def test_a_retracted_copy_leaves_its_countries_lists_too(counter):
    counter.add("copy", [JOE], 35.0, countries=["GB", "FR"])
    counter.add("original", [JOE], 34.0, countries=["GB"])
    assert counter.retract("copy")
    assert counter.window_counts(30.0, "FR") == (0, {})
    assert counter.window_counts(30.0, "GB") == (1, {"Joe Biden": ("PERSON", 1)})
    assert [s.country for s in counter.advance(now=71.0)] == [None, "GB"]


def test_late_articles_count_in_their_countries_within_the_grace_period_only(counter):
    counter.add("a", [JOE], 69.0, countries=["GB"])
    assert counter.add("late-in-grace", [NATO], 50.0, countries=["GB"])
    counter.add("b", [JOE], 75.0)
    assert not counter.add("too-late", [NATO], 20.0, countries=["IE"])
    zero = [s for s in counter.advance() if s.window_start == 0.0]
    assert [(s.country, s.articles) for s in zero] == [(None, 1), ("GB", 1)]


def test_a_reloaded_state_keeps_the_countries(counter):
    counter.add("a", [JOE, NATO], 35.0, countries=["GB", "US"])
    counter.add("b", [JOE], 65.0, countries=["US"])
    reloaded = TrendingCounter(orjson.loads(orjson.dumps(counter.store)), size=60, step=30, grace=10)
    assert reloaded.advance(now=101.0) == counter.advance(now=101.0)
    assert len(counter.advance(now=101.0)) == 0 and len(reloaded.advance(now=131.0)) == 2  # 60-120: global, US


def test_countries_add_no_state_write(counter):
    written: list[str] = []

    class RecordingStore(dict):
        def __setitem__(self, key: str, value: object) -> None:
            written.append(key)
            super().__setitem__(key, value)

    counter = TrendingCounter(RecordingStore(), size=60, step=30, grace=10)
    counter.add("a", [JOE], 35.0, countries=["GB", "US", "FR"])
    before = len(written)
    counter.add("b", [JOE], 36.0, countries=["GB", "US", "FR", "DE"])
    assert written[before:] == ["sa:30.0|b", "_meta"]  # the article's one key, and the watermark


def test_country_code_accepts_iso_3166_1_alpha_2_only():
    assert country_code("GB") == "GB" and country_code("gb") == "GB" and country_code(" fr ") == "FR"
    for bad in ("GBR", "XX", "G1", "UK", "XK", "", "G", "ÅÅ"):
        assert country_code(bad) is None, bad
