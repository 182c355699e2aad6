"""Start: what this is, what to have at hand, and opening a case (demo, new, or a saved file)."""

from __future__ import annotations

import streamlit as st

from casefile.storage import CaseFileError, case_from_json, cases_dir, load_case
from ui import state
from ui.widgets import ESTIMATE_NOTICE


def render() -> None:
    st.title("Get organised before you see a lawyer or mediator")
    st.markdown(
        "This organiser helps you gather the facts of your separation in one place: your situation and income, "
        "an **estimate** of child support under the published guideline, whether you may need a lawyer, the "
        "documents to collect, your spending, and a summary to take to a consultation."
    )
    st.info(ESTIMATE_NOTICE, icon=":material/info:")
    with st.expander("What to have at hand, and how long it takes", expanded=False):
        st.markdown(
            "- Recent pay slips or your income for the year, and the other parent's if you know it.\n"
            "- How many nights a year the children spend with each of you (a usual fortnight is enough).\n"
            "- Regular costs for the children: child care, health insurance, school.\n"
            "- About 20 minutes for a first pass. You can stop at any time and come back: nothing is lost.\n\n"
            "Everything stays on this computer. Nothing is sent anywhere."
        )

    case = state.current_case()
    if case is not None:
        st.success(f"Open now: **{case.title}**. Use the menu to continue where you left off.")

    st.subheader("Open a case")
    c1, c2 = st.columns(2)
    with c1:
        if st.button("Open the demo case", type="primary", key="start_demo", help="A fictional case to explore"):
            state.open_demo()
            st.rerun()
    with c2:
        if st.button("Start a new case", key="start_new"):
            state.start_new()
            st.rerun()

    uploaded = st.file_uploader("Open a case file you saved", type=["json"], key="start_upload")
    if uploaded is not None:
        try:
            opened = case_from_json(uploaded.getvalue(), source="That file")
        except CaseFileError as exc:
            st.error(str(exc))
        else:
            state.set_case(opened)
            state.set_case_path(None)
            st.success(f"Opened **{opened.title}**.")

    saved = sorted(cases_dir().glob("*.case.json"))
    if saved:
        choice = st.selectbox("Or open one saved on this computer", ["—"] + [p.name for p in saved], key="start_saved")
        if choice != "—" and st.button("Open it", key="start_open_saved"):
            path = cases_dir() / choice
            try:
                state.set_case(load_case(path))
                state.set_case_path(str(path))
                st.rerun()
            except CaseFileError as exc:
                st.error(str(exc))
