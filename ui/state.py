"""Typed access to session state: the validated Case lives here, so switching pages never loses what was typed.

Pages read ``current_case()`` and write ``set_case(new_case)``; they never touch st.session_state keys for case
data directly. ``set_case`` also autosaves (casefile.revisions): every change is written at once to this person's
private data folder, so a crash or a closed tab loses at most the change being typed. A person on a shared device can
turn that off for the session, or protect what is saved with a passphrase held only in this session's memory.
Nothing here is shared between sessions (no st.cache_* holds personal data).

A save that cannot happen never loses what was typed silently: the change stays on screen and the sidebar says why
(the disk refused, the case is too large to be saved and reopened, or another tab protected the case).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from casefile import revisions
from casefile.crypto import Keyring
from casefile.models import Case
from casefile.storage import CaseFileError, case_file_bytes, case_from_json

CASE_KEY = "organizer_case"
CASE_PATH_KEY = "organizer_case_path"
SAVED_KEY = "organizer_saved_case"  # the state this session last wrote (for "what changed" summaries)
BASE_KEY = "organizer_base_generation"  # the save generation this session last saw (detects other tabs)
AUTOSAVE_KEY = "organizer_autosave"  # False: this session keeps nothing on disk
PASSPHRASE_KEY = "organizer_passphrase"  # a Keyring (the passphrase and its derived keys): only in memory
MESSAGE_KEY = "organizer_save_message"
DEMO_CASE_PATH = Path(__file__).resolve().parents[1] / "data" / "demo-case.json"


def current_case() -> Case | None:
    case = st.session_state.get(CASE_KEY)
    return case if isinstance(case, Case) else None


def autosave_enabled() -> bool:
    return bool(st.session_state.get(AUTOSAVE_KEY, True))


def set_autosave(enabled: bool) -> None:
    st.session_state[AUTOSAVE_KEY] = enabled


def passphrase() -> Keyring | None:
    """This session's passphrase, with the keys derived from it (so scrypt runs once per session, not per save)."""
    value = st.session_state.get(PASSPHRASE_KEY)
    return value if isinstance(value, Keyring) else None


def set_passphrase(value: str | Keyring | None) -> None:
    st.session_state[PASSPHRASE_KEY] = (value if isinstance(value, Keyring) else Keyring(value)) if value else None


def set_case(case: Case) -> None:
    """Store a validated Case (callers build it through casefile.validation) and autosave it if it changed."""
    previous = current_case()
    st.session_state[CASE_KEY] = case
    if case != previous:
        _autosave(case)


def _autosave(case: Case) -> None:
    if not autosave_enabled():
        return
    saved = st.session_state.get(SAVED_KEY)
    base = st.session_state.get(BASE_KEY)
    try:
        outcome = revisions.autosave(case, saved if isinstance(saved, Case) else None, base, passphrase=passphrase())
    except revisions.ProtectedElsewhere:
        return  # the sidebar asks for the passphrase (ui/chrome.py) and says why nothing is being saved
    except CaseFileError as exc:
        st.session_state[MESSAGE_KEY] = f"Could not save on this computer: {exc} Download the case file to keep it."
        return
    except OSError as exc:
        st.session_state[MESSAGE_KEY] = (f"Could not save on this computer ({exc.strerror or exc}). What you typed is "
                                         "still here: download the case file to keep it, or try again.")
        return
    st.session_state[SAVED_KEY] = case
    st.session_state[BASE_KEY] = outcome.generation
    if outcome.conflict:
        st.session_state[MESSAGE_KEY] = outcome.message


def take_save_message() -> str | None:
    """A message about saving to show once (a conflict with another tab, or a disk problem)."""
    return st.session_state.pop(MESSAGE_KEY, None)


def open_case(case: Case, *, base: int | None = None) -> None:
    """Make ``case`` the open case. ``base`` is the save generation it was read at (resuming); None for a new copy."""
    st.session_state[SAVED_KEY] = case if base is not None else None
    st.session_state[BASE_KEY] = base
    set_case_path(None)
    if base is not None:  # resuming what is already saved: reading must not count as a save (other tabs)
        st.session_state[CASE_KEY] = case
        return
    st.session_state[CASE_KEY] = None
    set_case(case)


def resume(case_id: str) -> None:
    """Continue an autosaved case where it was left."""
    case = revisions.load_current(case_id, passphrase())
    open_case(case, base=revisions.current_generation(case_id))


def open_revision(case_id: str, number: int) -> None:
    """Continue a saved case from one of its revisions (when its latest copy cannot be opened): the next change is
    saved as its latest copy, and the revision itself stays in the history."""
    case = revisions.load_revision(case_id, number, passphrase())
    st.session_state[SAVED_KEY] = None
    st.session_state[BASE_KEY] = revisions.current_generation(case_id)
    set_case_path(None)
    st.session_state[CASE_KEY] = None
    set_case(case)


def unlock(phrase: str) -> None:
    """Use the passphrase another tab protected the open case with, so this tab can save again (PassphraseNeeded
    if it is not the right one)."""
    case = current_case()
    ring = Keyring(phrase)
    if case is not None:
        revisions.check_passphrase(case.case_id, ring)
    set_passphrase(ring)
    if case is not None and st.session_state.get(SAVED_KEY) is not case:
        _autosave(case)  # what this tab changed while it could not save is saved now (both versions are kept)


def restore(number: int) -> None:
    """Make an earlier revision the current state (itself recorded as a new revision: nothing is lost)."""
    case = current_case()
    if case is None:
        return
    set_case(revisions.load_revision(case.case_id, number, passphrase()))


def case_path() -> str | None:
    return st.session_state.get(CASE_PATH_KEY)


def set_case_path(path: str | None) -> None:
    st.session_state[CASE_PATH_KEY] = path


def demo_case() -> Case:
    """The fictional demo case, as a fresh copy (its own identity, so two demo sessions never collide)."""
    demo = case_from_json(DEMO_CASE_PATH.read_text(encoding="utf-8"), source="the demo case")
    return demo.model_copy(update={"case_id": uuid.uuid4().hex})


def open_demo() -> None:
    open_case(demo_case())


def start_new() -> None:
    open_case(Case())


def clear_session() -> None:
    """Forget everything this session holds (used by quick exit and 'close case'): its state, the files it uploaded,
    and the files its download buttons produced (the report PDF, the spreadsheet, the case file)."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    _forget_uploaded_files()
    _forget_downloads()


def _forget_uploaded_files() -> None:
    """Drop the files this session uploaded (case files, CSVs, rule files) from Streamlit's memory now.

    Streamlit keeps them until the browser removes them or the session ends, which after a quick exit can be minutes
    later (the browser has gone, so it never asks). The uploader widgets are cleared with the session state above.
    """
    ctx = get_script_run_ctx()
    if ctx is not None:
        ctx.uploaded_file_mgr.remove_session_files(ctx.session_id)


def _forget_downloads() -> None:
    """Make every file this session's download buttons produced unreachable now.

    Streamlit keeps a clicked download's file in its media store, served at /media/<id> to anyone who has the URL,
    until two later script runs of *any* session have passed without it being used - after a quick exit, when no
    other session runs, that was never (a report PDF was still served 7 minutes later). So: forget this session's
    references (its download buttons' pending builders, which hold the case, go with them), then collect twice with
    Streamlit's own public clean-up - the first pass only marks a downloadable file, the second deletes it. What this
    deletes beyond this session is only what Streamlit itself would delete after the next two runs: downloads that
    no session shows any more."""
    from streamlit import runtime

    ctx = get_script_run_ctx()
    if ctx is None or not runtime.exists():
        return
    media = runtime.get_instance().media_file_mgr
    media.clear_session_refs(ctx.session_id)
    media.remove_orphaned_files()
    media.remove_orphaned_files()


def case_json_bytes(case: Case, with_passphrase: str | Keyring | None = None) -> bytes:
    return case_file_bytes(case, with_passphrase)
