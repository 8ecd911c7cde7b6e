"""Meetings a report says were held or are planned: when, where, at what level, who came.

Sentences that speak of a meeting are read for a date (resolved against the document's date: "on
Tuesday" is the Tuesday before it, "March 22-23" and "4 June" take its year, "from Monday to
Wednesday" and "a two-day meeting" span days), a place (a city or a known venue; none for a virtual
meeting), a level (defence or foreign ministers, a pledging conference, a small group) and counts
("more than 60 nations ... invited", "15 core members"). Mentions that agree on date and place are
one meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from coalition.intake.document import CandidateFact, Span
from coalition.intake.extract.meeting_dates import (
    DURATION,
    meeting_dates,
    resolve_weekday,
    weekdays,
)
from coalition.intake.extract.numbers import QUALIFIER, qualifier
from coalition.intake.extract.text import Cued, folded, sentences
from coalition.intake.gazetteer import Mention as GazetteerMention
from coalition.reference.loader import read

# "met" is left out where it means a reaction or a result ("met with criticism", "met its target"),
# the two senses news English uses most besides a meeting.
TRIGGER = re.compile(
    r"\b(?:meeting|meetings|conference|videoconference|teleconference|session|gathering|summit|"
    r"ministerial|talks|convened|hosted|hosts|will\s+lead|(?:foreign|defen[cs]e)\s+ministers|"
    # a meeting to come told by its verb: "will meet again in March", "would meet every month"
    # (not "meet the needs", "meet its target")
    r"meet\s+(?:again|every|regularly|monthly|weekly|annually|next)\b|"
    r"(?:will|would|shall)\s+meet\s+(?:in|on|at|later)\b|"
    r"hosting\s+(?:[\w-]+\s+){0,4}?(?:leaders|ministers|officials|delegations|counterparts|"
    r"envoys|talks|meeting|summit|conference)\b|"
    r"met\b(?!\s+with\s+(?:\w+\s+)?(?:criticism|resistance|opposition|scepticism|skepticism|"
    r"protests?|anger|silence|approval|applause)\b|"
    r"\s+(?:the|its|their|all|every)\s+(?:\w+\s+)?(?:goals?|targets?|deadlines?|criteria|"
    r"requirements?|demands?|conditions?|standards?|expectations?)\b|"
    # one leader meeting another ("the two met President Zelensky") is a visit, not a gathering
    r"\s+(?:with\s+)?(?:president|prime\s+minister|king|queen|crown\s+prince|emir|pope|"
    r"chancellor)\b))",
)
# A dateline opens the text ("BRUSSELS —", "ROME (AP)") or, on a scraped page, follows the
# headline ("... grows ROME — Foreign ministers"), where it needs a dash after it.
DATELINE = re.compile(r"\A\s*(?P<city>[A-Z]{3,}(?:\s[A-Z]{3,})?)\s*(?:[:,(—–-]|\(AP\))")
LATE_DATELINE = re.compile(
    r"(?<!\S)(?P<city>[A-Z]{3,}(?:\s[A-Z]{3,})?)(?:,\s+[A-Z][\w.]+)?\s+[—–]\s"
)
# Each pattern read on a sentence comes with the words it cannot match without (see `Cued`): most
# sentences about a meeting hold none of them.
FUTURE = Cued(
    re.compile(
        r"\b(?:will|would|planned|plans|upcoming|later\s+this|next\s+(?:week|month|year)|"
        r"to\s+be\s+held|invited|ahead\s+of|look(?:s|ing)?\s+forward\s+to|(?:is|are)\s+due\s+to)\b",
    ),
    (
        "will",
        "would",
        "plan",
        "upcoming",
        "later",
        "next",
        "held",
        "invited",
        "ahead",
        "look",
        "due",
    ),
)
# A meeting itself spoken of as still to come ("look forward to meeting", "will meet again"), not
# just a sentence with a future in it ("what next month will mean").
PLANNED = Cued(
    re.compile(
        r"\b(?:will|would|(?:plans?|planning|agreed|expected|due|look(?:s|ing)?\s+forward)\s+to)\s+"
        r"(?:meet|meeting|hold|host|gather|convene)\b|"
        r"\bnext\s+(?:meeting|conference|ministerial|session|gathering)\b|\bto\s+be\s+held\b"
    ),
    ("will", "would", "plan", "agreed", "expected", "due", "look", "next", "held"),
)
# A sentence about every meeting the report tells of ("whose government hosted both meetings").
EVERY = Cued(
    re.compile(
        r"\b(?:both|each\s+of\s+the|the\s+two|all\s+(?:the\s+|three\s+)?)\s*"
        r"(?:meetings|conferences|gatherings|sessions)\b"
    ),
    ("meetings", "conferences", "gatherings", "sessions"),
)
# A meeting held by video. Not "virtually all members" (almost all), nor a speaker who "addressed
# the meeting by video link" from elsewhere: the meeting itself may still be in a city.
VIRTUAL = Cued(
    re.compile(
        r"\bvirtual\s+(?:[\w-]+\s+)?(?:meeting|conference|summit|session|ministerial|talks|gathering)|"
        r"\b(?:met|meet|meeting|held|convened|gathered)\s+virtually\b|"
        r"\b(?:video\s*conference|videoconference|teleconference|video\s+call|online\s+meeting)"
    ),
    ("virtual", "video", "teleconference", "online"),
)
LEVELS = [
    (
        "pledging_conference",
        Cued(
            re.compile(
                r"\bpledging\s+(?:conference|meeting|session)|"
                r"\bdonors?[’']?\s+(?:conference|meeting)|"
                r"\b(?:reconstruction|rebuilding)\s+conference|"
                r"\bconference\s+(?:on|for)\s+(?:the\s+)?(?:rebuilding|reconstruction|recovery)\b|"
                r"\bto\s+raise\s+(?:new\s+|more\s+)?(?:money|funds)\b"
            ),
            ("pledging", "donor", "conference", "raise"),
        ),
    ),
    (
        "defence_ministerial",
        Cued(
            re.compile(
                r"\bdefen[cs]e\s+(?:ministers|chiefs|officials)|"
                r"\bdefen[cs]e\s+ministerial",
            ),
            ("defen",),
        ),
    ),
    ("small_group", Cued(re.compile(r"\bsmall\s+group|\bcore\s+members"), ("small", "core"))),
    (
        "ministerial",
        Cued(re.compile(r"\bforeign\s+ministers|\bministerial|\bministers\b"), ("minister",)),
    ),
]
COUNTED = Cued(
    re.compile(
        rf"(?:(?P<qualifier>{QUALIFIER})\s+)?(?P<number>\d+)\s+(?:core\s+)?(?:nations|countries|"
        r"members|delegations|partners)",
    ),
    ("nations", "countries", "members", "delegations", "partners"),
)
# Where a sentence turns from one meeting to another held alongside it ("Ministers met on
# Tuesday, as donors gathered for a conference ...").
CLAUSE = re.compile(r",\s+(?:as|while|whereas)\s")


@cache
def _places_file() -> dict[str, dict[str, str]]:
    text = resources.files("coalition.intake").joinpath("places.yaml").read_text("utf-8")
    return dict(yaml.safe_load(text))


@cache
def places() -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    """Cities (name to country code, every capital among them), venues (name to city), and the
    pattern that finds either, or a capital named by its state's demonym ("the Tunisian
    capital", read by `city_of`)."""
    data = _places_file()
    capitals, venues = data["capitals"], data["venues"]
    cities = {name: code for code, name in capitals.items()} | data["cities"]
    # A venue counts only where something happens "at" or "in" it (not "the White House's view"),
    # and a city not when it names a newspaper ("The Washington Post").
    city_names = "|".join(re.escape(n) for n in sorted(cities, key=len, reverse=True))
    venue_names = "|".join(re.escape(n) for n in sorted(venues, key=len, reverse=True))
    demonyms = "|".join(re.escape(n) for n in sorted(_capitals(), key=len, reverse=True))
    # Every branch opens with a capital, "at", "in" or "the": said first, it lets the engine skip
    # the other positions without trying each of some 250 names there (two and a half times
    # faster on reports).
    pattern = re.compile(
        rf"(?=[A-Zait])(?:\b(?:at|in)\s+(?:the\s+)?(?P<venue>{venue_names})\b|"
        rf"\b(?P<city>{city_names})\b(?!\s+(?:Post|Times|Journal|Examiner))|"
        rf"\bthe\s+(?P<demonym>{demonyms})\s+capital\b)"
    )
    return cities, venues, pattern


@cache
def _capitals() -> dict[str, str]:
    """The capital of each state by the state's demonyms: "Tunisian" gives Tunis."""
    capitals = _places_file()["capitals"]
    return {
        demonym: capitals[entry["code"]]
        for entry in read("countries.yaml")
        if entry["code"] in capitals
        for demonym in entry.get("demonyms", [])
    }


def city_of(place: re.Match[str]) -> str:
    """The city a match of the `places` pattern names (not a venue)."""
    demonym = place.group("demonym")
    return _capitals()[demonym] if demonym else place.group("city")


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
    virtual: bool = False
    planned: bool = False
    of_every: bool = False  # tells of every meeting in the report


# A meeting told of as held, and where what it said or decided begins: "met in Lima on Tuesday,
# and 12 of them signed a declaration saying they would not recognise ...".
MET = re.compile(r"\b(?:met|gathered|convened|assembled)\b")
REPORTED = re.compile(r"\b(?:saying|said|says|stating|declaring|vowing|pledging|agreeing|that)\b")


# A lede that gives what someone said, then the meeting they said it after: "Britain will lead
# ..., Starmer said on Sunday after hosting 18 leaders at Lancaster House".
SAID_AFTER = re.compile(r"\b(?:said|says|told(?:\s+\w+){1,2}?)\s+(?:on\s+\w+\s+)?after\b")


def _of_future(low: str) -> bool:
    """Whether a sentence speaks of a meeting to come. A future that is only in what a meeting
    held said or decided ("... saying they would not recognise"), or only in what was said after
    it ("X will lead ..., she said after hosting ..."), is not the meeting's."""
    if not FUTURE.search(low):
        return False
    said = REPORTED.search(low)
    if said is not None and MET.search(low, 0, said.start()):
        return FUTURE.search(low[: said.start()]) is not None
    after = SAID_AFTER.search(low)
    if after is not None:
        return FUTURE.search(low[after.end() :]) is not None
    return True


def read_sentence(
    text: str,
    start: int,
    end: int,
    on: date | None,
    found: list[re.Match[str]] | None = None,
    lower: str | None = None,
) -> Mention:
    """What one sentence says of a meeting. `found` are the places in it when the caller has
    looked for them already (see `read_parts`); `lower` is `folded(text)`, when at hand."""
    sentence = text[start:end]
    low = (folded(text) if lower is None else lower)[start:end]  # for the case-blind patterns
    future = _of_future(low)
    dates = meeting_dates(sentence, low, on, future)
    _cities, venues, pattern = places()
    city = venue = None
    for place in pattern.finditer(sentence) if found is None else found:
        if place.group("venue"):
            venue, city = place.group("venue"), city or venues[place.group("venue")]
        else:
            city = city or city_of(place)
    level = next((name for name, rule in LEVELS if rule.search(low)), None)
    status = "announced" if future else "held"
    return Mention(
        start,
        end,
        dates,
        city,
        venue,
        level,
        status,
        _counts(low),
        virtual=bool(VIRTUAL.search(low)),
        planned=bool(PLANNED.search(low)),
        of_every=bool(EVERY.search(low)),
    )


def _counts(lower: str) -> dict[str, Any]:
    """ "more than 60 nations ... invited" or "15 core members" (attending)."""
    counted = COUNTED.search(lower)
    if not counted:
        return {}
    kind = "invited" if re.search(r"\binvit", lower) else "attending"
    return {
        f"{kind}_count": int(counted.group("number")),
        f"{kind}_qualifier": qualifier(counted.group("qualifier")),
    }


HOSTING = re.compile(
    r"\b(?P<verb>co-?hosted|hosted|co-?chaired|chaired|convened|presided|"
    r"will\s+(?:lead|host|chair)|held\s+a\s+(?:\w+\s+)?meeting)"
    r"(?P<by>\s+by)?\b",
)
HOSTING_WORDS = ("hosted", "chaired", "convened", "presided", "will", "held")


def hosts_in(
    text: str, start: int, end: int, mentions: list[GazetteerMention], lower: str | None = None
) -> list[dict[str, str]]:
    """Who hosts or chairs: "hosted by Kerry" (after the verb), "Carter convened" (before it)."""
    found: list[dict[str, str]] = []
    low = folded(text) if lower is None else lower
    if not any(low.find(word, start, end) >= 0 for word in HOSTING_WORDS):
        return found  # the usual case: no verb of hosting, so no scan for one
    for verb in HOSTING.finditer(low, start, end):
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
        quoted = text[start:end].lstrip().startswith(("“", '"'))
        if not quoted and TRIGGER.search(lower, start, end):
            parts = read_parts(text, start, end, on, lower)
            for part in parts:
                part.hosts = hosts_in(text, part.start, part.end, names, lower)
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
    undated = [m for m in mentions if m.dates is None and _detailed(m)]
    # A story's only weekday dates the meeting it tells of, but not one it says is to come.
    held = [m for m in undated if not m.planned]
    default_day = _only_weekday(text, on) if not meetings and held else None
    if default_day is not None:
        held[0].dates = (default_day, default_day)
        meetings.append([held[0]])
        undated.remove(held[0])
    homeless: list[Mention] = []
    for mention in undated:  # "the Paris conference", "invited more than 60 nations"
        homes = _homes(meetings, mention, on)
        for home in homes:
            home.append(mention)
        if not homes and mention.planned:
            homeless.append(mention)
    cities = [m.city for m in mentions if m.city] + _dateline(text)
    facts = [_fact(text, group, cities, on) for group in meetings]
    # A meeting to come that the report gives no day for ("will meet again in March", "his
    # country would host the group's next meeting"), when no dated meeting to come is told of
    # that it could be: one, with every such mention.
    homeless += [m for m in mentions if m.dates is None and m.planned and not _detailed(m)]
    if homeless and all(fact.fields["status"] == "held" for fact in facts):
        facts.append(_undated(text, sorted(homeless, key=lambda m: m.start)))
    return facts


def _detailed(mention: Mention) -> bool:
    """Whether a mention says enough of a meeting to tell more of one: where, how many, what
    level, or who hosts."""
    return bool(mention.city or mention.counts or mention.level or mention.hosts)


def _unique_hosts(group: list[Mention]) -> list[dict[str, str]]:
    hosts = [h for m in group for h in m.hosts]
    return [h for i, h in enumerate(hosts) if h not in hosts[:i]]


def _undated(text: str, group: list[Mention]) -> CandidateFact:
    """A meeting announced without a day: its place and level where a mention gives them, never
    the dateline's city (where the report was filed, not where the group will meet next)."""
    fields: dict[str, Any] = {
        "start": None,
        "end": None,
        "city": next((m.city for m in group if m.city and not m.virtual), None),
        "venue": next((m.venue for m in group if m.venue and not m.virtual), None),
        "level": next((m.level for m in group if m.level), "other"),
        "status": "announced",
        "hosts": _unique_hosts(group),
    }
    spans = [Span(m.start, m.end, text[m.start : m.end]) for m in group]
    return CandidateFact("meeting", fields, spans, 0.5)


def _homes(meetings: list[list[Mention]], mention: Mention, on: date | None) -> list[list[Mention]]:
    """The meetings an undated mention tells more of: all for "both meetings", else the first in
    its city, else the only one, else the only one of its level ("the reconstruction
    conference"). A meeting still to come ("look forward to meeting in person") is not one held."""
    fits = [g for g in meetings if not (mention.planned and _group_status(g, on) == "held")]
    same_city = [g for g in fits if mention.city and any(m.city == mention.city for m in g)]
    if mention.of_every:
        return fits
    if same_city or len(meetings) == 1:
        return (same_city or fits)[:1]
    alike = [g for g in fits if _compatible(g, mention)] if mention.level else []
    return alike if len(alike) == 1 else []


def read_parts(
    text: str, start: int, end: int, on: date | None, lower: str | None = None
) -> list[Mention]:
    """One mention per meeting when a sentence tells of two ("... at Joint Base Andrews as ...
    held a parallel meeting at the State Department", "met on Tuesday, as donors gathered ...")."""
    low = folded(text) if lower is None else lower
    _cities, _venues, pattern = places()
    named = list(pattern.finditer(text, start, end))
    cut = _turn(text, low, start, end, named)
    if cut < 0:
        # The places found here are the ones the sentence alone holds when a word boundary
        # precedes it (always, for a sentence): `\b` at `start` then reads the same either way.
        before = text[start - 1 : start]
        whole = not (before.isalnum() or before == "_")
        return [read_sentence(text, start, end, on, named if whole else None, low)]
    first = read_sentence(text, start, cut, on, lower=low)
    second = read_sentence(text, cut, end, on, lower=low)
    # The second meeting is held alongside the first, so on its day, unless it lasts days of its
    # own ("as donors gathered for a three-day conference"): then the day is only one of them.
    if second.dates is None and not DURATION.search(low, cut, end):
        second.dates = first.dates
    return [first, second]


def _turn(text: str, lower: str, start: int, end: int, named: list[re.Match[str]]) -> int:
    """Where a sentence turns from one meeting to another, or -1: at " as " between two venues,
    else at a clause such as ", as", with a word for a meeting on each side."""
    found = [p for p in named if p.group("venue")]
    if len({p.group("venue") for p in found}) >= 2:
        cut = text.find(" as ", found[0].end(), found[1].start())
    else:
        clause = CLAUSE.search(lower, start, end)
        cut = clause.start() if clause else -1
    if cut < 0 or not (TRIGGER.search(lower, start, cut) and TRIGGER.search(lower, cut, end)):
        return -1
    return cut


def _only_weekday(text: str, on: date | None) -> date | None:
    """The day a story is about when it names a single weekday ("said on Wednesday")."""
    days = set(weekdays(text))
    if on is None or len(days) != 1:
        return None
    return resolve_weekday(days.pop(), on, future=False)


def _dateline(text: str) -> list[str | None]:
    """The city a report is filed from, if it is one we know ("KUWAIT CITY —" gives Kuwait City;
    of "NEWS BRIEFS ROME —", the last word)."""
    cities, _venues, _pattern = places()
    for match in (DATELINE.match(text), LATE_DATELINE.search(text, 0, 400)):
        name = match.group("city").title() if match else ""
        for candidate in (name, name.split()[-1] if name else ""):
            if candidate in cities:
                return [candidate]
    return []


def _status(start: date, on: date | None, dated: list[Mention]) -> str:
    """Announced if it lies after the document's date. On that very day the wording decides (a
    media note that "will host" ministers today, a story that they met), as it does when the
    document's date is unknown."""
    if on is not None and start != on:
        return "announced" if start > on else "held"
    if on is not None:
        return "announced" if all(m.planned for m in dated) else "held"
    return "held" if any(m.status == "held" for m in dated) else "announced"


def _group_status(group: list[Mention], on: date | None) -> str:
    first = group[0]
    assert first.dates is not None
    return _status(first.dates[0], on, [m for m in group if m.dates == first.dates] or group)


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
    # The mentions that carry the date decide status and venue; the others only add detail.
    dated = [m for m in group if m.dates == first.dates] or group
    # A meeting held by video has no place, whatever city the report is filed from.
    virtual = any(m.virtual for m in dated)
    city = next((m.city for m in group if m.city), None) or (cities[0] if cities else None)
    fields: dict[str, Any] = {
        "start": first.dates[0].isoformat(),
        "end": first.dates[1].isoformat(),
        "city": None if virtual else city,
        "venue": None if virtual else next((m.venue for m in dated if m.venue), None),
        "level": next((m.level for m in group if m.level), "other"),
        "status": _group_status(group, on),
    }
    for mention in group:
        for name, count in mention.counts.items():
            fields.setdefault(name, count)
    fields["hosts"] = _unique_hosts(group)
    spans = [Span(m.start, m.end, text[m.start : m.end]) for m in group]
    return CandidateFact("meeting", fields, spans, 0.6 + 0.1 * min(len(group), 3))
