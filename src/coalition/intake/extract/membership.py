"""Members and non-members the text names.

A member is an actor the text places inside the coalition: listed among those taking part, said
to have joined it or to be one of its members, founding or leading it, hosting, inviting to or
addressing one of its meetings, or sending it an envoy. A non-member is one the text places
outside it: not a member, not among those taking part, declining to join or not invited. An actor
merely mentioned (a donor to some conference, a place, a target of strikes) is neither. The
coalition is whatever the report calls it (`_nouns`): a contact group, an operation or an
alliance are one too.

Most rules find a trigger phrase and take the names next to it: the list that ends right before
it (its subject) or the one that starts right after it (its object). A list is a run of names
joined by commas, "and" or "nor", or by the titles of the people named, so that "Italian Foreign
Minister Luigi Di Maio and U.S. Secretary of State Antony Blinken" is one list of two actors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from coalition.intake.document import CandidateFact, Span
from coalition.intake.extract.membership_patterns import (
    ADDRESSED,
    AMONG_PARTICIPANTS,
    APPOSITION,
    AS_HOSTS,
    ASIDE,
    ASIDE_CLOSE,
    BLOCK,
    CO_HOSTED_WITH,
    COMPRISES,
    DELEGATIONS,
    END_GAP,
    ENVOY,
    FOUNDED,
    HOSTED,
    HOSTED_BY,
    INCLUDING,
    INVITED_BY,
    JOINED,
    JOINED_WHEN,
    LEADS,
    LED,
    LED_BY,
    LED_DELEGATION,
    LINK,
    LIST_CUES,
    LIST_INTRODUCED,
    LIST_OF_MEMBERS,
    LOCATED,
    LOOSE_GAP,
    MAX_GAP,
    MEMBER_OF,
    MEMBERS_ARE,
    NAMED_MEMBERS,
    NEITHER_TOO,
    NEXT_TO,
    NOT_AMONG,
    NOT_MEMBER,
    NOUNS,
    OFFICIAL,
    PROMPTED,
    SAID_OF_ITSELF,
    SAME_SUBJECT,
    STAYED_OUT,
    WELCOMED,
)
from coalition.intake.extract.text import folded, sentences
from coalition.intake.gazetteer import Entry, Gazetteer, Mention, gazetteer
from coalition.partners.names import normalize


@dataclass(frozen=True)
class _Sentence:
    text: str  # the whole document, so that offsets stay document offsets
    lower: str
    start: int
    end: int
    mentions: list[Mention]
    cues: frozenset[str]  # which of CUES the sentence holds
    nouns: frozenset[str]  # what this report calls the coalition (`_nouns`)
    named: bool  # whether the report names the coalition by one of those nouns at all


def find_membership(text: str, mentions: list[Mention]) -> Iterator[CandidateFact]:
    """Non-members as each sentence denies them, then members, less any the text denies."""
    lower = folded(text)  # the patterns are written in lower case
    nouns = _nouns(text, lower)
    named = any(noun in lower for noun in nouns)
    # The looser rules read only reports about the coalition or about a meeting: those who take
    # part in a meeting are members in the wide sense, the meeting's participants.
    looser = named or _ABOUT_MEETING.search(lower) is not None
    leaders = _leaders(text)
    elsewhere = _other_coalitions(leaders)
    outside: set[str] = set()
    members: list[CandidateFact] = []
    for sentence in _sentences(text, lower, mentions, nouns, named):
        if any(sentence.start <= at < sentence.end for at in elsewhere):
            continue  # who joins or stays out of another coalition says nothing of this one
        denied, found = _outsiders(sentence)
        outside.update(f.fields["actor"] for f in found)
        yield from found
        if not denied:  # a list in a sentence that denies membership is no list of members
            members += _listed(sentence)
        if looser:
            members += _members(sentence, leaders)
    # A report that says an actor is outside the coalition is not read as putting it inside.
    yield from (f for f in members if f.fields["actor"] not in outside)


_ABOUT_MEETING = re.compile(r"\b(?:conference|summit|meeting|talks|ministerial)\b")
# "Operation Prosperity Guardian", on the original text.
_NAMED_OPERATION = re.compile(r"\bOperation\s+[A-Z]")
_NATO = re.compile(r"\bnato\b|\bnorth\s+atlantic\b")


def _nouns(text: str, lower: str) -> frozenset[str]:
    """What the report calls the coalition it is about.

    "Coalition" always. "Contact group" when the report uses the words. "Operation" in a report
    that names one ("Operation Prosperity Guardian") and never says "coalition": where it does,
    "the operation" is one of the coalition's military operations. "Alliance" unless the report
    speaks of NATO, which "the alliance" then means.
    """
    nouns = {"coalition"}
    if "contact group" in lower:
        nouns.add("contact group")
    if "coalition" not in lower and _NAMED_OPERATION.search(text):
        nouns.add("operation")
    if "alliance" in lower and not _NATO.search(lower):
        nouns.add("alliance")
    return frozenset(nouns)


def _ours(s: _Sentence, match: re.Match[str]) -> bool:
    """Whether a match that names a coalition noun names the coalition this report is about."""
    noun = match.groupdict().get("noun")
    return noun is None or " ".join(noun.split()) in s.nouns


_Leader = tuple[re.Match[str], Entry]  # "the U.S.-led coalition": where, and who leads it


def _leaders(text: str) -> list[_Leader]:
    """Every coalition the text names by its leader, a country or a body, in order."""
    if "-led" not in text:
        return []
    found = ((match, _lookup(gazetteer(), match.group(1))) for match in LED.finditer(text))
    return [(m, e) for m, e in found if e is not None and e.kind in ("country", "organisation")]


def _other_coalitions(leaders: list[_Leader]) -> list[int]:
    """Where the text names a coalition led by someone other than the one it is about.

    A report that speaks of coalitions with different leaders ("the U.S.-led coalition" against
    ISIS, "the Saudi-led coalition" in Yemen) is about the one whose leader it names most often
    (the first named, on a tie); a sentence about another one places nobody in this one."""
    led: dict[str, list[int]] = {}
    for match, entry in leaders:
        led.setdefault(entry.key, []).append(match.start())
    if len(led) < 2:
        return []
    main = max(led, key=lambda key: (len(led[key]), -led[key][0]))
    return sorted(at for key, found in led.items() if key != main for at in found)


def _sentences(
    text: str, lower: str, mentions: list[Mention], nouns: frozenset[str], named: bool
) -> Iterator[_Sentence]:
    """Each sentence with the names in it, the names walked once in step with the sentences."""
    ordered = sorted(mentions, key=lambda m: m.start)
    first = 0
    for start, end in sentences(text):
        while first < len(ordered) and ordered[first].start < start:
            first += 1
        last = first
        while last < len(ordered) and ordered[last].start < end:
            last += 1
        if last > first:
            chunk = lower[start:end]
            cues = frozenset(cue for cue in CUES if cue in chunk)
            yield _Sentence(text, lower, start, end, ordered[first:last], cues, nouns, named)
        elif text.find("-led", start, end) >= 0:  # "the U.S.-led coalition" is no mention
            yield _Sentence(text, lower, start, end, [], frozenset(("-led",)), nouns, named)
        first = last


def _fact(
    kind: str, entry: Entry, start: int, end: int, text: str, confidence: float
) -> CandidateFact:
    return CandidateFact(
        kind, {"actor": entry.key, "name": entry.name}, [Span(start, end, text)], confidence
    )


def _outsiders(s: _Sentence) -> tuple[bool, list[CandidateFact]]:
    """Whether the sentence denies membership, and the actors it places outside."""
    found: list[CandidateFact] = []
    denied = False
    if not s.cues & DENIALS:  # every denial names the coalition or those taking part
        return denied, found
    for match in _denials(s):
        denied = True
        if match.groupdict().get("neither") is not None:
            subject = _within(s, match.start("neither"), match.end("neither"))
        else:
            subject = _denier(s, match.start())
        too = NEITHER_TOO.search(s.lower, match.end(), s.end)
        if too is not None:
            subject = subject + _object(s, too)
        # A country, not a person, is outside: "Assad is not part of it" says nothing of Syria.
        countries = [m for m in subject if m.entry.kind != "person"]
        found += _facts("non_member", s, countries, 0.7)
    return denied, found


def _denier(s: _Sentence, at: int) -> list[Mention]:
    """Who a denial at `at` is about: the list before it, also past "X said that it ..." and
    past a first verb of the same subject ("took part in the talks but did not sign")."""
    subject = _agent(s, at)
    if subject:
        return subject
    for pattern in (SAID_OF_ITSELF, SAME_SUBJECT):
        found = pattern.search(s.lower, max(s.start, at - 80), at)
        if found is not None and (subject := _agent(s, found.start())):
            return subject
    return []


def _denials(s: _Sentence) -> Iterator[re.Match[str]]:
    """Each phrase that places someone outside the coalition, in text order."""
    if s.cues & COALITION:
        yield from (m for m in NOT_MEMBER.finditer(s.lower, s.start, s.end) if _ours(s, m))
    if "among" in s.cues or "one of" in s.cues:
        yield from NOT_AMONG.finditer(s.lower, s.start, s.end)
    if s.cues & STAYING_OUT:
        yield from STAYED_OUT.finditer(s.lower, s.start, s.end)


def _listed(s: _Sentence) -> list[CandidateFact]:
    """Two or more countries or bodies in a sentence that lists who took part."""
    here = [m for m in s.mentions if m.entry.kind in ("country", "organisation") and not m.demonym]
    if len(here) < 2 or not s.cues & LIST_CUES:
        return []
    if not LIST_OF_MEMBERS.search(s.lower, s.start, s.end):
        return []
    return [_fact("member", m.entry, m.start, m.end, m.text, 0.6) for m in here]


def _members(s: _Sentence, leaders: list[_Leader]) -> list[CandidateFact]:
    """One fact per actor the sentence places in the coalition, from the first rule that does."""
    found: dict[str, CandidateFact] = {}
    for rule in _rules_for(s.cues):
        for match in rule.pattern.finditer(s.lower, s.start, s.end):
            if not _ours(s, match):
                continue
            for fact in _facts("member", s, rule.names(s, match), rule.confidence):
                found.setdefault(fact.fields["actor"], fact)
    for fact in _led(s, leaders):
        found.setdefault(fact.fields["actor"], fact)
    return list(found.values())


def _facts(kind: str, s: _Sentence, run: list[Mention], confidence: float) -> list[CandidateFact]:
    facts = []
    for mention in run:
        entry = _actor(s, mention)
        if entry is not None:
            facts.append(_fact(kind, entry, mention.start, mention.end, mention.text, confidence))
    return facts


def _actor(s: _Sentence, mention: Mention) -> Entry | None:
    """The country or body a name stands for: a person for the country of their office."""
    entry = mention.entry
    if entry.kind == "person":
        return _country_of(entry.key)
    if entry.kind not in ("country", "organisation"):
        return None
    if mention.demonym and not OFFICIAL.match(s.lower, mention.end):
        return None
    return entry


@cache
def _country_of(person: str) -> Entry | None:
    """The one country whose offices a person held; none when they served more than one, since
    which one a text means depends on its date."""
    names = gazetteer()
    countries = {term.of for term in names.terms.get(person, [])}
    entry = names.by_key.get(countries.pop()) if len(countries) == 1 else None
    return entry if entry is not None and entry.kind == "country" else None


def _led(s: _Sentence, leaders: list[_Leader]) -> list[CandidateFact]:
    """'The U.S.-led coalition': whoever leads it is in it."""
    return [
        _fact("member", entry, *match.span(1), match.group(1), 0.6)
        for match, entry in leaders
        if s.start <= match.start() < s.end
    ]


def _lookup(names: Gazetteer, surface: str) -> Entry | None:
    return names.lookup(surface) or names.by_demonym.get(normalize(surface))


def _subject(s: _Sentence, match: re.Match[str]) -> list[Mention]:
    """The list that ends where the trigger starts, with nothing but titles between."""
    before = [m for m in s.mentions if m.end <= match.start()]
    if not before or not _gap(END_GAP, s, before[-1].end, match.start()):
        return []
    return _back(s, before)


def _object(s: _Sentence, match: re.Match[str], opening: re.Pattern[str] = LINK) -> list[Mention]:
    """The list that starts where the trigger ends."""
    after = [m for m in s.mentions if m.start >= match.end()]
    if not after or not _gap(opening, s, match.end(), after[0].start):
        return []
    run = [after[0]]
    for mention in after[1:]:
        if not _gap(LINK, s, run[-1].end, mention.start):
            break
        run.append(mention)
    return run


def _agent(s: _Sentence, at: int) -> list[Mention]:
    """The list nearest before `at`, past any aside, when no word between makes the trigger
    someone else's claim, a wish or a denial."""
    at = _before_aside(s, at)
    before = [m for m in s.mentions if m.end <= at]
    if not before or at - before[-1].end > LOOSE_GAP:
        return []
    if BLOCK.search(s.lower, before[-1].end, at):
        return []
    run = _back(s, before)
    if PROMPTED.search(s.lower, max(s.start, run[0].start - 30), run[0].start):
        return []  # "urged Germany to join": asked, not done
    return run


def _owner(s: _Sentence, match: re.Match[str]) -> list[Mention]:
    """Only the name right before: in "X and Y's envoy" the envoy is Y's."""
    return _subject(s, match)[-1:]


def _both_sides(s: _Sentence, match: re.Match[str]) -> list[Mention]:
    """ "Norway co-hosted with Kuwait and Japan": the names before and those after."""
    return _subject(s, match) + _object(s, match)


def _named_next(s: _Sentence, match: re.Match[str]) -> list[Mention]:
    return _object(s, match, NEXT_TO)


def _at_meeting(s: _Sentence, match: re.Match[str]) -> list[Mention]:
    """Who hosted or addressed 'the meeting', or 'a meeting' of the coalition."""
    if match.group("definite") is None and not _about_coalition(s):
        return []
    return _subject(s, match)


def _loose(s: _Sentence, match: re.Match[str]) -> list[Mention]:
    return _agent(s, match.start())


def _joined_when(s: _Sentence, match: re.Match[str]) -> list[Mention]:
    """ "Britain joined in August" says what it joined only in a report about the coalition."""
    return _agent(s, match.start()) if s.named else []


def _named(s: _Sentence, match: re.Match[str]) -> list[Mention]:
    return _within(s, match.start("who"), match.end("who"))


def _within(s: _Sentence, start: int, end: int) -> list[Mention]:
    return [m for m in s.mentions if start <= m.start and m.end <= end]


def _before_aside(s: _Sentence, at: int) -> int:
    """Where an aside closed by a comma just before `at` opens, or `at` itself."""
    close = ASIDE_CLOSE.search(s.lower, max(s.start, at - 40), at)
    if close is None:
        return at
    openings = list(ASIDE.finditer(s.lower, s.start, close.start()))
    return openings[-1].start() if openings else at


def _back(s: _Sentence, before: list[Mention]) -> list[Mention]:
    """The last of `before` and the names joined to it in one list, in text order."""
    run = [before[-1]]
    for mention in reversed(before[:-1]):
        if not _gap(LINK, s, mention.end, run[-1].start):
            break
        run.append(mention)
    return run[::-1]


def _gap(pattern: re.Pattern[str], s: _Sentence, start: int, end: int) -> bool:
    return end - start <= MAX_GAP and pattern.fullmatch(s.text, start, end) is not None


def _about_coalition(s: _Sentence) -> bool:
    return s.lower.find("coalition", s.start, s.end) >= 0


def _examples(s: _Sentence, match: re.Match[str]) -> list[Mention]:
    """Names given as examples of those who take part: one is enough in a sentence about the
    coalition, elsewhere it takes a list."""
    if LOCATED.search(s.lower, max(s.start, match.start() - 30), match.start()):
        return []
    run = _object(s, match)
    return run if len(run) >= 2 or _about_coalition(s) else []


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    names: Callable[[_Sentence, re.Match[str]], list[Mention]]
    confidence: float
    # Words the pattern cannot match without, any one of them, and when `also` is given, any one
    # of those too: looking for them once per sentence is far cheaper than running every pattern,
    # and most sentences hold none.
    cues: frozenset[str]
    also: frozenset[str] = frozenset()

    def applies(self, cues: frozenset[str]) -> bool:
        """Whether a sentence that holds `cues` (of CUES) may match."""
        return not self.cues.isdisjoint(cues) and (not self.also or not self.also.isdisjoint(cues))


def _cues(*words: str) -> frozenset[str]:
    return frozenset(words)


COALITION = _cues(*NOUNS)
# What `_MEETING` cannot be written without.
MEETING = _cues(
    "meeting",
    "session",
    "minister",
    "gathering",
    "conference",
    "summit",
    "counterparts",
    "delegat",
    "participants",
    "talks",
)
STAYING_OUT = _cues(
    "declined",
    "refused",
    " not ",
    "turned down",
    "rejected",
    "snubbed",
    "stayed",
    "no seat",
    "rather than",
)
DENIALS = COALITION | STAYING_OUT | _cues("among", "one of")
RULES: tuple[Rule, ...] = (
    Rule(HOSTED, _at_meeting, 0.6, _cues("host", "chair", "conven", "opened", "presided"), MEETING),
    Rule(AS_HOSTS, _subject, 0.6, _cues("host", "chair")),
    Rule(CO_HOSTED_WITH, _both_sides, 0.6, _cues("co-host", "cohost", "co-chair", "co-organi")),
    Rule(
        HOSTED_BY,
        _object,
        0.6,
        _cues("by"),
        _cues("hosted", "chaired", "convened", "organi", "opened", "attended"),
    ),
    Rule(
        ADDRESSED,
        _at_meeting,
        0.5,
        _cues(
            "addressed", "told", "spoke", "speaking", "briefed", "attended", "took", "participated"
        ),
        MEETING,
    ),
    Rule(DELEGATIONS, _object, 0.6, _cues("delegat")),
    Rule(LED_DELEGATION, _named, 0.6, _cues("delegation"), _cues("led", "lead", "head")),
    Rule(
        LIST_INTRODUCED,
        _object,
        0.6,
        _cues(
            "signed",
            "join",
            "taking",
            "particip",
            "attend",
            "signator",
            "member",
            "table",
            "present",
            "sponsor",
        ),
        _cues(":", ",", "were", "was", "sat"),
    ),
    Rule(JOINED_WHEN, _joined_when, 0.6, _cues("joined", "signed")),
    Rule(INCLUDING, _examples, 0.6, _cues("including", "such")),
    Rule(COMPRISES, _object, 0.7, COALITION, _cues("includ", "compris", "brings")),
    Rule(
        MEMBERS_ARE,
        _object,
        0.6,
        _cues("members", "participants", "partners", "signatories", "contributors", "founders"),
        _cues("includ", "compris", " are", " were"),
    ),
    Rule(
        AMONG_PARTICIPANTS,
        _subject,
        0.6,
        _cues("among", " as "),
        _cues("part", "contribut", "attend", "represent", "member", "signator"),
    ),
    Rule(INVITED_BY, _object, 0.6, _cues("invitation")),
    Rule(NAMED_MEMBERS, _named_next, 0.7, _cues("member", "partner")),
    Rule(APPOSITION, _subject, 0.7, _cues("member", "partner")),
    Rule(
        ENVOY,
        _owner,
        0.6,
        COALITION,
        _cues("envoy", "representative", "ambassador", "coordinator"),
    ),
    Rule(LED_BY, _object, 0.6, COALITION, _cues("led", "headed", "chaired")),
    Rule(JOINED, _loose, 0.7, COALITION, _cues("join")),
    Rule(
        FOUNDED,
        _loose,
        0.7,
        COALITION,
        _cues(
            "launched",
            "formed",
            "founded",
            "created",
            "set up",
            "established",
            "unveiled",
            "announced",
        ),
    ),
    Rule(LEADS, _loose, 0.6, COALITION, _cues("lead", "led", "head")),
    Rule(MEMBER_OF, _loose, 0.7, COALITION, _cues("member")),
    Rule(WELCOMED, _named, 0.7, _cues("welcom")),
)
# Every cue, looked for once per sentence.
CUES = LIST_CUES.union(DENIALS, ("-led",), *(rule.cues | rule.also for rule in RULES))


@lru_cache(maxsize=4096)
def _rules_for(cues: frozenset[str]) -> tuple[Rule, ...]:
    """The rules a sentence with these cues may match, in order. Few sets of cues recur, so
    this is worked out once for each rather than rule by rule for every sentence."""
    return tuple(rule for rule in RULES if rule.applies(cues))
