"""Child support."""

from __future__ import annotations

import streamlit as st

from ui.widgets import coming, require_case


def render() -> None:
    st.title("Child support")
    require_case()
    coming("The child-support estimate page")
