"""The text a report is dated from: normalised once, cut into sentences, and asked about tense.

Every cue finder looks at windows around a match (its sentence, its clause, a short quotation)
and asks whether a clause speaks of the past or of the future; `Doc` answers those questions so
that all finders share one idea of a sentence and of tense.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_QUOTES = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00a0", " "))


class Folded:
    """A case-insensitive pattern written in lower case. With IGNORECASE the engine folds every
    character it tries, which makes a search several times slower; on ASCII text, matching the
    lower-case pattern against the lowered text finds the same thing, so that is done instead."""

    def __init__(self, source: str) -> None:
        if source != source.lower():  # "\W" or "\S" would change meaning on lowered text
            raise ValueError(f"write case-insensitive patterns in lower case: {source}")
        self._any_case = re.compile(source, re.IGNORECASE)
        self._lower = re.compile(source)

    def found(self, text: str, pos: int = 0) -> bool:
        """Whether the pattern occurs in `text` from `pos` on (`\\b` sees the character before)."""
        if text.isascii():  # constant time: CPython flags ASCII strings
            return self._lower.search(text.lower(), pos) is not None
        return self._any_case.search(text, pos) is not None


# A sentence ends at a line break, or at a full stop, "!" or "?" (and closing quotes or brackets)
# followed by space and a capital or digit. Both branches start with one of the same few
# characters, said once in front so that the engine can skip to them.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|(?<=\n)\s*)")
# A full stop after these does not end a sentence: "U.S. Defense Secretary", "Gen. Votel". Titles
# and initials are one alternation, so that a word costs one match.
_ABBREVIATION = re.compile(
    r"Gen|Lt|Col|Maj|Adm|Sgt|Capt|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|Prof|Rev|No|Jan|Feb|Aug|Sept?"
    r"|Oct|Nov|Dec|Inc|Corp|Co|vs"
    r"|[A-Z](?:\.[A-Z]){0,3}"
)
_FUTURE_WORDS = Folded(
    r"\b(?:will|won't|shall|would|could|might|must|should|plans (?:to|for)|plan to|planned"
    r"|planning to|scheduled"
    r"|set to|due to|expected|expects|ahead of|upcoming|forthcoming|next|coming|to be held"
    r"|prepar(?:e|es|ed|ing)|in sight|once|aims? to|intends? to|if|later this"
    r"|to (?:liberate|retake|recapture|free|reclaim|take back))\b"
)


# Words that settle a clause as past whatever else it says: "agreed at last week's summit would".
_PAST_WORDS = Folded(
    r"\b(?:last (?:week|month|year|night)|yesterday|ago|earlier this (?:week|month|year))\b"
)


class Doc:
    """The normalised text and where its sentences end, for windows around a match."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Lower-case patterns on a lower-case copy run about three times faster than IGNORECASE.
        lower = text.lower()
        self.lower = lower if len(lower) == len(text) else "".join(c.lower()[0] for c in text)
        self.ends = [
            m.end()
            for m in _SENTENCE_END.finditer(text)
            if not (text[m.start()] == "." and _abbreviation(text, m.start()))
        ]

    def starts_word(self, pos: int) -> bool:
        """Whether a match at `pos` starts a word. Checked here rather than with a look-behind in
        the pattern, so that the engine can skip ahead to possible first characters."""
        return pos == 0 or not (self.text[pos - 1].isalnum() or self.text[pos - 1] in "-_")

    def sentence(self, pos: int) -> tuple[int, int]:
        index = bisect_right(self.ends, pos)
        start = self.ends[index - 1] if index else 0
        end = self.ends[index] if index < len(self.ends) else len(self.text)
        return start, end

    def window(self, start: int, end: int, before: int = 60, after: int = 40) -> str:
        """The text around a match, within its sentence."""
        first, last = self.sentence(start)
        return self.text[max(first, start - before) : min(last, end + after)]

    def clause(self, start: int, end: int, after: int = 40) -> str:
        """The clause a match sits in: cut at commas, colons, semicolons, brackets and dashes."""
        first, last = self.sentence(start)
        left = self.text[max(first, start - 60) : start]
        left = left[max(left.rfind(c) for c in ",;:(—–") + 1 :]
        right = self.text[end : min(last, end + after)]
        cuts = [i for c in ",;:)—–" if (i := right.find(c)) >= 0]
        return left + " " + (right[: min(cuts)] if cuts else right)

    def future(self, start: int, end: int, after: int = 40) -> bool:
        """Whether the clause around a match speaks of something still to come."""
        clause = self.clause(start, end, after)
        return _FUTURE_WORDS.found(clause) and not _PAST_WORDS.found(clause)

    def phrase(self, start: int, end: int, before: int = 30) -> str:
        """A short quotation ending at `end`, starting on a word boundary within the sentence."""
        first, _ = self.sentence(start)
        begin = max(first, start - before)
        if begin > first and self.text[begin - 1].isalnum():
            space = self.text.find(" ", begin, start)
            begin = space + 1 if space >= 0 else start
        return snippet_of(self.text[begin:end])


def _abbreviation(text: str, dot: int) -> bool:
    words = text[max(0, dot - 8) : dot].rsplit(None, 1)
    word = words[-1].lstrip("(\"'") if words else ""
    return _ABBREVIATION.fullmatch(word) is not None


def normalise(text: str) -> str:
    """Straight quotes and plain spaces, one character for one, so offsets stay valid."""
    for fancy, plain in _QUOTES:
        text = text.replace(fancy, plain)
    return text


def snippet_of(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
