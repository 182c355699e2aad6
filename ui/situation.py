"""Your situation: the intake (both parents, children, income, parenting time)."""

from __future__ import annotations

import streamlit as st

from ui.widgets import coming, require_case


def render() -> None:
    st.title("Your situation")
    require_case()
    coming("The intake form")
