"""The demo record: our own words, real facts, and every span pointing at what it claims."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from coalition.demo.build import demo_record, load_demo
from coalition.provenance.models import Evidence
from coalition.storage.database import transaction

REPO = Path(__file__).resolve().parents[2]
RUN = 12  # a run of this many words shared with a seed report counts as copied


def record() -> dict[str, Any]:
    return dict(yaml.safe_load(demo_record().read_text(encoding="utf-8")))


def spans(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in item["evidence"] if "source" in e]


def test_every_item_cites_one_of_the_five_reports() -> None:
    data = record()
    reports = {s["key"] for s in data["sources"]}
    assert len(reports) == 5
    cited = {
        e["source"]
        for section, items in data.items()
        if isinstance(items, list)
        for item in items
        if isinstance(item, dict) and "evidence" in item
        for e in spans(item)
    }
    assert cited == reports


def test_spans_lie_in_the_reports_and_hold_the_numbers_they_support(seeds: Path) -> None:
    data = record()
    texts = {s["key"]: (seeds / s["key"]).read_text(encoding="utf-8") for s in data["sources"]}
    for item in [x for items in data.values() if isinstance(items, list) for x in items]:
        for span in spans(item) if isinstance(item, dict) and "evidence" in item else []:
            assert 0 <= span["start"] < span["end"] <= len(texts[span["source"]]), item
    for size in data["reported_sizes"]:
        quoted = " ".join(texts[s["source"]][s["start"] : s["end"]] for s in spans(size))
        assert str(size["count"]) in quoted, (size, quoted)
    for money in data["pledges"] + data["targets"]:
        quoted = " ".join(texts[s["source"]][s["start"] : s["end"]] for s in spans(money))
        assert re.search(r"\$\d", quoted), (money, quoted)


def test_statement_spans_quote_their_speaker(seeds: Path) -> None:
    data = record()
    for statement in data["statements"]:
        for span in spans(statement):
            text = (seeds / span["source"]).read_text(encoding="utf-8")[span["start"] : span["end"]]
            assert len(text.split()) >= 3, (statement, text)


def test_the_demo_loads_without_the_seed_reports(db_url: str) -> None:
    """Without the reports the spans stay as offsets and carry no text."""
    load_demo(db_url, None)
    with transaction(db_url) as session:
        kept = session.scalars(select(Evidence).where(Evidence.source_id.is_not(None))).all()
        assert kept and all(e.text is None and e.span_end is not None for e in kept)


def test_the_demo_attaches_the_report_texts_when_they_are_there(db_url: str, seeds: Path) -> None:
    attached, counts = load_demo(db_url, seeds)
    assert attached == 5 and counts["statements"] > 10
    with transaction(db_url) as session:
        kept = session.scalars(select(Evidence).where(Evidence.source_id.is_not(None))).all()
        assert kept and all(e.text for e in kept)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def runs(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


def test_no_tracked_file_copies_text_from_the_reports(seeds: Path) -> None:
    seen: set[tuple[str, ...]] = set()
    for report in seeds.glob("*.txt"):
        seen |= runs(report.read_text(encoding="utf-8", errors="replace"))
    tracked = subprocess.run(
        ["git", "-C", str(REPO), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.split()
    copied = [
        name
        for name in tracked
        if (REPO / name).is_file()
        and runs((REPO / name).read_text(encoding="utf-8", errors="replace")) & seen
    ]
    assert tracked and copied == []
