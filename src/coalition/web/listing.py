"""One shape for every list: a page of plain rows, its total, and its exports.

Query functions in the domain packages return rows as dicts of plain values (str, int, Decimal,
date, None, or lists of those); the page, the API and the CSV/JSON exports all show the same rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import Select
from sqlalchemy.orm import Session

from coalition.provenance.queries import count_rows
from coalition.storage.base import format_decimal
from coalition.web.deps import Paging

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """A column of a list: the row key, its heading, and optionally where its cell links to."""

    key: str
    heading: str
    link: Callable[[Row], str | None] | None = None
    numeric: bool = False


@dataclass
class Listing:
    rows: list[Row]
    total: int
    paging: Paging

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.paging.per_page))

    @property
    def first(self) -> int:
        return self.paging.offset + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.paging.offset + len(self.rows)


def paginate(
    session: Session, statement: Select[Any], paging: Paging, to_row: Callable[[Any], Row]
) -> Listing:
    """One page of `statement` (which must already be ordered) and the count of all its rows."""
    total = count_rows(session, statement)
    found = session.execute(statement.limit(paging.per_page).offset(paging.offset))
    rows = [to_row(item) for item in (found.scalars() if _one_entity(statement) else found)]
    return Listing(rows, total or 0, paging)


def _one_entity(statement: Select[Any]) -> bool:
    return len(statement.column_descriptions) == 1


def plain(value: Any) -> Any:
    """A row value as JSON has it: decimals as exact strings, dates as ISO 8601."""
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def page_url(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = str(value)
    query = urlencode(params)
    return f"{request.url.path}?{query}" if query else request.url.path


def api_page(request: Request, listing: Listing) -> dict[str, Any]:
    """A list as the API returns it: the rows, the total, and links to the pages either side."""
    paging = listing.paging
    return {
        "items": [plain(row) for row in listing.rows],
        "total": listing.total,
        "page": paging.page,
        "per_page": paging.per_page,
        "next": page_url(request, page=paging.page + 1) if paging.page < listing.pages else None,
        "previous": page_url(request, page=paging.page - 1) if paging.page > 1 else None,
    }


EXPORT_FORMATS = ("csv", "json")


def export(
    request: Request,
    produce: Callable[[Session], Iterable[Row]],
    fields: Sequence[str],
    fmt: str,
    name: str,
) -> Response:
    """All rows of a list as a download, written as they are read (never all held at once).

    CSV has one column per name in `fields` (lists joined with "; "); JSON has whole rows.
    The rows are read in a session of the download's own: the request's session is closed
    before a streamed body is sent.
    """
    rows = _reading(request, produce)
    if fmt == "csv":
        body: Iterator[str] = _csv_lines(rows, fields)
        media = "text/csv; charset=utf-8"
    else:
        body = _json_lines(rows)
        media = "application/json"
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    return StreamingResponse(body, media_type=media, headers=headers)


def _reading(request: Request, produce: Callable[[Session], Iterable[Row]]) -> Iterator[Row]:
    with request.app.state.sessions() as session:
        yield from produce(session)


# A text cell starting with one of these would run as a formula in a spreadsheet; such text (a
# title shared by another partner, say) is written with a leading apostrophe, as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    value = plain(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def _csv_lines(rows: Iterable[Row], fields: Sequence[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_csv_cell(row.get(name)) for name in fields])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _json_lines(rows: Iterable[Row]) -> Iterator[str]:
    yield "["
    for number, row in enumerate(rows):
        yield ("," if number else "") + "\n" + json.dumps(plain(row), ensure_ascii=False)
    yield "\n]\n"


def all_rows(
    session: Session, statement: Select[Any], to_row: Callable[[Any], Row], chunk: int = 1000
) -> Iterator[Row]:
    """Every row of `statement`, fetched in chunks so an export of any size streams."""
    found = session.execute(statement.execution_options(yield_per=chunk))
    items = found.scalars() if _one_entity(statement) else found
    for item in items:
        yield to_row(item)
