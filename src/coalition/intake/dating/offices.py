"""Office-holder cues: a person named with the title of an office they held dates the report.

"Defense Secretary Jim Mattis" and "Jim Mattis, the defense secretary," both mean the report was
written during his tenure. Words around the title shift the interval: "former" means after the
tenure ended; "then-", a resignation or "who took over" only that it had begun; "outgoing" and
"incoming" the months around its ends. Who held what comes from the index in `people`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from coalition.intake.dating.cues import FUTURE, PAST, W_OFFICE, Cue, Piece
from coalition.intake.dating.people import (
    WORD,
    Holder,
    Reference,
    Term,
    Title,
    people_index,
)
from coalition.intake.dating.text import Doc, Folded, snippet_of

# Words that may stand between a title and a name: "Defense Secretary Gen. Jim Mattis".
_RANKS = {"gen", "lt", "col", "maj", "adm", "dr", "mr", "mrs", "ms", "sir", "lord", "sheikh"}
_RANKS |= {"general", "admiral", "army", "marine", "navy", "retired"}
_TOKEN = re.compile(r"\S+")
# ", the defense secretary", ", who is the defense secretary"; ", who took over Central Command"
# says the tenure had begun (group 1), whether or not it goes on.
_APPOSITION = re.compile(r",\s+(?:who (?:is|was)\s+|who (took over|took command of|became)\s+)?")
_MODIFIERS = {"former", "ex", "late", "then", "outgoing", "incoming", "acting", "interim"}
TOOK_OFFICE = "took office"  # not a word of the text: what "who took over ..." says
NEW = "new in office"  # not a word of the text: "new" before a title, not in a place's name
# "the new ambassador": most reports say so within the first months, most often in the first.
NEW_FOR, NEW_ANCHOR = 183, 30
_EXTENDERS = {"vice", "deputy", "under", "assistant", "shadow", "junior", "associate", "sub"}
_SKIPPABLE = {"the", "a", "an", "top", "chief", "new", "current", *_MODIFIERS}
_ENDED = Folded(
    r"\b(?:resign\w*|depart\w*|ouster|ousted|fired|firing|sacked|dismiss\w*|replac\w*|successor"
    r"|predecessor|succeed\w*|step(?:ped|ping|s)? down|quit)\b"
)
_Found = tuple[Title, list[str], int, int]  # a title, the words before it, where it starts and ends


def office_cues(doc: Doc) -> Iterator[Cue]:
    """A person named with the title of an office they held dates the report to that tenure."""
    ref = people_index()
    seen: set[str] = set()
    for m in ref.names.finditer(doc.text):
        if not doc.starts_word(m.start()):
            continue
        # The title around a name is the same whichever holder of the name is meant: found once.
        found = _title_before(doc, m.start(), ref) or _title_after(doc, m.end(), ref)
        if found is None:
            continue
        for holder in ref.holders[m.group()]:
            cue = _titled(doc, m, found, holder, ref)
            if cue is not None and cue.reason not in seen:
                seen.add(cue.reason)
                yield cue


def _titled(
    doc: Doc, name: re.Match[str], found: _Found, holder: Holder, ref: Reference
) -> Cue | None:
    title, modifiers, title_start, title_end = found
    if _EXTENDERS & set(modifiers[-1:]):
        return None  # "Vice President", "Deputy Secretary of State": a different office
    country = next((ref.countries[w] for w in modifiers if w in ref.countries), None)
    terms = _terms(holder, title, country, ref)
    if not terms:
        return None
    start, end = min(title_start, name.start()), max(title_end, name.end())
    first, _ = doc.sentence(start)
    lo = max(first, start - 80)
    # From the character before `lo`, which decides whether a word starts at `lo`.
    ended = _ENDED.found(doc.text[max(lo - 1, 0) : start], lo - max(lo - 1, 0))
    # "the new U.S. ambassador", "the new defense secretary"; not "New Zealand's prime minister"
    # (the text is read in lower case here, so the word after "new" tells the two apart).
    fresh = "new" in modifiers[-2:] and all(
        word in ref.countries for word in modifiers[modifiers.index("new") + 1 :]
    )
    marks = set(modifiers) - {"new"} | ({NEW} if fresh else set())
    return _tenure_cue(holder, terms, marks, ended, doc.text[start:end])


def _title_before(doc: Doc, start: int, ref: Reference) -> _Found | None:
    """'Iraqi Prime Minister Haider al-Abadi', 'The British defense minister, Michael Fallon'."""
    previous = doc.lower[max(0, start - 30) : start].rsplit(None, 1)[-1:]
    word = previous[0].rstrip(",.") if previous else ""
    if word not in ref.by_last and word not in _RANKS:
        return None  # the common case, settled cheaply: no title just before the name
    first, _ = doc.sentence(start)
    lo = max(first, start - 100)
    head = doc.lower[lo:start]
    if not head[-1:].isspace():
        return None
    # "Secretary General Ban" ends in a title; "Defense Secretary Gen. Mattis" only without ranks.
    lowered = head.rstrip().removesuffix(",")
    found = _title_at_end(lowered, ref)
    if found is None and (bare := _without_ranks(head)) != lowered:
        lowered, found = bare, _title_at_end(bare, ref)
    if found is None:
        return None
    title, words, begin = found
    return title, words, lo + begin, lo + len(lowered)


def _title_at_end(lowered: str, ref: Reference) -> tuple[Title, list[str], int] | None:
    """The longest title that `lowered` ends with, the words before it, and where to quote from."""
    for title in ref.by_last.get(lowered.rsplit(None, 1)[-1] if lowered else "", ()):
        cut = len(lowered) - len(title.phrase)
        if lowered.endswith(title.phrase) and (cut == 0 or not lowered[cut - 1].isalnum()):
            # The last three words before the title; rsplit finds where they start without
            # reading every word of the head.
            rest = lowered[:cut].rsplit(None, 3)
            before = list(_TOKEN.finditer(lowered, len(rest[0]) if len(rest) > 3 else 0, cut))
            begin = cut  # quote from "former", "then-" or "Britain's" when they are there
            for token in reversed(before):
                word = _words([token.group()])[0]
                if word not in _MODIFIERS and word not in ref.countries:
                    break
                begin = token.start()
            return title, _words(t.group() for t in before), begin
    return None


def _without_ranks(head: str) -> str:
    """The text before a name without the ranks and the comma that may separate it from a title."""
    words = head.rstrip().rsplit(None, 3)
    while len(words) > 1 and words[-1].rstrip(".") in _RANKS:
        words.pop()
    head = head[: head.rfind(words[-1]) + len(words[-1])] if words else ""
    return head.removesuffix(",")


def _title_after(doc: Doc, end: int, ref: Reference) -> _Found | None:
    """'Jim Mattis, the defense secretary', 'Fabius, France's foreign minister'."""
    if doc.text[end : end + 1] != ",":
        return None
    _, last = doc.sentence(end)
    lowered = doc.text[end : min(last, end + 160)].lower()
    apposition = _APPOSITION.match(lowered)
    if apposition is None:
        return None
    pos, skipped = apposition.end(), [TOOK_OFFICE] if apposition.group(1) else []
    for _ in range(4):
        word = WORD.match(lowered, pos)
        if word is None:
            return None
        for title in ref.by_first.get(word.group(), ()):
            stop = pos + len(title.phrase)
            if lowered.startswith(title.phrase, pos) and not lowered[stop : stop + 1].isalnum():
                return title, _words(skipped), end + pos, end + stop
        token = word.group().rstrip("-")
        bare = token.removesuffix("'s")
        if token not in _SKIPPABLE and bare not in ref.countries and bare == token:
            return None  # only articles, modifiers, countries and possessives may come first
        skipped.append(word.group())
        pos = word.end() + len(lowered[word.end() :]) - len(lowered[word.end() :].lstrip())
    return None


def _words(tokens: Iterable[str]) -> list[str]:
    """Modifier tokens as bare lower-case words: 'then-' -> 'then', "Iraq's" -> 'iraq'."""
    return [t.lower().strip(",").rstrip("-").removesuffix("'s") for t in tokens]


def _terms(holder: Holder, title: Title, country: str | None, ref: Reference) -> tuple[Term, ...]:
    """The holder's terms in the office the title names; generic titles go by category.

    Remembered by identity: holders and titles live as long as `_reference()`, and a president's
    long list of terms would otherwise be read again for every mention."""
    key = (id(holder), id(title), country)
    found = _TERMS.get(key)
    if found is None:
        found = _TERMS[key] = _find_terms(holder, title, country, ref)
    return found


_TERMS: dict[tuple[int, int, str | None], tuple[Term, ...]] = {}


def _find_terms(
    holder: Holder, title: Title, country: str | None, ref: Reference
) -> tuple[Term, ...]:
    named = tuple(t for t in holder.terms if t.office in title.offices)
    if named:
        return named
    return tuple(
        t
        for t in holder.terms
        if ref.offices[t.office][1] in title.categories
        and (country is None or ref.offices[t.office][0] == country)
    )


def _tenure_cue(
    holder: Holder, terms: tuple[Term, ...], modifiers: set[str], ended: bool, snippet: str
) -> Cue | None:
    name, said = holder.name, f"'{snippet_of(snippet)}' →"
    if modifiers & {"former", "ex", "late"}:
        pieces = _after_terms(terms, holder)
        reason = f"{said} {name} had left that office: {{span}}"
    elif modifiers & {"then", TOOK_OFFICE} or ended:
        # "then-Secretary Kerry", "the resignation of Defense Secretary Mattis": held it once.
        pieces = tuple(Piece(t.lo, FUTURE) for t in terms)
        reason = f"{said} {name} had taken that office: {{span}}"
    elif "outgoing" in modifiers:
        pieces = tuple(Piece(max(t.lo, t.hi - 120), t.hi) for t in terms if t.hi < FUTURE)
        reason = f"{said} {name} was about to leave that office: {{span}}"
    elif NEW in modifiers:
        pieces = tuple(
            Piece(t.lo, min(t.hi, t.lo + NEW_FOR), t.lo + NEW_ANCHOR) for t in terms if t.lo > PAST
        )
        reason = f"{said} {name} was new in that office: {{span}}"
    elif "incoming" in modifiers:
        pieces = tuple(Piece(t.lo - 120, t.lo) for t in terms if t.lo > PAST)
        reason = f"{said} {name} was about to take that office: {{span}}"
    else:
        pieces = tuple(Piece(t.lo, t.hi) for t in terms)
        reason = f"{said} {name} held that office {{span}}"
    return Cue(pieces, W_OFFICE, reason, "office") if pieces else None


def _after_terms(terms: tuple[Term, ...], holder: Holder) -> tuple[Piece, ...]:
    """Days after a term ended and before the holder took the same office again."""
    starts = sorted(t.lo for t in holder.terms if t.office == terms[0].office)
    pieces = []
    for term in terms:
        if term.hi < FUTURE:
            later = [s for s in starts if s > term.hi]
            pieces.append(Piece(term.hi, (min(later) - 1) if later else FUTURE))
    return tuple(pieces)
