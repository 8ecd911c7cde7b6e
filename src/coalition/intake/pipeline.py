"""One document through intake, without a database: read, clean, date, extract.

This is what a worker process runs; the result is plain data that the parent writes in one
transaction per document.
"""

from __future__ import annotations

import hashlib
import re
import sys
import zlib
from array import array
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import compress, repeat
from operator import and_, mul, xor

from coalition.intake.cleaning import clean_html, clean_plain
from coalition.intake.dating import infer_date
from coalition.intake.document import CandidateFact, Cleaned, DateEstimate
from coalition.intake.extract import extract

MAX_BYTES = 20 * 1024 * 1024
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")


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

    @cached_property
    def content_hash(self) -> str:
        """Computed once, where duplicates are checked; a worker receives it with the document."""
        return content_hash(self.text)


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


MIN_SHINGLES = 8  # below this a fingerprint says nothing: short texts would all look alike
_MASK = 0xFFFFFFFFFFFFFFFF
# Odd constants of the usual hash mixers: a word 3-gram's 64-bit hash mixes its words' crc32s.
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)
# Every ASCII byte that `\w` does not match becomes a space; letters, digits and "_" stay.
_SPACE_FOR_NON_WORD = bytes(c if c > 127 or chr(c).isalnum() or c == 95 else 32 for c in range(256))
# Punctuation and spaces beyond ASCII that reports are full of. None is a word character, so
# each separates words as a space does. Replaced first, they leave most English reports ASCII,
# which then skip the scan for other characters beyond ASCII in `_word_hashes`.
_WIDE_SEPARATORS = tuple(c.encode() for c in "“”‘’—–…·©«»‹›\u00a0")


def _word_hashes(text: str) -> list[int]:
    """The crc32 of every `\\w+` word of the text in lower case, in order.

    The words are split by a byte translation and `bytes.split`, several times faster than the
    pattern: in ASCII `\\w` matches exactly the letters, digits and "_", and each other character
    the text holds is a word character exactly when it is alphanumeric (as `str.isalnum` says;
    checked for every code point in the tests). Those that are not become spaces first, so that
    they separate words as the pattern would; accented letters stay inside their words.
    """
    lower = text.lower()
    data = lower.encode()
    for separator in _WIDE_SEPARATORS:
        if separator in data:
            data = data.replace(separator, b" ")
    if not data.isascii():
        # UTF-8 never encodes one character inside another's bytes, so replacing is exact.
        for char in set(_BEYOND_ASCII.findall(lower)):
            if not char.isalnum():
                data = data.replace(char.encode(), b" ")
    return list(map(zlib.crc32, data.translate(_SPACE_FOR_NON_WORD).split()))


def _majority_bits(packed: array[int]) -> int:
    """The 64-bit value whose every bit is set in more than half of the `packed` hashes.

    Each byte position of the hashes is read as one big integer (a column); ANDed with a mask
    that holds one bit in every byte, its `bit_count` counts the hashes with that bit: 64 big-int
    operations instead of a Python loop per hash.
    """
    data, shingles = packed.tobytes(), len(packed)
    masks = [int.from_bytes(bytes((1 << bit,)) * shingles, "little") for bit in range(8)]
    bits = 0
    for position in range(8):
        column = int.from_bytes(data[position::8], "little")
        for bit, mask in enumerate(masks):
            if 2 * (column & mask).bit_count() > shingles:
                bits |= 1 << (8 * position + bit)
    return bits


def fingerprint(text: str) -> str | None:
    """A 64-bit SimHash of word 3-grams: the same story from two outlets differs in few bits.

    crc32 is stable across processes, unlike `hash`. The work is done by C loops (`map`, and
    big-integer bit counts over the packed hashes) rather than by Python code per shingle: a
    tenth of a millisecond for a long article.
    """
    words = _word_hashes(text)
    firsts, seconds, thirds = words[:-2], words[1:-1], words[2:]
    # Long texts are fingerprinted from a fixed share of their shingles (chosen by hash, so the
    # same part in every copy of a story): as good for texts this long, and cheaper.
    sample = 7 if len(words) > 800 else 3 if len(words) > 300 else 0
    if sample:
        keep = [not first & sample for first in firsts]
        firsts, seconds, thirds = (list(compress(w, keep)) for w in (firsts, seconds, thirds))
    hashes = map(
        xor,
        map(xor, map(mul, firsts, repeat(_MIX[0])), map(mul, seconds, repeat(_MIX[1]))),
        map(mul, thirds, repeat(_MIX[2])),
    )
    packed = array("Q", map(and_, hashes, repeat(_MASK)))
    if sys.byteorder == "big":
        packed.byteswap()  # so that byte k of every hash sits at k, k + 8, k + 16, ...
    bits = _majority_bits(packed)
    return f"{bits:016x}" if len(packed) >= MIN_SHINGLES else None


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
        content_hash=document.content_hash,
        cleaned=cleaned,
        dated=dated,
        candidates=candidates,
        fingerprint=fingerprint(cleaned.text),
    )
