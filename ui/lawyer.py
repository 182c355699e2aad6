"""Do I need a lawyer?."""

from __future__ import annotations

import streamlit as st

from ui.widgets import coming, require_case


def render() -> None:
    st.title("Do I need a lawyer?")
    require_case()
    coming("The questionnaire")
