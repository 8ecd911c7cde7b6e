"""The boilerplate rules: each is a name and tests over one stripped line and its context.

Rules are explicit patterns a scraper's output really shows; a line that no rule names is kept,
which is why quotations and numbers survive unless a rule says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from coalition.intake.cleaning.stated import published_date


@dataclass
class Context:
    """What a rule may know about the lines above: enough for letters and captions."""

    previous: str = ""  # the rule of the previous non-blank line
    in_letter: bool = False  # inside a letter to the reader, which runs to its signature
    signature_left: int = 0  # short lines after "Sincerely," that still belong to the letter

    def after(self, rule: str, text: str) -> None:
        """Move past a non-blank line that `rule` decided."""
        letter = rule == "donation letter"
        if letter and _VALEDICTION.fullmatch(text):
            self.in_letter, self.signature_left = False, 2
        elif letter and (self.in_letter or _SALUTATION.fullmatch(text)):
            self.in_letter = True
        else:
            self.signature_left = self.signature_left - 1 if letter else 0
        self.previous = rule


Test = Callable[[str, Context], bool]


@dataclass(frozen=True)
class Rule:
    """A named kind of boilerplate and the tests that recognise one line of it (any will do)."""

    name: str
    tests: tuple[Test, ...]

    def matches(self, text: str, context: Context) -> bool:
        return any(test(text, context) for test in self.tests)


def _rule(name: str, *tests: Test) -> Rule:
    return Rule(name, tests)


class _Whole:
    """A test for lines that hold nothing but the pattern (and trailing marks). Such lines are
    short, so longer ones are not even tried: paragraphs are most of the text."""

    def __init__(self, source: str, flags: int, longest: int) -> None:
        assert flags & ~re.IGNORECASE == 0  # `_ANY_WHOLE` carries no other flag over
        self.source = rf"(?:{source})[\s.!:»›>|]*"
        self.case_blind = bool(flags & re.IGNORECASE)
        self.longest = longest
        self.pattern = re.compile(self.source, flags)

    def __call__(self, text: str, context: Context) -> bool:
        return len(text) <= self.longest and self.pattern.fullmatch(text) is not None


def _whole(source: str, flags: int = re.IGNORECASE, longest: int = 200) -> _Whole:
    return _Whole(source, flags, longest)


def _ending(source: str, hint: str, flags: int = re.IGNORECASE, width: int = 120) -> Test:
    """A rule for lines that end with the pattern. Only the tail is searched, and only when it
    holds `hint` (lower case): searching every long line in full would cost most of the time."""
    pattern = re.compile(rf"(?:{source})\W*$", flags)

    def test(text: str, context: Context) -> bool:
        tail = text[-width:]
        return hint in tail.lower() and pattern.search(tail) is not None

    return test


_SALUTATION = re.compile(
    r"dear (?:valued |loyal |fellow )?(?:reader|friend|subscriber|supporter|visitor|member)s?"
    r"[,:!.]?",
    re.IGNORECASE,
)
_VALEDICTION = re.compile(
    r"(?:sincerely(?: yours)?|yours (?:truly|sincerely)|(?:with )?(?:warm |best |kind )?regards"
    r"|thank you(?: for reading)?|thanks(?: for reading)?|with gratitude|gratefully)[,.!]?",
    re.IGNORECASE,
)
_FINAL_PUNCTUATION = ".!?,;:…"
_CLOSERS = "\"'”’)]»"


def ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in tuple(_FINAL_PUNCTUATION)


def _in_donation_letter(text: str, context: Context) -> bool:
    """A letter to the reader runs from its salutation to its signature (or the end)."""
    if context.in_letter or _SALUTATION.fullmatch(text):
        return True
    signature = context.signature_left > 0 and len(text.split()) <= 6
    return signature and not ends_sentence(text)


def _is_published_line(text: str, context: Context) -> bool:
    return len(text) <= 160 and published_date(text) is not None


_CRUMB_HINT = re.compile(r"\s[>»›|/]\s|[»›]")
_CRUMB_SPLIT = re.compile(r"\s+[>|/]\s+|\s*[»›]\s*")


def _is_breadcrumb(text: str, context: Context) -> bool:
    """ "Home > World > Middle East": short parts between separators, no sentence."""
    if len(text) > 150 or not _CRUMB_HINT.search(text):
        return False
    parts = [part for part in _CRUMB_SPLIT.split(text) if part]
    if len(parts) < 3 and not (len(parts) == 2 and parts[0].lower() == "home"):
        return False
    return all(len(part.split()) <= 4 and not ends_sentence(part) for part in parts)


_AGENCIES = (
    r"Reuters|AP|AFP|EPA(?:-EFE)?|Getty Images|Bloomberg|Pool|Xinhua|Anadolu(?: Agency)?|Sipa"
    r"|Shutterstock|ZUMA(?: Press)?|NurPhoto|DoD|U\.S\. (?:Army|Navy|Air Force)|Wikimedia Commons"
    r"|(?:The )?(?:Christian Science Monitor|Washington Post|New York Times)"
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_CREDIT = (
    rf"{_NAME}\s*/\s*(?:{_AGENCIES})(?:\s*/\s*{_NAME})?|(?:{_AGENCIES})\s*/\s*{_NAME}"
    r"|(?i:\(?(?:AP|AFP|EPA|Reuters) Photos?\b.*|\(?getty images\)?|\(?(?:file )?photo\)?"
    r"|(?:photo(?:graph)?|image|picture|(?:photo |image )?credit)s?\s*:\s*.{1,80}"
    r"|(?:photo(?:graph)?s?|images?) by .{1,60})"
)
_CREDIT_TAIL = r"\((?:AP|AFP|EPA|Reuters|Getty Images|Photo|Photograph|Image|Credit)\b[^()]{0,80}\)"


def _is_caption(text: str, context: Context) -> bool:
    """Position marks always make a caption; softer words only right below a photo credit."""
    if _POSITION.search(text) or ("eft" in text and _LEFT_TO_RIGHT.search(text)):
        return True
    return context.previous == "photo credit" and _CAPTION_WORD.search(text) is not None


# Case-sensitive, with the period, on purpose: "(R)" after a senator's name is a party and
# "(c)" may number a clause; neither is a position in a picture. Both patterns start with a
# literal, which lets the regex engine skip quickly through long paragraphs.
_POSITION = re.compile(r"\((?:[lcr]\.|(?:left|cent(?:er|re)|right|L ?(?:-|to) ?R)\.?)\)")
_LEFT_TO_RIGHT = re.compile(r"(?:[Ff]rom l|[Ll])eft to right\b|[Ff]rom left\b")
_CAPTION_WORD = re.compile(
    r"\b(?:pictured|in this (?:file )?(?:photo|picture|image)|seen here|file photo)\b", re.I
)

RULES: tuple[Rule, ...] = (
    _rule("donation letter", _in_donation_letter),
    _rule("published line", _is_published_line),
    _rule(
        "copyright",
        _whole(
            r"(?:\([cC]\)\s*[0-9]{4}|©"
            r"|(?:[Cc]opyright|COPYRIGHT)\b\s*(?:©|\([cC]\))?\s*[0-9A-Z]).*",
            0,
        ),
        _ending(r"\ball rights reserved", "reserved"),
    ),
    _rule(
        "contributors",
        _ending(
            r"\bcontribut(?:ed|ing)(?: to)?(?: this| the)? (?:report|story|article)\w*",
            "contribut",
        ),
        _whole(
            r"\(?(?:additional )?(?:reporting|writing|editing|compiled|research) by\b.*",
            longest=400,
        ),
    ),
    _rule(
        "comment prompt",
        _whole(
            r"please enter your (?:comment|name|e-?mail(?: address)?)(?: here)?"
            r"|leave a (?:reply|comment|response)|cancel reply|(?:post|add|write) a comment"
            r"|(?:[0-9]+|no|one) (?:responses?|comments?|replies)(?: to .*)?"
            r"|log ?in to (?:comment|reply|post a comment)|comments? (?:are|is) closed"
            r"|you have entered an incorrect e-?mail address|join the (?:conversation|discussion)"
            r"|(?:show|view|load|hide) (?:all )?comments?(?: \([0-9]+\))?|comments?(?: \([0-9]+\))?"
            r"|save my name, e-?mail,? and website .*"
            r"|notify me of (?:follow-up comments|new posts).*"
        ),
    ),
    _rule(
        "share or subscribe",
        _whole(
            r"share(?: this(?: article| story| post| page)?| on \w+| via \w+)?|tweet|e-?mail|print"
            r"|facebook|twitter|whatsapp|linkedin|reddit|pinterest|telegram|copy link"
            r"|subscribe(?: now| today| here)?|subscribe to (?:continue|our|read|get)\b.*"
            r"|you['’]ve read\b.*\bfree articles?\b.*|sign up (?:for|to)\b.*\bnewsletters?\b.*"
            r"|(?:get|receive) our newsletters?\b.*|follow us on .*|like us on facebook.*"
            r"|already a subscriber\??.*|(?:log|sign) in to continue.*"
        ),
    ),
    _rule(
        "navigation",
        _whole(
            r"close this search box|skip to (?:main )?(?:content|navigation)|search|menu"
            r"|main menu|toggle navigation|home|popular posts|(?:most )?popular|most read"
            r"|trending(?: now)?|related(?: articles| posts| stories| content| news)?"
            r"|recommended(?: for you| stories)?|you may also like|more stories"
            r"|read more(?:\s*:.{0,80})?|continue reading|read next|up next|back to top"
            r"|(?:next|previous) (?:article|post|story)"
            r"|(?:story continues below )?advertisement"
            r"|sponsored(?: content)?|loading\W*|tags?:.*|filed under\b.*|categories:.*"
            r"|see also:.*|also read:.*|click here\b.*"
        ),
        _is_breadcrumb,
    ),
    _rule("photo credit", _whole(_CREDIT, 0), _ending(_CREDIT_TAIL, ")", 0)),
    _rule("caption", _is_caption),
    _rule(
        "byline",
        _whole(
            rf"By\s+{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME}){{0,4}}"
            r"(?:\s*[|–—-]\s*[A-Z][\w .'’&-]{0,40})?",
            0,
        ),
    ),
)
RULE_NAMES: tuple[str, ...] = (*(rule.name for rule in RULES), "image slug")

# An image file name glued to the start of a line by a scraper: "isis-army-700x430U.S. ..."
IMAGE_SLUG = re.compile(
    r"(?:[A-Za-z0-9]+[-_])+[0-9]{2,4}x[0-9]{2,4}(?:\.(?:jpe?g|png|gif|webp))?"
    r"|[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)+\.(?:jpe?g|png|gif|webp)",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\"“”«»„]")
_DIGIT = re.compile(r"[0-9]")


# Every rule's tests in order, with the rule's name: the first test that claims a line names it.
_TESTS = tuple((rule.name, test) for rule in RULES for test in rule.tests)
_TESTS_BUT_WHOLE = tuple((name, test) for name, test in _TESTS if not isinstance(test, _Whole))
# All the whole-line patterns as one: a line it does not match (most lines) is tried with the
# other tests alone, one pattern instead of eight. Each keeps its case-blindness in a scoped flag.
_WHOLES = [test for _name, test in _TESTS if isinstance(test, _Whole)]
_ANY_WHOLE = re.compile("|".join(f"(?{'i' if w.case_blind else ''}:{w.source})" for w in _WHOLES))
_LONGEST_WHOLE = max(w.longest for w in _WHOLES)


def boilerplate(text: str, context: Context) -> str | None:
    """The name of the first rule that claims the line, if any."""
    whole = len(text) <= _LONGEST_WHOLE and _ANY_WHOLE.fullmatch(text) is not None
    for name, test in _TESTS if whole else _TESTS_BUT_WHOLE:
        if test(text, context):
            return name
    return None


def kind_of(text: str) -> str:
    """Why a line no rule claims is kept: worth knowing when a quotation was at stake."""
    if _QUOTE.search(text):
        return "quote"
    return "number" if _DIGIT.search(text) else "content"
