"""One regular expression for many words, built from a trie.

The people index matches every known name and the events table every keyword against each
report; both lists are long, so both share this builder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching any of `words`, longest first, built from a trie.

    Python's engine tries alternatives one by one; sharing prefixes makes a thousand names cost
    about as much as a few.
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(root)


def _trie_node(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_node(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
