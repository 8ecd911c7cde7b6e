"""What label enforcement costs: a labelled list and a search over 1,000,000 shared items.

    python -m benchmarks.sharing [--items 1000000] [--backend sqlite|postgresql|both]
                                 [--readers 6] [--repeat 15]

The database holds 90 partners (one officer each), a policy with 20 groups of partners, and
`--items` items shared under labels drawn from a pool of 4,000 (a partner shares under a handful
of habitual markings; each label has a random classification, caveats, partners, groups and TLP).
For readers of different partners and clearances it times, in process and on a warm cache:

- the labelled list: the newest 50 items the reader may see, and how many there are;
- a search: items whose title or body holds a word found in about 2% of them, with its count;

and the same two queries with enforcement left out, and prints p50/p95 of each and the ratio of
the p95s (target: at most 1.3). SQLite files are cached in the temp directory per size;
PostgreSQL gets a database `coalition_sharing_bench`, dropped afterwards unless `--keep`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from coalition.accounts.models import User
from coalition.accounts.permissions import Role
from coalition.partners.models import Actor, ActorKind
from coalition.sharing import queries
from coalition.sharing.decision import Reader
from coalition.sharing.labels import Label
from coalition.sharing.models import (
    ItemKind,
    LabelAccess,
    LabelCaveat,
    SharedItem,
    StoredLabel,
)
from coalition.sharing.policy import SECRETARIAT, TLP_LEVELS, Policy
from coalition.sharing.services import fingerprint, grantees
from coalition.storage.database import open_database, sqlite_url

CACHE = Path(tempfile.gettempdir()) / "coalition-bench"
PG_SERVER = os.environ.get(
    "COALITION_BENCH_PG_SERVER", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
PG_NAME = "coalition_sharing_bench"
PARTNERS, GROUPS, LABELS = 90, 20, 4000
CLASSES = ("UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET")
CAVEATS = ("LEADS-ONLY", "STABILISATION", "FINANCE-INTEL", "FOREIGN-FIGHTERS")
WORDS = [
    "stabilisation",
    "report",
    "meeting",
    "border",
    "returnees",
    "finance",
    "detention",
    "liaison",
    "airspace",
]
NEEDLE = "demining"  # in about 2% of items
TARGET = 1.3
BATCH = 20_000


def make_policy(partners: list[str], rng: random.Random) -> Policy:
    groups = {
        f"group-{n:02d}": frozenset([*rng.sample(partners, rng.randint(3, 15)), SECRETARIAT])
        for n in range(GROUPS)
    }
    return Policy("bench", 1, CLASSES, frozenset(CAVEATS), groups)


def random_label(partners: list[str], policy: Policy, rng: random.Random) -> Label:
    return Label(
        "bench",
        1,
        rng.choices(CLASSES, weights=(40, 30, 20, 10))[0],
        originator=rng.choice(partners),
        caveats=frozenset(rng.sample(CAVEATS, rng.choices((0, 1, 2), (70, 25, 5))[0])),
        releasable_to=frozenset(rng.sample(partners, rng.randint(0, 8))),
        groups=frozenset(rng.sample(sorted(policy.groups), rng.randint(0, 3))),
        tlp=rng.choice([None, None, *TLP_LEVELS]),
    )


def build(url: str, items: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    engine = open_database(url, create=True)
    with sessionmaker(engine)() as session:
        actors = session.scalars(
            select(Actor).where(Actor.actor_kind == ActorKind.COUNTRY).order_by(Actor.id)
        ).all()[:PARTNERS]
        partners = [a.key for a in actors]
        policy = make_policy(partners, rng)
        users = [
            User(
                username=f"officer-{a.key.lower()}",
                display_name=a.name,
                role=Role.PARTNER_OFFICER,
                partner=a,
                clearance="SECRET",
                caveats=[],
                password_hash="not-a-login",
            )
            for a in actors
        ]
        session.add_all(users)
        session.flush()
        author_of = {u.partner.key: u.id for u in users if u.partner}
        pool = {
            fingerprint(lab): lab
            for lab in (random_label(partners, policy, rng) for _ in range(LABELS))
        }
        labels = list(pool.values())
        label_rows = [
            {
                "id": n + 1,
                "fingerprint": fingerprint(lab),
                "policy": "bench",
                "policy_version": 1,
                "classification": lab.classification,
                "classification_rank": policy.rank(lab.classification),
                "originator": lab.originator,
                "tlp": lab.tlp,
                "caveats": sorted(lab.caveats),
                "releasable_to": sorted(lab.releasable_to),
                "groups": sorted(lab.groups),
            }
            for n, lab in enumerate(labels)
        ]
        session.execute(insert(StoredLabel), label_rows)
        session.execute(
            insert(LabelAccess),
            [
                {"label_id": n + 1, "grantee": g}
                for n, lab in enumerate(labels)
                for g in sorted(grantees(lab, policy))
            ],
        )
        caveat_rows = [
            {"label_id": n + 1, "caveat": c} for n, lab in enumerate(labels) for c in lab.caveats
        ]
        if caveat_rows:
            session.execute(insert(LabelCaveat), caveat_rows)
        session.commit()
        # Most-used labels first: a few markings carry most of the traffic.
        weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(labels))]
        start = datetime(2015, 1, 1, tzinfo=UTC)
        started, done = time.perf_counter(), 0
        while done < items:
            batch = []
            for n in range(done, min(items, done + BATCH)):
                index = rng.choices(range(len(labels)), weights)[0]
                lab = labels[index]
                words = rng.sample(WORDS, 4) + ([NEEDLE] if rng.random() < 0.02 else [])
                batch.append(
                    {
                        "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                        "item_kind": ItemKind.ITEM,
                        "title": " ".join(words[:3]).capitalize() + f" {n}",
                        "body": " ".join(words),
                        "author_id": author_of[lab.originator],
                        "originator": lab.originator,
                        "created_at": start + timedelta(minutes=5 * n),
                        "label_id": index + 1,
                        "label_version": 1,
                    }
                )
            session.execute(insert(SharedItem), batch)
            session.commit()
            done += len(batch)
            rate = done / (time.perf_counter() - started)
            print(f"\r  {done:,} of {items:,} items ({rate:,.0f}/s)", end="", flush=True)
        print()
        # Written in bulk, past `apply_label`: set the labels' item counts it would have kept.
        session.execute(
            text(
                "UPDATE labels SET items = (SELECT count(*) FROM shared_items "
                "WHERE shared_items.label_id = labels.id AND item_kind = 'item')"
            )
        )
        session.commit()
    engine.dispose()


def readers(
    url: str, count: int, seed: int = 11
) -> tuple[list[Reader], dict[tuple[str, int], Policy]]:
    """Readers of different partners and clearances, and the policy the database was built with."""
    rng = random.Random(7)
    engine = open_database(url)
    with Session(engine) as session:
        actors = session.scalars(
            select(Actor).where(Actor.actor_kind == ActorKind.COUNTRY).order_by(Actor.id)
        ).all()[:PARTNERS]
    engine.dispose()
    partners = [a.key for a in actors]
    policy = make_policy(partners, rng)  # the same seed as build(): the same groups
    pick = random.Random(seed)
    found = [
        Reader(
            pick.choice(partners),
            CLASSES[n % len(CLASSES)],
            frozenset(pick.sample(CAVEATS, n % 3)),
        )
        for n in range(count - 1)
    ]
    found.append(Reader(SECRETARIAT, "SECRET", frozenset(CAVEATS)))
    return found, {policy.ident: policy}


def timed(run: Callable[[], object], repeat: int) -> list[float]:
    run()  # warm
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def measure(url: str, reader_count: int, repeat: int) -> dict[str, float]:
    people, policies = readers(url, reader_count)
    engine = open_database(url)
    results: dict[str, list[float]] = {}
    shown: list[int] = []
    with Session(engine) as session:
        total = session.scalar(select(SharedItem.id).order_by(SharedItem.id.desc()).limit(1))
        print(
            f"  {total:,} items; readers: "
            + "; ".join(f"{r.partner}/{r.clearance}" for r in people)
        )
        for reader in people:
            for name, q in (("list", None), ("search", NEEDLE)):

                def enforced(reader: Reader = reader, q: str | None = q) -> object:
                    page = queries.list_items(session, reader, policies, q=q, limit=50)
                    shown.append(page.total)
                    return page

                def plain(q: str | None = q) -> object:
                    return queries.list_items(session, None, policies, q=q, limit=50)

                results.setdefault(f"{name} enforced", []).extend(timed(enforced, repeat))
                results.setdefault(f"{name} unenforced", []).extend(timed(plain, repeat))
    engine.dispose()
    print(f"  visible to the readers: {min(shown):,} to {max(shown):,} items")
    summary = {}
    for name, samples in results.items():
        summary[name] = p95(samples)
        middle = statistics.median(samples)
        print(f"  {name:<20} p50 {middle:8.1f} ms   p95 {p95(samples):8.1f} ms")
    for name in ("list", "search"):
        ratio = summary[f"{name} enforced"] / summary[f"{name} unenforced"]
        flag = "ok" if ratio <= TARGET else f"OVER {TARGET}"
        print(f"  {name}: enforced/unenforced p95 = {ratio:.2f} ({flag})")
    return summary


def sqlite_database(items: int) -> str:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"sharing-{items}.sqlite3"
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        print(f"  generating {path}")
        build(sqlite_url(partial), items)
        partial.rename(path)
    return sqlite_url(path)


@contextmanager
def postgresql_database(items: int, keep: bool = False) -> Iterator[str]:
    admin: Engine = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    url = make_url(PG_SERVER).set(database=PG_NAME).render_as_string(hide_password=False)
    if keep and _has_items(url, items):
        print(f"  reusing PostgreSQL database {PG_NAME}")
        yield url
        return
    try:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)"))
            connection.execute(text(f"CREATE DATABASE {PG_NAME}"))
        print(f"  generating PostgreSQL database {PG_NAME}")
        build(url, items)
        with create_engine(url, isolation_level="AUTOCOMMIT").connect() as connection:
            connection.execute(text("VACUUM ANALYZE"))
        yield url
    finally:
        if not keep:
            with admin.connect() as connection:
                connection.execute(text(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)"))
        admin.dispose()


def _has_items(url: str, items: int) -> bool:
    """True if a kept benchmark database already holds `items` items."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            found = connection.execute(text("SELECT count(*) FROM shared_items")).scalar()
            return found == items
    except Exception:  # no such database or table: build it
        return False
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--keep", action="store_true", help="Keep the PostgreSQL database, and reuse a kept one."
    )
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"Sharing: {args.items:,} items, {PARTNERS} partners, {GROUPS} groups; load {load:.1f}")
    if args.backend in ("sqlite", "both"):
        print("SQLite")
        measure(sqlite_database(args.items), args.readers, args.repeat)
    if args.backend in ("postgresql", "both"):
        print("PostgreSQL")
        with postgresql_database(args.items, keep=args.keep) as url:
            measure(url, args.readers, args.repeat)


if __name__ == "__main__":
    main()
