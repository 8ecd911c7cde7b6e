"""The fingerprint's words: split by bytes, they must be the words the `\\w+` pattern finds."""

from __future__ import annotations

import random
import re
import sys
import zlib

from coalition.intake.pipeline import _word_hashes

_WORD = re.compile(r"\w+")


def _by_pattern(text: str) -> list[int]:
    return [zlib.crc32(word.encode()) for word in _WORD.findall(text.lower())]


def test_word_characters_beyond_ascii_are_the_alphanumeric_ones() -> None:
    # `_word_hashes` relies on it for every character that is not ASCII.
    pattern = re.compile(r"\w")
    differ = [
        code
        for code in range(128, sys.maxunicode + 1)
        if (pattern.fullmatch(chr(code)) is not None) != chr(code).isalnum()
    ]
    assert differ == []


def test_words_of_accented_and_mixed_texts_are_the_patterns_words() -> None:
    pieces = [
        "communiqué",
        "Ministère",
        "İstanbul",
        "ﬁnance",
        "Straße",
        "coalition’s",
        "“quoted”",
        "a—b",
        "x\u0301y",
        "٣٤",
        "½",
        "snake_case",
        "\u2003",
        "\u00a0",
        "U.S.",
        "2,000",
        "\n",
        " ",
        "ǅ",
        "€5",
    ]
    chance = random.Random(20261122)
    for _ in range(2000):
        text = "".join(chance.choice(pieces) for _ in range(chance.randint(0, 30)))
        assert _word_hashes(text) == _by_pattern(text), text


def test_plain_ascii_words() -> None:
    text = "The Coalition's 2,000 troops -- and U.S. (snake_case) x-ray!"
    assert _word_hashes(text) == _by_pattern(text)
