"""Money."""

from __future__ import annotations

import streamlit as st

from ui.widgets import coming, require_case


def render() -> None:
    st.title("Money")
    require_case()
    coming("Budget, assets and the expense log")
