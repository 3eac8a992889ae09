"""The newsroom screen without a broker: highlighting from offsets, escaping, filters, the store, the API."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
import pytest
from aiohttp.test_utils import TestClient, TestServer

from newsstream.web import render
from newsstream.web.app import CONTENT_SECURITY_POLICY, HUB, build_app
from newsstream.web.render import Span, highlight
from newsstream.web.store import ArticleStore, FilterError, Filters


def record(article_id: str = "a1", text: str = "Acme hired Jane Smith in Leeds.", **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": article_id, "title": "Acme hires", "source": "The Ledger", "language": "en", "text": text,
        "url": "https://example.org/a1", "published_at": "2026-12-07T09:00:00Z", "revision": 0,
        "entities": [{"name": "Jane Smith", "label": "PERSON", "mentions": [{"text": "Jane Smith", "start": 11, "end": 21}]},
                     {"name": "Acme", "label": "ORG", "mentions": [{"text": "Acme", "start": 0, "end": 4}]}],
        "figures": [], "quotes": [], "places": [{"country_code": "GB", "name": "United Kingdom", "share": 1.0}],
        "duplicate_of": None,
    }
    base.update(fields)
    return base


def test_spans_nest_when_they_overlap_touch_or_reach_the_ends():
    text = "abcdefgh"
    html = highlight(text, [Span(0, 4, "mark"), Span(2, 6, "q"), Span(6, 8, "b"), Span(0, 8, "i")])
    assert html == "<i><mark>ab<q>cd</q></mark><q>ef</q><b>gh</b></i>"
    assert highlight(text, []) == "abcdefgh"
    assert highlight(text, [Span(5, 3, "mark"), Span(-1, 2, "mark"), Span(7, 9, "mark")]) == "abcdefgh"


def test_offsets_count_code_points_so_an_emoji_moves_nothing():
    text = "😀 Jane Smith met 👩‍👩‍👧 Acme."
    start = text.index("Jane")
    html = highlight(text, [Span(start, start + len("Jane Smith"), "mark"),
                            Span(text.index("Acme"), text.index("Acme") + 4, "mark")])
    assert "<mark>Jane Smith</mark>" in html and "<mark>Acme</mark>" in html and html.startswith("😀 ")


def test_every_field_is_escaped_and_no_script_can_run():
    hostile = record(title='<script>alert(1)</script>', source='"><img src=x onerror=alert(1)>',
                     text='<script>alert("x")</script> "><img onerror=alert(2)>', entities=[],
                     url="javascript:alert(1)", duplicate_of='"><script>', language="<b>")
    html = render.article_item(hostile)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "javascript:" not in html
    assert 'data-article-id="a1"' in html


def test_only_http_urls_become_links():
    assert render.safe_url("https://example.org/x") == "https://example.org/x"
    for url in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "/relative", "http://", None, 3):
        assert render.safe_url(url) is None


def test_an_article_shows_its_marks_figures_and_quotes():
    text = 'Acme hired 2,000 staff. "We are ready," said Jane Smith.'
    person, figure, quote = text.index("Jane"), text.index("2,000"), text.index("We are")
    item = render.article_item(record(text=text, entities=[
        {"name": "Jane Smith", "label": "PERSON", "mentions": [{"start": person, "end": person + 10}]},
        {"name": "Acme", "label": "ORG", "mentions": [{"start": 0, "end": 4}]}],
        figures=[{"start": figure, "end": figure + 11, "value": 2000, "kind": "count", "unit": "staff",
                  "qualifier": "exact"}],
        quotes=[{"start": quote, "end": quote + 13, "speaker": "Jane Smith"}]))
    assert '<mark data-label="PERSON" data-entity="Jane Smith">Jane Smith</mark>' in item
    assert '<mark data-label="ORG" data-entity="Acme">Acme</mark>' in item
    assert re.search(r'<span class="figure" data-kind="count" data-value="count: 2000 staff"[^>]*tabindex="0">2,000 staff</span>', item)
    assert '<q data-speaker="Jane Smith"' in item and "We are ready," in item


def test_filters_parse_and_name_the_bad_one():
    assert Filters.from_query({"entity": "Jane Smith", "label": "person", "country": "gb", "limit": "5"}) == \
        Filters(entity="Jane Smith", label="PERSON", country="GB", limit=5)
    for query, name in (({"limit": "0"}, "limit"), ({"limit": "x"}, "limit"), ({"limit": "501"}, "limit"),
                        ({"label": "PEOPLE"}, "label"), ({"country": "GBR"}, "country"), ({"colour": "red"}, "colour")):
        with pytest.raises(FilterError) as error:
            Filters.from_query(query)
        assert error.value.name == name


def test_the_store_is_bounded_newest_first_and_a_revision_replaces_its_article():
    store = ArticleStore(capacity=3)
    for number in range(5):
        store.add(record(f"a{number}"))
    assert [item["id"] for item in store.newest()] == ["a4", "a3", "a2"]
    assert store.add(record("a3", title="copy", revision=1, duplicate_of="a2"))
    assert store.get("a3")["title"] == "copy" and next(store.newest())["id"] == "a3"
    assert not store.add(record("a3", title="stale", revision=0))
    assert store.select(Filters(entity="jane smith", label="PERSON", limit=2)) == [store.get("a3"), store.get("a4")]
    assert store.select(Filters(country="FR")) == [] and store.select(Filters(source="the ledger", limit=1))


def test_the_store_keeps_the_newest_global_trending_list():
    store = ArticleStore(capacity=3)
    assert store.set_trending({"window_end": "2026-12-07T10:00:00Z", "country": None, "top": []})
    assert not store.set_trending({"window_end": "2026-12-07T11:00:00Z", "country": "GB", "top": []})
    assert not store.set_trending({"window_end": "2026-12-07T09:00:00Z", "country": None, "top": []})
    assert store.trending["window_end"] == "2026-12-07T10:00:00Z"


def with_client(store: ArticleStore, check: Callable[[TestClient], Awaitable[None]]) -> None:
    async def run() -> None:
        async with TestClient(TestServer(build_app(store))) as client:
            await check(client)
    asyncio.run(run())


def test_the_api_serves_articles_with_the_pages_filters_and_json_errors():
    store = ArticleStore(capacity=10)
    store.add(record("a1"))
    store.add(record("a2", entities=[], source="Other"))

    async def check(client: TestClient) -> None:
        response = await client.get("/api/articles", params={"entity": "Jane Smith"})
        assert response.status == 200 and [item["id"] for item in (await response.json())["articles"]] == ["a1"]
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        response = await client.get("/api/articles", params={"limit": "many"})
        assert response.status == 400 and (await response.json())["parameter"] == "limit"
        response = await client.get("/api/articles/nope")
        assert response.status == 404 and "nope" in (await response.json())["error"]
        assert (await (await client.get("/api/articles/a2")).json())["source"] == "Other"
        assert (await (await client.get("/api/trending")).json()) == {"trending": None}
        assert (await (await client.get("/healthz")).json())["articles"] == 2
        page = await client.get("/", params={"source": "Other"})
        html = await page.text()
        assert page.status == 200 and 'data-article-id="a2"' in html and 'data-article-id="a1"' not in html
        assert "script-src 'self'" in page.headers["Content-Security-Policy"] and "<script>" not in html
        single = await client.get("/articles/a1")
        assert single.status == 200 and "<details open>" in await single.text()
        metrics = await (await client.get("/metrics")).text()
        assert "newsstream_web_records_served_total" in metrics and "newsstream_web_clients 0.0" in metrics
        assert (await client.get("/static/app.js")).status == 200

    with_client(store, check)


def test_the_event_stream_sends_matching_articles_as_escaped_fragments():
    store = ArticleStore(capacity=10)

    async def check(client: TestClient) -> None:
        response = await client.get("/events", params={"entity": "Jane Smith"})
        assert response.headers["Content-Type"].startswith("text/event-stream")
        hub = client.server.app[HUB]
        await hub.publish("article", record("other", entities=[]))
        await hub.publish("article", record("a1", title="<script>x</script>"))
        seen = b""
        while b"event: article" not in seen:
            seen += await asyncio.wait_for(response.content.readany(), 5)
        events = [block for block in seen.split(b"\n\n") if block.startswith(b"event: article")]
        data = orjson.loads(events[0].split(b"data: ", 1)[1])
        assert data["id"] == "a1" and "&lt;script&gt;" in data["html"] and "<script>" not in data["html"]
        response.close()

    with_client(store, check)


def test_odd_records_never_break_the_page_the_filters_or_the_stream():
    store = ArticleStore(capacity=10)
    odd = record("odd", text=7, entities=5, places=True, quotes=[{"start": 0, "end": True}],
                 figures=[{"start": "0", "end": 3}, "x"])
    store.add(odd)
    assert Filters(entity="Jane Smith").matches(odd) is False and Filters(country="GB").matches(odd) is False
    assert 'data-article-id="odd"' in render.article_item(odd)
    with pytest.raises(FilterError):
        Filters.from_query({"limit": "²"})

    async def check(client: TestClient) -> None:
        assert (await client.get("/")).status == 200
        assert (await client.get("/api/articles", params={"country": "GB"})).status == 200
        response = await client.get("/api/articles", params={"limit": "²"})
        assert response.status == 400 and response.headers["X-Content-Type-Options"] == "nosniff"
        response = await client.get("/", params={"label": "nope"})
        assert response.status == 400 and (await response.json())["parameter"] == "label"
        assert (await client.head("/events")).status == 405

    with_client(store, check)


def test_line_breaks_become_breaks_in_the_text_only():
    item = render.article_item(record(text="Acme hired\n\nJane Smith.", title="A\nB", entities=[
        {"name": "Jane\nSmith", "label": "PERSON", "mentions": [{"start": 12, "end": 22}]}]))
    assert "Acme hired<br><br><mark" in item and 'data-entity="Jane\nSmith"' in item and "A\nB" in item


def test_the_stream_first_sends_what_came_after_the_page_was_rendered():
    store = ArticleStore(capacity=10)
    store.add(record("before"))
    rendered_at = store.sequence
    store.add(record("between"))  # enriched after the page was rendered, before its stream connected

    async def check(client: TestClient) -> None:
        page = await (await client.get("/")).text()
        assert f'data-since="{store.sequence}"' in page
        response = await client.get("/events", params={"since": str(rendered_at)})
        seen = b""
        while b"event: article" not in seen:
            seen += await asyncio.wait_for(response.content.readany(), 5)
        assert b'"id":"between"' in seen and b'"id":"before"' not in seen
        assert b"id: 2\nevent: article" in seen
        response.close()
        assert (await client.get("/events", params={"since": "x"})).status == 400

    with_client(store, check)
