"""The benchmark's articles: BBC stories from the shared corpus, as the raw records `newsstream feed` sends."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import orjson

from newsstream.inputs import read_path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "bbc"


@dataclass(frozen=True, slots=True)
class BenchArticle:
    id: str
    key: bytes
    value: bytes      # the raw record, exactly as `newsstream feed` would publish it
    body: str
    words: int        # whitespace-separated words of the body: the unit of words/s for every configuration


def load_articles(count: int, corpus: Path = DEFAULT_CORPUS) -> list[BenchArticle]:
    """`count` articles, taken in turn from each category so that any prefix mixes sport, tech, entertainment."""
    categories = sorted(path for path in corpus.iterdir() if path.is_dir())
    files_by_category = [sorted(category.glob("*.txt")) for category in categories]
    interleaved = [path for group in itertools.zip_longest(*files_by_category) for path in group if path]
    articles: dict[str, BenchArticle] = {}
    for path in interleaved:
        if len(articles) == count:
            break
        (record,) = read_path(path)
        document = orjson.loads(record.value)
        body = document["body"]
        # The corpus has a few byte-identical stories; their ids (a hash of the bytes) collide, and every
        # output is counted by id, so each story is used once.
        articles.setdefault(document["id"], BenchArticle(
            id=document["id"], key=record.key or document["id"].encode(), value=record.value, body=body,
            words=len(body.split())))
    if len(articles) < count:
        raise SystemExit(f"the corpus at {corpus} has {len(articles)} distinct articles, fewer than --articles {count}")
    return list(articles.values())


def with_id(article: BenchArticle, new_id: str) -> bytes:
    """The article's raw record under another id (the latency run sends each body several times)."""
    document = orjson.loads(article.value)
    document["id"] = new_id
    return orjson.dumps(document)


FRENCH_ARTICLES = Path(__file__).resolve().parents[1] / "eval" / "french" / "articles"


def load_french_articles(count: int, folder: Path = FRENCH_ARTICLES) -> list[BenchArticle]:
    """`count` French articles (the evaluation's, in turn and repeated with distinct ids), for the French row."""
    paths = sorted(folder.glob("fr-*.txt"))
    articles = []
    for index in range(count if paths else 0):
        body = paths[index % len(paths)].read_text(encoding="utf-8")
        article_id = f"fr-bench-{index}"
        value = orjson.dumps({"id": article_id, "body": body, "language": "fr"})
        articles.append(BenchArticle(id=article_id, key=article_id.encode(), value=value, body=body,
                                     words=len(body.split())))
    return articles
