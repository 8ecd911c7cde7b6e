"""Who sees what, table-driven, on SQLite and PostgreSQL: every read path of the sharing services
against the expected readers of each item, and refusals for everything a user may not do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from coalition.accounts.models import User
from coalition.audit.services import verify_log
from coalition.errors import Forbidden, InvalidInput, NotFound
from coalition.sharing import items, queries
from coalition.sharing.labels import Label
from coalition.sharing.models import ItemKind, SharedItem
from coalition.sharing.services import label_of, visible_item
from coalition.storage.database import open_database
from tests.conftest import BACKENDS, fresh_database
from tests.sharing.world import (
    EXPECTED,
    ITEMS,
    POLICIES,
    USERS,
    add_items,
    add_users,
    label,
)


@pytest.fixture(scope="module", params=BACKENDS)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Session]:
    for url in fresh_database(request.param, request, tmp_path_factory.mktemp("sharing")):
        engine: Engine = open_database(url)
        session = sessionmaker(engine, expire_on_commit=False)()
        users = add_users(session)
        add_items(session, users)
        session.commit()
        yield session
        session.close()
        engine.dispose()


@pytest.fixture
def scratch(world: Session) -> Iterator[Session]:
    """The shared world for a test that changes it: whatever it did is rolled back after."""
    yield world
    world.rollback()


def user(session: Session, name: str) -> User:
    found = session.scalar(select(User).where(User.username == name))
    assert found is not None
    return found


def titles(rows: object) -> set[str]:
    return {row.title.removeprefix("Report ") for row in rows}  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", list(USERS))
def test_each_user_lists_counts_searches_and_opens_exactly_what_the_rule_allows(
    world: Session, name: str
) -> None:
    reader = items.reader_of(user(world, name))
    page = queries.list_items(world, reader, POLICIES)
    assert titles(page.items) == EXPECTED[name]
    assert page.total == len(EXPECTED[name])
    # Paging one at a time gives the same items, and every page reports the same total.
    paged = [queries.list_items(world, reader, POLICIES, offset=i, limit=1) for i in range(7)]
    assert titles(p for pg in paged for p in pg.items) == EXPECTED[name]
    assert {pg.total for pg in paged} == {len(EXPECTED[name])}
    # Search: "Report" is in every title; a word of one body finds only that item, if visible.
    assert titles(queries.list_items(world, reader, POLICIES, q="report").items) == EXPECTED[name]
    found = queries.list_items(world, reader, POLICIES, q="*strict*")
    assert titles(found.items) == {"strict"} & EXPECTED[name] and found.total <= 1
    for title in ITEMS:
        item = world.scalar(select(SharedItem).where(SharedItem.title == f"Report {title}"))
        assert item is not None
        for ident in (str(item.id), item.uuid):
            if title in EXPECTED[name]:
                assert visible_item(world, reader, POLICIES, ident).id == item.id
                comments = queries.children(world, reader, POLICIES, item, ItemKind.COMMENT)
                assert [c.body for c in comments] == [f"Note on {title}"]
            else:
                with pytest.raises(NotFound) as refused:
                    visible_item(world, reader, POLICIES, ident)
                # Worded exactly as for an item that does not exist.
                assert str(refused.value) == f"no shared item {ident!r}"
    with pytest.raises(NotFound, match="no shared item '999999'"):
        visible_item(world, reader, POLICIES, "999999")


@pytest.mark.parametrize("name", list(USERS))
def test_the_audit_view_shows_only_events_about_visible_items(world: Session, name: str) -> None:
    reader = items.reader_of(user(world, name))
    events, total = queries.audit_events(world, reader, POLICIES, limit=1000)
    visible_ids = {i.id for i in world.scalars(select(SharedItem)) if i.parent_id is None}
    seen_items = {e.item_id for e in events if e.item_id is not None}
    expected_ids = {
        i.id
        for i in world.scalars(select(SharedItem))
        if (i.parent.title if i.parent else i.title).removeprefix("Report ") in EXPECTED[name]
    }
    assert seen_items == expected_ids
    assert total == len(events)
    assert visible_ids  # the world is not empty


def test_shared_items_and_their_events_keep_the_chain_whole(world: Session) -> None:
    count, broken = verify_log(world)
    assert broken is None and count == 2 * len(ITEMS)


def test_comments_and_attachments_are_refused_on_invisible_items_as_not_found(
    scratch: Session,
) -> None:
    gbr = user(scratch, "gbr")
    red = scratch.scalar(select(SharedItem).where(SharedItem.title == "Report red"))
    assert red is not None
    with pytest.raises(NotFound):
        items.comment(scratch, gbr, str(red.id), "hello", POLICIES)
    with pytest.raises(NotFound):
        items.attach(scratch, gbr, red.uuid, "a.txt", b"hello", POLICIES)
    scratch.rollback()


def test_a_child_may_not_be_wider_than_its_parent(scratch: Session) -> None:
    usa = user(scratch, "usa")
    parent = scratch.scalar(select(SharedItem).where(SharedItem.title == "Report for-gbr"))
    assert parent is not None
    wider = label("CONFIDENTIAL", releasable_to={"GBR", "FRA"})
    lower = label("UNCLASSIFIED", releasable_to={"GBR"})
    for bad in (wider, lower):
        with pytest.raises(InvalidInput, match="at least as restrictive"):
            items.comment(scratch, usa, str(parent.id), "wider", POLICIES, label=bad)
    narrower = label("SECRET", releasable_to=set())
    note = items.comment(scratch, usa, str(parent.id), "narrower", POLICIES, label=narrower)
    assert label_of(note) == narrower
    scratch.rollback()


def test_only_the_originator_or_the_secretariat_relabels_and_children_follow(
    scratch: Session,
) -> None:
    open_item = scratch.scalar(select(SharedItem).where(SharedItem.title == "Report open"))
    assert open_item is not None
    # Narrowed to the secretariat alone: the secretariat still sees it, GBR no longer does.
    narrowed = label("RESTRICTED", releasable_to={"secretariat"}, groups=set())
    with pytest.raises(NotFound):  # the outsider cannot even see it
        items.relabel(scratch, user(scratch, "outsider"), str(open_item.id), narrowed, POLICIES)
    with pytest.raises(Forbidden):  # GBR sees it but did not share it
        items.relabel(scratch, user(scratch, "gbr"), str(open_item.id), narrowed, POLICIES)
    with pytest.raises(InvalidInput, match="originator never changes"):
        items.relabel(
            scratch,
            user(scratch, "usa"),
            str(open_item.id),
            label("UNCLASSIFIED", originator="GBR"),
            POLICIES,
        )
    items.relabel(scratch, user(scratch, "usa"), str(open_item.id), narrowed, POLICIES)
    comment = scratch.scalar(select(SharedItem).where(SharedItem.parent_id == open_item.id))
    assert comment is not None and label_of(comment) == narrowed  # narrowed with its item
    gbr_reader = items.reader_of(user(scratch, "gbr"))
    after = queries.list_items(scratch, gbr_reader, POLICIES)
    assert "open" not in titles(after.items)
    assert after.total == len(after.items) == len(EXPECTED["gbr"]) - 1  # the counts follow
    # The secretariat widens it back on the originator's behalf: allowed, and audited as such.
    sec = user(scratch, "sec")
    items.relabel(scratch, sec, str(open_item.id), ITEMS["open"], POLICIES)
    events, _ = queries.audit_events(scratch, items.reader_of(sec), POLICIES, limit=1)
    assert events[0].action == "item.relabel.on-behalf"
    assert events[0].details["widened"] is True and events[0].actor == "sec"
    scratch.rollback()


def test_bad_labels_and_bad_shares_are_refused_cleanly(scratch: Session) -> None:
    usa, analyst = user(scratch, "usa"), user(scratch, "analyst")
    refusals = [
        (usa, label("TOP-SECRET"), InvalidInput, "unknown classification"),
        (usa, label("SECRET", caveats={"NOPE"}), InvalidInput, "unknown caveat"),
        (usa, label("SECRET", groups={"ghosts"}), InvalidInput, "unknown group"),
        (usa, label("SECRET", tlp="PURPLE"), InvalidInput, "unknown TLP"),
        (usa, label("SECRET", releasable_to={"ATLANTIS"}), InvalidInput, "unknown partner"),
        (usa, label("SECRET", originator="GBR"), InvalidInput, "own partner"),
        (usa, label("SECRET", caveats={"FINANCE-INTEL"}), InvalidInput, "could not read"),
        (analyst, label("UNCLASSIFIED", originator="IRQ"), Forbidden, "does not allow"),
    ]
    count = select(func.count()).select_from(SharedItem)
    before = scratch.scalar(count)
    for who, bad, error, message in refusals:
        with pytest.raises(error, match=message):
            items.share(scratch, who, "Title", "Body", bad, POLICIES)
        scratch.rollback()
    forged = Label("coalition", 9, "SECRET", "USA")
    with pytest.raises(InvalidInput, match="unknown policy"):
        items.share(scratch, usa, "Title", "Body", forged, POLICIES)
    scratch.rollback()
    assert scratch.scalar(count) == before
