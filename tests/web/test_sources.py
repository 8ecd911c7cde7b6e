"""The sources list, a source's page (highlighted evidence, dating, cleaning), record pages."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from coalition.provenance.highlight import Mark, segments
from tests.web.conftest import api, page, table_rows

BRUSSELS = "01_brussels_ministerial.txt"  # an ingested report: dated by its text, cleaned


def cited_source(client: TestClient) -> dict[str, object]:
    """The source with the most evidence spans in the demo."""
    listed = api(client, "/api/v1/sources?cited=true&per_page=500")["items"]
    return max(listed, key=lambda row: row["spans"])


def test_the_list_shows_the_same_rows_as_the_api_and_the_exports(client: TestClient) -> None:
    listed = api(client, "/api/v1/sources?per_page=500")
    soup = page(client, "/sources?per_page=500")
    rows = table_rows(soup, "Sources")
    assert [row[0] for row in rows] == [item["key"] for item in listed["items"]]
    assert listed["total"] == len(rows) > 10
    exported = list(csv.DictReader(io.StringIO(client.get("/sources.csv").text)))
    assert [row["key"] for row in exported] == [item["key"] for item in listed["items"]]
    spans = {item["key"]: item["spans"] for item in listed["items"]}
    assert all(int(row["spans"]) == spans[row["key"]] for row in exported)


def test_filters_keep_only_matching_sources(client: TestClient) -> None:
    everything = api(client, "/api/v1/sources?per_page=500")
    cited = api(client, "/api/v1/sources?cited=true&per_page=500")
    assert 0 < cited["total"] < everything["total"]
    assert all(item["spans"] > 0 for item in cited["items"])
    dated = api(client, "/api/v1/sources?published_from=2017-01-01&published_to=2019-12-31")
    assert dated["total"] > 0
    assert all("2017-01-01" <= item["published"] <= "2019-12-31" for item in dated["items"])
    found = api(client, "/api/v1/sources?text=brussels_min")
    assert [item["key"] for item in found["items"]] == [BRUSSELS]


def test_every_evidence_span_is_highlighted_and_linked(client: TestClient) -> None:
    source = cited_source(client)
    detail = api(client, f"/api/v1/sources/{source['key']}")
    soup = page(client, f"/sources/{source['key']}")
    text = soup.find(id="source-text")
    assert len(detail["evidence"]) == source["spans"] > 0
    for span in detail["evidence"]:
        anchor = text.find(id=f"span-{span['start']}-{span['end']}")
        assert anchor is not None, span
        first = anchor if anchor.name == "mark" else anchor.find_next("mark")
        assert "evidence" in first["class"]
    # Each record is linked from its highlighted words (or from the numbers beside them, where
    # spans overlap), and every highlight links somewhere.
    linked = {a["href"] for a in text.find_all("a")}
    assert {f"/records/{span['record']}" for span in detail["evidence"]} <= linked
    assert all(mark.find("a") is not None for mark in text.find_all("mark"))
    shared = [mark for mark in text.select("mark.evidence") if mark.find_next_sibling() is not None]
    assert any(mark.find_next_sibling().name == "sup" for mark in shared)


def test_the_text_joins_back_exactly(client: TestClient) -> None:
    detail = api(client, f"/api/v1/sources/{BRUSSELS}")
    soup = page(client, f"/sources/{BRUSSELS}")
    text = soup.find(id="source-text")
    for sup in text.find_all("sup"):
        sup.decompose()
    # The HTML parser folds a text node made only of blank lines; the words must all be there,
    # in order, with nothing added.
    assert text.get_text().split() == detail["text"].split()


def test_overlapping_spans_are_split_and_link_to_every_record() -> None:
    text = "The coalition met in Brussels on Wednesday."
    marks = [
        Mark(4, 29, "meeting m1", "/records/m1"),
        Mark(21, 42, "figure f1", "/records/f1"),
        Mark(21, 29, "candidate 3", "/review#candidate-3", "candidate"),
    ]
    pieces = segments(text, marks)
    assert "".join(piece.text for piece in pieces) == text
    brussels = next(piece for piece in pieces if piece.text == "Brussels")
    assert [mark.url for mark in brussels.marks] == [
        "/records/m1",
        "/records/f1",
        "/review#candidate-3",
    ]
    assert brussels.classes == ["candidate", "evidence"]
    assert brussels.anchors == ["span-21-42", "span-21-29"]
    assert next(piece for piece in pieces if piece.text == "The ").marks == []


def test_candidate_spans_are_highlighted_apart(client: TestClient) -> None:
    detail = api(client, f"/api/v1/sources/{BRUSSELS}")
    soup = page(client, f"/sources/{BRUSSELS}")
    waiting = soup.find(id="source-text").select("mark.candidate")
    assert detail["candidates"] and waiting
    links = {a["href"] for mark in waiting for a in mark.find_all("a")}
    assert any(link.startswith("/review#candidate-") for link in links)


def test_the_date_inference_and_its_reasons_are_shown(client: TestClient) -> None:
    detail = api(client, f"/api/v1/sources/{BRUSSELS}")
    assert detail["earliest"] == "2014-12-03" and detail["reasons"]
    soup = page(client, f"/sources/{BRUSSELS}")
    dating = soup.find("section", class_="dating")
    facts = dict(
        zip(
            [dt.get_text() for dt in dating.find_all("dt")],
            [dd.get_text() for dd in dating.find_all("dd")],
            strict=True,
        )
    )
    assert facts["Published"] == detail["published"]
    assert facts["Between"] == f"{detail['earliest']} and {detail['latest']}"
    assert facts["Confidence"] == f"{round(detail['confidence'] * 100)}%"
    assert [li.get_text() for li in dating.select("ul.reasons li")] == detail["reasons"]


def test_dropped_boilerplate_is_shown_on_demand(client: TestClient) -> None:
    detail = api(client, f"/api/v1/sources/{BRUSSELS}")
    soup = page(client, f"/sources/{BRUSSELS}")
    folded = soup.find("details", class_="dropped")
    assert folded is not None and not folded.has_attr("open")
    rows = table_rows(folded, "Lines dropped")
    assert len(rows) == len(detail["dropped"]) > 0
    assert [row[1] for row in rows] == [line["rule"] for line in detail["dropped"]]
    assert "Skip to main content" in [row[2] for row in rows]


def test_a_record_page_shows_fields_and_evidence(client: TestClient) -> None:
    source = cited_source(client)
    record_key = api(client, f"/api/v1/sources/{source['key']}")["evidence"][0]["record"]
    record = api(client, f"/api/v1/records/{record_key}")
    assert record["key"] == record_key and record["evidence"]
    soup = page(client, f"/records/{record_key}")
    assert soup.h1.get_text() == record["label"]
    names = [dt.get_text() for dt in soup.select("dl.facts dt")]
    assert names == [name.replace("_", " ") for name in record["fields"]]
    hrefs = [a["href"] for a in soup.select("ul.evidence a")]
    assert any(href.startswith(f"/sources/{source['key']}#span-") for href in hrefs)


def test_unknown_sources_and_records_are_friendly_404s(client: TestClient) -> None:
    soup = page(client, "/sources/no-such-source", status=404)
    assert "no-such-source" in soup.main.get_text()
    page(client, "/records/no-such-record", status=404)
    # Keys of sources read from files of several documents hold "#": their links are quoted.
    wire = api(client, "/api/v1/sources?text=wire_items")["items"][0]["key"]
    assert "#" in wire
    links = [a["href"] for a in page(client, "/sources?text=wire_items").select("main table a")]
    assert links[0] == "/sources/" + wire.replace("#", "%23")
    assert page(client, links[0]).h1 is not None
    error = api(client, "/api/v1/sources/no-such-source", status=404)["error"]
    assert error["status"] == 404
    api(client, "/api/v1/records/no-such-record", status=404)


def test_bad_filters_are_clear_errors(client: TestClient) -> None:
    error = api(client, "/api/v1/sources?published_from=yesterday", status=400)["error"]
    assert "published_from" in error["message"]
