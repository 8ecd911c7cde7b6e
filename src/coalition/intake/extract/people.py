"""Who is who in one document: names, surnames seen earlier, pronouns and unnamed officials."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from coalition.intake.extract.text import Sparse
from coalition.intake.gazetteer import Entry, Gazetteer, Mention

# Letters of the Latin alphabets, so that "Alain Juppé" and "Ahmet Davutoğlu" are names too.
_LATIN = [chr(code) for code in range(0xC0, 0x250)]
UPPER = "A-Z" + "".join(c for c in _LATIN if c.isupper())
LOWER = "a-z" + "".join(c for c in _LATIN if c.islower())
# A capitalised word of a name; "McKnight" and "MacArthur" too.
NAME_WORD = (
    rf"(?:Ma?c(?=[A-Z]))?[{UPPER}]"
    rf"(?:[{LOWER}]+(?:(?!['’]s\b)[-'’][{UPPER}]?[{LOWER}]+)?|['’][{UPPER}][{LOWER}]+)"
)
# A capitalised personal name not in the reference data ("Michael O'Hanlon", "Lise Grande"),
# on one line, perhaps after an abbreviated rank ("Adm. William Gortney"): never across a line
# break or a full stop ("... Government.\n\nMark Kimmitt" is one name, not three words).
_GAP = r"[^\S\n]+"
NAME = re.compile(
    rf"\b(?:{NAME_WORD}{_GAP}|[A-Z][a-z]{{0,3}}\.{_GAP})?{NAME_WORD}"
    rf"(?:{_GAP}(?:al-|bin{_GAP}|de{_GAP}|van{_GAP})?{NAME_WORD}){{1,2}}(?=['’]s\b|(?![\w'’]))"
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
    # Ranks and forms of address, written out or abbreviated ("Vice Adm.", "Lt. Gen.").
    "Adm",
    "Rear",
    "Lt",
    "Col",
    "Maj",
    "Capt",
    "Brig",
    "Cmdr",
    "Commander",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Dame",
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
    """The personal name in a capitalised phrase: everything up to its last title word dropped
    ("French Foreign Minister Alain Juppé"), institutions refused."""
    words = text.split()
    if any(w.strip(".,") in INSTITUTION_WORDS for w in words):
        return None
    titles = [n for n, word in enumerate(words) if word.strip(".") in TITLE_WORDS]
    words = words[titles[-1] + 1 :] if titles else words
    return " ".join(words) if len(words) >= 2 else None


# A title run at the head of a phrase, up to its last title word: "French Foreign Minister ",
# "Secretary of State ", "Vice Adm. ".
_TITLE_RUN = re.compile(
    rf"^(?:(?:[{UPPER}][\w.'’-]*|of|for|and|the){_GAP})*"
    rf"(?:{'|'.join(sorted(TITLE_WORDS, key=len, reverse=True))})\.?{_GAP}"
)


def without_title(text: str) -> str:
    """The phrase after the title that opens it: "Alain Juppé" of "French Foreign Minister Alain
    Juppé" (a name may then be found in what is left, however many title words came first)."""
    found = _TITLE_RUN.match(text)
    return text[found.end() :] if found is not None else text


def person_key(name: str) -> str:
    """A stable key for someone outside the reference data: the name in ASCII, as a slug
    ("Alain Juppé" -> "alain-juppe", like the keys of people.yaml)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower().replace("’", "").replace("'", "")).strip("-")


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
        entry = Entry(person_key(name), "person", name)
        self._remember(entry)
        self.last_person = entry
        return entry
