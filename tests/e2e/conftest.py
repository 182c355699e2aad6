"""Real-browser tests: `streamlit run serve.py` (app.py behind this app's server protections) on a free 127.0.0.1 port, driven by Playwright in Debian's chromium.

Never downloads a browser. Without /usr/bin/chromium the tests are skipped with a visible message, except under
CI=true, where a missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# sandbox off (root), no background networking: nothing but the app's own server is contacted
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM:
        return
    message = "Debian chromium is not installed (apt-get install chromium): real-browser tests skipped"
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI=true but {message}")
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=message))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    port: int
    data_dir: Path
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_server(data_dir: Path, log: Path, port: int | None = None, extra_env: dict[str, str] | None = None) -> Server:
    """Start the app as a person would (`make run`: `streamlit run serve.py`), on 127.0.0.1 only, and wait until it
    answers."""
    port = port or free_port()
    env = {
        **os.environ,
        "ORGANIZER_DATA_DIR": str(data_dir),
        # quick exit goes to a local, neutral page in tests (no network here): the server's health check
        "ORGANIZER_EXIT_URL": f"http://127.0.0.1:{port}/_stcore/health",
        **(extra_env or {}),
    }
    handle = log.open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "serve.py"), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true"],
        cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(url=url, port=port, data_dir=data_dir, process=process, log=log)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"streamlit did not start within 60 s; see {log}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("e2e")
    srv = start_server(base / "data", base / "streamlit.log")
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright launches Debian's chromium, sandbox off (root), no background networking."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


def wait_idle(page: Page, timeout: float = 30_000) -> None:
    """Wait until the app has finished the rerun an action started (Streamlit marks its root element with the
    script state). A click sent while a rerun is still running can be lost, so tests wait here between steps."""
    page.wait_for_timeout(150)  # let the rerun begin
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
