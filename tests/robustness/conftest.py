"""Bad-input suite: counts of hostile inputs tried per entry point, printed at the end of the test run.

Each test records (entry point, inputs tried, failures) through the `tally` fixture; the counts are written to a
shared folder so they add up across pytest-xdist workers, and the controller prints the table.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pytest

TALLY_DIR_ENV = "ORGANIZER_ROBUSTNESS_TALLY"


def _tally_dir(config: pytest.Config) -> Path:
    folder = Path(str(config.cache.mkdir("robustness-tally"))) if config.cache else Path(".robustness-tally")
    return folder


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controller (or a run without xdist) starts a fresh tally
        folder = _tally_dir(config)
        for old in folder.glob("*.jsonl"):
            old.unlink()
        os.environ[TALLY_DIR_ENV] = str(folder)


class Tally:
    def __init__(self, folder: Path, worker: str):
        self.path = folder / f"{worker}.jsonl"

    def record(self, entry_point: str, tried: int, failures: int = 0) -> None:
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"entry": entry_point, "tried": tried, "failures": failures}) + "\n")


@pytest.fixture
def tally(request: pytest.FixtureRequest) -> Tally:
    folder = Path(os.environ.get(TALLY_DIR_ENV) or _tally_dir(request.config))
    worker = getattr(request.config, "workerinput", {}).get("workerid", "main")
    return Tally(folder, worker)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in _tally_dir(config).glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            totals[row["entry"]][0] += row["tried"]
            totals[row["entry"]][1] += row["failures"]
    if not totals:
        return
    terminalreporter.section("bad-input suite: hostile inputs per entry point")
    width = max(len(k) for k in totals)
    for entry, (tried, failures) in sorted(totals.items()):
        terminalreporter.write_line(f"{entry:<{width}}  {tried:>6} tried  {failures:>3} failures")
