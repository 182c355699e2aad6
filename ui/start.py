"""Start: what this is, what to have at hand, and opening a case (continue, demo, new, or a case file)."""

from __future__ import annotations

import streamlit as st

from casefile import revisions
from casefile.storage import CaseFileError, PassphraseNeeded, case_from_json, data_dir, delete_everything
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
        _name_and_history(case)

    st.subheader("Open a case")
    c1, c2 = st.columns(2)
    if c1.button("Open the demo case", type="primary", key="start_demo", help="A fictional family to explore"):
        state.open_demo()
        st.rerun()
    if c2.button("Start a new case", key="start_new"):
        state.start_new()
        st.rerun()
    _continue_saved()
    _open_file()
    _delete_everything()


def _name_and_history(case) -> None:
    from casefile.validation import CaseInvalid, revise

    title = st.text_input("Name of this case", value=case.title, key="start_title", max_chars=200,
                          help="Choose something neutral if others use this computer.")
    if title.strip() and title != case.title:
        try:
            state.set_case(revise(case, title=title))
        except CaseInvalid as exc:
            st.error("; ".join(e.message for e in exc.errors))
        else:
            st.rerun()  # the sidebar, drawn before this page, shows the new name at once
    if not state.autosave_enabled():
        return
    history = revisions.list_revisions(case.case_id)
    if not history:
        return
    with st.expander(f"Revisions ({len(history)} kept, newest first)", icon=":material/history:"):
        st.caption("Every change is kept (the last 50). Restoring one keeps the current state as a revision too.")
        for rev in history[:50]:
            if _row(f"**{rev.saved_at:%d %b %Y, %H:%M:%S}** · {rev.summary}", "Restore", f"start_restore_{rev.number}"):
                try:
                    state.restore(rev.number)
                except CaseFileError as exc:
                    st.error(str(exc))
                else:
                    st.rerun()


def _row(text: str, action: str, key: str) -> bool:
    """One line of a list with its action button on the right; True when the button was pressed."""
    left, right = st.columns([5, 1])
    left.markdown(text)
    return right.button(action, key=key)


def _continue_saved() -> None:
    saved = [c for c in revisions.saved_cases() if c.case_id != getattr(state.current_case(), "case_id", None)]
    if not saved:
        return
    # Closed by default: on a shared computer the names of saved cases are not on screen for anyone passing by.
    with st.expander(f"Continue where you left off ({len(saved)} saved on this computer)", icon=":material/folder:"):
        st.caption("Their names stay hidden until you open this. A passphrase (in the sidebar, with a case open) also "
                   "hides a case's name and contents in the saved files.")
        for item in saved[:10]:
            if _row(f"{item.title} · saved {item.saved_at:%d %b %Y, %H:%M}", "Continue", f"start_resume_{item.case_id}"):
                try:
                    state.resume(item.case_id)
                except PassphraseNeeded:
                    st.session_state["start_needs_passphrase"] = item.case_id
                except CaseFileError as exc:
                    st.error(str(exc))
                else:
                    st.rerun()
    pending = st.session_state.get("start_needs_passphrase")
    if pending:
        with st.form("start_resume_passphrase", clear_on_submit=True):
            phrase = st.text_input("This case is protected. Passphrase:", type="password", key="start_resume_phrase")
            if st.form_submit_button("Open"):
                state.set_passphrase(phrase)
                try:
                    state.resume(pending)
                except CaseFileError as exc:
                    state.set_passphrase(None)
                    st.error(str(exc))
                else:
                    del st.session_state["start_needs_passphrase"]
                    st.rerun()


def _open_file() -> None:
    uploaded = st.file_uploader("Open a case file you downloaded earlier", type=["json"], key="start_upload")
    if uploaded is None:
        return
    phrase = None
    if b"separation-organizer-encrypted" in uploaded.getvalue()[:200]:
        phrase = st.text_input("This file is protected. Passphrase:", type="password", key="start_upload_phrase")
        if not phrase:
            return
    try:
        opened = case_from_json(uploaded.getvalue(), source="That file", passphrase=phrase)
    except CaseFileError as exc:
        st.error(str(exc))
        return
    if st.button(f"Open “{opened.title}”", key="start_open_upload", type="primary"):
        # an opened file becomes a working copy with its own history; the file itself is never changed
        state.open_case(opened, base=None)
        if phrase:
            state.set_passphrase(phrase)
        st.rerun()


def _delete_everything() -> None:
    with st.expander("Delete everything this app saved on this computer", icon=":material/delete_forever:"):
        st.markdown(
            f"This removes every case, revision and export this app stored in `{data_dir()}`. "
            "Files you downloaded yourself are not touched. This cannot be undone."
        )
        confirm = st.checkbox("Yes, delete everything", key="start_delete_confirm")
        if st.button("Delete everything", key="start_delete", disabled=not confirm, type="primary"):
            folder, removed = delete_everything()
            state.clear_session()
            st.session_state["start_deleted"] = f"Deleted {len(removed)} item(s) from {folder}."
            st.rerun()
    done = st.session_state.pop("start_deleted", None)
    if done:
        st.success(done)
