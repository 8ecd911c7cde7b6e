"""Plain text: decide every line, then copy the kept stretches, recording where each came from."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from coalition.intake.cleaning.rules import IMAGE_SLUG, Context, boilerplate, ends_sentence, kind_of
from coalition.intake.cleaning.stated import (
    DATE_LINE,
    DATE_RE,
    DATELINE,
    date_from,
    published_date,
)
from coalition.intake.document import Cleaned, LineDecision, Segment


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
    found = IMAGE_SLUG.match(line.text)
    if found is None:
        return line
    rest = line.text[found.end() :].lstrip()
    return _Line(line.number, line.start + len(line.text) - len(rest), rest)


def _decide(line: _Line, context: Context) -> tuple[LineDecision, _Line | None]:
    """What happens to one non-blank line, and the stretch of it to copy, if any."""
    piece = _without_slug(line)
    dropped = boilerplate(piece.text, context) if piece.text else "image slug"
    rule = dropped or ("image slug" if piece is not line else kind_of(piece.text))
    context.after(rule, piece.text)
    decision = LineDecision(line.number, line.text, dropped is None, rule)
    return decision, None if dropped else piece


def _walk(raw: str) -> tuple[list[LineDecision], list[tuple[_Line, bool]]]:
    """Every line's decision, and each kept stretch with whether a blank line comes before it."""
    context = Context()
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


def _joiner(previous: str, paragraph: bool, wrapped: bool) -> str:
    """A blank line where the raw text had a paragraph break; a space where a hard-wrapped
    sentence runs on ("Secretary of" / "State Mike Pompeo said."), if the text may be wrapped;
    else a line break."""
    if paragraph:
        return "\n\n"
    runs_on = wrapped and len(previous) >= _HARD_WRAP and previous[-1:] not in '.!?:;"”’)]'
    return " " if runs_on else "\n"


def _assemble(kept: list[tuple[_Line, bool]], wrapped: bool) -> tuple[str, list[Segment]]:
    """Join the kept stretches (see `_joiner`), recording where each came from."""
    parts: list[str] = []
    segments: list[Segment] = []
    length = 0
    for piece, paragraph in kept:
        if parts:
            parts.append(_joiner(parts[-1], paragraph, wrapped))  # parts[-1] is the previous line
            length += len(parts[-1])
        segments.append(Segment(length, piece.start, len(piece.text)))
        parts.append(piece.text)
        length += len(piece.text)
    return "".join(parts), segments


def _title(texts: list[str]) -> str | None:
    """The headline: the first short kept line without final punctuation, before the body."""
    for text in texts:
        words = len(text.split())
        if ends_sentence(text) or words > 20:
            return None
        if words >= 2 and not (words <= 6 and DATE_RE.search(text)):
            return text
    return None


def _explicit_date(
    decisions: list[LineDecision], texts: list[str]
) -> tuple[date | None, str | None]:
    """A date the report states about itself: first publication, then dateline, then a line
    that is only a date above the story, then update."""
    published = [
        found for d in decisions if d.rule == "published line" and (found := published_date(d.text))
    ]
    first = next((when for when, original in published if original), None)
    if first is not None:
        return first, "published line"
    for text in texts[:3]:
        when = date_from(DATELINE.match(text))
        if when is not None:
            return when, "dateline"
    for text in texts[:_HEAD_LINES]:
        if ends_sentence(text):
            break  # the story has begun: a date in it is what it reports, not when
        when = date_from(DATE_LINE.fullmatch(text))
        if when is not None:
            return when, "date line"
    return (published[0][0], "published line") if published else (None, None)


_HEAD_LINES = 8  # the masthead, section, headline, byline and date above a story


def clean_plain(raw: str, *, wrapped: bool = True) -> Cleaned:
    """Clean scraped plain text: every line decided by a named rule, every kept stretch mapped
    back to its raw offsets so that spans in the clean text can be shown in the raw report.

    `wrapped` says the text may be hard-wrapped, its sentences running on over line breaks;
    text that trafilatura extracted from HTML is not (each line is a block of the page, and a
    headline, long and without a full stop, would otherwise run into the dateline below it)."""
    decisions, kept = _walk(raw)
    text, segments = _assemble(kept, wrapped)
    texts = [piece.text for piece, _ in kept]
    when, reason = _explicit_date(decisions, texts)
    return Cleaned(text, decisions, segments, _title(texts), when, reason)


def explain(cleaned: Cleaned) -> list[str]:
    """One line per decision: number, kept or DROP, the rule, and the start of the line."""
    return [_explain_line(decision) for decision in cleaned.decisions]


def _explain_line(decision: LineDecision) -> str:
    status = "kept" if decision.kept else "DROP"
    text = decision.text if len(decision.text) <= 72 else decision.text[:71] + "…"
    return f"{decision.number:>4} {status}   {decision.rule:<9} | {text}".rstrip()
