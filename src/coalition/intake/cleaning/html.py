"""HTML: trafilatura finds the main text, htmldate the date, the rules decide the lines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import trafilatura
from htmldate import find_date
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.settings import Extractor

from coalition.intake.cleaning.plain import clean_plain
from coalition.intake.document import Cleaned, LineDecision

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
    cleaned = clean_plain(main, wrapped=False)
    cleaned.segments = []
    cleaned.title = title or cleaned.title
    if when is not None:
        cleaned.explicit_date, cleaned.explicit_date_reason = when, "htmldate"
    return cleaned
