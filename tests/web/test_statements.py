"""Statements: search by speaker, date and words, with speaker, meeting and evidence links; the
API and the exports."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from fastapi.testclient import TestClient

from coalition.provenance.services import manual
from coalition.statements.models import Statement
from tests.web.conftest import api, page


def _keys(client: TestClient, query: str) -> list[str]:
    return [s["key"] for s in api(client, f"/api/v1/statements?per_page=500&{query}")["items"]]


def test_page_shows_the_same_statements_as_the_api(client: TestClient) -> None:
    data = api(client, "/api/v1/statements?per_page=10")
    soup = page(client, "/statements?per_page=10")
    items = soup.select("ol.statements > li")
    assert len(items) == len(data["items"]) == 10
    assert data["total"] == 42
    for item, row in zip(items, data["items"], strict=True):
        assert item.select_one(".said-by").get_text(" ", strip=True).startswith(row["speaker"])
    assert soup.find("a", rel="next") is not None


def test_newest_first_with_undated_last(client: TestClient) -> None:
    rows = api(client, "/api/v1/statements?per_page=500")["items"]
    dated = [r["said_on"] for r in rows if r["said_on"]]
    assert dated == sorted(dated, reverse=True)
    first_undated = next(n for n, r in enumerate(rows) if r["said_on"] is None)
    assert all(r["said_on"] is None for r in rows[first_undated:])


def test_search_by_speaker_is_case_blind_and_finds_anonymous_officials(client: TestClient) -> None:
    kerry = api(client, "/api/v1/statements?speaker=KERRY&per_page=500")["items"]
    assert kerry and {r["speaker"] for r in kerry} == {"John Kerry"}
    assert {r["speaker_title"] for r in kerry} == {"Secretary of State"}
    anonymous = api(client, "/api/v1/statements?speaker=official&per_page=500")["items"]
    assert any(r["speaker_key"] is None and "official" in r["speaker"] for r in anonymous)


def test_search_by_date_range_and_words(client: TestClient) -> None:
    june = api(client, "/api/v1/statements?since=2015-06-01&until=2015-06-30&per_page=500")
    assert june["total"] > 0
    assert {r["said_on"] for r in june["items"]} == {"2015-06-02"}
    words = api(client, "/api/v1/statements?q=EXTREMISM&per_page=500")["items"]
    assert words
    for row in words:
        text = f"{row['quote'] or ''} {row['summary'] or ''}".lower()
        assert "extremism" in text
    both = _keys(client, "speaker=kerry&q=extremism")
    assert set(both) <= {r["key"] for r in words}
    # LIKE's wildcards in the words are taken literally.
    assert _keys(client, "q=%25") == []


def test_one_word_finds_the_statements_with_a_word_starting_so(client: TestClient) -> None:
    """A search for one plain word finds exactly the statements whose quote or summary holds a
    word that starts with it, case-blind. (PostgreSQL then skips the substring check, which
    such a word always passes; this holds it to the same answer as SQLite's.)"""
    everything = api(client, "/api/v1/statements?per_page=500")["items"]
    texts = {r["key"]: f"{r['quote'] or ''} {r['summary'] or ''}" for r in everything}
    words = sorted({w.lower() for t in texts.values() for w in re.findall(r"[A-Za-z]{5,}", t)})
    assert len(words) > 40
    every = words[:: len(words) // 15]
    # Whole words, their starts, and pieces from within words (found only where a word starts).
    sample = every + [w[:4] for w in every] + [w[2:6] for w in every]
    for word in sample:
        starts = re.compile(rf"(?<![a-z0-9]){word}", re.IGNORECASE)
        expected = sorted(key for key, text in texts.items() if starts.search(text))
        assert sorted(_keys(client, f"q={word.upper()}")) == expected, word


def test_statement_shows_speaker_meeting_and_evidence(client: TestClient) -> None:
    row = api(client, "/api/v1/statements?speaker=kerry&q=extremism")["items"][0]
    soup = page(client, "/statements?speaker=kerry&q=extremism")
    item = soup.select_one("ol.statements > li")
    said_by = item.select_one(".said-by")
    assert said_by.find("a", href=f"/partners/{row['speaker_key']}") is not None
    assert "Secretary of State" in said_by.get_text()
    assert "United States" in said_by.get_text()
    meeting = item.find("a", href=f"/meetings/{row['meeting_key']}")
    assert meeting is not None and meeting.get_text(strip=True) == row["meeting"]
    evidence = item.select("a.evidence-link")
    assert [a["href"] for a in evidence] == row["evidence"]
    assert row["evidence"][0].startswith("/sources/") and "#span-" in row["evidence"][0]
    assert item.find("time")["datetime"] == row["said_on"]


def test_form_controls_are_labelled_and_keep_the_search(client: TestClient) -> None:
    soup = page(client, "/statements?speaker=kerry&since=2016-01-01")
    for control in soup.select("form.filters input"):
        assert soup.find("label", attrs={"for": control["id"]}) is not None
    assert soup.find("input", id="f-speaker")["value"] == "kerry"
    assert soup.find("input", id="f-since")["value"] == "2016-01-01"
    assert len(soup.find_all("h1")) == 1


def test_nothing_found_and_bad_dates(client: TestClient) -> None:
    soup = page(client, "/statements?speaker=nobody-at-all")
    assert "No statement matches" in soup.main.get_text()
    error = api(client, "/api/v1/statements?since=last-year", status=400)
    assert error["error"]["details"][0]["parameter"] == "since"


def test_exports_hold_every_filtered_statement(client: TestClient) -> None:
    expected = _keys(client, "since=2016-01-01")
    response = client.get("/statements.csv?since=2016-01-01")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["key"] for r in rows] == expected
    assert all(r["evidence"].startswith("/sources/") for r in rows)
    as_json = client.get("/statements.json?since=2016-01-01").json()
    assert [r["key"] for r in as_json] == expected


def test_words_count_and_pages_agree_and_follow_new_statements(
    idle_demo: None, fresh_client: TestClient
) -> None:
    """Words are found through a full-text index (SQLite's search index, which catches up with
    statements added after it was built; PostgreSQL's words of each statement); only the quote
    or the summary counts (not the context), and every page of a search adds up to its total,
    including a page past the last."""
    before = api(fresh_client, "/api/v1/statements?q=extremism&per_page=500")["total"]
    assert before > 0
    with fresh_client.app.state.sessions() as session, session.begin():  # type: ignore[attr-defined]
        for number, (quote, context) in enumerate(
            [
                ("Violent extremism is a shared threat.", None),
                ("Quarkcheese remains the priority.", None),
                ("We discussed the budget.", "a meeting on extremism"),
            ]
        ):
            session.add(
                Statement(
                    evidence=[manual("web tests")],
                    key=f"t-words-{number}",
                    quote=quote,
                    context=context,
                    anonymous="an official",
                    said_on=date(2030, 1, 1),
                )
            )
    found = api(fresh_client, "/api/v1/statements?q=extremism&per_page=500")
    assert found["total"] == before + 1
    assert found["items"][0]["key"] == "t-words-0"  # the newest first
    assert _keys(fresh_client, "q=QUARKCHEESE") == ["t-words-1"]
    # Part of a word is found too (as one types), and words in order within the quote.
    assert _keys(fresh_client, "q=quarkch") == ["t-words-1"]
    assert _keys(fresh_client, "q=quarkcheese remains") == ["t-words-1"]
    assert _keys(fresh_client, "q=remains quarkcheese") == []
    per_page = 3
    paged = [
        key
        for number in range(1, -(-found["total"] // per_page) + 1)
        for key in (
            row["key"]
            for row in api(
                fresh_client, f"/api/v1/statements?q=extremism&per_page={per_page}&page={number}"
            )["items"]
        )
    ]
    assert paged == [row["key"] for row in found["items"]]
    past = api(fresh_client, f"/api/v1/statements?q=extremism&page=999&per_page={per_page}")
    assert (past["items"], past["total"]) == ([], found["total"])
