"""Meetings a report says were held or are planned: when, where, at what level, who came.

Sentences that speak of a meeting are read for a date (resolved against the document's date: "on
Tuesday" is the Tuesday before it, "March 22-23" takes its year), a place (a city or a known venue),
a level (defence or foreign ministers, a pledging conference, a small group) and counts ("more than
60 nations ... invited", "15 core members"). Mentions that agree on date and place are one meeting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml

from coalition.intake.document import CandidateFact, Span
from coalition.intake.extract.numbers import QUALIFIER, qualifier
from coalition.intake.extract.text import folded, sentences
from coalition.intake.gazetteer import Mention as GazetteerMention

TRIGGER = re.compile(
    r"\b(?:meeting|meetings|conference|session|gathering|summit|ministerial|talks|convened|met|"
    r"hosted|hosts|will\s+lead|(?:foreign|defen[cs]e)\s+ministers)\b",
)
DATELINE = re.compile(r"\A\s*(?P<city>[A-Z]{3,}(?:\s[A-Z]{3,})?)\s*(?:[:,(—–-]|\(AP\))")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# A weekday's name, perhaps with "'s". Written without a leading \b, which would keep the regex
# engine from skipping ahead to "day"; `weekdays` checks the start of the word instead.
WEEKDAY = re.compile(r"((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?:[’']s)?\b")
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTH_DAYS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?"
    r"(?:,?\s+(\d{4}))?\b"
)
FUTURE = re.compile(
    r"\b(?:will|would|planned|plans|upcoming|later\s+this|next\s+(?:week|month)|"
    r"to\s+be\s+held|invited|ahead\s+of)\b",
)
LEVELS = [
    ("pledging_conference", re.compile(r"\bpledging\s+conference|donors?\s+conference")),
    (
        "defence_ministerial",
        re.compile(
            r"\bdefen[cs]e\s+(?:ministers|chiefs|officials)|"
            r"\bdefen[cs]e\s+ministerial",
        ),
    ),
    ("small_group", re.compile(r"\bsmall\s+group|\bcore\s+members")),
    ("ministerial", re.compile(r"\bforeign\s+ministers|\bministerial|\bministers\b")),
]
COUNTED = re.compile(
    rf"(?:(?P<qualifier>{QUALIFIER})\s+)?(?P<number>\d+)\s+(?:core\s+)?(?:nations|countries|members|"
    r"delegations|partners)",
)


@cache
def places() -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    text = resources.files("coalition.intake").joinpath("places.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    cities, venues = data["cities"], data["venues"]
    # A venue counts only where something happens "at" or "in" it (not "the White House's view"),
    # and a city not when it names a newspaper ("The Washington Post").
    city_names = "|".join(re.escape(n) for n in sorted(cities, key=len, reverse=True))
    venue_names = "|".join(re.escape(n) for n in sorted(venues, key=len, reverse=True))
    pattern = re.compile(
        rf"(?:\b(?:at|in)\s+(?:the\s+)?(?P<venue>{venue_names})\b)|"
        rf"\b(?P<city>{city_names})\b(?!\s+(?:Post|Times|Journal|Examiner))"
    )
    return cities, venues, pattern


@dataclass
class Mention:
    start: int
    end: int
    dates: tuple[date, date] | None
    city: str | None
    venue: str | None
    level: str | None
    status: str
    counts: dict[str, Any] = field(default_factory=dict)
    hosts: list[dict[str, str]] = field(default_factory=list)


def weekdays(text: str) -> Iterator[str]:
    """The weekdays a text names, in order ("Monday", not "Mondays" or "XMonday")."""
    for match in WEEKDAY.finditer(text):
        before = text[match.start() - 1 : match.start()]
        if not (before.isalnum() or before == "_"):
            yield match.group(1)


def resolve_weekday(name: str, on: date, future: bool) -> date:
    """The named weekday nearest before the document's date (after it, for planned meetings)."""
    target = WEEKDAYS.index(name.lower())
    if future:
        return on + timedelta(days=(target - on.weekday()) % 7 or 7)
    return on - timedelta(days=(on.weekday() - target) % 7)


def _month_dates(match: re.Match[str], on: date | None) -> tuple[date, date] | None:
    month = next(i for i, m in enumerate(MONTHS, 1) if m.startswith(match.group(1).lower()[:3]))
    year = int(match.group(4)) if match.group(4) else (on.year if on else None)
    if year is None:
        return None
    try:
        first = date(year, month, int(match.group(2)))
        last = date(year, month, int(match.group(3))) if match.group(3) else first
    except ValueError:
        return None
    return first, last


def read_sentence(
    text: str, start: int, end: int, on: date | None, found: list[re.Match[str]] | None = None
) -> Mention:
    """What one sentence says of a meeting. `found` are the places in it when the caller has
    looked for them already (see `read_parts`)."""
    sentence = text[start:end]
    lower = folded(text)[start:end]  # for the case-blind patterns, written in lower case
    future = bool(FUTURE.search(lower))
    dates = None
    month_day = MONTH_DAYS.search(sentence)
    if month_day:
        dates = _month_dates(month_day, on)
    weekday = next(weekdays(sentence), None)
    if dates is None and weekday and on is not None:
        day = resolve_weekday(weekday, on, future)
        dates = (day, day)
    _cities, venues, pattern = places()
    city = venue = None
    for place in pattern.finditer(sentence) if found is None else found:
        if place.group("venue"):
            venue, city = place.group("venue"), city or venues[place.group("venue")]
        else:
            city = city or place.group("city")
    level = next((name for name, rule in LEVELS if rule.search(lower)), None)
    counts: dict[str, Any] = {}
    counted = COUNTED.search(lower)
    if counted:
        kind = "invited" if re.search(r"\binvit", lower) else "attending"
        counts[f"{kind}_count"] = int(counted.group("number"))
        counts[f"{kind}_qualifier"] = qualifier(counted.group("qualifier"))
    status = "announced" if future else "held"
    return Mention(start, end, dates, city, venue, level, status, counts)


HOSTING = re.compile(
    r"\b(?P<verb>co-?hosted|hosted|co-?chaired|chaired|convened|presided|"
    r"will\s+(?:lead|host|chair)|held\s+a\s+(?:\w+\s+)?meeting)"
    r"(?P<by>\s+by)?\b",
)


def hosts_in(
    text: str, start: int, end: int, mentions: list[GazetteerMention]
) -> list[dict[str, str]]:
    """Who hosts or chairs: "hosted by Kerry" (after the verb), "Carter convened" (before it)."""
    found: list[dict[str, str]] = []
    for verb in HOSTING.finditer(folded(text), start, end):
        role = (
            "chair"
            if "chair" in verb.group("verb").lower() or "presid" in verb.group("verb").lower()
            else "host"
        )
        if verb.group("by"):
            near = [m for m in mentions if verb.end() <= m.start < min(end, verb.end() + 60)]
            chosen = near[:1]
        else:
            near = [m for m in mentions if max(start, verb.start() - 80) <= m.start < verb.start()]
            chosen = near[-1:]
        found.extend(
            {"actor": m.entry.key, "role": role}
            for m in chosen
            if m.entry.kind in ("person", "country", "organisation")
        )
    return found


def find_meetings(
    text: str, on: date | None, actors: list[GazetteerMention] | None = None
) -> list[CandidateFact]:
    names = actors or []
    mentions: list[Mention] = []
    lower = folded(text)
    for start, end in sentences(text):
        if TRIGGER.search(lower[start:end]) and not text[start:end].lstrip().startswith(("“", '"')):
            parts = read_parts(text, start, end, on)
            for part in parts:
                part.hosts = hosts_in(text, part.start, part.end, names)
            mentions.extend(parts)
    meetings: list[list[Mention]] = []
    for mention in (m for m in mentions if m.dates is not None and (m.city or m.level or m.counts)):
        group = next(
            (g for g in meetings if g[0].dates == mention.dates and _compatible(g, mention)), None
        )
        if group is None:
            meetings.append([mention])
        else:
            group.append(mention)
    undated = [
        m for m in mentions if m.dates is None and (m.city or m.counts or m.level or m.hosts)
    ]
    default_day = _only_weekday(text, on)
    if not meetings and undated and default_day is not None:
        undated[0].dates = (default_day, default_day)
        meetings.append([undated.pop(0)])
    for mention in undated:  # "the Paris conference", "invited more than 60 nations"
        same_city = [g for g in meetings if mention.city and any(m.city == mention.city for m in g)]
        target = same_city or (meetings if len(meetings) == 1 else [])
        if target:
            target[0].append(mention)
    cities = [m.city for m in mentions if m.city] + _dateline(text)
    return [_fact(text, group, cities, on) for group in meetings]


def read_parts(text: str, start: int, end: int, on: date | None) -> list[Mention]:
    """One mention per place when a sentence tells of two meetings ("... at Joint Base Andrews
    as ... held a parallel meeting at the State Department")."""
    _cities, _venues, pattern = places()
    named = list(pattern.finditer(text, start, end))
    found = [p for p in named if p.group("venue")]
    cut = text.find(" as ", found[0].end(), found[1].start()) if len(found) > 1 else -1
    if len({p.group("venue") for p in found}) < 2 or not (
        TRIGGER.search(folded(text), start, cut) and TRIGGER.search(folded(text), cut, end)
    ):
        # The places found here are the ones the sentence alone holds when a word boundary
        # precedes it (always, for a sentence): `\b` at `start` then reads the same either way.
        before = text[start - 1 : start]
        whole = not (before.isalnum() or before == "_")
        return [read_sentence(text, start, end, on, named if whole else None)]
    cut = cut if cut > 0 else (found[0].end() + found[1].start()) // 2
    first = read_sentence(text, start, cut, on)
    second = read_sentence(text, cut, end, on)
    second.dates = second.dates or first.dates
    return [first, second]


def _only_weekday(text: str, on: date | None) -> date | None:
    """The day a story is about when it names a single weekday ("said on Wednesday")."""
    days = set(weekdays(text))
    if on is None or len(days) != 1:
        return None
    return resolve_weekday(days.pop(), on, future=False)


def _dateline(text: str) -> list[str | None]:
    match = DATELINE.match(text)
    if not match:
        return []
    cities, _venues, _pattern = places()
    name = match.group("city").title()
    return [name] if name in cities else []


def _status(start: date, on: date | None, dated: list[Mention]) -> str:
    """Announced if it lies after the document's date; the wording decides when that is unknown."""
    if on is not None:
        return "announced" if start > on else "held"
    return "held" if any(m.status == "held" for m in dated) else "announced"


def _compatible(group: list[Mention], mention: Mention) -> bool:
    levels = {m.level for m in group if m.level}
    venues = {m.venue for m in group if m.venue}
    return (mention.level is None or not levels or mention.level in levels) and (
        mention.venue is None or not venues or mention.venue in venues
    )


def _fact(
    text: str, group: list[Mention], cities: list[str | None], on: date | None
) -> CandidateFact:
    first = group[0]
    assert first.dates is not None
    city = next((m.city for m in group if m.city), None) or (cities[0] if cities else None)
    # The mentions that carry the date decide status and venue; the others only add detail.
    dated = [m for m in group if m.dates == first.dates] or group
    fields: dict[str, Any] = {
        "start": first.dates[0].isoformat(),
        "end": first.dates[1].isoformat(),
        "city": city,
        "venue": next((m.venue for m in dated if m.venue), None),
        "level": next((m.level for m in group if m.level), "other"),
        "status": _status(first.dates[0], on, dated),
    }
    for mention in group:
        for name, count in mention.counts.items():
            fields.setdefault(name, count)
    hosts = [h for m in group for h in m.hosts]
    fields["hosts"] = [h for i, h in enumerate(hosts) if h not in hosts[:i]]
    spans = [Span(m.start, m.end, text[m.start : m.end]) for m in group]
    return CandidateFact("meeting", fields, spans, 0.6 + 0.1 * min(len(group), 3))
