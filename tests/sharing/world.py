"""Named users and labelled items for the access tests, on a real database.

The users: a secretariat admin, two partner officers of different partners (USA, GBR), an
analyst (IRQ) and an outsider (BRA, a partner in none of the policy's groups, cleared for
everything). Items are shared by the USA officer under labels that each test one part of the
decision rule; EXPECTED says who may read each, worked out by hand from the rule in DESIGN.md.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.accounts.models import User
from coalition.accounts.passwords import hash_password
from coalition.accounts.permissions import Role
from coalition.partners.models import Actor
from coalition.sharing import items
from coalition.sharing.labels import Label
from coalition.sharing.models import SharedItem
from coalition.sharing.policy import packaged_policies

POLICIES = packaged_policies()
POLICY = POLICIES[("coalition", 1)]
PASSWORD = "correct horse battery staple"
_HASH = hash_password(PASSWORD)  # once: argon2id is slow on purpose

USERS = {
    # name: (role, partner, clearance, caveats)
    "sec": (Role.SECRETARIAT_ADMIN, None, "SECRET", tuple(sorted(POLICY.caveats))),
    "usa": (Role.PARTNER_OFFICER, "USA", "SECRET", ("LEADS-ONLY",)),
    "gbr": (Role.PARTNER_OFFICER, "GBR", "CONFIDENTIAL", ()),
    "analyst": (Role.ANALYST, "IRQ", "RESTRICTED", ()),
    "outsider": (Role.PARTNER_ADMIN, "BRA", "SECRET", tuple(sorted(POLICY.caveats))),
}


def label(classification: str, **fields: object) -> Label:
    return Label(
        "coalition",
        1,
        classification,
        originator=str(fields.pop("originator", "USA")),
        caveats=frozenset(fields.pop("caveats", ())),  # type: ignore[arg-type]
        releasable_to=frozenset(fields.pop("releasable_to", ())),  # type: ignore[arg-type]
        groups=frozenset(fields.pop("groups", ())),  # type: ignore[arg-type]
        tlp=fields.pop("tlp", None),  # type: ignore[arg-type]
    )


ITEMS = {
    "open": label("UNCLASSIFIED", groups={"small-group"}),
    "for-gbr": label("CONFIDENTIAL", releasable_to={"GBR"}),
    "red": label("RESTRICTED", releasable_to={"GBR"}, groups={"small-group"}, tlp="RED"),
    "strict": label(
        "RESTRICTED", releasable_to={"GBR"}, groups={"small-group"}, tlp="AMBER+STRICT"
    ),
    "leads": label("RESTRICTED", caveats={"LEADS-ONLY"}, groups={"small-group"}),
    "secret": label("SECRET", releasable_to={"GBR", "secretariat"}),
}

EXPECTED = {
    "sec": {"open", "leads", "secret"},
    "usa": set(ITEMS),
    "gbr": {"open", "for-gbr", "strict"},
    "analyst": {"open"},
    "outsider": set(),
}


def add_users(session: Session) -> dict[str, User]:
    made = {}
    for name, (role, partner, clearance, caveats) in USERS.items():
        actor = session.scalar(select(Actor).where(Actor.key == partner)) if partner else None
        made[name] = User(
            username=name,
            display_name=name.title(),
            role=role,
            partner=actor,
            clearance=clearance,
            caveats=list(caveats),
            password_hash=_HASH,
        )
        session.add(made[name])
    session.flush()
    return made


def add_items(session: Session, users: dict[str, User]) -> dict[str, SharedItem]:
    """Each item shared by the USA officer, with one comment of the same label."""
    shared = {}
    for title, item_label in ITEMS.items():
        item = items.share(
            session, users["usa"], f"Report {title}", f"Body of *{title}*", item_label, POLICIES
        )
        items.comment(session, users["usa"], str(item.id), f"Note on {title}", POLICIES)
        shared[title] = item
    session.flush()
    return shared
