"""When a report was written, from what it says about itself and about the world.

Reports reach intake undated. A date the user forces (`--published`) always wins; a date the
document states about itself (a dateline, a "Published" line, htmldate) comes next. Otherwise every
cue in the text becomes a set of days the report may have been written on ("pieces", both ends
included), with a weight and a reason the user can read:

- copyright years ("(c) 2017"), searched in the raw text because cleaning drops footers;
- office-holders named with a title of an office they held ("Defense Secretary Jim Mattis",
  "Jim Mattis, the defense secretary,"), from people.yaml; "former" means after the
  tenure ended;
- phases of US presidential transitions ("President-elect", "the incoming administration"),
  derived from the president and president-elect terms in people.yaml;
- public events from events.yaml mentioned as past or as still to come, tightened by nearby words
  such as "last month", "this week" or a weekday that matches the event's own;
- a day scheduled in this or next month ("the March 22-23 session" with "later this month");
- explicit years and dates ("in June of 2014"; "in 2016" said of the future);
- a day given with its weekday but no year ("on Thursday 4 June"), in the years it fell on one.

Cues are combined by a vote: the day supported by the greatest total weight wins (ties go to the
day more cues agree on, then to the later day, because stale titles are a commoner mistake in
reports than anachronistic ones), the cues that allow that day are intersected, and the others are
dropped with a reason. Weekday mentions ("on Thursday") cannot narrow the interval but choose the
best day inside it. In reasons, "after X" and "before X" include X itself.

Everything is compiled once per process; a document costs a handful of regular-expression scans.

The package is laid out the way the inference runs: `text` normalises the report and finds its
sentences; `copyright`, `offices` (with the `people` index), `transitions`, `events` (with
`relative` phrases), `schedule`, `years` and `weekday_dates` each turn one kind of cue into
`cues.Cue`s; `weekdays` finds the weekday mentions; `vote` combines them. This module only
chooses between a forced date, a stated one and the inferred one.
"""

from __future__ import annotations

from datetime import date

from coalition.intake.dating.copyright import copyright_cues
from coalition.intake.dating.cues import FUTURE, PAST, ordinal_or
from coalition.intake.dating.events import event_cues
from coalition.intake.dating.offices import office_cues
from coalition.intake.dating.past_dates import past_date_cues
from coalition.intake.dating.schedule import schedule_cues
from coalition.intake.dating.text import Doc, normalise
from coalition.intake.dating.transitions import transition_cues
from coalition.intake.dating.vote import best_day, confidence_of, describe, interval_text, vote_on
from coalition.intake.dating.weekday_dates import weekday_date_cues
from coalition.intake.dating.weekdays import reasons_of_weekdays, weekday_mentions
from coalition.intake.dating.years import year_cues
from coalition.intake.document import DateEstimate

__all__ = ["infer_date"]


def infer_date(
    text: str,
    *,
    raw: str | None = None,
    explicit: date | None = None,
    explicit_reason: str | None = None,
    published: date | None = None,
) -> DateEstimate:
    """Date a report: a forced date, else the date it states, else what its text implies.

    `text` is the cleaned text and `raw` the text before cleaning (copyright lines often survive
    only there). A stated date is checked against the text cues: it is kept either way, but with
    less confidence when the cues disagree.
    """
    if published is not None:
        reason = f"publication date given by the user (--published) → {published}"
        return DateEstimate(published, published, published, 1.0, (reason,))
    inferred = _infer(text, raw)
    if explicit is not None:
        return _stated(explicit, explicit_reason, inferred)
    return inferred


def _stated(explicit: date, label: str | None, inferred: DateEstimate) -> DateEstimate:
    reasons = [f"{label or 'date stated in the document'} → {explicit}"]
    confidence = 0.9
    if inferred.best is not None:
        span = interval_text(
            ordinal_or(inferred.earliest, PAST), ordinal_or(inferred.latest, FUTURE)
        )
        agrees = (inferred.earliest or explicit) <= explicit <= (inferred.latest or explicit)
        confidence = 0.95 if agrees else 0.75
        reasons.append(
            f"the text cues agree ({span})"
            if agrees
            else f"the text cues suggest {span} (best {inferred.best}); the stated date is kept"
        )
    reasons.extend(f"text cue: {reason}" for reason in inferred.reasons)
    return DateEstimate(explicit, explicit, explicit, confidence, tuple(reasons))


def _infer(text: str, raw: str | None) -> DateEstimate:
    doc = Doc(normalise(text))
    found = [
        *copyright_cues(raw or text),
        *office_cues(doc),
        *transition_cues(doc),
        *event_cues(doc),
        *schedule_cues(doc),
        *year_cues(doc),
        *weekday_date_cues(doc),
        *past_date_cues(doc),
    ]
    cues = [cue for cue in found if cue.pieces]
    weekdays = weekday_mentions(doc)
    weekday_reasons = reasons_of_weekdays(weekdays)
    if not cues:
        return DateEstimate(None, None, None, 0.0, ("no dating cues found", *weekday_reasons))
    vote = vote_on(cues)
    best, how = best_day(vote, weekdays)
    reasons = [describe(cue, vote, kept=True) for cue in vote.kept]
    reasons += weekday_reasons
    reasons += [f"dropped, disagrees with the rest: {describe(c, vote)}" for c in vote.dropped]
    reasons.append(how)
    return DateEstimate(
        best=date.fromordinal(best),
        earliest=None if vote.lo <= PAST else date.fromordinal(vote.lo),
        latest=None if vote.hi >= FUTURE else date.fromordinal(vote.hi),
        confidence=confidence_of(vote, snapped=bool(weekdays)),
        reasons=tuple(reasons),
    )
