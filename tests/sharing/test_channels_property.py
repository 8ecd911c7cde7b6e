"""Property: every read channel of the sharing space agrees with the decision rule.

Hypothesis generates a policy (named groups of partners), labelled items (each with a comment
carrying its label, and sometimes a forged item under a policy version that does not exist) and
readers; the items are written to a real database, and for each reader the list, its count,
paging, search, get by id and by UUID, the item's comments and the audit view must show exactly
the items `decide` allows. Pages, API and exports are thin over these functions (see
tests/web/test_sharing_web.py for the same check over HTTP).

SQLite runs at least 2,000 examples (COALITION_PROPERTY_EXAMPLES raises it), PostgreSQL a
quarter of that; each backend's examples are split into SHARDS tests with their own seeds, so
that pytest-xdist spreads them over the cores.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import count

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from coalition.accounts.models import User
from coalition.audit.services import record_event
from coalition.errors import NotFound
from coalition.sharing import queries
from coalition.sharing.decision import Reader, decide
from coalition.sharing.labels import Label
from coalition.sharing.models import ItemKind, LabelAccess, SharedItem, StoredLabel
from coalition.sharing.policy import SECRETARIAT, TLP_LEVELS, Policy
from coalition.sharing.services import apply_label, grantees, new_uuid, visible_item
from coalition.storage.database import open_database
from tests.conftest import BACKENDS, fresh_database
from tests.sharing.world import add_users

EXAMPLES = max(2000, int(os.environ.get("COALITION_PROPERTY_EXAMPLES", "2000")))
SHARDS = 4
PARTNERS = ["USA", "GBR", "FRA", "IRQ", "JPN", "BRA", SECRETARIAT]
CLASSES = ("OPEN", "INTERNAL", "SECRET")
CAVEATS = ["X", "Y", "Z"]
_tags = count()

groups_st = st.dictionaries(
    st.sampled_from(["g0", "g1", "g2"]),
    st.frozensets(st.sampled_from(PARTNERS), max_size=4),
    max_size=3,
)


@st.composite
def labels(draw: st.DrawFn, group_keys: list[str]) -> Label:
    return Label(
        "prop",
        1,
        draw(st.sampled_from(CLASSES)),
        originator=draw(st.sampled_from(PARTNERS)),
        caveats=draw(st.frozensets(st.sampled_from(CAVEATS), max_size=2)),
        releasable_to=draw(st.frozensets(st.sampled_from(PARTNERS), max_size=3)),
        groups=draw(st.frozensets(st.sampled_from(group_keys), max_size=2))
        if group_keys
        else frozenset(),
        tlp=draw(st.sampled_from([None, *TLP_LEVELS])),
    )


readers_st = st.builds(
    Reader,
    st.sampled_from(PARTNERS),
    st.sampled_from([*CLASSES, "UNKNOWN"]),
    st.frozensets(st.sampled_from(CAVEATS), max_size=3),
)


@st.composite
def worlds(draw: st.DrawFn) -> tuple[Policy, list[Label], list[bool], list[Reader]]:
    groups = draw(groups_st)
    policy = Policy("prop", 1, CLASSES, frozenset(CAVEATS), groups)
    items = draw(st.lists(labels(sorted(groups)), min_size=1, max_size=5))
    forged = [draw(st.booleans()) and i == 0 for i in range(len(items))]
    readers = draw(st.lists(readers_st, min_size=1, max_size=3))
    return policy, items, forged, readers


@pytest.fixture(scope="module", params=BACKENDS)
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Session, User, int]]:
    for url in fresh_database(request.param, request, tmp_path_factory.mktemp("prop")):
        engine = open_database(url)
        session = sessionmaker(engine, expire_on_commit=False)()
        author = add_users(session)["usa"]
        session.commit()
        examples = (EXAMPLES if request.param == "sqlite" else EXAMPLES // 4) // SHARDS
        yield session, author, examples
        session.close()
        engine.dispose()


def _store(
    session: Session, author: User, tag: str, policy: Policy, label: Label, forged: bool
) -> tuple[SharedItem, SharedItem]:
    policies = {policy.ident: policy}
    item = SharedItem(
        uuid=new_uuid(), title=f"{tag} item", body="", author=author, originator=label.originator
    )
    note = SharedItem(
        uuid=new_uuid(),
        item_kind=ItemKind.COMMENT,
        title="",
        body=f"{tag} note",
        author=author,
        originator=label.originator,
    )
    forged_label = StoredLabel(
        # Written past the application, as a tampered or migrated row would be: a label under
        # a policy version nobody loaded, with access rows naming every partner.
        fingerprint=f"forged-{tag}-{new_uuid()}",
        policy="prop",
        policy_version=2,
        classification=label.classification,
        classification_rank=0,
        originator=label.originator,
        tlp=label.tlp,
        access=[LabelAccess(grantee=f"p:{p}") for p in PARTNERS],
    )
    note.parent = item
    for row in (item, note):
        if forged:
            row.label = forged_label
            session.add(row)
        else:
            session.add(row)
            apply_label(session, row, label, policies)
    session.flush()
    assert grantees(label, policy)
    record_event(session, "prop", "item.share", f"item:{item.id}", item_id=item.id)
    return item, note


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_channel_agrees_with_the_decision_rule(
    database: tuple[Session, User, int], shard: int
) -> None:
    session, author, examples = database

    @seed(shard)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(worlds())
    def check(world: tuple[Policy, list[Label], list[bool], list[Reader]]) -> None:
        policy, item_labels, forged, readers = world
        policies = {policy.ident: policy}
        tag = f"t{next(_tags)}x"
        try:
            stored = [
                _store(session, author, tag, policy, label, bad)
                for label, bad in zip(item_labels, forged, strict=True)
            ]
            ours = {item.id for item, _ in stored}
            for n, reader in enumerate(readers):
                allowed = {
                    item.id
                    for (item, _), label, bad in zip(stored, item_labels, forged, strict=True)
                    if not bad and decide(label, reader, policies)
                }
                page = queries.list_items(session, reader, policies, q=tag, limit=100)
                assert {i.id for i in page.items} == allowed
                assert page.total == len(allowed)
                # The condition written for a walk in date order selects the same items.
                scanned = session.scalars(queries.item_filter(reader, policies, q=tag, scan=True))
                assert {i.id for i in scanned} == allowed
                if n == 0:  # paging and the audit view, for one reader per example
                    halves = [
                        queries.list_items(session, reader, policies, q=tag, offset=o, limit=3)
                        for o in (0, 3)
                    ]
                    assert [i.id for h in halves for i in h.items] == [i.id for i in page.items]
                    events, _ = queries.audit_events(session, reader, policies, limit=1000)
                    assert {e.item_id for e in events if e.item_id in ours} == allowed
                # Single reads: each item once per example, by id or by UUID in turn, and its
                # comment by UUID.
                for k, (item, note) in enumerate(stored):
                    if k % len(readers) != n:
                        continue
                    ident = item.uuid if k % 2 else str(item.id)
                    try:
                        visible_item(session, reader, policies, ident)
                        shown = True
                    except NotFound:
                        shown = False
                    assert shown == (item.id in allowed)
                    if item.id in allowed:
                        comments = queries.children(
                            session, reader, policies, item, ItemKind.COMMENT
                        )
                        assert [c.id for c in comments] == [note.id]
                    else:
                        with pytest.raises(NotFound):
                            visible_item(session, reader, policies, note.uuid)
        finally:
            session.rollback()

    check()
    # The rollbacks left nothing behind: the generated items are gone.
    assert session.scalar(select(SharedItem.id).where(SharedItem.title.like("t%x item"))) is None
