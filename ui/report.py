"""Report."""

from __future__ import annotations

import streamlit as st

from ui.widgets import coming, require_case


def render() -> None:
    st.title("Report")
    require_case()
    coming("The consultation report")
