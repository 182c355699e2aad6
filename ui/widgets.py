"""Small shared widgets: the estimate disclaimer, the "no case open" panel, the "coming" state."""

from __future__ import annotations

import streamlit as st

from casefile.models import Case
from ui import state

ESTIMATE_NOTICE = (
    "This is an **estimate**, not legal advice and not what a court or agency will order. "
    "It follows the published guideline as far as this app models it; a professional can tell you what applies to you."
)


def estimate_notice() -> None:
    st.info(ESTIMATE_NOTICE, icon=":material/info:")


def require_case() -> Case:
    """The open case, or a friendly panel to open one (and stop the page)."""
    case = state.current_case()
    if case is not None:
        return case
    st.warning("No case is open yet.")
    col1, col2 = st.columns(2)
    if col1.button("Open the demo case", key="need_case_demo", type="primary"):
        state.open_demo()
        st.rerun()
    if col2.button("Start a new case", key="need_case_new"):
        state.start_new()
        st.rerun()
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises


def coming(what: str) -> None:
    """An honest placeholder for a part that is not built yet (no fake content)."""
    st.info(f"{what} is not built yet. It is planned; nothing here is a placeholder result.", icon=":material/construction:")
