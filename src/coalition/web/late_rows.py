"""Paging a large list by its ids first, and reading whole rows only for the page shown.

`listing.paginate` runs the full statement with LIMIT/OFFSET. When that statement joins several
tables or computes a column per row (a status, a conflict flag), the database does that work for
every matching row before it sorts and cuts the page: on 200,000 rows that is too slow. Here the
ids are sorted and cut from the narrowest statement that can do it, then the page's rows are read
by id, so joins and computed columns run for one page only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, func
from sqlalchemy.orm import Session

from coalition.provenance.queries import count_rows
from coalition.web.deps import Paging
from coalition.web.listing import Listing, Row


def paginate_late(
    session: Session,
    ids: Select[Any],
    paging: Paging,
    load: Callable[[list[Any]], Select[Any]],
    to_row: Callable[[Any], Row],
    key_of: Callable[[Any], Any] = lambda row: row[0].id,
    *,
    counted_together: bool = False,
) -> Listing:
    """One page of the ids that `ids` selects (already ordered), each read whole by `load(ids)`;
    `key_of` finds the id in a whole row (by default, the id of the row's first entity).

    `counted_together` counts the ids in the same statement that cuts the page (a window
    count), for an `ids` whose every row must be found before any is sorted, such as a search:
    finding them twice, once to count and once for the page, would double its cost. Lists sorted
    through an index, which stop reading after one page, are better counted apart.
    """
    if counted_together:
        total, page = _page_and_count(session, ids, paging)
    else:
        total = count_rows(session, ids)
        page = list(session.scalars(ids.limit(paging.per_page).offset(paging.offset)))
    found = {key_of(row): row for row in session.execute(load(page))} if page else {}
    return Listing([to_row(found[ident]) for ident in page], total, paging)


def _page_and_count(session: Session, ids: Select[Any], paging: Paging) -> tuple[int, list[Any]]:
    windowed = ids.add_columns(func.count().over()).limit(paging.per_page).offset(paging.offset)
    found = session.execute(windowed).all()
    if not found:  # past the last page (or nothing found): the count needs its own query
        return count_rows(session, ids), []
    return found[0][1], [row[0] for row in found]
