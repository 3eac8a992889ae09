"""The newsroom screen end to end: a real broker, a real worker, `newsstream web`, and Debian's chromium
driven by Playwright (executable_path: no browser download)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import orjson
from playwright.sync_api import Page, sync_playwright

from newsstream.kafka.topics import ensure_topics
from newsstream.settings import Settings
from tests.kafka_stack import ENGLISH_ONLY, Stack, free_port

ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts"  # the project root
PERSON = "Jane Smith"


def chromium() -> str:
    path = shutil.which("chromium")
    assert path, "Debian's chromium is missing: `make test` installs it (deploy/scripts/install-browser.sh)"
    return path


def start_web(stack: Stack, port: int) -> subprocess.Popen[bytes]:
    log = open(stack.log_dir / "web.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "newsstream", "web", "--port", str(port)], env=stack.env,
                               stdout=log, stderr=subprocess.STDOUT, cwd=stack.log_dir)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if orjson.loads(response.read())["broker"] == "up":
                    return process
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise AssertionError("newsstream web did not come up:\n" + (stack.log_dir / "web.log").read_text())
        time.sleep(0.2)


def send(stack: Stack, article_id: str, title: str, body: str) -> None:
    producer = stack.producer()
    producer.send(stack.settings.topics.raw, orjson.dumps({"id": article_id, "title": title, "source": "Wire",
                                                          "body": body}))
    producer.flush()
    producer.close()


def enriched(stack: Stack, article_id: str) -> float:
    """When the test saw the article's enriched record on news.enriched."""
    stack.consume(stack.settings.topics.enriched,
                  lambda records: any(orjson.loads(record.value).get("id") == article_id for record in records),
                  timeout=180)
    return time.monotonic()


def item(page: Page, article_id: str) -> str:
    return f'li[data-article-id="{article_id}"]'


def test_the_newsroom_screen_shows_the_stream_live_and_rides_out_the_broker(private_broker, tmp_path):
    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": private_broker.bootstrap, "NEWSSTREAM_TOPIC_PREFIX": "web.",
           "NEWSSTREAM_APP_ID": "newsstream-web-test", "NEWSSTREAM_STATE_DIR": str(tmp_path / "state"),
           "NEWSSTREAM_LOG_LEVEL": "INFO", "NEWSSTREAM_MODELS": ENGLISH_ONLY}
    settings = Settings.from_env(env)
    ensure_topics(settings)
    stack = Stack(bootstrap=private_broker.bootstrap, env=env, settings=settings, log_dir=tmp_path)
    port = free_port()
    web = None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        stack.start_worker(NEWSSTREAM_BATCH_SIZE="1")
        web = start_web(stack, port)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/")
            assert page.locator("#empty").is_visible()

            send(stack, "story-1", "Acme names a new chief",
                 f'Acme Corporation named {PERSON} chief executive on Monday. "We will grow in Leeds," '
                 f"{PERSON} said. The company employs 2,000 people.")
            send(stack, "story-2", "Storm closes ports", "A storm closed three ports in Norway on Tuesday, the "
                                                         "coastguard said.")
            seen = enriched(stack, "story-1")
            page.wait_for_selector(item(page, "story-1"), timeout=5000)  # no reload: the event stream brought it
            print(f"on screen {time.monotonic() - seen:.2f} s after its enriched record")
            page.click(f'{item(page, "story-1")} summary')
            marks = page.locator(f'{item(page, "story-1")} mark')
            assert marks.count() >= 2
            assert page.locator(f'{item(page, "story-1")} mark[data-label="PERSON"]', has_text=PERSON).count() >= 1
            assert page.locator(f'{item(page, "story-1")} .figure').count() >= 1
            enriched(stack, "story-2")
            page.wait_for_selector(item(page, "story-2"), timeout=5000)
            page.screenshot(path=str(ARTIFACTS / "web-live.png"), full_page=True)

            page.goto(f"http://127.0.0.1:{port}/?entity={PERSON.replace(' ', '+')}")
            page.wait_for_selector(item(page, "story-1"))
            assert page.locator("li.article").count() == 1  # only the articles that name the entity
            page.goto(f"http://127.0.0.1:{port}/articles/story-1")
            assert page.locator('mark[data-label="PERSON"]').count() >= 1

            page.goto(f"http://127.0.0.1:{port}/?entity={PERSON.replace(' ', '+')}")
            page.wait_for_selector(item(page, "story-1"))
            private_broker.stop()
            page.wait_for_selector("#notice", state="visible", timeout=30000)
            page.screenshot(path=str(ARTIFACTS / "web-broker-down.png"), full_page=True)
            private_broker.start(timeout=120)
            page.wait_for_selector("#notice", state="hidden", timeout=60000)
            send(stack, "story-3", "Acme opens in Leeds", f"{PERSON} opened the Acme Corporation office in "
                                                          "Leeds on Friday.")
            page.wait_for_selector(item(page, "story-3"), timeout=180000)  # the page recovered, still no reload
            assert page.locator("li.article").count() == 2
            page.screenshot(path=str(ARTIFACTS / "web-recovered.png"), full_page=True)
            browser.close()
    finally:
        if web is not None and web.poll() is None:
            web.send_signal(signal.SIGTERM)
            try:
                web.wait(timeout=20)
            except subprocess.TimeoutExpired:
                web.kill()
        stack.stop_all()
