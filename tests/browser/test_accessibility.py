"""axe-core (from npm, web-assets/) in Chromium on every page, at desktop and at phone width: no
serious or critical violation anywhere. And the keyboard: the skip link comes first and works.

A full-page screenshot of each page at each width is saved under tests/browser/artifacts/.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import AXE, DESKTOP, PHONE, screenshot

# (name, URL); {partner}, {meeting}, {pledge} and {source} are keys read from the demo database.
PAGES = [
    ("overview", "/"),
    ("partners", "/partners"),
    ("partner", "/partners/{partner}"),
    ("meetings", "/meetings"),
    ("meeting", "/meetings/{meeting}"),
    ("money", "/money"),
    ("pledge", "/pledges/{pledge}"),
    ("statements", "/statements"),
    ("figures", "/figures"),
    ("sources", "/sources"),
    ("source", "/sources/{source}"),
    ("review", "/review"),
    ("search", "/search?q=coalition"),
    ("not-found", "/no-such-page"),
    # Our page around Swagger UI (from npm), with contrast overrides for its markup.
    ("api-docs", "/api/docs"),
]
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
BLOCKING = {"serious", "critical"}


def _report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        more = f" (+{len(v['nodes']) - 5} more)" if len(v["nodes"]) > 5 else ""
        lines.append(f"{v['id']} [{v['impact']}] {v['help']}: {targets}{more}")
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "url"), PAGES, ids=[name for name, _ in PAGES])
def test_no_serious_accessibility_violation(
    page: Page, demo_keys: dict[str, str], name: str, url: str, width: str
) -> None:
    page.set_viewport_size(WIDTHS[width])
    response = page.goto(url.format(**demo_keys))
    assert response is not None
    assert response.status == (404 if name == "not-found" else 200), f"{url}: {response.status}"
    if name == "api-docs":
        # Swagger UI draws the operations after fetching the OpenAPI document.
        page.locator(".opblock").first.wait_for()
    screenshot(page, f"{name}-{width}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{url} at {width} width:\n{_report(blocking)}"


def test_the_skip_link_comes_first_and_moves_focus_to_main(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to content")
    expect(focused).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues from the main content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
