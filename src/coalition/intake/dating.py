"""When a report was written, from what it says about itself and about the world.

Reports reach intake undated. A date the user forces (`--published`) always wins; a date the
document states about itself (a dateline, a "Published" line, htmldate) comes next. Otherwise every
cue in the text becomes a set of days the report may have been written on ("pieces", both ends
included), with a weight and a reason the user can read:

- copyright years ("(c) 2017"), searched in the raw text because cleaning drops footers;
- office-holders named with a title of an office they held ("Defense Secretary Jim Mattis",
  "Jim Mattis, the defense secretary,"), from people.yaml; "former" means after the
  tenure ended;
- phases of US presidential transitions ("President-elect", "the incoming administration"),
  derived from the president and president-elect terms in people.yaml;
- public events from events.yaml mentioned as past or as still to come, tightened by nearby words
  such as "last month", "this week" or a weekday that matches the event's own;
- a day scheduled in this or next month ("the March 22-23 session" with "later this month");
- explicit years and dates ("in June of 2014"; "in 2016" said of the future).

Cues are combined by a vote: the day supported by the greatest total weight wins (ties go to the
day more cues agree on, then to the later day, because stale titles are a commoner mistake in
reports than anachronistic ones), the cues that allow that day are intersected, and the others are
dropped with a reason. Weekday mentions ("on Thursday") cannot narrow the interval but choose the
best day inside it. In reasons, "after X" and "before X" include X itself.

Everything is compiled once per process; a document costs a handful of regular-expression scans.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from coalition.intake.document import DateEstimate
from coalition.reference.loader import read

# Open ends of an interval. Real dates never come near them, so arithmetic on them is safe.
_PAST = date(1900, 1, 1).toordinal()
_FUTURE = date(2100, 12, 31).toordinal()
_YEARS = range(2000, 2041)  # years tried for cues that name a month but not a year

# Weights: how much one cue counts in the vote.
_W_COPYRIGHT_BOUND, _W_COPYRIGHT_YEAR = 2.0, 1.0
_W_OFFICE, _W_EVENT, _W_EVENT_FAMILY, _W_TIGHT = 1.0, 1.0, 0.6, 0.8
_W_ELECT, _W_INCOMING, _W_NEW_ADMINISTRATION, _W_SCHEDULE = 0.8, 0.6, 0.4, 0.8
_W_YEAR, _W_MONTH, _W_DAY = 0.4, 0.5, 0.6

_QUOTES = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00a0", " "))
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {"jan.": 1, "feb.": 2, "aug.": 8, "sep.": 9, "sept.": 9, "oct.": 10, "nov.": 11}
_MONTHS |= {"dec.": 12}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# ------------------------------------------------------------------------------------ shapes


@dataclass(frozen=True)
class _Piece:
    """Days the document may have been written on (ordinals, both ends included)."""

    lo: int
    hi: int
    anchor: int | None = None  # the likeliest day, when the cue says more than an interval
    note: str = ""  # which of several dated events this piece stands for


@dataclass(frozen=True)
class _Cue:
    pieces: tuple[_Piece, ...]
    weight: float
    reason: str  # "{note}" and "{span}" are filled in once the piece that counts is known
    kind: str  # copyright, office, transition, event, schedule, year


@dataclass(frozen=True)
class _Weekday:
    day: int  # 0 is Monday
    future: bool
    snippet: str


@dataclass
class _Vote:
    at: int
    lo: int
    hi: int
    kept: list[_Cue] = field(default_factory=list)
    dropped: list[_Cue] = field(default_factory=list)


# ------------------------------------------------------------------------------------ public


def infer_date(
    text: str,
    *,
    raw: str | None = None,
    explicit: date | None = None,
    explicit_reason: str | None = None,
    published: date | None = None,
) -> DateEstimate:
    """Date a report: a forced date, else the date it states, else what its text implies.

    `text` is the cleaned text and `raw` the text before cleaning (copyright lines often survive
    only there). A stated date is checked against the text cues: it is kept either way, but with
    less confidence when the cues disagree.
    """
    if published is not None:
        reason = f"publication date given by the user (--published) → {published}"
        return DateEstimate(published, published, published, 1.0, (reason,))
    inferred = _infer(text, raw)
    if explicit is not None:
        return _stated(explicit, explicit_reason, inferred)
    return inferred


def _stated(explicit: date, label: str | None, inferred: DateEstimate) -> DateEstimate:
    reasons = [f"{label or 'date stated in the document'} → {explicit}"]
    confidence = 0.9
    if inferred.best is not None:
        span = _span(_ordinal_or(inferred.earliest, _PAST), _ordinal_or(inferred.latest, _FUTURE))
        agrees = (inferred.earliest or explicit) <= explicit <= (inferred.latest or explicit)
        confidence = 0.95 if agrees else 0.75
        reasons.append(
            f"the text cues agree ({span})"
            if agrees
            else f"the text cues suggest {span} (best {inferred.best}); the stated date is kept"
        )
    reasons.extend(f"text cue: {reason}" for reason in inferred.reasons)
    return DateEstimate(explicit, explicit, explicit, confidence, tuple(reasons))


def _infer(text: str, raw: str | None) -> DateEstimate:
    doc = _Doc(_normalise(text))
    found = [
        *_copyright_cues(raw or text),
        *_office_cues(doc),
        *_transition_cues(doc),
        *_event_cues(doc),
        *_schedule_cues(doc),
        *_year_cues(doc),
    ]
    cues = [cue for cue in found if cue.pieces]
    weekdays = _weekday_mentions(doc)
    weekday_reasons = _weekday_reasons(weekdays)
    if not cues:
        return DateEstimate(None, None, None, 0.0, ("no dating cues found", *weekday_reasons))
    vote = _vote(cues)
    best, how = _best(vote, weekdays)
    reasons = [_describe(cue, vote, kept=True) for cue in vote.kept]
    reasons += weekday_reasons
    reasons += [f"dropped, disagrees with the rest: {_describe(c, vote)}" for c in vote.dropped]
    reasons.append(how)
    return DateEstimate(
        best=date.fromordinal(best),
        earliest=None if vote.lo <= _PAST else date.fromordinal(vote.lo),
        latest=None if vote.hi >= _FUTURE else date.fromordinal(vote.hi),
        confidence=_confidence(vote, snapped=bool(weekdays)),
        reasons=tuple(reasons),
    )


# ------------------------------------------------------------------------------------ the text


_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*")
# A full stop after these does not end a sentence: "U.S. Defense Secretary", "Gen. Votel".
_ABBREVIATIONS = re.compile(
    r"Gen|Lt|Col|Maj|Adm|Sgt|Capt|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|Prof|Rev|No|Jan|Feb|Aug|Sept?"
    r"|Oct|Nov|Dec|Inc|Corp|Co|vs"
)
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z]){0,3}")
_FUTURE_WORDS = re.compile(
    r"\b(?:will|won't|shall|would|could|might|must|should|plans (?:to|for)|plan to|planned"
    r"|planning to|scheduled"
    r"|set to|due to|expected|expects|ahead of|upcoming|forthcoming|next|coming|to be held"
    r"|prepar(?:e|es|ed|ing)|in sight|once|aims? to|intends? to|if|later this"
    r"|to (?:liberate|retake|recapture|free|reclaim|take back))\b",
    re.IGNORECASE,
)


# Words that settle a clause as past whatever else it says: "agreed at last week's summit would".
_PAST_WORDS = re.compile(
    r"\b(?:last (?:week|month|year|night)|yesterday|ago|earlier this (?:week|month|year))\b",
    re.IGNORECASE,
)


class _Doc:
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
        return _FUTURE_WORDS.search(clause) is not None and _PAST_WORDS.search(clause) is None

    def phrase(self, start: int, end: int, before: int = 30) -> str:
        """A short quotation ending at `end`, starting on a word boundary within the sentence."""
        first, _ = self.sentence(start)
        begin = max(first, start - before)
        if begin > first and self.text[begin - 1].isalnum():
            space = self.text.find(" ", begin, start)
            begin = space + 1 if space >= 0 else start
        return _snippet(self.text[begin:end])


def _abbreviation(text: str, dot: int) -> bool:
    words = text[max(0, dot - 8) : dot].rsplit(None, 1)
    word = words[-1].lstrip("(\"'") if words else ""
    return (_ABBREVIATIONS.fullmatch(word) or _INITIALS.fullmatch(word)) is not None


def _normalise(text: str) -> str:
    """Straight quotes and plain spaces, one character for one, so offsets stay valid."""
    for fancy, plain in _QUOTES:
        text = text.replace(fancy, plain)
    return text


def _snippet(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# ------------------------------------------------------------------------------------ copyright


_COPYRIGHT = re.compile(
    r"(?:©|\([cC]\)|[Cc]opyright|COPYRIGHT)\s*(?:©|\([cC]\))?\s*((?:19|20)\d\d)"
    r"(?:\s*[-–]\s*((?:19|20)\d\d))?"
)


def _copyright_cues(raw: str) -> Iterator[_Cue]:
    """A copyright year bounds the date from above; a single year also suggests the year itself.

    Site footers ("© 2015-2024") carry the year the page was served, so a range only bounds.
    """
    seen: set[tuple[int, bool]] = set()
    if not any(mark in raw for mark in ("©", "(c)", "(C)", "opyright", "OPYRIGHT")):
        return
    for m in _COPYRIGHT.finditer(raw):
        year, ranged = int(m.group(2) or m.group(1)), m.group(2) is not None
        if (year, ranged) in seen:
            continue
        seen.add((year, ranged))
        end = date(year, 12, 31).toordinal()
        label = f"copyright {m.group(1)}" + (f"-{year}" if ranged else "")
        yield _Cue((_Piece(_PAST, end),), _W_COPYRIGHT_BOUND, f"{label} → {{span}}", "copyright")
        if not ranged:
            piece = _Piece(date(year, 1, 1).toordinal(), end)
            yield _Cue((piece,), _W_COPYRIGHT_YEAR, f"{label} → {{span}}", "copyright")


# ------------------------------------------------------------------------------------ offices


@dataclass(frozen=True)
class _Term:
    office: str
    lo: int
    hi: int


@dataclass(frozen=True)
class _Holder:
    name: str
    terms: tuple[_Term, ...]


@dataclass(frozen=True)
class _Title:
    phrase: str  # lower case
    offices: frozenset[str]  # offices this phrase names outright
    categories: frozenset[str]  # categories it names generically ("foreign minister")


@dataclass(frozen=True)
class _Reference:
    names: re.Pattern[str]
    holders: dict[str, tuple[_Holder, ...]]  # by alias
    offices: dict[str, tuple[str, str]]  # key -> (of, category)
    by_last: dict[str, tuple[_Title, ...]]  # by last word, longest first
    by_first: dict[str, tuple[_Title, ...]]  # by first word, longest first
    countries: dict[str, str]  # lower-case name or demonym -> code
    elect: tuple[_Piece, ...]  # US presidents-elect: election to inauguration
    inaugurations: tuple[int, ...]


# Generic titles: a national adjective before them ("French") selects the office's country.
_GENERIC = {
    "head_of_state": ("president", "king", "emir", "amir", "supreme leader"),
    "head_of_government": ("prime minister", "premier", "chancellor"),
    "foreign_minister": (
        "foreign minister",
        "foreign affairs minister",
        "minister of foreign affairs",
        "minister for foreign affairs",
        "foreign secretary",
        "secretary of state",
        "top diplomat",
    ),
    "defence_minister": (
        "defence minister",
        "defense minister",
        "defence secretary",
        "defense secretary",
        "secretary of defense",
        "secretary of defence",
        "minister of defence",
        "minister of defense",
        "armed forces minister",
    ),
    "deputy_foreign_minister": ("deputy foreign minister", "deputy secretary of state"),
    "special_envoy": ("special envoy", "envoy"),
    "military_commander": ("commander",),
}
_HONORIFIC = re.compile(
    r"^(?:(?:President|Chancellor|King|Queen|Premier|Emir|Sheikh|Prince|Gen\.|General|Adm\."
    r"|Admiral|Lord|Sir|Baroness|Lady|Ayatollah|Dr\.|Mr\.|Mrs\.|Ms\.)\s+)+"
)
# Words that may stand between a title and a name: "Defense Secretary Gen. Jim Mattis".
_RANKS = {"gen", "lt", "col", "maj", "adm", "dr", "mr", "mrs", "ms", "sir", "lord", "sheikh"}
_RANKS |= {"general", "admiral", "army", "marine", "navy", "retired"}
_WORD = re.compile(r"[\w.'-]+")
_TOKEN = re.compile(r"\S+")
_APPOSITION = re.compile(r",\s+(?:who (?:is|was)\s+)?")
_MODIFIERS = {"former", "ex", "late", "then", "outgoing", "incoming", "acting", "interim"}
_EXTENDERS = {"vice", "deputy", "under", "assistant", "shadow", "junior", "associate", "sub"}
_SKIPPABLE = {"the", "a", "an", "top", "chief", "new", "current", *_MODIFIERS}
_ENDED = re.compile(
    r"\b(?:resign\w*|depart\w*|ouster|ousted|fired|firing|sacked|dismiss\w*|replac\w*|successor"
    r"|predecessor|succeed\w*|step(?:ped|ping|s)? down|quit)\b",
    re.IGNORECASE,
)


@cache
def _reference() -> _Reference:
    """Index people.yaml once: a name matcher, holders by alias, titles by first and last word."""
    people = read("people.yaml") or {}
    offices = {o["key"]: (str(o["of"]), str(o.get("category", "other"))) for o in people["offices"]}
    holders: dict[str, list[_Holder]] = {}
    terms: list[_Term] = []
    for entry in people.get("holders", []):
        holder = _Holder(str(entry["name"]), tuple(_term(t) for t in entry.get("terms", [])))
        terms += holder.terms
        for alias in {entry["name"], *entry.get("aliases", [])}:
            bare = _HONORIFIC.sub("", str(alias)).strip()
            if bare:
                holders.setdefault(bare, []).append(holder)
    titles = _titles(people["offices"])
    return _Reference(
        names=re.compile(rf"(?:{_trie(holders)})(?![\w-])"),
        holders={alias: tuple(found) for alias, found in holders.items()},
        offices=offices,
        by_last=_index(titles, lambda phrase: phrase.rsplit(None, 1)[-1]),
        by_first=_index(titles, _first_word),
        countries=_countries(),
        elect=tuple(_Piece(t.lo, t.hi) for t in terms if t.office == "usa-president-elect"),
        inaugurations=tuple(sorted(t.lo for t in terms if t.office == "usa-president")),
    )


def _first_word(phrase: str) -> str:
    """The first word as `_title_after` reads it: "commander" in "commander, u.s. ..."."""
    word = _WORD.match(phrase)
    return word.group() if word else phrase


def _term(entry: dict[str, Any]) -> _Term:
    """A term as an interval; approximate dates are widened by a month on each side."""
    slack = 31 if entry.get("approximate") else 0
    lo = _ordinal_or(entry.get("start"), _PAST + slack) - slack
    hi = _ordinal_or(entry.get("end"), _FUTURE - slack) + slack
    return _Term(str(entry["office"]), lo, hi)


def _titles(offices: list[dict[str, Any]]) -> list[_Title]:
    named: dict[str, set[str]] = {}
    for office in offices:
        for phrase in [office["title"], *office.get("title_aliases", [])]:
            named.setdefault(str(phrase).lower(), set()).add(str(office["key"]))
    generic: dict[str, set[str]] = {}
    for category, phrases in _GENERIC.items():
        for phrase in phrases:
            generic.setdefault(phrase, set()).add(category)
    return [
        _Title(phrase, frozenset(named.get(phrase, ())), frozenset(generic.get(phrase, ())))
        for phrase in named.keys() | generic.keys()
    ]


def _index(titles: list[_Title], word: Callable[[str], str]) -> dict[str, tuple[_Title, ...]]:
    index: dict[str, list[_Title]] = {}
    for title in titles:
        index.setdefault(word(title.phrase), []).append(title)
    return {key: tuple(sorted(group, key=lambda t: -len(t.phrase))) for key, group in index.items()}


def _countries() -> dict[str, str]:
    countries: dict[str, str] = {}
    for entry in read("countries.yaml") or []:
        for name in [*entry.get("aliases", []), *entry.get("demonyms", [])]:
            countries[str(name).lower()] = str(entry["code"])
    return countries


def _office_cues(doc: _Doc) -> Iterator[_Cue]:
    """A person named with the title of an office they held dates the report to that tenure."""
    ref = _reference()
    seen: set[str] = set()
    for m in ref.names.finditer(doc.text):
        if not doc.starts_word(m.start()):
            continue
        for holder in ref.holders[m.group()]:
            cue = _titled(doc, m, holder, ref)
            if cue is not None and cue.reason not in seen:
                seen.add(cue.reason)
                yield cue


def _titled(doc: _Doc, name: re.Match[str], holder: _Holder, ref: _Reference) -> _Cue | None:
    found = _title_before(doc, name.start(), ref) or _title_after(doc, name.end(), ref)
    if found is None:
        return None
    title, modifiers, title_start, title_end = found
    if _EXTENDERS & set(modifiers[-1:]):
        return None  # "Vice President", "Deputy Secretary of State": a different office
    country = next((ref.countries[w] for w in modifiers if w in ref.countries), None)
    terms = _terms(holder, title, country, ref)
    if not terms:
        return None
    start, end = min(title_start, name.start()), max(title_end, name.end())
    first, _ = doc.sentence(start)
    ended = _ENDED.search(doc.text, max(first, start - 80), start) is not None
    return _tenure_cue(holder, terms, set(modifiers), ended, doc.text[start:end])


def _title_before(
    doc: _Doc, start: int, ref: _Reference
) -> tuple[_Title, list[str], int, int] | None:
    """'Iraqi Prime Minister Haider al-Abadi', 'The British defense minister, Michael Fallon'."""
    previous = doc.lower[max(0, start - 30) : start].rsplit(None, 1)[-1:]
    word = previous[0].rstrip(",.") if previous else ""
    if word not in ref.by_last and word not in _RANKS:
        return None  # the common case, settled cheaply: no title just before the name
    first, _ = doc.sentence(start)
    lo = max(first, start - 100)
    head = doc.lower[lo:start]
    if not head[-1:].isspace():
        return None
    # "Secretary General Ban" ends in a title; "Defense Secretary Gen. Mattis" only without ranks.
    for lowered in dict.fromkeys((head.rstrip().removesuffix(","), _without_ranks(head))):
        found = _title_at_end(lowered, ref)
        if found is not None:
            title, words, begin = found
            return title, words, lo + begin, lo + len(lowered)
    return None


def _title_at_end(lowered: str, ref: _Reference) -> tuple[_Title, list[str], int] | None:
    """The longest title that `lowered` ends with, the words before it, and where to quote from."""
    for title in ref.by_last.get(lowered.rsplit(None, 1)[-1] if lowered else "", ()):
        cut = len(lowered) - len(title.phrase)
        if lowered.endswith(title.phrase) and (cut == 0 or not lowered[cut - 1].isalnum()):
            before = list(_TOKEN.finditer(lowered, 0, cut))[-3:]
            begin = cut  # quote from "former", "then-" or "Britain's" when they are there
            for token in reversed(before):
                word = _words([token.group()])[0]
                if word not in _MODIFIERS and word not in ref.countries:
                    break
                begin = token.start()
            return title, _words(t.group() for t in before), begin
    return None


def _without_ranks(head: str) -> str:
    """The text before a name without the ranks and the comma that may separate it from a title."""
    words = head.rstrip().rsplit(None, 3)
    while len(words) > 1 and words[-1].rstrip(".") in _RANKS:
        words.pop()
    head = head[: head.rfind(words[-1]) + len(words[-1])] if words else ""
    return head.removesuffix(",")


def _title_after(doc: _Doc, end: int, ref: _Reference) -> tuple[_Title, list[str], int, int] | None:
    """'Jim Mattis, the defense secretary', 'Fabius, France's foreign minister'."""
    if doc.text[end : end + 1] != ",":
        return None
    _, last = doc.sentence(end)
    lowered = doc.text[end : min(last, end + 160)].lower()
    apposition = _APPOSITION.match(lowered)
    if apposition is None:
        return None
    pos, skipped = apposition.end(), list[str]()
    for _ in range(4):
        word = _WORD.match(lowered, pos)
        if word is None:
            return None
        for title in ref.by_first.get(word.group(), ()):
            stop = pos + len(title.phrase)
            if lowered.startswith(title.phrase, pos) and not lowered[stop : stop + 1].isalnum():
                return title, _words(skipped), end + pos, end + stop
        token = word.group().rstrip("-")
        bare = token.removesuffix("'s")
        if token not in _SKIPPABLE and bare not in ref.countries and bare == token:
            return None  # only articles, modifiers, countries and possessives may come first
        skipped.append(word.group())
        pos = word.end() + len(lowered[word.end() :]) - len(lowered[word.end() :].lstrip())
    return None


def _words(tokens: Iterable[str]) -> list[str]:
    """Modifier tokens as bare lower-case words: 'then-' -> 'then', "Iraq's" -> 'iraq'."""
    return [t.lower().strip(",").rstrip("-").removesuffix("'s") for t in tokens]


def _terms(
    holder: _Holder, title: _Title, country: str | None, ref: _Reference
) -> tuple[_Term, ...]:
    """The holder's terms in the office the title names; generic titles go by category.

    Remembered by identity: holders and titles live as long as `_reference()`, and a president's
    long list of terms would otherwise be read again for every mention."""
    key = (id(holder), id(title), country)
    found = _TERMS.get(key)
    if found is None:
        found = _TERMS[key] = _find_terms(holder, title, country, ref)
    return found


_TERMS: dict[tuple[int, int, str | None], tuple[_Term, ...]] = {}


def _find_terms(
    holder: _Holder, title: _Title, country: str | None, ref: _Reference
) -> tuple[_Term, ...]:
    named = tuple(t for t in holder.terms if t.office in title.offices)
    if named:
        return named
    return tuple(
        t
        for t in holder.terms
        if ref.offices[t.office][1] in title.categories
        and (country is None or ref.offices[t.office][0] == country)
    )


def _tenure_cue(
    holder: _Holder, terms: tuple[_Term, ...], modifiers: set[str], ended: bool, snippet: str
) -> _Cue | None:
    name, said = holder.name, f"'{_snippet(snippet)}' →"
    if modifiers & {"former", "ex", "late"}:
        pieces = _after_terms(terms, holder)
        reason = f"{said} {name} had left that office: {{span}}"
    elif "then" in modifiers or ended:
        # "then-Secretary Kerry", "the resignation of Defense Secretary Mattis": held it once.
        pieces = tuple(_Piece(t.lo, _FUTURE) for t in terms)
        reason = f"{said} {name} had taken that office: {{span}}"
    elif "outgoing" in modifiers:
        pieces = tuple(_Piece(max(t.lo, t.hi - 120), t.hi) for t in terms if t.hi < _FUTURE)
        reason = f"{said} {name} was about to leave that office: {{span}}"
    elif "incoming" in modifiers:
        pieces = tuple(_Piece(t.lo - 120, t.lo) for t in terms if t.lo > _PAST)
        reason = f"{said} {name} was about to take that office: {{span}}"
    else:
        pieces = tuple(_Piece(t.lo, t.hi) for t in terms)
        reason = f"{said} {name} held that office {{span}}"
    return _Cue(pieces, _W_OFFICE, reason, "office") if pieces else None


def _after_terms(terms: tuple[_Term, ...], holder: _Holder) -> tuple[_Piece, ...]:
    """Days after a term ended and before the holder took the same office again."""
    starts = sorted(t.lo for t in holder.terms if t.office == terms[0].office)
    pieces = []
    for term in terms:
        if term.hi < _FUTURE:
            later = [s for s in starts if s > term.hi]
            pieces.append(_Piece(term.hi, (min(later) - 1) if later else _FUTURE))
    return tuple(pieces)


# ------------------------------------------------------------------------------------ transitions


_ELECT = re.compile(r"\b[Pp]resident[- ][Ee]lect\b(?!\s+[A-Z])")  # named ones are office-holders
_INCOMING = re.compile(
    r"\b(?:incoming (?:u\.s\. |us |american |trump |biden )?(?:administration|president)"
    r"|(?:presidential )?transition team|presidential transition)\b"
)  # searched in the lower-case copy
_NEW_ADMINISTRATION = re.compile(
    r"\bnew (?:u\.s\. |us |american |trump |biden |obama )?administration\b"
)


def _transition_cues(doc: _Doc) -> Iterator[_Cue]:
    """Phases of US transitions: 'President-elect' between election and inauguration, etc."""
    ref = _reference()
    elect = _ELECT.search(doc.text) if "elect" in doc.lower else None
    incoming = None
    if "incoming" in doc.lower or "transition" in doc.lower:
        incoming = _INCOMING.search(doc.lower)
    if found := elect or incoming:  # both say the same thing; count it once
        reason = f"'{found.group()}' → between election and inauguration {{span}}"
        yield _Cue(ref.elect, _W_ELECT if elect else _W_INCOMING, reason, "transition")
    if "administration" in doc.lower and (m := _NEW_ADMINISTRATION.search(doc.lower)):
        pieces = tuple(_Piece(day, day + 180) for day in ref.inaugurations)
        reason = f"'{m.group()}' → within six months of an inauguration {{span}}"
        yield _Cue(pieces, _W_NEW_ADMINISTRATION, reason, "transition")


# ------------------------------------------------------------------------------------ events


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
    inauguration = {**_INAUGURATION, "dates": list(_reference().inaugurations)}
    by_keyword: dict[str, list[_Event]] = {}
    for entry in [*entries, inauguration]:
        event = _event(entry)
        for keyword in dict.fromkeys(entry["keywords"]):
            by_keyword.setdefault(str(keyword), []).append(event)
    return _Events(
        keywords=re.compile(rf"(?<![\w-])(?:{_trie(by_keyword)})"),
        by_keyword={keyword: tuple(events) for keyword, events in by_keyword.items()},
    )


def _event(entry: dict[str, Any]) -> _Event:
    def compiled(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(_lower_pattern(p) for p in entry.get(key, []))

    dates = entry.get("dates") or [entry["date"]]
    return _Event(
        key=str(entry["key"]),
        about=str(entry["about"]),
        dates=tuple(sorted(_ordinal_or(d, _PAST) for d in dates)),
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


def _event_cues(doc: _Doc) -> list[_Cue]:
    """Mentions of known events, one plain cue per event and direction, plus tightened ones."""
    events = _events()
    checked: set[tuple[str, int]] = set()
    cues: dict[_MentionKey, _Cue] = {}
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


_RECENT = re.compile(r"\b(?:now|just|recent(?:ly)?|newly|latest)\b", re.IGNORECASE)
_WEEKDAY_NAME = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTH_NAME = re.compile(rf"\b({_MONTH})(?!\s*(?:of\s+)?(?:\d{{1,2}},?\s+)?(?:19|20)\d\d)")

Tighten = Callable[[int], tuple[int, int, int | None]]


_MentionKey = tuple[str, bool, str]  # event, mentioned as still to come, relative phrase


def _add_mention(
    cues: dict[_MentionKey, _Cue], doc: _Doc, event: _Event, hit: re.Match[str]
) -> None:
    """A plain cue per event and direction, and one per relative phrase that tightens it.

    "Now", "just" or "recently" near a past event make event + 2 days the likeliest day.
    """
    future = doc.future(hit.start(), hit.end())
    if future and not event.future:
        return
    window = doc.window(hit.start(), hit.end())
    recent = not future and _RECENT.search(window) is not None
    plain = cues.get((event.key, future, ""))
    if plain is None or (recent and all(p.anchor is None for p in plain.pieces)):
        lag = 2 if recent else event.lag
        pieces = tuple(_plain_piece(event, day, future, lag) for day in event.dates)
        weight = _W_EVENT if len(event.dates) == 1 else _W_EVENT_FAMILY
        reason = f"mentions {{note}} {'as still to come' if future else 'as past'} → {{span}}"
        cues[(event.key, future, "")] = _Cue(pieces, weight, reason, "event")
    phrase, tighten = _relative(doc, hit, window, future)
    if tighten is None or (event.key, future, phrase.lower()) in cues:
        return
    pieces = tuple(p for day in event.dates if (p := _tight_piece(event, day, tighten)))
    if pieces:
        reason = f"mentions {{note}} with '{phrase}' → {{span}}"
        cues[(event.key, future, phrase.lower())] = _Cue(pieces, _W_TIGHT, reason, "event")


def _note(event: _Event, day: int) -> str:
    """Which event a piece stands for; for families, the one the final interval makes likeliest."""
    when = "most likely " if len(event.dates) > 1 else ""
    return f"{event.about} ({when}{date.fromordinal(day)})"


def _plain_piece(event: _Event, day: int, future: bool, lag: int | None) -> _Piece:
    note = _note(event, day)
    if future:
        return _Piece(_PAST, day, note=note)
    return _Piece(day, _FUTURE, None if lag is None else day + lag, note)


def _tight_piece(event: _Event, day: int, tighten: Tighten) -> _Piece | None:
    lo, hi, anchor = tighten(day)
    note = _note(event, day)
    return _Piece(lo, hi, anchor, note) if lo <= hi else None


def _relative(
    doc: _Doc, hit: re.Match[str], window: str, future: bool
) -> tuple[str, Tighten | None]:
    """Words near a mention that say how long before or after the event the report was written."""
    pattern, tightens = _FUTURE_RELATIVE if future else _PAST_RELATIVE
    if found := pattern.search(window.lower()):
        return found.group(), tightens[found.lastindex or 0]
    if weekday := _WEEKDAY_NAME.search(window):
        day = _WEEKDAYS.index(weekday.group())
        return weekday.group(), _on_weekday(day, future)
    near = doc.text[max(0, hit.start() - 30) : hit.end() + 30]
    if not future and (month := _MONTH_NAME.search(near)):
        number = _MONTHS[month.group(1).lower()]
        return month.group(1), lambda d: (d, d + 330, None) if _month(d) == number else _NO_PIECE
    return "", None


_NO_PIECE = (1, 0, None)  # what a Tighten returns for an event the words cannot refer to


def _on_weekday(day: int, future: bool) -> Tighten:
    """'the attack on Thursday': only events that fell on a Thursday, reported within a week."""

    def tighten(d: int) -> tuple[int, int, int | None]:
        if (d - 1) % 7 != day:
            return _NO_PIECE
        return (d - 6, d, d - 1) if future else (d, d + 6, d)

    return tighten


def _month(ordinal: int) -> int:
    return date.fromordinal(ordinal).month


def _month_range(ordinal: int, shift: int) -> tuple[int, int]:
    """First and last day of the month `shift` months from the one containing `ordinal`."""
    day = date.fromordinal(ordinal)
    index = day.year * 12 + day.month - 1 + shift
    first = date(index // 12, index % 12 + 1, 1)
    following = date((index + 1) // 12, (index + 1) % 12 + 1, 1)
    return first.toordinal(), following.toordinal() - 1


def _year_range(ordinal: int, shift: int) -> tuple[int, int]:
    year = date.fromordinal(ordinal).year + shift
    return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()


def _relative_table(rows: list[tuple[str, Tighten]]) -> tuple[re.Pattern[str], list[Tighten]]:
    """One lower-case pattern with a group per row, and what each group means."""
    pattern = re.compile("|".join(f"({p})" for p, _ in rows))
    return pattern, [rows[0][1], *(tighten for _, tighten in rows)]


_PAST_RELATIVE = _relative_table(
    [
        (r"\bhours (?:after|since|following)\b|\b(?:earlier )?today\b", lambda d: (d, d + 2, d)),
        (r"\byesterday\b|\blast night\b|\bovernight\b", lambda d: (d, d + 2, d + 1)),
        (r"\blast week\b", lambda d: (d + 1, d + 13, d + 7)),
        (
            r"\b(?:earlier )?this week\b|\bdays (?:after|since|following|ago|earlier)\b"
            r"|\b(?:over )?(?:the|this|last) weekend\b",
            lambda d: (d, d + 9, d + 2),
        ),
        (
            r"\bweeks (?:after|since|following|ago|earlier)\b|\bwithin weeks\b"
            r"|\b(?:a few|several|two|three) weeks\b",
            lambda d: (d, d + 70, d + 14),
        ),
        (r"\blast month\b", lambda d: (*_month_range(d, 1), None)),
        (r"\b(?:earlier )?this month\b", lambda d: (d, _month_range(d, 0)[1], None)),
        (r"\bmonths (?:after|since|following|ago|earlier)\b", lambda d: (d + 28, d + 730, d + 90)),
        (r"\blast year\b", lambda d: (*_year_range(d, 1), None)),
        (r"\b(?:earlier )?this year\b", lambda d: (d, _year_range(d, 0)[1], None)),
    ]
)
_FUTURE_RELATIVE = _relative_table(
    [
        (r"\btomorrow\b", lambda d: (d - 2, d - 1, d - 1)),
        (r"\bnext week\b", lambda d: (d - 13, d - 1, d - 7)),
        (r"\b(?:later )?this week\b", lambda d: (d - 6, d - 1, d - 2)),
        (r"\bnext month\b", lambda d: (*_month_range(d, -1), None)),
        (r"\b(?:later )?this month\b", lambda d: (_month_range(d, 0)[0], d - 1, None)),
        (r"\bnext year\b", lambda d: (*_year_range(d, -1), None)),
        (r"\b(?:later )?this year\b", lambda d: (_year_range(d, 0)[0], d - 1, None)),
    ]
)


# ------------------------------------------------------------------------------------ schedules


_MONTH_DAY = re.compile(
    rf"({_MONTH})\s+(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?\b"
    rf"(?!,?\s*(?:19|20)\d\d)(?!\s*(?:percent|per cent|%))"
)
_THIS_MONTH = re.compile(r"\b(later this month|earlier this month|next month)\b")  # lower case


def _schedule_cues(doc: _Doc) -> Iterator[_Cue]:
    """'The March 22-23 session' with 'later this month': written in March, before the 22nd.

    Only used when every month-day mention names the same month, so the relative words can only
    refer to it.
    """
    relative = _THIS_MONTH.search(doc.lower) if "month" in doc.lower else None
    if relative is None:
        return
    mentions = [
        (m, _MONTHS[m.group(1).lower()], int(m.group(2)))
        for m in _MONTH_DAY.finditer(doc.text)
        if doc.starts_word(m.start()) and 1 <= int(m.group(2)) <= 31
    ]
    months = {month for _, month, _ in mentions}
    if len(months) != 1:
        return
    month, phrase = months.pop(), relative.group(1).lower()
    day = min(d for _, _, d in mentions)
    pieces = tuple(p for year in _YEARS if (p := _scheduled(year, month, day, phrase)))
    said = f"'{_snippet(mentions[0][0].group())}' with '{phrase}' →"
    name = date(2000, month, 1).strftime("%B")
    what = {
        "later this month": f"written in {name}, before the {_nth(day)}",
        "earlier this month": f"written in {name}, after the {_nth(day)}",
        "next month": f"written in the month before {name}",
    }[phrase]
    yield _Cue(pieces, _W_SCHEDULE, f"{said} {what}: {{span}}", "schedule")


def _scheduled(year: int, month: int, day: int, phrase: str) -> _Piece | None:
    try:
        scheduled = date(year, month, day).toordinal()
    except ValueError:
        return None
    first, last = _month_range(scheduled, -1 if phrase == "next month" else 0)
    if phrase == "later this month":
        last = scheduled - 1
    elif phrase == "earlier this month":
        first = scheduled
    return _Piece(first, last) if first <= last else None


def _nth(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


# ------------------------------------------------------------------------------------ years


_YEAR = re.compile(
    r"(?:19|20)\d\d\b(?![-–/]\d)(?!\s*(?:budget|fiscal|elections?|campaign|presidential|race"
    r"|vote|deadline|target|goal|World Cup|Olympics))"
)
# What may stand before a year: a preposition, then perhaps a month and a day ("in June of").
_BEFORE_YEAR = re.compile(
    rf"(?:\b((?i:in|since|from|during|of|to|by|and|on))\s+)?(?:(?:early|late|mid)[- ]?)?"
    rf"(?:({_MONTH})\s+(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?:of\s+)?)?$"
)


def _year_cues(doc: _Doc) -> Iterator[_Cue]:
    """'in June of 2014' said of the past: written after it; 'in 2016' of the future: before."""
    seen: set[tuple[int, int, bool]] = set()
    for m in _YEAR.finditer(doc.text):
        if not doc.starts_word(m.start()):
            continue
        before = _BEFORE_YEAR.search(doc.text, max(0, m.start() - 30), m.start())
        if before is None or not (before.group(1) or before.group(2)):
            continue  # a bare year ("the 2016 election", "(c) 2017") says little
        lo, hi, weight = _period(before, int(m.group()))
        start = before.start()
        future = doc.future(start, m.end())
        if (lo, hi, future) in seen:
            continue
        seen.add((lo, hi, future))
        piece = _Piece(_PAST, hi) if future else _Piece(lo, _FUTURE)
        said = "of the future" if future else "of the past"
        quoted = _snippet(doc.text[start : m.end()])
        yield _Cue((piece,), weight, f"'{quoted}' said {said} → {{span}}", "year")


def _period(m: re.Match[str], year: int) -> tuple[int, int, float]:
    if not m.group(2):
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal(), _W_YEAR
    month = _MONTHS[m.group(2).lower()]
    first, last = _month_range(date(year, month, 1).toordinal(), 0)
    if m.group(3) and 1 <= int(m.group(3)) <= last - first + 1:
        day = first + int(m.group(3)) - 1
        return day, day, _W_DAY
    return first, last, _W_MONTH


# ------------------------------------------------------------------------------------ weekdays


# The names factored by their common "day", so that the engine can skip ahead between them.
_WEEKDAY = re.compile(r"((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?:'s)?\b")
_NAMED_DAY = re.compile(r"\b(?:Good|Black|Ash|Easter|Super|Palm|Bloody|Cyber) $")  # not a weekday


def _weekday_mentions(doc: _Doc) -> list[_Weekday]:
    found = []
    for m in _WEEKDAY.finditer(doc.text):
        if not doc.starts_word(m.start()) or _NAMED_DAY.search(
            doc.text, max(0, m.start() - 8), m.start()
        ):
            continue
        # Only the words before a weekday set its tense: "said Thursday that ... will" is past.
        future = doc.future(m.start(), m.end(), after=0)
        found.append(_Weekday(_WEEKDAYS.index(m.group(1)), future, doc.phrase(m.start(), m.end())))
    return found


def _weekday_reasons(weekdays: list[_Weekday]) -> list[str]:
    reasons, seen = [], set()
    for mention in weekdays:
        if (mention.day, mention.future) in seen:
            continue
        seen.add((mention.day, mention.future))
        name = _WEEKDAYS[mention.day]
        what = f"before a {name}" if mention.future else f"on a {name} or within 6 days after"
        reasons.append(f"'{mention.snippet}' → {what}")
    return reasons


# ------------------------------------------------------------------------------------ combining


def _vote(cues: list[_Cue]) -> _Vote:
    """The day most weight agrees on; the cues that allow it are kept and intersected."""
    changes: list[tuple[int, float, int]] = []
    for cue in cues:
        for lo, hi in _union(cue.pieces):
            changes += [(lo, cue.weight, 1), (hi + 1, -cue.weight, -1)]
    changes.sort()
    weight, count, best, at = 0.0, 0, (-1.0, 0), _PAST
    for index, (day, delta, step) in enumerate(changes):
        weight, count = weight + delta, count + step
        if index + 1 < len(changes) and changes[index + 1][0] == day:
            continue  # settle every change on this day first
        if (round(weight, 6), count) >= best and day <= _FUTURE:
            best, at = (round(weight, 6), count), day
    vote = _Vote(at, _PAST, _FUTURE)
    for cue in cues:
        around = [p for p in cue.pieces if p.lo <= at <= p.hi]
        if around:
            vote.kept.append(cue)
            vote.lo = max(vote.lo, min(p.lo for p in around))
            vote.hi = min(vote.hi, max(p.hi for p in around))
        else:
            vote.dropped.append(cue)
    return vote


def _union(pieces: Iterable[_Piece]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for piece in sorted(pieces, key=lambda p: p.lo):
        if merged and piece.lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], piece.hi))
        else:
            merged.append((piece.lo, piece.hi))
    return merged


def _best(vote: _Vote, weekdays: list[_Weekday]) -> tuple[int, str]:
    """The best single day: anchors first, then the interval's shape, then a mentioned weekday.

    Anchors are days cues consider likeliest (an event "hours" before, a meeting the report is
    about); their median is used. Without anchors, a short interval (a month or less) gives its
    middle. A long interval whose lower bound is an event gives that event plus two weeks, since
    reports tend to mention recent events; any other long interval gives its middle. Finally, when
    a weekday is mentioned, the day moves to the nearest day that fits it: that weekday or the day
    after for things past ("on Thursday"), the day before for things to come.
    """
    lo, hi = vote.lo, vote.hi
    anchors = [a for cue in vote.kept if (a := _anchor(cue, lo, hi)) is not None]
    if anchors:
        base, how = _weighted_median(anchors), "the likeliest day the cues point to"
    elif lo > _PAST and hi < _FUTURE and (hi - lo <= 31 or not _event_bound(vote)):
        base, how = (lo + hi) // 2, "the middle of the interval"
    elif lo > _PAST:
        base = min(hi, lo + (14 if _event_bound(vote) else 30))
        how = "shortly after the latest lower bound"
    else:
        base, how = max(lo, hi - 30), "shortly before the upper bound"
    best, moved = _snap(base, lo, hi, weekdays)
    text = f"best guess {date.fromordinal(best)}: {how}"
    return best, text + (f", moved to the nearest {moved}" if moved else "")


def _anchor(cue: _Cue, lo: int, hi: int) -> tuple[int, float] | None:
    """The anchor of the latest piece of a cue that overlaps the interval, if it lies inside,
    weighted by how precise the piece is: 'on Tuesday' outweighs 'within weeks'."""
    pieces = [p for p in cue.pieces if p.lo <= hi and p.hi >= lo and p.anchor is not None]
    if not pieces:
        return None
    piece = max(pieces, key=lambda p: p.lo)
    if piece.anchor is None or not lo <= piece.anchor <= hi:
        return None
    return piece.anchor, 1 / min(piece.hi - piece.lo + 1, 365)


def _weighted_median(anchors: list[tuple[int, float]]) -> int:
    anchors.sort()
    half, total = sum(w for _, w in anchors) / 2, 0.0
    for day, weight in anchors:
        total += weight
        if total >= half - 1e-12:
            return day
    return anchors[-1][0]


def _event_bound(vote: _Vote) -> bool:
    """Whether the interval's lower bound comes from an event mentioned as past."""
    return any(
        cue.kind == "event" and any(p.lo == vote.lo for p in cue.pieces) for cue in vote.kept
    )


def _snap(base: int, lo: int, hi: int, weekdays: list[_Weekday]) -> tuple[int, str]:
    if not weekdays:
        return base, ""
    counts = Counter(w.day for w in weekdays)
    day = max(
        counts, key=lambda d: (counts[d], -next(i for i, w in enumerate(weekdays) if w.day == d))
    )
    mentions = [w for w in weekdays if w.day == day]
    future = sum(w.future for w in mentions) * 2 > len(mentions)
    allowed = {(day - 1) % 7} if future else {day, (day + 1) % 7}
    near = [d for d in range(max(lo, base - 7), min(hi, base + 7) + 1) if (d - 1) % 7 in allowed]
    if not near:
        return base, ""
    best = min(near, key=lambda d: (abs(d - base), d))
    relation = "the day before a" if future else "a day on or just after a"
    return best, f"{_WEEKDAYS[(best - 1) % 7]} ({relation} {_WEEKDAYS[day]} the text mentions)"


def _confidence(vote: _Vote, snapped: bool) -> float:
    """Narrow intervals earn confidence; dropped cues cost some; agreement adds a little."""
    width = vote.hi - vote.lo + 1
    if vote.lo <= _PAST or vote.hi >= _FUTURE:
        score = 0.1
    else:
        score = next(s for limit, s in _CONFIDENCE_BY_WIDTH if width <= limit)
        score += 0.05 if snapped and width > 1 else 0.0
    score += 0.05 if len(vote.kept) >= 4 else 0.0
    score -= min(0.15, 0.05 * len(vote.dropped))
    return round(min(0.9, max(0.05, score)), 2)


_CONFIDENCE_BY_WIDTH = ((3, 0.85), (8, 0.75), (31, 0.6), (92, 0.45), (366, 0.3), (_FUTURE, 0.15))


def _describe(cue: _Cue, vote: _Vote, kept: bool = False) -> str:
    """A cue's reason with the days it allowed: for a kept cue, the pieces around the chosen day,
    naming the latest event that fits the final interval; for a dropped one, the nearest piece."""
    around = [p for p in cue.pieces if p.lo <= vote.at <= p.hi]
    if kept and around:
        lo, hi = min(p.lo for p in around), max(p.hi for p in around)
        fits = [p for p in cue.pieces if p.lo <= vote.hi and p.hi >= vote.lo] or around
        note = max(fits, key=lambda p: (p.lo, -p.hi)).note
    else:
        piece = min(cue.pieces, key=lambda p: max(p.lo - vote.at, vote.at - p.hi, 0))
        lo, hi, note = piece.lo, piece.hi, piece.note
    return cue.reason.replace("{note}", note).replace("{span}", _span(lo, hi))


def _span(lo: int, hi: int) -> str:
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    if lo <= _PAST and hi >= _FUTURE:
        return "any date"
    if lo <= _PAST:
        return f"before {last}"
    if hi >= _FUTURE:
        return f"after {first}"
    return f"on {first}" if lo == hi else f"{first}..{last}"


# ------------------------------------------------------------------------------------ helpers


def _ordinal_or(value: Any, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, date):
        return value.toordinal()
    return date.fromisoformat(str(value)).toordinal()


def _trie(words: Iterable[str]) -> str:
    """One regular expression matching any of `words`, longest first, built from a trie.

    Python's engine tries alternatives one by one; sharing prefixes makes a thousand names cost
    about as much as a few.
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(root)


def _trie_node(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_node(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
