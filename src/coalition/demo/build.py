"""Building the demo database from the demo record under examples/.

The demo record cites the five seed reports by file name and character offsets, never by their
words. When the reports themselves are at hand (../shared/seeds), their text is attached to the
sources so that every span can be read; without them the spans stay as offsets.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from coalition.errors import InvalidInput, NotFound
from coalition.intake.ingest import Summary, documents, ingest_into
from coalition.intake.reading import JsonFields
from coalition.interchange.importer import import_data
from coalition.interchange.reading import read_document
from coalition.settings import Settings
from coalition.storage.database import sqlite_url, transaction

RECORD = Path("global-coalition") / "record.yaml"
REPO = Path(__file__).resolve().parents[3]


@dataclass
class DemoResult:
    path: Path
    seeds: Path | None
    attached: int
    counts: Counter[str]
    reports: int = 0  # demo corpus documents ingested
    candidates: int = 0


def default_demo_path() -> Path:
    """demo.sqlite3 beside the default database: in COALITION_DATA_DIR when it is set."""
    return Settings().data_dir / "demo.sqlite3"


def example(relative: Path) -> Path | None:
    """A file or folder under examples/, from the installed package or the source checkout."""
    packaged = Path(str(resources.files("coalition"))) / "examples" / relative
    return next((c for c in (packaged, REPO / "examples" / relative) if c.exists()), None)


def demo_record() -> Path:
    found = example(RECORD)
    if found is None:
        raise NotFound(f"the demo record {RECORD} is not installed")
    return found


def find_seeds(explicit: Path | None) -> Path | None:
    if explicit is not None:
        if not explicit.is_dir():
            raise NotFound(f"no seed reports folder at {explicit}")
        return explicit
    for candidate in (Path.cwd().parent / "shared" / "seeds", REPO.parent / "shared" / "seeds"):
        if candidate.is_dir():
            return candidate
    return None


def attach_texts(data: dict[str, Any], seeds: Path) -> int:
    attached = 0
    for source in data.get("sources", []):
        report = seeds / source["key"]
        if report.is_file():
            text = report.read_text(encoding="utf-8")
            source["text"] = text
            source["content_hash"] = hashlib.sha256(text.encode()).hexdigest()
            attached += 1
    return attached


def build_demo(path: Path, *, seeds: Path | None = None, replace: bool = False) -> DemoResult:
    if path.exists():
        if not replace:
            raise InvalidInput(f"{path} already exists; pass --replace to rebuild it")
        for stale in (
            path,
            path.with_name(path.name + "-journal"),
            path.with_name(path.name + "-wal"),
        ):
            stale.unlink(missing_ok=True)
    folder = find_seeds(seeds)
    attached, counts = load_demo(sqlite_url(path), folder)
    summary = ingest_corpus(sqlite_url(path))
    return DemoResult(
        path=path,
        seeds=folder,
        attached=attached,
        counts=counts,
        reports=len(summary.ingested),
        candidates=summary.candidates,
    )


def ingest_corpus(url: str) -> Summary:
    """Our demo corpus of reports through intake, so the review queue has something in it."""
    corpus = example(Path("corpus"))
    if corpus is None:
        return Summary()
    return ingest_into(url, documents([str(corpus)], JsonFields(), None))


def load_demo(url: str, seeds: Path | None) -> tuple[int, Counter[str]]:
    """Import the demo record into the database at `url`, with the seed texts when given."""
    data, locate = read_document(demo_record())
    attached = attach_texts(data, seeds) if seeds else 0
    with transaction(url, create=True) as session:
        counts = import_data(session, data, locate)
    return attached, counts
