"""people.yaml indexed once per process: who held which office when, and which titles name it.

Office-holder cues, the phases of US transitions and the inauguration event all read this index,
so it lives apart from each of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from coalition.intake.dating.cues import FUTURE, PAST, Piece, ordinal_or
from coalition.intake.dating.trie import trie_pattern
from coalition.reference.loader import read


@dataclass(frozen=True)
class Term:
    office: str
    lo: int
    hi: int


@dataclass(frozen=True)
class Holder:
    name: str
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Title:
    phrase: str  # lower case
    offices: frozenset[str]  # offices this phrase names outright
    categories: frozenset[str]  # categories it names generically ("foreign minister")


@dataclass(frozen=True)
class Reference:
    names: re.Pattern[str]
    holders: dict[str, tuple[Holder, ...]]  # by alias
    offices: dict[str, tuple[str, str]]  # key -> (of, category)
    by_last: dict[str, tuple[Title, ...]]  # by last word, longest first
    by_first: dict[str, tuple[Title, ...]]  # by first word, longest first
    countries: dict[str, str]  # lower-case name or demonym -> code
    elect: tuple[Piece, ...]  # US presidents-elect: election to inauguration
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


WORD = re.compile(r"[\w.'-]+")


@cache
def people_index() -> Reference:
    """Index people.yaml once: a name matcher, holders by alias, titles by first and last word."""
    people = read("people.yaml") or {}
    offices = {o["key"]: (str(o["of"]), str(o.get("category", "other"))) for o in people["offices"]}
    holders: dict[str, list[Holder]] = {}
    terms: list[Term] = []
    for entry in people.get("holders", []):
        holder = Holder(str(entry["name"]), tuple(_term(t) for t in entry.get("terms", [])))
        terms += holder.terms
        for alias in {entry["name"], *entry.get("aliases", [])}:
            bare = _HONORIFIC.sub("", str(alias)).strip()
            if bare:
                holders.setdefault(bare, []).append(holder)
    titles = _titles(people["offices"])
    return Reference(
        names=re.compile(rf"(?:{trie_pattern(holders)})(?![\w-])"),
        holders={alias: tuple(found) for alias, found in holders.items()},
        offices=offices,
        by_last=_index(titles, lambda phrase: phrase.rsplit(None, 1)[-1]),
        by_first=_index(titles, _first_word),
        countries=_countries(),
        elect=tuple(Piece(t.lo, t.hi) for t in terms if t.office == "usa-president-elect"),
        inaugurations=tuple(sorted(t.lo for t in terms if t.office == "usa-president")),
    )


def _first_word(phrase: str) -> str:
    """The first word as `offices._title_after` reads it: "commander" in "commander, u.s. ..."."""
    word = WORD.match(phrase)
    return word.group() if word else phrase


def _term(entry: dict[str, Any]) -> Term:
    """A term as an interval; approximate dates are widened by a month on each side."""
    slack = 31 if entry.get("approximate") else 0
    lo = ordinal_or(entry.get("start"), PAST + slack) - slack
    hi = ordinal_or(entry.get("end"), FUTURE - slack) + slack
    return Term(str(entry["office"]), lo, hi)


def _titles(offices: list[dict[str, Any]]) -> list[Title]:
    named: dict[str, set[str]] = {}
    for office in offices:
        for phrase in [office["title"], *office.get("title_aliases", [])]:
            named.setdefault(str(phrase).lower(), set()).add(str(office["key"]))
    generic: dict[str, set[str]] = {}
    for category, phrases in _GENERIC.items():
        for phrase in phrases:
            generic.setdefault(phrase, set()).add(category)
    return [
        Title(phrase, frozenset(named.get(phrase, ())), frozenset(generic.get(phrase, ())))
        for phrase in named.keys() | generic.keys()
    ]


def _index(titles: list[Title], word: Callable[[str], str]) -> dict[str, tuple[Title, ...]]:
    index: dict[str, list[Title]] = {}
    for title in titles:
        index.setdefault(word(title.phrase), []).append(title)
    return {key: tuple(sorted(group, key=lambda t: -len(t.phrase))) for key, group in index.items()}


def _countries() -> dict[str, str]:
    countries: dict[str, str] = {}
    for entry in read("countries.yaml") or []:
        for name in [*entry.get("aliases", []), *entry.get("demonyms", [])]:
            countries[str(name).lower()] = str(entry["code"])
    return countries
