"""Numbers as reports write them: "79", "4,100", "2.1 billion", "a third", "1.5 million"."""

from __future__ import annotations

import re
from decimal import Decimal

from coalition.intake.extract.text import occurrences
from coalition.vocabulary import Qualifier

WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "dozen": 12,
    "a dozen": 12,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
}
SCALES = {
    "thousand": Decimal(10**3),
    "million": Decimal(10**6),
    "billion": Decimal(10**9),
    "trillion": Decimal(10**12),
    "bn": Decimal(10**9),
    "m": Decimal(10**6),
}
QUALIFIERS: dict[str, Qualifier] = {
    "more than": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    "upwards of": Qualifier.MORE_THAN,
    "in excess of": Qualifier.MORE_THAN,
    "at least": Qualifier.AT_LEAST,
    "no fewer than": Qualifier.AT_LEAST,
    "about": Qualifier.ABOUT,
    "around": Qualifier.ABOUT,
    "roughly": Qualifier.ABOUT,
    "some": Qualifier.ABOUT,
    "nearly": Qualifier.ABOUT,
    "almost": Qualifier.ABOUT,
    "close to": Qualifier.ABOUT,
    "approximately": Qualifier.ABOUT,
    "an estimated": Qualifier.ABOUT,
    "fewer than": Qualifier.FEWER_THAN,
    "less than": Qualifier.FEWER_THAN,
    "under": Qualifier.FEWER_THAN,
    "as many as": Qualifier.AT_MOST,
    "up to": Qualifier.AT_MOST,
    "at most": Qualifier.AT_MOST,
}
# Every pattern opens with \b so that the scan skips most positions at once.
QUALIFIER = (
    r"\b(?:" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True)) + ")"
)
NUMBER = (
    r"\b(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(sorted(WORDS, key=len, reverse=True))
    + r")(?:\s*(?P<scale>thousand|million|billion|trillion|bn\b))?"
)


def value(number: str, scale: str | None) -> Decimal:
    text = number.lower().replace(",", "")
    base = Decimal(WORDS[text]) if text in WORDS else Decimal(text)
    return base * SCALES[scale.lower()] if scale else base


def qualifier(text: str | None) -> Qualifier | None:
    return QUALIFIERS.get(text.lower()) if text else None


_DIGITS = re.compile(r"\d+")


def number_starts(lower: str) -> list[int]:
    """Where a `NUMBER` may start in folded text, in order: at the first of a run of digits or at
    a number's word. (A pattern that opens on one is tried there alone; see `matches_at`.)"""
    starts = {match.start() for match in _DIGITS.finditer(lower)}
    return sorted(starts | occurrences(lower, WORDS))
