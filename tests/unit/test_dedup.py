"""MinHash signatures, LSH band keys and the reference near-duplicate index (no Kafka)."""

from __future__ import annotations

import re

import numpy as np
import orjson
import pytest

from newsstream.state import dedup
from newsstream.state.dedup import Decision, DuplicateIndex, Match, MinHashSignature

from ..conftest import CORPUS, SAMPLE_ARTICLE

SAMPLE = SAMPLE_ARTICLE.read_text(encoding="utf-8")
APPLE_LAWSUIT = (CORPUS / "tech" / "248.txt").read_text(encoding="utf-8")
APPLE_OTHER = (CORPUS / "tech" / "259.txt").read_text(encoding="utf-8")


def rechrome(text: str) -> str:
    """The sample as another site republishes it: its name, tagline and headline, no "Source link", a share line."""
    lines = text.splitlines()
    assert lines[0] == "Time Plus News" and lines[4].startswith("US sends extra 2,000 troops")
    body = [line for line in lines[6:] if line.strip() != "Source link"]
    return "\n".join(["World Wire Daily", "", "Your window on the world", "",
                      "Pentagon to send 2,000 more troops to bolster Nato in Europe", "", *body, "",
                      "Share this article"])


def test_shingles_ignore_case_punctuation_and_spacing_and_stay_within_lines():
    assert dedup.shingles("The  Cat, sat on the MAT!", k=3) == {b"the cat sat", b"cat sat on", b"sat on the",
                                                                  b"on the mat"}
    assert dedup.shingles("Don\u2019t stop\nnow", k=2) == dedup.shingles("don't  stop\n\n  NOW", k=2) == {
        b"don t", b"t stop", b"now"}  # no shingle spans the line break; a short line is one shingle
    assert dedup.shingles("", k=5) == set() and dedup.shingles(" .,; \n", k=5) == set()


def test_a_chrome_line_at_the_edge_changes_only_its_own_shingles():
    story = "one two three four five six seven"
    assert dedup.shingles(f"Site Name\n{story}\nShare this article") - dedup.shingles(story) == {
        b"site name", b"share this article"}


def test_signatures_are_deterministic_and_serialise_compactly():
    sig = dedup.signature(SAMPLE)
    assert sig.values.dtype == np.uint32 and sig.num_perm == 128 and sig.size == len(dedup.shingles(SAMPLE))
    assert sig == dedup.signature(SAMPLE)
    assert len(sig.to_bytes()) == 512 and len(sig.to_base64()) == 684
    assert MinHashSignature.from_bytes(sig.to_bytes()) == sig
    assert dedup.decode_signature(dedup.encode_signature(sig)) == sig
    assert dedup.encode_signature(sig.values) == sig.to_base64()  # plain arrays are accepted too
    assert dedup.signature(SAMPLE, seed=2) != sig
    with pytest.raises(ValueError):
        MinHashSignature.from_bytes(b"abc")


def test_identical_text_is_one_and_a_text_without_words_is_similar_to_nothing():
    assert dedup.jaccard(dedup.signature(SAMPLE), dedup.signature(SAMPLE)) == 1.0
    empty = dedup.signature("  ...  ")
    assert empty.is_empty and dedup.jaccard(empty, empty) == 0.0 and dedup.band_keys(empty) == []
    with pytest.raises(ValueError):
        dedup.jaccard(dedup.signature(SAMPLE), dedup.signature(SAMPLE, num_perm=64))


def test_a_rechromed_syndicated_copy_is_a_near_duplicate():
    original, copy = dedup.signature(SAMPLE), dedup.signature(rechrome(SAMPLE))
    exact = dedup.exact_jaccard(dedup.shingles(SAMPLE), dedup.shingles(rechrome(SAMPLE)))
    assert exact >= 0.9
    assert dedup.jaccard(original, copy) >= 0.8
    assert abs(dedup.jaccard(original, copy) - exact) < 0.1  # the estimate tracks the true similarity
    assert set(dedup.band_keys(original)) & set(dedup.band_keys(copy))  # so the index compares them


def test_two_different_stories_on_the_same_subject_are_not():
    assert "Apple" in APPLE_LAWSUIT and "Apple" in APPLE_OTHER
    assert dedup.jaccard(dedup.signature(APPLE_LAWSUIT), dedup.signature(APPLE_OTHER)) < 0.2
    index = DuplicateIndex()
    assert index.add("lawsuit", dedup.signature(APPLE_LAWSUIT), 0.0) is None
    assert index.add("other", dedup.signature(APPLE_OTHER), 1.0) is None


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.8, 0.9, 0.95])
def test_lsh_parameters_are_the_ones_datasketch_chooses(threshold):
    lsh = pytest.importorskip("datasketch.lsh")
    assert dedup.lsh_parameters(threshold, 128) == lsh._optimal_param(threshold, 128, 0.5, 0.5)


def test_band_keys_name_their_band_and_follow_the_threshold():
    sig = dedup.signature(SAMPLE)
    assert dedup.lsh_parameters(0.8) == (9, 13)
    keys = dedup.band_keys(sig, threshold=0.8)
    assert len(keys) == 9 and all(re.fullmatch(r"b0[0-8]:[0-9a-f]{16}", key) for key in keys)
    assert [key[:3] for key in keys] == [f"b{band:02d}" for band in range(9)]
    assert dedup.band_keys(sig, threshold=0.8) == keys
    assert len(dedup.band_keys(sig, threshold=0.5)) == 25
    with pytest.raises(ValueError):
        dedup.band_keys(sig, threshold=1.0)


def test_the_index_answers_with_the_first_article_seen():
    index = DuplicateIndex()
    assert index.add("original", dedup.signature(SAMPLE), 10.0) is None
    first_copy = index.add("copy-1", dedup.signature(rechrome(SAMPLE)), 20.0)
    assert first_copy is not None and first_copy.original_id == "original" and first_copy.similarity >= 0.8
    assert index.add("copy-2", dedup.signature(SAMPLE), 30.0) == Match("original", 1.0)  # not copy-1
    assert len(index) == 3 and "copy-1" in index and "unknown" not in index


def test_first_seen_is_arrival_order_not_the_seen_at_clock():
    index = DuplicateIndex()
    index.add("arrived-first", dedup.signature(SAMPLE), 100.0)
    index.add("older-clock", dedup.signature(rechrome(SAMPLE)), 50.0)
    assert index.add("third", dedup.signature(SAMPLE), 200.0) == Match("arrived-first", 1.0)


def test_re_adding_an_article_gives_its_first_answer_and_indexes_it_once():
    index = DuplicateIndex()
    index.add("original", dedup.signature(SAMPLE), 1.0)
    copy = index.add("copy", dedup.signature(rechrome(SAMPLE)), 2.0)
    assert index.add("original", dedup.signature(SAMPLE), 5.0) is None  # not a copy of its own copy
    assert index.add("copy", dedup.signature(rechrome(SAMPLE)), 6.0) == copy
    assert len(index) == 2
    assert sum(members.count("original") for key, members in index.store.items() if key.startswith("b")) == len(
        dedup.band_keys(dedup.signature(SAMPLE), index.lsh_threshold))


def test_articles_past_the_retention_are_not_matched_and_expire_removes_them():
    index = DuplicateIndex(retention_seconds=100.0, bucket_seconds=10.0)
    index.add("old", dedup.signature(SAMPLE), 5.0)
    index.add("other", dedup.signature(APPLE_LAWSUIT), 60.0)
    assert index.add("late-copy", dedup.signature(rechrome(SAMPLE)), 106.0) is None  # 101 s after "old"
    assert index.expire(104.0) == 0  # "old" is 99 s old: kept
    assert index.expire(106.0) == 0  # its bucket [0, 10) is not yet wholly past the retention
    assert index.expire(110.0) == 1
    assert "old" not in index and len(index) == 2
    assert not any("old" in (members if isinstance(members, list) else key)
                   for key, members in index.store.items() if key.startswith(("b", "t:")))
    assert index.store["_meta"]["buckets"] == [60.0, 100.0]
    assert index.expire(1000.0) == 2 and len(index) == 0
    assert set(index.store) == {"_meta"}  # nothing left behind


def test_the_state_is_json_and_an_index_on_a_reloaded_state_continues_the_same():
    index = DuplicateIndex()
    index.add("original", dedup.signature(SAMPLE), 1.0)
    index.add("apple", dedup.signature(APPLE_LAWSUIT), 2.0)
    reloaded = DuplicateIndex(orjson.loads(orjson.dumps(index.store)))  # what a changelog restore gives back
    match = reloaded.add("copy", dedup.signature(rechrome(SAMPLE)), 3.0)
    assert match is not None and match.original_id == "original"
    assert reloaded.add("apple", dedup.signature(APPLE_LAWSUIT), 4.0) is None and len(reloaded) == 3


def test_containment_finds_a_truncated_copy_that_jaccard_misses():
    paragraphs = [line for line in SAMPLE.splitlines() if line.strip()]
    truncated = "\n\n".join(paragraphs[:len(paragraphs) // 2])
    original, copy = dedup.signature(SAMPLE), dedup.signature(truncated)
    assert dedup.jaccard(original, copy) < 0.6
    assert dedup.containment(original, copy, original.size, copy.size) >= 0.9
    by_jaccard, by_containment = DuplicateIndex(measure="jaccard"), DuplicateIndex()
    for index in (by_jaccard, by_containment):
        index.add("original", original, 0.0)
    assert by_jaccard.add("truncated", copy, 1.0) is None
    match = by_containment.add("truncated", copy, 1.0)
    assert match is not None and match.original_id == "original" and match.similarity >= 0.9
    assert by_containment.add("apple", dedup.signature(APPLE_LAWSUIT), 2.0) is None


class RecordingStore(dict):
    """A dict that records the size of every value written, as a Faust table's changelog would carry it."""

    def __init__(self) -> None:
        super().__init__()
        self.written: list[int] = []

    def __setitem__(self, key: str, value: object) -> None:
        self.written.append(len(orjson.dumps(value)))
        super().__setitem__(key, value)


def test_state_writes_per_article_do_not_grow_with_the_articles_already_indexed():
    store = RecordingStore()
    index = DuplicateIndex(store)
    # Distinct stories (copies of one story legitimately share band lists, which grow with the copies).
    texts = [" ".join(f"word{n}x{k}" for k in range(200)) for n in range(300)]
    sizes_per_article = []
    for n, text in enumerate(texts):
        before = len(store.written)
        index.add(f"article-{n}", dedup.signature(text), 10.0 + n)  # all in one hour bucket
        sizes_per_article.append(sum(store.written[before:]))
    assert max(sizes_per_article[-50:]) < 2 * max(sizes_per_article[:50]), "writes grew with the index"


def first_paragraphs(text: str, count: int) -> str:
    return "\n\n".join([line for line in text.splitlines() if line.strip()][:count])


def test_the_smallest_order_key_is_the_original_whatever_the_arrival():
    index = DuplicateIndex()
    # the copy arrives first (its partition had no backlog), published 3 s after the original
    assert index.decide("copy", dedup.signature(rechrome(SAMPLE)), 50.0, (103.0, 1, 0), locator=7) == Decision(
        None, None)
    decision = index.decide("original", dedup.signature(SAMPLE), 51.0, (100.0, 0, 5))
    assert decision.duplicate_of is None
    [revision] = decision.revisions
    assert (revision.article_id, revision.duplicate_of, revision.revision, revision.was_original, revision.locator) \
        == ("copy", "original", 1, True, 7) and revision.similarity >= 0.8
    # the final decision stays: a re-sent copy gets it, and a third copy joins the original
    assert index.decide("copy", dedup.signature(rechrome(SAMPLE)), 60.0, (103.0, 1, 0)) == Decision(
        "original", revision.similarity, 1, repeated=True)
    assert index.decide("third", dedup.signature(SAMPLE), 61.0, (104.0, 2, 0)).duplicate_of == "original"


def test_equal_times_are_ordered_by_partition_then_offset():
    index = DuplicateIndex()
    index.decide("b", dedup.signature(SAMPLE), 1.0, (100.0, 1, 0))
    assert index.decide("a", dedup.signature(SAMPLE), 2.0, (100.0, 0, 9)).revisions[0].article_id == "b"
    assert index.decide("c", dedup.signature(SAMPLE), 3.0, (100.0, 0, 10)).duplicate_of == "a"


def test_copies_of_a_copy_move_with_it_under_the_late_original():
    index = DuplicateIndex()
    index.decide("copy", dedup.signature(rechrome(SAMPLE)), 1.0, (103.0, 1, 0))
    assert index.decide("copy-of-copy", dedup.signature(SAMPLE), 2.0, (104.0, 2, 0)).duplicate_of == "copy"
    revisions = index.decide("original", dedup.signature(SAMPLE), 3.0, (100.0, 0, 0)).revisions
    assert sorted((r.article_id, r.duplicate_of, r.was_original) for r in revisions) == [
        ("copy", "original", True), ("copy-of-copy", "original", False)]
    assert index.decision_of("copy-of-copy").duplicate_of == "original"
    assert index.decide("original", dedup.signature(SAMPLE), 4.0, (100.0, 0, 0)).revisions == ()  # once


def test_a_later_longer_story_is_not_a_copy_of_an_earlier_brief_nor_the_reverse():
    brief, story = dedup.signature(first_paragraphs(SAMPLE, 3)), dedup.signature(SAMPLE)
    index = DuplicateIndex()
    index.decide("brief", brief, 1.0, (100.0, 0, 0))
    assert index.decide("story", story, 2.0, (200.0, 0, 1)).duplicate_of is None
    reversed_arrival = DuplicateIndex()
    reversed_arrival.decide("story", story, 1.0, (200.0, 0, 1))
    decision = reversed_arrival.decide("brief", brief, 2.0, (100.0, 0, 0))
    assert decision.duplicate_of is None and decision.revisions == ()
    # but a copy cut to the same length, published after the story, is the story's copy
    cut = dedup.signature(first_paragraphs(SAMPLE, len([line for line in SAMPLE.splitlines() if line.strip()]) // 2))
    assert reversed_arrival.decide("cut", cut, 3.0, (300.0, 0, 2)).duplicate_of == "story"


def test_an_index_built_with_other_bands_is_rebanded_before_its_next_article():
    store: dict = {}
    DuplicateIndex(store, measure="jaccard").add("original", dedup.signature(SAMPLE), 1.0)
    old_bands = {key for key in store if key.startswith("b")}
    del store["_meta"]["bands"]  # as an older release wrote it
    cut = dedup.signature(first_paragraphs(SAMPLE, len([line for line in SAMPLE.splitlines() if line.strip()]) // 2))
    index = DuplicateIndex(store)  # containment: other bands
    assert index.decide("cut", cut, 2.0, (2.0, 0, 1)).duplicate_of == "original"
    bands = {key for key in store if key.startswith("b")}
    assert not bands & old_bands and set(index.candidates(dedup.signature(SAMPLE))) == {"original", "cut"}
    assert store["_meta"]["bands"] == index.bands_layout
