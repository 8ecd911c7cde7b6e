"""Row numbers and keys in what users type."""

from __future__ import annotations

import pytest

from coalition.storage.idents import MAX_ID, row_number


@pytest.mark.parametrize(
    ("ident", "number"),
    [
        ("42", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),  # too big for any id: a key, found by key or not at all
        ("0", None),
        ("²", None),  # a digit to str.isdigit, not to int()
        ("٣", None),  # Arabic-Indic three
        ("42a", None),
        ("", None),
        ("-1", None),
    ],
)
def test_row_number(ident: str, number: int | None) -> None:
    assert row_number(ident) == number
