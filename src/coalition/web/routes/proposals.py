"""Proposed changes to the record: partner officers propose, the secretariat decides."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from coalition.accounts.permissions import Permission
from coalition.meetings.models import ParticipantRole
from coalition.proposals.models import Proposal
from coalition.proposals.services import (
    Disbursement,
    decide,
    propose_delegation,
    propose_disbursement,
    visible_proposals,
)
from coalition.web.auth import Principal, require
from coalition.web.deps import WriteSessionDep
from coalition.web.rendering import render

router = APIRouter()

Proposes = Annotated[Principal, Depends(require(Permission.RECORD_PROPOSE))]
Decides = Annotated[Principal, Depends(require(Permission.PROPOSAL_DECIDE))]


def proposal_row(proposal: Proposal) -> dict[str, Any]:
    return {
        "id": proposal.id,
        "kind": proposal.kind.value,
        "status": proposal.status.value,
        "partner": proposal.partner.key,
        "target": proposal.target_key,
        "fields": proposal.fields,
        "note": proposal.note,
        "proposed_by": proposal.proposed_by.username,
        "proposed_at": proposal.proposed_at,
        "decided_by": proposal.decided_by.username if proposal.decided_by else None,
        "decided_at": proposal.decided_at,
        "reason": proposal.reason,
        "record": proposal.record_id,
    }


class DisbursementIn(BaseModel):
    pledge: str = Field(max_length=300, description="The pledge's record key.")
    amount: str = Field(max_length=40, description="Exact decimal amount, e.g. 1500000.00")
    currency: str = Field(min_length=3, max_length=3)
    on: date | None = None
    note: str = Field(default="", max_length=2000)


class DelegationIn(BaseModel):
    meeting: str = Field(max_length=300, description="The meeting's record key.")
    role: ParticipantRole = ParticipantRole.ATTENDED
    note: str = Field(default="", max_length=2000)


class DecisionIn(BaseModel):
    reason: str = Field(default="", max_length=2000)


@router.get("/api/v1/proposals", tags=["proposals"])
def api_proposals(session: WriteSessionDep, me: Proposes) -> dict[str, Any]:
    """Proposals the caller may see: every one for the secretariat, its partner's otherwise."""
    rows = [proposal_row(p) for p in visible_proposals(session, me.user_in(session))]
    return {"items": rows, "total": len(rows)}


@router.post("/api/v1/proposals/disbursements", status_code=201, tags=["proposals"])
def api_propose_disbursement(
    session: WriteSessionDep, me: Proposes, body: DisbursementIn
) -> dict[str, Any]:
    change = Disbursement(body.pledge, body.amount, body.currency, body.on)
    return proposal_row(propose_disbursement(session, me.user_in(session), change, body.note))


@router.post("/api/v1/proposals/delegations", status_code=201, tags=["proposals"])
def api_propose_delegation(
    session: WriteSessionDep, me: Proposes, body: DelegationIn
) -> dict[str, Any]:
    user = me.user_in(session)
    return proposal_row(propose_delegation(session, user, body.meeting, body.role, body.note))


@router.post("/api/v1/proposals/{proposal_id}/{verdict}", tags=["proposals"])
def api_decide(
    session: WriteSessionDep,
    me: Decides,
    proposal_id: int,
    verdict: Literal["approve", "reject"],
    body: DecisionIn,
) -> dict[str, Any]:
    admin = me.user_in(session)
    return proposal_row(decide(session, admin, proposal_id, verdict == "approve", body.reason))


@router.get("/proposals", response_class=HTMLResponse, tags=["pages"])
def proposals_page(request: Request, session: WriteSessionDep, me: Proposes) -> Response:
    user = me.user_in(session)
    context = {
        "title": "Proposed changes",
        "rows": [proposal_row(p) for p in visible_proposals(session, user)],
        "may_decide": me.may(Permission.PROPOSAL_DECIDE, False),
        "csrf": me.csrf,
    }
    return render(request, "sharing/proposals.html", context)


@router.post("/proposals/{proposal_id}/{verdict}", tags=["pages"])
def decide_from_form(
    session: WriteSessionDep,
    me: Decides,
    proposal_id: int,
    verdict: Literal["approve", "reject"],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    decide(session, me.user_in(session), proposal_id, verdict == "approve", reason)
    return RedirectResponse(f"/proposals#proposal-{proposal_id}", status_code=303)
