"""Search across everything, on SQLite (FTS5) and PostgreSQL (full-text search)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from coalition.partners.models import Actor, Alias
from coalition.search.index import fts_number
from coalition.search.query import WORD, fts5_query, query_words
from coalition.storage.database import open_database
from tests.web.conftest import api, page
from tests.web.signing import with_token

NASTY = [
    '"',
    '"Mosul',
    "Mosul NEAR Raqqa",
    "NEAR(",
    "*",
    "(Mosul",
    "Mosul)",
    "a OR",
    "-",
    "'",
    "AND",
    "col:umn",
    "^x",
    "{x}",
    "Mosul*",
    "%",
    "\\",
    "¿",
    "  ",
    "a" * 400,
]


def test_results_link_to_pages_with_counts_per_kind(client: TestClient) -> None:
    found = api(client, "/api/v1/search?q=Mosul&per_page=100")
    assert found["total"] == sum(found["facets"].values()) == len(found["items"]) > 3
    assert {"meeting", "source", "statement"} <= set(found["facets"])
    for hit in found["items"]:
        assert "mosul" in (hit["title"] + " " + hit["snippet"]).lower() or hit["kind"] == "source"
    soup = page(client, "/search?q=Mosul&per_page=100")
    titles = [a.get_text() for a in soup.select("ol.hits h3 a")]
    assert titles == [hit["title"] for hit in found["items"]]
    assert soup.select("ol.hits .snippet mark")  # the matched word is marked
    facets = {a.get_text(" ", strip=True) for a in soup.select("nav.facets a")}
    assert f"Everything ({found['total']})" in facets
    for hit in found["items"][:10]:
        response = client.get(hit["url"])
        assert response.status_code == 200, hit["url"]


def test_entries_rank_by_how_often_they_hold_the_word_not_by_their_length(
    client: TestClient, demo_url: str
) -> None:
    """Best first means the most occurrences of the word (on SQLite, one in the title counting
    four times one in the body), however long the entry: neither engine marks long entries
    down (on SQLite, the index keeps no lengths, migration 0013)."""
    word = "coalition"
    hits = api(client, f"/api/v1/search?q={word}&per_page=100")["items"]
    engine = open_database(demo_url)
    try:
        with engine.connect() as connection:
            listed = connection.execute(text("SELECT kind, key, title, body FROM search_entries"))
            texts = {(kind, key): (title, body) for kind, key, title, body in listed}
            title_weight = 4 if connection.dialect.name == "sqlite" else 1
    finally:
        engine.dispose()

    def held(words: str) -> int:  # the last word of a query may be the start of a word
        return sum(1 for found in WORD.findall(words.lower()) if found.startswith(word))

    shown = [texts[(hit["kind"], hit["key"])] for hit in hits]
    counts = [title_weight * held(title) + held(body) for title, body in shown]
    assert counts == sorted(counts, reverse=True) and len(set(counts)) > 2, counts
    lengths = [len(title) + len(body) for title, body in shown]
    # Some entry is ranked above one less than half its length: length did not decide.
    assert any(lengths[i] > 2 * min(lengths[i + 1 :]) for i in range(len(lengths) - 1))


def test_a_kind_keeps_only_that_kind(client: TestClient) -> None:
    everything = api(client, "/api/v1/search?q=Mosul")
    meetings = api(client, "/api/v1/search?q=Mosul&kind=meeting")
    assert meetings["total"] == everything["facets"]["meeting"] > 0
    assert {hit["kind"] for hit in meetings["items"]} == {"meeting"}
    assert meetings["facets"] == everything["facets"]
    soup = page(client, "/search?q=Mosul&kind=meeting")
    current = soup.select_one('nav.facets a[aria-current="page"]')
    assert current.get_text(" ", strip=True).startswith("Meetings")
    api(client, "/api/v1/search?q=Mosul&kind=nonsense", status=400)


def test_every_word_must_match_and_the_last_may_be_a_prefix(client: TestClient) -> None:
    kerry = api(client, "/api/v1/search?q=kerry&per_page=100")
    both = api(client, "/api/v1/search?q=kerry+brussels&per_page=100")
    assert 0 < both["total"] < kerry["total"]
    assert {hit["key"] for hit in both["items"]} <= {hit["key"] for hit in kerry["items"]}
    assert api(client, "/api/v1/search?q=kerr")["total"] == kerry["total"]


def test_actors_are_found_by_their_other_names(client: TestClient) -> None:
    found = api(client, "/api/v1/search?q=Forbes&kind=actor")
    assert [hit["key"] for hit in found["items"]] == ["john-kerry"]


def test_results_are_paged(client: TestClient) -> None:
    first = api(client, "/api/v1/search?q=coalition&per_page=5")
    second = api(client, first["next"])
    assert first["total"] > 10 and len(first["items"]) == len(second["items"]) == 5
    assert not {h["key"] for h in first["items"]} & {h["key"] for h in second["items"]}
    soup = page(client, "/search?q=coalition&per_page=5")
    assert soup.select_one("nav.pager a[rel=next]") is not None


def test_every_page_adds_up_to_the_total_and_a_page_past_the_end_keeps_the_counts(
    client: TestClient,
) -> None:
    whole = api(client, "/api/v1/search?q=Mosul&per_page=100")
    paged = [
        hit["key"]
        for number in range(1, -(-whole["total"] // 3) + 1)
        for hit in api(client, f"/api/v1/search?q=Mosul&per_page=3&page={number}")["items"]
    ]
    assert paged == [hit["key"] for hit in whole["items"]]
    past = api(client, "/api/v1/search?q=Mosul&per_page=3&page=999")
    assert past["items"] == [] and (past["total"], past["facets"]) == (
        whole["total"],
        whole["facets"],
    )
    nothing = api(client, "/api/v1/search?q=qqqzzzxxy")
    assert (nothing["items"], nothing["total"], nothing["facets"]) == ([], 0, {})


@pytest.mark.parametrize("query", NASTY)
def test_search_syntax_typed_by_people_is_never_an_error(client: TestClient, query: str) -> None:
    response = client.get("/api/v1/search", params={"q": query})
    assert response.status_code in (200, 400), response.text
    if len(query) <= 500:
        assert response.status_code == 200
        assert response.json()["total"] >= 0
    html = client.get("/search", params={"q": query[:500]})
    assert html.status_code == 200


def test_an_empty_query_invites_one(client: TestClient) -> None:
    soup = page(client, "/search")
    assert soup.find("input", attrs={"name": "q"}) is not None
    assert not soup.select("ol.hits")
    assert api(client, "/api/v1/search?q=")["total"] == 0


def test_the_index_follows_new_and_edited_records(
    idle_demo: None, fresh_client: TestClient, fresh_demo_url: str
) -> None:
    with_token(fresh_client, fresh_demo_url)
    assert api(fresh_client, "/api/v1/search?q=Zanzibarian")["total"] == 0  # builds the index
    figure = api(fresh_client, "/api/v1/candidates?type=figure&per_page=1")["items"][0]
    accepted = fresh_client.post(f"/api/v1/candidates/{figure['id']}/accept").json()
    key = api(fresh_client, f"/api/v1/records/{accepted['record']}")["key"]
    words = figure["fields"].get("subject") or figure["fields"].get("category")
    hits = fresh_client.get(
        "/api/v1/search", params={"q": words, "kind": "figure", "per_page": 500}
    )
    assert key in [hit["key"] for hit in hits.json()["items"]]
    # An edit made elsewhere (here straight through the models) reaches the index too.
    engine = open_database(fresh_demo_url)
    try:
        with Session(engine) as session:
            kerry = session.scalars(select(Actor).where(Actor.key == "john-kerry")).one()
            kerry.name = "John Zanzibarian Kerry"
            session.commit()
    finally:
        engine.dispose()
    renamed = api(fresh_client, "/api/v1/search?q=Zanzibarian&per_page=100")
    assert [hit["key"] for hit in renamed["items"] if hit["kind"] == "actor"] == ["john-kerry"]
    # His statements are titled with his name, so they follow it.
    assert renamed["facets"]["statement"] > 0
    assert_index_in_step(fresh_demo_url)


def assert_index_in_step(url: str) -> None:
    """SQLite: the FTS5 table holds exactly one row per entry, numbered by the entry's kind and
    record (migration 0010), after the index was built, caught up with an accepted candidate and
    rebuilt after an edit; and each row is found by a word of its entry's title."""
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            if connection.dialect.name != "sqlite":
                return
            listed = connection.execute(text("SELECT kind, ref_id, title FROM search_entries"))
            entries = {fts_number(kind, ref_id): title for kind, ref_id, title in listed}
            # The table keeps no lengths (migration 0013), so it cannot be scanned: its rows are
            # listed from where its words occur.
            connection.execute(
                text("CREATE VIRTUAL TABLE temp.held USING fts5vocab(main, search_fts, 'instance')")
            )
            numbers = connection.execute(text("SELECT DISTINCT doc FROM temp.held")).scalars()
            assert sorted(numbers) == sorted(entries) != []
            for number, title in list(entries.items())[:: max(1, len(entries) // 40)]:
                if not query_words(title):
                    continue
                word = query_words(title)[0]
                found = connection.execute(
                    text("SELECT rowid FROM search_fts WHERE search_fts MATCH :q"),
                    {"q": fts5_query([word])},
                ).scalars()
                assert number in set(found), (title, word)
    finally:
        engine.dispose()


def test_a_new_name_of_an_indexed_actor_is_caught_up_without_a_second_entry(
    idle_demo: None, fresh_client: TestClient, fresh_demo_url: str
) -> None:
    """An alias added after the index was built re-indexes its actor by catching up (not by a
    rebuild): the old entry leaves the full-text index and the new one comes in under the same
    number, found by its new name and its old one."""
    assert api(fresh_client, "/api/v1/search?q=Kerry&kind=actor")["total"] == 1  # builds it
    indexed_with_kerry = _rows_indexed_with(fresh_demo_url, "kerry")
    engine = open_database(fresh_demo_url)
    try:
        with Session(engine) as session:
            kerry = session.scalars(select(Actor).where(Actor.key == "john-kerry")).one()
            kerry.aliases.append(Alias(alias="Quarrington", normalized="quarrington"))
            session.commit()
    finally:
        engine.dispose()
    found = api(fresh_client, "/api/v1/search?q=Quarrington&kind=actor")
    assert [hit["key"] for hit in found["items"]] == ["john-kerry"]
    again = api(fresh_client, "/api/v1/search?q=Kerry&kind=actor")
    assert [hit["key"] for hit in again["items"]] == ["john-kerry"]
    # The entry came back under its own number: "kerry" is in as many rows as before, not one more.
    assert _rows_indexed_with(fresh_demo_url, "kerry") == indexed_with_kerry
    assert_index_in_step(fresh_demo_url)


def _rows_indexed_with(url: str, term: str) -> int | None:
    """SQLite: how many rows of the full-text index hold `term` (None on PostgreSQL)."""
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            if connection.dialect.name != "sqlite":
                return None
            connection.execute(
                text("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, search_fts, 'row')")
            )
            found = connection.execute(
                text("SELECT doc FROM temp.terms WHERE term = :t"), {"t": term}
            )
            return int(found.scalar_one())
    finally:
        engine.dispose()
