"""Latency of every page and API list, and throughput under load, on a generated database.

    python -m benchmarks.web [--backend sqlite|postgresql|both] [--quick] [--load-seconds 60]
                             [--requests 50] [--workers 2]

The database comes from `benchmarks.webdata` (100 partners, 2,000 meetings, 50,000 pledges and
ledger entries, 200,000 statements and figures, 20,000 sources; `--quick` a tenth of that). The
SQLite file is cached between runs; PostgreSQL gets a database `coalition_bench`, dropped at the
end. The real app runs under uvicorn in a subprocess on a free loopback port. Routes are found in
the app at run time (every GET page and /api/v1 route, exports left out), so pages added later
are measured without editing this file; routes with a path parameter are measured with a real key
taken from the database (a partner, a meeting, a pledge, a source).

Latency: sequential requests after a warm-up, p50 and p95 per route, flagged over the 100 ms p95
target. Load: 50 concurrent clients (asyncio, one connection each) for `--load-seconds` over the
routes that answered 2xx; requests per second, errors (non-2xx or exception), p50/p95/p99.

Two uvicorn workers by default: the machine has two cores and a worker is one Python process,
so one worker leaves a core idle for the app's own (GIL-bound) rendering; see the report printed
by `--workers 1` for the comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import asyncio.base_events
import math
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from benchmarks import machine, webdata
from coalition.coalitions.services import get_coalition, membership_on
from coalition.figures.models import Figure
from coalition.money.services import list_pledges, totals
from coalition.provenance.models import Evidence, Record, Source
from coalition.storage.base import Base
from coalition.storage.database import open_database, session_scope, sqlite_url
from coalition.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(tempfile.gettempdir()) / "coalition-bench"
PG_SERVER = os.environ.get(
    "COALITION_BENCH_PG_SERVER", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
PG_NAME = "coalition_bench"
TARGET_MS = 100.0
CLIENTS = 50
SEARCH_WORDS = "demining"
PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")


def app_from_env() -> FastAPI:
    """What each uvicorn worker builds (`--factory`): the app over $COALITION_BENCH_URL."""
    _no_delay_on_accepted_connections()
    return create_app(os.environ["COALITION_BENCH_URL"], serving=True)


def _no_delay_on_accepted_connections() -> None:
    """Sets TCP_NODELAY on every connection this worker accepts, as a single-process server
    (`coalition serve`) has it.

    uvicorn's workers share a listening socket created with protocol 0, and asyncio sets
    TCP_NODELAY only on sockets whose protocol reads IPPROTO_TCP, so the connections they accept
    go without it: a response written as two small packets (headers, then body) then waits for
    the client's delayed acknowledgement, about 40 ms, on every keep-alive request. That is the
    benchmark's set-up, not the app, and it hid every route's own time under a 40 ms floor.
    """

    def set_no_delay(sock: socket.socket) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    asyncio.base_events._set_nodelay = set_no_delay  # type: ignore[attr-defined]


# --- the database ------------------------------------------------------------------------------


def sqlite_database(factor: float) -> str:
    return sqlite_url(webdata.cached_sqlite(CACHE, factor))


@contextmanager
def postgresql_database(factor: float) -> Iterator[str]:
    """A fresh `coalition_bench` database filled by the generator, dropped afterwards."""
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    url = make_url(PG_SERVER).set(database=PG_NAME).render_as_string(hide_password=False)
    try:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)"))
            connection.execute(text(f"CREATE DATABASE {PG_NAME}"))
        print(f"  generating PostgreSQL database {PG_NAME} (scale {factor:g})")
        webdata.build(url, webdata.Scale.of(factor))
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)"))
        admin.dispose()


def _postgresql_reachable() -> bool:
    engine = create_engine(PG_SERVER)
    try:
        with engine.connect():
            return True
    except OperationalError:
        return False
    finally:
        engine.dispose()


def check(url: str) -> dict[str, str]:
    """Counts per table, the provenance invariants, and two everyday queries; returns sample
    values (keys of real rows) for the routes that take a path parameter."""
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            counts = webdata.table_counts(session, TABLES)
            print("  rows: " + ", ".join(f"{name} {count:,}" for name, count in counts.items()))
            unsourced = session.scalar(
                select(func.count())
                .select_from(Record)
                .where(~select(Evidence.id).where(Evidence.record_id == Record.id).exists())
            )
            print(f"  records without evidence: {unsourced}")
            sample = session.execute(
                select(Evidence.text, Source.text, Evidence.span_start, Evidence.span_end)
                .join(Source, Evidence.source_id == Source.id)
                .order_by(Evidence.id.desc())
                .limit(500)
            ).all()
            wrong = sum(1 for quoted, body, a, b in sample if (body or "")[a:b] != quoted)
            print(f"  evidence spans checked against their source: {len(sample)}, wrong {wrong}")
            _everyday_queries(session)
            return sample_keys(session)
    finally:
        engine.dispose()


TABLES = [
    "actors",
    "memberships",
    "meetings",
    "meeting_participants",
    "pledges",
    "funding_transactions",
    "statements",
    "figures",
    "sources",
    "evidence",
    "candidates",
]


def _everyday_queries(session: Any) -> None:
    started = time.perf_counter()
    members = membership_on(session, get_coalition(session, None), webdata.FIRST_DAY.replace(2019))
    sizes = ", ".join(str(s.count) for s in members.latest_sizes)
    print(
        f"  members on 2019-09-01: {members.named_count} known by name, reported {sizes} "
        f"({(time.perf_counter() - started) * 1000:.0f} ms)"
    )
    started = time.perf_counter()
    by_donor = totals(list_pledges(session), "donor")
    print(
        f"  pledge totals by donor: {len(by_donor)} donors "
        f"({time.perf_counter() - started:.1f} s, all pledges loaded through the ORM)"
    )


def sample_keys(session: Any) -> dict[str, str]:
    """Real keys for detail routes: the busiest meeting, pledge, source and record (a page's
    worst case at this scale is still a typical page), the first partner, the commonest
    subject."""

    def busiest(table: str, column: str) -> str:
        # Plain tables, not the mapped classes: joining two kinds of record would join `records`
        # to itself.
        refs = Base.metadata.tables[table].c[column]
        ident = session.scalar(
            select(refs).where(refs.is_not(None)).group_by(refs).order_by(func.count().desc(), refs)
        )
        parent = Source if column == "source_id" else Record
        return str(session.scalar(select(parent.key).where(parent.id == ident)))

    return {
        "partners": busiest("memberships", "actor_id"),
        "meetings": busiest("pledges", "meeting_id"),
        "pledges": busiest("funding_transactions", "pledge_id"),
        "sources": busiest("evidence", "source_id"),
        "records": busiest("evidence", "record_id"),
        "subject": str(
            session.scalar(
                select(Figure.subject).group_by(Figure.subject).order_by(func.count().desc())
            )
        ),
        "q": SEARCH_WORDS,
    }


# --- the routes --------------------------------------------------------------------------------


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    # Included routers may be wrapped (newer FastAPI includes them lazily); look inside.
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _api_routes(inner.routes)
        elif isinstance(route, APIRoute):
            yield route


def discover(url: str, samples: dict[str, str]) -> tuple[list[str], list[str]]:
    """Every GET page and API route as a URL to request, and the routes left out with why."""
    app = create_app(url)
    try:
        spec = app.openapi()
        urls, skipped = [], []
        for route in _api_routes(app.routes):
            if "GET" not in (route.methods or ()) or "exports" in route.tags:
                continue
            params = spec["paths"].get(route.path, {}).get("get", {}).get("parameters", [])
            made = _concrete(route.path, params, samples)
            if isinstance(made, str):
                skipped.append(f"{route.path} ({made})")
                continue
            urls.extend(made)
        return urls, skipped
    finally:
        app.state.engine.dispose()


def _concrete(path: str, params: list[dict[str, Any]], samples: dict[str, str]) -> list[str] | str:
    """The URLs that exercise a route, or the reason it cannot be requested."""
    segments = [s for s in path.strip("/").split("/") if s not in ("api", "v1")]
    collection = segments[0] if segments else ""
    query = {}
    for param in params:
        if param["in"] == "query" and param.get("required"):
            if param["name"] not in samples:
                return f"needs ?{param['name']}="
            query[param["name"]] = samples[param["name"]]
    names = PARAMETER.findall(path)
    if names:
        if len(names) > 1 or collection not in samples:
            return "no sample key for its path parameter"
        path = PARAMETER.sub(samples[collection], path)
    made = str(httpx.URL(path, params=query))
    searchable = any(p["in"] == "query" and p["name"] == "q" for p in params)
    if searchable and "q" not in query:
        return [made, str(httpx.URL(path, params={"q": samples["q"]}))]
    return [made]


def count_queries(url: str, urls: list[str]) -> dict[str, int]:
    """SQL statements per request, in process: a count that grows with the data is an N+1."""
    # Imported here: uvicorn's workers import this module too and have no use for it. Starlette
    # warns that its test client will move off httpx; that is not ours to act on.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    app = create_app(url)
    counter = Counter[str]()
    current = [""]

    def note(*_args: Any) -> None:
        counter[current[0]] += 1

    event.listen(app.state.engine, "before_cursor_execute", note)
    try:
        with TestClient(app) as client:
            for path in urls:
                current[0] = path
                client.get(path, follow_redirects=False)
    finally:
        app.state.engine.dispose()
    return dict(counter)


# --- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(url: str, workers: int, log: Path) -> Iterator[str]:
    """uvicorn serving the app over `url` on a free loopback port, stopped on exit."""
    port = free_port()
    # Connections are kept open longer than uvicorn's 5 s default: under load a client may leave
    # one idle that long, and a request sent as the server closes it fails with a read error that
    # says nothing about the app (a proxy in front would hold connections open the same way).
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "benchmarks.web:app_from_env",
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--no-access-log", "--log-level", "warning", "--timeout-keep-alive", "75",
    ]  # fmt: skip
    env = {**os.environ, "COALITION_BENCH_URL": url}
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"uvicorn exited ({process.returncode}):\n{log.read_text()}")
        try:
            httpx.get(f"{base}/api/openapi.json", timeout=5)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("uvicorn did not answer within 120 s")


# --- measuring ---------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else math.nan


@dataclass
class Latency:
    url: str
    first_ms: float
    millis: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    size: int = 0
    queries: int = 0

    @property
    def ok(self) -> bool:
        return all(200 <= status < 300 for status in self.statuses)


def measure(
    base: str, urls: list[str], queries: dict[str, int], repeat: int, warmup: int = 3
) -> list[Latency]:
    results = []
    with httpx.Client(base_url=base, timeout=600) as client:
        for url in urls:
            started = time.perf_counter()
            response = client.get(url)
            result = Latency(
                url, (time.perf_counter() - started) * 1000, queries=queries.get(url, 0)
            )
            result.statuses[response.status_code] += 1
            for _ in range(warmup - 1):
                client.get(url)
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(url)
                result.millis.append((time.perf_counter() - started) * 1000)
                result.statuses[response.status_code] += 1
                result.size = len(response.content)
            results.append(result)
            print(f"    {_latency_row(result)}", flush=True)
    return results


def _latency_row(result: Latency) -> str:
    p95 = percentile(result.millis, 0.95)
    status = ",".join(str(s) for s in sorted(result.statuses))
    flag = "  OVER" if p95 > TARGET_MS else ""
    flag += "" if result.ok else "  NOT 2xx"
    return (
        f"{result.url[:64]:<64} {status:>6} {percentile(result.millis, 0.5):7.1f} {p95:7.1f}"
        f" {result.first_ms:7.0f} {result.size / 1024:6.1f} {result.queries:5}{flag}"
    )


LATENCY_HEADER = (
    f"{'route':<64} {'status':>6} {'p50 ms':>7} {'p95 ms':>7} {'1st ms':>7} {'KiB':>6} {'SQL':>5}"
)


@dataclass
class Load:
    seconds: float
    millis: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)


async def load(base: str, urls: list[str], seconds: float, clients: int = CLIENTS) -> Load:
    """`clients` clients, each sending its next request as soon as the last one is answered."""
    result = Load(seconds)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        deadline = time.perf_counter() + seconds

        async def one_client(number: int) -> None:
            order = random.Random(number)
            while time.perf_counter() < deadline:
                url = order.choice(urls)
                started = time.perf_counter()
                try:
                    response = await client.get(url)
                    if not 200 <= response.status_code < 300:
                        result.errors[f"{response.status_code} {url}"] += 1
                except httpx.HTTPError as error:
                    result.errors[f"{type(error).__name__} {url}"] += 1
                result.millis.append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        await asyncio.gather(*(one_client(n) for n in range(clients)))
        result.seconds = time.perf_counter() - started
    return result


def print_load(result: Load, workers: int, route_count: int) -> None:
    count, errors = len(result.millis), sum(result.errors.values())
    p50, p95, p99 = (percentile(result.millis, share) for share in (0.5, 0.95, 0.99))
    print(
        f"  load: {CLIENTS} clients, {result.seconds:.0f} s, {route_count} routes, "
        f"{workers} worker(s): {count:,} requests, {count / result.seconds:.1f} req/s, "
        f"errors {errors}, p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms"
    )
    for what, times in result.errors.most_common(10):
        print(f"    error x{times}: {what}")


def _machine() -> str:
    # Other work on the machine skews every figure; the load average says how much there was.
    one, five, _ = os.getloadavg()
    return f"(load average before: {one:.1f} over 1 min, {five:.1f} over 5; {os.cpu_count()} cores)"


# --- the run -----------------------------------------------------------------------------------


def bench(name: str, url: str, args: argparse.Namespace) -> None:
    print(f"\n== {name}")
    samples = check(url)
    urls, skipped = discover(url, samples)
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "uvicorn.log"
        with server(url, args.workers, log) as base:
            waited = machine.settle()
            print(f"  latency: {args.requests} sequential requests per route after a warm-up")
            print(f"    (waited {waited:.0f} s for the load average to fall under 1)")
            print(f"    {_machine()}")
            print(f"    {LATENCY_HEADER}")
            before = machine.cpu_times()
            results = measure(base, urls, count_queries(url, urls), args.requests)
            print(f"    during the latency run: {machine.describe(before, machine.cpu_times())}")
            for route in skipped:
                print(f"    not measured: {route}")
            over = [r.url for r in results if percentile(r.millis, 0.95) > TARGET_MS]
            print(f"  over the {TARGET_MS:.0f} ms p95 target: {', '.join(over) or 'none'}")
            healthy = [r.url for r in results if r.ok]
            if args.load_seconds > 0 and healthy:
                print(f"  {_machine()}")
                before = machine.cpu_times()
                outcome = asyncio.run(load(base, healthy, args.load_seconds))
                print_load(outcome, args.workers, len(healthy))
                print(f"  during the load: {machine.describe(before, machine.cpu_times())}")
        problems = [line for line in log.read_text().splitlines() if line.strip()]
        if problems:
            print(f"  server log ({len(problems)} lines), last lines:")
            for line in problems[-15:]:
                print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--quick", action="store_true", help="a tenth of the data, 10 s of load")
    parser.add_argument("--load-seconds", type=float, default=None)
    parser.add_argument("--requests", type=int, default=None, help="per route (default 50)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    args = parser.parse_args()
    factor = 0.1 if args.quick else 1.0
    args.requests = args.requests or (20 if args.quick else 50)
    if args.load_seconds is None:
        args.load_seconds = 10.0 if args.quick else 60.0
    if args.backend in ("sqlite", "both"):
        bench(f"SQLite (scale {factor:g})", sqlite_database(factor), args)
    if args.backend in ("postgresql", "both"):
        if not _postgresql_reachable():
            print(f"\n== PostgreSQL: no server at {make_url(PG_SERVER)!r}; skipped")
            print("   (set COALITION_BENCH_PG_SERVER to a server URL we may create databases on)")
            return
        with postgresql_database(factor) as url:
            bench(f"PostgreSQL (scale {factor:g})", url, args)


if __name__ == "__main__":
    main()
