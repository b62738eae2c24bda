"""Fingerprints of a document's text for finding copies: a hash of the normalised text (exact
copies, whatever their spacing, case or punctuation) and a MinHash signature of its word
4-shingles (near copies: syndicated wire stories with another dateline, credit or tail).

MinHash (Broder, 1997): for each of K hash functions, the smallest hash over the document's
shingles; two documents agree on one position with probability equal to the Jaccard similarity
of their shingle sets. Hashes are CRC-32 of the shingle, so signatures are the same in every
process and on every machine (Python's own `hash` is salted per process).
"""

from __future__ import annotations

import hashlib
import random
import re
import zlib

import numpy as np

PERMUTATIONS = 64
SHINGLE = 4
SIGNATURE_BYTES = PERMUTATIONS * 4
_PRIME = np.uint64(4294967311)  # the first prime above 2**32
_WORD = re.compile(r"\w+")

_rng = random.Random(20231124)
# a below 2**31 keeps a*x below 2**63 for 32-bit x, so uint64 never overflows.
_A = np.array([_rng.randrange(1, 1 << 31) for _ in range(PERMUTATIONS)], dtype=np.uint64)
_B = np.array([_rng.randrange(0, 1 << 32) for _ in range(PERMUTATIONS)], dtype=np.uint64)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def text_hash(tokens: list[str]) -> str:
    return hashlib.sha1(" ".join(tokens).encode("utf-8")).hexdigest()


def signature(tokens: list[str]) -> bytes:
    """The MinHash signature: PERMUTATIONS little-endian uint32 values."""
    if len(tokens) <= SHINGLE:
        shingles = [" ".join(tokens)]
    else:
        shingles = [" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in set(shingles)), dtype=np.uint64)
    mixed = (np.outer(_A, hashes) + _B[:, None]) % _PRIME
    return bytes(mixed.min(axis=1).astype("<u4").tobytes())


def similarity(a: bytes, b: bytes) -> float:
    """The share of signature positions on which two documents agree: an estimate of the
    Jaccard similarity of their shingle sets."""
    left = np.frombuffer(a, dtype="<u4")
    right = np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(left == right)) / PERMUTATIONS
