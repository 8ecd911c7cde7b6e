"""The search index: one entry per searchable record or source.

The text is copied here (not searched in place) so that one full-text index covers every kind of
thing at once. SQLite indexes it with an FTS5 table ("search_fts", created by migration 0003 and
made contentless by 0010: its rows are numbered by kind and record, see `search.index.fts_number`,
and written by `search.index`); PostgreSQL with a GIN index on its tsvector.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from coalition.storage.base import Base

# Rows of coalition_meta that say how far the index has got (see `search.index.refresh`).
STALE_MARK = "search_stale"


class SearchEntry(Base):
    """What one record or source looks like to search: where it lives, a title and a body."""

    __tablename__ = "search_entries"
    __table_args__ = (
        # One entry per thing: a second refresh racing the first fails here instead of
        # indexing everything twice.
        UniqueConstraint("kind", "ref_id", name="uq_search_entries_kind_ref_id"),
        Index("ix_search_entries_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    # The record's id (kinds of record) or the source's id (kind "source").
    ref_id: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(300))
    # Where its page is: this path followed by the key (quoted there, in Python: keys of
    # sources may hold "#" or "/").
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    day: Mapped[date | None] = mapped_column(Date)


def _searchable(obj: Any) -> bool:
    from coalition.partners.models import Alias
    from coalition.provenance.models import Record, Source

    return isinstance(obj, Record | Source | Alias)


@event.listens_for(Session, "after_flush")
def _note_edits(session: Session, _context: object) -> None:
    """New rows are found by `refresh` from their ids; edited or deleted ones are not, so a flush
    that changes or deletes a searchable row marks the whole index stale (rare: the record is
    mostly appended to), and the next search rebuilds it. Evidence appended to a record is not
    an edit: it changes nothing that is searched."""
    touched = any(_searchable(obj) for obj in session.deleted) or any(
        _searchable(obj) and session.is_modified(obj, include_collections=False)
        for obj in session.dirty
    )
    if touched:
        from coalition.search.index import mark_stale

        mark_stale(session.connection())
