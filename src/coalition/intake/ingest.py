"""`coalition ingest`: many documents in, one transaction per document.

Reading and hashing happen here; cleaning, dating and extraction run in worker processes (`-j N`);
results are written a few dozen documents a transaction, so an interrupted run leaves complete
documents behind and running it again finishes the rest (documents already stored are recognised
by their content hash and skipped).
"""

from __future__ import annotations

import functools
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from coalition.intake.models import CandidateStatus
from coalition.intake.pipeline import Document, distance, process
from coalition.intake.reading import Failure, JsonFields, expand, read
from coalition.intake.rows import Prepared, prepare
from coalition.provenance.models import Source
from coalition.storage.base import Base, utcnow
from coalition.storage.database import gather_statistics, open_database, session_scope

NEAR = 6  # SimHash bits two copies of one story may differ by
BATCH = 32  # documents a transaction
BATCH_SECONDS = 2.0  # ... or this long, so a slow stream still commits often


@dataclass
class Summary:
    ingested: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (origin, existing key)
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    candidates: int = 0


def documents(
    paths: list[str], fields: JsonFields, published: date | None
) -> Iterator[Document | Failure]:
    for found in expand(paths):
        if isinstance(found, Failure):
            yield found
        else:
            yield from read(found, fields, published)


class NearIndex:
    """Fingerprints by 8-bit band: two within NEAR bits share at least one band exactly
    (pigeonhole: 6 differing bits touch at most 6 of 8 bands), so a lookup reads few entries."""

    def __init__(self) -> None:
        self.bands: dict[tuple[int, str], list[tuple[str, int, str]]] = {}

    def add(self, fingerprint: str, source_id: int, key: str) -> None:
        for band in range(8):
            part = fingerprint[band * 2 : band * 2 + 2]
            self.bands.setdefault((band, part), []).append((fingerprint, source_id, key))

    def find(self, fingerprint: str) -> tuple[int, str] | None:
        for band in range(8):
            part = fingerprint[band * 2 : band * 2 + 2]
            for other, source_id, key in self.bands.get((band, part), []):
                if distance(other, fingerprint) <= NEAR:
                    return source_id, key
        return None


def count_documents(paths: list[str]) -> int | None:
    """How many documents a run will see, when that is known without reading JSON files."""
    found = list(expand(paths))  # one walk of the folders (failures count as one step each)
    if any(
        isinstance(p, Path) and p.suffix.lower() in (".json", ".jsonl", ".ndjson") for p in found
    ):
        return None
    return len(found)


class Ingest:
    """Writes processed documents; knows what is stored already (hashes, names, fingerprints)."""

    def __init__(self, session_factory: Callable[[], Any], summary: Summary):
        self.session_factory = session_factory
        self.summary = summary
        with session_factory() as session:
            rows = session.execute(
                select(Source.key, Source.content_hash, Source.fingerprint, Source.id)
            ).all()
        self.hashes = {row.content_hash: row.key for row in rows if row.content_hash}
        self.keys = {row.key for row in rows}
        self.near = NearIndex()
        for row in rows:
            if row.fingerprint:
                self.near.add(row.fingerprint, row.id, row.key)
        self.scope: Any = None
        self.session: Session | None = None
        self.in_batch = 0
        self.batch_started = 0.0
        self.candidates: list[dict[str, Any]] = []

    def wanted(self, document: Document) -> bool:
        existing = self.hashes.get(document.content_hash)
        if existing is not None:
            self.summary.duplicates.append((document.origin, existing))
            return False
        return True

    def store(self, prepared: Prepared) -> None:
        if prepared.content_hash in self.hashes:  # the same text twice in one batch
            self.summary.duplicates.append((prepared.origin, self.hashes[prepared.content_hash]))
            return
        session = self._batch()
        now = utcnow()
        source_id, key = self._source(session, prepared, now)
        # A document's candidates wait for the batch's commit, which writes them with one
        # statement: they are committed with their source or not at all.
        for number, row in enumerate(prepared.candidates):
            for span in row["spans"]:
                span["source"] = key
            row.update(
                key=f"{key}/{number}",
                source_id=source_id,
                status=CandidateStatus.PENDING,
                created_at=now,
            )
        self.candidates.extend(prepared.candidates)
        self.hashes[prepared.content_hash] = key
        self.keys.add(key)
        self.summary.ingested.append(prepared.origin)
        self.summary.candidates += len(prepared.candidates)
        self.in_batch += 1
        if self.in_batch >= BATCH or time.monotonic() - self.batch_started > BATCH_SECONDS:
            self.commit()

    def _batch(self) -> Session:
        """The open transaction, begun on first use. Documents are committed a few dozen at a
        time: each commit is whole documents, so an interrupted run loses at most one batch and
        running it again completes the work."""
        if self.scope is None:
            self.scope = self.session_factory()
            self.session = self.scope.__enter__()
            self.in_batch, self.batch_started = 0, time.monotonic()
        assert self.session is not None
        return self.session

    def commit(self, error: BaseException | None = None) -> None:
        if self.scope is None:
            return
        scope, session, self.scope, self.session = self.scope, self.session, None, None
        rows, self.candidates = self.candidates, []
        try:
            if rows and error is None and session is not None:
                session.execute(_INSERT_CANDIDATES, rows)
        except BaseException as failure:
            scope.__exit__(type(failure), failure, None)
            raise
        scope.__exit__(type(error) if error else None, error, None)

    def __enter__(self) -> Ingest:
        return self

    def __exit__(self, kind: object, error: BaseException | None, _trace: object) -> None:
        self.commit(error)

    def _source(self, session: Session, prepared: Prepared, now: datetime) -> tuple[int, str]:
        """Insert the document as a source: its id and key. A plain insert, not an ORM object:
        nothing reads the object back, and the unit of work cost more than the insert itself."""
        name = prepared.name
        key = name if name not in self.keys else f"{name}~{prepared.content_hash[:8]}"
        near = self.near.find(prepared.fingerprint) if prepared.fingerprint else None
        values = {
            **prepared.source,
            "key": key,
            "retrieved_at": now,
            "created_at": now,
            "duplicate_of_id": near[0] if near else None,
        }
        source_id: int = session.execute(_INSERT_SOURCE, values).scalar_one()
        if near:
            self.summary.near_duplicates.append((key, near[1]))
        if prepared.fingerprint:
            self.near.add(prepared.fingerprint, source_id, key)
        return source_id, key


# Core statements, built once: their compiled form is cached with them.
_SOURCES, _CANDIDATES = (Base.metadata.tables[t] for t in ("sources", "candidates"))
_INSERT_SOURCE = insert(_SOURCES).returning(_SOURCES.c.id)
_INSERT_CANDIDATES = insert(_CANDIDATES)


def ingest_into(
    url: str,
    items: Iterable[Document | Failure],
    *,
    jobs: int = 1,
    advance: Callable[[str], None] = lambda _origin: None,
) -> Summary:
    """Ingest `items` into the database at `url` (created if needed): the command, the demo and
    the benchmark all come through here."""
    engine = open_database(url, create=True)
    summary = Summary()
    try:
        run(items, Ingest(functools.partial(session_scope, engine), summary), jobs, advance)
        if summary.ingested:
            with engine.begin() as connection:
                gather_statistics(connection)
    finally:
        engine.dispose()
    return summary


def run(
    items: Iterable[Document | Failure],
    ingest: Ingest,
    workers: int,
    advance: Callable[[str], None],
) -> None:
    """Process documents on `workers` processes (or in this one) and store them as they come.

    Documents stream through: at most a small window of them is in flight at any time, so memory
    stays flat however large the corpus is.
    """

    def wanted() -> Iterator[Document]:
        for item in items:
            if isinstance(item, Failure):
                ingest.summary.failed.append(item)
                advance(item.origin)
            elif ingest.wanted(item):
                yield item
            else:
                advance(item.origin)

    with ingest:
        if workers == 1:
            _store_all(map(_prepared, wanted()), ingest, advance)
            return
        with ProcessPoolExecutor(workers) as pool:
            _store_all(_bounded(pool, wanted(), window=workers * 4), ingest, advance)


def _bounded(
    pool: ProcessPoolExecutor, documents: Iterator[Document], window: int, batch: int = 16
) -> Iterator[Prepared | Failure]:
    """Like `pool.map`, but never more than `window` batches ahead of the consumer."""
    pending: deque[Future[list[Prepared | Failure]]] = deque()
    while True:
        chunk = list(itertools.islice(documents, batch))
        if chunk:
            pending.append(pool.submit(_process_batch, chunk))
        if pending and (len(pending) >= window or not chunk):
            yield from pending.popleft().result()
        if not chunk and not pending:
            return


def _process_batch(documents: list[Document]) -> list[Prepared | Failure]:
    return [_prepared(document) for document in documents]


def _store_all(
    results: Iterable[Prepared | Failure], ingest: Ingest, advance: Callable[[str], None]
) -> None:
    for result in results:
        if isinstance(result, Failure):
            ingest.summary.failed.append(result)
        else:
            ingest.store(result)
        advance(result.origin)


def _prepared(document: Document) -> Prepared | Failure:
    """A document that breaks a rule is reported with its reason; the batch goes on."""
    try:
        return prepare(process(document))
    except Exception as error:
        return Failure(document.origin, f"could not be processed: {type(error).__name__}: {error}")
