"""What every page shows around its content: the sidebar (open case, save, download, close)."""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from casefile.storage import CASE_SUFFIX, CaseFileError, cases_dir, save_case
from ui import state


def _file_name(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "case"
    return slug + CASE_SUFFIX


def render() -> None:
    case = state.current_case()
    with st.sidebar:
        if case is None:
            st.caption("No case open.")
            return
        st.caption(f"Open: **{case.title}**")
        if st.button("Save on this computer", key="sidebar_save", icon=":material/save:"):
            path = state.case_path() or str(cases_dir() / _file_name(case.title))
            try:
                save_case(case, path)
            except CaseFileError as exc:
                st.error(str(exc))
            else:
                state.set_case_path(path)
                st.toast("Saved.")
        st.download_button(
            "Download the case file",
            data=lambda: state.case_json_bytes(state.current_case() or case),
            file_name=f"case-{dt.date.today():%Y-%m-%d}.json",
            mime="application/json",
            key="sidebar_download",
            icon=":material/download:",
        )
        if st.button("Close this case", key="sidebar_close"):
            state.clear_session()
            st.rerun()
