"""Small column helpers so that every model declares references and choices the same way."""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import Enum, ForeignKey
from sqlalchemy.orm import MappedColumn, mapped_column


def ref(table: str, *, nullable: bool = False, **kwargs: Any) -> MappedColumn[Any]:
    """A foreign key to `table.id`, indexed, because every reference here is also queried."""
    return mapped_column(ForeignKey(f"{table}.id"), index=True, nullable=nullable, **kwargs)


def choice(
    enum_type: type[enum.Enum], *, name: str | None = None, **kwargs: Any
) -> MappedColumn[Any]:
    """An enum stored as its value in a plain string column with a CHECK constraint.

    Native PostgreSQL enum types would make every new value a migration with a different shape on
    each database; a checked string behaves the same on SQLite and PostgreSQL. `name` names the
    constraint when one table has two columns of the same enum.
    """
    column_type = Enum(
        enum_type,
        native_enum=False,
        create_constraint=True,
        length=32,
        name=name or enum_type.__name__.lower(),
        values_callable=lambda members: [member.value for member in members],
    )
    return mapped_column(column_type, **kwargs)
