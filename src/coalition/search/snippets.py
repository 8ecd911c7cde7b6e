"""Snippets written in Python, for SQLite: a short passage of an entry around the words searched.

FTS5 writes snippets only inside a full-text query, so asking it for them means ranking the
matches joined to their entries, which reads the row of every match (35,000 for a common word)
when a page shows twenty. Instead the page is ranked in the full-text index alone and its twenty
snippets are written here, from the bodies read for the page.

Words are found the way FTS5's default tokenizer (unicode61) finds them: runs of letters and
digits, compared without case or accents; the last word searched may be the start of a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

OPEN, CLOSE = "\ue000", "\ue001"
ELLIPSIS = "…"
WIDTH = 200  # characters of passage shown, about the 24 tokens FTS5 was asked for
LEAD = 40  # characters of context kept before the first word found
MAX_SEEN = 400  # matches looked at when choosing the passage; a long source has thousands


def fold(text: str) -> str:
    """`text` without case or accents, character for character (same length), so that positions
    found in the folded text are positions in `text`."""
    if text.isascii():
        return text.lower()
    table = {ord(c): _folded_char(c) for c in set(text) if not c.isascii()}
    return text.translate(ASCII_LOWER).translate(table)


ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=4096)
def _folded_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    base = base.lower()
    return base if len(base) == 1 else char


def fold_word(word: str) -> str:
    """A searched word as the index compares it: lower case, accents removed."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_pattern(found: list[str]) -> re.Pattern[str]:
    """Every searched word as a whole word; the last also as the start of one."""
    folded = [re.escape(fold_word(w)) for w in found]
    whole = "|".join(folded[:-1])
    last = folded[-1] + r"[^\W_]*"
    alternatives = f"{whole}|{last}" if whole else last
    # Letters and digits make words; "_" does not (\w alone would count it).
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def snippet(title: str, body: str, pattern: re.Pattern[str]) -> str:
    """A passage of `body` where most of the searched words occur, with each marked between
    OPEN and CLOSE; the title's words marked when only the title holds them; the body's start
    when neither does (a word found through an alias of an actor, say)."""
    for text in (body, title):
        matches = _matches(text, pattern)
        if matches:
            return _passage(text, matches)
    return _cut(body, 0, WIDTH, [])


def _matches(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    found = []
    for match in pattern.finditer(fold(text)):
        found.append((match.start(), match.end(), match.group()))
        if len(found) == MAX_SEEN:
            break
    return found


def _passage(text: str, matches: list[tuple[int, int, str]]) -> str:
    """The window of WIDTH characters, starting a little before a match, that holds the most
    distinct words found; the earliest such window."""
    best, best_count = 0, 0
    inside: Counter[str] = Counter()  # words of matches[i:j], those within reach of matches[i]
    j = 0
    for i, (start, _, word) in enumerate(matches):
        while j < len(matches) and (j <= i or matches[j][1] <= start + WIDTH - LEAD):
            inside[matches[j][2]] += 1
            j += 1
        if len(inside) > best_count:
            best, best_count = i, len(inside)
        inside[word] -= 1
        if not inside[word]:
            del inside[word]
    anchor = matches[best][0]
    start = 0 if anchor <= LEAD else _word_start(text, anchor - LEAD)
    return _cut(text, start, start + WIDTH, matches)


def _word_start(text: str, at: int) -> int:
    """`at`, moved forward past the rest of a word it falls inside."""
    space = text.find(" ", at)
    return at if space == -1 or space - at > 20 else space + 1


def _cut(text: str, start: int, end: int, matches: list[tuple[int, int, str]]) -> str:
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    parts = [ELLIPSIS] if start > 0 else []
    at = start
    for m_start, m_end, _ in matches:
        if m_start < start or m_end > end:
            continue
        parts += [text[at:m_start], OPEN, text[m_start:m_end], CLOSE]
        at = m_end
    parts.append(text[at:end])
    if end < len(text):
        parts.append(ELLIPSIS)
    return " ".join("".join(parts).split())
