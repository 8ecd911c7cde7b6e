"""Telling a row number from a key in what a user typed."""

from __future__ import annotations

# The largest id any of our tables hands out (PostgreSQL's integer); a bigger number cannot name
# a row, and sending it would make PostgreSQL refuse the query instead of finding nothing.
MAX_ID = 2**31 - 1


def row_number(ident: str) -> int | None:
    """The number `ident` spells in ASCII digits, if it could be a row id; else None (a key).
    `str.isdigit` alone is not enough: it accepts '²' and other digits `int` refuses."""
    if not (ident.isascii() and ident.isdigit()):
        return None
    number = int(ident)
    return number if 0 < number <= MAX_ID else None
