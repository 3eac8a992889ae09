"""The `newsstream` command line: worker, feed, enrich, tail, topics, broker, trending, web."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from typing import TYPE_CHECKING, cast
from collections.abc import Iterable, Sequence

import orjson

from . import __version__
from .errors import BrokerError, ConfigurationError, InputError
from .settings import SETTINGS, Settings

if TYPE_CHECKING:
    from kafka import KafkaConsumer, TopicPartition
    from kafka.consumer.fetcher import ConsumerRecord

log = logging.getLogger("newsstream")

COMMANDS = ("worker", "feed", "enrich", "tail", "topics", "broker", "trending", "web")
# What each command's --help lists: the settings that name it (settings.SETTINGS is the one source).
ENVIRONMENT = {command: [s.env for s in SETTINGS.values() if command in s.commands] for command in COMMANDS}


def _environment_help(command: str) -> str:
    lines = ["environment variables:"]
    for name in ENVIRONMENT[command]:
        setting = SETTINGS[name]
        default = f" (default: {setting.default})" if setting.default else ""
        lines.append(f"  {name}{default}\n      {setting.help}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsstream",
        description="Enrich live news feeds from Kafka with entities, figures and quotes.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"newsstream {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=summary, description=summary, epilog=_environment_help(name),
                                   formatter_class=argparse.RawDescriptionHelpFormatter)

    command("worker", "Run a Faust worker: consume the raw topic, publish enriched records. Start as many as "
                      "there are raw partitions; they share the partitions.")

    feed = command("feed", "Publish articles (.txt, .html, .json, .jsonl files, directories, or JSON lines "
                           "on stdin with '-') to the raw topic; prints how many were sent.")
    feed.add_argument("paths", nargs="+", metavar="PATH")

    enrich = command("enrich", "Enrich articles offline, without Kafka: one enriched JSON record per input on "
                               "stdout, in input order. Errors go to stderr; the exit code is 1 if any input "
                               "failed.")
    enrich.add_argument("paths", nargs="+", metavar="PATH")

    tail = command("tail", "Print records from a topic as JSON lines (for debugging).")
    tail.add_argument("topic", help="topic name, or a short name: raw, enriched, entities, figures, deadletter")
    tail.add_argument("--from-beginning", action="store_true", help="start at the oldest record, not the newest")
    tail.add_argument("--max", type=int, default=0, help="stop after this many records (0: no limit)")
    tail.add_argument("--timeout", type=float, default=0.0,
                      help="stop after this many seconds without a record (0: wait forever)")
    tail.add_argument("--envelope", action="store_true",
                      help="wrap each value with its topic, partition, offset, timestamp and key")
    tail.add_argument("--summary", action="store_true",
                      help="one short human line per enriched record (title, entities, figures)")

    trending = command("trending", "Print the current top entities (the newest list of the trending topic: the "
                                   "global one, or a country's).")
    trending.add_argument("--country", type=_country_argument, metavar="CODE",
                          help="a country's list: its ISO 3166-1 alpha-2 code, e.g. GB (default: the global list)")
    trending.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for the records")
    trending.add_argument("--json", action="store_true", help="print the record as JSON instead of a table")

    topics = command("topics", "Create the topics newsstream uses (missing ones only) and list them.")
    topics.add_argument("action", choices=["create", "list"])

    broker = command("broker", "Manage the local Kafka cluster (KRaft: one node, or N combined broker and "
                               "controller nodes) used when KAFKA_BOOTSTRAP_SERVERS is unset. `status` prints "
                               "one line per node and the bootstrap list; it exits 0 when every node answers, 4 "
                               "when some do, 3 when none does.")
    broker.add_argument("action", choices=["start", "stop", "status"])
    broker.add_argument("--nodes", type=_positive_int, default=None, metavar="N",
                        help="`start`: the number of nodes (default 1); topics then get min(3, N) replicas")

    web = command("web", "Serve the newsroom screen: the enriched articles live in a browser, their entities, "
                         "figures and quotes highlighted, the trending list, and a JSON API. Reads the topics as a "
                         "plain reader (no consumer group, no commits): run as many as you like.")
    web.add_argument("--host", help="address to bind (default: NEWSSTREAM_WEB_HOST)")
    web.add_argument("--port", type=int, help="port to bind (default: NEWSSTREAM_WEB_PORT)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ConfigurationError as error:
        print(f"newsstream: configuration error: {error}", file=sys.stderr)
        return 2
    from .logs import register_secret, setup_logging

    if settings.security.sasl_password is not None:
        register_secret(settings.security.sasl_password.reveal())
    setup_logging(settings.log_level if arguments.command in ("worker", "web") else "WARNING")
    handlers = {"worker": run_worker, "feed": run_feed, "enrich": run_enrich, "tail": run_tail,
                "topics": run_topics, "broker": run_broker, "trending": run_trending, "web": run_web}
    try:
        return handlers[arguments.command](settings, arguments)
    except (BrokerError, ConfigurationError) as error:
        print(f"newsstream: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def run_web(settings: Settings, arguments: argparse.Namespace) -> int:
    from .web.app import serve

    # No broker check: the screen starts without one, says so, and fills when the broker answers.
    return serve(settings, arguments.host or settings.web_host,
                 settings.web_port if arguments.port is None else arguments.port)


def _require_broker(settings: Settings) -> None:
    from .kafka.broker import accepts_connections
    from .kafka.clients import check_connection

    if not accepts_connections(settings.bootstrap):
        hint = ("start the local one with `newsstream broker start`" if settings.uses_local_broker
                else "check KAFKA_BOOTSTRAP_SERVERS")
        raise BrokerError(f"no Kafka broker answers at {settings.bootstrap}: {hint}")
    check_connection(settings)


def run_worker(settings: Settings, arguments: argparse.Namespace) -> int:
    from .stream import recovery
    from .stream.worker import run

    recovery.apply(settings.allow_unpatched_faust)  # refused before anything else is tried
    _require_broker(settings)
    return run(settings)


def run_feed(settings: Settings, arguments: argparse.Namespace) -> int:
    from .inputs import UnsupportedInput, read_inputs
    from .kafka.clients import producer

    _require_broker(settings)
    kafka = producer(settings)
    sent = 0
    stamp = 0
    try:
        for record in read_inputs(arguments.paths):
            # strictly increasing timestamps: records fed in one run keep their order for the near-duplicate
            # stage (its order key falls back to the raw record's time), even when two share a millisecond
            stamp = max(time.time_ns() // 1_000_000, stamp + 1)
            kafka.send(settings.topics.raw, key=record.key, value=record.value, timestamp_ms=stamp)
            sent += 1
        kafka.flush()
    except UnsupportedInput as error:
        kafka.flush()
        print(f"newsstream feed: {error}", file=sys.stderr)
        print(f"sent {sent} record(s) to {settings.topics.raw}")
        return 1
    finally:
        kafka.close()
    print(f"sent {sent} record(s) to {settings.topics.raw}")
    return 0


def _batches(items: Iterable[object], size: int) -> Iterable[list[object]]:
    batch: list[object] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_enrich(settings: Settings, arguments: argparse.Namespace) -> int:
    from .state.dedup import DuplicateIndex, signature
    from .enrichment.languages import load_other_pipelines
    from .enrichment.nlp import load_pipeline
    from .enrichment.pipeline import Enricher
    from .enrichment.raw_batch import enrich_raw
    from .enrichment.records import EnrichedArticle
    from .inputs import InputRecord, UnsupportedInput, read_inputs

    enricher = Enricher(load_pipeline(settings.spacy_model, settings.matmul),
                        max_analysed_chars=settings.max_analysed_chars, budget_seconds=settings.article_budget_seconds,
                        others=load_other_pipelines(settings.models, settings.matmul))
    # The stream's near-duplicate rule over this run's inputs, in input order (their order key here).
    duplicates = DuplicateIndex(threshold=settings.dedup_threshold, measure=settings.dedup_measure,  # type: ignore[arg-type]
                                retention_seconds=settings.dedup_retention_seconds)
    failures = 0
    out = sys.stdout.buffer
    try:
        for batch in _batches(read_inputs(arguments.paths), settings.batch_size):
            items = cast(list[InputRecord], batch)
            outcomes = enrich_raw(enricher, [item.value for item in items], settings.max_record_bytes)
            for item, outcome in zip(items, outcomes, strict=True):
                if isinstance(outcome, EnrichedArticle):
                    match = duplicates.add(outcome.id, signature(outcome.text), 0.0)
                    outcome.duplicate_of, outcome.similarity = (match.original_id, match.similarity) if match \
                        else (None, None)
                    out.write(orjson.dumps(outcome) + b"\n")
                else:
                    failures += 1
                    print(f"{item.origin}: {outcome.reason.value}: {outcome.message}", file=sys.stderr)
            out.flush()
    except UnsupportedInput as error:
        print(f"newsstream enrich: {error}", file=sys.stderr)
        return 1
    if failures:
        print(f"newsstream enrich: {failures} input(s) could not be enriched", file=sys.stderr)
        return 1
    return 0


def _resolve_topic(settings: Settings, name: str) -> str:
    short = {"raw": settings.topics.raw, "enriched": settings.topics.enriched, "entities": settings.topics.entities,
             "figures": settings.topics.figures, "deadletter": settings.topics.deadletter}
    return short.get(name, name)


def _summary(value: bytes) -> str:
    try:
        record = orjson.loads(value)
    except orjson.JSONDecodeError:
        return value[:200].decode("utf-8", "replace")
    if "reason" in record and "value_base64" in record:
        return f"DEAD LETTER [{record['reason']}] {record['error']}"
    if record.get("retracted"):
        return f"RETRACTED {record['id']}: a copy of {record['duplicate_of']} (revision {record['revision']})"
    people = [e["name"] for e in record.get("entities", []) if e.get("label") == "PERSON"][:6]
    others = [e["name"] for e in record.get("entities", []) if e.get("label") != "PERSON"][:6]
    figures = [f"{f['text']} ({f['kind']}: {f['value']:g} {f.get('unit') or ''}".rstrip() + ")"
               for f in record.get("figures", [])][:6]
    duplicate = (f"\n  DUPLICATE of {record['duplicate_of']} (similarity {record['similarity']:.2f})"
                 if record.get("duplicate_of") else "")
    if record.get("revision"):
        duplicate += f"\n  REVISION {record['revision']}: replaces what was published before for {record.get('id')}"
    places = [f"{place['country_code']} {place['share']:.0%}" for place in record.get("places", [])][:6]
    tone = record.get("tone")
    tone_text = f"{tone['score']:+.2f}" if tone else "-"
    return (f"{record.get('title') or record.get('id')}{duplicate}\n  people: {', '.join(people) or '-'}\n"
            f"  entities: {', '.join(others) or '-'}\n  figures: {'; '.join(figures) or '-'}\n"
            f"  quotes: {len(record.get('quotes', []))}\n  places: {', '.join(places) or '-'}\n"
            f"  tone: {tone_text}")


def run_tail(settings: Settings, arguments: argparse.Namespace) -> int:
    from .kafka.clients import consumer

    _require_broker(settings)
    topic = _resolve_topic(settings, arguments.topic)
    kafka = consumer(settings, auto_offset_reset="earliest" if arguments.from_beginning else "latest",
                     consumer_timeout_ms=int(arguments.timeout * 1000) if arguments.timeout else float("inf"))
    kafka.subscribe([topic])
    shown = 0
    try:
        for message in kafka:
            if arguments.summary:
                print(_summary(message.value), flush=True)
            elif arguments.envelope:
                try:
                    value: object = orjson.loads(message.value)
                except orjson.JSONDecodeError:
                    value = message.value.decode("utf-8", "replace")
                print(orjson.dumps({"topic": message.topic, "partition": message.partition,
                                    "offset": message.offset, "timestamp": message.timestamp,
                                    "key": message.key.decode("utf-8", "replace") if message.key else None,
                                    "value": value}).decode(), flush=True)
            else:
                print(message.value.decode("utf-8", "replace"), flush=True)
            shown += 1
            if arguments.max and shown >= arguments.max:
                break
    finally:
        kafka.close()
    return 0


def _country_argument(text: str) -> str:
    """`--country`: an ISO 3166-1 alpha-2 code, upper-cased; anything else is refused before the broker is asked."""
    from .state.trending import country_code

    code = country_code(text)
    if code is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 3166-1 alpha-2 country code (two letters, e.g. GB)")
    return code


TRENDING_READ_BACK = 500  # records read per step backwards from a partition's end


def _trending_list(key: bytes | None) -> str | None:
    """The list a `news.trending` record belongs to, from its key `<window end>|<code or *>`: a country code, or
    None for the global list (also a record keyed by window end alone, published before per-country lists)."""
    _, bar, part = (key or b"").decode("utf-8", "replace").rpartition("|")
    return part if bar and part != "*" else None


def _read_range(kafka: KafkaConsumer, partition: TopicPartition, start: int, stop: int,
                deadline: float) -> list[ConsumerRecord]:
    """The records of one partition at offsets [start, stop); TimeoutError past the deadline."""
    kafka.seek(partition, start)
    messages: list[ConsumerRecord] = []
    while kafka.position(partition) < stop:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        for batch in kafka.poll(timeout_ms=int(remaining * 1000) + 1, max_records=TRENDING_READ_BACK).values():
            messages.extend(message for message in batch if start <= message.offset < stop)
    return messages


def _newest_of_list(kafka: KafkaConsumer, partition: TopicPartition, country: str | None,
                    deadline: float) -> ConsumerRecord | None:
    """The newest record of the list in the partition, read backwards from its end (the topic interleaves the
    global list and every country's), or None when it has none."""
    kafka.assign([partition])  # alone: a poll fetches from this partition only
    start = kafka.beginning_offsets([partition])[partition]
    stop = kafka.end_offsets([partition])[partition]
    while stop > start:
        low = max(start, stop - TRENDING_READ_BACK)
        for message in reversed(_read_range(kafka, partition, low, stop, deadline)):
            if _trending_list(message.key) == country:
                return message
        stop = low
    return None


def _newest_trending(settings: Settings, country: str | None, timeout: float) -> ConsumerRecord | None:
    """The newest record of the list over the topic's partitions (the newest window end), or None."""
    from kafka import TopicPartition

    from .kafka.clients import consumer

    deadline = time.monotonic() + timeout
    kafka = consumer(settings)
    try:
        topic = settings.topics.trending
        found = [message for number in sorted(kafka.partitions_for_topic(topic))
                 if (message := _newest_of_list(kafka, TopicPartition(topic, number), country, deadline)) is not None]
    finally:
        kafka.close()
    return max(found, key=lambda message: orjson.loads(message.value)["window_end"], default=None)


def run_trending(settings: Settings, arguments: argparse.Namespace) -> int:
    _require_broker(settings)
    which = f" for {arguments.country}" if arguments.country else ""
    try:
        message = _newest_trending(settings, arguments.country, arguments.timeout)
    except TimeoutError:
        print(f"could not read {settings.topics.trending} within {arguments.timeout:g} s", file=sys.stderr)
        return 1
    if message is None:
        print(f"no trending list{which} yet on {settings.topics.trending}", file=sys.stderr)
        return 1
    if arguments.json:
        print(message.value.decode())
        return 0
    record = orjson.loads(message.value)
    print(f"trending{which} {record['window_start']} - {record['window_end']} ({record['articles']} articles)")
    for rank, item in enumerate(record["top"], start=1):
        change = item["change"]
        print(f"{rank:3d}. {item['name']:<32} {item['label']:<8} {item['count']:5d}  {change:+d}")
    return 0


def run_topics(settings: Settings, arguments: argparse.Namespace) -> int:
    from .kafka.clients import admin_client
    from .kafka.topics import ensure_topics, topic_specs

    _require_broker(settings)
    if arguments.action == "create":
        created = ensure_topics(settings)
        print(f"created: {', '.join(created) or 'none (all exist)'}")
    admin = admin_client(settings)
    try:
        names = [spec.name for spec in topic_specs(settings)]
        existing = {d["name"]: len(d["partitions"]) for d in admin.describe_topics(
            [n for n in names if n in set(admin.list_topics())])}
    finally:
        admin.close()
    for name in names:
        state = f"{existing[name]} partitions" if name in existing else "missing"
        print(f"{name}\t{state}")
    return 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number of nodes")
    return value


def run_broker(settings: Settings, arguments: argparse.Namespace) -> int:
    from .kafka.broker import LocalCluster

    if not settings.uses_local_broker:
        print(f"KAFKA_BOOTSTRAP_SERVERS is set ({settings.bootstrap}): that broker is used and no local broker "
              "is managed.")
        return 0 if arguments.action == "status" else 2
    if arguments.nodes is not None and arguments.action != "start":
        raise ConfigurationError("--nodes is for `broker start`; `stop` and `status` use the cluster last started")
    if arguments.action == "start":
        cluster = LocalCluster(settings, arguments.nodes or 1)
        started = time.monotonic()
        status = cluster.start()
        print(f"{status.describe()}\nlocal Kafka cluster of {cluster.size} node(s) ready in "
              f"{time.monotonic() - started:.1f} s; data under {settings.state_dir}")
    elif arguments.action == "stop":
        print("local Kafka broker stopped" if LocalCluster(settings).stop() else "local Kafka broker was not running")
    else:
        status = LocalCluster(settings).status()
        print(status.describe())
        return status.exit_code()
    return 0


if __name__ == "__main__":
    sys.exit(main())
