"""Precision and recall of the near-duplicate check on a set built from ../shared/corpus/bbc.

The set is built in memory, deterministically (a fixed seed), and never written to the repository:

- positive pairs: an article as one site published it and a syndicated copy with other chrome (site name,
  tagline, a changed headline, "Source link" dropped, a share line added), per kind:
  `chrome` (only that), `truncated` (the last 20-40% of the words dropped, at a sentence end), `edited` (2-5% of words
  replaced, deleted or doubled), `reordered` (two paragraphs swapped), `mixed` (all of them, milder);
- negative pairs: two different stories of the same section, the nearest by shared capitalised words (the
  hardest distinct pairs the corpus has), both with the same site's chrome, which is what copies share.

The BBC corpus itself repeats some stories (the same file under two names): such groups are found first
(exact shingle Jaccard >= 0.5 among permissive LSH candidates) and only one article of each is used.

Each pair is scored with a fresh `DuplicateIndex` (the first article, then the second): a pair is predicted a
duplicate when the second's match is the first. Text is scored raw (chrome included, the hardest case) and,
unless --raw-only, after the worker's chrome removal (`clean_article`), which is what the stream stage sees.

    python -m tools.dedup_eval.build_and_score [--pairs 300] [--seed 2026] [--raw-only] [--shingle-sizes 5]
        [--measures jaccard containment]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsstream.state import dedup

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "bbc"
THRESHOLDS = (0.7, 0.8, 0.9)
KINDS = ("chrome", "truncated", "edited", "reordered", "mixed")
# Pairs that are not copies: two different stories; and a brief (headline and first paragraphs) published first,
# then the full story that contains it: the later, longer story is not the brief's duplicate.
NOT_COPIES = ("distinct", "expansion")
EXPANSIONS = 60
# What the defaults must reach (issue 18): on the text as cleaned.
TARGET_PRECISION, TARGET_RECALL, TARGET_KIND_RECALL = 0.99, 0.95, 0.85

SITES = [("World Wire Daily", "Your window on the world"), ("The Morning Ledger", "News you can trust since 1887"),
         ("Metro Pulse", "Breaking News, Latest News, World News, Headlines and Videos"),
         ("Northern Echo Online", "Local news, sport and what's on"), ("Global Times Today", "All the news, all day"),
         ("Daily Digest", "The stories that matter"), ("NewsNow 24", "Live updates around the clock")]
SHARE_LINES = ["Share this article", "Share on Facebook | Share on Twitter | Email", "Follow us on Twitter",
               "Sign up for our newsletter", "Copyright 2005. All rights reserved."]
HEADLINE_PREFIXES = ["UPDATE: ", "Report: ", "Breaking: ", "", "WATCH: "]
_NAMED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")


@dataclass(frozen=True, slots=True)
class Article:
    path: str  # relative to the corpus, e.g. "tech/248.txt"
    section: str
    title: str
    paragraphs: tuple[str, ...]

    def text(self) -> str:
        return "\n\n".join([self.title, *self.paragraphs])


@dataclass(frozen=True, slots=True)
class Pair:
    kind: str  # one of KINDS, or "distinct"
    first: str
    second: str
    first_path: str
    second_path: str

    @property
    def duplicate(self) -> bool:
        return self.kind not in NOT_COPIES


def load_corpus(root: Path) -> list[Article]:
    articles = []
    for path in sorted(root.glob("*/*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
        blocks = [line for line in lines if line]
        if len(blocks) < 3:
            continue
        articles.append(Article(str(path.relative_to(root)), path.parent.name, blocks[0], tuple(blocks[1:])))
    if not articles:
        sys.exit(f"no articles under {root}")
    return articles


def distinct_stories(articles: Sequence[Article]) -> tuple[list[Article], int]:
    """One article per story: drops those whose shingles overlap an earlier one's by Jaccard >= 0.5."""
    index = dedup.DuplicateIndex(threshold=0.3, retention_seconds=1e12)
    shingle_sets: dict[str, set[bytes]] = {}
    kept = []
    for article in articles:
        shingles = dedup.shingles(article.text())
        sig = dedup.signature_of_shingles(shingles)
        repeated = any(dedup.exact_jaccard(shingles, shingle_sets[other]) >= 0.5 for other in index.candidates(sig))
        index.add(article.path, sig, 0.0)
        shingle_sets[article.path] = shingles
        if not repeated:
            kept.append(article)
    return kept, len(articles) - len(kept)


# --- alterations ------------------------------------------------------------------------------------------

def chrome(rng: random.Random, headline: str, paragraphs: Sequence[str], site: tuple[str, str] | None = None,
           change_headline: bool = True) -> str:
    name, tagline = site or rng.choice(SITES)
    if change_headline:
        headline = rng.choice(HEADLINE_PREFIXES) + _reword_headline(rng, headline)
    footer = [rng.choice(SHARE_LINES)] + (["Source link"] if rng.random() < 0.5 else [])
    return "\n\n".join([name, tagline, headline, *paragraphs, *footer])


def _reword_headline(rng: random.Random, headline: str) -> str:
    words = headline.split()
    if len(words) > 3:
        del words[rng.randrange(len(words))]
    return " ".join(words)


def truncate(rng: random.Random, paragraphs: Sequence[str], low: float = 0.2, high: float = 0.4) -> list[str]:
    """Drop the last 20-40% of the story, at the sentence end nearest to that share of its words.

    BBC paragraphs are uneven (one may hold most of the story), so whole paragraphs would cut anywhere between
    5% and 90%.
    """
    words = sum(len(paragraph.split()) for paragraph in paragraphs)
    keep = round(words * (1 - rng.uniform(low, high)))
    kept: list[str] = []
    for paragraph in paragraphs:
        paragraph_words = len(paragraph.split())
        if keep >= paragraph_words:
            kept.append(paragraph)
            keep -= paragraph_words
            continue
        sentences = re.split(r"(?<=[.!?\"])\s+", paragraph)
        cut: list[str] = []
        for sentence in sentences:
            if len(" ".join(cut).split()) >= keep:
                break
            cut.append(sentence)
        if cut:
            kept.append(" ".join(cut))
        break
    return kept or [paragraphs[0]]


def edit_words(rng: random.Random, paragraphs: Sequence[str], vocabulary: Sequence[str], low: float = 0.02,
               high: float = 0.05) -> list[str]:
    """Replace (60%), delete (20%) or double (20%) 2-5% of the words, spread over the text."""
    split = [paragraph.split() for paragraph in paragraphs]
    positions = [(p, w) for p, words in enumerate(split) for w in range(len(words))]
    chosen = rng.sample(positions, max(1, round(rng.uniform(low, high) * len(positions))))
    for p, w in sorted(chosen, reverse=True):  # from the end, so deleting keeps earlier positions valid
        roll = rng.random()
        if roll < 0.6:
            split[p][w] = rng.choice(vocabulary)
        elif roll < 0.8:
            del split[p][w]
        else:
            split[p].insert(w, split[p][w])
    return [" ".join(words) for words in split if words]


def reorder(rng: random.Random, paragraphs: Sequence[str]) -> list[str]:
    result = list(paragraphs)
    if len(result) >= 2:
        i, j = rng.sample(range(len(result)), 2)
        result[i], result[j] = result[j], result[i]
    return result


def alter(rng: random.Random, article: Article, kind: str, vocabulary: Sequence[str]) -> str:
    paragraphs: list[str] = list(article.paragraphs)
    if kind == "truncated":
        paragraphs = truncate(rng, paragraphs)
    elif kind == "edited":
        paragraphs = edit_words(rng, paragraphs, vocabulary)
    elif kind == "reordered":
        paragraphs = reorder(rng, paragraphs)
    elif kind == "mixed":
        paragraphs = reorder(rng, edit_words(rng, truncate(rng, paragraphs, 0.1, 0.2), vocabulary, 0.01, 0.02))
    return chrome(rng, article.title, paragraphs)


def named_words(article: Article) -> set[str]:
    return set(_NAMED.findall(article.text()))


def build_pairs(articles: Sequence[Article], count: int, seed: int) -> list[Pair]:
    rng = random.Random(seed)
    vocabulary = sorted({word for article in articles for word in article.text().split() if word.isalpha()})
    usable = [article for article in articles if len(article.paragraphs) >= 2]
    pairs = []
    originals = rng.sample(usable, min(count, len(usable)))
    for number, article in enumerate(originals):
        kind = KINDS[number % len(KINDS)]
        # Half of the originals carry their own site's chrome too: syndication between two sites.
        first = (chrome(rng, article.title, article.paragraphs, change_headline=False) if rng.random() < 0.5
                 else article.text())
        pairs.append(Pair(kind, first, alter(rng, article, kind, vocabulary), article.path, article.path))

    for article in [article for article in originals if len(article.paragraphs) >= 6][:EXPANSIONS]:
        brief = "\n\n".join([article.title, *article.paragraphs[:2]])
        pairs.append(Pair("expansion", brief, article.text(), article.path, article.path))

    names = {article.path: named_words(article) for article in articles}
    by_section: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_section[article.section].append(article)
    used: set[frozenset[str]] = set()
    for article in rng.sample(list(articles), min(count, len(articles))):
        mine = names[article.path]
        neighbours = sorted((other for other in by_section[article.section] if other.path != article.path),
                            key=lambda other: (-len(mine & names[other.path]) / (len(mine | names[other.path]) or 1),
                                               other.path))
        neighbour = next((other for other in neighbours if frozenset((article.path, other.path)) not in used), None)
        if neighbour is None:
            continue
        used.add(frozenset((article.path, neighbour.path)))
        site = rng.choice(SITES)
        pairs.append(Pair("distinct", chrome(rng, article.title, article.paragraphs, site, False),
                          chrome(rng, neighbour.title, neighbour.paragraphs, site, False),
                          article.path, neighbour.path))
    return pairs


# --- scoring ----------------------------------------------------------------------------------------------

@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0

    @property
    def precision(self) -> float:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positive + self.false_negative
        return self.true_positive / actual if actual else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score(pairs: Sequence[Pair], signatures: dict[str, dedup.MinHashSignature], threshold: float,
          measure: dedup.Measure = "jaccard") -> tuple[Score, dict[str, Score]]:
    overall = Score()
    by_kind: dict[str, Score] = defaultdict(Score)
    for number, pair in enumerate(pairs):
        index = dedup.DuplicateIndex(threshold=threshold, measure=measure)
        index.add(f"{number}-a", signatures[pair.first], 0.0)
        match = index.add(f"{number}-b", signatures[pair.second], 1.0)
        predicted = match is not None and match.original_id == f"{number}-a"
        for tally in (overall, by_kind[pair.kind]):
            if pair.duplicate and predicted:
                tally.true_positive += 1
            elif pair.duplicate:
                tally.false_negative += 1
            elif predicted:
                tally.false_positive += 1
            else:
                tally.true_negative += 1
    return overall, dict(by_kind)


def timed_signatures(texts: Sequence[str], k: int) -> tuple[dict[str, dedup.MinHashSignature], float]:
    unique = list(dict.fromkeys(texts))
    dedup.signature(unique[0], k=k)  # warm the permutation cache
    started = time.perf_counter()
    signatures = {text: dedup.signature(text, k=k) for text in unique}
    return signatures, (time.perf_counter() - started) / len(unique)


def clean(text: str) -> str:
    from newsstream.enrichment.clean import clean_article

    return clean_article(body=text, html=None, title=None, source=None, published_at=None).text


def report(pairs: Sequence[Pair], k: int, transform: Callable[[str], str], measure: dedup.Measure) -> None:
    texts = {text: transform(text) for pair in pairs for text in (pair.first, pair.second)}
    signatures, seconds = timed_signatures(list(texts.values()), k)
    by_text = {original: signatures[cleaned] for original, cleaned in texts.items()}
    words = statistics.mean(len(text.split()) for text in texts.values())
    print(f"\n### {measure}, word {k}-shingles ({len(signatures)} texts, {words:.0f} words on average; "
          f"signature {seconds * 1000:.2f} ms per article)\n")
    print("| threshold | precision | recall | F1 | TP | FP | FN | TN |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    kinds: dict[float, dict[str, Score]] = {}
    for threshold in THRESHOLDS:
        overall, kinds[threshold] = score(pairs, by_text, threshold, measure)
        print(f"| {threshold:.1f} | {overall.precision:.3f} | {overall.recall:.3f} | {overall.f1:.3f} | "
              f"{overall.true_positive} | {overall.false_positive} | {overall.false_negative} | "
              f"{overall.true_negative} |")

    print("\nRecall per kind of copy (false positive rate for distinct pairs), and the exact Jaccard of the pairs:\n")
    print("| kind | pairs | " + " | ".join(f"at {t:.1f}" for t in THRESHOLDS)
          + " | exact Jaccard mean (min-max) | MinHash error mean |")
    print("| --- | --- | " + " | ".join("---" for _ in THRESHOLDS) + " | --- | --- |")
    exact: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[float]] = defaultdict(list)
    for pair in pairs:
        a, b = texts[pair.first], texts[pair.second]
        value = dedup.exact_jaccard(dedup.shingles(a, k), dedup.shingles(b, k))
        exact[pair.kind].append(value)
        errors[pair.kind].append(abs(dedup.jaccard(by_text[pair.first], by_text[pair.second]) - value))
    for kind in (*KINDS, *NOT_COPIES):
        rates = [kinds[t][kind].recall if kind not in NOT_COPIES else
                 kinds[t][kind].false_positive / max(1, kinds[t][kind].false_positive + kinds[t][kind].true_negative)
                 for t in THRESHOLDS]
        print(f"| {kind} | {len(exact[kind])} | " + " | ".join(f"{rate:.3f}" for rate in rates)
              + f" | {statistics.mean(exact[kind]):.3f} ({min(exact[kind]):.3f}-{max(exact[kind]):.3f}) | "
              f"{statistics.mean(errors[kind]):.3f} |")


def corpus_false_matches(articles: Sequence[Article], k: int, measures: Sequence[dedup.Measure]) -> None:
    """Every distinct story through one index, as a stream: any match is a false positive (about 685,000
    pairs, where the 300 distinct pairs above only probe the nearest neighbours)."""
    signatures = [dedup.signature(article.text(), k=k) for article in articles]
    print(f"\n## All {len(articles)} distinct stories through one index (word {k}-shingles): false matches\n")
    print("| measure | " + " | ".join(f"at {t:.1f}" for t in THRESHOLDS) + " | examples at the lowest |")
    print("| --- | " + " | ".join("---" for _ in THRESHOLDS) + " | --- |")
    for measure in measures:
        found: list[list[str]] = []
        for threshold in THRESHOLDS:
            index = dedup.DuplicateIndex(threshold=threshold, measure=measure)
            matches = []
            for number, (article, sig) in enumerate(zip(articles, signatures, strict=True)):
                match = index.add(article.path, sig, float(number))
                if match is not None:
                    matches.append(f"{article.path} ~ {match.original_id} ({match.similarity:.2f})")
            found.append(matches)
        print(f"| {measure} | " + " | ".join(str(len(matches)) for matches in found)
              + f" | {'; '.join(found[0][:3]) or '-'} |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pairs", type=int, default=300, help="positive pairs, and as many negative pairs")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--shingle-sizes", type=int, nargs="+", default=[dedup.SHINGLE_WORDS])
    parser.add_argument("--raw-only", action="store_true", help="skip scoring the text after the worker's cleaning")
    parser.add_argument("--measures", nargs="+", choices=["jaccard", "containment"],
                        default=["jaccard", "containment"])
    arguments = parser.parse_args(argv)

    articles, repeats = distinct_stories(load_corpus(arguments.corpus))
    pairs = build_pairs(articles, arguments.pairs, arguments.seed)
    counts = Counter(pair.kind for pair in pairs)
    print(f"# Near-duplicate evaluation (seed {arguments.seed})\n")
    print(f"{len(articles)} distinct stories in {arguments.corpus} ({repeats} repeated stories left out); "
          f"{len(pairs)} pairs: " + ", ".join(f"{counts[kind]} {kind}" for kind in (*KINDS, *NOT_COPIES)))
    variants: list[tuple[str, Callable[[str], str]]] = [("raw text, chrome included", lambda text: text)]
    if not arguments.raw_only:
        variants.append(("after clean_article (what the stream stage sees)", clean))
    for title, transform in variants:
        print(f"\n## {title}")
        for measure in arguments.measures:
            for k in arguments.shingle_sizes:
                report(pairs, k, transform, measure)
    for k in arguments.shingle_sizes:
        corpus_false_matches(articles, k, arguments.measures)
    return 0 if targets_met(pairs, arguments.raw_only) else 1


def targets_met(pairs: Sequence[Pair], raw_only: bool) -> bool:
    """The worker's defaults (NEWSSTREAM_DEDUP_MEASURE, NEWSSTREAM_DEDUP_THRESHOLD) against the targets."""
    from newsstream.settings import Settings

    defaults = Settings.from_env({})
    measure, threshold = defaults.dedup_measure, defaults.dedup_threshold
    transform: Callable[[str], str] = (lambda text: text) if raw_only else clean
    texts = {text: transform(text) for pair in pairs for text in (pair.first, pair.second)}
    signatures = {text: dedup.signature(cleaned) for text, cleaned in texts.items()}
    overall, kinds = score(pairs, signatures, threshold, measure)  # type: ignore[arg-type]
    weakest = min(KINDS, key=lambda kind: kinds[kind].recall)
    met = (overall.precision >= TARGET_PRECISION and overall.recall >= TARGET_RECALL
           and kinds[weakest].recall >= TARGET_KIND_RECALL)
    print(f"\n## Defaults ({measure} {threshold}) against the targets\n\nprecision {overall.precision:.3f} "
          f"(>= {TARGET_PRECISION}), recall {overall.recall:.3f} (>= {TARGET_RECALL}), weakest kind {weakest} "
          f"{kinds[weakest].recall:.3f} (>= {TARGET_KIND_RECALL}); expansions taken for copies: "
          f"{kinds['expansion'].false_positive}/{kinds['expansion'].false_positive + kinds['expansion'].true_negative}"
          f": {'MET' if met else 'MISSED'}")
    return met


if __name__ == "__main__":
    raise SystemExit(main())
