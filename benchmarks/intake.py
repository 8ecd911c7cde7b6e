"""Intake speed and memory on a generated corpus built from our own demo corpus.

    python -m benchmarks.intake [--documents 10000]

For plain text and for HTML: documents per second of the whole pipeline (read, clean, date,
extract, write to SQLite) with one worker and with two, the peak memory of each run, and for HTML
the ratio to trafilatura's extraction alone on the same pages. HTML is measured twice: the demo
corpus's bare pages, and the same pages in a news site's furniture (`furnish`), with one worker.
Memory is measured at a quarter, half and all of the corpus: flat means streaming, not loading
everything.

Wall-clock rates depend on what else the machine runs, so each run also reports the CPU time it
used per document (all its processes), the load average and the share of the CPU the host took
from this virtual machine (`benchmarks.machine`); on a shared machine the ratio of CPU times is
the steadier comparison.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import machine

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def generate(folder: Path, kind: str, count: int) -> Path:
    """`count` documents made from the demo corpus, each a little different (numbers, places).

    Kind "page" is the HTML of the corpus inside the furniture of a news site (`furnish`)."""
    suffix = _SUFFIX.get(kind, kind)
    templates = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob(f"*.{suffix}"))]
    target = folder / kind
    target.mkdir(parents=True, exist_ok=True)
    places = ["Rome", "Oslo", "Madrid", "Ottawa", "Canberra", "Tokyo", "Amman", "Doha"]
    for number in range(count):
        text = templates[number % len(templates)]
        text = text.replace("2,000", f"{2000 + number:,}").replace("Brussels", places[number % 8])
        if kind == "page":
            text = furnish(text, random.Random(number))
        (target / f"doc{number:05}.{suffix}").write_text(
            text + f"\n<!-- {number} -->\n" if suffix == "html" else text + f"\n{number}\n",
            encoding="utf-8",
        )
    return target


_SUFFIX = {"page": "html"}
# Words for the generated furniture: section names, and headline fragments for its links.
_SECTIONS = [
    "World", "Politics", "Business", "Markets", "Energy", "Technology", "Science", "Health",
    "Climate", "Culture", "Books", "Travel", "Sport", "Opinion", "Analysis", "Video", "Podcasts",
    "Photos", "Weather", "Obituaries", "Letters", "Events", "Jobs", "Archive",
]  # fmt: skip
_HEADLINE = [
    "ministers", "talks", "budget", "vote", "border", "aid", "election", "court", "ruling",
    "strike", "port", "harvest", "drought", "summit", "protest", "reform", "tariff", "rates",
    "fuel", "prices", "rail", "line", "bridge", "hospital", "school", "mayor", "council", "deal",
    "ceasefire", "refugees", "trade", "factory", "exports", "grain", "floods", "festival",
    "museum", "league", "final", "record", "season", "coach", "transfer",
]  # fmt: skip


def furnish(page: str, chance: random.Random) -> str:
    """The page in the furniture a news site wraps around every story: a stylesheet and scripts in
    the head, a menu of every section, lists of other stories beside and after the article, a
    newsletter form, and a footer of links.

    The demo pages are 4-5 KB of HTML (2 KB compressed), where the median web page's HTML was
    18 KB compressed in 2024 (HTTP Archive's Web Almanac). trafilatura's cost grows with the page
    while the rest of intake's, which works on the text trafilatura extracts, does not, so bare
    pages alone would overstate intake's share. These come to about 80 KB, 16 KB compressed; the
    article in them, and so the text extracted, is the demo page's own.
    """

    def story_links(count: int, css: str) -> str:
        items: list[str] = []
        for _ in range(count):
            words = " ".join(chance.choice(_HEADLINE) for _ in range(chance.randint(4, 9)))
            slug = words.replace(" ", "-")
            section = chance.choice(_SECTIONS)
            items.append(
                f'<li class="{css}"><a href="/{section.lower()}/{slug}-{chance.randint(1, 99999)}" '
                f'data-track="{css}-{len(items)}"><span class="kicker">{section}</span> '
                f"{words.capitalize()}</a></li>"
            )
        return "\n".join(items)

    rules = "\n".join(
        f".c{n}{{margin:{n % 7}px {n % 5}px;padding:{n % 3}px;color:#{chance.randrange(4096):03x}}}"
        for n in range(chance.randint(150, 300))
    )
    events = ",".join(
        f'{{"event":"view","slot":"ad-{n}","section":"{chance.choice(_SECTIONS)}"}}'
        for n in range(chance.randint(40, 80))
    )
    head = (
        f"<style>{rules}</style>\n<script>window.layer=window.layer||[];"
        f"window.layer.push({events});</script>\n"
    )
    menu = "\n".join(
        f'<li class="section"><a href="/{name.lower()}">{name}</a><ul>'
        f"{story_links(chance.randint(5, 11), 'menu-item')}</ul></li>"
        for name in _SECTIONS
    )
    beside = (
        f'<aside class="rail"><h3>Latest</h3><ol>{story_links(chance.randint(15, 30), "latest")}'
        "</ol></aside>"
    )
    after = (
        f'<section class="more"><h3>More from the site</h3><ul>'
        f"{story_links(chance.randint(20, 40), 'more')}</ul>"
        '<form class="newsletter" action="/subscribe"><label for="email">Our morning briefing, '
        'free in your inbox</label><input id="email" type="email"><button>Sign up</button></form>'
        "</section>"
    )
    footer = "\n".join(
        f'<ul class="footer-column">{story_links(chance.randint(10, 20), "footer-link")}</ul>'
        for _ in range(4)
    )
    return (
        page.replace("</head>", head + "</head>", 1)
        .replace("<body>", f'<body>\n<nav class="mega-menu"><ul>{menu}</ul></nav>', 1)
        .replace("</article>", "</article>" + beside + after, 1)
        .replace("</body>", f'<div class="site-footer">{footer}</div></body>', 1)
    )


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
        for kind in ("txt", "html", "page"):
            folder = generate(Path(work), kind, args.documents)
            print(f"{kind}: {args.documents} generated documents ({_described(kind, folder)})")
            runs, alone = {}, []
            html = kind != "txt"
            # Pages differ from the bare HTML only in their furniture, which trafilatura drops:
            # a second worker and the memory runs would measure the same text again.
            again = kind != "page"
            for jobs in (1, 2) if again else (1,):
                if html and jobs == 1:
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
                if html and jobs == 1:
                    alone.append(_alone_run(folder, args.documents))
            if html:
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
            if again:
                peaks = [
                    child(folder, 1, n)["peak_mb"]
                    for n in (args.documents // 4, args.documents // 2, args.documents)
                ]
                print(
                    "  peak memory at 1/4, 1/2, all of the corpus: "
                    + ", ".join(f"{p:.0f} MB" for p in peaks)
                )


def _sizes(folder: Path) -> str:
    """The mean size of the pages, as they are and compressed as a server would send them."""
    pages = [path.read_bytes() for path in sorted(folder.iterdir())[:200]]
    raw = sum(map(len, pages)) / len(pages) / 1024
    packed = sum(len(gzip.compress(page)) for page in pages) / len(pages) / 1024
    return f"{raw:.0f} KB, {packed:.0f} KB compressed on average"


def _described(kind: str, folder: Path) -> str:
    if kind == "txt":
        return "plain text"
    if kind == "html":
        return f"bare HTML pages of the demo corpus: {_sizes(folder)}"
    return f"the same pages in a news site's furniture: {_sizes(folder)}"


if __name__ == "__main__":
    main()
