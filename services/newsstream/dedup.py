"""Near-duplicate detection: MinHash signatures of word shingles and LSH band keys (pure; no Kafka).

Two copies of a wire story differ in the site's chrome around it (already mostly removed by cleaning), a
headline, a line or two: their word 5-shingle sets stay close in Jaccard similarity, which a 128-permutation
MinHash estimates. LSH splits the signature into bands; two articles sharing any band are compared. The band
and row counts are chosen for the threshold the way datasketch's MinHashLSH chooses them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

NUM_PERM = 128
SHINGLE_WORDS = 5
SEED = 1
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """Word k-shingles of the lower-cased text, punctuation ignored."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (uint64 hash values) of the text's shingles."""
    minhash = MinHash(num_perm=num_perm, seed=SEED)
    minhash.update_batch(list(shingles(text)))
    return minhash.hashvalues.astype(np.uint64)


def encode_signature(values: np.ndarray) -> str:
    """Compact text form (base64 of little-endian uint32s: MinHash values fit in 32 bits) for tables and topics."""
    return base64.b64encode(values.astype("<u4").tobytes()).decode("ascii")


def decode_signature(encoded: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(encoded), dtype="<u4").astype(np.uint64)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    return float(np.count_nonzero(a == b)) / len(a)


@cache
def lsh_parameters(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) minimising the weighted false positive and negative probabilities, as datasketch does."""
    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(bands), int(rows)


def band_keys(values: np.ndarray, threshold: float, num_perm: int = NUM_PERM) -> list[str]:
    """One key per LSH band: "b<band>:<digest of the band's values>"."""
    bands, rows = lsh_parameters(threshold, num_perm)
    as_bytes = values.astype("<u4").tobytes()
    width = rows * 4
    return [f"b{band:02d}:{hashlib.blake2b(as_bytes[band * width:(band + 1) * width], digest_size=8).hexdigest()}"
            for band in range(bands)]
