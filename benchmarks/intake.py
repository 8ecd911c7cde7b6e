"""Intake speed and memory on a generated corpus built from our own demo corpus.

    python -m benchmarks.intake [--documents 10000]

For plain text and for HTML: documents per second of the whole pipeline (read, clean, date,
extract, write to SQLite) with one worker and with two, the peak memory of each run, and for HTML
the ratio to trafilatura's extraction alone on the same pages. Memory is measured at a quarter,
half and all of the corpus: flat means streaming, not loading everything.

Wall-clock rates depend on what else the machine runs, so each run also reports the CPU time it
used per document (all its processes), the load average and the share of the CPU the host took
from this virtual machine (`benchmarks.machine`); on a shared machine the ratio of CPU times is
the steadier comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import machine

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def generate(folder: Path, kind: str, count: int) -> Path:
    """`count` documents made from the demo corpus, each a little different (numbers, places)."""
    templates = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob(f"*.{kind}"))]
    target = folder / kind
    target.mkdir(parents=True, exist_ok=True)
    places = ["Rome", "Oslo", "Madrid", "Ottawa", "Canberra", "Tokyo", "Amman", "Doha"]
    for number in range(count):
        text = templates[number % len(templates)]
        text = text.replace("2,000", f"{2000 + number:,}").replace("Brussels", places[number % 8])
        (target / f"doc{number:05}.{kind}").write_text(
            text + f"\n<!-- {number} -->\n" if kind == "html" else text + f"\n{number}\n",
            encoding="utf-8",
        )
    return target


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def cpu_seconds() -> float:
    """CPU time used so far by this process and by its children that have ended (the workers,
    once the pool is shut down)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(folder: Path, jobs: int, limit: int) -> dict[str, float]:
    """One ingest run in this process (called in a fresh subprocess by `main`), into a new
    database each time (a reused one would make every document a duplicate)."""
    from coalition.intake.ingest import documents, ingest_into
    from coalition.intake.reading import JsonFields
    from coalition.storage.database import sqlite_url

    paths = sorted(str(p) for p in folder.iterdir())[:limit]
    database = folder.parent / f"bench-{folder.name}-{jobs}-{limit}-{time.time_ns()}.db"
    start, cpu = time.perf_counter(), cpu_seconds()
    summary = ingest_into(sqlite_url(database), documents(paths, JsonFields(), None), jobs=jobs)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {
        "documents": len(summary.ingested),
        "seconds": seconds,
        "per_second": len(summary.ingested) / seconds,
        "cpu_ms": 1000 * cpu / max(1, len(summary.ingested)),
        "peak_mb": peak_mb(),
        "failed": len(summary.failed),
    }


def trafilatura_alone(folder: Path, limit: int) -> tuple[float, float]:
    """Pages per second and CPU milliseconds per page of trafilatura's extraction alone, one
    process, with the settings intake uses (comments off, precision favoured)."""
    import trafilatura

    pages = sorted(folder.iterdir())[:limit]
    start, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        trafilatura.extract(
            page.read_text(encoding="utf-8"), include_comments=False, favor_precision=True
        )
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return len(pages) / seconds, 1000 * cpu / len(pages)


def _alone_run(folder: Path, limit: int) -> tuple[float, float]:
    before, times = load(), machine.cpu_times()
    per_second, cpu_ms = trafilatura_alone(folder, limit)
    print(
        f"  trafilatura alone: {per_second:.0f} pages/s, {cpu_ms:.2f} ms CPU a page "
        f"({before} before; {machine.describe(times, machine.cpu_times())})"
    )
    return per_second, cpu_ms


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def child(folder: Path, jobs: int, limit: int) -> dict[str, float]:
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.intake",
            "--measure",
            str(folder),
            "--jobs",
            str(jobs),
            "--limit",
            str(limit),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--measure", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.jobs, args.limit)))
        return
    with tempfile.TemporaryDirectory() as work:
        for kind in ("txt", "html"):
            folder = generate(Path(work), kind, args.documents)
            print(f"{kind}: {args.documents} generated documents")
            runs, alone = {}, []
            for jobs in (1, 2):
                if kind == "html" and jobs == 1:
                    alone.append(_alone_run(folder, args.documents))
                before, times = load(), machine.cpu_times()
                result = runs[jobs] = child(folder, jobs, args.documents)
                print(
                    f"  -j {jobs}: {result['per_second']:.0f} documents/s "
                    f"({result['documents']:.0f} in {result['seconds']:.1f} s), "
                    f"{result['cpu_ms']:.2f} ms CPU a document, "
                    f"peak {result['peak_mb']:.0f} MB ({before} before; "
                    f"{machine.describe(times, machine.cpu_times())})"
                )
                if kind == "html" and jobs == 1:
                    alone.append(_alone_run(folder, args.documents))
            if kind == "html":
                # trafilatura runs just before and just after the pipeline's single worker and
                # the ratio takes the mean: on a shared host the speed of the same work drifts
                # by half within a minute, and a single run at either end would carry the drift.
                per_second = sum(pages for pages, _ in alone) / len(alone)
                cpu_ms = sum(ms for _, ms in alone) / len(alone)
                print(
                    f"  whole pipeline (-j 1) at {runs[1]['per_second'] / per_second:.2f} of "
                    f"trafilatura alone by wall clock, {cpu_ms / runs[1]['cpu_ms']:.2f} by CPU "
                    "time (target >= 0.5; trafilatura's mean before and after)"
                )
            peaks = [
                child(folder, 1, n)["peak_mb"]
                for n in (args.documents // 4, args.documents // 2, args.documents)
            ]
            print(
                "  peak memory at 1/4, 1/2, all of the corpus: "
                + ", ".join(f"{p:.0f} MB" for p in peaks)
            )


if __name__ == "__main__":
    main()
