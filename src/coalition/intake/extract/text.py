"""Sentences, found the way news text needs: not at "U.S." or "Gen.", always at a line break."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

ABBREVIATIONS = {
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Gen",
    "Sen",
    "Rep",
    "Lt",
    "Col",
    "Maj",
    "Adm",
    "St",
    "No",
    "Gov",
    "Sgt",
    "Capt",
    "Jan",
    "Feb",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
}
# Candidates only; `is_end` then rules out initials and titles. (Lookbehinds in the pattern itself
# would be tried at every character and make the scan several times slower.)
_CANDIDATE = re.compile(r"[.!?](?=\s+[A-Z“\"])|\n")
_WORD_BEFORE = re.compile(r"(\w+)$")


def is_end(text: str, match: re.Match[str]) -> bool:
    if match.group() == "\n":
        return True
    word = _WORD_BEFORE.search(text, max(0, match.start() - 6), match.start())
    if word is None:
        return True
    before = word.group(1)
    return not ((len(before) == 1 and before.isupper()) or before in ABBREVIATIONS)


class _SentenceEnds:
    """`SENTENCE_END.finditer(text)` and `.search(text)` over the real sentence ends only."""

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return (m for m in _CANDIDATE.finditer(text) if is_end(text, m))

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


SENTENCE_END = _SentenceEnds()


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence, blank stretches left out."""
    return iter(_sentences(text))


@lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    # Several extractors read the same document's sentences: split it once.
    found = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.end() if match.group() != "\n" else match.start()
        if text[start:end].strip():
            found.append((start, end))
        start = match.end()
    if text[start:].strip():
        found.append((start, len(text)))
    return tuple(found)


@lru_cache(maxsize=8)
def folded(text: str) -> str:
    """The text in lower case, one character for one, so that offsets stay valid.

    Patterns whose literals are all lower case run on this copy without IGNORECASE, two to four
    times faster than with it; several extractors read the same copy. (A few characters lower
    to two, such as "İ"; those keep their first.)
    """
    lower = text.lower()
    return lower if len(lower) == len(text) else "".join(c.lower()[0] for c in text)


# The only characters that a case-blind pattern takes for an ASCII letter although they do not
# lower to it: the dotless i matches "i" and the long s matches "s" (tests check every code point).
_CASE_BLIND_ALIASES = ("\u0131", "\u017f")


def reads_as_folded(text: str) -> bool:
    """Whether a pattern with IGNORECASE reads `text` as its lower-case twin without the flag
    reads `folded(text)`: always but for the two characters in `_CASE_BLIND_ALIASES`."""
    return not any(c in text for c in _CASE_BLIND_ALIASES)


def may_contain(text: str, words: tuple[str, ...], lower: str | None = None) -> bool:
    """Whether `text` may hold one of `words` (lower-case ASCII) in any case, as an IGNORECASE
    pattern reads it. A cheap test to skip whole-text scans that cannot match: never a false
    "no", so skipping changes no result. `lower` is the folded `text`, when at hand (for a
    sentence, a slice of the document's)."""
    lower = folded(text) if lower is None else lower
    return any(word in lower for word in words) or any(c in text for c in _CASE_BLIND_ALIASES)


class Cued(NamedTuple):
    """A pattern with the words it cannot match without, for folded text: a text that holds none
    of them is not scanned, and a few substring tests cost a fraction of a scan. The pattern must
    read lower-case literals without IGNORECASE, so that the test is exact."""

    pattern: re.Pattern[str]
    words: tuple[str, ...]

    def search(self, lower: str) -> re.Match[str] | None:
        return self.pattern.search(lower) if any(w in lower for w in self.words) else None


def word_starts(text: str, words: tuple[str, ...]) -> list[int] | None:
    """Where each of `words` (lower-case ASCII) starts in `text`, in any case as an IGNORECASE
    pattern reads it, in order; None for a text with a character that such a pattern takes for a
    letter it does not lower to (see `_CASE_BLIND_ALIASES`), where the positions would not be
    all. Found by substring search, many times faster than a pattern tried at every position."""
    if not reads_as_folded(text):
        return None
    return sorted(occurrences(folded(text), words))


def occurrences(text: str, words: Iterable[str]) -> set[int]:
    """Where each of `words` starts in `text`, exactly as written, overlapping ones included."""
    starts = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            starts.add(at)
            at = text.find(word, at + 1)
    return starts


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int] | None
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that can only match at one of `starts` (in order),
    and matches no empty string: it is tried there alone, not at every position, and like
    `finditer` goes on after each match's end. With no `starts` it scans the text."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            end = match.end()
            yield match


class Sparse(NamedTuple):
    """A pattern for folded text whose every match holds one of `words` (lower-case) and only
    characters that `chars` (a `[...]*` pattern) matches. Such a pattern that starts with no
    literal is tried at every position of a text, most of which is far from any of the words: only
    the stretches of `chars` around the words are scanned instead, with the same matches."""

    pattern: re.Pattern[str]
    words: tuple[str, ...]
    chars: re.Pattern[str]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)`, for a pattern that matches no empty string."""
        backwards = text[::-1]  # to find where a stretch begins with a forward match
        position = 0  # where the scan goes on: after the last match, or past a stretch read
        for at in sorted(occurrences(text, self.words)):
            if at < position:
                continue
            first = at - self._reach(backwards, len(text) - at)
            # One character past the stretch, so that a `\b` at its end reads what follows it.
            last = at + self._reach(text, at) + 1
            while (found := self.pattern.search(text, max(position, first), last)) is not None:
                yield found
                position = found.end()
            position = max(position, last - 1)

    def _reach(self, text: str, at: int) -> int:
        """How many characters of `chars` run on from `at` (none at all is a match too)."""
        found = self.chars.match(text, at)
        assert found is not None
        return found.end() - at
