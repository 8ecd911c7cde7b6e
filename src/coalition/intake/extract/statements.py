"""Direct quotations and who said them.

A quotation is found by its marks (curly or straight; a quote left open at the end of a paragraph
runs on into the next one, as news style does). Its speaker is looked for in the attribution after
it (`," Carter said`, `," said Tony Blinken`), then before it in the same sentence (`Pompeo told
ministers that "..."`), then carried over from the previous quotation when a paragraph is only a
continued quote. Names resolve through the reference data and the document's own cast (surnames
seen earlier, "Prince Faisal" for a royal named in full, "he" for the last speaker or for the
subject of the latest sentence that named someone, "Allen cautioned ..." included); unnamed
speakers keep the description the text gives ("a senior U.S. official") and the affiliation it
implies, even when it goes on to name someone else ("travelling with Tillerson").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from coalition.intake.document import CandidateFact, Span
from coalition.intake.extract.meetings import places
from coalition.intake.extract.offices import organisation_in, plain_title, title_around
from coalition.intake.extract.people import (
    ANONYMOUS,
    ANONYMOUS_FOLDED,
    COURTESY_TITLE,
    GIVEN_NAME_TITLES,
    NAME,
    NAME_WORD,
    NOT_NAMES,
    OFFICE_HEADS,
    UPPER,
    Cast,
    person_name,
    without_title,
)
from coalition.intake.extract.text import SENTENCE_END, folded, sentences
from coalition.intake.gazetteer import Entry, Gazetteer, Mention

VERBS = (
    r"said|says|told|tells|added|adds|noted|notes|stressed|warned|explained|asked|urged|declared|"
    r"insisted|argued|wrote|writes|called|described|estimated|recalled|tweeted|continued|"
    r"acknowledged|emphasi[sz]ed|insist|say|tell|announced|cautioned|pointed out"
)
SPEECH = re.compile(rf"\b(?:{VERBS})\b")
AFTER_SUBJECT_VERB = re.compile(
    rf"^[,.!?…—–\s]*(?P<who>[^“”\"\n]{{1,140}}?)\s+(?:{VERBS})\b", re.DOTALL
)
AFTER_VERB_SUBJECT = re.compile(
    rf"^[,.!?…—–\s]*(?:(?:{VERBS})|according to)\s+"
    rf"(?P<who>(?:[^,.;“”\"\n]|(?<=\b[A-Z])\.){{2,120}})"
)
TRAILING_PRONOUN = re.compile(r"(?:^|[\s,”\"])(he|she)\s*$", re.IGNORECASE)
PRONOUN = re.compile(r"^(?:he|she)$", re.IGNORECASE)
MIN_WORDS = 3
# Titles that news writing puts straight before a full name ("Foreign Minister Nasser Bourita").
NAME_TITLES = (*OFFICE_HEADS, "Sheikh", "Prince")
# Small words that only a headline capitalises ("Secretary Smith To Host Talks"): a phrase with
# one is not a name.
HEADLINE_WORDS = frozenset({"To", "Of", "For", "At", "With", "From", "By", "Is", "Are", "Will"})
_AFTER_TITLE = "|".join(f"(?<={re.escape(title)} )" for title in NAME_TITLES)
# Names of people outside the reference data, recognised by what comes before them (a title) or
# after them: an apposition ("Michael O'Hanlon, co-director of ...") or a speech verb. A name
# starts with a capital: the leading look-ahead says so, and lets the engine drop most positions a
# fifth faster.
STRANGER = re.compile(
    rf"(?=[{UPPER}])(?:(?:{_AFTER_TITLE})(?P<titled>))?(?P<name>{NAME.pattern})"
    rf"(?(titled)|(?=,\s+(?:who\b|an?\s|the\s|co-|[a-z]|UN\b|U\.S\.)|\s+(?:{VERBS})\b))"
)


# Someone already named, referred to again by surname alone or by a royal title and given name
# ("Allen", "Mr. Allen", "Prince Faisal"). At the head of a sentence and followed by a lower-case
# word or a comma ("Bourita told ...", "Nuland, who ..."), it is the sentence's subject.
_REFERENCE = rf"(?:{COURTESY_TITLE}|(?:{'|'.join(GIVEN_NAME_TITLES)})\s+)?" + NAME_WORD
REFERENCE = re.compile(_REFERENCE)
SUBJECT_REFERENCE = re.compile(rf"\s*(?P<who>{_REFERENCE})(?=,|\s+[a-z])")
# After an unnamed speaker's description, a lower-case word ties what follows to it (see
# `_unnamed_opening`); nothing at all after it leaves the description alone.
LINKED = re.compile(r"\s+[a-z]|$")
DOCUMENTS = ("report", "reports", "statement", "statements")


@dataclass
class Quote:
    start: int  # inside the marks
    end: int
    opens_paragraph: bool
    opens_sentence: bool = False


_MARKS = re.compile(r'[“”"\n]')


def quotations(text: str) -> list[Quote]:
    """Every quotation, by its marks; straight quotes toggle within a paragraph."""
    quotes: list[Quote] = []
    start: int | None = None
    paragraph_start = 0
    for mark in _MARKS.finditer(text):
        char, index = mark.group(), mark.start()
        if char == "\n":
            if start is not None:  # left open: runs on to the end of this paragraph
                quotes.append(Quote(start, index, _opens(text, start, paragraph_start)))
                start = None
            paragraph_start = index + 1
        elif char == "“" or (char == '"' and start is None):
            if start is not None:
                quotes.append(Quote(start, index, _opens(text, start, paragraph_start)))
            start = index + 1
        elif start is not None:
            quotes.append(Quote(start, index, _opens(text, start, paragraph_start)))
            start = None
    if start is not None:
        quotes.append(Quote(start, len(text), _opens(text, start, paragraph_start)))
    for quote in quotes:
        before = text[max(0, quote.start - 3) : quote.start - 1].rstrip(" ")
        quote.opens_sentence = quote.opens_paragraph or before[-1:] in (".", "!", "?", "")
    return quotes


def _opens(text: str, start: int, paragraph_start: int) -> bool:
    return not text[paragraph_start : start - 1].strip()


def _strangers(
    text: str, gazetteer: Gazetteer, people: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """Names of people outside the reference data (see `STRANGER`), in text order."""

    def covered(position: int) -> bool:
        return any(start <= position < end for start, end in people)

    for m in STRANGER.finditer(text):
        name = m.group("name")
        if (
            not covered(m.start("name"))
            and not covered(m.end("name") - 1)
            and person_name(name) is not None
            and name.split()[0] not in NOT_NAMES
            and HEADLINE_WORDS.isdisjoint(name.split())
            and gazetteer.lookup(name) is None
            and name.lower() not in gazetteer.by_name
        ):
            yield m


class _Ahead:
    """Matches in text order, found only as far as they are asked for. Speakers are named before
    their quotations, so nothing after a document's last quotation (often well before its end)
    needs finding, and in a document without one nothing at all: the scans for names and
    unnamed speakers cost more than the rest of reading statements."""

    def __init__(self, matches: Iterator[re.Match[str]]) -> None:
        self._matches = matches
        self._next: re.Match[str] | None = None
        self._started = False

    def until(self, position: int) -> list[re.Match[str]]:
        """The matches that start before `position`, less those given before."""
        if not self._started:
            self._next, self._started = next(self._matches, None), True
        found = []
        while self._next is not None and self._next.start() < position:
            found.append(self._next)
            self._next = next(self._matches, None)
        return found


class StatementFinder:
    def __init__(
        self,
        text: str,
        gazetteer: Gazetteer,
        on: date | None,
        mentions: list[Mention] | None = None,
    ):
        self.text = text
        self.cast = Cast(gazetteer, on)
        self.gazetteer = gazetteer
        self.on = on
        self.mentions = mentions if mentions is not None else list(gazetteer.mentions(text))
        self.seen = 0
        self.last_speaker: dict[str, Any] | None = None
        self.last_anonymous: dict[str, Any] | None = None
        self.last_quote_end = -1
        self.last_quote_paragraph = -1
        self.person_since_quote = False
        people = [(m.start, m.end) for m in self.mentions if m.entry.kind == "person"]
        # Both read lazily, only as far as the quotations reach (see `_Ahead`).
        self.strangers = _Ahead(_strangers(text, gazetteer, people))
        # Unnamed speakers as the story introduces them ("another senior U.S. official said ..."),
        # so that a later "the official said" knows whom it means.
        self.introduced = _Ahead(
            m for m in ANONYMOUS_FOLDED.finditer(folded(text)) if not m.group().startswith("the ")
        )
        self.sentence_starts = [start for start, _end in sentences(text)]
        self.seen_sentences = 0
        self.person_starts = {start for start, _end in people}
        self.subject: Entry | None = None
        self.subject_sentence = -1
        # Title and affiliation of people outside the reference data, as first named with them.
        self.titles: dict[str, tuple[str | None, str | None]] = {}

    def _meet_until(self, position: int) -> None:
        """Learn the people named before `position`, in text order."""
        events: list[tuple[int, Any]] = []
        while self.seen < len(self.mentions) and self.mentions[self.seen].start < position:
            events.append((self.mentions[self.seen].start, self.mentions[self.seen]))
            self.seen += 1
        events.extend((m.start(), m) for m in self.strangers.until(position))
        for found in self.introduced.until(position):
            inside = [m for m in self.mentions if found.start() <= m.start < found.end()]
            described = self.text[found.start() : found.end()]  # as written, not folded
            self.last_anonymous = self._anonymous(described, described, inside)
        events.extend(self._references_until(position))
        for start, event in sorted(events, key=lambda e: e[0]):
            if self._meet(start, event) and start > self.last_quote_end:
                self.person_since_quote = True

    def _references_until(self, position: int) -> list[tuple[int, re.Match[str]]]:
        """Sentences before `position` that open on someone named earlier ("Allen cautioned"):
        news writing names a person in full once, then by surname, so the sentence a later "he"
        leans on often names its subject this way. Only sentence heads are tried, once each."""
        found = []
        while (
            self.seen_sentences < len(self.sentence_starts)
            and self.sentence_starts[self.seen_sentences] < position
        ):
            head = SUBJECT_REFERENCE.match(self.text, self.sentence_starts[self.seen_sentences])
            self.seen_sentences += 1
            if (
                head is not None
                and head.group("who") not in NOT_NAMES
                and head.start("who") not in self.person_starts  # a full name, met already
            ):
                found.append((head.start("who"), head))
        return found

    def _meet(self, start: int, event: Mention | re.Match[str]) -> bool:
        """Let the cast meet one name in the text; whether it named a person."""
        if isinstance(event, Mention):
            self.cast.meet(event)
            if event.entry.kind == "person":
                self._note_subject(start, event.entry)
            return event.entry.kind == "person"
        if event.re is SUBJECT_REFERENCE:
            known = self.cast.named_before(event.group("who"))
            if known is None:
                return False
        else:
            name = person_name(event.group("name")) or event.group("name")
            known = self.cast.person(name) or self.cast.stranger(name)
            self._sighted(known, event.end("name") - len(name), event.end("name"))
        self.cast.last_person = known
        self._note_subject(start, known)
        return True

    def find(self) -> list[CandidateFact]:
        facts = []
        for quote in quotations(self.text):
            words = self.text[quote.start : quote.end].split()
            self._meet_until(quote.start)
            speaker, confidence = self._attribute(quote)
            if len(words) < MIN_WORDS:
                continue  # a scare quote or a label, not a statement
            if speaker is not None:
                self.last_speaker = speaker
                if speaker.get("anonymous"):
                    self.last_anonymous = speaker
            self.last_quote_end = quote.end
            self.last_quote_paragraph = self._paragraph(quote.start)
            self.person_since_quote = False
            facts.append(self._fact(quote, speaker, confidence))
        return facts

    def _fact(
        self, quote: Quote, speaker: dict[str, Any] | None, confidence: float
    ) -> CandidateFact:
        words = self.text[quote.start : quote.end]
        fields: dict[str, Any] = {
            "quote": words,
            "said_on": self.on.isoformat() if self.on else None,
            "speaker": None,
            "speaker_name": None,
            "speaker_title": None,
            "anonymous": None,
            "affiliation": None,
        }
        if speaker is not None:
            fields.update(speaker)
        span = Span(quote.start, quote.end, words)
        return CandidateFact("statement", fields, [span], confidence if speaker else 0.4)

    def _attribute(self, quote: Quote) -> tuple[dict[str, Any] | None, float]:
        after = self._after(quote)
        if after is not None:
            return after, 0.9
        before = self._before(quote)
        if before is not None:
            return before, 0.8
        same_paragraph = self._paragraph(quote.start) == self.last_quote_paragraph
        if (quote.opens_paragraph or same_paragraph) and self.last_speaker is not None:
            return self.last_speaker, 0.7  # the quotation goes on, or the same speaker again
        return None, 0.3

    def _note_subject(self, position: int, person: Entry | None) -> None:
        """The first person a sentence names is its likely subject, whom a later "he" means."""
        sentence = bisect.bisect_right(self.sentence_starts, position)
        if person is not None and sentence != self.subject_sentence:
            self.subject, self.subject_sentence = person, sentence

    def _paragraph(self, position: int) -> int:
        return self.text.count("\n", 0, position)

    def _after(self, quote: Quote) -> dict[str, Any] | None:
        tail_start = quote.end + (1 if quote.end < len(self.text) else 0)
        tail = self.text[tail_start : tail_start + 200]
        boundary = SENTENCE_END.search(tail)
        sentence = tail[: boundary.start()] if boundary else tail
        if sentence[:1].strip() and sentence[:1] not in ",.!?—–…":
            sentence = ""  # the quotation is mid-sentence ("called it “real” and moved on")
        for pattern in (AFTER_VERB_SUBJECT, AFTER_SUBJECT_VERB):
            match = pattern.match(sentence)
            if match:
                who = self._resolve(match.group("who"), tail_start + match.start("who"))
                if who is not None:
                    return who
        if sentence and quote.opens_sentence:
            # `"...," was the verdict of Defense Secretary Ash Carter`: the one person named.
            named = [
                m
                for m in self.mentions
                if tail_start <= m.start < tail_start + len(sentence) and m.entry.kind == "person"
            ]
            if named:
                return self._person(named[0].entry)
        return None

    def _before(self, quote: Quote) -> dict[str, Any] | None:
        head_start = max(self.text.rfind("\n", 0, quote.start) + 1, quote.start - 300)
        head = self.text[head_start : quote.start - 1]
        ends = [m.end() for m in SENTENCE_END.finditer(head)]
        offset = ends[-1] if ends else 0
        sentence = head[offset:]
        verbs = list(SPEECH.finditer(sentence))
        if not verbs:
            return None
        subject = sentence[: verbs[-1].start()]
        closing = max(subject.rfind("”"), subject.rfind('"'))
        start = closing + 1 if closing >= 0 else 0
        found = self._resolve(subject[start:], head_start + offset + start, last=True)
        if found is None and self.last_speaker is not None and not self.person_since_quote:
            return self.last_speaker  # "The Secretary of State also said ..." after his quotes
        return found

    def _resolve(self, who: str, at: int, last: bool = False) -> dict[str, Any] | None:
        """A speaker from the words that name them."""
        who_clean = who.strip(" ,")
        if PRONOUN.match(who_clean) or TRAILING_PRONOUN.search(who_clean):
            if self.last_speaker and not self.person_since_quote:
                return self.last_speaker
            return self._person(self.subject or self.cast.last_person)
        lead = who_clean.split(",")[0].strip()
        if lead != who_clean:  # "Cammack, who worked for Kerry, said": the subject comes first
            found = self._resolve(lead, at + (len(who) - len(who.lstrip(" ,"))), last)
            if found is not None:
                return found
        mentions = [m for m in self.mentions if at <= m.start < at + len(who)]
        offset = at + len(who) - len(who.lstrip(" ,"))
        unnamed = _unnamed_opening(who_clean)
        if unnamed is not None:  # "a senior official travelling with Tillerson"
            return self._described(unnamed, who_clean, mentions, offset)
        people = [m for m in mentions if m.entry.kind == "person"]
        if people:
            return self._person(people[-1 if last else 0].entry)
        anonymous = list(ANONYMOUS.finditer(who_clean))
        for name in NAME.finditer(without_title(who_clean)):
            text = person_name(name.group())
            if text is None or text.split()[0] in NOT_NAMES or self.gazetteer.lookup(text):
                continue
            known = self.cast.person(text) or self.cast.stranger(text)
            where = self.text.find(text, at, at + len(who))
            if where >= 0:
                self._sighted(known, where, where + len(text))
            return self._person(known, who_clean)
        if anonymous:
            return self._described(anonymous[-1], who_clean, mentions, offset)
        single = REFERENCE.fullmatch(who_clean.split(",")[0].strip())
        if single:
            again = self.cast.person(single.group())
            if again is not None:
                return self._person(again)
        return None

    def _described(
        self, described: re.Match[str], who: str, mentions: list[Mention], offset: int
    ) -> dict[str, Any]:
        """An unnamed speaker, with the names inside the description ("a British official")."""
        inside = [m for m in mentions if described.start() <= m.start - offset < described.end()]
        return self._anonymous(described.group(), who, inside)

    def _sighted(self, person: Entry, start: int, end: int) -> None:
        """Someone the reference data does not know, named at `start:end`: the title next to
        the name, the first time there is one, and whose office it is."""
        if person.key in self.titles or self.gazetteer.by_key.get(person.key) is not None:
            return
        titled = title_around(self.text, start, end)
        if titled is not None:
            begin, finish, title = titled
            self.titles[person.key] = (
                plain_title(title),
                organisation_in(self.mentions, begin, finish),
            )

    def _person(self, entry: Entry | None, context: str = "") -> dict[str, Any] | None:
        if entry is None:
            return None
        term = self.gazetteer.office_at(entry.key, self.on)
        title: str | None
        affiliation: str | None
        if term is not None:
            title, affiliation = term.title, term.of
        else:
            title, affiliation = self.titles.get(entry.key, (_apposition(context), None))
        return {
            "speaker": entry.key,
            "speaker_name": entry.name,
            "speaker_title": title,
            "anonymous": None,
            "affiliation": affiliation,
        }

    def _anonymous(self, description: str, context: str, mentions: list[Mention]) -> dict[str, Any]:
        if description.lower().startswith("the ") and self.last_anonymous is not None:
            return self.last_anonymous
        affiliation = next((m.entry.key for m in mentions if m.entry.kind != "person"), None)
        affiliation = affiliation or institution_country(description)
        if affiliation is None and self.last_anonymous is not None:
            affiliation = self.last_anonymous["affiliation"]  # "one official" among U.S. officials
        return {
            "speaker": None,
            "speaker_name": None,
            "speaker_title": None,
            "anonymous": description,
            "affiliation": affiliation,
        }


def _unnamed_opening(who: str) -> re.Match[str] | None:
    """The unnamed speaker that `who` opens on, when what follows only qualifies them.

    In "a senior official travelling with Tillerson" or "an aide to the minister" a lower-case
    word ties the rest to the description, so a name there is someone else; in "State Department
    spokesman Ned Price" the description is the named speaker's title. A document ("a statement
    by the minister") speaks for whoever issued it, so it is left to the other rules.
    """
    described = ANONYMOUS.match(who)
    if described is None or described.group().lower().endswith(DOCUMENTS):
        return None
    return described if LINKED.match(who, described.end()) else None


def institution_country(description: str) -> str | None:
    """ "a State Department official" speaks for the country of the State Department."""
    cities, venues, _pattern = places()
    for venue, city in venues.items():
        if venue.lower() in description.lower():
            return cities.get(city)
    return None


def _apposition(context: str) -> str | None:
    """ "Michael O'Hanlon, co-director of ..." gives the title after the comma."""
    parts = context.split(",", 1)
    return parts[1].strip() or None if len(parts) == 2 else None


def find_statements(
    text: str, gazetteer: Gazetteer, on: date | None, mentions: list[Mention] | None = None
) -> list[CandidateFact]:
    return StatementFinder(text, gazetteer, on, mentions).find()
