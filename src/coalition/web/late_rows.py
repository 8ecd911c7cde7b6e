"""Paging a large list by its ids first, and reading whole rows only for the page shown.

`listing.paginate` runs the full statement with LIMIT/OFFSET. When that statement joins several
tables or computes a column per row (a status, a conflict flag), the database does that work for
every matching row before it sorts and cuts the page: on 200,000 rows that is too slow. Here the
ids are sorted and cut from the narrowest statement that can do it, then the page's rows are read
by id, so joins and computed columns run for one page only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
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
    counted_together: Sequence[ColumnElement[Any]] = (),
) -> Listing:
    """One page of the ids that `ids` selects (already ordered), each read whole by `load(ids)`;
    `key_of` finds the id in a whole row (by default, the id of the row's first entity).

    `counted_together`, the order of `ids` given again, counts the ids in the same statement
    that cuts the page (a window count), for an `ids` whose every row must be found before any
    is sorted, such as a search: finding them twice, once to count and once for the page, would
    double its cost. Lists sorted through an index, which stop reading after one page, are
    better counted apart.
    """
    if counted_together:
        total, page = _page_and_count(session, ids, counted_together, paging)
    else:
        total = count_rows(session, ids)
        page = list(session.scalars(ids.limit(paging.per_page).offset(paging.offset)))
    found = {key_of(row): row for row in session.execute(load(page))} if page else {}
    return Listing([to_row(found[ident]) for ident in page], total, paging)


def _page_and_count(
    session: Session, ids: Select[Any], order: Sequence[ColumnElement[Any]], paging: Paging
) -> tuple[int, list[Any]]:
    if session.get_bind().dialect.name == "postgresql":
        windowed = _numbered(ids, order)
    else:
        windowed = ids.add_columns(func.count().over())
    found = session.execute(windowed.limit(paging.per_page).offset(paging.offset)).all()
    if not found:  # past the last page (or nothing found): the count needs its own query
        return count_rows(session, ids), []
    return found[0][1], [row[0] for row in found]


def _numbered(ids: Select[Any], order: Sequence[ColumnElement[Any]]) -> Select[Any]:
    """PostgreSQL: the ids with their count, numbered in a subquery and sorted by number outside.

    Asked for a sorted page with a window count directly, PostgreSQL walks an index in the
    list's order and tests every row on its way, as if it could stop after one page, when the
    count needs every match: 150 ms, where finding the matches through their own index and
    sorting them takes 40. SQLite plans the direct form well, and this one costs it 15 ms more.
    """
    numbered = (
        ids.order_by(None)
        .add_columns(
            func.count().over().label("total"),
            func.row_number().over(order_by=order).label("place"),
        )
        .subquery()
    )
    return select(next(iter(numbered.c)), numbered.c.total).order_by(numbered.c.place)
