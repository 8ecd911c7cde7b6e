"""What routes ask FastAPI for: a database session, and paging parameters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session


def _session(request: Request) -> Iterator[Session]:
    # Reading routes never commit; routes that change the record commit explicitly, so a
    # failure anywhere leaves the database as it was.
    with request.app.state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(_session)]


def _writing_session(request: Request) -> Iterator[Session]:
    """One transaction per request that changes the record: committed if the route returns,
    rolled back if anything raises, so a failed write leaves the database as it was."""
    with request.app.state.sessions() as session, session.begin():
        yield session


# scope="function" runs the commit before the response is sent: a commit that fails becomes an
# error response instead of a success reply for a change that was never stored.
WriteSessionDep = Annotated[Session, Depends(_writing_session, scope="function")]

MAX_PER_PAGE = 500
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def _paging(
    # Bounded so that the offset fits any database's integer (a page past the end is empty).
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Rows per page.")] = 50,
) -> Paging:
    return Paging(page, per_page)


PagingDep = Annotated[Paging, Depends(_paging)]
