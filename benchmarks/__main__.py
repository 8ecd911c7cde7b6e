"""Import, export and query speed on a generated record, on SQLite (and PostgreSQL if
COALITION_BENCH_DATABASE_URL names an empty database we may fill).

Usage: python -m benchmarks [--items N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from coalition.coalitions.services import get_coalition, membership_on
from coalition.interchange.exporter import export_document, write_csv, write_json
from coalition.interchange.importer import import_path
from coalition.meetings.services import timeline
from coalition.money.services import list_pledges, totals
from coalition.storage.database import open_database, session_scope, sqlite_url

COUNTRIES = ["USA", "GBR", "FRA", "DEU", "ITA", "IRQ", "JOR", "TUR", "CAN", "AUS", "JPN", "KWT"]


def generated_record(items: int) -> dict[str, Any]:
    """A synthetic but well-formed record: meetings, memberships, pledges, statements, figures."""
    by_hand = [{"entered_by": "benchmark", "entered_at": "2026-01-01T00:00:00Z"}]
    day = date(2014, 9, 1)
    return {
        "format": "coalition-record",
        "version": 1,
        "coalitions": [{"key": "bench", "evidence": by_hand}],
        "reported_sizes": [
            {
                "coalition": "bench",
                "count": 60 + i % 30,
                "as_of": str(day + timedelta(days=i)),
                "evidence": by_hand,
            }
            for i in range(items // 10)
        ],
        "memberships": [
            {"coalition": "bench", "actor": code, "joined": "2014-09-10", "evidence": by_hand}
            for code in COUNTRIES
        ],
        "meetings": [
            {
                "key": f"m{i}",
                "title": f"Meeting {i}",
                "coalition": "bench",
                "start": str(day + timedelta(days=i)),
                "country": COUNTRIES[i % 12],
                "evidence": by_hand,
            }
            for i in range(items)
        ],
        "pledges": [
            {
                "key": f"p{i}",
                "donor": COUNTRIES[i % 12],
                "amount": str(1000 + i),
                "currency": ["USD", "EUR"][i % 2],
                "meeting": f"m{i % items}",
                "evidence": by_hand,
            }
            for i in range(items)
        ],
        "statements": [
            {
                "anonymous": "an official",
                "summary": f"Statement {i}",
                "said_on": str(day + timedelta(days=i)),
                "evidence": by_hand,
            }
            for i in range(items)
        ],
        "figures": [
            {"subject": f"subject {i % 50}", "value": str(i), "evidence": by_hand}
            for i in range(items)
        ],
    }


def timed(label: str, action: Callable[[], Any], repeat: int = 1) -> Any:
    durations, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        durations.append(time.perf_counter() - start)
    shown = (
        f"median {statistics.median(durations) * 1000:.1f} ms over {repeat}"
        if repeat > 1
        else f"{durations[0]:.2f} s"
    )
    print(f"  {label:<38} {shown}")
    return result


def bench(url: str, items: int, work: Path) -> None:
    record = work / "record.json"
    record.write_text(json.dumps(generated_record(items)))
    engine = open_database(url, create=True)
    try:
        with session_scope(engine) as session:
            counts = timed(
                f"import {items} items per section", lambda: import_path(session, record)
            )
        print(f"  ({sum(counts.values())} records written)")
        with session_scope(engine) as session:
            document = timed("export (build document)", lambda: export_document(session))
            timed("write JSON", lambda: write_json(document, work / "json"))
            timed("write CSV", lambda: write_csv(document, work / "csv"))
            coalition = get_coalition(session, "bench")
            timed(
                "members on a date",
                lambda: membership_on(session, coalition, date(2016, 1, 1)),
                repeat=20,
            )
            timed(
                "meeting timeline (one year)",
                lambda: timeline(session, date(2015, 1, 1), date(2015, 12, 31)),
                repeat=20,
            )
            timed(
                "pledge totals by donor", lambda: totals(list_pledges(session), "donor"), repeat=5
            )
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        print(f"SQLite ({args.items} items per section)")
        bench(sqlite_url(work / "bench.sqlite3"), args.items, work)
        pg = os.environ.get("COALITION_BENCH_DATABASE_URL")
        if pg:
            print(f"PostgreSQL ({args.items} items per section)")
            bench(pg, args.items, work)
        else:
            print("PostgreSQL: set COALITION_BENCH_DATABASE_URL to an empty database to measure it")


if __name__ == "__main__":
    main()
