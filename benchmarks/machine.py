"""What else the machine was doing while a benchmark ran, so that its figures can be judged.

The load average counts our own processes and those of this machine. On a virtual machine the
host may also run other guests on the same cores: that time is "stolen" (the eighth figure of the
cpu line in /proc/stat) and every figure measured by the clock grows with it. A run during which
the host took half the CPU reports latencies about twice what the code costs.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

STAT = Path("/proc/stat")


@dataclass(frozen=True)
class CpuTimes:
    stolen: int  # clock ticks, all cores
    total: int


def cpu_times() -> CpuTimes | None:
    """The machine's CPU time so far, or None where /proc/stat is not there to read."""
    try:
        first = STAT.read_text().splitlines()[0].split()
    except (OSError, IndexError):
        return None
    ticks = [int(field) for field in first[1:]]
    # user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user]
    return CpuTimes(stolen=ticks[7] if len(ticks) > 7 else 0, total=sum(ticks[:8]))


def stolen_share(before: CpuTimes | None, after: CpuTimes | None) -> float | None:
    """The share of the machine's CPU time the host took between two readings."""
    if before is None or after is None or after.total <= before.total:
        return None
    return (after.stolen - before.stolen) / (after.total - before.total)


def describe(before: CpuTimes | None, after: CpuTimes | None) -> str:
    """ "host took 48% of the CPU" (or nothing known), with the load average now."""
    share = stolen_share(before, after)
    stolen = "host share unknown" if share is None else f"host took {share:.0%} of the CPU"
    return f"{stolen}, load {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores"


def settle(below: float = 1.0, longest: float = 90.0) -> float:
    """Wait until the one-minute load average is under `below` (at most `longest` seconds): after
    generating a database the machine is still busy for a while (the database writing out what
    it was given), and figures measured then are of that work as much as of ours. Returns the
    seconds waited."""
    started = time.monotonic()
    while os.getloadavg()[0] >= below and time.monotonic() - started < longest:
        time.sleep(2)
    return time.monotonic() - started
