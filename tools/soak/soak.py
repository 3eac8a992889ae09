"""`make soak`: one worker against the broker at a fixed rate for a set time, on ../shared/corpus/bbc.

Prints throughput, lag, dead letters and the worker's RSS at the end of warm-up and at the end, read from the
worker's own /metrics endpoint, and fails (exit 1) when RSS grew by 10% or more after warm-up, when records
were lost, or when the worker fell behind for good. Not part of `make test`.

    python -m tools.soak.soak [--minutes 10] [--rate 4] [--warmup 60]
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from tools.bench.corpus import load_articles, with_id
from tools.bench.kafka_run import Deployment, end_offsets_total, local_broker, producer

MAX_RSS_GROWTH = 0.10


@dataclass(frozen=True)
class Sample:
    at: float
    sent: int
    consumed: float
    enriched: float
    dead_lettered: float
    lag: float
    rss_mib: float

    def line(self, label: str, started: float) -> str:
        return (f"{label:>8} t={self.at - started:6.0f}s sent={self.sent:6d} consumed={self.consumed:6.0f} "
                f"enriched={self.enriched:6.0f} dead-lettered={self.dead_lettered:4.0f} lag={self.lag:5.0f} "
                f"rss={self.rss_mib:6.1f} MiB")


def scrape(url: str) -> dict[str, float]:
    """Sum of every series of each metric on the worker's /metrics page."""
    with urllib.request.urlopen(url, timeout=5) as response:
        text = response.read().decode()
    totals: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            totals[sample.name] = totals.get(sample.name, 0.0) + sample.value
    return totals


def metrics_url(deployment: Deployment, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        deployment.check_alive()
        match = re.search(r"metrics: (http://\S+)", (deployment.work_dir / "process-0.log").read_text(errors="replace"))
        if match:
            return match.group(1)
        time.sleep(0.2)
    raise RuntimeError("the worker never printed its metrics address")


class PacedFeeder(threading.Thread):
    """Sends corpus articles (fresh ids each round) at a fixed rate until stopped."""

    def __init__(self, bootstrap: str, topic: str, rate: float) -> None:
        super().__init__(daemon=True)
        self.bootstrap, self.topic, self.rate = bootstrap, topic, rate
        self.sent = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        articles = load_articles(400)
        sender = producer(self.bootstrap)
        started = time.monotonic()
        for round_, article in ((r, a) for r in itertools.count() for a in articles):
            if self.stopping.is_set():
                break
            due = started + self.sent / self.rate
            delay = due - time.monotonic()
            if delay > 0 and self.stopping.wait(delay):
                break
            article_id = f"soak-{round_}-{article.id}"
            sender.send(self.topic, key=article_id.encode(), value=with_id(article, article_id))
            self.sent += 1
        sender.flush()
        sender.close()


def sample(url: str, feeder: PacedFeeder) -> Sample:
    values = scrape(url)
    return Sample(at=time.monotonic(), sent=feeder.sent,
                  consumed=values.get("newsstream_articles_consumed_total", 0.0),
                  enriched=values.get("newsstream_articles_enriched_total", 0.0),
                  dead_lettered=values.get("newsstream_articles_dead_lettered_total", 0.0),
                  lag=values.get("newsstream_consumer_lag_records", 0.0),
                  rss_mib=values.get("process_resident_memory_bytes", 0.0) / 2**20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to feed (default 10)")
    parser.add_argument("--rate", type=float, default=4.0, help="articles per second (default 4)")
    parser.add_argument("--warmup", type=float, default=60.0, help="seconds before the reference sample")
    parser.add_argument("--every", type=float, default=30.0, help="seconds between progress lines")
    arguments = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="newsstream-soak-"))
    with local_broker(root / "broker") as bootstrap:
        deployment = Deployment(bootstrap, "soak", root / "deployment")
        try:
            deployment.start_workers(1)
            url = metrics_url(deployment)
            feeder = PacedFeeder(bootstrap, deployment.settings.topics.raw, arguments.rate)
            started = time.monotonic()
            feeder.start()
            print(f"soak: {arguments.rate:g} articles/s for {arguments.minutes:g} min, worker metrics at {url}")
            reference: Sample | None = None
            next_line = started + arguments.every
            while time.monotonic() - started < arguments.minutes * 60:
                time.sleep(1.0)
                deployment.check_alive()
                now = sample(url, feeder)
                if reference is None and now.at - started >= arguments.warmup:
                    reference = now
                    print(now.line("warm", started), flush=True)
                elif now.at >= next_line:
                    print(now.line("", started), flush=True)
                    next_line += arguments.every
            feeder.stopping.set()
            feeder.join()
            sent = end_offsets_total(bootstrap, deployment.settings.topics.raw)
            deadline = time.monotonic() + 300
            final = sample(url, feeder)
            while final.enriched + final.dead_lettered < sent and time.monotonic() < deadline:
                time.sleep(1.0)
                final = sample(url, feeder)
            print(final.line("end", started))
        finally:
            deployment.stop()
    assert reference is not None, "the soak ended before warm-up"
    window = final.at - reference.at
    throughput = (final.enriched - reference.enriched) / window if window > 0 else 0.0
    growth = final.rss_mib / reference.rss_mib - 1 if reference.rss_mib else float("inf")
    print(f"\nsent {sent}, enriched {final.enriched:.0f}, dead-lettered {final.dead_lettered:.0f}, "
          f"throughput after warm-up {throughput:.2f} articles/s, final lag {final.lag:.0f}")
    print(f"RSS after warm-up {reference.rss_mib:.1f} MiB, at the end {final.rss_mib:.1f} MiB "
          f"({growth:+.1%}; limit +{MAX_RSS_GROWTH:.0%})")
    failures = []
    if final.enriched + final.dead_lettered < sent:
        failures.append(f"{sent - final.enriched - final.dead_lettered:.0f} records not processed")
    if growth >= MAX_RSS_GROWTH:
        failures.append(f"RSS grew {growth:.1%} after warm-up")
    for failure in failures:
        print(f"FAIL: {failure}")
    print("PASS" if not failures else "")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
