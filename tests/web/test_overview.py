"""The overview (/) and /api/v1/overview over the demo database, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.coalitions.models import Coalition, ReportedSize
from coalition.meetings.models import Meeting
from coalition.money.models import Target, TransactionType
from coalition.provenance.models import Evidence
from coalition.web.app import create_app
from tests import factories
from tests.web.conftest import api, page, table_rows

DEMO_NAME = "Global Coalition to Defeat ISIS"


def _section(soup: object, heading: str) -> object:
    found = soup.find("h2", string=heading)  # type: ignore[attr-defined]
    assert found is not None, f"no section {heading!r}"
    return found.find_parent("section")


def test_the_demo_coalition_is_shown_by_default(client: TestClient) -> None:
    soup = page(client, "/")
    assert [h.get_text(strip=True) for h in soup.find_all("h1")] == [DEMO_NAME]
    headings = [h.get_text(strip=True) for h in soup.find_all("h2")]
    assert headings == [
        "Membership over time",
        "Meetings",
        "Money raised against targets",
        "Latest statements",
        "Key figures",
    ]
    assert api(client, "/api/v1/overview")["overview"]["coalition"]["name"] == DEMO_NAME


def test_reported_sizes_each_link_to_the_span_they_were_read_from(client: TestClient) -> None:
    soup = page(client, "/")
    rows = table_rows(soup, "Sizes reported by sources")
    assert [(r[0], r[1]) for r in rows] == [
        ("2015-06-02", "25"),
        ("2017-03-09", "68"),
        ("2019-02-06", "79"),
    ]
    table = soup.find("caption", string="Sizes reported by sources").find_parent("table")
    links = [a["href"] for a in table.find_all("a")]
    assert len(links) == 3
    assert all(href.startswith("/sources/") and "#span-" in href for href in links)
    reported = api(client, "/api/v1/overview")["overview"]["membership"]["reported"]
    assert links == [size["evidence"]["url"] for size in reported]


def test_members_known_by_name_step_up_as_sources_name_them(client: TestClient) -> None:
    rows = table_rows(page(client, "/"), "Members known by name")
    assert rows == [["2015-06-02", "4"], ["2016-07-21", "8"], ["2016-12-15", "17"]]


def test_the_chart_gets_the_same_points_as_the_tables(client: TestClient) -> None:
    soup = page(client, "/")
    canvas = soup.find("canvas", id="membership-chart")
    assert canvas is not None and canvas["role"] == "img" and "membership" in canvas["aria-label"]
    chart = json.loads(soup.find("script", id="membership-chart-data").string)
    assert [(p["x"], p["y"]) for p in chart["reported"]] == [
        ("2015-06-02", 25),
        ("2017-03-09", 68),
        ("2019-02-06", 79),
    ]
    assert all(p["url"].startswith("/sources/") for p in chart["reported"])
    assert [p["y"] for p in chart["named"]] == [4, 8, 17]
    scripts = [s.get("src") for s in soup.find_all("script") if s.get("src")]
    assert "/static/vendor/chart.umd.min.js" in scripts and "/static/overview.js" in scripts


def test_recent_meetings_newest_first_link_to_their_pages(client: TestClient) -> None:
    section = _section(page(client, "/"), "Meetings")
    lists = section.find_all("ol", class_="timeline")
    assert len(lists) == 2
    upcoming, recent = lists
    assert upcoming.get_text(strip=True) == "No upcoming meeting is recorded."
    links = recent.find_all("a")
    assert len(links) == 5
    assert links[0].get_text(strip=True).startswith("Ministerial of the 79-member coalition")
    dates = [li.find("time")["datetime"] for li in recent.find_all("li")]
    assert dates == sorted(dates, reverse=True)
    recent_api = api(client, "/api/v1/overview")["overview"]["meetings"]["recent"]
    assert [a["href"] for a in links] == [f"/meetings/{m['key']}" for m in recent_api]


def test_money_is_shown_against_the_target_with_numbers_as_text(client: TestClient) -> None:
    section = _section(page(client, "/"), "Money raised against targets")
    assert section.find("h3").get_text(strip=True) == "USD"
    assert section.find(class_="pledged").get_text(" ", strip=True) == (
        "Pledged: USD 2,100,000,000"
    )
    numbers = section.find(class_="target-numbers").get_text(" ", strip=True)
    assert numbers == "Raised USD 2,100,000,000 of about USD 1,500,000,000 (140.0%)"
    bar = section.find(class_="progress")
    assert bar["aria-hidden"] == "true"
    assert bar.span["style"] == "width: 100%"
    money = api(client, "/api/v1/overview")["overview"]["money"]
    assert money[0]["pledged"] == "2100000000"
    assert money[0]["targets"][0]["amount"] == "1500000000"


def test_latest_statements_name_speaker_date_and_source(client: TestClient) -> None:
    section = _section(page(client, "/"), "Latest statements")
    items = section.find("ul", class_="statements").find_all("li", recursive=False)
    statements = api(client, "/api/v1/overview")["overview"]["statements"]
    assert len(items) == len(statements) == 5
    first = items[0]
    assert first.find("strong").get_text(strip=True) == "Mike Pompeo"
    assert first.find("time")["datetime"] == "2019-02-06"
    assert first.find("blockquote").get_text(strip=True) == statements[0]["words"]
    assert first.find(class_="source").a["href"] == statements[0]["evidence"]["url"]
    said = [item.find("time")["datetime"] for item in items]
    assert said == sorted(said, reverse=True)


def test_key_figures_give_the_latest_value_of_each_subject(client: TestClient) -> None:
    section = _section(page(client, "/"), "Key figures")
    cards = {
        card.find(class_="subject").get_text(strip=True): card
        for card in section.find_all("li", class_="card")
    }
    assert len(cards) == 8
    syria = cards["US troops in Syria"]
    assert syria.find(class_="big").get_text(strip=True) == "about 2,000 troops"
    assert syria.find("time")["datetime"] == "2019-02-06"
    assert syria.find("a")["href"].startswith("/sources/")


def test_an_unknown_coalition_is_a_friendly_404(client: TestClient) -> None:
    soup = page(client, "/?coalition=no-such-coalition", status=404)
    assert "no-such-coalition" in soup.find("main").get_text()
    error = api(client, "/api/v1/overview?coalition=no-such-coalition", status=404)
    assert error["error"]["status"] == 404


def test_the_coalition_can_be_named(client: TestClient) -> None:
    key = api(client, "/api/v1/overview")["coalitions"][0]["key"]
    soup = page(client, f"/?coalition={key}")
    assert soup.find("h1").get_text(strip=True) == DEMO_NAME


@pytest.fixture
def empty_client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_url), raise_server_exceptions=False) as test_client:
        yield test_client


def test_a_database_without_a_coalition_shows_an_empty_state(empty_client: TestClient) -> None:
    soup = page(empty_client, "/")
    assert soup.find("h1").get_text(strip=True) == "Overview"
    assert "holds no coalition" in soup.find(class_="empty-state").get_text()
    assert soup.find("canvas") is None
    assert api(empty_client, "/api/v1/overview") == {"coalitions": [], "overview": None}


@pytest.fixture
def writable(idle_demo: None, fresh_client: TestClient) -> Iterator[tuple[TestClient, Session]]:
    """A private copy of the demo, and a session on it to add records with."""
    with fresh_client.app.state.sessions() as session:  # type: ignore[attr-defined]
        yield fresh_client, session


def test_several_coalitions_ask_which_one(writable: tuple[TestClient, Session]) -> None:
    fresh_client, fresh_session = writable
    another = factories.coalition(fresh_session, key="another", name="Another Coalition")
    # A pledge to the other coalition counts for it alone; one that names no coalition, for both.
    factories.pledge(fresh_session, "5", currency="CHF").coalition = another
    factories.pledge(fresh_session, "2", currency="CHF")
    fresh_session.commit()
    soup = page(fresh_client, "/")
    choices = {a.get_text(strip=True): a["href"] for a in soup.select("ul.coalition-choices a")}
    assert choices["Another Coalition"] == "/?coalition=another"
    assert DEMO_NAME in choices
    assert api(fresh_client, "/api/v1/overview")["overview"] is None
    demo = next(
        c["key"]
        for c in api(fresh_client, "/api/v1/overview")["coalitions"]
        if c["key"] != "another"
    )
    for key, francs in (("another", "7"), (demo, "2")):
        found = api(fresh_client, f"/api/v1/overview?coalition={key}")["overview"]["money"]
        assert {m["currency"]: m["pledged"] for m in found}["CHF"] == francs

    chosen = page(fresh_client, "/?coalition=another")
    assert chosen.find("h1").get_text(strip=True) == "Another Coalition"
    assert table_rows(chosen, "Sizes reported by sources") == [
        ["No source has reported a size yet."]
    ]
    selected = chosen.find("select", id="f-coalition").find("option", selected=True)
    assert selected["value"] == "another"


def test_pledged_totals_are_exact_and_follow_the_ledger(
    writable: tuple[TestClient, Session],
) -> None:
    """Decimals a float sum would blur; a revision replaces a pledge, a cancellation drops it."""
    fresh_client, fresh_session = writable
    for amount in ("0.1", "0.2", "1234567890123.000001"):
        factories.pledge(fresh_session, amount, currency="EUR")
    revised = factories.pledge(fresh_session, "100", currency="EUR")
    factories.entry(fresh_session, revised, TransactionType.REVISED, "50.5", currency="EUR")
    cancelled = factories.pledge(fresh_session, "999", currency="EUR")
    factories.entry(fresh_session, cancelled, TransactionType.CANCELLED, "999", currency="EUR")
    fresh_session.add(
        Target(
            evidence=factories.by_hand(),
            amount=2469135780246,
            currency="EUR",
            purpose="test aim",
            deadline=date(2030, 1, 1),
        )
    )
    # A target set at a meeting counts only the pledges made there.
    meeting = fresh_session.scalars(select(Meeting).where(Meeting.key == "washington-2016")).one()
    for amount in ("0.3", "7"):
        factories.pledge(fresh_session, amount, currency="EUR").meeting = meeting
    revised_there = factories.pledge(fresh_session, "9", currency="EUR")
    revised_there.meeting = meeting
    factories.entry(fresh_session, revised_there, TransactionType.REVISED, "0", currency="EUR")
    fresh_session.add(
        Target(evidence=factories.by_hand(), amount=10, currency="EUR", meeting=meeting)
    )
    fresh_session.commit()

    money = {m["currency"]: m for m in api(fresh_client, "/api/v1/overview")["overview"]["money"]}
    assert money["EUR"]["pledged"] == "1234567890181.100001"
    targets = {t["meeting"]: t for t in money["EUR"]["targets"]}
    aim, at_meeting = targets[None], targets["washington-2016"]
    assert aim["raised"] == "1234567890181.100001"
    assert aim["percent"] == 50.0
    assert (at_meeting["raised"], at_meeting["percent"]) == ("7.3", 73.0)
    assert money["USD"]["pledged"] == "2100000000"

    section = _section(page(fresh_client, "/"), "Money raised against targets")
    euro = next(c for c in section.find_all(class_="currency") if c.h3.get_text() == "EUR")
    numbers = [t.get_text(" ", strip=True) for t in euro.find_all(class_="target-numbers")]
    assert "Raised EUR 7.3 of EUR 10 (73.0%)" in numbers
    assert (
        "Raised EUR 1,234,567,890,181.100001 of EUR 2,469,135,780,246 (50.0%), by 2030-01-01"
    ) in numbers


def test_evidence_links_quote_a_source_key_that_holds_a_hash(
    writable: tuple[TestClient, Session],
) -> None:
    """A source's key may hold "#": unquoted in a link, everything after it would be read as the
    fragment and the link would lead to another page."""
    fresh_client, fresh_session = writable
    demo = fresh_session.scalars(select(Coalition)).one()
    source = factories.source(fresh_session, "wire#7.txt", "The coalition has 99 members.")
    span = Evidence(source=source, span_start=18, span_end=28, text="99 members")
    size = ReportedSize(evidence=[span], coalition=demo, count=99, as_of=date(2030, 1, 1))
    fresh_session.add(size)
    fresh_session.commit()
    sizes = api(fresh_client, "/api/v1/overview")["overview"]["membership"]["reported"]
    link = next(size["evidence"] for size in sizes if size["count"] == 99)
    assert link["url"] == "/sources/wire%237.txt#span-18-28"
    soup = page(fresh_client, link["url"].split("#")[0])
    assert soup.find(id="span-18-28") is not None
