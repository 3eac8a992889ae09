"""`newsstream web`: the newsroom screen and its JSON API, served by aiohttp (which Faust already brings).

Pages are rendered on the server (render.py escapes every field); the browser's only script, static/app.js,
listens to `/events` (server-sent events) and inserts the fragments the server sends. The same filters serve
the page, the API and the event stream (store.Filters).
"""

from __future__ import annotations

import asyncio
import logging
from importlib import resources
from pathlib import Path
from typing import Any

import orjson
from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from ..settings import Settings
from . import render
from .reader import TopicReader
from .store import ArticleStore, FilterError, Filters

log = logging.getLogger(__name__)

STATIC = Path(str(resources.files("newsstream.web").joinpath("static")))
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                           "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
KEEP_ALIVE_SECONDS = 15.0
CLIENT_QUEUE = 1000



class WebMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.clients = Gauge("newsstream_web_clients", "Browsers connected to the live event stream.",
                             registry=self.registry)
        self.served = Counter("newsstream_web_records_served", "Articles sent to browsers and API clients.",
                              registry=self.registry)
        self.lag = Gauge("newsstream_web_lag_records", "Records between the reader's position and the end of "
                                                       "news.enriched and news.trending.", registry=self.registry)
        self.broker_up = Gauge("newsstream_web_broker_up", "1 when the broker answered the last probe.",
                               registry=self.registry)
        self.held = Gauge("newsstream_web_articles_held", "Articles held in memory (at most NEWSSTREAM_WEB_BACKLOG).",
                          registry=self.registry)


class Hub:
    """The browsers listening to `/events`, each with its filters and a bounded queue."""

    def __init__(self, metrics: WebMetrics) -> None:
        self.metrics = metrics
        self.clients: dict[asyncio.Queue[tuple[str, dict[str, Any]]], Filters] = {}
        self.broker_up = False

    async def publish(self, kind: str, payload: dict[str, Any]) -> None:
        if kind == "status":
            self.broker_up = bool(payload.get("up"))
            self.metrics.broker_up.set(1 if self.broker_up else 0)
        for queue, filters in list(self.clients.items()):
            if kind == "article" and not filters.matches(payload):
                continue  # (matches() reads odd records safely: a record never stops the stream)
            if queue.full():
                continue  # a browser that stopped reading misses updates, it does not hold the others up
            queue.put_nowait((kind, payload))


STORE = web.AppKey("store", ArticleStore)
HUB = web.AppKey("hub", Hub)
METRICS = web.AppKey("metrics", WebMetrics)
READER = web.AppKey("reader", object)  # a TopicReader, or None when the app serves a store filled by a test


def build_app(store: ArticleStore, *, reader: TopicReader | None = None, hub: Hub | None = None,
              metrics: WebMetrics | None = None) -> web.Application:
    metrics = metrics or WebMetrics()
    app = web.Application()
    app.on_response_prepare.append(_security_headers)  # every response, the event stream and errors included
    app[STORE] = store
    app[METRICS] = metrics
    app[HUB] = hub or Hub(metrics)
    app[READER] = reader
    app.router.add_get("/", index)
    app.router.add_get("/articles/{id}", article)
    app.router.add_get("/events", events, allow_head=False)
    app.router.add_get("/api/articles", api_articles)
    app.router.add_get("/api/articles/{id}", api_article)
    app.router.add_get("/api/trending", api_trending)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics_page)
    app.router.add_static("/static", STATIC)
    return app


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"


def _filters(request: web.Request, *, limit_allowed: bool = True) -> Filters:
    try:
        return Filters.from_query(request.query, limit_allowed=limit_allowed)
    except FilterError as error:
        raise _json_error(400, str(error), parameter=error.name) from None


def _json_error(status: int, message: str, **extra: str) -> web.HTTPException:
    error_class = {400: web.HTTPBadRequest, 404: web.HTTPNotFound}[status]
    return error_class(text=orjson.dumps({"error": message, **extra}).decode(), content_type="application/json")


def _broker_up(request: web.Request) -> bool:
    return request.app[HUB].broker_up


async def index(request: web.Request) -> web.Response:
    filters = _filters(request, limit_allowed=False)
    records = request.app[STORE].select(filters)
    request.app[METRICS].served.inc(len(records))
    store = request.app[STORE]
    html = render.index_page(records, store.trending, filters.as_query(), broker_up=_broker_up(request),
                             since=store.sequence)
    return web.Response(text=html, content_type="text/html")


async def article(request: web.Request) -> web.Response:
    record = request.app[STORE].get(request.match_info["id"])
    if record is None:
        return web.Response(status=404, text=render.page(
            title="Not found", body='<main><p class="empty">No article with this id is held here.</p></main>',
            notice_hidden=_broker_up(request)), content_type="text/html")
    request.app[METRICS].served.inc()
    return web.Response(text=render.article_page(record, broker_up=_broker_up(request)), content_type="text/html")


async def events(request: web.Request) -> web.StreamResponse:
    """Server-sent events: `article` (its list item's HTML), `trending` (the panel's HTML), `status` (broker)."""
    filters = _filters(request, limit_allowed=False)
    # What the page has already: its render's add number, or the last event a reconnecting browser saw.
    since_text = request.headers.get("Last-Event-ID") or request.query.get("since") or ""
    if since_text and not (since_text.isascii() and since_text.isdecimal()):
        raise _json_error(400, "since must be a whole number (the page's data-since)", parameter="since")
    since = int(since_text) if since_text else None
    hub, metrics, store = request.app[HUB], request.app[METRICS], request.app[STORE]
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache",
                                           "X-Accel-Buffering": "no"})
    await response.prepare(request)
    queue: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue(maxsize=CLIENT_QUEUE)
    hub.clients[queue] = filters
    metrics.clients.inc()
    try:
        await _send(response, "status", {"up": hub.broker_up})
        if since is not None:  # what arrived between the page's render (or the lost connection) and now
            for record in store.added_after(since):
                if filters.matches(record):
                    await _send_article(response, store, record)
                    metrics.served.inc()
        while True:
            try:
                kind, payload = await asyncio.wait_for(queue.get(), KEEP_ALIVE_SECONDS)
            except TimeoutError:
                await response.write(b": keep-alive\n\n")
                continue
            if kind == "article":
                metrics.served.inc()
                await _send_article(response, store, payload)
            elif kind == "trending":
                await _send(response, kind, {"html": render.trending_panel(payload)})
            else:
                await _send(response, kind, payload)
    except ConnectionResetError:
        pass
    finally:
        hub.clients.pop(queue, None)
        metrics.clients.dec()
    return response


async def _send(response: web.StreamResponse, kind: str, data: dict[str, Any], event_id: int | None = None) -> None:
    identity = b"" if event_id is None else b"id: " + str(event_id).encode() + b"\n"
    await response.write(identity + b"event: " + kind.encode() + b"\ndata: " + orjson.dumps(data) + b"\n\n")


async def _send_article(response: web.StreamResponse, store: ArticleStore, record: Any) -> None:
    article_id = str(record.get("id", ""))
    await _send(response, "article", {"id": article_id, "html": render.article_item(record)},
                event_id=store.sequence_of(article_id) or None)


async def api_articles(request: web.Request) -> web.Response:
    filters = _filters(request)
    records = request.app[STORE].select(filters)
    request.app[METRICS].served.inc(len(records))
    return web.Response(body=orjson.dumps({"count": len(records), "articles": records}),
                        content_type="application/json")


async def api_article(request: web.Request) -> web.Response:
    article_id = request.match_info["id"]
    record = request.app[STORE].get(article_id)
    if record is None:
        raise _json_error(404, f"no article with id {article_id!r} is held here")
    request.app[METRICS].served.inc()
    return web.Response(body=orjson.dumps(record), content_type="application/json")


async def api_trending(request: web.Request) -> web.Response:
    return web.Response(body=orjson.dumps({"trending": request.app[STORE].trending}), content_type="application/json")


async def healthz(request: web.Request) -> web.Response:
    store = request.app[STORE]
    return web.Response(body=orjson.dumps({"status": "ok", "broker": "up" if _broker_up(request) else "unreachable",
                                           "articles": len(store)}), content_type="application/json")


async def metrics_page(request: web.Request) -> web.Response:
    metrics, reader = request.app[METRICS], request.app[READER]
    metrics.held.set(len(request.app[STORE]))
    if reader is not None:
        metrics.lag.set(reader.lag)
    return web.Response(body=generate_latest(metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST})


def serve(settings: Settings, host: str, port: int) -> int:
    """Run the web process until interrupted."""
    store = ArticleStore(settings.web_backlog)
    metrics = WebMetrics()
    hub = Hub(metrics)
    reader = TopicReader(settings, store, settings.web_backlog, hub.publish)
    app = build_app(store, reader=reader, hub=hub, metrics=metrics)

    async def start_reader(_: web.Application) -> None:
        await reader.start()

    async def stop_reader(_: web.Application) -> None:
        await reader.stop()

    app.on_startup.append(start_reader)
    app.on_cleanup.append(stop_reader)
    print(f"newsstream web: http://{host}:{port}/", flush=True)
    web.run_app(app, host=host, port=port, print=None, access_log=None, shutdown_timeout=2.0)
    return 0
