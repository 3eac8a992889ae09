"""What the integration tests feed and how they configure the worker: shared here, not imported across tests."""

from __future__ import annotations

from newsstream.inputs import InputRecord, read_path

from ..conftest import CORPUS

# The articles' event time is when the test starts; the window that counts them closes `grace` seconds after
# it ends, by the worker's clock. The grace covers a worker that takes a minute to start and enrich them on a
# slow host (a window closed before an article arrives does not count it).
STATEFUL_ENV = {"NEWSSTREAM_STATEFUL": "true", "NEWSSTREAM_TRENDING_WINDOW_SECONDS": "20",
                "NEWSSTREAM_TRENDING_STEP_SECONDS": "10", "NEWSSTREAM_TRENDING_GRACE_SECONDS": "90",
                "NEWSSTREAM_TRENDING_TOP": "500"}


def corpus_records(per_section: int) -> list[InputRecord]:
    """Corpus articles as `newsstream feed` sends them; the corpus repeats a few stories byte for byte, and
    those share a content id, so only the first copy is kept."""
    records: dict[bytes | None, InputRecord] = {}
    for section in ("sport", "tech", "entertainment"):
        for path in sorted((CORPUS / section).glob("*.txt"))[:per_section]:
            for record in read_path(path):
                records.setdefault(record.key, record)
    return list(records.values())
