"""Combining the cues: the vote, the best single day, the confidence, and the reasons shown.

The day supported by the greatest total weight wins; the cues that allow it are intersected and
the others dropped with a reason. A best day is then chosen inside the interval, moved to fit a
weekday the text mentions, and every kept or dropped cue is described with the days it allowed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from coalition.intake.dating.cues import FUTURE, PAST, WEEKDAYS, Cue, Piece
from coalition.intake.dating.weekdays import Weekday


@dataclass
class _Vote:
    at: int
    lo: int
    hi: int
    kept: list[Cue] = field(default_factory=list)
    dropped: list[Cue] = field(default_factory=list)


def vote_on(cues: list[Cue]) -> _Vote:
    """The day most weight agrees on; the cues that allow it are kept and intersected."""
    changes: list[tuple[int, float, int]] = []
    for cue in cues:
        for lo, hi in _union(cue.pieces):
            changes += [(lo, cue.weight, 1), (hi + 1, -cue.weight, -1)]
    changes.sort()
    weight, count, best, at = 0.0, 0, (-1.0, 0), PAST
    for index, (day, delta, step) in enumerate(changes):
        weight, count = weight + delta, count + step
        if index + 1 < len(changes) and changes[index + 1][0] == day:
            continue  # settle every change on this day first
        if (round(weight, 6), count) >= best and day <= FUTURE:
            best, at = (round(weight, 6), count), day
    vote = _Vote(at, PAST, FUTURE)
    for cue in cues:
        around = [p for p in cue.pieces if p.lo <= at <= p.hi]
        if around:
            vote.kept.append(cue)
            vote.lo = max(vote.lo, min(p.lo for p in around))
            vote.hi = min(vote.hi, max(p.hi for p in around))
        else:
            vote.dropped.append(cue)
    return vote


def _union(pieces: Iterable[Piece]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for piece in sorted(pieces, key=lambda p: p.lo):
        if merged and piece.lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], piece.hi))
        else:
            merged.append((piece.lo, piece.hi))
    return merged


def best_day(vote: _Vote, weekdays: list[Weekday]) -> tuple[int, str]:
    """The best single day: anchors first, then the interval's shape, then a mentioned weekday.

    Anchors are days cues consider likeliest (an event "hours" before, a meeting the report is
    about); their median is used. Without anchors, a short interval (a month or less) gives its
    middle. A long interval whose lower bound is an event gives that event plus two weeks, since
    reports tend to mention recent events; any other long interval gives its middle. Finally, when
    a weekday is mentioned, the day moves to the nearest day that fits it: that weekday or the day
    after for things past ("on Thursday"), the day before for things to come.
    """
    lo, hi = vote.lo, vote.hi
    anchors = [
        a for cue in _anchoring(vote.kept, lo, hi) if (a := _anchor(cue, lo, hi)) is not None
    ]
    if anchors:
        base, how = _weighted_median(anchors), "the likeliest day the cues point to"
    elif lo > PAST and hi < FUTURE and (hi - lo <= 31 or not _event_bound(vote)):
        base, how = (lo + hi) // 2, "the middle of the interval"
    elif lo > PAST:
        base = min(hi, lo + (14 if _event_bound(vote) else 30))
        how = "shortly after the latest lower bound"
    else:
        base, how = max(lo, hi - 30), "shortly before the upper bound"
    best, moved = _snap(base, lo, hi, weekdays)
    text = f"best guess {date.fromordinal(best)}: {how}"
    return best, text + (f", moved to the nearest {moved}" if moved else "")


def _anchoring(kept: list[Cue], lo: int, hi: int) -> list[Cue]:
    """The cues whose anchors count: of the past dates, only the latest in the interval (28
    December before 3 January), since the report was written after all of them and an earlier
    one's anchor would pull the guess back."""
    past = [cue for cue in kept if cue.kind == "past date"]
    if len(past) < 2:
        return kept
    latest = max(
        past,
        key=lambda cue: max((p.lo for p in cue.pieces if p.lo <= hi and p.hi >= lo), default=0),
    )
    return [cue for cue in kept if cue.kind != "past date" or cue is latest]


def _anchor(cue: Cue, lo: int, hi: int) -> tuple[int, float] | None:
    """The anchor of the latest piece of a cue that overlaps the interval, if it lies inside,
    weighted by how precise the piece is: 'on Tuesday' outweighs 'within weeks'."""
    pieces = [p for p in cue.pieces if p.lo <= hi and p.hi >= lo and p.anchor is not None]
    if not pieces:
        return None
    piece = max(pieces, key=lambda p: p.lo)
    if piece.anchor is None or not lo <= piece.anchor <= hi:
        return None
    return piece.anchor, 1 / min(piece.hi - piece.lo + 1, 365)


def _weighted_median(anchors: list[tuple[int, float]]) -> int:
    anchors.sort()
    half, total = sum(w for _, w in anchors) / 2, 0.0
    for day, weight in anchors:
        total += weight
        if total >= half - 1e-12:
            return day
    return anchors[-1][0]


def _event_bound(vote: _Vote) -> bool:
    """Whether the interval's lower bound comes from an event mentioned as past."""
    return any(
        cue.kind == "event" and any(p.lo == vote.lo for p in cue.pieces) for cue in vote.kept
    )


def _snap(base: int, lo: int, hi: int, weekdays: list[Weekday]) -> tuple[int, str]:
    if not weekdays:
        return base, ""
    counts = Counter(w.day for w in weekdays)
    day = max(
        counts, key=lambda d: (counts[d], -next(i for i, w in enumerate(weekdays) if w.day == d))
    )
    mentions = [w for w in weekdays if w.day == day]
    future = sum(w.future for w in mentions) * 2 > len(mentions)
    allowed = {(day - 1) % 7} if future else {day, (day + 1) % 7}
    near = [d for d in range(max(lo, base - 7), min(hi, base + 7) + 1) if (d - 1) % 7 in allowed]
    if not near:
        return base, ""
    best = min(near, key=lambda d: (abs(d - base), d))
    relation = "the day before a" if future else "a day on or just after a"
    return best, f"{WEEKDAYS[(best - 1) % 7]} ({relation} {WEEKDAYS[day]} the text mentions)"


def confidence_of(vote: _Vote, snapped: bool) -> float:
    """Narrow intervals earn confidence; dropped cues cost some; agreement adds a little."""
    width = vote.hi - vote.lo + 1
    if vote.lo <= PAST or vote.hi >= FUTURE:
        score = 0.1
    else:
        score = next(s for limit, s in _CONFIDENCE_BY_WIDTH if width <= limit)
        score += 0.05 if snapped and width > 1 else 0.0
    score += 0.05 if len(vote.kept) >= 4 else 0.0
    score -= min(0.15, 0.05 * len(vote.dropped))
    return round(min(0.9, max(0.05, score)), 2)


_CONFIDENCE_BY_WIDTH = ((3, 0.85), (8, 0.75), (31, 0.6), (92, 0.45), (366, 0.3), (FUTURE, 0.15))


def describe(cue: Cue, vote: _Vote, kept: bool = False) -> str:
    """A cue's reason with the days it allowed: for a kept cue, the pieces around the chosen day,
    naming the latest event that fits the final interval; for a dropped one, the nearest piece."""
    around = [p for p in cue.pieces if p.lo <= vote.at <= p.hi]
    if kept and around:
        lo, hi = min(p.lo for p in around), max(p.hi for p in around)
        fits = [p for p in cue.pieces if p.lo <= vote.hi and p.hi >= vote.lo] or around
        note = max(fits, key=lambda p: (p.lo, -p.hi)).note
    else:
        piece = min(cue.pieces, key=lambda p: max(p.lo - vote.at, vote.at - p.hi, 0))
        lo, hi, note = piece.lo, piece.hi, piece.note
    return cue.reason.replace("{note}", note).replace("{span}", interval_text(lo, hi))


def interval_text(lo: int, hi: int) -> str:
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    if lo <= PAST and hi >= FUTURE:
        return "any date"
    if lo <= PAST:
        return f"before {last}"
    if hi >= FUTURE:
        return f"after {first}"
    return f"on {first}" if lo == hi else f"{first}..{last}"
