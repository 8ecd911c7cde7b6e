"""What only a browser shows: the flows people follow through the interface, in real Chromium."""

from __future__ import annotations

import csv
import io
import json
import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, screenshot, sign_in

# The lists whose totals tell that accepting a candidate created a record.
RECORD_LISTS = ["meetings", "statements", "figures", "pledges", "partners"]


def _api(page: Page, path: str) -> dict:  # type: ignore[type-arg]
    response = page.request.get(path)
    assert response.ok, f"{path}: {response.status}"
    return dict(response.json())


def test_overview_draws_the_membership_chart(page: Page) -> None:
    page.goto("/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_contain_text("Coalition")
    # Chart.js draws on the canvas and leaves its chart on it (overview.js keeps a handle).
    points = page.eval_on_selector(
        "#membership-chart", "c => c.chart.data.datasets.map(d => d.data.length)"
    )
    sizes = page.locator("table", has=page.locator("caption", has_text="Sizes reported"))
    assert points[0] == sizes.locator("tbody tr").count() > 0
    assert points[1] >= 1
    screenshot(page, "flow-overview")


def test_a_chart_point_opens_its_source(page: Page) -> None:
    page.goto("/")
    target = page.eval_on_selector(
        "#membership-chart",
        """c => {
            const point = c.chart.getDatasetMeta(0).data[0];
            return {x: point.x, y: point.y, url: c.chart.data.datasets[0].data[0].url};
        }""",
    )
    page.locator("#membership-chart").click(position={"x": target["x"], "y": target["y"]})
    page.wait_for_url(re.compile(r"/sources/"))
    assert page.url.endswith(target["url"])


def test_overview_to_meeting_to_highlighted_source(page: Page) -> None:
    page.goto("/")
    meeting = page.locator("ol.timeline a[href^='/meetings/']").first
    title = meeting.inner_text()
    meeting.click()
    page.wait_for_url(re.compile(r"/meetings/[^/?#]+$"))
    expect(page.locator("h1")).to_contain_text(title)
    screenshot(page, "flow-meeting")

    evidence = page.locator("main a[href*='/sources/'][href*='#span-']").first
    href = evidence.get_attribute("href")
    assert href is not None
    span_id = href.rsplit("#", 1)[1]
    evidence.click()
    page.wait_for_url(re.compile(r"/sources/"))
    mark = page.locator(f"mark.evidence#{span_id}")
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target')?.id") == span_id
    screenshot(page, "flow-source")


def test_accept_a_candidate_in_place(page: Page, reviewer: str) -> None:
    before = {name: _api(page, f"/api/v1/{name}")["total"] for name in RECORD_LISTS}
    sign_in(page, reviewer)
    page.goto("/review")
    accept = page.get_by_role("button", name=re.compile(r"^accept", re.I)).first
    row = accept.locator("xpath=ancestor::*[@id][1]")
    row_id = row.get_attribute("id")
    assert row_id, "the candidate's row needs an id for HTMX to swap it in place"
    # A marker on the window survives an HTMX swap but not a page load.
    page.evaluate("window.__stayed = true")
    accept.click()
    swapped = page.locator(f"[id='{row_id}']")
    expect(swapped).to_contain_text(re.compile(r"accepted", re.I))
    assert page.evaluate("window.__stayed === true"), "accepting reloaded the page"
    expect(swapped.get_by_role("button", name=re.compile(r"^accept", re.I))).to_have_count(0)
    after = {name: _api(page, f"/api/v1/{name}")["total"] for name in RECORD_LISTS}
    grew = [name for name in RECORD_LISTS if after[name] == before[name] + 1]
    assert grew, f"no API list gained the accepted record: {before} -> {after}"
    screenshot(page, "flow-review-accepted")


def test_search_from_the_header(page: Page) -> None:
    page.goto("/")
    page.get_by_role("searchbox", name="Search everything").fill("Pompeo")
    page.get_by_role("searchbox", name="Search everything").press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Pompeo"))
    results = page.locator("main a", has_text=re.compile("Pompeo", re.I))
    expect(results.first).to_be_visible()
    screenshot(page, "flow-search")


def test_export_a_list_as_csv(page: Page, server: Server) -> None:
    page.goto("/partners?kind=country")
    with page.expect_download() as info:
        page.locator("main .exports a", has_text="CSV").click()
    download = info.value
    assert download.suggested_filename == "partners.csv"
    path = download.path()
    assert path is not None
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    listed = json.loads(page.request.get("/api/v1/partners?kind=country&per_page=1").text())
    assert len(rows) == listed["total"] > 0
    assert {row["kind"] for row in rows} == {"country"}
    assert "France" in {row["name"] for row in rows}
