"""The intake benchmark's news-site pages (benchmarks.intake.furnish): the demo corpus's HTML inside
a site's furniture. They are only a fair measure if the furniture adds weight and nothing else:
cleaning must find the same article, title and stated date in them as in the bare page."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest
from benchmarks.intake import EXAMPLES, furnish, generate

from coalition.intake.cleaning import clean_html

PAGES = sorted(EXAMPLES.glob("*.html"))


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_the_furniture_adds_weight_and_nothing_else(path: Path) -> None:
    bare = path.read_text(encoding="utf-8")
    page = furnish(bare, random.Random(5))
    # Every piece of furniture found its place in this page's markup.
    for piece in ("<style>", 'class="mega-menu"', 'class="rail"', 'class="site-footer"'):
        assert page.count(piece) == bare.count(piece) + 1, piece
    assert len(page) > 10 * len(bare)
    assert len(gzip.compress(page.encode())) > 5 * len(gzip.compress(bare.encode()))
    alone, furnished = clean_html(bare), clean_html(page)
    assert furnished.text == alone.text
    assert furnished.title == alone.title
    assert furnished.explicit_date == alone.explicit_date
    # The equal texts say all the furniture was dropped; these name two pieces if it was not.
    assert "Sign up" not in furnished.text and "More from the site" not in furnished.text


def test_each_page_has_its_own_furniture(tmp_path: Path) -> None:
    folder = generate(tmp_path, "page", 6)
    pages = sorted(folder.iterdir())
    assert [p.suffix for p in pages] == [".html"] * 6
    texts = [p.read_text(encoding="utf-8") for p in pages]
    # Pages 0 and 5 share a template (five HTML examples) and differ in their furniture.
    menus = [t.split('<nav class="mega-menu">', 1)[1].split("</nav>", 1)[0] for t in texts]
    assert menus[0] != menus[5]
    headlines = [t.split("<h1>", 1)[1].split("</h1>", 1)[0] for t in texts]
    assert headlines[0] == headlines[5]
