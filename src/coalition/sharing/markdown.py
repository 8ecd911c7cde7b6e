"""Markdown bodies of shared items, rendered to HTML that cannot carry script.

Two layers, because a body comes from another partner and is shown to everyone it is released
to: markdown-it renders with raw HTML turned off (any tag in the text comes out as text), and
nh3 (ammonia) then keeps only an allow-list of tags, attributes and link schemes.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_TAGS = {
    "a", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol",
    "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}}


def render(markdown: str) -> str:
    html = _MARKDOWN.render(markdown)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
