"""Typed access to session state: the validated Case lives here, so switching pages never loses what was typed.

Pages read ``current_case()`` and write ``set_case(new_case)``; they never touch st.session_state keys for case
data directly. Nothing here is shared between sessions (no st.cache_* holds personal data).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from casefile.models import Case
from casefile.storage import case_from_json

CASE_KEY = "organizer_case"
CASE_PATH_KEY = "organizer_case_path"
DEMO_CASE_PATH = Path(__file__).resolve().parents[1] / "data" / "demo-case.json"


def current_case() -> Case | None:
    case = st.session_state.get(CASE_KEY)
    return case if isinstance(case, Case) else None


def set_case(case: Case) -> None:
    """Store a validated Case (callers build it through casefile.validation, so it is always valid)."""
    st.session_state[CASE_KEY] = case


def case_path() -> str | None:
    return st.session_state.get(CASE_PATH_KEY)


def set_case_path(path: str | None) -> None:
    st.session_state[CASE_PATH_KEY] = path


def demo_case() -> Case:
    return case_from_json(DEMO_CASE_PATH.read_text(encoding="utf-8"), source="the demo case")


def open_demo() -> None:
    set_case(demo_case())
    set_case_path(None)


def start_new() -> None:
    set_case(Case())
    set_case_path(None)


def clear_session() -> None:
    """Forget everything this session holds (used by quick exit and 'close case')."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]


def case_json_bytes(case: Case) -> bytes:
    from casefile.storage import case_to_json

    return case_to_json(case).encode("utf-8")


