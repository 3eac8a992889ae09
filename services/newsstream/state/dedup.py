"""Near-duplicate detection: MinHash signatures of word shingles, LSH band keys and a reference index (pure).

Two copies of a wire story differ in the site's chrome around it (mostly removed by cleaning), a headline, a
line or two: their sets of word 5-shingles stay close in Jaccard similarity, which a 128-permutation MinHash
estimates. LSH splits the signature into bands; two articles sharing any band are compared. Bands and rows are
chosen for the threshold the way datasketch's MinHashLSH chooses them.

The MinHash is computed here with numpy rather than with `datasketch.MinHash`: the values must not change when
a library upgrade changes its hashing scheme (datasketch 2.0 did), because signatures are kept in changelog
topics, and building a `datasketch.MinHash` draws its permutations again for every article. Each shingle is
hashed to 64 bits (BLAKE2b), then by `num_perm` multiply-shift hash functions ((a * x + b) mod 2**64, top 32
bits; half the cost of datasketch's affine map modulo a prime, and as good here because x is already a
cryptographic hash), and the minimum per function is kept. A signature is 4 * num_perm bytes (512 bytes, 684
base64 characters for 128 permutations).
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections.abc import MutableMapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
SEED = 1
DEFAULT_THRESHOLD = 0.7  # NEWSSTREAM_DEDUP_THRESHOLD's default (measured by `make dedup-eval`)
DEFAULT_MEASURE = "containment"
DEFAULT_RETENTION_SECONDS = 7 * 24 * 3600.0

_EMPTY = np.uint32(0xFFFFFFFF)  # every value at the maximum: the signature of no shingles
_SHIFT = np.uint64(32)
_WORD = re.compile(r"\w+")
_LINE_BREAK = re.compile(r"\s*\n\s*")


# --- shingles and signatures ---------------------------------------------------------------------------------

def normalised_lines(text: str) -> list[list[str]]:
    """Words of each non-empty line: NFKC, case-folded, punctuation dropped (so ’ and ' or “ and " agree)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [words for line in _LINE_BREAK.split(folded) if (words := _WORD.findall(line))]


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """Word k-shingles of the normalised text, taken within lines.

    Shingles do not cross line breaks, so a chrome line added or removed at the edge of the story (a site
    name, "Share this article") or two paragraphs swapped change only the shingles of those lines. A line
    shorter than k words is one shingle.
    """
    result: set[bytes] = set()
    for words in normalised_lines(text):
        if len(words) <= k:
            result.add(" ".join(words).encode("utf-8"))
        else:
            result.update(" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1))
    return result


@cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.Generator(np.random.PCG64(seed))
    a = generator.integers(0, 2**64, size=num_perm, dtype=np.uint64, endpoint=False) | np.uint64(1)  # odd
    b = generator.integers(0, 2**64, size=num_perm, dtype=np.uint64, endpoint=False)
    return a, b


@dataclass(frozen=True, slots=True, eq=False)
class MinHashSignature:
    """`num_perm` MinHash values (uint32). Serialises to 4 bytes per value, little-endian.

    `size` (the number of shingles, 0 when unknown) is not part of the bytes; the index keeps it beside them
    to estimate containment.
    """

    values: np.ndarray
    size: int = 0

    @property
    def num_perm(self) -> int:
        return int(self.values.shape[0])

    @property
    def is_empty(self) -> bool:
        """True for a text without words: it is similar to nothing, not even to another empty text."""
        return bool(np.all(self.values == _EMPTY))

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> MinHashSignature:
        if not data or len(data) % 4:
            raise ValueError(f"a MinHash signature is a non-empty multiple of 4 bytes, got {len(data)}")
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32))

    def to_base64(self) -> str:
        return base64.b64encode(self.to_bytes()).decode("ascii")

    @classmethod
    def from_base64(cls, encoded: str) -> MinHashSignature:
        return cls.from_bytes(base64.b64decode(encoded, validate=True))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MinHashSignature) and bool(np.array_equal(self.values, other.values))

    def __hash__(self) -> int:
        return hash(self.to_bytes())


SignatureLike = MinHashSignature | np.ndarray


def _values(signature: SignatureLike) -> np.ndarray:
    return signature.values if isinstance(signature, MinHashSignature) else np.asarray(signature)


def signature_of_shingles(items: set[bytes], num_perm: int = NUM_PERM, seed: int = SEED) -> MinHashSignature:
    if not items:
        return MinHashSignature(np.full(num_perm, _EMPTY, dtype=np.uint32), 0)
    hashed = np.fromiter((int.from_bytes(hashlib.blake2b(item, digest_size=8).digest(), "little") for item in items),
                         dtype=np.uint64, count=len(items))
    a, b = _permutations(num_perm, seed)
    permuted = (hashed[:, np.newaxis] * a + b) >> _SHIFT  # uint64 arithmetic wraps: mod 2**64
    return MinHashSignature(permuted.min(axis=0).astype(np.uint32), len(items))


def signature(text: str, num_perm: int = NUM_PERM, seed: int = SEED, k: int = SHINGLE_WORDS) -> MinHashSignature:
    """The MinHash signature of the text's word shingles."""
    return signature_of_shingles(shingles(text, k), num_perm, seed)


def encode_signature(signature: SignatureLike) -> str:
    """Compact text form for tables and topics: base64 of little-endian uint32 values."""
    return base64.b64encode(_values(signature).astype("<u4").tobytes()).decode("ascii")


def decode_signature(encoded: str) -> MinHashSignature:
    return MinHashSignature.from_base64(encoded)


def jaccard(a: SignatureLike, b: SignatureLike) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values (0 when either text had no words)."""
    values_a, values_b = _values(a), _values(b)
    if values_a.shape != values_b.shape:
        raise ValueError(f"signatures of {values_a.shape[0]} and {values_b.shape[0]} permutations cannot be compared")
    if np.all(values_a == _EMPTY) or np.all(values_b == _EMPTY):
        return 0.0
    return float(np.count_nonzero(values_a == values_b)) / values_a.shape[0]


def exact_jaccard(a: set[bytes], b: set[bytes]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def containment(a: SignatureLike, b: SignatureLike, size_a: int, size_b: int) -> float:
    """Estimated share of the smaller shingle set found in the larger: |A & B| / min(|A|, |B|).

    From the Jaccard estimate J and the set sizes: |A & B| = J (|A| + |B|) / (1 + J). A copy that lost the
    end of the story keeps a containment near 1 while its Jaccard similarity falls with the share cut.
    """
    if size_a <= 0 or size_b <= 0:
        return 0.0
    estimate = jaccard(a, b)
    return min(1.0, estimate * (size_a + size_b) / (1 + estimate) / min(size_a, size_b))


# --- LSH -----------------------------------------------------------------------------------------------------

def _integral(values: np.ndarray, upper: float) -> float:
    # Composite Simpson over [0, upper] with an even number of intervals (len(values) - 1).
    step = upper / (len(values) - 1)
    return float(step / 3 * (values[0] + values[-1] + 4 * values[1:-1:2].sum() + 2 * values[2:-1:2].sum()))


@cache
def lsh_parameters(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) minimising false positive + false negative probability mass, as datasketch does.

    A pair of similarity s shares a band with probability 1 - (1 - s**rows)**bands; the false positive mass is
    its integral below the threshold, the false negative mass the integral of the rest above it. Equal to
    `datasketch.lsh._optimal_param(threshold, num_perm, 0.5, 0.5)` (a unit test checks it).
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"the threshold must be between 0 and 1, got {threshold}")
    below = np.linspace(0.0, threshold, 1001)
    above = np.linspace(threshold, 1.0, 1001)
    best, best_error = (1, 1), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = _integral(1 - (1 - below ** rows) ** bands, threshold)
            false_negative = _integral((1 - above ** rows) ** bands, 1.0 - threshold)
            error = 0.5 * false_positive + 0.5 * false_negative
            if error < best_error:
                best, best_error = (bands, rows), error
    return best


def band_keys(signature: SignatureLike, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> list[str]:
    """One key per LSH band, "b<band>:<16 hex digits of the band's values>"; none for an empty text."""
    values = _values(signature)
    if values.shape[0] != num_perm:
        raise ValueError(f"a signature of {values.shape[0]} permutations, expected {num_perm}")
    if np.all(values == _EMPTY):
        return []
    bands, rows = lsh_parameters(threshold, num_perm)
    as_bytes = values.astype("<u4").tobytes()
    width = rows * 4
    return [f"b{band:02d}:{hashlib.blake2b(as_bytes[band * width:(band + 1) * width], digest_size=8).hexdigest()}"
            for band in range(bands)]


def share_found(part: SignatureLike, whole: SignatureLike, size_part: int, size_whole: int) -> float:
    """Estimated share of `part`'s shingles found in `whole`: |P & W| / |P| (directed, unlike `containment`).

    A cut copy is almost wholly found in its original (near 1); a long story that quotes a short brief is mostly
    not found in the brief (low), so the brief cannot make it a copy.
    """
    if size_part <= 0 or size_whole <= 0:
        return 0.0
    estimate = jaccard(part, whole)
    return min(1.0, estimate * (size_part + size_whole) / (1 + estimate) / size_part)


# --- the index -----------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Match:
    """The original of the group of near-duplicates an article belongs to, and the similarity that tied it."""

    original_id: str
    similarity: float


OrderKey = tuple[float, int, int, int]  # (time, partition, offset, arrival sequence)


@dataclass(frozen=True, slots=True)
class Revision:
    """An earlier decision changed by an article that came in late but comes first in order."""

    article_id: str
    duplicate_of: str
    similarity: float | None
    revision: int  # 1 for the first change of its decision
    was_original: bool  # it had been published as an original (on the unique topic)
    locator: Any  # what the caller gave with the article, to find its record again


@dataclass(frozen=True, slots=True)
class Decision:
    """What an article is, and the decisions of other articles it changed."""

    duplicate_of: str | None
    similarity: float | None
    revision: int = 0
    revisions: tuple[Revision, ...] = ()
    repeated: bool = False  # the article was indexed before: this is its current decision, nothing changed

    @property
    def match(self) -> Match | None:
        return None if self.duplicate_of is None else Match(self.duplicate_of, self.similarity or 0.0)


Measure = Literal["jaccard", "containment"]
CONTAINMENT_LSH_THRESHOLD = 0.4  # containment 0.8 with half of the story cut is Jaccard 0.4/1.1 = 0.36

META_KEY = "_meta"
ARTICLE_PREFIX = "a:"
EXPIRY_PREFIX = "t:"
BAND_PREFIX = "b"


class DuplicateIndex:
    """Band key -> article ids, article id -> signature and decision, with retention by `seen_at`.

    Everything lives in `store`, a mapping of str keys to JSON-able values (a dict, or a Faust table: values
    are always replaced, never mutated in place, so a table writes each change to its changelog):

    - `"b07:<hex>"` -> [article id, ...]: the articles having that band;
    - `"a:<id>"` -> {"sig": base64 signature, "size", "seen_at", "seq", "order", "duplicate_of", "similarity",
      "revision", "locator"}: each signature once (not once per band), the article's order key, and its current
      decision, so that re-processing an article (at-least-once delivery) gives the same answer instead of making
      it a duplicate of itself;
    - `"t:<bucket start>|<id>"` -> true: the article's `seen_at` bucket (one small key per article: a list per
      bucket rewritten on every add would send quadratically growing values to the changelog); `expire` scans
      the keys once per expired bucket;
    - `"_meta"` -> {"seq": next arrival number, "articles": count, "buckets": [bucket starts], "bands": the LSH
      layout the band keys were built with}.

    Order, not arrival, decides which copy is the original: each article comes with an order key (its publication
    or raw-record time, then raw partition and offset; arrival breaks what is left), and the original of a group
    is the one with the smallest key. A later article is a duplicate when at least `threshold` of it is found in
    an earlier one (by `measure`); the earlier one it matched, or that one's own original, is its original. When
    an article arrives after later copies of it were decided, their decisions change (`Decision.revisions`): the
    copies, and the copies of those copies, now point at it.

    `measure`: "containment" (the default) is the estimated share of the later article's shingles found in the
    earlier one, which also finds copies cut to length, while a longer story that contains an earlier brief is not
    the brief's copy; the LSH bands are then tuned for the lower Jaccard similarity of such pairs
    (`lsh_threshold`, 0.4). "jaccard" is the estimated Jaccard similarity, symmetric and stricter.

    Articles with `seen_at` older than `retention_seconds` before a new article's `seen_at` are never matched,
    even before `expire` removes them.
    """

    def __init__(self, store: MutableMapping[str, Any] | None = None, *, threshold: float = DEFAULT_THRESHOLD,
                 num_perm: int = NUM_PERM, retention_seconds: float = DEFAULT_RETENTION_SECONDS,
                 bucket_seconds: float = 3600.0, measure: Measure = DEFAULT_MEASURE,
                 lsh_threshold: float | None = None) -> None:
        if retention_seconds <= 0 or bucket_seconds <= 0:
            raise ValueError("retention_seconds and bucket_seconds must be positive")
        if measure not in ("jaccard", "containment"):
            raise ValueError(f"measure must be 'jaccard' or 'containment', not {measure!r}")
        if lsh_threshold is None:
            lsh_threshold = threshold if measure == "jaccard" else min(threshold, CONTAINMENT_LSH_THRESHOLD)
        lsh_parameters(threshold, num_perm)  # validates the thresholds early
        lsh_parameters(lsh_threshold, num_perm)
        self.store: MutableMapping[str, Any] = {} if store is None else store
        self.threshold = threshold
        self.measure: Measure = measure
        self.lsh_threshold = lsh_threshold
        self.num_perm = num_perm
        self.retention_seconds = retention_seconds
        self.bucket_seconds = bucket_seconds
        self.bands_layout = f"{num_perm}:{lsh_threshold!r}"

    def __len__(self) -> int:
        """Articles in the index."""
        return self._meta()["articles"]

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self.store.get(ARTICLE_PREFIX + article_id) is not None

    def decision_of(self, article_id: str) -> Decision | None:
        entry = self.store.get(ARTICLE_PREFIX + article_id)
        if entry is None:
            return None
        return Decision(entry["duplicate_of"], entry["similarity"], int(entry.get("revision", 0)), repeated=True)

    def candidates(self, sig: SignatureLike) -> list[str]:
        """Ids of indexed articles sharing at least one band with the signature, in first-seen order."""
        found: dict[str, None] = {}
        for key in band_keys(sig, self.lsh_threshold, self.num_perm):
            found.update(dict.fromkeys(self.store.get(key) or []))
        return list(found)

    def similarity(self, later: SignatureLike, earlier: MinHashSignature, earlier_size: int) -> float:
        """How much of the later article is found in the earlier one, by the index's measure."""
        if self.measure == "jaccard":
            return jaccard(later, earlier)
        return share_found(later, earlier, later.size if isinstance(later, MinHashSignature) else 0, earlier_size)

    def add(self, article_id: str, sig: SignatureLike, seen_at: float,
            order: tuple[float, int, int] | None = None) -> Match | None:
        """Index the article; return its original (see `decide`). Without an order key, arrival is the order."""
        return self.decide(article_id, sig, seen_at, order).match

    def decide(self, article_id: str, sig: SignatureLike, seen_at: float, order: tuple[float, int, int] | None = None,
               locator: Any = None) -> Decision:
        """Index the article and decide it: its original (None when it is one) and the revisions it causes.

        `order` is (time, partition, offset); `locator` is kept to be handed back in a `Revision` of this article.
        An article already in the index gets its current decision again and is not indexed twice.
        """
        self._rebuild_bands_if_changed()
        previous = self.decision_of(article_id)
        if previous is not None:
            return previous
        meta = self._meta()
        key: OrderKey = (*(order or (0.0, -1, -1)), meta["seq"])  # type: ignore[assignment]
        horizon = seen_at - self.retention_seconds
        earlier: list[tuple[OrderKey, str, float, dict[str, Any]]] = []
        later: list[tuple[OrderKey, str, float, dict[str, Any]]] = []
        for other_id in self.candidates(sig):
            entry = self.store.get(ARTICLE_PREFIX + other_id)
            if other_id == article_id or entry is None or entry["seen_at"] < horizon:
                continue
            other_key, other_sig = _order_key(entry), decode_signature(entry["sig"])
            other_size = entry.get("size", 0)
            if other_key < key:
                share = self.similarity(sig, other_sig, other_size)
                if share >= self.threshold:
                    earlier.append((other_key, other_id, share, entry))
            else:
                share = self.similarity(MinHashSignature(other_sig.values, other_size), _values_of(sig), _size_of(sig))
                if share >= self.threshold:
                    later.append((other_key, other_id, share, entry))
        duplicate_of: str | None = None
        similarity: float | None = None
        root_key = key
        if earlier:
            matched_key, matched_id, share, entry = min(earlier, key=lambda item: item[0])
            duplicate_of = entry["duplicate_of"] or matched_id
            similarity = round(share, 4)
            root_key = self._key_of(duplicate_of, matched_key)
        self.store[ARTICLE_PREFIX + article_id] = {
            "sig": encode_signature(sig), "size": _size_of(sig), "seen_at": seen_at, "seq": meta["seq"],
            "order": list(key), "duplicate_of": duplicate_of, "similarity": similarity, "revision": 0,
            "locator": locator}
        meta["seq"] += 1
        meta["articles"] += 1
        for band in band_keys(sig, self.lsh_threshold, self.num_perm):
            self.store[band] = [*(self.store.get(band) or []), article_id]
        bucket = seen_at - seen_at % self.bucket_seconds
        self.store[_expiry_key(bucket, article_id)] = True
        if bucket not in meta["buckets"]:
            meta["buckets"] = sorted([*meta["buckets"], bucket])
        meta["bands"] = self.bands_layout
        self.store[META_KEY] = meta
        root = duplicate_of or article_id
        revisions = self._revise(later, root, root_key, horizon)
        return Decision(duplicate_of, similarity, 0, tuple(revisions))

    def _revise(self, later: list[tuple[OrderKey, str, float, dict[str, Any]]], root: str, root_key: OrderKey,
                horizon: float) -> list[Revision]:
        """Later articles found in this one that are not yet under an original as early as `root`: move them,
        and the copies that pointed at them, under `root`."""
        revisions: list[Revision] = []
        moved: set[str] = set()
        for other_key, other_id, share, entry in sorted(later, key=lambda item: item[0]):
            current = entry["duplicate_of"]
            if other_id in moved or current == root or self._key_of(current, other_key) <= root_key:
                continue
            revisions.append(self._move(other_id, entry, root, round(share, 4)))
            moved.add(other_id)
            if current is None:
                # its own copies, found through its bands as they were when they matched it
                for follower_id in self.candidates(decode_signature(entry["sig"])):
                    follower = self.store.get(ARTICLE_PREFIX + follower_id)
                    if (follower_id not in moved and follower is not None and follower["seen_at"] >= horizon
                            and follower["duplicate_of"] == other_id):
                        revisions.append(self._move(follower_id, follower, root, follower["similarity"]))
                        moved.add(follower_id)
        return revisions

    def _move(self, article_id: str, entry: dict[str, Any], root: str, similarity: float | None) -> Revision:
        revision = int(entry.get("revision", 0)) + 1
        self.store[ARTICLE_PREFIX + article_id] = {**entry, "duplicate_of": root, "similarity": similarity,
                                                   "revision": revision}
        return Revision(article_id, root, similarity, revision, was_original=entry["duplicate_of"] is None,
                        locator=entry.get("locator"))

    def _key_of(self, article_id: str | None, fallback: OrderKey) -> OrderKey:
        """The order key of an article still in the index, else `fallback` (an original past the retention)."""
        entry = self.store.get(ARTICLE_PREFIX + article_id) if article_id is not None else None
        return fallback if entry is None else _order_key(entry)

    def _rebuild_bands_if_changed(self) -> None:
        """An index built with other LSH bands (another measure or threshold: the changelog of an older release)
        is re-banded from the signatures it keeps, once, before its first new article."""
        stored = self.store.get(META_KEY) or {}
        if stored.get("bands", self.bands_layout if not stored.get("articles") else None) == self.bands_layout:
            return
        for key in [key for key in list(self.store.keys()) if key.startswith(BAND_PREFIX)]:
            del self.store[key]
        bands: dict[str, list[str]] = {}
        for key in [key for key in list(self.store.keys()) if key.startswith(ARTICLE_PREFIX)]:
            entry = self.store[key]
            for band in band_keys(decode_signature(entry["sig"]), self.lsh_threshold, self.num_perm):
                bands.setdefault(band, []).append(key[len(ARTICLE_PREFIX):])
        for band, members in bands.items():
            self.store[band] = members
        self.store[META_KEY] = {**self._meta(), "bands": self.bands_layout}

    def expire(self, now: float) -> int:
        """Remove the articles whose whole time bucket is older than `retention_seconds`; return how many.

        Matching already ignores articles past the retention (`decide`); this bounds the state, a bucket at a time
        (so an article is kept up to one bucket longer), scanning the keys only when a bucket expires."""
        horizon = now - self.retention_seconds
        meta = self._meta()
        expired = [start for start in meta["buckets"] if start + self.bucket_seconds <= horizon]
        if not expired:
            return 0
        prefixes = tuple(_expiry_key(bucket, "") for bucket in expired)
        removed = 0
        for key in [key for key in list(self.store.keys()) if key.startswith(prefixes)]:
            article_id = key.split("|", 1)[1]
            entry = self.store.get(ARTICLE_PREFIX + article_id)
            if entry is not None:
                self._remove(article_id, entry)
                removed += 1
            del self.store[key]
        meta["buckets"] = [start for start in meta["buckets"] if start not in expired]
        meta["articles"] -= removed
        self.store[META_KEY] = meta
        return removed

    def _remove(self, article_id: str, entry: dict[str, Any]) -> None:
        for key in band_keys(decode_signature(entry["sig"]), self.lsh_threshold, self.num_perm):
            remaining = [other for other in self.store.get(key) or [] if other != article_id]
            if remaining:
                self.store[key] = remaining
            elif key in self.store:
                del self.store[key]
        del self.store[ARTICLE_PREFIX + article_id]

    def _meta(self) -> dict[str, Any]:
        stored = self.store.get(META_KEY) or {}
        meta = {"seq": int(stored.get("seq", 0)), "articles": int(stored.get("articles", 0)),
                "buckets": list(stored.get("buckets", []))}
        if "bands" in stored:
            meta["bands"] = stored["bands"]
        return meta


def _order_key(entry: dict[str, Any]) -> OrderKey:
    """An entry's order key; an entry from before order keys (release 0.x) is ordered by when it was seen."""
    order = entry.get("order")
    if order is None:
        return (float(entry["seen_at"]), -1, -1, int(entry.get("seq", 0)))
    return (float(order[0]), int(order[1]), int(order[2]), int(order[3]))


def _values_of(sig: SignatureLike) -> MinHashSignature:
    return sig if isinstance(sig, MinHashSignature) else MinHashSignature(np.asarray(sig), 0)


def _size_of(sig: SignatureLike) -> int:
    return sig.size if isinstance(sig, MinHashSignature) else 0


def _expiry_key(bucket: float, article_id: str) -> str:
    return f"{EXPIRY_PREFIX}{float(bucket)!r}|{article_id}"
