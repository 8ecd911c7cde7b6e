"""Names of actors found in text, from the packaged reference data (no database needed).

Workers in other processes use this to resolve "Britain", "the U.S." or "Defense Secretary Ash
Carter" without a session. The matcher is one compiled regular expression built from a trie of all
names, so finding every name in a document is a single scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import pycountry

from coalition.partners.names import normalize
from coalition.reference.loader import read


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str  # country, organisation, group, person
    name: str


@dataclass(frozen=True)
class Term:
    """A person's term in an office, as people.yaml gives it."""

    person: str
    title: str
    of: str
    category: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entry: Entry
    demonym: bool


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of `words` factored as a trie: fast to match, longest name first."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


class Gazetteer:
    def __init__(self) -> None:
        self.by_name: dict[str, Entry] = {}
        self.by_key: dict[str, Entry] = {}
        self.by_demonym: dict[str, Entry] = {}
        self.terms: dict[str, list[Term]] = {}
        self._surfaces: set[str] = set()
        self._resolved: dict[str, tuple[Entry | None, bool]] = {}
        self._load()
        pattern = trie_pattern(sorted(self._surfaces, key=len, reverse=True))
        self.matcher = re.compile(rf"(?<![\w.-])(?:{pattern})(?![\w-])")

    def _add(self, entry: Entry, names: list[str], demonyms: list[str] | None = None) -> None:
        self.by_key.setdefault(entry.key, entry)
        for name in names:
            if not name or len(name) < 2:
                continue
            self.by_name.setdefault(normalize(name), entry)
            self._surfaces.add(name)
            if name[0].islower():  # "al-Abadi" opens a sentence as "Al-Abadi"
                self._surfaces.add(name[0].upper() + name[1:])
        for demonym in demonyms or []:
            self.by_demonym.setdefault(normalize(demonym), entry)
            self._surfaces.add(demonym)

    def _load(self) -> None:
        extra = {e["code"]: e for e in read("countries.yaml")}
        iso = {country.alpha_3 for country in pycountry.countries}
        for country in pycountry.countries:
            entry = Entry(
                country.alpha_3, "country", getattr(country, "common_name", None) or country.name
            )
            more = extra.get(country.alpha_3, {})
            names = [country.name, getattr(country, "common_name", ""), *more.get("aliases", [])]
            self._add(entry, names, more.get("demonyms", []))
        for code, more in extra.items():
            if code not in iso:  # a user-assigned code (Kosovo)
                self._add(
                    Entry(code, "country", more.get("name", code)),
                    [more.get("name", ""), *more.get("aliases", [])],
                    more.get("demonyms", []),
                )
        for file, kind in (("organisations.yaml", "organisation"), ("groups.yaml", "group")):
            for item in read(file):
                self._add(
                    Entry(item["code"], kind, item["name"]),
                    [item["name"], *item.get("aliases", [])],
                )
        people = read("people.yaml") or {}
        offices = {o["key"]: o for o in people.get("offices", [])}
        for holder in people.get("holders", []):
            entry = Entry(holder["key"], "person", holder["name"])
            self._add(entry, [holder["name"], *holder.get("aliases", [])])
            self.terms[holder["key"]] = [
                Term(
                    holder["key"],
                    offices[t["office"]]["title"],
                    offices[t["office"]]["of"],
                    offices[t["office"]].get("category", "other"),
                    _day(t.get("start")),
                    _day(t.get("end")),
                )
                for t in holder.get("terms", [])
            ]

    def mentions(self, text: str) -> Iterator[Mention]:
        for match in self.matcher.finditer(text):
            surface = match.group()
            found = self._resolved.get(surface)
            if found is None:
                found = self._resolved[surface] = self._resolve(surface)
            entry, demonym = found
            if entry is not None:
                yield Mention(match.start(), match.end(), surface, entry, demonym)

    def _resolve(self, surface: str) -> tuple[Entry | None, bool]:
        """The entry a matched surface names, and whether as a demonym. Remembered per surface
        (the matcher only matches known names, so the memory is bounded): normalising is the
        dearest step of a scan, and the same few names recur in every report."""
        key = normalize(surface)
        entry = self.by_name.get(key)
        return (entry, False) if entry is not None else (self.by_demonym.get(key), True)

    def lookup(self, name: str) -> Entry | None:
        return self.by_name.get(normalize(name))

    def office_at(self, person: str, on: date | None) -> Term | None:
        """The office a person held on a date (the latest one when no date is known)."""
        terms = self.terms.get(person, [])
        if on is not None:
            current = [
                t
                for t in terms
                if (t.start is None or t.start <= on) and (t.end is None or on <= t.end)
            ]
            if current:
                return current[0]
        return terms[-1] if terms and on is None else None


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
