"""Who is who in one document: names, surnames seen earlier, pronouns and unnamed officials."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

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


@dataclass
class Cast:
    """The people a document has named so far, so that "Carter" and "he" can be resolved."""

    gazetteer: Gazetteer
    on: date | None
    surnames: dict[str, Entry] = field(default_factory=dict)
    last_person: Entry | None = None

    def meet(self, mention: Mention) -> None:
        if mention.entry.kind == "person":
            surname = mention.entry.name.split()[-1]
            self.surnames.setdefault(surname, mention.entry)
            self.last_person = mention.entry

    def person(self, name: str) -> Entry | None:
        """A person by full name, known alias, or the surname of someone named earlier."""
        cleaned = re.sub(r"^(?:Mr|Ms|Mrs|Dr|Gen|Adm)\.?\s+", "", name.strip())
        found = self.gazetteer.lookup(cleaned)
        if found is not None and found.kind == "person":
            return found
        return self.surnames.get(cleaned.split()[-1]) if cleaned else None

    def stranger(self, name: str) -> Entry:
        """Someone not in the reference data: a stable key from the name, remembered by surname."""
        key = re.sub(r"[^a-z0-9]+", "-", name.lower().replace("’", "").replace("'", "")).strip("-")
        entry = Entry(key, "person", name)
        self.surnames.setdefault(name.split()[-1], entry)
        self.last_person = entry
        return entry
