"""A large generated record for the web benchmark, written fast and the same every time.

100 partners with their memberships, 2,000 meetings with their delegations, 50,000 pledges and
ledger entries, 200,000 statements and figures, 20,000 sources, and every record with evidence
pointing at a sentence of one of those sources. Rows go in with one executemany per table and
chunk (SQLAlchemy Core), ids assigned here, because building 300,000 ORM objects would take
minutes where this takes seconds.

    python -m benchmarks.webdata --db PATH [--scale 0.01]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, func, insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from coalition.coalitions.models import (
    Body,
    BodyKind,
    BodyLead,
    Coalition,
    CoalitionName,
    LeadRole,
    LineOfEffort,
    Membership,
    MembershipRole,
    ReportedSize,
)
from coalition.figures.models import Figure
from coalition.intake.models import Candidate, CandidateStatus
from coalition.meetings.models import (
    Meeting,
    MeetingFormat,
    MeetingLevel,
    MeetingParticipant,
    MeetingStatus,
    ParticipantRole,
)
from coalition.money.models import FundingTransaction, Pledge, Target, TransactionType
from coalition.partners.models import Actor, ActorKind
from coalition.provenance.models import Evidence, Record, Source
from coalition.search.index import reindex
from coalition.statements.models import Statement
from coalition.storage import migrations
from coalition.storage.base import Base
from coalition.storage.database import (
    gather_statistics,
    open_database,
    session_scope,
    sqlite_url,
)
from coalition.vocabulary import Qualifier

# Raise this whenever the generated data (or what `reindex` leaves in the file, such as the
# planner statistics since version 3) changes, so that cached files are rebuilt.
GENERATOR_VERSION = 3
SEED = 20140910
CHUNK = 10_000
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
FIRST_DAY = date(2014, 9, 1)
SPAN_DAYS = 3_700  # to the end of 2024
COALITION_KEY = "bench-coalition"

CITIES = [
    "Paris", "London", "Washington", "Rome", "Brussels", "Amman", "Kuwait City", "Berlin",
    "Madrid", "Ottawa", "Canberra", "Tokyo", "Doha", "Riyadh", "Baghdad", "Erbil", "Ankara",
    "Copenhagen", "Oslo", "The Hague", "Warsaw", "Vienna", "Geneva", "New York", "Abu Dhabi",
]  # fmt: skip
TOPICS = [
    "stabilisation in liberated areas", "demining", "foreign terrorist fighters",
    "counter-messaging", "cutting off financing", "humanitarian aid", "police training",
    "the return of displaced families", "border security", "detention of fighters",
]  # fmt: skip
PUBLISHERS = ["Wire Service", "Daily Ledger", "Foreign Desk", "Ministry Press Office", None]
SUBJECTS = [
    "airstrikes", "displaced people", "returnees", "trained security forces",
    "square kilometres liberated", "fighters remaining", "explosive devices cleared",
    "schools reopened",
]  # fmt: skip
PLACES = ["Iraq", "Syria", "Anbar", "Nineveh", "Raqqa", "Deir ez-Zor", "Mosul", "Kirkuk"]
TITLES = ["Foreign Minister", "Defence Minister", "Special Envoy", "Ambassador", "spokesperson"]
CURRENCIES = ["USD"] * 12 + ["EUR"] * 5 + ["GBP"] * 2 + ["JPY"]
SENTENCES = [
    "{a} and {b} discussed {topic} in {city} on {day}.",
    "{a} pledged {n} million {currency} for {topic}, officials said.",
    "Officials from {a} said the coalition had made progress on {topic}.",
    "The meeting in {city} brought together {n} delegations to review {topic}.",
    "{a} would continue to support {topic}, its {title} told reporters in {city}.",
    "More than {n} {subject} were reported in {place} by {day}.",
    "Delegates from {b} called for more attention to {topic} before the next meeting.",
]


@dataclass(frozen=True)
class Scale:
    """How many of each thing; the defaults are the full benchmark."""

    partners: int = 100
    meetings: int = 2_000
    participants: int = 16_000
    pledges: int = 20_000
    transactions: int = 30_000
    statements: int = 150_000
    figures: int = 50_000
    sources: int = 20_000
    candidates: int = 2_000

    @classmethod
    def of(cls, factor: float) -> Scale:
        """The full scale times `factor`, keeping at least a few partners and one of the rest."""
        full = cls()
        floors = {"partners": 5, "transactions": 0, "candidates": 0}
        return cls(
            **{
                f.name: max(floors.get(f.name, 1), round(getattr(full, f.name) * factor))
                for f in fields(cls)
            }
        )


@dataclass
class Text:
    id: int
    key: str
    text: str
    sentences: list[tuple[int, int]]


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[str(model.__tablename__)]


def _day(rng: random.Random) -> date:
    return FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))


class Writer:
    """Buffers rows per table and writes them with one executemany per table and chunk.

    Ids are assigned here rather than by the database, so a record's base row, its subclass row
    and its evidence can all be written without reading anything back.
    """

    def __init__(self, session: Session, rng: random.Random) -> None:
        self.session = session
        self.rng = rng
        self.buffers: dict[Table, list[dict[str, Any]]] = {}
        self.counts: dict[str, int] = {}
        self.next_id: dict[type[Base], int] = {
            model: (session.scalar(select(func.max(_table(model).c.id))) or 0) + 1
            for model in (Record, Evidence, Source, Candidate)
        }
        self.texts: list[Text] = []

    def take_id(self, model: type[Base]) -> int:
        ident = self.next_id[model]
        self.next_id[model] = ident + 1
        return ident

    def add(self, model: type[Base], row: dict[str, Any]) -> None:
        table = _table(model)
        self.buffers.setdefault(table, []).append(row)
        self.counts[table.name] = self.counts.get(table.name, 0) + 1

    def span(self) -> tuple[Text, int, int]:
        """A random sentence of a random source: what a record's evidence points at."""
        source = self.texts[self.rng.randrange(len(self.texts))]
        start, end = source.sentences[self.rng.randrange(len(source.sentences))]
        return source, start, end

    def record(
        self,
        model: type[Record],
        key: str,
        row: dict[str, Any],
        span: tuple[Text, int, int] | None = None,
    ) -> int:
        """One fact: its `records` row, its own table's row and one evidence span."""
        ident = self.take_id(Record)
        self.add(Record, {"id": ident, "kind": model.kind_name(), "key": key, "created_at": STAMP})
        self.add(model, {"id": ident, **row})
        source, start, end = span or self.span()
        self.add(
            Evidence,
            {
                "id": self.take_id(Evidence),
                "record_id": ident,
                "source_id": source.id,
                "span_start": start,
                "span_end": end,
                "text": source.text[start:end],
            },
        )
        if len(self.buffers[_table(Record)]) >= CHUNK:
            self.flush()
        return ident

    def flush(self) -> None:
        # Parents first (the schema's dependency order), since SQLite checks each foreign key
        # as the row goes in: a participant's meeting may sit in the same batch.
        rank = {table: number for number, table in enumerate(Base.metadata.sorted_tables)}
        for table in sorted(self.buffers, key=rank.__getitem__):
            rows = self.buffers[table]
            for start in range(0, len(rows), CHUNK):
                self.session.execute(insert(table), rows[start : start + CHUNK])
        self.buffers.clear()


@dataclass
class World:
    """What later sections refer to: partners, people, the coalition, meetings, pledges."""

    countries: list[int]
    organisations: list[int]
    people: list[int]
    coalition: int = 0
    lines: list[int] | None = None
    meetings: list[tuple[int, date]] | None = None
    pledges: list[tuple[int, str, date]] | None = None

    @property
    def partners(self) -> list[int]:
        return self.countries + self.organisations


def pick_world(session: Session, rng: random.Random, partners: int) -> World:
    """Partners chosen among the reference actors every new database holds (85% countries)."""
    rows = session.execute(select(Actor.id, Actor.actor_kind).order_by(Actor.key)).all()
    by_kind: dict[ActorKind, list[int]] = {}
    for ident, kind in rows:
        by_kind.setdefault(kind, []).append(ident)
    countries = rng.sample(by_kind[ActorKind.COUNTRY], round(partners * 0.85))
    organisations = rng.sample(by_kind[ActorKind.ORGANISATION], partners - len(countries))
    return World(countries, organisations, by_kind[ActorKind.PERSON])


def sentence(rng: random.Random, world: World, names: dict[int, str]) -> str:
    a, b = rng.sample(world.partners, 2)
    return rng.choice(SENTENCES).format(
        a=names[a],
        b=names[b],
        topic=rng.choice(TOPICS),
        city=rng.choice(CITIES),
        day=_day(rng).strftime("%d %B %Y"),
        n=rng.randrange(2, 900),
        currency=rng.choice(CURRENCIES),
        title=rng.choice(TITLES),
        subject=rng.choice(SUBJECTS),
        place=rng.choice(PLACES),
    )


def write_sources(writer: Writer, world: World, count: int) -> None:
    """Short reports of 8 to 16 sentences each, with the fields intake would have set."""
    rng, session = writer.rng, writer.session
    names = dict(
        session.execute(select(Actor.id, Actor.name).where(Actor.id.in_(world.partners))).all()
    )
    for number in range(count):
        parts, offsets, position = [], [], 0
        for _ in range(rng.randrange(8, 17)):
            line = sentence(rng, world, names)
            offsets.append((position, position + len(line)))
            parts.append(line)
            position += len(line) + 1
        body = " ".join(parts)
        ident, key, published = writer.take_id(Source), f"bench-{number:05}.txt", _day(rng)
        writer.texts.append(Text(ident, key, body, offsets))
        writer.add(
            Source,
            {
                "id": ident,
                "key": key,
                "title": parts[0][:120],
                "publisher": rng.choice(PUBLISHERS),
                "url": f"https://example.org/reports/{number}",
                "published": published,
                "text": body,
                "created_at": STAMP,
                "origin": f"/bench/corpus/{key}",
                "raw_format": "txt",
                "encoding": "utf-8",
                "published_earliest": published,
                "published_latest": published + timedelta(days=6),
                "published_confidence": 0.8,
                "date_reasons": [f"a weekday named in the text → {published}"],
                "cleaning": [
                    [1, False, "navigation", "Skip to main content"],
                    [2, True, "content", parts[0]],
                ],
                "fingerprint": hashlib.blake2b(body.encode(), digest_size=8).hexdigest(),
                "content_hash": hashlib.sha256(body.encode()).hexdigest(),
            },
        )
        if number % CHUNK == CHUNK - 1:
            writer.flush()
    writer.flush()


def write_coalition(writer: Writer, world: World) -> None:
    """The coalition, its names, lines of effort, bodies and their leads, who joined when, and
    the sizes sources reported."""
    rng = writer.rng
    world.coalition = writer.record(Coalition, COALITION_KEY, {"founded": date(2014, 9, 10)})
    for number, (name, start) in enumerate(
        [("Bench Coalition to Counter ISIL", None), ("Bench Coalition to Defeat ISIS", 2017)]
    ):
        writer.record(
            CoalitionName,
            f"bench-name-{number}",
            {
                "coalition_id": world.coalition,
                "name": name,
                "valid_from": date(start, 1, 1) if start else None,
                "valid_to": date(2017, 1, 1) if not start else None,
            },
        )
    world.lines = [
        writer.record(
            LineOfEffort,
            f"bench-line-{number}",
            {"coalition_id": world.coalition, "name": topic.capitalize(), "position": number},
        )
        for number, topic in enumerate(TOPICS[:5])
    ]
    joined_on = []
    for number, actor in enumerate(world.partners):
        joined = FIRST_DAY + timedelta(days=rng.randrange(9, 90 if number < 60 else 1800))
        observer = number % 20 == 19
        joined_on += [] if observer else [joined]
        writer.record(
            Membership,
            f"bench-membership-{number}",
            {
                "coalition_id": world.coalition,
                "actor_id": actor,
                "role": MembershipRole.OBSERVER if observer else MembershipRole.MEMBER,
                "joined": joined,
                "left_on": joined + timedelta(days=900) if number % 25 == 24 else None,
            },
        )
    for number in range(40):
        # Sources count a few members that no source names, as real reports do.
        as_of = FIRST_DAY + timedelta(days=30 + number * 90)
        writer.record(
            ReportedSize,
            f"bench-size-{number}",
            {
                "coalition_id": world.coalition,
                "count": sum(day <= as_of for day in joined_on) + 5,
                "qualifier": Qualifier.MORE_THAN if number % 3 == 0 else None,
                "counts": "members",
                "as_of": as_of,
            },
        )
    for number, kind in enumerate([BodyKind.SMALL_GROUP] + [BodyKind.WORKING_GROUP] * 4):
        body = writer.record(
            Body,
            f"bench-body-{number}",
            {"coalition_id": world.coalition, "name": f"Group {number}", "body_kind": kind},
        )
        for lead, actor in enumerate(rng.sample(world.countries, 3)):
            writer.record(
                BodyLead,
                f"bench-lead-{number}-{lead}",
                {"body_id": body, "actor_id": actor, "role": LeadRole.CO_LEAD},
            )
    writer.flush()


def write_meetings(writer: Writer, world: World, scale: Scale) -> None:
    """Meetings over ten years (one in ten a parallel track of the one before), with delegations
    spread evenly over them."""
    rng, world.meetings = writer.rng, []
    per_meeting = max(1, scale.participants // scale.meetings)
    levels = list(MeetingLevel)
    for number in range(scale.meetings):
        parent = world.meetings[-1] if number % 10 == 1 else None
        start = parent[1] if parent else _day(rng)
        city = rng.choice(CITIES)
        level = rng.choice(levels)
        ident = writer.record(
            Meeting,
            f"bench-meeting-{number:05}",
            {
                "coalition_id": world.coalition,
                "title": f"{level.value.replace('_', ' ').capitalize()} meeting in {city}, "
                f"{start:%B %Y}",
                "level": level,
                "format": rng.choice(list(MeetingFormat)),
                "status": MeetingStatus.CANCELLED if number % 50 == 7 else MeetingStatus.HELD,
                "start_date": start,
                "end_date": start + timedelta(days=rng.randrange(3)),
                "city": city,
                "country_id": rng.choice(world.countries),
                "parent_id": parent[0] if parent else None,
                "attending_count": rng.randrange(10, 80),
                "outcomes": f"Agreed next steps on {rng.choice(TOPICS)}.",
            },
        )
        world.meetings.append((ident, start))
        for seat, actor in enumerate(
            rng.sample(world.partners, min(per_meeting, len(world.partners)))
        ):
            writer.record(
                MeetingParticipant,
                f"bench-delegation-{number:05}-{seat}",
                {
                    "meeting_id": ident,
                    "actor_id": actor,
                    "role": ParticipantRole.HOST if seat == 0 else ParticipantRole.ATTENDED,
                    "head_id": rng.choice(world.people) if seat % 3 == 0 else None,
                },
            )
    writer.flush()


def write_money(writer: Writer, world: World, scale: Scale) -> None:
    """Pledges (one in twenty an aggregate of unnamed donors), each with its `pledged` entry,
    the remaining ledger entries spread over them; and a target per pledging conference."""
    rng, world.pledges = writer.rng, []
    assert world.meetings is not None and world.lines is not None
    for number in range(scale.pledges):
        meeting = rng.choice(world.meetings) if number % 5 < 3 else None
        on = meeting[1] if meeting else _day(rng)
        currency, amount = rng.choice(CURRENCIES), Decimal(rng.randrange(1, 500) * 100_000)
        span = writer.span()
        ident = writer.record(
            Pledge,
            f"bench-pledge-{number:05}",
            {
                "donor_id": None if number % 20 == 13 else rng.choice(world.partners),
                "amount": amount,
                "currency": currency,
                "qualifier": Qualifier.ABOUT if number % 9 == 0 else None,
                "purpose": rng.choice(TOPICS),
                "line_id": rng.choice(world.lines),
                "meeting_id": meeting[0] if meeting else None,
                "coalition_id": world.coalition,
                "pledged_on": on,
            },
            span,
        )
        world.pledges.append((ident, currency, on))
        if number < scale.transactions:
            _ledger(writer, number, ident, TransactionType.PLEDGED, amount, currency, on, span)
    later = [TransactionType.COMMITTED, TransactionType.DISBURSED, TransactionType.DISBURSED]
    for number in range(max(0, scale.transactions - scale.pledges)):
        ident, currency, on = rng.choice(world.pledges)
        kind = TransactionType.CANCELLED if number % 40 == 0 else rng.choice(later)
        amount = Decimal(rng.randrange(1, 100) * 50_000)
        day = on + timedelta(days=rng.randrange(30, 700))
        _ledger(writer, scale.pledges + number, ident, kind, amount, currency, day, None)
    for number, (ident, on) in enumerate(world.meetings[:: max(1, len(world.meetings) // 30)]):
        writer.record(
            Target,
            f"bench-target-{number}",
            {
                "amount": Decimal(rng.randrange(5, 50) * 100_000_000),
                "currency": "USD",
                "purpose": rng.choice(TOPICS),
                "coalition_id": world.coalition,
                "meeting_id": ident,
                "set_on": on,
            },
        )
    writer.flush()


def _ledger(
    writer: Writer,
    number: int,
    pledge: int,
    kind: TransactionType,
    amount: Decimal,
    currency: str,
    day: date,
    span: tuple[Text, int, int] | None,
) -> None:
    writer.record(
        FundingTransaction,
        f"bench-entry-{number:05}",
        {
            "pledge_id": pledge,
            "type": kind,
            "amount": amount,
            "currency": currency,
            "transaction_date": day,
        },
        span,
    )


def write_statements(writer: Writer, world: World, count: int) -> None:
    """Statements quoting the sentence their evidence points at; seven in ten by a named person,
    the rest by an anonymous official of a partner."""
    rng = writer.rng
    assert world.meetings is not None
    for number in range(count):
        span = writer.span()
        named = number % 10 < 7
        meeting = rng.choice(world.meetings) if number % 4 == 0 else None
        writer.record(
            Statement,
            f"bench-statement-{number:06}",
            {
                "quote": span[0].text[span[1] : span[2]],
                "summary": f"On {rng.choice(TOPICS)}." if number % 2 else None,
                "speaker_id": rng.choice(world.people) if named else None,
                "speaker_title": rng.choice(TITLES) if named else None,
                "anonymous": None if named else f"a {rng.choice(TITLES).lower()}",
                "affiliation_id": rng.choice(world.partners),
                "said_on": meeting[1] if meeting else _day(rng),
                "meeting_id": meeting[0] if meeting else None,
            },
            span,
        )
    writer.flush()


def write_figures(writer: Writer, count: int) -> None:
    """Figures over 64 subjects (subject in place); about one in thirty repeats a subject and date
    with another value, so conflicts exist."""
    rng = writer.rng
    subjects = [f"{s} in {p}" for s in SUBJECTS for p in PLACES]
    previous: tuple[str, date] | None = None
    for number in range(count):
        subject, as_of = (
            previous if previous and number % 30 == 0 else (rng.choice(subjects), _day(rng))
        )
        previous = (subject, as_of)
        writer.record(
            Figure,
            f"bench-figure-{number:06}",
            {
                "subject": subject,
                "value": Decimal(rng.randrange(1, 100_000)),
                "unit": subject.split(" in ")[0],
                "qualifier": rng.choice([None, None, Qualifier.MORE_THAN, Qualifier.ABOUT]),
                "as_of": as_of,
            },
        )
    writer.flush()


def write_candidates(writer: Writer, count: int) -> None:
    """Pending figure candidates in the review queue, shaped as intake writes them."""
    rng = writer.rng
    for number in range(count):
        source, start, end = writer.span()
        quoted = source.text[start:end]
        writer.add(
            Candidate,
            {
                "id": writer.take_id(Candidate),
                "key": f"{source.key}/{number}",
                "candidate_type": "figure",
                "fields": {
                    "category": "count",
                    "value": str(rng.randrange(10, 5000)),
                    "unit": "people",
                    "qualifier": None,
                    "subject": rng.choice(SUBJECTS),
                },
                "spans": [{"source": source.key, "start": start, "end": end, "text": quoted}],
                "confidence": 0.6,
                "status": CandidateStatus.PENDING,
                "source_id": source.id,
                "created_at": STAMP,
            },
        )
    writer.flush()


def generate(session: Session, scale: Scale, seed: int = SEED) -> dict[str, int]:
    """Fill a database that holds only the reference data; returns the rows written per table."""
    rng = random.Random(seed)
    writer = Writer(session, rng)
    world = pick_world(session, rng, scale.partners)
    steps: list[tuple[str, Callable[[], None]]] = [
        ("sources", lambda: write_sources(writer, world, scale.sources)),
        ("coalition", lambda: write_coalition(writer, world)),
        ("meetings", lambda: write_meetings(writer, world, scale)),
        ("money", lambda: write_money(writer, world, scale)),
        ("statements", lambda: write_statements(writer, world, scale.statements)),
        ("figures", lambda: write_figures(writer, scale.figures)),
        ("candidates", lambda: write_candidates(writer, scale.candidates)),
    ]
    for name, step in steps:
        started = time.perf_counter()
        step()
        print(f"    {name:<12} {time.perf_counter() - started:6.1f} s", flush=True)
    return dict(sorted(writer.counts.items()))


def build(url: str, scale: Scale) -> dict[str, int]:
    """A new database at `url` (which must be empty) filled with the generated record."""
    engine = open_database(url, create=True)
    try:
        with session_scope(engine) as session:
            counts = generate(session, scale)
        # What `coalition reindex` does after a large load: searches are then measured on a
        # built index, not on the first request's rebuild of 400,000 entries.
        started = time.perf_counter()
        with session_scope(engine) as session:
            indexed = reindex(session)
            gather_statistics(session.connection())
        print(f"    {'reindex':<12} {time.perf_counter() - started:6.1f} s ({indexed:,} entries)")
        _after_bulk_load(engine)
    finally:
        engine.dispose()
    return counts


def _after_bulk_load(engine: Engine) -> None:
    """Ids were given explicitly, so PostgreSQL's sequences must be moved past them; statistics
    are gathered as autovacuum soon would. SQLite's file is checkpointed so it can be copied."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            for table in ("records", "evidence", "sources", "candidates"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                    )
                )
        else:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    if engine.dialect.name == "postgresql":
        # VACUUM too, as autovacuum soon would after so many inserts: until the visibility map
        # is set, counts cannot be answered from an index alone.
        # Then a checkpoint, so that the pages all of this dirtied are written out now and not
        # while latencies are measured.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
            try:
                connection.exec_driver_sql("CHECKPOINT")
            except DBAPIError as refused:  # only superusers and pg_checkpoint may
                print(f"    no checkpoint: {refused.orig}")


def cached_sqlite(folder: Path, factor: float) -> Path:
    """The generated SQLite file for this scale, built once per generator version and schema."""
    path = folder / f"web-v{GENERATOR_VERSION}-{migrations.head()}-x{factor:g}.sqlite3"
    if path.exists():
        print(f"  using the cached database {path}")
        return path
    folder.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    for leftover in folder.glob(building.name + "*"):
        leftover.unlink()
    print(f"  generating {path} (scale {factor:g})")
    build(sqlite_url(building), Scale.of(factor))
    building.rename(path)
    return path


def table_counts(session: Session, tables: Iterable[str]) -> dict[str, int]:
    return {
        name: session.scalar(select(func.count()).select_from(Base.metadata.tables[name])) or 0
        for name in tables
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="a new SQLite file to write")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    started = time.perf_counter()
    counts = build(sqlite_url(args.db), Scale.of(args.scale))
    print(f"{sum(counts.values())} rows in {time.perf_counter() - started:.1f} s: {counts}")


if __name__ == "__main__":
    main()
