"""Documents."""

from __future__ import annotations

import streamlit as st

from ui.widgets import coming, require_case


def render() -> None:
    st.title("Documents")
    require_case()
    coming("The document checklist")
