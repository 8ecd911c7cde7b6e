"""Text filters typed by people: a case-blind "contains", with LIKE's wildcards taken literally."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement


def like_literal(text: str) -> str:
    """`text` with LIKE's wildcards and the escape character escaped (escape character `\\`)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """The column holds `text`, case-blind; a `%` or `_` someone types is just a character."""
    condition: ColumnElement[bool] = column.ilike(f"%{like_literal(text)}%", escape="\\")
    return condition
