"""Intake speed and memory on a generated corpus built from our own demo corpus.

    python -m benchmarks.intake [--documents 10000]

For plain text and for HTML: documents per second of the whole pipeline (read, clean, date,
extract, write to SQLite) with one worker and with two, the peak memory of each run, and for HTML
the ratio to trafilatura's extraction alone on the same pages. Memory is measured at a quarter,
half and all of the corpus: flat means streaming, not loading everything.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def measure(folder: Path, jobs: int, limit: int) -> dict[str, float]:
    """One ingest run in this process (called in a fresh subprocess by `main`), into a new
    database each time (a reused one would make every document a duplicate)."""
    from coalition.intake.ingest import documents, ingest_into
    from coalition.intake.reading import JsonFields
    from coalition.storage.database import sqlite_url

    paths = sorted(str(p) for p in folder.iterdir())[:limit]
    database = folder.parent / f"bench-{folder.name}-{jobs}-{limit}-{time.time_ns()}.db"
    start = time.perf_counter()
    summary = ingest_into(sqlite_url(database), documents(paths, JsonFields(), None), jobs=jobs)
    seconds = time.perf_counter() - start
    return {
        "documents": len(summary.ingested),
        "seconds": seconds,
        "per_second": len(summary.ingested) / seconds,
        "peak_mb": peak_mb(),
        "failed": len(summary.failed),
    }


def trafilatura_alone(folder: Path, limit: int) -> float:
    import trafilatura

    pages = sorted(folder.iterdir())[:limit]
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(
            page.read_text(encoding="utf-8"), include_comments=False, favor_precision=True
        )
    return len(pages) / (time.perf_counter() - start)


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
            rates = {}
            for jobs in (1, 2):
                result = child(folder, jobs, args.documents)
                rates[jobs] = result["per_second"]
                print(
                    f"  -j {jobs}: {result['per_second']:.0f} documents/s "
                    f"({result['documents']:.0f} in {result['seconds']:.1f} s), "
                    f"peak {result['peak_mb']:.0f} MB"
                )
            if kind == "html":
                alone = trafilatura_alone(folder, args.documents)
                print(
                    f"  trafilatura alone: {alone:.0f} pages/s; whole pipeline (-j 1) at "
                    f"{rates[1] / alone:.2f} of it (target >= 0.5)"
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
