"""What every page shows around its content: the theme, quick exit, the emergency number for the case's place, and
the sidebar (the open case, how it is being saved, download, close)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from casefile import revisions
from casefile.crypto import Keyring, PassphraseError, check_new_passphrase
from casefile.storage import CaseFileError
from ui import quick_exit, safety, state, theme

CHROME_KEY = "organizer_chrome"  # the style, scripts and quick exit's hidden button: drawn, but take no room


def render() -> None:
    with st.container(key=CHROME_KEY):
        theme.render()
        quick_exit.render()  # on every page, with or without a case open
    case = state.current_case()
    safety.emergency_line(case.jurisdiction if case is not None else None)
    with st.sidebar:
        if case is None:
            st.caption("No case open.")
            return
        st.caption(f"Open: **{case.title}**")
        message = state.take_save_message()
        if message:
            st.warning(message, icon=":material/sync_problem:")
        _saving_controls(case.case_id)
        protect = state.passphrase()
        st.download_button(
            "Download the case file" + (" (protected)" if protect else ""),
            data=lambda: state.case_json_bytes(state.current_case() or case, protect),
            file_name=f"case-{dt.date.today():%Y-%m-%d}.json",
            mime="application/json",
            key="sidebar_download",
            icon=":material/download:",
            help="A copy you can keep or bring to another computer. With a passphrase set, the copy is protected.",
        )
        if st.button("Close this case", key="sidebar_close", help="Closes it in this window. Saved copies stay."):
            state.clear_session()
            st.rerun()


def _saving_controls(case_id: str) -> None:
    on = st.toggle(
        "Save on this computer as I go",
        value=state.autosave_enabled(),
        key="sidebar_autosave",
        help="Every change is saved at once, with a history you can go back to. Turn off on a shared computer: "
        "then nothing from this session is kept after you close it (download a copy if you need one).",
    )
    if on != state.autosave_enabled():
        state.set_autosave(on)
        if on and (case := state.current_case()) is not None:
            state.open_case(case, base=revisions.current_generation(case_id))
    st.caption("Saved automatically, only on this computer." if on else "Not saving this session on this computer.")
    if not on:
        return
    if revisions.is_protected(case_id) and not _passphrase_opens(case_id):
        _unlock_form(changed=state.passphrase() is not None)
        return
    with st.expander("Protect with a passphrase", icon=":material/lock:", expanded=False):
        st.caption(
            "What is saved on this computer is then encrypted. The passphrase is never stored: if you forget it, "
            "the saved copy cannot be opened."
        )
        with st.form("sidebar_passphrase_form", clear_on_submit=True, border=False):
            new = st.text_input("Passphrase (at least 8 characters)", type="password", key="sidebar_passphrase")
            submitted = st.form_submit_button("Protect")
        if submitted:
            try:
                check_new_passphrase(new)
                ring = Keyring(new)
                outcome = revisions.protect_all(case_id, ring, state.passphrase())
            except revisions.ProtectPending as exc:
                state.set_passphrase(ring)  # decided: every copy is encrypted; the disk finishes the swap later
                st.warning(str(exc))
            except (PassphraseError, CaseFileError) as exc:
                st.error(str(exc))  # all or nothing: the saved copies are as they were
            else:
                state.set_passphrase(ring)
                st.success("Protected. You will need the passphrase to open this case again."
                           + (f" {outcome.left_damaged} damaged older copies (already unreadable) were left as they "
                              "were." if outcome.left_damaged else ""))


def _passphrase_opens(case_id: str) -> bool:
    ring = state.passphrase()
    if ring is None:
        return False
    try:
        revisions.check_passphrase(case_id, ring)  # the key is derived once per session, then this is cheap
    except CaseFileError:
        return False
    return True


def _unlock_form(changed: bool) -> None:
    """Another tab protected this case (or changed its passphrase): this tab saves nothing until it has the
    passphrase too. What was typed here stays on screen meanwhile."""
    what = "Its passphrase was changed" if changed else "It was protected with a passphrase"
    st.warning(f"{what} in another tab or window, so this tab is not saving it (nothing is saved in plain text). "
               "What you change here stays on screen: enter the passphrase to save it.", icon=":material/lock:")
    with st.form("sidebar_unlock_form", clear_on_submit=True, border=False):
        phrase = st.text_input("Passphrase", type="password", key="sidebar_unlock_phrase")
        if st.form_submit_button("Use this passphrase"):
            try:
                state.unlock(phrase)
            except CaseFileError as exc:
                st.error(str(exc))
            else:
                st.rerun()
