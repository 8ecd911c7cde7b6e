"""The partners list, a partner's page, their API and exports."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from tests.web.conftest import api, page, table_rows


def test_list_filters_by_kind_and_date(client: TestClient) -> None:
    everyone = api(client, "/api/v1/partners?per_page=500")
    organisations = api(client, "/api/v1/partners?kind=organisation&per_page=500")
    assert organisations["total"] < everyone["total"]
    assert {p["kind"] for p in organisations["items"]} == {"organisation"}

    members = api(client, "/api/v1/partners?member_at=2019-02-06&per_page=500")
    names = {p["name"] for p in members["items"]}
    # The demo record names members but never Russia, which reports name as a non-member.
    assert 0 < members["total"] < everyone["total"]
    assert "Russian Federation" not in names


def test_page_shows_the_same_rows_as_the_api(client: TestClient) -> None:
    soup = page(client, "/partners?kind=organisation&per_page=10")
    rows = table_rows(soup, "Partners")
    data = api(client, "/api/v1/partners?kind=organisation&per_page=10")
    assert [r[0] for r in rows] == [p["name"] for p in data["items"]]
    assert soup.find("a", rel="next") is not None
    assert data["next"] is not None and "page=2" in data["next"]


def test_partner_page_and_unknown_partner(client: TestClient) -> None:
    first = api(client, "/api/v1/partners?per_page=1")["items"][0]
    soup = page(client, f"/partners/{first['key']}")
    assert soup.h1.get_text(strip=True) == first["name"]
    missing = page(client, "/partners/no-such-partner", status=404)
    assert "no-such-partner" in missing.get_text()
    error = api(client, "/api/v1/partners/no-such-partner", status=404)
    assert error["error"]["status"] == 404


def test_exports_hold_every_filtered_row(client: TestClient) -> None:
    total = api(client, "/api/v1/partners?kind=organisation")["total"]
    response = client.get("/partners.csv?kind=organisation")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total
    assert {r["kind"] for r in rows} == {"organisation"}
    as_json = client.get("/partners.json?kind=organisation").json()
    assert [r["key"] for r in as_json] == [r["key"] for r in rows]


def test_bad_parameters_are_clear_errors(client: TestClient) -> None:
    error = api(client, "/api/v1/partners?member_at=yesterday", status=400)
    assert error["error"]["details"][0]["parameter"] == "member_at"
    soup = page(client, "/partners?per_page=0", status=400)
    assert "per_page" in soup.get_text()
