"""Sizes of the coalition, money raised, pledged or aimed for, and figures about the world."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from coalition.intake.document import CandidateFact, Span
from coalition.intake.extract.numbers import (
    NUMBER,
    QUALIFIER,
    WORDS,
    number_starts,
    qualifier,
    value,
)
from coalition.intake.extract.text import (
    folded,
    matches_at,
    occurrences,
    sentences,
    word_starts,
)
from coalition.storage.base import format_decimal

MEMBERS_NOUN = r"(?:countries|nations|states|partners|members|governments)"
_WHAT = rf"(?P<what>{MEMBERS_NOUN}(?:\s+and\s+international\s+organi[sz]ations)?)"
_NUMBER_WORD = "|".join(sorted(WORDS, key=len, reverse=True))


class SizeRule(NamedTuple):
    """One way reports give the coalition's size, with what makes it cheap to look for."""

    pattern: re.Pattern[str]
    # Words the pattern cannot match without, in lower case: a document without any of them is
    # not scanned (most have no "-member" or "membership").
    words: tuple[str, ...]
    # Whether it needs a number followed by what it counts ("68 countries"): one quick scan for
    # those (it starts at a digit) rules out the pattern in reports that count no members.
    counts: bool
    # Where its matches open, so that it is tried there alone (see `matches_at`): on one of its
    # words, on a number that counts members, on any number in digits or words ("Seven
    # countries"), or anywhere ("").
    opens: str


def _size(pattern: str, words: tuple[str, ...], counts: bool, opens: str) -> SizeRule:
    return SizeRule(re.compile(pattern, re.IGNORECASE), words, counts, opens)


SIZE_RULES = [
    # "the 79-member, US-led coalition", "the 68-nation coalition"
    _size(
        r"\b(?:the\s+)?(?P<number>\d+)-(?:member|nation|country|partner)\b(?P<what>)"
        r"(?=[^.]{0,40}\bcoalition)",
        ("-member", "-nation", "-country", "-partner"),
        False,
        "",
    ),
    # "the group of 68 countries and international organizations", "a coalition of 34 mostly
    # Muslim countries" (up to two words say what kind of countries; `what` is the noun, so the
    # quick test for a counted number would miss some of its matches)
    _size(
        rf"\b(?:group|coalition|alliance|partnership)\s+of\s+(?:(?P<qualifier>{QUALIFIER})\s+)?"
        rf"(?P<number>\d+)\s+(?:[\w-]+\s+){{0,2}}?{_WHAT}",
        ("group", "coalition", "alliance", "partnership"),
        False,
        "word",
    ),
    # "the 25 countries in the coalition", "68 countries and organizations that make up"
    _size(
        rf"\b(?P<number>\d+)\s+{_WHAT}\s+"
        r"(?:in|of|that\s+make\s+up|making\s+up|that\s+form)\s+the\s+(?:[\w-]+\s+){0,3}"
        r"coalition",
        ("coalition",),
        True,
        "count",
    ),
    # "the coalition's more than 70 members", "the full coalition has more than 60 members",
    # "the coalition, which now counts more than 60 countries"
    _size(
        rf"\b(?:coalition|alliance)(?:['’]s|,?\s+(?:which\s+|that\s+)?(?:now\s+)?(?:has|had|"
        rf"numbers|counts|includes|comprises|of))\s+(?:(?P<qualifier>{QUALIFIER})\s+)?"
        rf"(?P<number>\d+)\s+{_WHAT}",
        ("coalition", "alliance"),
        True,
        "word",
    ),
    # "its full membership of 79 countries ...", "bringing its membership to 86"
    _size(
        rf"\bmembership\s+(?:of|to|at|stands\s+at|reached|rose\s+to|grew\s+to)\s+"
        rf"(?:(?P<qualifier>{QUALIFIER})\s+)?(?P<number>\d+)\b(?:\s+{_WHAT})?",
        ("membership",),
        False,
        "word",
    ),
    # "Seven countries have signed up so far", "12 nations have joined"
    _size(
        rf"\b(?P<number>\d+|{_NUMBER_WORD})\s+{_WHAT}\s+(?:have|had)\s+(?:now\s+|so\s+far\s+|"
        r"already\s+)?(?:joined|signed\s+up|signed\s+on)\b",
        ("joined", "signed"),
        False,
        "number",
    ),
    # "as officials dubbed the 12 signatories"
    _size(r"\bthe\s+(?P<number>\d+)\s+(?P<what>signatories)\b", ("signatories",), False, ""),
    # "With the United States, that makes 10 countries so far", "bringing the total to 86
    # nations" ("bring" is also where "bringing" starts)
    _size(
        r"(?:(?:(?<=that\s)|(?<=which\s)|(?<=this\s)|(?<=it\s))(?:makes|made)\b|\b(?:brings?|"
        r"brought|bringing)\s+(?:the\s+(?:total|number|tally)\s+)?to)\s+"
        rf"(?:(?P<qualifier>{QUALIFIER})\s+)?(?P<number>\d+)\s+{_WHAT}",
        ("makes", "made", "bring", "brought"),
        True,
        "word",
    ),
]
COUNTED_MEMBERS = re.compile(rf"\d\s+{MEMBERS_NOUN}", re.IGNORECASE)

CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
MONEY = re.compile(
    rf"(?P<sign>US\$|\$|€|£|¥)\s?{NUMBER}"
    r"|\b(?P<number2>\d+(?:\.\d+)?)\s*(?P<scale2>million|billion)\s+"
    r"(?P<code>dollars|euros|pounds|USD|EUR|GBP)",
    re.IGNORECASE,
)
QUALIFIED = re.compile(rf"(?P<qualifier>{QUALIFIER})\s+$", re.IGNORECASE)


def qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    """The qualifier written just before a number ("more than $2.1 billion") and where it starts."""
    found = QUALIFIED.search(text, max(0, start - 24), start)
    return (found.group("qualifier"), found.start()) if found else (None, start)


TARGET_WORDS = re.compile(
    r"\b(?:aims?|aiming|hopes?|seeks?|goal|target|appeal|appealed|costs?|estimated|needs?|needed|"
    r"requires?|required|requested)\b[^.]{0,40}$|"
    r"\b(?:to\s+raise)\b[^.]{0,15}$|\basked\b[^.]{0,30}\bfor\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# After the amount: "on top of the $861 million sought under this year's plan", "short of the
# $10 billion the United Nations had asked for".
# Whoever asked is named ("the United Nations", "UNHCR", "the agencies"): words of another kind
# ("to people who needed it", "in aid. Officials asked for") belong to a clause of their own.
_ASKER = (
    r"(?:the|its|their)(?:\s+(?!who\b|that\b|which\b|to\b|for\b|in\b)[\w'’-]+){1,3}?"
    r"|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"
)
TARGET_AFTER = re.compile(
    rf"(?:\s+(?:that|which))?(?:\s+(?:{_ASKER}))?\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:sought|requested|needed|required|appealed\s+for|asked\s+for|called\s+for)\b"
)
# Pledges by many, or their sum, are what a conference raised: "donors meeting in Washington
# pledged $2.1 billion", "the pledges included $590 million for aid".
RAISED_BY_MANY = re.compile(
    r"\b(?:donors|lenders|countries|(?<!united\s)nations|participants|delegations|governments|"
    r"pledges|"
    r"contributions)\b[^.]{0,60}?\b(?:pledged|promised|committed|announced|included|totall?ed|"
    r"amounted\s+to|came\s+to|reached)\b[^.]{0,40}$"
    # what a conference closed or ended with: "the conference closed with pledges of $4.4 billion"
    r"|\b(?:conference|meeting|summit|appeal)\b[^.]{0,80}?\bwith\s+(?:pledges|commitments)\s+"
    r"(?:of|totall?ing|worth)\s+$",
    re.IGNORECASE,
)
# Between two amounts of one list ("$590 million for aid, more than $350 million for ..."):
# the second is of the same kind as the first.
SAME_LIST = re.compile(r"[^.;:]{0,80}")
RAISED_WORDS = re.compile(
    r"\b(?:raised|mobili[sz]ed|collected|secured|drew|attracted|garnered|yielded)\b[^.]{0,40}$",
    re.IGNORECASE,
)
PLEDGE_WORDS = re.compile(
    r"\b(?:pledged?|pledges|promised|commit(?:s|ted|ting)?|contribut\w+|donat\w+|announced|"
    r"offer(?:s|ed|ing)?|provid(?:e|es|ed|ing)|give|gives|gave|giving|allocat\w+|earmark\w+)\b"
    r"[^.]{0,40}$",
    re.IGNORECASE,
)

FIGURE_UNITS: list[tuple[str, str, str]] = [
    # (category, unit, pattern after the number), in lower case: `FIGURE` reads the folded text
    ("airstrikes", "airstrikes", r"(?:coalition\s+|u\.s\.-led\s+)?air\s?strikes"),
    (
        # Soldiers killed are casualties, not a deployment: "71 Nigerien soldiers were killed".
        "casualties",
        "soldiers",
        r"(?:[a-z.]+\s+)?(?:soldiers|troops|service\s*members|servicemen|policemen|police)"
        r"(?=\s+(?:were\s+|had\s+been\s+|have\s+been\s+)?(?:killed|died|dead)\b)",
    ),
    (
        "troops",
        "troops",
        # "220 more French soldiers": more of them, and whose, in one word each (a demonym's
        # usual endings, so that "200 trained soldiers" is not read as a nationality).
        r"(?:(?:more|additional|extra|new|fresh)\s+)?"
        r"(?:u\.s\.|us|coalition|foreign|[a-z]+(?:an|ese|ish|i|ch|en))?\s*"
        r"(?:troops|soldiers|service\s*members|personnel|advisers|forces)",
    ),
    ("fighters", "fighters", r"(?:new\s+|foreign\s+|isis\s+|is\s+)?(?:fighters|militants|jihadis)"),
    ("territory_share", "percent", r"(?:per\s?cent|percent|%)\s+of\s+(?:the\s+|its\s+)?territory"),
    ("territory_area", "km2", r"square\s+(?:kilometers|kilometres|km)"),
    ("territory_area", "mi2", r"square\s+miles"),
    (
        "people_affected",
        "people",
        # People and what happened to them, in the same clause: "2 million Iraqis remain
        # displaced", "50,000 people live in the camp", "people, most of them children, are
        # crowded into", "people in Iraq and Syria no longer live under its rule".
        r"(?:people|civilians|residents|iraqis|syrians)(?=[^.;:]{0,60}?\b(?:affected|displaced|"
        r"impacted|flee|fled|fleeing|in need|need|driven from|from their homes|uprooted|homeless|"
        r"camps?|crowded|"
        r"sheltering|trapped|besieged|(?:no longer )?(?:live|lived|living) under)\b)",
    ),
    ("displaced", "people", r"(?:displaced\s+(?:people|persons|iraqis|syrians)|refugees)"),
    (
        # Crews and hostages, counted only where the sentence says they are held (see
        # `find_figures`): "took 815 crew members hostage", "holding the tanker and its 23 crew".
        "people_affected",
        "people",
        r"(?:crew(?:\s*members)?|seafarers|sailors|mariners|hostages)\b",
    ),
    (
        # "2,100 Palestinians were killed", "48 people had been killed": people, or a people by
        # its demonym's plural, with a verb of dying right after.
        "casualties",
        "people",
        r"(?:people|civilians|dead|[a-z]+(?:ians|ans|is|ese))(?=\s+(?:were\s+|had\s+been\s+|"
        r"have\s+been\s+|are\s+)?(?:killed|dead|died|wounded|injured)\b)|dead\b",
    ),
]
# Other things reports count, in a category of their own: "111 attacks on ships", "100 drone and
# ballistic missile attacks" (up to three words say what kind, none of them a word that would
# end the count: "3 years of attacks" counts years), "10 merchant vessels", "14 drones", "20
# percent of the oil". They come last, so that a count the rules above read stays theirs.
_ENDS_COUNT = r"(?:of|in|on|at|by|for|from|to|the|a|an|were|was|had|have|has)\b"
_KIND = rf"(?:(?!{_ENDS_COUNT})[a-z-]+\s+(?:(?:and|or)\s+)?)"
FIGURE_UNITS += [
    ("other", "attacks", rf"{_KIND}{{0,3}}?attacks\b"),
    ("other", "vessels", rf"{_KIND}?(?:vessels|ships|warships|tankers|boats)\b"),
    ("other", "drones", rf"{_KIND}?drones\b"),
    ("other", "percent", r"(?:per\s?cent|percent)\s+of\s+(?:the\s+|its\s+|their\s+)?[a-z-]+"),
]
# Indexes of the units that count people only while they are held.
HELD_ONLY = frozenset(
    i for i, (_c, _u, pattern) in enumerate(FIGURE_UNITS) if "hostages" in pattern
)
HELD = re.compile(
    r"\b(?:hostages?|held|hold(?:s|ing)?|seiz\w+|hijack\w*|kidnap\w*|captiv\w+|abduct\w*)\b"
)
FIGURE = re.compile(
    rf"{NUMBER}\s+(?:"
    + "|".join(f"(?P<u{i}>{pattern})" for i, (_c, _u, pattern) in enumerate(FIGURE_UNITS))
    + ")",
)
KILLED = re.compile(
    rf"\bkill(?:ed|ing)\s+(?:(?P<qualifier>{QUALIFIER})\s+)?{NUMBER}\s+people", re.IGNORECASE
)
# A verb of killing just before a number: its people are casualties, whatever follows.
KILLING_BEFORE = re.compile(rf"\bkill\w*\s+(?:{QUALIFIER}\s+)?$")
# "put the number of Iraqis driven from their homes at about two million"
COUNTED_AFFECTED = re.compile(
    r"\b(?:number|total)\s+of\s+(?:people|civilians|residents|Iraqis|Syrians)\s+"
    r"(?:who\s+(?:have\s+been|had\s+been|were|are)\s+)?(?:driven|displaced|forced|uprooted|"
    rf"affected|made\s+homeless)\b[^.]{{0,60}}?\bat\s+(?:(?P<qualifier>{QUALIFIER})\s+)?{NUMBER}",
    re.IGNORECASE,
)
AFFECTED = re.compile(
    rf"\b(?:affect|impact|displace|uproot)\w*\s+(?:(?P<qualifier>{QUALIFIER})\s+)?"
    rf"{NUMBER}\s+(?:people|civilians|residents|Iraqis|Syrians)",
    re.IGNORECASE,
)
# "put the death toll since March at more than 6,000 people", "the toll rose to 120"
DEATH_TOLL = re.compile(
    r"\btoll\b[^.]{0,60}?\b(?:at|to|of|reached|hit|passed|topped)\s+"
    rf"(?:(?P<qualifier>{QUALIFIER})\s+)?{NUMBER}",
    re.IGNORECASE,
)
# A number that is itself the people: "about 6.7 million are displaced inside the country".
DISPLACED_COUNT = re.compile(
    rf"{NUMBER}\s+(?:are|were|remain|remained|have\s+been|had\s+been)\s+(?:now\s+|still\s+)?"
    r"(?:internally\s+)?(?:displaced|homeless|uprooted)\b",
    re.IGNORECASE,
)

# The words each of these patterns cannot match without.
KILLED_WORDS = ("kill",)
AFFECTED_WORDS = ("affect", "impact", "displace", "uproot")
COUNTED_AFFECTED_WORDS = ("number", "total")
DEATH_TOLL_WORDS = ("toll",)
DISPLACED_WORDS = ("displaced", "homeless", "uprooted")
# (pattern, its words, category, subject, whether it opens on the number rather than a word)
COUNTED_BY_WORDS = [
    (KILLED, KILLED_WORDS, "casualties", "people killed", False),
    (DEATH_TOLL, DEATH_TOLL_WORDS, "casualties", "people killed", False),
    (AFFECTED, AFFECTED_WORDS, "people_affected", "people affected", False),
    (COUNTED_AFFECTED, COUNTED_AFFECTED_WORDS, "people_affected", "people affected", False),
    (DISPLACED_COUNT, DISPLACED_WORDS, "people_affected", "people displaced", True),
]


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def find_sizes(text: str) -> Iterator[CandidateFact]:
    """Each size the report gives, once: the same count said again (in the headline and the
    story) is one fact with a span for each saying."""
    found: dict[tuple[int, str, Any], CandidateFact] = {}
    for fact in _sizes_said(text):
        key = (fact.fields["count"], fact.fields["counts"].lower(), fact.fields["qualifier"])
        if key in found:
            found[key].spans.extend(fact.spans)
        else:
            found[key] = fact
    yield from found.values()


def _sizes_said(text: str) -> Iterator[CandidateFact]:
    seen: set[int] = set()
    lower = folded(text)
    counted: list[int] | None = None  # where numbers that count members start, once asked
    for pattern, needed, counts, opens in SIZE_RULES:
        if not any(word in lower for word in needed):
            continue
        if counts and counted is None:
            counted = _counted_starts(text)
        if counts and not counted:
            continue
        starts: list[int] | None = None  # anywhere
        if opens == "word":
            starts = word_starts(text, needed)
        elif opens == "count":
            starts = counted
        elif opens == "number":
            starts = number_starts(lower)
        for match in matches_at(pattern, text, starts):
            if match.start("number") in seen:
                continue
            seen.add(match.start("number"))
            groups = match.groupdict()
            what = (groups.get("what") or "").strip() or "members"
            words, start = (groups.get("qualifier"), match.start())
            if words is None:
                words, start = qualifier_before(text, match.start())
            fields: dict[str, Any] = {
                "count": int(value(match.group("number"), None)),
                "counts": what,
                "qualifier": qualifier(words),
            }
            yield CandidateFact("reported_size", fields, [_span(text, start, match.end())], 0.8)


def _counted_starts(text: str) -> list[int]:
    """Where each number that counts members ("68 countries") starts, in order."""
    return [_digits_before(text, match.start() + 1) for match in COUNTED_MEMBERS.finditer(text)]


def _money_starts(text: str) -> list[int] | None:
    """Where a sum of `MONEY` may start, in order: at a currency sign or the "US" of "US$", or at
    a number right before "million" or "billion" (for "2.5 billion" both the "2" and the "5").
    None where `word_starts` cannot tell where those words are."""
    scales = word_starts(text, ("million", "billion"))
    if scales is None:
        return None
    lower = folded(text)
    starts = occurrences(text, "$€£¥") | occurrences(lower, ["us$"])
    for scale in scales:
        end = scale
        while end > 0 and text[end - 1].isspace():  # as `\s` reads a space
            end -= 1
        start = _digits_before(text, end)
        if start < end:
            starts.add(start)
            if start >= 2 and text[start - 1] == ".":
                starts.add(_digits_before(text, start - 1))
    return sorted(starts)


def _digits_before(text: str, end: int) -> int:
    """Where the run of digits that ends at `end` starts (`isdecimal` is what `\\d` reads)."""
    while end > 0 and text[end - 1].isdecimal():
        end -= 1
    return end


def find_money(text: str) -> Iterator[CandidateFact]:
    if not any(sign in text for sign in "$€£¥") and "illion" not in folded(text):
        return  # no currency sign and no "million" or "billion": `MONEY` cannot match
    previous: tuple[str, int] | None = None  # the kind of the last amount and where it ended
    for match in matches_at(MONEY, text, _money_starts(text)):
        words, start = qualifier_before(text, match.start())
        qual = qualifier(words)
        if match.group("sign"):
            amount = value(match.group("number"), match.group("scale"))
            currency = CURRENCY_SIGNS[match.group("sign").upper()]
        else:
            amount = value(match.group("number2"), match.group("scale2"))
            code = match.group("code").lower()
            currency = {"dollars": "USD", "euros": "EUR", "pounds": "GBP"}.get(code, code.upper())
        if amount < 1000 and not match.group("scale"):
            continue  # subscription prices and the like, not coalition money
        kind = _money_kind(text, start, match.end(), previous)
        if kind is None:
            continue
        previous = kind, match.end()
        fields = {
            "kind": kind,
            "amount": format_decimal(amount),
            "currency": currency,
            "qualifier": qual,
        }
        yield CandidateFact("money", fields, [_span(text, start, match.end())], 0.75)


def _money_kind(text: str, start: int, end: int, previous: tuple[str, int] | None) -> str | None:
    """Target, raised or pledged, from the words before the amount (or just after it); an amount
    that follows another in the same list, with no such words of its own, is of its kind."""
    before = text[max(0, start - 200) : start]
    if TARGET_WORDS.search(before) or TARGET_AFTER.match(text, end):
        return "target"
    if RAISED_WORDS.search(before) or RAISED_BY_MANY.search(before):
        return "raised"
    if PLEDGE_WORDS.search(before):
        return "pledged"
    if previous is not None and SAME_LIST.fullmatch(text, previous[1], start):
        return previous[0]
    return None


def _sentence_around(text: str, at: int) -> tuple[int, int]:
    """The sentence `at` is in (the document's sentences are split once, for every extractor)."""
    return next(((s, e) for s, e in sentences(text) if s <= at < e), (0, len(text)))


def find_figures(text: str) -> Iterator[CandidateFact]:
    lower = folded(text)
    counted: set[int] = set()  # where each number read so far starts: one figure per number
    numbers = number_starts(lower)
    for match in matches_at(FIGURE, lower, numbers):
        index = next(i for i in range(len(FIGURE_UNITS)) if match.group(f"u{i}"))
        category, unit, _pattern = FIGURE_UNITS[index]
        if match.group("scale") is None and re.fullmatch(r"(?:19|20)\d\d", match.group("number")):
            continue  # a year, not a count
        if not match.group("number")[0].isdigit() and category in ("troops", "other"):
            # "two service members", "attacked two more ships": the people and things a story
            # names, not a count it reports.
            continue
        if index in HELD_ONLY and not HELD.search(lower, *_sentence_around(text, match.start())):
            continue  # "the ship's 25 crew were unharmed" counts no one held
        if category == "people_affected" and KILLING_BEFORE.search(lower, 0, match.start()):
            continue  # "killed 20 people and displaced thousands": `KILLED` reads the 20
        counted.add(match.start("number"))
        words, start = qualifier_before(text, match.start())
        fields = {
            "category": category,
            "value": format_decimal(value(match.group("number"), match.group("scale"))),
            "unit": unit,
            "qualifier": qualifier(words),
            "subject": text[match.start(f"u{index}") : match.end(f"u{index}")].strip(),
        }
        yield CandidateFact("figure", fields, [_span(text, start, match.end())], 0.7)
    for pattern, needed, category, subject, on_number in COUNTED_BY_WORDS:
        starts = word_starts(text, needed)  # None where the text has to be scanned
        if starts == []:
            continue  # most reports have none of its words
        if on_number and starts is not None:
            starts = numbers
        for match in matches_at(pattern, text, starts):
            if match.start("number") in counted:
                continue
            counted.add(match.start("number"))
            if "qualifier" in pattern.groupindex:
                words = match.group("qualifier")
                start = match.start("qualifier") if words else match.start("number")
            else:
                words, start = qualifier_before(text, match.start())
            fields = {
                "category": category,
                "unit": "people",
                "subject": subject,
                "value": format_decimal(value(match.group("number"), match.group("scale"))),
                "qualifier": qualifier(words),
            }
            yield CandidateFact("figure", fields, [_span(text, start, match.end())], 0.7)
