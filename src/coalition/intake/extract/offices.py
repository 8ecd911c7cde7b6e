"""Office-holders a report shows with their titles: "Defense Secretary Jim Mattis", "Brett McGurk,
the president's special envoy to the coalition,", "former secretary of state John F. Kerry".

A person the gazetteer knows, named next to a title, is an observation of an office: the one they
held on the document's date, or, when they held none then, the past office the title names
("President Barack Obama" in a report from after his presidency). Titles are matched to offices
by their head word (secretary, minister, envoy...), so that "the British defence minister" finds
the Secretary of State for Defence of people.yaml without a table of every way to say it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from coalition.intake.document import CandidateFact, Span
from coalition.intake.extract.people import NAME, OFFICE_HEADS, person_key, person_name
from coalition.intake.extract.text import folded, reads_as_folded
from coalition.intake.gazetteer import Gazetteer, Mention, Term

# Heads of titles, read in any case; "gen." is read as "general".
HEADS = (*OFFICE_HEADS, "President-elect", "Secretary-General", "King", "Emir")
_HEAD = r"(?:" + "|".join(re.escape(h) for h in sorted(HEADS, key=len, reverse=True)) + r")"
# A word of a title: plain, possessive ("president's"), or an abbreviation ("U.S.", "Gen.").
_WORD = r"(?:\w+(?:\.\w+)+\.?|Gen\.|Lt\.|Col\.|Maj\.|Adm\.|[\w’'-]+)"
# A title that ends just before the name, at most four words before its head word and a few
# after ("Minister of Foreign Affairs and International Cooperation"); never across a full stop.
TITLE_BEFORE = re.compile(
    rf"(?:^|[\s(])((?:{_WORD}\s+){{0,4}}?{_HEAD}(?![\w-])[\w\s’'-]{{0,60}}?)\s*,?\s*$",
    re.IGNORECASE,
)
# A title in apposition after the name: ", the president's special envoy to the coalition,".
TITLE_AFTER = re.compile(
    rf"\s*,\s+((?:the\s+)?(?:{_WORD}\s+){{0,5}}?{_HEAD}(?![\w-])"
    # up to 60 characters more, a full stop only after an initial ("U.S. Naval Forces")
    r"(?:[^,.;:“”\"()]|(?<=\b[A-Z])\.){0,60}?)"
    r"\s*(?=[,;:)]|(?<!\b[A-Z])\.|\s+(?:said|says|told|who|and)\b)",
    re.IGNORECASE,
)
# Words that are no part of a title: what reaches back past one of them ("talks were led by
# defense secretary") starts after it.
_NOT_TITLE = re.compile(
    r"\b(?:by|was|were|is|are|be|been|led|begun|said|says|told|with|and|or|but|to|from|at|in|"
    r"on|for|as|that|which|who|whom|met|meets|when|while|after|before|also)\s+",
    re.IGNORECASE,
)
_HEAD_WORDS = re.compile(rf"(?<![\w-]){_HEAD}(?![\w-])", re.IGNORECASE)
# `TITLE_BEFORE` for folded text, without IGNORECASE: half again as fast (see `folded`). Lowering
# the pattern changes none of its escapes: it has no upper-case one.
_TITLE_BEFORE_FOLDED = re.compile(TITLE_BEFORE.pattern.lower())
assert not re.search(r"\\[A-Z]", TITLE_BEFORE.pattern)


def _heads(title: str) -> set[str]:
    found = {h.lower() for h in _HEAD_WORDS.findall(title)}
    return {"general" if h == "gen." else h for h in found}


def office_named(gazetteer: Gazetteer, person: str, title: str, on: date | None) -> Term | None:
    """The office `title` shows `person` in: the one held on `on`, else a past one whose title
    has the same head word. An undated report takes the latest office, as before."""
    current = gazetteer.office_at(person, on)
    if current is not None or on is None:
        return current
    wanted = _heads(title)
    past = [t for t in gazetteer.terms.get(person, []) if t.start is None or t.start <= on]
    fitting = [t for t in past if wanted & _heads(t.title)]
    return fitting[-1] if fitting else None


_HEADS_FOLDED = tuple(head.lower() for head in HEADS)
# What follows the head word of a `TITLE_BEFORE` match, to the end.
_AFTER_HEAD = re.compile(r"(?![\w-])[\w\s’'-]{0,60}?\s*,?\s*$")


def _earliest_start(lower: str) -> int | None:
    """Where `_TITLE_BEFORE_FOLDED` may start matching in `lower` at the earliest: at most four
    words before the first head word that `_AFTER_HEAD` may follow; None when there is none, and
    so no match. Tried from every position, the pattern costs ten times these substring searches.
    """
    first = None
    for head in _HEADS_FOLDED:
        at = lower.find(head)
        while at >= 0 and (first is None or at < first):
            if _AFTER_HEAD.match(lower, at + len(head)):
                first = at
            at = lower.find(head, at + 1)
    if first is None:
        return None
    words = lower[:first].rsplit(None, 4)  # the match starts by the fourth word before its head
    return len(words[0]) if len(words) == 5 else 0


def _title_before(text: str, before: str, end: int) -> re.Match[str] | None:
    """`TITLE_BEFORE.search(before)`, `before` being the text up to `end`; its groups' offsets
    are offsets in `before`, their text may be folded."""
    if not reads_as_folded(before):
        return TITLE_BEFORE.search(before)
    lower = folded(text)[end - len(before) : end]
    start = _earliest_start(lower)
    return None if start is None else _TITLE_BEFORE_FOLDED.search(lower, start)


def title_around(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The title next to the name at `start:end`: (start, end) of title and name together, and
    the title."""
    before = text[max(0, start - 90) : start]
    found = _title_before(text, before, start)
    if found is not None:
        title, begin = before[found.start(1) : found.end(1)], found.start(1)
        cut = [m.end() for m in _NOT_TITLE.finditer(title)]
        if cut and _heads(title[cut[-1] :]):
            title, begin = title[cut[-1] :], begin + cut[-1]
        return start - len(before) + begin, end, title.strip()
    after = TITLE_AFTER.match(text, end, min(len(text), end + 140))
    if after is not None:
        return start, after.end(1), after.group(1).strip()
    return None


def _titled(text: str, mention: Mention) -> tuple[int, int, str] | None:
    return title_around(text, mention.start, mention.end)


def organisation_in(mentions: list[Mention], start: int, end: int) -> str | None:
    """The first country or body named between `start` and `end` ("French", "U.S. Naval Forces
    Central Command"): whose office a title is."""
    return next(
        (
            m.entry.key
            for m in mentions
            if start <= m.start < end and m.entry.kind in ("country", "organisation")
        ),
        None,
    )


def find_offices(
    text: str, gazetteer: Gazetteer, mentions: list[Mention], on: date | None
) -> Iterator[CandidateFact]:
    """A person named with a title of an office they held, once per person; then people the
    reference data does not know, named with a title (`_strangers_titled`)."""
    seen: set[str] = set()
    for mention in mentions:
        if mention.entry.kind != "person" or mention.entry.key in seen:
            continue
        titled = _titled(text, mention)
        if titled is None:
            continue
        start, end, title = titled
        term = office_named(gazetteer, mention.entry.key, title, on)
        if term is None:
            continue
        seen.add(mention.entry.key)
        fields = {
            "person": mention.entry.key,
            "name": mention.entry.name,
            "title": term.title,
            "of": term.of,
            "title_in_text": title,
        }
        yield CandidateFact("office", fields, [Span(start, end, text[start:end])], 0.7)
    yield from _strangers_titled(text, gazetteer, mentions, seen)


# A name straight after a title's capitalised head ("Foreign Minister Alain Juppé", "Vice Adm.
# William Gortney"), or one that ends at the comma before a title ("Mark Kimmitt, the assistant
# secretary of state for political-military affairs,").
_HEAD_THEN_NAME = re.compile(
    rf"(?:{'|'.join(re.escape(h) for h in (*HEADS, 'Adm.'))})\.?[^\S\n]+(?=[A-Z])"
    rf"(?P<name>{NAME.pattern})"
)
_NAME_AT_COMMA = re.compile(rf"(?P<name>{NAME.pattern}),\Z")
_COMMA_TO_HEAD = re.compile(r",[^\S\n]+(?:the[^\S\n]+)?(?:[\w.’'-]+[^\S\n]+){0,6}")
# Head words in the folded text, plus the abbreviated rank.
_HEADS_TO_FIND = (*_HEADS_FOLDED, "adm.")


def _head_starts(lower: str) -> list[int]:
    """Where a head word starts in the folded text, as a word of its own. One substring search
    per head word is several times cheaper than one pattern of them all run over the text."""
    found = set()
    for head in _HEADS_TO_FIND:
        at = lower.find(head)
        while at >= 0:
            after = lower[at + len(head) : at + len(head) + 1]
            if (at == 0 or not _wordlike(lower[at - 1])) and not (after and _wordlike(after)):
                found.add(at)
            at = lower.find(head, at + 1)
    return sorted(found)


def _wordlike(char: str) -> bool:
    return char.isalnum() or char in "_-"


def _strangers_titled(
    text: str, gazetteer: Gazetteer, mentions: list[Mention], seen: set[str]
) -> Iterator[CandidateFact]:
    """Office-holders outside the reference data: a personal name next to a title, with the
    country or body the title names (if it names one). Only the head words of titles are
    searched for, and names only right after them or at a comma just before: a scan of the
    whole text for names would cost several times more."""
    named = [(m.start, m.end) for m in mentions]  # a known name is no stranger's ("Sweden")
    for head in _head_starts(folded(text)):
        found = _HEAD_THEN_NAME.match(text, head)
        if found is None:
            comma = text.rfind(",", max(0, head - 60), head)
            if comma < 0 or not _COMMA_TO_HEAD.fullmatch(text, comma, head):
                continue
            found = _NAME_AT_COMMA.search(text, max(0, comma - 50), comma + 1)
        if found is None:
            continue
        start, end = found.span("name")
        name = person_name(found.group("name"))
        if (
            name is None
            or any(s < end and start < e for s, e in named)
            or gazetteer.lookup(name) is not None
        ):
            continue
        titled = title_around(text, end - len(name), end)
        key = person_key(name)
        if titled is None or key in seen:
            continue
        seen.add(key)
        begin, finish, title = titled
        fields = {
            "person": key,
            "name": name,
            "title": plain_title(title),
            "of": organisation_in(mentions, begin, finish),
            "title_in_text": title,
        }
        yield CandidateFact("office", fields, [Span(begin, finish, text[begin:finish])], 0.5)


def plain_title(title: str) -> str:
    """ "the assistant secretary of state" -> "Assistant secretary of state": a title as a
    heading would write it."""
    plain = re.sub(r"^(?:the|a|an)\s+", "", " ".join(title.split()), flags=re.IGNORECASE)
    return plain[:1].upper() + plain[1:]
