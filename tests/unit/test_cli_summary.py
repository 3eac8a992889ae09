"""`newsstream tail --summary`: what a reader sees of revisions and retractions."""

from __future__ import annotations

import orjson

from newsstream.cli import _summary


def test_a_revision_and_a_retraction_say_what_they_replace():
    revised = {"id": "copy", "title": "Solent Wind agrees takeover", "duplicate_of": "original", "similarity": 0.99,
               "revision": 1, "entities": [], "figures": [], "quotes": []}
    text = _summary(orjson.dumps(revised))
    assert "DUPLICATE of original (similarity 0.99)" in text and "REVISION 1" in text
    assert "REVISION" not in _summary(orjson.dumps({**revised, "revision": 0, "duplicate_of": None}))
    retraction = {"schema_version": 2, "id": "copy", "retracted": True, "revision": 1, "duplicate_of": "original",
                  "similarity": 0.99, "retracted_at": "2026-12-05T08:00:00.000Z"}
    assert _summary(orjson.dumps(retraction)) == "RETRACTED copy: a copy of original (revision 1)"


def test_the_summary_shows_the_articles_countries_and_tone():
    record = {"id": "a", "title": "Storm", "entities": [], "figures": [], "quotes": [],
              "places": [{"country_code": "GB", "name": "United Kingdom", "mentions": 3, "share": 0.75},
                         {"country_code": "FR", "name": "France", "mentions": 1, "share": 0.25}],
              "tone": {"score": -0.213, "positive": 0.1, "negative": 0.6, "neutral": 0.3, "sentences": 10}}
    text = _summary(orjson.dumps(record))
    assert "places: GB 75%, FR 25%" in text and "tone: -0.21" in text
    assert "tone: -" in _summary(orjson.dumps({**record, "tone": None}))
