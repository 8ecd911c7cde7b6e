"""Public events (events.yaml, and US inaugurations from people.yaml) mentioned in the text.

An event mentioned as past dates the report after it; one mentioned as still to come, before it.
Words near the mention ("last month", "on Thursday": see `relative`) tighten the interval. Events
are found by keyword first, so an entry costs little in a report that never mentions it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from coalition.intake.dating.cues import (
    FUTURE,
    PAST,
    W_EVENT,
    W_EVENT_FAMILY,
    W_TIGHT,
    Cue,
    Piece,
    ordinal_or,
)
from coalition.intake.dating.people import people_index
from coalition.intake.dating.relative import Tighten, relative_phrase
from coalition.intake.dating.text import Doc, Folded
from coalition.intake.dating.trie import trie_pattern


@dataclass(frozen=True)
class _Event:
    key: str
    about: str
    dates: tuple[int, ...]
    future: bool  # whether a mention as still to come dates the report before the event
    lag: int | None  # usual days from the event to a report about it
    pattern: re.Pattern[str]  # the entry's patterns as one alternation
    requires: tuple[re.Pattern[str], ...] = ()
    excludes: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class _Events:
    keywords: re.Pattern[str]
    by_keyword: dict[str, tuple[_Event, ...]]


_INAUGURATION = {
    "key": "us-inauguration",
    "about": "the US presidential inauguration",
    "kind": "transition",
    "future": True,
    "keywords": [
        "inaugurat",
        "Inaugurat",
        "sworn",
        "take office",
        "takes office",
        "taking office",
        "took office",
        "White House",
    ],
    "patterns": [
        r"\binaugurat(?:ion|ed|es|e)\b",
        r"\bsworn in\b",
        r"\b(?:takes?|taking|took) office\b",
        r"\b(?:arrival|arrives?|arriving|entry|enters?|entering|moves? into|moving into)"
        r" (?:in |at |into )?the White House\b",
    ],
    "requires": [r"\b(?:[Pp]resident|Trump|Obama|Biden|White House|administration)\b"],
}


@cache
def _events() -> _Events:
    """events.yaml plus the US inaugurations from people.yaml, indexed by keyword."""
    text = resources.files("coalition.intake").joinpath("events.yaml").read_text("utf-8")
    entries = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    inauguration = {**_INAUGURATION, "dates": list(people_index().inaugurations)}
    by_keyword: dict[str, list[_Event]] = {}
    for entry in [*entries, inauguration]:
        event = _event(entry)
        for keyword in dict.fromkeys(entry["keywords"]):
            by_keyword.setdefault(str(keyword), []).append(event)
    return _Events(
        keywords=re.compile(rf"(?<![\w-])(?:{trie_pattern(by_keyword)})"),
        by_keyword={keyword: tuple(events) for keyword, events in by_keyword.items()},
    )


def _event(entry: dict[str, Any]) -> _Event:
    def compiled(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(_lower_pattern(p) for p in entry.get(key, []))

    dates = entry.get("dates") or [entry["date"]]
    return _Event(
        key=str(entry["key"]),
        about=str(entry["about"]),
        dates=tuple(sorted(ordinal_or(d, PAST) for d in dates)),
        future=bool(entry.get("future", False)),
        lag=entry.get("lag"),
        pattern=_lower_pattern("|".join(f"(?:{p})" for p in entry["patterns"])),
        requires=compiled("requires"),
        excludes=compiled("excludes"),
    )


def _lower_pattern(pattern: str) -> re.Pattern[str]:
    """A pattern for the lower-case copy of a text. Upper-case escapes (\\W, \\S) would change
    meaning when lowered, so they are refused."""
    if re.search(r"\\[A-Z]", pattern):
        raise ValueError(f"events.yaml: use lower-case escapes only: {pattern}")
    return re.compile(pattern.lower())


def event_cues(doc: Doc) -> list[Cue]:
    """Mentions of known events, one plain cue per event and direction, plus tightened ones."""
    events = _events()
    checked: set[tuple[str, int]] = set()
    cues: dict[_MentionKey, Cue] = {}
    for m in events.keywords.finditer(doc.text):
        first, last = doc.sentence(m.start())
        for event in events.by_keyword[m.group()]:
            if (event.key, first) in checked:
                continue
            checked.add((event.key, first))
            hit = _mention(event, doc.lower, first, last, m)
            if hit is not None:
                _add_mention(cues, doc, event, hit)
    return list(cues.values())


def _mention(
    event: _Event, text: str, first: int, last: int, keyword: re.Match[str]
) -> re.Match[str] | None:
    """The event's pattern near the keyword, when the sentence also has what the event requires."""
    hit = event.pattern.search(
        text, max(first, keyword.start() - 200), min(last, keyword.end() + 200)
    )
    if hit is None or any(p.search(text, first, last) is None for p in event.requires):
        return None
    return None if any(p.search(text, first, last) for p in event.excludes) else hit


_RECENT = Folded(r"\b(?:now|just|recent(?:ly)?|newly|latest)\b")


_MentionKey = tuple[str, bool, str]  # event, mentioned as still to come, relative phrase


def _add_mention(cues: dict[_MentionKey, Cue], doc: Doc, event: _Event, hit: re.Match[str]) -> None:
    """A plain cue per event and direction, and one per relative phrase that tightens it.

    "Now", "just" or "recently" near a past event make event + 2 days the likeliest day.
    """
    future = doc.future(hit.start(), hit.end())
    if future and not event.future:
        return
    window = doc.window(hit.start(), hit.end())
    recent = not future and _RECENT.found(window)
    plain = cues.get((event.key, future, ""))
    if plain is None or (recent and all(p.anchor is None for p in plain.pieces)):
        lag = 2 if recent else event.lag
        pieces = tuple(_plain_piece(event, day, future, lag) for day in event.dates)
        weight = W_EVENT if len(event.dates) == 1 else W_EVENT_FAMILY
        reason = f"mentions {{note}} {'as still to come' if future else 'as past'} → {{span}}"
        cues[(event.key, future, "")] = Cue(pieces, weight, reason, "event")
    phrase, tighten = relative_phrase(doc, hit, window, future)
    if tighten is None or (event.key, future, phrase.lower()) in cues:
        return
    pieces = tuple(p for day in event.dates if (p := _tight_piece(event, day, tighten)))
    if pieces:
        reason = f"mentions {{note}} with '{phrase}' → {{span}}"
        cues[(event.key, future, phrase.lower())] = Cue(pieces, W_TIGHT, reason, "event")


def _note(event: _Event, day: int) -> str:
    """Which event a piece stands for; for families, the one the final interval makes likeliest."""
    when = "most likely " if len(event.dates) > 1 else ""
    return f"{event.about} ({when}{date.fromordinal(day)})"


def _plain_piece(event: _Event, day: int, future: bool, lag: int | None) -> Piece:
    note = _note(event, day)
    if future:
        return Piece(PAST, day, note=note)
    return Piece(day, FUTURE, None if lag is None else day + lag, note)


def _tight_piece(event: _Event, day: int, tighten: Tighten) -> Piece | None:
    lo, hi, anchor = tighten(day)
    note = _note(event, day)
    return Piece(lo, hi, anchor, note) if lo <= hi else None
