"""Copyright lines ("(c) 2017", "© 2015-2019"): the cue that bounds a report from above.

They are searched in the raw text, because cleaning drops the footers they stand in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from coalition.intake.dating.cues import (
    PAST,
    W_COPYRIGHT_BOUND,
    W_COPYRIGHT_YEAR,
    Cue,
    Piece,
)

# Each alternative of the mark starts with a plain character ("(c)", "(C)" rather than "([cC])"),
# so that the engine can skip ahead to the few characters that may start one.
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\(C\)|copyright|Copyright|COPYRIGHT)\s*(?:©|\([cC]\))?\s*((?:19|20)\d\d)"
    r"(?:\s*[-–]\s*((?:19|20)\d\d))?"
)


def copyright_cues(raw: str) -> Iterator[Cue]:
    """A copyright year bounds the date from above; a single year also suggests the year itself.

    Site footers ("© 2015-2024") carry the year the page was served, so a range only bounds.
    """
    seen: set[tuple[int, bool]] = set()
    if not any(mark in raw for mark in ("©", "(c)", "(C)", "opyright", "OPYRIGHT")):
        return
    for m in _COPYRIGHT.finditer(raw):
        year, ranged = int(m.group(2) or m.group(1)), m.group(2) is not None
        if (year, ranged) in seen:
            continue
        seen.add((year, ranged))
        end = date(year, 12, 31).toordinal()
        label = f"copyright {m.group(1)}" + (f"-{year}" if ranged else "")
        yield Cue((Piece(PAST, end),), W_COPYRIGHT_BOUND, f"{label} → {{span}}", "copyright")
        if not ranged:
            piece = Piece(date(year, 1, 1).toordinal(), end)
            yield Cue((piece,), W_COPYRIGHT_YEAR, f"{label} → {{span}}", "copyright")
