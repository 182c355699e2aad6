"""Shared fixtures: every test gets its own private data folder; AppTest helpers that start from a clean cache."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from casefile.models import Case
from casefile.storage import load_case
from tests.robustness.tally import pytest_configure, pytest_terminal_summary, tally  # noqa: F401  (hooks, fixture)

REPO = Path(__file__).resolve().parents[1]
DEMO_CASE = REPO / "data" / "demo-case.json"


@pytest.fixture(autouse=True, scope="session")
def serializable_session_state() -> None:
    """AppTests check that every session-state value can be pickled (Streamlit: "some execution environments may
    require serializing all data in Session State"). The running app does not pay for that check on every rerun
    (.streamlit/config.toml says why), so the tests switch it on instead, and an unpicklable value still fails."""
    from streamlit import config

    config.set_option("runner.enforceSerializableSessionState", True)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never touch the real per-user folder: ORGANIZER_DATA_DIR points at a fresh temporary one."""
    folder = tmp_path / "organizer-data"
    monkeypatch.setenv("ORGANIZER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def demo_case() -> Case:
    return load_case(DEMO_CASE)


@pytest.fixture
def app_test() -> Callable[..., object]:
    """Build an AppTest of app.py, optionally with a case already open, after clearing Streamlit's caches."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from ui.state import CASE_KEY

    def make(case: Case | None = None, page: str | None = None, timeout: float = 30) -> AppTest:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=timeout)
        if case is not None:
            at.session_state[CASE_KEY] = case
        at.run()
        if page is not None:
            at.switch_page(f"ui/pages/{page}.py").run()
        return at

    return make
