"""Cleaning: from a scraped report (plain text, HTML or bytes) to clean text, line by line.

Extractors point spans into the clean text, and a reviewer must be able to see the raw report
behind every span. So plain-text cleaning never rewrites a line: it keeps or drops whole lines
(or cuts an image slug off the front of one), records each copied stretch as a `Segment`, and
names the rule behind every decision so that `coalition source ID --explain` can show it.
Boilerplate rules are explicit patterns a scraper's output really shows; a line that no rule
names is kept, which is why quotations and numbers survive unless a rule says otherwise.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, TypeVar

import charset_normalizer
import trafilatura
from charset_normalizer.md import mess_ratio
from htmldate import find_date
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.settings import Extractor

from coalition.errors import InvalidInput
from coalition.intake.document import Cleaned, LineDecision, Segment

# ---------------------------------------------------------------------------------------------
# Dates a document states about itself.

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = (
    rf"(?i:\b(?:(?P<m1>{_MONTHS})\.?\s+(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>[0-9]{{4}})"
    rf"|(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTHS})\.?,?\s+(?P<y2>[0-9]{{4}})"
    r"|(?P<y3>[0-9]{4})-(?P<m3>[0-9]{2})-(?P<d3>[0-9]{2}))\b)"
)
_DATE_RE = re.compile(_DATE)
_MONTH_NUMBERS = {
    name: n
    for n, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_PUBLISHED = re.compile(
    r"(?P<word>(?:first |originally )?published|posted|(?:last )?updated|(?:last )?modified)\b"
    r"(?:\s+(?:on|at))?\s*:?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?P<rest>.{0,80})",
    re.IGNORECASE,
)
# A place in capitals, perhaps a state, perhaps an agency, a dash or comma, then the date.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][A-Za-z.]+)?\s*(?:\([A-Za-z .]{2,20}\))?\s*[,—–-]{1,2}\s*"
    + _DATE
)


def _date_from(found: re.Match[str] | None) -> date | None:
    """The full date (day, month and year) a match of `_DATE` holds; None rather than a guess."""
    if found is None:
        return None
    parts = found.groupdict()
    year, month, day = (
        next(parts[f"{key}{n}"] for n in (1, 2, 3) if parts[f"{key}{n}"]) for key in "ymd"
    )
    # casefold, because a case-blind match also takes a long s (U+017F) for the s of "sept".
    number = int(month) if month.isdigit() else _MONTH_NUMBERS.get(month.casefold()[:3], 0)
    try:
        return date(int(year), number, int(day)) if 1900 <= int(year) <= 2100 else None
    except ValueError:
        return None


def _published_date(text: str) -> tuple[date, bool] | None:
    """The date of a "Published: ..." line, and whether it is a first publication date."""
    found = _PUBLISHED.fullmatch(text)
    when = _date_from(_DATE_RE.match(found["rest"])) if found else None
    if found is None or when is None:
        return None
    return when, not found["word"].lower().endswith(("updated", "modified"))


# ---------------------------------------------------------------------------------------------
# The boilerplate rules. Each is a name and a test over one stripped line and its context.


@dataclass
class _Context:
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


Test = Callable[[str, _Context], bool]


@dataclass(frozen=True)
class Rule:
    """A named kind of boilerplate and the test that recognises one line of it."""

    name: str
    matches: Test


def _whole(source: str, flags: int = re.IGNORECASE, longest: int = 200) -> Test:
    """A rule for lines that hold nothing but the pattern (and trailing marks). Such lines are
    short, so longer ones are not even tried: paragraphs are most of the text."""
    pattern = re.compile(rf"(?:{source})[\s.!:»›>|]*", flags)
    return lambda text, context: len(text) <= longest and pattern.fullmatch(text) is not None


def _ending(source: str, hint: str, flags: int = re.IGNORECASE, width: int = 120) -> Test:
    """A rule for lines that end with the pattern. Only the tail is searched, and only when it
    holds `hint` (lower case): searching every long line in full would cost most of the time."""
    pattern = re.compile(rf"(?:{source})\W*$", flags)

    def test(text: str, context: _Context) -> bool:
        tail = text[-width:]
        return hint in tail.lower() and pattern.search(tail) is not None

    return test


def _either(first: Test, second: Test) -> Test:
    return lambda text, context: first(text, context) or second(text, context)


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


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in tuple(_FINAL_PUNCTUATION)


def _in_donation_letter(text: str, context: _Context) -> bool:
    """A letter to the reader runs from its salutation to its signature (or the end)."""
    if context.in_letter or _SALUTATION.fullmatch(text):
        return True
    signature = context.signature_left > 0 and len(text.split()) <= 6
    return signature and not _ends_sentence(text)


def _is_published_line(text: str, context: _Context) -> bool:
    return len(text) <= 160 and _published_date(text) is not None


_CRUMB_HINT = re.compile(r"\s[>»›|/]\s|[»›]")
_CRUMB_SPLIT = re.compile(r"\s+[>|/]\s+|\s*[»›]\s*")


def _is_breadcrumb(text: str, context: _Context) -> bool:
    """ "Home > World > Middle East": short parts between separators, no sentence."""
    if len(text) > 150 or not _CRUMB_HINT.search(text):
        return False
    parts = [part for part in _CRUMB_SPLIT.split(text) if part]
    if len(parts) < 3 and not (len(parts) == 2 and parts[0].lower() == "home"):
        return False
    return all(len(part.split()) <= 4 and not _ends_sentence(part) for part in parts)


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


def _is_caption(text: str, context: _Context) -> bool:
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
    Rule("donation letter", _in_donation_letter),
    Rule("published line", _is_published_line),
    Rule(
        "copyright",
        _either(
            _whole(
                r"(?:\([cC]\)\s*[0-9]{4}|©"
                r"|(?:[Cc]opyright|COPYRIGHT)\b\s*(?:©|\([cC]\))?\s*[0-9A-Z]).*",
                0,
            ),
            _ending(r"\ball rights reserved", "reserved"),
        ),
    ),
    Rule(
        "contributors",
        _either(
            _ending(
                r"\bcontribut(?:ed|ing)(?: to)?(?: this| the)? (?:report|story|article)\w*",
                "contribut",
            ),
            _whole(
                r"\(?(?:additional )?(?:reporting|writing|editing|compiled|research) by\b.*",
                longest=400,
            ),
        ),
    ),
    Rule(
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
    Rule(
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
    Rule(
        "navigation",
        _either(
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
    ),
    Rule("photo credit", _either(_whole(_CREDIT, 0), _ending(_CREDIT_TAIL, ")", 0))),
    Rule("caption", _is_caption),
    Rule(
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
_IMAGE_SLUG = re.compile(
    r"(?:[A-Za-z0-9]+[-_])+[0-9]{2,4}x[0-9]{2,4}(?:\.(?:jpe?g|png|gif|webp))?"
    r"|[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)+\.(?:jpe?g|png|gif|webp)",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\"“”«»„]")
_DIGIT = re.compile(r"[0-9]")


def _boilerplate(text: str, context: _Context) -> str | None:
    """The name of the first rule that claims the line, if any."""
    for rule in RULES:
        if rule.matches(text, context):
            return rule.name
    return None


def _kind(text: str) -> str:
    """Why a line no rule claims is kept: worth knowing when a quotation was at stake."""
    if _QUOTE.search(text):
        return "quote"
    return "number" if _DIGIT.search(text) else "content"


# ---------------------------------------------------------------------------------------------
# Plain text: decide every line, then copy the kept stretches.


class _Line(NamedTuple):
    """A stretch of one raw line: its 1-based number, the raw offset of `text`, and `text`."""

    number: int
    start: int
    text: str


def _lines(raw: str) -> Iterator[_Line]:
    """Every raw line without its surrounding white space, and where what is left starts."""
    start = 0
    for number, line in enumerate(raw.split("\n"), 1):
        left = line.lstrip().lstrip("\ufeff\u200b").lstrip()
        yield _Line(number, start + len(line) - len(left), left.rstrip().rstrip("\u200b").rstrip())
        start += len(line) + 1


def _without_slug(line: _Line) -> _Line:
    """The line without an image file name glued to its start (the line itself if none)."""
    found = _IMAGE_SLUG.match(line.text)
    if found is None:
        return line
    rest = line.text[found.end() :].lstrip()
    return _Line(line.number, line.start + len(line.text) - len(rest), rest)


def _decide(line: _Line, context: _Context) -> tuple[LineDecision, _Line | None]:
    """What happens to one non-blank line, and the stretch of it to copy, if any."""
    piece = _without_slug(line)
    dropped = _boilerplate(piece.text, context) if piece.text else "image slug"
    rule = dropped or ("image slug" if piece is not line else _kind(piece.text))
    context.after(rule, piece.text)
    decision = LineDecision(line.number, line.text, dropped is None, rule)
    return decision, None if dropped else piece


def _walk(raw: str) -> tuple[list[LineDecision], list[tuple[_Line, bool]]]:
    """Every line's decision, and each kept stretch with whether a blank line comes before it."""
    context = _Context()
    decisions: list[LineDecision] = []
    kept: list[tuple[_Line, bool]] = []
    blank = False
    for line in _lines(raw):
        if not line.text:
            decisions.append(LineDecision(line.number, "", False, "blank"))
            blank = True
            continue
        decision, piece = _decide(line, context)
        decisions.append(decision)
        if piece is not None:
            kept.append((piece, blank))
            blank = False
    return decisions, kept


_HARD_WRAP = 50  # a line at least this long that stops mid-sentence was wrapped, not ended


def _joiner(previous: str, paragraph: bool) -> str:
    """A blank line where the raw text had a paragraph break; a space where a hard-wrapped
    sentence runs on ("Secretary of" / "State Mike Pompeo said."); else a line break."""
    if paragraph:
        return "\n\n"
    wrapped = len(previous) >= _HARD_WRAP and previous[-1:] not in '.!?:;"”’)]'
    return " " if wrapped else "\n"


def _assemble(kept: list[tuple[_Line, bool]]) -> tuple[str, list[Segment]]:
    """Join the kept stretches (see `_joiner`), recording where each came from."""
    parts: list[str] = []
    segments: list[Segment] = []
    length = 0
    for piece, paragraph in kept:
        if parts:
            parts.append(_joiner(parts[-1], paragraph))  # parts[-1] is the previous line
            length += len(parts[-1])
        segments.append(Segment(length, piece.start, len(piece.text)))
        parts.append(piece.text)
        length += len(piece.text)
    return "".join(parts), segments


def _title(texts: list[str]) -> str | None:
    """The headline: the first short kept line without final punctuation, before the body."""
    for text in texts:
        words = len(text.split())
        if _ends_sentence(text) or words > 20:
            return None
        if words >= 2 and not (words <= 6 and _DATE_RE.search(text)):
            return text
    return None


def _explicit_date(
    decisions: list[LineDecision], texts: list[str]
) -> tuple[date | None, str | None]:
    """A date the report states about itself: first publication, then dateline, then update."""
    published = [
        found
        for d in decisions
        if d.rule == "published line" and (found := _published_date(d.text))
    ]
    first = next((when for when, original in published if original), None)
    if first is not None:
        return first, "published line"
    for text in texts[:3]:
        when = _date_from(_DATELINE.match(text))
        if when is not None:
            return when, "dateline"
    return (published[0][0], "published line") if published else (None, None)


def clean_plain(raw: str) -> Cleaned:
    """Clean scraped plain text: every line decided by a named rule, every kept stretch mapped
    back to its raw offsets so that spans in the clean text can be shown in the raw report."""
    decisions, kept = _walk(raw)
    text, segments = _assemble(kept)
    texts = [piece.text for piece, _ in kept]
    when, reason = _explicit_date(decisions, texts)
    return Cleaned(text, decisions, segments, _title(texts), when, reason)


# ---------------------------------------------------------------------------------------------
# HTML: trafilatura finds the main text, htmldate the date, the rules above decide the lines.

_Tree = Any  # an lxml HtmlElement; lxml ships no type hints
_T = TypeVar("_T")


def _safely(call: Callable[[], _T]) -> _T | None:
    """Run a third-party parser on untrusted input: any failure means "nothing found", because
    one broken page must not stop an ingest of thousands."""
    try:
        return call()
    except Exception:
        return None


def _empty(rule: str, why: str) -> Cleaned:
    """Nothing to keep, with a decision (line 0: the whole document) that says why."""
    return Cleaned(text="", decisions=[LineDecision(0, why, False, rule)])


# Only dates the page states (metadata, markup): an extensive search would take any year the text
# mentions for the date of the page, and inference does that job better.
_DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}
# Built once: trafilatura would otherwise read its configuration again for every page. Comments
# off and precision favoured; no metadata here, because `_stated` reads the two fields we use.
_OPTIONS = Extractor(output_format="python", precision=True, comments=False)


def _stated(tree: _Tree) -> tuple[str | None, date | None]:
    """Title and stated date, read the way trafilatura's metadata step reads them, without the
    author, site name, categories, tags and licence it would also look for (a third of its time
    on a news page, and nothing we keep)."""
    found = examine_meta(tree)
    found = _safely(lambda: extract_meta_json(tree, found)) or found
    title = found.title or extract_title(tree)
    url = found.url or extract_url(tree)
    stated = _safely(lambda: find_date(tree, url=url, **_DATE_PARAMS))
    when = _safely(lambda: date.fromisoformat(str(stated)[:10])) if stated else None
    return title or None, when


def _extract(tree: _Tree) -> tuple[str, str | None, date | None]:
    """Main text, title and stated date: the metadata is read first, as trafilatura does, because
    its extraction then works on a copy of the tree."""
    title, when = _safely(lambda: _stated(tree)) or (None, None)
    found: Any = _safely(lambda: trafilatura.bare_extraction(tree, options=_OPTIONS))
    return (getattr(found, "text", None) or "") if found is not None else "", title, when


def clean_html(raw: str) -> Cleaned:
    """Clean an HTML page. The decisions number the lines of the text trafilatura extracted,
    and segments stay empty: the clean text is not a copy of the HTML."""
    if not raw.strip():
        return _empty("empty document", "the HTML holds no text at all")
    tree = _safely(lambda: trafilatura.load_html(raw))
    if tree is None:
        return _empty("not HTML", f"trafilatura could not parse {len(raw)} characters as HTML")
    main, title, when = _extract(tree)
    if not main.strip():
        return _empty("no main text", f"trafilatura found no main text in {len(raw)} characters")
    cleaned = clean_plain(main)
    cleaned.segments = []
    cleaned.title = title or cleaned.title
    if when is not None:
        cleaned.explicit_date, cleaned.explicit_date_reason = when, "htmldate"
    return cleaned


# ---------------------------------------------------------------------------------------------
# Bytes to text.

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its mark begins the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WESTERN = "cp1252"


def _marked_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark names, or UTF-16 recognised by its zero high bytes."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding
    if len(data) < 2 or len(data) % 2:
        return None
    for zeros, others, encoding in (
        (data[1::2], data[0::2], "utf-16-le"),
        (data[0::2], data[1::2], "utf-16-be"),
    ):
        if zeros.count(0) * 2 >= len(zeros) and others.count(0) == 0:
            return encoding
    return None


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"the bytes look like {encoding} but do not decode: {error.reason}"
        ) from None


def _western(data: bytes) -> str | None:
    try:
        return data.decode(_WESTERN)
    except UnicodeDecodeError:
        return None


def _utf8_or_detected(data: bytes) -> tuple[str, str]:
    """UTF-8 when the bytes are valid UTF-8 (nearly every report), else what detection finds."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InvalidInput("binary data: no text encoding fits these bytes")
    # Detection is unsure on short texts (a German paragraph came out as Big5). The reports
    # are English or Western European, so cp1252 wins unless it reads as more of a mess.
    western = _western(data)
    if western is not None and mess_ratio(western, 1.0) <= best.chaos:
        return western, _WESTERN
    return str(best), best.encoding


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text, and the encoding used. Binary data raises `InvalidInput` with the reason,
    so that an ingest can report the file and go on with the others."""
    encoding = _marked_encoding(data)
    if encoding is None and b"\x00" in data:
        raise InvalidInput("binary data: NUL bytes in a file that is not UTF-16 or UTF-32")
    text, encoding = (_decode_as(data, encoding), encoding) if encoding else _utf8_or_detected(data)
    controls = len(_CONTROL.findall(text))
    if controls * 50 > len(text):
        raise InvalidInput(f"binary data: {controls} control characters in {len(text)}")
    return text, encoding


# ---------------------------------------------------------------------------------------------
# For `coalition source ID --explain`.


def explain(cleaned: Cleaned) -> list[str]:
    """One line per decision: number, kept or DROP, the rule, and the start of the line."""
    return [_explain_line(decision) for decision in cleaned.decisions]


def _explain_line(decision: LineDecision) -> str:
    status = "kept" if decision.kept else "DROP"
    text = decision.text if len(decision.text) <= 72 else decision.text[:71] + "…"
    return f"{decision.number:>4} {status}   {decision.rule:<9} | {text}".rstrip()
