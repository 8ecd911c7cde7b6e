"""One document through intake, without a database: read, clean, date, extract.

This is what a worker process runs; the result is plain data that the parent writes in one
transaction per document.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from datetime import date

from coalition.intake.cleaning import clean_html, clean_plain
from coalition.intake.dating import infer_date
from coalition.intake.document import CandidateFact, Cleaned, DateEstimate
from coalition.intake.extract import extract

MAX_BYTES = 20 * 1024 * 1024
_WORD = re.compile(r"\w+")


@dataclass
class Document:
    """A document as read from disk or from a JSON item, before cleaning."""

    origin: str  # path, or path#line for JSON Lines
    name: str  # suggested source key
    text: str
    format: str  # "txt" or "html"
    encoding: str = "utf-8"
    title: str | None = None
    url: str | None = None
    published: date | None = None  # given by the user or the JSON item


@dataclass
class Processed:
    document: Document
    content_hash: str
    cleaned: Cleaned
    dated: DateEstimate
    candidates: list[CandidateFact]
    fingerprint: str | None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# For each of the 8 bytes of a 64-bit hash and each bit in a byte: the byte values with that bit.
_WITH_BIT = [[value for value in range(256) if value >> bit & 1] for bit in range(8)]


MIN_SHINGLES = 8  # below this a fingerprint says nothing: short texts would all look alike


def fingerprint(text: str) -> str | None:
    """A 64-bit SimHash of word 3-grams: the same story from two outlets differs in few bits.

    Counting byte values (8 additions a shingle) instead of bits (64) keeps this near a
    millisecond for a long article; crc32 is stable across processes, unlike `hash`.
    """
    words = [zlib.crc32(word.encode()) for word in _WORD.findall(text.lower())]
    counts = [0] * (8 * 256)
    shingles = 0
    # Long texts are fingerprinted from a fixed share of their shingles (chosen by hash, so the
    # same part in every copy of a story): several times faster, as good for texts this long.
    sample = 7 if len(words) > 800 else 3 if len(words) > 300 else 0
    for first, second, third in zip(words, words[1:], words[2:], strict=False):
        if first & sample:  # sampled by the first word, before any other work
            continue
        # A word 3-gram's 64-bit hash, mixed from its words' crc32s (multipliers are odd
        # constants of the usual hash mixers): cheap, and stable across processes.
        value = (
            first * 0x9E3779B97F4A7C15 ^ second * 0xC2B2AE3D27D4EB4F ^ third * 0x165667B19E3779F9
        ) & 0xFFFFFFFFFFFFFFFF
        for position in range(8):
            counts[position * 256 + (value >> 8 * position & 255)] += 1
        shingles += 1
    bits = 0
    for position in range(8):
        row = counts[position * 256 : position * 256 + 256]
        for bit in range(8):
            if 2 * sum(map(row.__getitem__, _WITH_BIT[bit])) > shingles:
                bits |= 1 << (8 * position + bit)
    return f"{bits:016x}" if shingles >= MIN_SHINGLES else None


def distance(first: str, second: str) -> int:
    return (int(first, 16) ^ int(second, 16)).bit_count()


def process(document: Document) -> Processed:
    cleaned = clean_html(document.text) if document.format == "html" else clean_plain(document.text)
    dated = infer_date(
        cleaned.text,
        raw=document.text if document.format == "txt" else None,
        explicit=cleaned.explicit_date,
        explicit_reason=cleaned.explicit_date_reason,
        published=document.published,
    )
    candidates = extract(cleaned.text, dated.best)
    return Processed(
        document=document,
        content_hash=content_hash(document.text),
        cleaned=cleaned,
        dated=dated,
        candidates=candidates,
        fingerprint=fingerprint(cleaned.text),
    )
