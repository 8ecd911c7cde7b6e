"""Figures: the list, the subjects, a chart per subject whose points link to their evidence, and
conflicting values marked in the chart data and in the tables."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from coalition.figures import queries as figure_queries
from coalition.figures.models import Figure
from coalition.figures.queries import conflict_expression
from coalition.figures.services import conflicts
from coalition.provenance.services import manual
from tests.web.conftest import api, page, table_rows

TROOPS = "US troops in Iraq"


@pytest.fixture
def conflict_client(idle_demo: None, fresh_client: TestClient) -> TestClient:
    """The demo with a second, different count of US troops in Iraq for the same day (written
    with other capitals: subjects compare case-blind), an equal one, and a later one."""
    with fresh_client.app.state.sessions() as session, session.begin():  # type: ignore[attr-defined]
        for key, subject, value, on in [
            ("t-troops-other", TROOPS.upper(), "4500", date(2016, 12, 15)),
            ("t-troops-later", TROOPS, "5200", date(2017, 6, 1)),
            ("t-troops-undated", TROOPS, "1", None),
        ]:
            session.add(
                Figure(
                    evidence=[manual("web tests")],
                    key=key,
                    subject=subject,
                    value=Decimal(value),
                    unit="troops",
                    as_of=on,
                )
            )
    return fresh_client


def test_list_page_shows_the_same_figures_as_the_api(client: TestClient) -> None:
    data = api(client, "/api/v1/figures")
    soup = page(client, "/figures")
    rows = table_rows(soup, "Figures")
    assert len(rows) == len(data["items"]) == data["total"] == 8
    assert [r[0] for r in rows] == [f["subject"] for f in data["items"]]
    first = data["items"][0]
    link = soup.find("a", href=first["evidence"][0])
    assert link is not None and first["evidence"][0].startswith("/sources/")


def test_filters_by_subject_words_and_dates(client: TestClient) -> None:
    troops = api(client, "/api/v1/figures?q=TROOPS")["items"]
    assert {f["subject"] for f in troops} == {TROOPS, "US troops in Syria"}
    exact = api(client, f"/api/v1/figures?subject={TROOPS}")["items"]
    assert [f["subject"] for f in exact] == [TROOPS]
    late = api(client, "/api/v1/figures?since=2019-01-01")["items"]
    assert late and all(f["as_of"] >= "2019-01-01" for f in late)
    early = api(client, "/api/v1/figures?until=2015-12-31")["items"]
    assert [f["as_of"] for f in early] == ["2015-06-02"]


def test_subjects_list_links_to_charts(client: TestClient) -> None:
    data = api(client, "/api/v1/figures/subjects")
    assert data["total"] == 8
    troops = next(s for s in data["items"] if s["subject"] == TROOPS)
    assert (troops["figures"], troops["first"], troops["last"]) == (1, "2016-12-15", "2016-12-15")
    soup = page(client, "/figures/subjects?q=troops")
    rows = table_rows(soup, "Subjects")
    assert {r[0] for r in rows} == {TROOPS, "US troops in Syria"}
    charts = [urlsplit(a["href"]) for a in soup.select("tbody a")]
    assert {c.path for c in charts} == {"/figures/chart"}
    assert {parse_qs(c.query)["subject"][0] for c in charts} == {TROOPS, "US troops in Syria"}


def _chart_data(soup: object) -> dict[str, object]:
    script = soup.find("script", id="chart-figures-data")  # type: ignore[attr-defined]
    assert script is not None and script["type"] == "application/json"
    return json.loads(script.string)  # type: ignore[no-any-return]


def test_chart_page_draws_points_that_link_to_their_evidence(client: TestClient) -> None:
    soup = page(client, "/figures/chart?subject=US troops in Iraq")
    assert soup.h1.get_text(strip=True) == TROOPS
    canvas = soup.find("canvas", id="chart-figures")
    assert canvas["role"] == "img" and TROOPS in canvas["aria-label"]
    data = _chart_data(soup)
    points = data["points"]
    assert isinstance(points, list) and len(points) == 1
    point = points[0]
    assert point["y"] == 5000 and point["conflict"] is False
    # x is milliseconds since 1970 (the chart has no date adapter): 15 December 2016.
    assert point["x"] == 1481760000000
    rows = table_rows(soup, "Figures for")
    assert rows == [
        ["2016-12-15", "about 5,000 troops", "Iraq", "", f"source of {TROOPS}, 2016-12-15"]
    ]
    assert soup.find("a", href=point["href"]) is not None
    scripts = [s.get("src") for s in soup.find_all("script") if s.get("src")]
    assert "/static/vendor/chart.umd.min.js" in scripts and "/static/figures.js" in scripts
    # No inline event handlers anywhere.
    assert not any(a.startswith("on") for tag in soup.find_all(True) for a in tag.attrs)
    assert client.get("/static/figures.js").status_code == 200


def test_conflicts_are_marked_in_the_chart_the_tables_and_the_api(
    conflict_client: TestClient,
) -> None:
    listing = api(conflict_client, "/api/v1/figures?q=troops in iraq")["items"]
    flagged = {f["key"]: f["conflict"] for f in listing}
    assert flagged == {
        "figure-d4c340b35bfd": True,
        "t-troops-other": True,
        "t-troops-later": False,
        "t-troops-undated": False,
    }
    soup = page(conflict_client, "/figures/chart?subject=US troops in Iraq")
    points = _chart_data(soup)["points"]
    assert isinstance(points, list)
    # The undated figure is in the table but cannot be drawn over time.
    assert [(p["y"], p["conflict"]) for p in points] == [(5000, True), (5200, False)]
    rows = table_rows(soup, "Figures for")
    assert [(r[0], r[3]) for r in rows] == [
        ("2016-12-15", "conflict"),
        ("2017-06-01", ""),
        ("undated", ""),
    ]
    list_page = page(conflict_client, "/figures?q=troops in iraq")
    marked = list_page.select("tbody tr.conflict")
    assert len(marked) == 2


def test_conflicts_in_sql_agree_with_the_services(conflict_client: TestClient) -> None:
    with conflict_client.app.state.sessions() as session:  # type: ignore[attr-defined]
        figures = list(session.scalars(select(Figure)))
        in_sql = {
            ident
            for ident, clash in session.execute(select(Figure.id, conflict_expression()))
            if clash
        }
    assert in_sql == conflicts(figures) != set()


MINES = "mines cleared in tests"


@pytest.fixture
def busy_client(idle_demo: None, fresh_client: TestClient) -> TestClient:
    """The demo with eleven dated figures of one subject over three months, and an undated one."""
    days = [date(2020, 1, d) for d in (3, 9, 20, 28)] + [date(2020, 2, d) for d in (1, 14)]
    days += [date(2020, 3, d) for d in (2, 5, 8, 11, 30)]
    with fresh_client.app.state.sessions() as session, session.begin():  # type: ignore[attr-defined]
        for number, on in enumerate([*days, None]):
            session.add(
                Figure(
                    evidence=[manual("web tests")],
                    key=f"t-mines-{number:02}",
                    subject=MINES,
                    value=Decimal(100 + number),
                    as_of=on,
                )
            )
    return fresh_client


def test_a_busy_chart_draws_the_latest_of_each_month_and_links_to_all(
    busy_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(figure_queries, "DETAILED_POINTS", 5)
    soup = page(busy_client, f"/figures/chart?subject={MINES}&since=2020-01-05")
    # The last of January (the 28th), of February (the 14th) and of March (the 30th).
    assert [r[0] for r in table_rows(soup, "Figures for")] == [
        "2020-01-28",
        "2020-02-14",
        "2020-03-30",
    ]
    assert [p["y"] for p in _chart_data(soup)["points"]] == [103, 105, 110]  # type: ignore[union-attr]
    caption = soup.find("caption").get_text(" ", strip=True)
    assert "3 of 10, the latest of each month" in caption
    every = soup.find("a", string="Chart every figure")
    assert parse_qs(urlsplit(every["href"]).query) == {
        "subject": [MINES],
        "since": ["2020-01-05"],
        "all": ["true"],
    }
    drawn = page(busy_client, every["href"])
    assert len(table_rows(drawn, "Figures for")) == 10
    assert drawn.find("a", string="Chart every figure") is None
    listed = soup.find("a", string="the list")["href"]
    assert api(busy_client, listed.replace("/figures?", "/api/v1/figures?"))["total"] == 10
    # Few enough figures are each drawn, the undated one listed after them.
    monkeypatch.setattr(figure_queries, "DETAILED_POINTS", 12)
    rows = table_rows(page(busy_client, f"/figures/chart?subject={MINES}"), "Figures for")
    assert len(rows) == 12 and rows[-1][0] == "undated"


def test_chart_of_unknown_subject_and_missing_subject(client: TestClient) -> None:
    soup = page(client, "/figures/chart?subject=no such subject")
    assert "No figure is recorded" in soup.main.get_text()
    assert soup.find("canvas") is None
    page(client, "/figures/chart", status=400)


def test_exports_hold_every_filtered_figure(client: TestClient) -> None:
    expected = [f["key"] for f in api(client, "/api/v1/figures?q=share")["items"]]
    response = client.get("/figures.csv?q=share")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["key"] for r in rows] == expected and len(expected) == 2
    as_json = client.get("/figures.json?q=share").json()
    assert [r["key"] for r in as_json] == expected
    assert {r["conflict"] for r in as_json} == {False}
