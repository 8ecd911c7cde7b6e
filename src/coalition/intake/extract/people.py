"""Who is who in one document: names, surnames seen earlier, pronouns and unnamed officials."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from coalition.intake.extract.text import Sparse
from coalition.intake.gazetteer import Entry, Gazetteer, Mention

# A capitalised personal name not in the reference data ("Michael O'Hanlon", "Lise Grande").
_WORD = r"[A-Z](?:[a-z]+(?:[-'’][A-Z]?[a-z]+)?|['’][A-Z][a-z]+)"
NAME = re.compile(
    rf"\b(?:{_WORD}\.?\s+)?{_WORD}(?:\s+(?:al-|bin\s|de\s|van\s)?{_WORD}){{1,2}}(?![\w'’])"
)
# Words that open a title, not a name ("Foreign Minister Nasser Bourita"), and words that make a
# capitalised phrase an institution rather than a person ("Africa Focus Group").
TITLE_WORDS = {
    "Foreign",
    "Defence",
    "Defense",
    "Minister",
    "Secretary",
    "President",
    "Prime",
    "Deputy",
    "General",
    "Gen",
    "Ambassador",
    "Envoy",
    "Special",
    "Senior",
    "Chief",
    "Prince",
    "King",
    "Sheikh",
    "Vice",
    "Under",
    "Assistant",
    "Admiral",
    "Colonel",
    "Army",
    "Marine",
    "Retired",
    "State",
    "Interior",
    "Spokesman",
    "Spokeswoman",
}
# The head words of office titles ("Foreign Minister Nasser Bourita", "the defence secretary",
# "the president's special envoy"): the speaker rules read a name after one, the office rules
# read a title around a name by one.
OFFICE_HEADS = (
    "Minister",
    "Secretary",
    "President",
    "Premier",
    "Ambassador",
    "Envoy",
    "Chancellor",
    "General",
    "Gen.",
    "Admiral",
    "Commander",
    "Coordinator",
    "Representative",
    "Chief",
    "Spokesman",
    "Spokeswoman",
)
INSTITUTION_WORDS = {
    "Group",
    "Committee",
    "Council",
    "Department",
    "Ministry",
    "Office",
    "Coalition",
    "Forces",
    "Command",
    "Agency",
    "Organization",
    "Organisation",
    "Union",
    "Nations",
    "Institute",
    "Center",
    "Centre",
    "Program",
    "Programme",
    "University",
    "Post",
    "Times",
    "News",
    "Press",
    "House",
    "Base",
    "Conference",
}


def person_name(text: str) -> str | None:
    """The personal name in a capitalised phrase: titles dropped, institutions refused."""
    words = text.split()
    if any(w.strip(".,") in INSTITUTION_WORDS for w in words):
        return None
    while words and words[0].strip(".") in TITLE_WORDS:
        words.pop(0)
    return " ".join(words) if len(words) >= 2 else None


NOT_NAMES = {"The", "But", "And", "In", "On", "As", "It", "He", "She", "They", "We", "This", "That"}

# Unnamed speakers: "a senior U.S. official", "the State Department spokesman".
ANONYMOUS = re.compile(
    r"\b(?:(?:a|an|one|another|the|two|several|other)\s+)?(?:(?:senior|top|high-ranking|"
    r"western|european|american|u\.s\.|us|british|french|iraqi|defen[cs]e|state department|"
    r"administration|coalition|military|pentagon|department|watchdog)\s+)*(?:official|officials|"
    r"diplomat|diplomats|spokesman|spokeswoman|spokesperson|aide|officer|report|statement)s?\b",
    re.IGNORECASE,
)
# The same, for the lower-case copy of a whole document (see `folded`), read near its nouns only.
ANONYMOUS_FOLDED = Sparse(
    re.compile(ANONYMOUS.pattern),
    ("official", "diplomat", "spokes", "aide", "officer", "report", "statement"),
    re.compile(r"[a-z.\s-]*"),
)

# Titles that English news writing puts before a given name rather than a surname: Gulf royals and
# rulers are "Prince Faisal" or "Sheikh Sabah" once their full name has been given.
GIVEN_NAME_TITLES = ("Crown Prince", "Prince", "Princess", "Sheikh", "Sheikha", "King", "Queen")
_GIVEN_NAME_TITLE = re.compile(rf"^(?:{'|'.join(GIVEN_NAME_TITLES)})\s+(?P<given>\S+)$")
# Titles that go before a surname and say nothing about who it is ("Mr. Allen", "Gen. Votel").
COURTESY_TITLE = r"(?:Mr|Ms|Mrs|Dr|Gen|Adm)\.?\s+"
_COURTESY_TITLE = re.compile(rf"^{COURTESY_TITLE}")


@dataclass
class Cast:
    """The people a document has named so far, so that "Carter" and "he" can be resolved."""

    gazetteer: Gazetteer
    on: date | None
    surnames: dict[str, Entry] = field(default_factory=dict)
    given_names: dict[str, Entry] = field(default_factory=dict)
    last_person: Entry | None = None

    def meet(self, mention: Mention) -> None:
        if mention.entry.kind == "person":
            self._remember(mention.entry)
            self.last_person = mention.entry

    def _remember(self, entry: Entry) -> None:
        """The first person named with a surname or given name keeps it: a writer who brings in a
        second one of the same name goes on naming them in full, so a bare "Allen" or "Prince
        Faisal" means the first."""
        words = entry.name.split()
        self.surnames.setdefault(words[-1], entry)
        self.given_names.setdefault(words[0], entry)

    def person(self, name: str) -> Entry | None:
        """A person by full name, known alias, or as `named_before` finds them."""
        cleaned = _COURTESY_TITLE.sub("", name.strip())
        found = self.gazetteer.lookup(cleaned)
        if found is not None and found.kind == "person":
            return found
        return self.named_before(cleaned)

    def named_before(self, name: str) -> Entry | None:
        """Someone this document has named, by surname ("Mr. Allen") or by a royal title and given
        name ("Prince Faisal"). Needs no look-up in the reference data, so it is cheap to try."""
        cleaned = _COURTESY_TITLE.sub("", name.strip())
        royal = _GIVEN_NAME_TITLE.match(cleaned)
        if royal is not None:
            return self.given_names.get(royal.group("given"))
        return self.surnames.get(cleaned.split()[-1]) if cleaned else None

    def stranger(self, name: str) -> Entry:
        """Someone not in the reference data: a stable key from the name, remembered by surname."""
        key = re.sub(r"[^a-z0-9]+", "-", name.lower().replace("’", "").replace("'", "")).strip("-")
        entry = Entry(key, "person", name)
        self._remember(entry)
        self.last_person = entry
        return entry
