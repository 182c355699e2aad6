"""Two tabs on one case, Protect included: a case protected in one tab is never written in plain text by the other,
and what the other tab typed is kept (encrypted) once it has the passphrase.

Issue 19, defect 2: tab A protected the case; tab B, still open, edited and autosaved plain text (the current file
and a new revision) with no notice.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casefile import crypto, revisions
from casefile.models import Case, Parent

PASSPHRASE = "correct horse battery"
NEW_PASSPHRASE = "a different passphrase"
NAME = "Jordan Zyxwvut"
T0 = dt.datetime(2026, 11, 1, 9, 0)


def _no_plain_text(folder: Path) -> bool:
    return not any(NAME.encode() in p.read_bytes() for p in folder.rglob("*") if p.is_file())


def _all_encrypted(folder: Path) -> bool:
    files = [folder / revisions.CURRENT, *(folder / "revisions").glob("*.case.json")]
    return all(crypto.is_encrypted(p.read_bytes()) for p in files)


def test_a_tab_without_the_passphrase_stops_saving_and_writes_nothing(tally) -> None:
    case = Case(title="shared", parent_b=Parent(display_name=NAME))
    base = revisions.autosave(case, None, None, now=T0).generation
    folder = revisions.case_folder(case.case_id)
    revisions.protect_all(case.case_id, PASSPHRASE)  # tab A
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    typed = case.model_copy(update={"title": "typed in tab B"})
    with pytest.raises(revisions.ProtectedElsewhere, match="protected with a passphrase in another tab"):
        revisions.autosave(typed, case, base, now=T0 + dt.timedelta(minutes=1))  # tab B, no passphrase
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert _no_plain_text(folder) and _all_encrypted(folder)
    # tab B enters the passphrase: what it typed is saved, encrypted, and both versions are kept
    outcome = revisions.autosave(typed, case, base, now=T0 + dt.timedelta(minutes=2),
                                 passphrase=crypto.Keyring(PASSPHRASE))
    assert outcome.conflict
    titles = {revisions.load_revision(case.case_id, r.number, PASSPHRASE).title
              for r in revisions.list_revisions(case.case_id, PASSPHRASE)}
    assert {"shared", "typed in tab B"} <= titles
    assert _no_plain_text(folder) and _all_encrypted(folder)
    tally.record("two tabs: Protect in one, typing in the other", 2)


def test_a_passphrase_changed_in_another_tab_stops_the_old_one() -> None:
    case = Case(title="shared", parent_b=Parent(display_name=NAME))
    base = revisions.autosave(case, None, None, now=T0, passphrase=PASSPHRASE).generation
    revisions.protect_all(case.case_id, NEW_PASSPHRASE, PASSPHRASE)  # tab A changes it
    with pytest.raises(revisions.ProtectedElsewhere, match="passphrase of this case was changed"):
        revisions.autosave(case.model_copy(update={"title": "B"}), case, base, now=T0 + dt.timedelta(minutes=1),
                           passphrase=PASSPHRASE)
    assert revisions.load_current(case.case_id, NEW_PASSPHRASE).title == "shared"


def test_protect_from_a_tab_without_the_old_passphrase_is_refused() -> None:
    """Tab B cannot protect over tab A's passphrase (the files would be under two passphrases): refused, unchanged."""
    case = Case(title="shared", parent_b=Parent(display_name=NAME))
    revisions.autosave(case, None, None, now=T0)
    revisions.protect_all(case.case_id, PASSPHRASE)
    folder = revisions.case_folder(case.case_id)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with pytest.raises(revisions.PassphraseNeeded, match="already protected with another passphrase"):
        revisions.protect_all(case.case_id, NEW_PASSPHRASE)
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_two_tabs_in_the_app(tally, app_test, demo_case: Case) -> None:
    """Tab A protects from the sidebar; tab B's next edit is not saved in plain text and the sidebar says why; with
    the passphrase entered in tab B, its edit is saved (encrypted) beside tab A's."""
    tab_a = app_test()
    tab_a.button(key="start_demo").click().run()
    case = tab_a.session_state["organizer_case"]
    tab_b = app_test()
    tab_b.session_state["organizer_case"] = case
    tab_b.session_state["organizer_saved_case"] = case
    tab_b.session_state["organizer_base_generation"] = revisions.current_generation(case.case_id)
    tab_b.run()
    tab_a.sidebar.text_input(key="sidebar_passphrase").input(PASSPHRASE)
    tab_a.sidebar.button(key="FormSubmitter:sidebar_passphrase_form-Protect").click().run()
    assert not tab_a.exception and any("Protected" in s.value for s in tab_a.sidebar.success)
    folder = revisions.case_folder(case.case_id)
    plain_name = case.parent_b.display_name.encode()
    tab_b.text_input(key="start_title").input("Renamed in tab B").run()
    assert not tab_b.exception
    warnings = " ".join(w.value for w in tab_b.sidebar.warning)
    assert "protected with a passphrase" in warnings
    assert not any(plain_name in p.read_bytes() for p in folder.rglob("*") if p.is_file())
    tab_b.sidebar.text_input(key="sidebar_unlock_phrase").input(PASSPHRASE)
    tab_b.sidebar.button(key="FormSubmitter:sidebar_unlock_form-Use this passphrase").click().run()
    assert not tab_b.exception
    assert revisions.load_current(case.case_id, PASSPHRASE).title == "Renamed in tab B"
    assert not any(plain_name in p.read_bytes() for p in folder.rglob("*") if p.is_file())
    assert _all_encrypted(folder)
    tally.record("two tabs in the app (Protect, then typing in the other tab)", 1)
