"""Issue 20's targets, measured where the person feels them: a real `streamlit run` server on 127.0.0.1.

    .venv/bin/python -m bench server          # every suite below (a few minutes), appended to bench/RESULTS.md
    .venv/bin/python -m bench "server: reruns"

What each figure is:

- **Server time per rerun** comes from bench/timing_hook (loaded into the server process only by this bench): from
  the start of the script to the end of Streamlit's post-run work, ``runner.postScriptGC``'s full collection and
  ``enforceSerializableSessionState``'s pickling included (AppTest, used by bench_core, skips both). The bench waits
  for that post-run work to end before the next action, as a person's next click would. The server process's own
  CPU time (all threads, from /proc) is printed beside it as a cross-check.
- **Click → idle** is measured in Debian's chromium (Playwright): from the browser's own timestamp of the click or
  key press to the moment the app's root says the script is no longer running (``data-test-script-state``).
- **Many people** are simulated with bench/st_client.py (Streamlit's WebSocket protocol, what the page itself
  sends), because 20 browsers on this 2-core machine would measure the browsers.

Every figure is a median (or a p95 where the target says so) of several actions after a warm-up; the machine's load
average is printed beside each, because this VM is shared and slow spells move every figure.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.big_case import big_case_data
from bench.harness import Result, load_text
from bench.st_client import Run, Session

REPO = Path(__file__).resolve().parents[1]
HOOK_DIR = Path(__file__).resolve().parent / "timing_hook"
PAGES = ["", "situation", "child-support", "lawyer", "documents", "money", "report"]  # "" is Start
PAGE_NAMES = {"": "start", "situation": "situation", "child-support": "child_support", "lawyer": "lawyer",
              "documents": "documents", "money": "money", "report": "report"}
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --- the server and what it records --------------------------------------------------------------------------------


class TimingLog:
    """The JSON lines the timing hook appends: one per script run (no values, no personal data)."""

    def __init__(self, path: Path):
        self.path = path
        self.records: list[dict[str, Any]] = []
        self._offset = 0

    def refresh(self) -> None:
        if not self.path.exists():
            return
        with self.path.open("r", encoding="utf-8") as handle:
            handle.seek(self._offset)
            chunk = handle.read()
        complete = chunk[: chunk.rfind("\n") + 1]
        self._offset += len(complete.encode("utf-8"))
        self.records += [json.loads(line) for line in complete.splitlines() if line]

    def runs_of(self, session_id: str, since: float) -> list[dict[str, Any]]:
        return [r for r in self.records if r["session"] == session_id and r["t0"] >= since]

    async def wait(self, session_id: str, since: float, runs: int, timeout: float = 60) -> list[dict[str, Any]]:
        """The hook's records of the ``runs`` script runs an action started, once the last has finished its
        post-run work (which ends after the browser is told the script finished)."""
        deadline = time.monotonic() + timeout
        while True:
            self.refresh()
            found = self.runs_of(session_id, since)
            if len(found) >= runs:
                return found[:runs]
            if time.monotonic() > deadline:
                raise TimeoutError(f"the server recorded {len(found)} of {runs} runs")
            await asyncio.sleep(0.005)


@dataclass
class BenchServer:
    url: str
    pid: int
    timing: TimingLog
    data_dir: Path

    def cpu_seconds(self) -> float:
        """CPU time of the whole server process so far (every thread: scripts, the event loop, the GC)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")


@contextlib.contextmanager
def running_server(data_dir: Path, settings: dict[str, bool] | None = None) -> Iterator[BenchServer]:
    """`streamlit run` of the app as the browser tests start it (tests/e2e/conftest.py), on 127.0.0.1, with the
    timing hook on. ``settings`` overrides Streamlit options for an A/B run, e.g. {"runner.postScriptGC": False}
    (through Streamlit's STREAMLIT_<SECTION>_<OPTION> environment variables, which take precedence over
    .streamlit/config.toml)."""
    from tests.e2e.conftest import start_server

    data_dir.mkdir(parents=True, exist_ok=True)
    timing = data_dir.parent / f"{data_dir.name}-timing.jsonl"
    env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(HOOK_DIR), os.environ.get("PYTHONPATH")])),
           "ORGANIZER_BENCH_TIMING": str(timing)}
    for option, value in (settings or {}).items():
        section, name = option.split(".")
        snake = "".join("_" + c.lower() if c.isupper() else c for c in name)
        env[f"STREAMLIT_{section.upper()}_{snake.upper()}"] = "true" if value else "false"
    server = start_server(data_dir, data_dir.parent / f"{data_dir.name}-streamlit.log", extra_env=env)
    try:
        yield BenchServer(url=server.url, pid=server.process.pid, timing=TimingLog(timing), data_dir=data_dir)
    finally:
        server.stop()


# --- cases -----------------------------------------------------------------------------------------------------------


async def open_case(session: Session, big_case_id: str | None) -> None:
    """On Start: the demo case (one click), or continue the saved big case."""
    await session.open()
    if big_case_id is None:
        await session.click("start_demo")
    else:
        await session.click(f"start_resume_{big_case_id}")


# --- actions and their server time ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One action: what the server spent on it (hook) and how long the client waited for the script's end."""

    server_ms: float  # first run's start to the last run's end of post-run work
    cpu_ms: float  # the script thread's CPU time, summed over the action's runs
    gc_ms: float  # post-run garbage collection
    check_ms: float  # session-state pickling
    script_ms: float
    client_ms: float
    runs: int


async def measured(bench: BenchServer, session: Session, action: Awaitable[Run]) -> Sample:
    run = await action
    records = await bench.timing.wait(session.session_id, run.started, run.runs)
    first, last = records[0], records[-1]
    return Sample(
        server_ms=(last["t0"] - first["t0"]) * 1000 + last["wall"],
        cpu_ms=sum(r["cpu"] for r in records), gc_ms=sum(r["gc_post"] for r in records),
        check_ms=sum(r["check"] for r in records), script_ms=sum(r["script"] for r in records),
        client_ms=run.seconds * 1000, runs=run.runs,
    )


def edits(page: str) -> Callable[[Session, int], Awaitable[Run]] | None:
    """A typical edit on the page (it changes the Case: validation, autosave), or None where the bench has none."""
    if page == "situation":
        return lambda s, i: s.set_value("sit_parent_a_income_0_amt", ("2,650", "2,600")[i % 2])
    if page == "child-support":  # "Use today's date" off and on: the estimate's as-of date changes
        return lambda s, i: s.set_value("cs_today", i % 2 == 1)
    if page == "money":
        async def add_expense(s: Session, i: int) -> Run:
            s.hold("money_add_description", f"Bench expense {i}")
            s.hold("money_add_amount", 12.5 + i)
            return await s.click("Add expense")
        return add_expense
    return None


@dataclass(frozen=True)
class Figures:
    samples: list[Sample]
    load: str
    cpu_process_ms: float  # the whole server process's CPU per action (/proc)

    def median(self, name: str) -> float:
        return statistics.median(getattr(s, name) for s in self.samples)

    def note(self) -> str:
        return (f"cpu {self.median('cpu_ms'):.0f} ms (process {self.cpu_process_ms:.0f}), gc "
                f"{self.median('gc_ms'):.0f}, pickle {self.median('check_ms'):.1f}, script "
                f"{self.median('script_ms'):.0f}; n={len(self.samples)}; load {self.load}")


async def figures(bench: BenchServer, session: Session, action: Callable[[int], Awaitable[Run]],
                  count: int) -> Figures:
    await measured(bench, session, action(-1))  # warm-up
    cpu0 = bench.cpu_seconds()
    samples = [await measured(bench, session, action(i)) for i in range(count)]
    process_ms = (bench.cpu_seconds() - cpu0) * 1000 / count
    return Figures(samples=samples, load=load_text(), cpu_process_ms=process_ms)


# --- suites ----------------------------------------------------------------------------------------------------------


def reruns() -> list[Result]:
    """Server time per rerun on every page, demo case (< 100 ms) and 10,000 expenses with 50 revisions (< 150 ms):
    a plain rerun of each page (what any interaction costs at least), and a typical edit on the pages that have one."""
    base = Path(tempfile.mkdtemp(prefix="organizer-bench-server-"))
    data = base / "data"
    big_id = big_case_data(data)
    results: list[Result] = []
    with running_server(data) as bench:
        for label, case_id, limit, count in (("demo", None, 100, 9), ("10k expenses", big_id, 150, 5)):
            results += asyncio.run(_page_reruns(bench, label, case_id, limit, count))
    return results


async def _page_reruns(bench: BenchServer, label: str, case_id: str | None, limit: float,
                       count: int) -> list[Result]:
    session = Session(bench.url)
    results = []
    try:
        await open_case(session, case_id)
        for page in PAGES:
            await session.goto(page)
            plain = await figures(bench, session, lambda i: session.rerun(), count)
            results.append(_timing(f"server rerun, {PAGE_NAMES[page]}, {label}", plain, limit))
            edit = edits(page)
            if edit is not None:
                changed = await figures(bench, session, lambda i, edit=edit: edit(session, i), count)
                results.append(_timing(f"server edit, {PAGE_NAMES[page]}, {label}", changed, limit))
    finally:
        await session.close()
    return results


def _timing(name: str, figs: Figures, limit: float) -> Result:
    value = figs.median("server_ms")
    return Result(name, f"{value:.1f} ms", f"< {limit:g} ms", value < limit, figs.note())
