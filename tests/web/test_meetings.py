"""The meeting timeline, a meeting's page, their API and exports (CSV, JSON, iCalendar)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from fastapi.testclient import TestClient

from coalition.meetings.services import fold
from tests.web.conftest import api, page, table_rows


def test_timeline_lists_meetings_in_date_order(client: TestClient) -> None:
    data = api(client, "/api/v1/meetings?per_page=500")
    starts = [m["start_date"] for m in data["items"]]
    assert data["total"] >= 8 and None not in starts
    assert starts == sorted(starts)

    soup = page(client, "/meetings?per_page=500")
    rows = table_rows(soup, "Meetings")
    assert [r[2] for r in rows] == [m["title"] for m in data["items"]]
    years = [h.get_text(strip=True) for h in soup.select(".timeline h3")]
    assert years == sorted({s[:4] for s in starts})
    links = soup.select(".timeline li a")
    assert [a["href"] for a in links] == [f"/meetings/{m['key']}" for m in data["items"]]


def test_filters_by_dates_level_status_and_place(client: TestClient) -> None:
    in_2016 = api(client, "/api/v1/meetings?from=2016-01-01&to=2016-12-31")
    assert in_2016["total"] > 0
    assert all(m["start_date"].startswith("2016") for m in in_2016["items"])
    defence = api(client, "/api/v1/meetings?level=defence_ministerial")
    assert {m["level"] for m in defence["items"]} == {"defence_ministerial"}
    announced = api(client, "/api/v1/meetings?status=announced")
    assert [m["key"] for m in announced["items"]] == ["washington-2017"]
    # The place matches the city, the venue or the country (by name or code).
    london = api(client, "/api/v1/meetings?place=london")
    assert [m["key"] for m in london["items"]] == ["london-2016"]
    british = api(client, "/api/v1/meetings?place=GBR")
    assert [m["key"] for m in british["items"]] == ["london-2016"]
    andrews = api(client, "/api/v1/meetings?place=andrews")
    assert [m["key"] for m in andrews["items"]] == ["washington-2016-defence"]

    soup = page(client, "/meetings?level=defence_ministerial&place=united")
    assert soup.find("select", id="f-level").find("option", selected=True)["value"] == (
        "defence_ministerial"
    )
    assert soup.find("input", id="f-place")["value"] == "united"
    shown = api(client, "/api/v1/meetings?level=defence_ministerial&place=united")
    assert len(table_rows(soup, "Meetings")) == shown["total"] > 0


def test_meeting_page_shows_who_what_and_every_source(client: TestClient) -> None:
    data = api(client, "/api/v1/meetings/london-2016")
    soup = page(client, "/meetings/london-2016")
    assert soup.h1.get_text(strip=True) == data["title"]
    facts = dict(
        zip(
            [dt.get_text(strip=True) for dt in soup.select("dl.facts dt")],
            [dd.get_text(" ", strip=True) for dd in soup.select("dl.facts dd")],
            strict=True,
        )
    )
    assert facts["Hosts"] == "United Kingdom" and facts["Co-hosts"] == "United States"
    assert facts["Level"] == "defence ministerial" and facts["Attendance"] == "15 attending"
    delegations = table_rows(soup, "Participants")
    assert len(delegations) == len(data["participants"]) == 15
    assert ["Iraq", "attended", "—"] in [row[:3] for row in delegations]
    # Hosts first, then the other roles, each in name order.
    assert [row[0] for row in delegations[:2]] == ["United Kingdom", "United States"]
    attended = [row[0] for row in delegations[2:]]
    assert attended == sorted(attended)
    said = table_rows(soup, "Statements")
    assert len(said) == data["statements"]["total"] > 0

    # Every span behind the page is listed under its source and links into it.
    spans = [(s["source"], span) for s in data["sources"] for span in s["spans"]]
    assert spans
    for source, span in spans:
        href = f"/sources/{source}#span-{span['start']}-{span['end']}"
        assert soup.find("a", href=href) is not None, href
    kinds = {span["record_kind"] for _, span in spans}
    assert {"meeting", "meeting_participant", "statement"} <= kinds


def test_parallel_tracks_and_their_parent(client: TestClient) -> None:
    parent = api(client, "/api/v1/meetings/washington-2016")
    tracks = [t["key"] for t in parent["tracks"]]
    assert set(tracks) == {
        "washington-2016-defence",
        "washington-2016-pledging",
        "washington-2016-joint",
    }
    soup = page(client, "/meetings/washington-2016")
    assert {a["href"] for a in soup.select("ul.tracks a")} == {f"/meetings/{k}" for k in tracks}

    child = api(client, "/api/v1/meetings/washington-2016-pledging")
    assert child["parent"]["key"] == "washington-2016"
    [pledge] = child["pledges"]["items"]
    assert pledge["donor"] == "several donors (aggregate)" and pledge["amount"] == "2100000000"
    soup = page(client, "/meetings/washington-2016-pledging")
    assert soup.find("a", href="/meetings/washington-2016") is not None
    assert table_rows(soup, "Pledges")[0][1] == "more than USD 2,100,000,000"


def test_unknown_meeting_and_bad_dates(client: TestClient) -> None:
    missing = page(client, "/meetings/no-such-meeting", status=404)
    assert "no-such-meeting" in missing.get_text()
    assert api(client, "/api/v1/meetings/no-such-meeting", status=404)["error"]["status"] == 404
    error = api(client, "/api/v1/meetings?from=soon", status=400)
    assert error["error"]["details"][0]["parameter"] == "from"


def test_exports_hold_every_filtered_row(client: TestClient) -> None:
    listed = api(client, "/api/v1/meetings?from=2016-01-01&per_page=500")
    response = client.get("/meetings.csv?from=2016-01-01")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["key"] for r in rows] == [m["key"] for m in listed["items"]]
    assert rows[0]["hosts"] == "; ".join(listed["items"][0]["hosts"])
    as_json = client.get("/meetings.json?from=2016-01-01").json()
    assert as_json == listed["items"]


def _unfolded(body: bytes) -> list[str]:
    """The content lines of an iCalendar body: CRLF-separated, continuations joined."""
    text = body.decode("utf-8")
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def _unescaped(value: str) -> str:
    out, chars = "", iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out += "\n" if following in "nN" else following
        else:
            out += char
    return out


def _events(lines: list[str]) -> list[dict[str, str]]:
    events: list[dict[str, str]] = []
    for line in lines:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and line != "END:VEVENT" and "END:VEVENT" not in events[-1]:
            events[-1][name] = _unescaped(value)
    return events


def test_calendar_parses_back_to_the_api(client: TestClient) -> None:
    response = client.get("/meetings.ics?place=paris")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    lines = _unfolded(response.content)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)

    [event] = _events(lines)
    [meeting] = api(client, "/api/v1/meetings?place=paris")["items"]
    assert event["UID"] == f"{meeting['key']}@coalition"
    assert event["SUMMARY"] == meeting["title"] and "," in meeting["title"]
    assert event["LOCATION"] == meeting["place"]
    assert event["DTSTART;VALUE=DATE"] == meeting["start_date"].replace("-", "")
    last = date.fromisoformat(meeting["end_date"])
    assert event["DTEND;VALUE=DATE"] == (last + timedelta(days=1)).strftime("%Y%m%d")
    assert len(event["DTSTAMP"]) == 16 and event["DTSTAMP"].endswith("Z")
    detail = api(client, f"/api/v1/meetings/{meeting['key']}")
    assert event["DESCRIPTION"] == detail["outcomes"]


def test_calendar_holds_every_dated_meeting(client: TestClient) -> None:
    listed = api(client, "/api/v1/meetings?per_page=500")["items"]
    events = _events(_unfolded(client.get("/meetings.ics").content))
    assert [e["UID"] for e in events] == [f"{m['key']}@coalition" for m in listed]
    # A two-day meeting ends, exclusively, the day after its second day.
    two_days = next(e for e in events if e["UID"] == "washington-2016@coalition")
    assert (two_days["DTSTART;VALUE=DATE"], two_days["DTEND;VALUE=DATE"]) == (
        "20160720",
        "20160722",
    )


def test_folding_never_splits_a_character() -> None:
    line = "SUMMARY:" + "é" * 100 + "; a,b\\c"
    folded = fold(line)
    pieces = folded.split("\r\n")[:-1]
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces) and len(pieces) == 3
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line
