"""Measuring helpers: medians of repeated runs, peak memory, and the results table with PASS/FAIL."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

RESULTS_FILE = Path(__file__).resolve().parent / "RESULTS.md"


@dataclass(frozen=True)
class Result:
    name: str
    measured: str  # as printed: "12.3 ms", "4.1x"
    target: str  # "< 100 ms"
    passed: bool | None  # None: not measurable here (the reason is in `note`)
    note: str = ""

    @property
    def verdict(self) -> str:
        return "PASS" if self.passed else ("FAIL" if self.passed is False else "n/a")


def median_seconds(fn: Callable[[], object], runs: int = 7, warmup: int = 1) -> float:
    """Median wall time of ``fn`` over ``runs`` runs, after ``warmup`` runs (imports, caches)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_median_seconds(fns: Mapping[str, Callable[[], object]], runs: int = 7) -> dict[str, float]:
    """Median wall time of each of ``fns``, running them in turn, round after round (after one warm-up round): a slow
    spell on a shared machine then touches a few runs of each instead of all the runs of one."""
    for fn in fns.values():
        fn()
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def peak_python_memory(fn: Callable[[], object]) -> int:
    """Peak bytes allocated by Python while ``fn`` runs (tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timing(name: str, seconds: float, limit_ms: float, note: str = "") -> Result:
    return Result(name, ms(seconds), f"< {limit_ms:g} ms", seconds * 1000 < limit_ms, note)


def machine() -> str:
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def load_text() -> str:
    """The load average over 1, 5 and 15 minutes, short ("3.1/4.0/5.2"), for the note beside a figure (a shared VM:
    a load above the core count means the figure waited for a core some of the time)."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.1f}/{five:.1f}/{fifteen:.1f}"


def load() -> str:
    """The machine's load average at the end of the run: it is shared, so every figure should be read beside it."""
    text = load_text()
    if text == "n/a":
        return "load average not available"
    return f"load average {text.replace('/', ' / ')} (1 / 5 / 15 min) on {os.cpu_count()} cores"


def table(results: list[Result]) -> str:
    rows = [("what", "measured", "target", "result", "note")]
    rows += [(r.name, r.measured, r.target, r.verdict, " ".join(r.note.split())[:160]) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[i].ljust(widths[i]) for i in range(4)] + [row[4]]
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|---|")
    return "\n".join(lines)


def record(results: list[Result]) -> None:
    """Append this run to bench/RESULTS.md with the date and machine, so the trend is visible."""
    header = "" if RESULTS_FILE.exists() else "# Benchmark results\n\nEach `make bench` run appends a table.\n"
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    with RESULTS_FILE.open("a", encoding="utf-8") as handle:
        handle.write(f"{header}\n## {stamp} — {machine()}\n\n{load()}\n\n{table(results)}\n")
