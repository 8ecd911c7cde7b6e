"""Weekday mentions ("on Thursday", "will meet on Thursday") and how they read to a user.

They cannot narrow the interval, since every week has a Thursday, so they are not cues: the vote
uses them to choose the best day inside the interval the cues leave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coalition.intake.dating.cues import WEEKDAYS
from coalition.intake.dating.text import Doc


@dataclass(frozen=True)
class Weekday:
    day: int  # 0 is Monday
    future: bool
    snippet: str


# The names factored by their common "day", so that the engine can skip ahead between them.
WEEKDAY_NAME = r"((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
_WEEKDAY = re.compile(rf"{WEEKDAY_NAME}(?:'s)?\b")
_NAMED_DAY = re.compile(r"\b(?:Good|Black|Ash|Easter|Super|Palm|Bloody|Cyber) $")  # not a weekday


def weekday_mentions(doc: Doc) -> list[Weekday]:
    found = []
    for m in _WEEKDAY.finditer(doc.text):
        if not doc.starts_word(m.start()) or _NAMED_DAY.search(
            doc.text, max(0, m.start() - 8), m.start()
        ):
            continue
        # Only the words before a weekday set its tense: "said Thursday that ... will" is past.
        future = doc.future(m.start(), m.end(), after=0)
        found.append(Weekday(WEEKDAYS.index(m.group(1)), future, doc.phrase(m.start(), m.end())))
    return found


def reasons_of_weekdays(weekdays: list[Weekday]) -> list[str]:
    reasons, seen = [], set()
    for mention in weekdays:
        if (mention.day, mention.future) in seen:
            continue
        seen.add((mention.day, mention.future))
        name = WEEKDAYS[mention.day]
        what = f"before a {name}" if mention.future else f"on a {name} or within 6 days after"
        reasons.append(f"'{mention.snippet}' → {what}")
    return reasons
