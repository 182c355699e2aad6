"""Bad-input and fault suite: the bounds every hostile input is held to (the `tally` fixture and the table printed at
the end of the run are in tests/robustness/tally.py, registered by tests/conftest.py so the table prints in every run).

Every hostile input is bounded: the command line runs in a child process (CPU time and peak memory measured by the
kernel, with an address-space limit as a safety net), and the app's upload widgets run in this process with the peak
resident memory reset before each input (/proc/self/clear_refs) and a watchdog that ends a worker that hangs.

Time is bounded as CPU time, not wall time: this machine is shared, and a run while others work can take 2-3 times as
long on the clock for the same work. Wall time has its own, generous limit (a hang is a hang however busy it is).
"""

from __future__ import annotations

import faulthandler
import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.robustness.tally import Tally, tally_for  # noqa: F401  (imported by tests from here)

REPO = Path(__file__).resolve().parents[2]
TIME_LIMIT_S = 10.0  # issue 19: every hostile input ends within 10 s (of CPU time) ...
WALL_LIMIT_S = 60.0
MEMORY_LIMIT_MB = 500.0  # ... and under 500 MB
SAFETY_NET_BYTES = 3 * 1024 * 1024 * 1024  # a child that runs away is stopped long before it hurts the machine


# --- bounds -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bounded:
    """How a child process ended: exit code, output, wall time and peak resident memory."""

    code: int
    stdout: str
    stderr: str
    seconds: float  # wall
    peak_mb: float
    timed_out: bool = False
    cpu_seconds: float = 0.0

    @property
    def within_bounds(self) -> bool:
        return (not self.timed_out and self.cpu_seconds < TIME_LIMIT_S and self.seconds < WALL_LIMIT_S
                and self.peak_mb < MEMORY_LIMIT_MB)

    def describe(self) -> str:
        return (f"exit {self.code} in {self.cpu_seconds:.1f} s CPU ({self.seconds:.1f} s wall), peak "
                f"{self.peak_mb:.0f} MB"
                f"{' (timed out)' if self.timed_out else ''}: {self.stderr.strip()[:300]}")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (SAFETY_NET_BYTES, SAFETY_NET_BYTES))


def run_bounded(argv: Sequence[str], env: dict[str, str] | None = None, timeout: float = 30) -> Bounded:
    """Run a child process, measuring its wall time and peak memory (the kernel's ru_maxrss for that child, from
    wait4, so children run at the same time by other tests do not mix in)."""
    start = time.monotonic()
    process = subprocess.Popen(list(argv), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})}, preexec_fn=_limit_memory)
    assert process.stdout is not None and process.stderr is not None
    out: list[bytes] = []
    err: list[bytes] = []
    readers = [threading.Thread(target=lambda: out.append(process.stdout.read())),  # type: ignore[union-attr]
               threading.Thread(target=lambda: err.append(process.stderr.read()))]  # type: ignore[union-attr]
    for reader in readers:
        reader.start()
    timed_out = False
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            timed_out = True
            break
        time.sleep(0.01)
    seconds = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    return Bounded(process.returncode, b"".join(out).decode("utf-8", "replace"),
                   b"".join(err).decode("utf-8", "replace"), seconds, usage.ru_maxrss / 1024, timed_out,
                   usage.ru_utime + usage.ru_stime)


def organizer(*args: str, env: dict[str, str] | None = None, timeout: float = 30) -> Bounded:
    """`organizer ARGS` in a child process, bounded and measured."""
    return run_bounded([sys.executable, "-m", "cli", *args], env=env, timeout=timeout)


def _status_kb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return float(line.split()[1])
    return 0.0


@contextmanager
def in_process_bounds(label: str, seconds: float = 120) -> Iterator[Callable[[], tuple[float, float]]]:
    """Measure CPU time and the peak resident memory added while the block runs (Linux: the peak is reset through
    /proc/self/clear_refs first). A block that hangs ends the worker after ``seconds`` (wall) with its stack printed,
    rather than hanging the suite. Yields a function returning (CPU seconds, added peak MB) so far."""
    resettable = Path("/proc/self/clear_refs").exists()
    if resettable:
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:
            resettable = False
    baseline = _status_kb("VmRSS")
    start = time.process_time()
    faulthandler.dump_traceback_later(seconds, exit=True)

    def measured() -> tuple[float, float]:
        peak = _status_kb("VmHWM") if resettable else _status_kb("VmRSS")
        return time.process_time() - start, max(0.0, peak - baseline) / 1024

    try:
        yield measured
    finally:
        faulthandler.cancel_dump_traceback_later()
