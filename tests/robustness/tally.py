"""The tally of the bad-input and fault suite: what each entry point was given, what failed, what was lost.

Each test records (entry point, inputs tried, failures, data lost) through the `tally` fixture; the counts are
written to a shared folder so they add up across pytest-xdist workers, and the controller prints the table at the end
of the run. tests/conftest.py imports the hooks and the fixture from here: a conftest in a sub-folder is not loaded by
the xdist controller, so the table would not print in `make test`.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pytest

TALLY_DIR_ENV = "ORGANIZER_ROBUSTNESS_TALLY"


def _tally_dir(config: pytest.Config) -> Path:
    return Path(str(config.cache.mkdir("robustness-tally"))) if config.cache else Path(".robustness-tally")


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controller (or a run without xdist) starts a fresh tally
        folder = _tally_dir(config)
        for old in folder.glob("*.jsonl"):
            old.unlink()
        os.environ[TALLY_DIR_ENV] = str(folder)


class Tally:
    def __init__(self, folder: Path, worker: str):
        self.path = folder / f"{worker}.jsonl"

    def record(self, entry_point: str, tried: int, failures: int = 0, lost: int = 0) -> None:
        """``failures``: inputs that did not end in a clear message within the bounds; ``lost``: things typed or
        saved that could no longer be reached afterwards."""
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"entry": entry_point, "tried": tried, "failures": failures, "lost": lost}) + "\n")


def tally_for(config: pytest.Config) -> Tally:
    """The tally of this run (also for tests outside this folder, such as the real-browser quick-exit check)."""
    folder = Path(os.environ.get(TALLY_DIR_ENV) or _tally_dir(config))
    worker = getattr(config, "workerinput", {}).get("workerid", "main")
    return Tally(folder, worker)


@pytest.fixture
def tally(request: pytest.FixtureRequest) -> Tally:
    return tally_for(request.config)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for path in _tally_dir(config).glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            totals[row["entry"]][0] += row["tried"]
            totals[row["entry"]][1] += row["failures"]
            totals[row["entry"]][2] += row.get("lost", 0)
    if not totals:
        return
    terminalreporter.section("bad-input and fault suite: per entry point")
    width = max(len(k) for k in totals)
    terminalreporter.write_line(f"{'entry point':<{width}}  {'tried':>6}  {'failures':>8}  {'data lost':>9}")
    for entry, (tried, failures, lost) in sorted(totals.items()):
        terminalreporter.write_line(f"{entry:<{width}}  {tried:>6}  {failures:>8}  {lost:>9}")
