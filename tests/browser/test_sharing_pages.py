"""The signed-in pages in Chromium: share an item through the form, find it, comment on it; and
axe-core on every page that needs an account, at desktop and phone width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import AXE, DESKTOP, PHONE, screenshot, sign_in
from tests.browser.test_accessibility import BLOCKING, _report


def _share(page: Page, title: str) -> str:
    page.goto("/sharing/new")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Text (Markdown)").fill("Seen at the **border** crossing.")
    page.get_by_label("Classification").select_option("RESTRICTED")
    page.get_by_label("Releasable to partners").fill("GBR, FRA")
    page.get_by_label("small-group").check()
    page.get_by_role("button", name="Share").click()
    page.wait_for_url(re.compile(r"/sharing/[0-9a-f-]{36}$"))
    return page.url


def test_share_find_and_comment_in_the_browser(page: Page, reviewer: str) -> None:
    sign_in(page, reviewer)
    url = _share(page, "Border crossing note")
    expect(page.get_by_role("heading", level=1)).to_have_text("Border crossing note")
    expect(page.locator("article.shared strong").first).to_contain_text("RESTRICTED")
    page.get_by_label(re.compile("Your comment")).fill("Confirmed by a second source.")
    page.get_by_role("button", name="Comment").click()
    expect(page.locator("#comments")).to_contain_text("Confirmed by a second source.")
    page.goto("/sharing?q=crossing")
    expect(page.get_by_role("link", name="Border crossing note")).to_be_visible()
    screenshot(page, "flow-sharing")
    assert url.endswith(
        page.get_by_role("link", name="Border crossing note").get_attribute("href") or "?"
    )


SIGNED_IN = [
    ("sharing", "/sharing"),
    ("share", "/sharing/new"),
    ("shared-item", "{item}"),
    ("account", "/account"),
    ("audit", "/audit"),
    ("proposals", "/proposals"),
]


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_signed_in_pages_have_no_serious_accessibility_violation(
    page: Page, reviewer: str, width: str
) -> None:
    sign_in(page, reviewer)
    item = _share(page, f"Accessibility check at {width} width")
    page.set_viewport_size(DESKTOP if width == "desktop" else PHONE)
    failures = []
    for name, url in SIGNED_IN:
        response = page.goto(url.format(item=item))
        assert response is not None and response.status == 200, f"{url}: {response}"
        screenshot(page, f"{name}-{width}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
        if blocking:
            failures.append(f"{url} at {width} width:\n{_report(blocking)}")
    page.goto("/account")
    page.get_by_role("button", name="Sign out").click()
    response = page.goto("/login")
    assert response is not None and response.status == 200
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    if blocking:
        failures.append(f"/login at {width} width:\n{_report(blocking)}")
    assert not failures, "\n".join(failures)
