"""Export, import into an empty database, export again: the files must be identical."""

from __future__ import annotations

import filecmp
import shutil
import string
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalition.demo.build import demo_record
from coalition.interchange.exporter import export_document, write_csv, write_json
from coalition.interchange.importer import import_data, import_path
from coalition.interchange.reading import Locator
from coalition.storage.database import sqlite_url, transaction


def export_to(db_url: str, directory: Path) -> None:
    with transaction(db_url) as session:
        document = export_document(session)
    write_json(document, directory / "json")
    write_csv(document, directory / "csv")


def import_into(db_url: str, path: Path) -> None:
    with transaction(db_url) as session:
        import_path(session, path)


def same_tree(left: Path, right: Path) -> bool:
    comparison = filecmp.dircmp(left, right)
    names = sorted(p.name for p in left.iterdir())
    _same, mismatch, errors = filecmp.cmpfiles(left, right, names, shallow=False)
    return not (mismatch or errors or comparison.left_only or comparison.right_only)


@pytest.mark.parametrize("form", ["json", "csv"])
def test_the_demo_record_round_trips(
    db_url: str, second_db_url: str, tmp_path: Path, form: str
) -> None:
    import_into(db_url, demo_record())
    export_to(db_url, tmp_path / "first")
    import_into(second_db_url, tmp_path / "first" / form)
    export_to(second_db_url, tmp_path / "second")
    assert same_tree(tmp_path / "first" / form, tmp_path / "second" / form)
    assert (tmp_path / "first" / "json" / "record.json").stat().st_size > 10_000


# Generated records: arbitrary text (no NUL, which PostgreSQL cannot store), amounts with up to six
# decimals, every section and both kinds of evidence.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20
)
NAME = TEXT.filter(lambda s: s.strip() != "")
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))
MOMENTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=UTC).isoformat()
)
AMOUNTS = st.integers(0, 6).flatmap(lambda p: st.decimals(0, 10**15, places=p)).map(str)
SIGNED = st.integers(0, 6).flatmap(lambda p: st.decimals(-(10**9), 10**9, places=p)).map(str)
COUNTRIES = st.sampled_from(["USA", "GBR", "FRA", "IRQ", "DEU", "TUR", "JPN"])
QUALIFIERS = st.sampled_from([None, "more than", "about", "fewer than", "at least", "at most"])
CURRENCIES = st.sampled_from(["USD", "EUR", "GBP", "JPY", "IQD"])


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    keys = iter(
        draw(
            st.lists(
                st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8),
                min_size=40,
                max_size=40,
                unique=True,
            )
        )
    )

    def key(prefix: str) -> str:
        return f"{prefix}-{next(keys)}"

    sources = [
        {
            "key": key("src"),
            "title": draw(TEXT),
            "text": draw(st.one_of(st.none(), TEXT.filter(lambda s: len(s) > 3))),
            "published": draw(st.one_of(st.none(), DATES.map(date.isoformat))),
        }
        for _ in range(draw(st.integers(1, 2)))
    ]

    def evidence() -> list[dict[str, Any]]:
        entries = []
        for _ in range(draw(st.integers(1, 2))):
            source = draw(st.sampled_from(sources))
            if draw(st.booleans()):
                entries.append(
                    {"entered_by": draw(NAME), "entered_at": draw(MOMENTS), "note": draw(TEXT)}
                )
            else:
                size = len(source["text"]) if source["text"] else 500
                start = draw(st.integers(0, size))
                entries.append(
                    {"source": source["key"], "start": start, "end": draw(st.integers(start, size))}
                )
        return entries

    def maybe(strategy: st.SearchStrategy[Any]) -> Any:
        value = draw(st.one_of(st.none(), strategy))
        return value.isoformat() if isinstance(value, date) else value

    people = [
        {
            "key": key("person"),
            "kind": "person",
            "name": draw(NAME),
            "aliases": draw(st.lists(NAME, max_size=2, unique_by=str.casefold)),
            "evidence": evidence(),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    actors = [p["key"] for p in people] + ["USA", "NATO"]
    coalition = key("coalition")
    lines = [
        {
            "key": key("line"),
            "coalition": coalition,
            "name": draw(NAME),
            "version": draw(st.integers(1, 3)),
            "position": maybe(st.integers(0, 9)),
            "evidence": evidence(),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    meetings: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(DATES)
        meetings.append(
            {
                "key": key("meeting"),
                "title": draw(NAME),
                "coalition": coalition,
                "level": draw(st.sampled_from(["ministerial", "pledging_conference", "other"])),
                "status": draw(st.sampled_from(["announced", "held", "cancelled"])),
                "start": start.isoformat(),
                "end": maybe(st.dates(min_value=start, max_value=date(2036, 1, 1))),
                "city": draw(TEXT),
                "country": maybe(COUNTRIES),
                "parent": draw(st.sampled_from([None] + [m["key"] for m in meetings])),
                "invited_count": maybe(st.integers(0, 200)),
                "invited_qualifier": draw(QUALIFIERS),
                "outcomes": draw(TEXT),
                "evidence": evidence(),
            }
        )
    meeting_keys = [None] + [m["key"] for m in meetings]
    pledges = [
        {
            "key": key("pledge"),
            "donor": draw(st.sampled_from([None, *actors])),
            "amount": draw(AMOUNTS),
            "currency": draw(CURRENCIES),
            "qualifier": draw(QUALIFIERS),
            "purpose": draw(TEXT),
            "meeting": draw(st.sampled_from(meeting_keys)),
            "line": draw(st.sampled_from([None] + [x["key"] for x in lines])),
            "pledged_on": maybe(DATES),
            "evidence": evidence(),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    transactions = [
        {
            "pledge": draw(st.sampled_from(pledges))["key"],
            "type": draw(st.sampled_from(["committed", "disbursed", "revised"])),
            "amount": draw(AMOUNTS),
            "currency": draw(CURRENCIES),
            "fx_rate": maybe(AMOUNTS),
            "date": maybe(DATES),
            "evidence": evidence(),
        }
        for _ in range(draw(st.integers(0, 3) if pledges else st.just(0)))
    ]
    commitment = key("commitment")
    return {
        "format": "coalition-record",
        "version": 1,
        "sources": sources,
        "actors": people,
        "offices": [
            {
                "holder": p["key"],
                "title": draw(NAME),
                "organisation": maybe(COUNTRIES),
                "start": maybe(DATES),
                "acting": draw(st.booleans()),
                "evidence": evidence(),
            }
            for p in people
        ],
        "coalitions": [{"key": coalition, "founded": maybe(DATES), "evidence": evidence()}],
        "coalition_names": [
            {
                "coalition": coalition,
                "name": draw(NAME),
                "valid_from": maybe(DATES),
                "evidence": evidence(),
            }
        ],
        "memberships": [
            {
                "coalition": coalition,
                "actor": actor,
                "observed_on": draw(DATES).isoformat(),
                "role": draw(st.sampled_from(["member", "observer"])),
                "evidence": evidence(),
            }
            for actor in draw(st.lists(COUNTRIES, max_size=3))
        ],
        "reported_sizes": [
            {
                "coalition": coalition,
                "count": draw(st.integers(0, 100)),
                "qualifier": draw(QUALIFIERS),
                "counts": draw(TEXT),
                "as_of": draw(DATES).isoformat(),
                "evidence": evidence(),
            }
        ],
        "lines_of_effort": lines,
        "meetings": meetings,
        "meeting_participants": [
            {
                "meeting": m["key"],
                "actor": draw(st.sampled_from(actors)),
                "role": draw(st.sampled_from(["host", "attended"])),
                "evidence": evidence(),
            }
            for m in meetings
        ],
        "pledges": pledges,
        "transactions": transactions,
        "targets": [
            {
                "amount": draw(AMOUNTS),
                "currency": draw(CURRENCIES),
                "coalition": coalition,
                "purpose": draw(TEXT),
                "evidence": evidence(),
            }
        ],
        "commitments": [
            {
                "key": commitment,
                "text": draw(NAME),
                "coalition": coalition,
                "due": maybe(DATES),
                "evidence": evidence(),
            }
        ],
        "compliance_scores": [
            {
                "commitment": commitment,
                "actor": "USA",
                "score": draw(st.sampled_from([-1, 0, 1])),
                "evidence": evidence(),
            }
        ],
        "statements": [
            {
                "summary": draw(NAME),
                "quote": draw(TEXT),
                "anonymous": draw(NAME),
                "affiliation": maybe(COUNTRIES),
                "said_on": maybe(DATES),
                "evidence": evidence(),
            }
        ],
        "figures": [
            {
                "subject": draw(NAME),
                "value": draw(SIGNED),
                "unit": draw(TEXT),
                "qualifier": draw(QUALIFIERS),
                "as_of": maybe(DATES),
                "evidence": evidence(),
            }
            for _ in range(draw(st.integers(0, 2)))
        ],
    }


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.large_base_example,
    ],
)
@given(document=documents())
def test_generated_records_round_trip_through_json_and_csv(
    document: dict[str, Any], sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    work = tmp_path_factory.mktemp("roundtrip")
    urls = []
    for name in ("a", "b", "c"):
        shutil.copyfile(sqlite_template, work / f"{name}.sqlite3")
        urls.append(sqlite_url(work / f"{name}.sqlite3"))
    with transaction(urls[0]) as session:
        import_data(session, document, Locator("generated"))
    export_to(urls[0], work / "first")
    import_into(urls[1], work / "first" / "json")
    import_into(urls[2], work / "first" / "csv")
    export_to(urls[1], work / "from-json")
    export_to(urls[2], work / "from-csv")
    for form in ("json", "csv"):
        assert same_tree(work / "first" / form, work / "from-json" / form)
        assert same_tree(work / "first" / form, work / "from-csv" / form)
