"""The review queue: candidates accepted, edited and rejected in place (HTMX) or by plain POST."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from tests.web.conftest import api, page, table_rows
from tests.web.signing import with_token

HTMX = {"HX-Request": "true"}


@pytest.fixture
def changing(idle_demo: None, fresh_client: TestClient, fresh_demo_url: str) -> TestClient:
    """A copy of the demo of this test's own, to change, with a secretariat admin's token."""
    return with_token(fresh_client, fresh_demo_url)


def first_pending(client: TestClient, kind: str) -> dict[str, object]:
    items = api(client, f"/api/v1/candidates?type={kind}&per_page=1")["items"]
    assert items, f"no pending {kind} candidate in the demo"
    item: dict[str, object] = items[0]
    return item


def row_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(f"<table><tbody>{html}</tbody></table>", "html.parser").tr


def test_the_queue_lists_the_same_candidates_as_the_api(client: TestClient) -> None:
    listed = api(client, "/api/v1/candidates?per_page=500")
    assert listed["total"] > 50 and {c["status"] for c in listed["items"]} == {"pending"}
    soup = page(client, "/review?per_page=500")
    rows = table_rows(soup, "Candidates")
    assert [row[0].split("#")[-1] for row in rows] == [str(c["id"]) for c in listed["items"]]
    for row in soup.select("tr.candidate"):
        # A visitor may read the queue but not decide: no forms it could only fail with.
        assert row.find("form") is None
        assert row.find("a", href="/login?next=/review") is not None


def test_a_secretariat_admin_gets_the_forms_that_decide(changing: TestClient) -> None:
    rows = page(changing, "/review?per_page=500").select("tr.candidate")
    assert rows
    for row in rows:
        # Every pending row can be rejected, and each form posts without JavaScript too.
        forms = row.find_all("form")
        assert any(f["action"].endswith("/reject") for f in forms)
        assert all(f["method"] == "post" and f["hx-post"] == f["action"] for f in forms)
        assert row.find("a", href="/login?next=/review") is None


def test_filters_by_type_source_and_confidence(client: TestClient) -> None:
    meetings = api(client, "/api/v1/candidates?type=meeting&per_page=500")
    assert meetings["total"] > 0 and {c["type"] for c in meetings["items"]} == {"meeting"}
    confident = api(client, "/api/v1/candidates?min_confidence=0.8&per_page=500")
    everything = api(client, "/api/v1/candidates?per_page=500")
    assert 0 < confident["total"] < everything["total"]
    assert all(c["confidence"] >= 0.8 for c in confident["items"])
    source = meetings["items"][0]["source"]
    from_source = api(client, f"/api/v1/candidates?source={source}&per_page=500")
    assert from_source["total"] > 0 and {c["source"] for c in from_source["items"]} == {source}
    soup = page(client, "/review?type=meeting&per_page=500")
    assert len(table_rows(soup, "Candidates")) == meetings["total"]


def test_accepting_in_place_swaps_the_row_and_makes_a_record(changing: TestClient) -> None:
    candidate = first_pending(changing, "figure")
    response = changing.post(
        f"/review/{candidate['id']}/accept", data={"back": "/review"}, headers=HTMX
    )
    assert response.status_code == 200
    row = row_of(response.text)
    assert row["id"] == f"candidate-{candidate['id']}" and "accepted" in row["class"]
    record_link = row.find("a", href=lambda h: h and h.startswith("/records/"))
    assert record_link is not None
    record = api(changing, "/api/v1" + record_link["href"])
    assert record["kind"] == "figure" and record["evidence"][0]["source"] == candidate["source"]
    accepted = api(changing, "/api/v1/candidates?status=accepted")["items"]
    assert candidate["id"] in [c["id"] for c in accepted]


def test_rejecting_without_javascript_redirects_back(changing: TestClient) -> None:
    candidate = first_pending(changing, "office")
    response = changing.post(
        f"/review/{candidate['id']}/reject",
        data={"back": "/review?type=office"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/review?type=office#candidate-{candidate['id']}"
    rejected = api(changing, "/api/v1/candidates?status=rejected")["items"]
    assert [c["id"] for c in rejected] == [candidate["id"]]
    # A redirect never leaves the queue, whatever the form says.
    other = first_pending(changing, "office")
    away = changing.post(
        f"/review/{other['id']}/reject",
        data={"back": "https://example.org/"},
        follow_redirects=False,
    )
    assert away.headers["location"].startswith("/review#")


def test_editing_changes_the_fields(changing: TestClient) -> None:
    candidate = first_pending(changing, "meeting")
    soup = page(changing, "/review?type=meeting")
    form = soup.find("form", action=f"/review/{candidate['id']}/edit")
    city = form.find("input", attrs={"name": "field-city"})
    assert form.find("label", attrs={"for": city["id"]}) is not None
    response = changing.post(
        f"/review/{candidate['id']}/edit",
        data={"field-city": "Ghent", "back": "/review"},
        headers=HTMX,
    )
    assert response.status_code == 200
    row = row_of(response.text)
    assert row.find("input", attrs={"name": "field-city"})["value"] == "Ghent"
    again = api(changing, "/api/v1/candidates?type=meeting&per_page=500")["items"]
    edited = next(c for c in again if c["id"] == candidate["id"])
    assert edited["fields"]["city"] == "Ghent"
    # Fields left as they were keep their type (a count stays a number).
    assert edited["fields"] == {**candidate["fields"], "city": "Ghent"}


def test_an_action_that_fails_shows_why_in_the_row(changing: TestClient) -> None:
    candidate = first_pending(changing, "office")  # offices are kept for reading only
    response = changing.post(f"/review/{candidate['id']}/accept", data={}, headers=HTMX)
    assert response.status_code == 200
    row = row_of(response.text)
    assert "reading only" in row.find(role="alert").get_text()
    assert "pending" in row["class"]
    plain = changing.post(f"/review/{candidate['id']}/accept", data={})
    assert plain.status_code == 409
    soup = BeautifulSoup(plain.text, "html.parser")
    assert soup.h1.get_text() == "Not done" and soup.find(role="alert") is not None
    still = api(changing, "/api/v1/candidates?type=office&per_page=500")["items"]
    assert candidate["id"] in [c["id"] for c in still]


def test_the_api_accepts_rejects_and_edits(changing: TestClient) -> None:
    statement = first_pending(changing, "statement")
    edited = changing.patch(
        f"/api/v1/candidates/{statement['id']}", json={"speaker_title": "Envoy"}
    )
    assert edited.status_code == 200 and edited.json()["fields"]["speaker_title"] == "Envoy"
    accepted = changing.post(f"/api/v1/candidates/{statement['id']}/accept")
    assert accepted.status_code == 200
    body = accepted.json()
    assert body["status"] == "accepted" and body["record"] is not None
    record = api(changing, f"/api/v1/records/{body['record']}")
    assert record["kind"] == "statement" and record["fields"]["speaker_title"] == "Envoy"
    twice = changing.post(f"/api/v1/candidates/{statement['id']}/reject")
    assert twice.status_code == 400 and "already accepted" in twice.json()["error"]["message"]
    missing = changing.post("/api/v1/candidates/999999/accept")
    assert missing.status_code == 404 and missing.json()["error"]["status"] == 404
    # Each decision that happened is in the audit log, attributed; the refused ones are not.
    events = api(changing, "/api/v1/audit/events?per_page=500")["items"]
    about = [
        (e["action"], e["actor"]) for e in events if e["subject"] == f"candidate:{statement['id']}"
    ]
    assert about == [("candidate.accept", "admin"), ("candidate.edit", "admin")]


def test_the_queue_exports(client: TestClient) -> None:
    listed = api(client, "/api/v1/candidates?type=meeting&per_page=500")
    exported = client.get("/review.json?type=meeting").json()
    assert [c["id"] for c in exported] == [c["id"] for c in listed["items"]]
    csv_lines = client.get("/review.csv?type=meeting").text.strip().splitlines()
    assert csv_lines[0].startswith("id,key,type") and len(csv_lines) == listed["total"] + 1
