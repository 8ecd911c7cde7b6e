"""Words shared by several parts of the record."""

from __future__ import annotations

import enum


class Qualifier(enum.StrEnum):
    """How exactly a reported number is meant ("more than 60 countries")."""

    MORE_THAN = "more than"
    AT_LEAST = "at least"
    ABOUT = "about"
    FEWER_THAN = "fewer than"
    AT_MOST = "at most"


def qualified(value: object, qualifier: Qualifier | None) -> str:
    """`more than 60`, or just `60` when the number was given exactly."""
    return f"{qualifier.value} {value}" if qualifier else str(value)
