"""The partners list, a partner's page, their API and exports."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal

import pycountry
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.coalitions.models import Body, BodyLead, Coalition, LeadRole
from coalition.money.models import FundingTransaction, Pledge, TransactionType
from coalition.partners.models import Actor
from coalition.partners.regions import REGIONS_FILE, codes_in, region_of
from coalition.provenance.models import Evidence
from coalition.provenance.services import manual
from coalition.reference.loader import read
from coalition.storage.database import open_database
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


def test_every_country_has_exactly_one_region() -> None:
    table = read(REGIONS_FILE)
    listed = Counter(code for codes in table.values() for code in codes)
    countries = {country.alpha_3 for country in pycountry.countries} | {"XKX"}
    assert {code for code, times in listed.items() if times > 1} == set()
    assert countries - set(listed) == set()
    assert set(listed) - countries == set()
    assert region_of("FRA") == "Europe" and region_of("IRQ") == "Middle East and North Africa"
    assert region_of("EU") is None and "FRA" in codes_in("Europe")


def test_list_filters_by_region_and_shows_it(client: TestClient) -> None:
    europe = api(client, "/api/v1/partners?region=Europe&per_page=500")
    assert {p["region"] for p in europe["items"]} == {"Europe"}
    assert {p["kind"] for p in europe["items"]} == {"country"}
    assert europe["total"] == len(codes_in("Europe"))
    organisations = api(client, "/api/v1/partners?kind=organisation&per_page=500")
    assert {p["region"] for p in organisations["items"]} == {None}

    soup = page(client, "/partners?region=Middle+East+and+North+Africa&per_page=500")
    rows = table_rows(soup, "Partners")
    assert ["Iraq", "country", "IRQ", "Middle East and North Africa"] in rows
    selected = soup.find("select", id="f-region").find("option", selected=True)
    assert selected["value"] == "Middle East and North Africa"

    exported = list(csv.DictReader(io.StringIO(client.get("/partners.csv?region=Oceania").text)))
    assert {r["region"] for r in exported} == {"Oceania"}
    assert {r["code"] for r in exported} == set(codes_in("Oceania"))


def test_unknown_region_is_a_clear_error(client: TestClient) -> None:
    error = api(client, "/api/v1/partners?region=Atlantis", status=400)
    assert "Atlantis" in error["error"]["message"]


def test_partner_page_gathers_the_record(client: TestClient) -> None:
    profile = api(client, "/api/v1/partners/USA")
    assert profile["region"] == "Americas"
    assert [m["observed_on"] for m in profile["memberships"]] == ["2015-06-02"]
    # Hosts recorded as the minister count as the country's attendance, through the office.
    through = {(m["meeting"]["key"], m["participant"]) for m in profile["meetings"]["items"]}
    assert ("washington-2019", "Mike Pompeo") in through
    assert ("paris-2015", "United States") in through
    speakers = {s["speaker"] for s in profile["statements"]["items"]}
    assert {"Mike Pompeo", "John Kerry", "Ash Carter"} <= speakers
    assert "Laurent Fabius" not in speakers
    dates = [s["said_on"] for s in profile["statements"]["items"] if s["said_on"]]
    assert dates == sorted(dates, reverse=True)

    soup = page(client, "/partners/USA")
    assert soup.h1.get_text(strip=True) == "United States"
    # Each section shows its newest rows (the same as the API's) and says how many there are.
    for caption in ("Meetings", "Statements"):
        section = profile[caption.lower()]
        assert len(table_rows(soup, caption)) == len(section["items"]) <= section["total"]
        if section["total"] > len(section["items"]):
            shown = f"Showing the newest {len(section['items'])} of {section['total']}"
            assert shown in soup.get_text(" ", strip=True)
    first = profile["statements"]["items"][0]
    evidence = first["evidence"][0]
    href = f"/sources/{evidence['source']}#span-{evidence['start']}-{evidence['end']}"
    assert soup.find("a", href=href) is not None
    assert [h.get_text(strip=True) for h in soup.find_all("h2")][:2] == [
        "Membership",
        "Bodies it leads",
    ]


@pytest.fixture
def released(client: TestClient) -> None:
    """Close the shared client's idle connections: PostgreSQL copies a template database only
    when nobody is connected to it, and `fresh_client` copies the shared demo database."""
    client.app.state.engine.dispose()  # type: ignore[attr-defined]


def test_partner_page_shows_leads_and_pledges(
    released: None, fresh_client: TestClient, fresh_demo_url: str
) -> None:
    engine = open_database(fresh_demo_url)
    with Session(engine) as session, session.begin():
        france = session.scalar(select(Actor).where(Actor.key == "FRA"))
        coalition = session.scalar(select(Coalition))
        assert france is not None and coalition is not None
        body = Body(coalition=coalition, name="Stabilisation Working Group", evidence=[_by_hand()])
        session.add(BodyLead(body=body, actor=france, role=LeadRole.CO_LEAD, evidence=[_by_hand()]))
        pledge = Pledge(
            donor=france, amount=Decimal("1000000.50"), currency="EUR", evidence=[_by_hand()]
        )
        pledge.transactions = [
            FundingTransaction(
                type=TransactionType.DISBURSED,
                amount=Decimal("400000"),
                currency="EUR",
                evidence=[_by_hand()],
            )
        ]
        session.add(pledge)
    engine.dispose()

    profile = api(fresh_client, "/api/v1/partners/FRA")
    assert [(lead["body"], lead["role"]) for lead in profile["leads"]] == [
        ("Stabilisation Working Group", "co-lead")
    ]
    [made] = profile["pledges"]["items"]
    assert made["amount"] == "1000000.5" and made["state"]["status"] == "partly disbursed"
    assert made["state"]["disbursed"] == "400000"
    assert profile["pledged"] == {"EUR": "1000000.5"}

    soup = page(fresh_client, "/partners/FRA")
    assert table_rows(soup, "Leads")[0][:2] == ["Stabilisation Working Group", "co-lead"]
    pledge_row = table_rows(soup, "Pledges")[0]
    assert "EUR 1,000,000.5" in pledge_row[1] and pledge_row[2] == "partly disbursed"
    assert (
        "Entered by tester" in soup.find("section", attrs={"aria-labelledby": "pledges"}).get_text()
    )


def _by_hand() -> Evidence:
    return manual("tester", at=datetime(2026, 1, 1, tzinfo=UTC), note="test fixture")


def test_wildcards_typed_in_a_name_are_plain_characters(client: TestClient) -> None:
    assert api(client, "/api/v1/partners?name=%25")["total"] == 0  # "%" matches no name
    assert api(client, "/api/v1/partners?name=_")["total"] == 0
    assert api(client, "/api/v1/partners?name=united")["total"] > 0


def test_members_only_has_a_control_on_the_page_that_keeps_its_state(client: TestClient) -> None:
    everyone = api(client, "/api/v1/partners?per_page=500")
    members = api(client, "/api/v1/partners?members_only=true&per_page=500")
    assert 0 < members["total"] < everyone["total"]
    unticked = page(client, "/partners").find("input", attrs={"name": "members_only"})
    assert unticked is not None and unticked.get("type") == "checkbox"
    assert not unticked.has_attr("checked")
    label = page(client, "/partners").find("label", attrs={"for": unticked["id"]})
    assert label is not None and "Members only" in label.get_text()
    soup = page(client, "/partners?members_only=true&per_page=500")
    ticked = soup.find("input", attrs={"name": "members_only"})
    assert ticked is not None and ticked.has_attr("checked")
    # The form sends what the API reads: the page lists the same partners.
    assert [r[0] for r in table_rows(soup, "Partners")] == [p["name"] for p in members["items"]]
