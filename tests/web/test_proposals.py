"""Partner officers propose changes that concern their own partner; the secretariat decides;
approved proposals become records whose evidence names both people. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from coalition.accounts.permissions import Role
from coalition.meetings.models import Meeting
from coalition.money.models import FundingTransaction, Pledge, TransactionType
from coalition.partners.models import Actor
from coalition.provenance.services import manual
from coalition.storage.database import transaction
from coalition.web.app import create_app
from tests.web.signing import token_for


@pytest.fixture
def setup(idle_demo: None, fresh_demo_url: str) -> Iterator[tuple[TestClient, dict[str, Any]]]:
    with transaction(fresh_demo_url) as session:
        # The demo's pledges may have no donor: two of our own, by different partners.
        pledges = {
            key: Pledge(
                evidence=[manual("tests")],
                key=f"pledge-test-{key}",
                donor=session.scalar(select(Actor).where(Actor.key == key)),
                amount=Decimal("1000000"),
                currency="USD",
            )
            for key in ("USA", "DEU")
        }
        session.add_all(pledges.values())
        meeting = session.scalars(select(Meeting)).first()
        assert meeting is not None
        facts = {
            "pledge": "pledge-test-USA",
            "other": "pledge-test-DEU",
            "meeting": meeting.key,
            "donor": "USA",
        }
    donor = "USA"
    foreign = "GBR"
    tokens = {
        "officer": token_for(fresh_demo_url, "officer", Role.PARTNER_OFFICER, partner=donor),
        "foreign": token_for(fresh_demo_url, "foreign", Role.PARTNER_OFFICER, partner=foreign),
        "analyst": token_for(fresh_demo_url, "reader", Role.ANALYST, partner=donor),
        "admin": token_for(fresh_demo_url, "admin"),
    }
    app = create_app(fresh_demo_url)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, {**facts, "tokens": tokens, "url": fresh_demo_url}
    app.state.engine.dispose()


def post(client: TestClient, token: str, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json=body, headers={"Authorization": f"Bearer {token}"})


def test_officers_propose_for_their_own_partner_and_the_secretariat_decides(
    setup: tuple[TestClient, dict[str, Any]],
) -> None:
    client, facts = setup
    tokens = facts["tokens"]
    change = {
        "pledge": facts["pledge"],
        "amount": "250000.50",
        "currency": "usd",
        "on": "2019-03-01",
    }
    assert (
        post(client, tokens["analyst"], "/api/v1/proposals/disbursements", change).status_code
        == 403
    )
    elsewhere = {**change, "pledge": facts["other"]}
    assert (
        post(client, tokens["officer"], "/api/v1/proposals/disbursements", elsewhere).status_code
        == 403
    )
    assert (
        post(client, tokens["foreign"], "/api/v1/proposals/disbursements", change).status_code
        == 403
    )
    bad = post(
        client, tokens["officer"], "/api/v1/proposals/disbursements", {**change, "amount": "-3"}
    )
    assert bad.status_code == 400
    made = post(client, tokens["officer"], "/api/v1/proposals/disbursements", change)
    assert made.status_code == 201 and made.json()["status"] == "pending"
    proposal = made.json()["id"]
    delegation = post(
        client, tokens["officer"], "/api/v1/proposals/delegations", {"meeting": facts["meeting"]}
    )
    assert delegation.status_code in (201, 400)  # 400 when the record already has it

    seen_by_foreign = client.get(
        "/api/v1/proposals", headers={"Authorization": f"Bearer {tokens['foreign']}"}
    ).json()
    assert seen_by_foreign["total"] == 0
    assert (
        post(client, tokens["officer"], f"/api/v1/proposals/{proposal}/approve", {}).status_code
        == 403
    )

    approved = post(
        client, tokens["admin"], f"/api/v1/proposals/{proposal}/approve", {"reason": "ok"}
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert (
        post(client, tokens["admin"], f"/api/v1/proposals/{proposal}/reject", {}).status_code == 400
    )
    with transaction(facts["url"]) as session:
        entry = session.get(FundingTransaction, approved.json()["record"])
        assert entry is not None and entry.type is TransactionType.DISBURSED
        assert str(entry.amount) in ("250000.50", "250000.5") and entry.currency == "USD"
        assert entry.pledge.key == facts["pledge"]
        assert "officer" in entry.evidence[0].entered_by and "admin" in entry.evidence[0].entered_by
    events = client.get(
        "/api/v1/audit/events?per_page=50", headers={"Authorization": f"Bearer {tokens['admin']}"}
    ).json()["items"]
    actions = [e["action"] for e in events]
    assert "proposal.approve" in actions and "proposal.disbursement" in actions
