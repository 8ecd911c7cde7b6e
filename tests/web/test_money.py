"""Money: the pledges list with sort and filters, a pledge with its ledger, totals that never mix
currencies, what was raised against targets, and their API and exports."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.coalitions.models import LineOfEffort
from coalition.meetings.models import Meeting
from coalition.money.models import FundingTransaction, Pledge, Target, TransactionType
from coalition.money.queries import status_expression
from coalition.money.services import list_pledges, pledge_state, totals
from coalition.partners.models import Actor
from coalition.provenance.models import Source
from coalition.provenance.services import manual, span
from tests.web.conftest import api, page, table_rows

DEMO_PLEDGE = "washington-2016-pledging-total"


def _by_key(session: Session, model: Any, key: str) -> Any:
    return session.scalar(select(model).where(model.key == key))


def _pledge(
    session: Session,
    key: str,
    amount: str,
    currency: str,
    on: date,
    donor: str | None,
    ledger: list[tuple[TransactionType, str, str, str | None]] = (),  # type: ignore[assignment]
    line: str | None = None,
) -> None:
    """A pledge entered by hand, with ledger entries (type, amount, currency, fx rate)."""
    pledge = Pledge(
        evidence=[manual("web tests")],
        key=key,
        amount=Decimal(amount),
        currency=currency,
        pledged_on=on,
        donor=_by_key(session, Actor, donor) if donor else None,
        line=_by_key(session, LineOfEffort, line) if line else None,
        meeting=_by_key(session, Meeting, "paris-2015"),
    )
    session.add(pledge)
    for number, (kind, value, in_currency, rate) in enumerate(ledger):
        session.add(
            FundingTransaction(
                evidence=[manual("web tests")],
                key=f"{key}/{number}",
                pledge=pledge,
                type=kind,
                amount=Decimal(value),
                currency=in_currency,
                transaction_date=on,
                fx_rate=Decimal(rate) if rate else None,
            )
        )


@pytest.fixture
def money_client(idle_demo: None, fresh_client: TestClient) -> TestClient:
    """The demo with pledges in every state of delivery, in two currencies, with decimals."""
    T = TransactionType
    with fresh_client.app.state.sessions() as session, session.begin():  # type: ignore[attr-defined]
        _pledge(session, "t-fr-1", "0.1", "EUR", date(2015, 1, 1), "FRA", line="loe-humanitarian")
        _pledge(session, "t-fr-2", "0.2", "EUR", date(2015, 2, 1), "FRA", line="loe-humanitarian")
        _pledge(session, "t-fr-usd", "1000", "USD", date(2015, 3, 1), "FRA")
        _pledge(
            session,
            "t-uk-part",
            "100",
            "GBP",
            date(2015, 4, 1),
            "GBR",
            [(T.COMMITTED, "100", "GBP", None), (T.DISBURSED, "40", "GBP", None)],
        )
        _pledge(
            session,
            "t-uk-done",
            "50",
            "GBP",
            date(2015, 5, 1),
            "GBR",
            [(T.DISBURSED, "30", "GBP", None), (T.DISBURSED, "20", "GBP", None)],
        )
        _pledge(
            session,
            "t-de-cancelled",
            "900",
            "EUR",
            date(2015, 6, 1),
            "DEU",
            [(T.CANCELLED, "0", "EUR", None)],
        )
        _pledge(
            session,
            "t-de-revised",
            "500",
            "EUR",
            date(2015, 7, 1),
            "DEU",
            [(T.REVISED, "400", "USD", "0.5"), (T.COMMITTED, "10", "EUR", None)],
        )
        _pledge(
            session,
            "t-jp-fx",
            "10",
            "USD",
            date(2015, 8, 1),
            "JPN",
            [(T.DISBURSED, "500", "JPY", None)],
        )
    return fresh_client


def test_list_page_shows_the_same_pledges_as_the_api(client: TestClient) -> None:
    data = api(client, "/api/v1/pledges")
    assert [p["key"] for p in data["items"]] == [DEMO_PLEDGE]
    soup = page(client, "/money")
    rows = table_rows(soup, "Pledges")
    assert len(rows) == data["total"] == 1
    assert "USD 2,100,000,000" in rows[0][2]
    link = soup.find("a", href=f"/pledges/{DEMO_PLEDGE}")
    assert link is not None
    # Every filter control has a label pointing at it.
    for control in soup.select("form.filters select, form.filters input"):
        assert soup.find("label", attrs={"for": control["id"]}) is not None, control["name"]


def test_sort_is_an_allow_list(client: TestClient) -> None:
    error = api(client, "/api/v1/pledges?sort=amount;drop table pledges", status=400)
    assert error["error"]["details"][0]["parameter"] == "sort"
    page(client, "/money?sort=pledged_on", status=400)


def test_sorts_and_filters(money_client: TestClient) -> None:
    def keys(query: str) -> list[str]:
        return [p["key"] for p in api(money_client, f"/api/v1/pledges?{query}")["items"]]

    by_amount = keys("sort=amount")
    # Numbers, not strings: 0.1 < 0.2 < 10 < 50 < 100 < 500 < 900 < 1000 < 2.1 billion.
    assert by_amount == [
        "t-fr-1",
        "t-fr-2",
        "t-jp-fx",
        "t-uk-done",
        "t-uk-part",
        "t-de-revised",
        "t-de-cancelled",
        "t-fr-usd",
        DEMO_PLEDGE,
    ]
    assert keys("sort=-amount") == by_amount[::-1]
    assert keys("sort=-date")[:2] == [DEMO_PLEDGE, "t-jp-fx"]
    assert keys("sort=donor")[:3] == ["t-fr-1", "t-fr-2", "t-fr-usd"]  # France, Germany...
    assert keys("sort=donor")[-1] == keys("sort=-donor")[-1] == DEMO_PLEDGE  # no donor: last
    assert set(keys("donor=FRA")) == {"t-fr-1", "t-fr-2", "t-fr-usd"}
    assert set(keys("currency=gbp")) == {"t-uk-part", "t-uk-done"}
    assert set(keys("line=loe-humanitarian")) == {"t-fr-1", "t-fr-2"}
    assert set(keys("meeting=washington-2016-pledging")) == {DEMO_PLEDGE}
    assert keys("since=2015-07-01&until=2015-08-01&sort=date") == ["t-de-revised", "t-jp-fx"]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("cancelled", {"t-de-cancelled"}),
        ("disbursed", {"t-uk-done"}),
        ("partly disbursed", {"t-uk-part"}),
        ("committed", {"t-de-revised"}),
        ("pledged", {"t-fr-1", "t-fr-2", "t-fr-usd", "t-jp-fx", DEMO_PLEDGE}),
    ],
)
def test_status_filter(money_client: TestClient, status: str, expected: set[str]) -> None:
    data = api(money_client, f"/api/v1/pledges?status={status}")
    assert {p["key"] for p in data["items"]} == expected
    assert {p["status"] for p in data["items"]} == {status}


def test_status_in_sql_agrees_with_the_ledger_rule(money_client: TestClient) -> None:
    with money_client.app.state.sessions() as session:  # type: ignore[attr-defined]
        in_sql = dict(session.execute(select(Pledge.key, status_expression())).all())
        for pledge in list_pledges(session):
            assert in_sql[pledge.key] == pledge_state(pledge).status, pledge.key


def test_delivery_progress(money_client: TestClient) -> None:
    part = api(money_client, "/api/v1/pledges/t-uk-part")
    assert (part["pledged_now"], part["committed"], part["disbursed"]) == ("100", "100", "40")
    revised = api(money_client, "/api/v1/pledges/t-de-revised")
    # Revised to USD 400 at 0.5 EUR per USD: EUR 200 now pledged.
    assert revised["pledged_now"] == "200"
    unconverted = api(money_client, "/api/v1/pledges/t-jp-fx")
    assert unconverted["unconverted"] == 1 and unconverted["disbursed"] == "0"

    soup = page(money_client, "/money?donor=GBR&sort=date")
    rows = table_rows(soup, "Pledges")
    assert "Disbursed GBP 40 (40%)" in rows[0][6]
    assert "Disbursed GBP 50 (100%)" in rows[1][6]


def test_totals_by_group_never_mix_currencies(money_client: TestClient) -> None:
    by_donor = api(money_client, "/api/v1/money/totals?by=donor")["items"]
    france = {r["currency"]: r["amount"] for r in by_donor if r["key"] == "FRA"}
    # Exact decimals, one total per currency: 0.1 + 0.2 is 0.3, and dollars stay apart.
    assert france == {"EUR": "0.3", "USD": "1000"}
    germany = {r["currency"]: r["amount"] for r in by_donor if r["key"] == "DEU"}
    assert germany == {"EUR": "200"}  # the cancelled pledge left out, the revised one revised
    by_line = api(money_client, "/api/v1/money/totals?by=line")["items"]
    humanitarian = [r for r in by_line if r["key"] == "loe-humanitarian"]
    assert [(r["currency"], r["amount"]) for r in humanitarian] == [("EUR", "0.3")]
    by_meeting = api(money_client, "/api/v1/money/totals?by=meeting")["items"]
    assert {(r["key"], r["currency"]) for r in by_meeting} >= {
        ("paris-2015", "EUR"),
        ("washington-2016-pledging", "USD"),
    }
    api(money_client, "/api/v1/money/totals?by=colour", status=400)


@pytest.mark.parametrize("by", ["donor", "line", "meeting"])
def test_totals_agree_with_the_services(money_client: TestClient, by: str) -> None:
    with money_client.app.state.sessions() as session:  # type: ignore[attr-defined]
        expected = totals(list_pledges(session), by)
    found = api(money_client, f"/api/v1/money/totals?by={by}")["items"]
    assert {(r["group"], r["currency"]): Decimal(r["amount"]) for r in found} == {
        (group, currency): amount
        for group, per_currency in expected.items()
        for currency, amount in per_currency.items()
    }
    soup = page(money_client, f"/money/totals?by={by}")
    rows = table_rows(soup, "Totals by")
    assert len(rows) == len(found)


def test_raised_against_target(client: TestClient) -> None:
    targets = api(client, "/api/v1/targets")["items"]
    assert len(targets) == 1
    aim = targets[0]
    assert (aim["currency"], aim["amount"], aim["raised"], aim["percent"]) == (
        "USD",
        "1500000000",
        "2100000000",
        140,
    )
    soup = page(client, "/money")
    section = soup.find("section", attrs={"aria-labelledby": "targets-heading"})
    text = section.get_text(" ", strip=True)
    assert "Raised USD 2,100,000,000 of USD 1,500,000,000 (140%)" in text
    # The bar is decoration: the numbers are the text above.
    assert section.find(class_="progress")["aria-hidden"] == "true"


def test_target_counts_only_its_currency_and_dates(money_client: TestClient) -> None:
    with money_client.app.state.sessions() as session, session.begin():  # type: ignore[attr-defined]
        session.add(
            Target(
                evidence=[manual("web tests")],
                key="t-aim-eur",
                amount=Decimal("1"),
                currency="EUR",
                set_on=date(2015, 1, 15),
                deadline=date(2015, 12, 31),
            )
        )
    targets = {t["key"]: t for t in api(money_client, "/api/v1/targets")["items"]}
    # 0.2 (February) + 200 (the revised pledge): January's 0.1 is before the target was set,
    # the cancelled pledge is out, dollars and pounds are never counted.
    assert targets["t-aim-eur"]["raised"] == "200.2"


def _raised_by_rule(pledges: list[Pledge], target: Target) -> Decimal:
    """What `pledge_state` says was pledged towards `target`, pledge by pledge in Python: the
    reference the grouped SQL of the targets list must agree with."""
    total = Decimal(0)
    for pledge in pledges:
        state = pledge_state(pledge)
        counts = (
            pledge.currency == target.currency
            and target.coalition_id in (None, pledge.coalition_id)
            and target.meeting_id in (None, pledge.meeting_id)
            and (target.set_on is None or (pledge.pledged_on or date.min) >= target.set_on)
            and (target.deadline is None or (pledge.pledged_on or date.max) <= target.deadline)
        )
        if counts and state.status != "cancelled":
            total += state.pledged
    return total


def test_every_target_counts_its_own_pledges_on_every_page(money_client: TestClient) -> None:
    """Targets at a meeting and targets of the whole coalition, with and without dates, summed
    together for a page: each gets what the rule gives it alone, whichever page it is on."""
    with money_client.app.state.sessions() as session, session.begin():  # type: ignore[attr-defined]
        paris = _by_key(session, Meeting, "paris-2015")
        other = session.scalar(select(Meeting).where(Meeting.key != "paris-2015").limit(1))
        aims = [
            ("t-aim-paris-eur", "EUR", paris, date(2015, 1, 15), None),
            ("t-aim-other-gbp", "GBP", other, None, None),
            ("t-aim-any-gbp", "GBP", None, None, date(2015, 4, 15)),
            ("t-aim-any-usd", "USD", None, None, None),
        ]
        for key, currency, meeting, set_on, deadline in aims:
            session.add(
                Target(
                    evidence=[manual("web tests")],
                    key=key,
                    amount=Decimal("1"),
                    currency=currency,
                    meeting=meeting,
                    set_on=set_on,
                    deadline=deadline,
                )
            )
    with money_client.app.state.sessions() as session:  # type: ignore[attr-defined]
        pledges = list_pledges(session)
        expected = {
            t.key: _raised_by_rule(pledges, t) for t in session.scalars(select(Target)).all()
        }
    assert expected["t-aim-paris-eur"] >= Decimal("200.2")  # the revised pledge, converted
    assert expected["t-aim-any-gbp"] >= Decimal("100")
    listed = api(money_client, "/api/v1/targets")
    paged = [
        item
        for number in range(1, listed["total"] + 1)
        for item in api(money_client, f"/api/v1/targets?per_page=1&page={number}")["items"]
    ]
    for items in (listed["items"], paged):
        assert {t["key"]: Decimal(t["raised"]) for t in items} == expected


def test_evidence_links_quote_source_keys(idle_demo: None, fresh_client: TestClient) -> None:
    """A source key may hold "#" or a space: the link to it is quoted, so it opens that source
    instead of cutting the key at the "#"."""
    key = "report #2 annex.txt"
    with fresh_client.app.state.sessions() as session, session.begin():  # type: ignore[attr-defined]
        source = Source(key=key, title="Annex", text="France pledged EUR 5 for demining.")
        session.add(source)
        session.add(
            Pledge(
                evidence=[span(source, 0, 26)],
                key="t-quoted",
                amount=Decimal("5"),
                currency="EUR",
            )
        )
    soup = page(fresh_client, "/pledges/t-quoted")
    link = soup.select_one("ul.evidence a")
    assert link["href"] == "/sources/report%20%232%20annex.txt#span-0-26"
    opened = page(fresh_client, link["href"].split("#")[0])
    assert opened.h1.get_text(strip=True) == "Annex"


def test_pledge_page_has_ledger_and_evidence(client: TestClient) -> None:
    soup = page(client, f"/pledges/{DEMO_PLEDGE}")
    assert "USD 2,100,000,000" in soup.h1.get_text()
    ledger = table_rows(soup, "Funding transactions")
    assert ledger[0][1] == "pledged"
    evidence = soup.select("ul.evidence a[href^='/sources/']")
    assert evidence and "#span-" in evidence[0]["href"]
    data = api(client, f"/api/v1/pledges/{DEMO_PLEDGE}")
    source = next(e for e in data["evidence"] if "source" in e)
    assert (
        evidence[0]["href"] == f"/sources/{source['source']}#span-{source['start']}-{source['end']}"
    )
    assert data["ledger"][0]["type"] == "pledged"


def test_unknown_pledge_is_a_404(client: TestClient) -> None:
    soup = page(client, "/pledges/no-such-pledge", status=404)
    assert "no-such-pledge" in soup.main.get_text()
    assert api(client, "/api/v1/pledges/no-such-pledge", status=404)["error"]["status"] == 404


def test_exports_follow_the_filters(money_client: TestClient) -> None:
    total = api(money_client, "/api/v1/pledges?currency=EUR")["total"]
    response = money_client.get("/pledges.csv?currency=EUR&sort=-amount")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total == 4
    assert [r["key"] for r in rows] == ["t-de-cancelled", "t-de-revised", "t-fr-2", "t-fr-1"]
    as_json = money_client.get("/pledges.json?currency=EUR&sort=-amount").json()
    assert [r["key"] for r in as_json] == [r["key"] for r in rows]
    assert (
        money_client.get("/pledges?donor=FRA", follow_redirects=False).headers["location"]
        == "/money?donor=FRA"
    )
