"""Start: what this is, what to have at hand, and opening a case (continue, demo, new, or a case file)."""

from __future__ import annotations

import math

import streamlit as st

from casefile import revisions
from casefile.storage import (
    MAX_FILE_BYTES,
    CaseFileError,
    PassphraseNeeded,
    case_from_json,
    data_dir,
    delete_everything,
)
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
    history = revisions.list_revisions(case.case_id, state.passphrase())
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
                _resume(item.case_id)
    pending = st.session_state.get("start_needs_passphrase")
    if pending:
        with st.form("start_resume_passphrase", clear_on_submit=True):
            phrase = st.text_input("This case is protected. Passphrase:", type="password", key="start_resume_phrase")
            if st.form_submit_button("Open"):
                state.set_passphrase(phrase)
                try:
                    revisions.check_passphrase(pending, state.passphrase())
                except CaseFileError as exc:
                    state.set_passphrase(None)
                    st.error(str(exc))
                else:
                    del st.session_state["start_needs_passphrase"]
                    _resume(pending)
    broken = st.session_state.get("start_broken_case")
    if broken:
        _earlier_versions(broken)


def _resume(case_id: str) -> None:
    """Open a saved case; if its latest copy cannot be opened, say why and offer its earlier versions."""
    try:
        state.resume(case_id)
    except PassphraseNeeded:
        st.session_state["start_needs_passphrase"] = case_id
        st.rerun()
    except CaseFileError as exc:
        st.session_state["start_broken_case"] = case_id
        st.session_state["start_broken_reason"] = str(exc)
    else:
        st.session_state.pop("start_broken_case", None)
        st.rerun()


def _earlier_versions(case_id: str) -> None:
    """The revisions of a saved case whose latest copy cannot be opened: nothing saved is out of reach."""
    reason = st.session_state.get("start_broken_reason", "")
    st.error(f"The latest copy of this case cannot be opened: {reason} Its earlier versions are below; opening one "
             "makes it the latest copy again (the others are kept).", icon=":material/history:")
    history = revisions.list_revisions(case_id, state.passphrase())
    if not history:
        st.info("This case has no earlier versions saved.")
    for rev in history[:50]:
        if _row(f"**{rev.saved_at:%d %b %Y, %H:%M:%S}** · {rev.summary}", "Open this version",
                f"start_open_rev_{case_id}_{rev.number}"):
            try:
                state.open_revision(case_id, rev.number)
            except PassphraseNeeded:
                st.session_state["start_needs_passphrase"] = case_id
                st.rerun()
            except CaseFileError as exc:
                st.error(str(exc))
            else:
                st.session_state.pop("start_broken_case", None)
                st.rerun()


UPLOAD_MB = math.ceil(MAX_FILE_BYTES / (1024 * 1024))  # every case file this app writes can be opened again
OPENED_KEY = "start_upload_opened"  # (upload id, passphrase, case or the reason it cannot be opened)


def _open_file() -> None:
    uploaded = st.file_uploader("Open a case file you downloaded earlier", type=["json"], key="start_upload",
                                max_upload_size=UPLOAD_MB)
    if uploaded is None:
        st.session_state.pop(OPENED_KEY, None)
        return
    phrase = None
    if b"separation-organizer-encrypted" in uploaded.getvalue()[:200]:
        phrase = st.text_input("This file is protected. Passphrase:", type="password", key="start_upload_phrase")
        if not phrase:
            return
    # read (and decrypt) once per file and passphrase, not on every rerun of this page
    remembered = st.session_state.get(OPENED_KEY)
    if not (isinstance(remembered, tuple) and remembered[:2] == (uploaded.file_id, phrase)):
        try:
            outcome: object = case_from_json(uploaded.getvalue(), source="That file", passphrase=phrase)
        except CaseFileError as exc:
            outcome = str(exc)
        remembered = (uploaded.file_id, phrase, outcome)
        st.session_state[OPENED_KEY] = remembered
    opened = remembered[2]
    if isinstance(opened, str):
        st.error(opened)
        return
    if st.button(f"Open “{opened.title}”", key="start_open_upload", type="primary"):
        # an opened file becomes a working copy with its own history; the file itself is never changed
        if phrase:  # before the first save: a protected file's working copy is never written in plain text
            state.set_passphrase(phrase)
        state.open_case(opened, base=None)
        st.session_state.pop(OPENED_KEY, None)
        st.rerun()


def _delete_everything() -> None:
    with st.expander("Delete everything this app saved on this computer", icon=":material/delete_forever:"):
        st.markdown(
            f"This removes every case, revision and export this app stored in `{data_dir()}`. "
            "Files you downloaded yourself are not touched. This cannot be undone."
        )
        confirm = st.checkbox("Yes, delete everything", key="start_delete_confirm")
        if st.button("Delete everything", key="start_delete", disabled=not confirm, type="primary"):
            report = delete_everything()
            state.clear_session()
            if report.complete:
                st.session_state["start_deleted"] = f"Deleted {len(report.removed)} item(s) from {report.folder}."
            else:
                st.session_state["start_delete_failed"] = (
                    f"Deleted {len(report.removed)} item(s) from {report.folder}, but not everything. "
                    f"{report.failure_text()} Check that the disk is not read-only or full, close other programs "
                    "using these files, and try again, or delete the folder yourself.")
            st.rerun()
    done = st.session_state.pop("start_deleted", None)
    if done:
        st.success(done)
    failed = st.session_state.pop("start_delete_failed", None)
    if failed:
        st.error(failed, icon=":material/error:")
