"""Autosave and revisions, encryption, delete-everything: nothing lost, nothing leaked."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from casefile import revisions
from casefile.models import Case, Child, Parent
from casefile.storage import CaseFileError, PassphraseNeeded, delete_everything, load_case, save_case
from cli import main

T0 = dt.datetime(2026, 11, 23, 9, 0, 0)


def later(seconds: int) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def test_every_change_is_saved_and_bursts_make_one_revision() -> None:
    case = Case(title="A")
    first = revisions.autosave(case, None, None, now=T0)
    assert (first.revision, first.generation) == (1, 1)
    typed = case.model_copy(update={"title": "AB"})
    # 5 s later (inside the 30 s debounce window): the current file has it, no new revision
    second = revisions.autosave(typed, case, first.generation, now=later(5))
    assert (second.revision, second.generation) == (1, 2)
    assert revisions.load_current(case.case_id).title == "AB"
    # 60 s later: a new revision
    third = revisions.autosave(typed.model_copy(update={"title": "ABC"}), typed, second.generation, now=later(60))
    assert (third.revision, third.generation) == (2, 3)
    assert [r.number for r in revisions.list_revisions(case.case_id)] == [2, 1]
    assert revisions.load_revision(case.case_id, 1).title == "AB"


def test_only_the_last_50_revisions_are_kept() -> None:
    case = Case()
    base = None
    previous = None
    for i in range(55):
        changed = case.model_copy(update={"title": f"t{i}"})
        base = revisions.autosave(changed, previous, base, now=later(i * 60)).generation
        previous = changed
    kept = revisions.list_revisions(case.case_id)
    assert len(kept) == 50
    assert kept[0].number == 55 and kept[-1].number == 6


def test_summary_says_what_changed_in_a_sentence() -> None:
    old = Case(parent_b=Parent(display_name="Jordan"))
    new = old.model_copy(update={
        "children": (Child(name="Maya"),),
        "parent_b": old.parent_b.model_copy(update={"display_name": "Jordan", "benefits": ("carers_allowance",)}),
    })
    assert revisions.describe_change(old, new) == "Changed children and benefits for Jordan."
    assert revisions.describe_change(None, new) == "Case created."
    assert revisions.describe_change(new, new) == "No change."


def test_second_tab_does_not_silently_overwrite_the_first() -> None:
    case = Case(title="shared")
    base = revisions.autosave(case, None, None, now=T0).generation
    tab_a = case.model_copy(update={"title": "from tab A"})
    tab_b = case.model_copy(update={"title": "from tab B"})
    a = revisions.autosave(tab_a, case, base, now=later(60))  # tab A saves first
    b = revisions.autosave(tab_b, case, base, now=later(61))  # tab B still believes `base` is newest
    assert not a.conflict and b.conflict and "another tab" in b.message
    titles = {revisions.load_revision(case.case_id, r.number).title for r in revisions.list_revisions(case.case_id)}
    assert {"from tab A", "from tab B"} <= titles  # both kept as revisions


def test_two_tabs_typing_within_seconds_of_each_other_are_both_kept() -> None:
    """Regression: inside the debounce window the newest revision is updated in place, so the revision number
    alone cannot tell that another tab saved; the save generation can."""
    case = Case(title="shared")
    base = revisions.autosave(case, None, None, now=T0).generation
    a = revisions.autosave(case.model_copy(update={"title": "A typed"}), case, base, now=later(2))
    b = revisions.autosave(case.model_copy(update={"title": "B typed"}), case, base, now=later(3))
    assert not a.conflict and b.conflict
    titles = [revisions.load_revision(case.case_id, r.number).title for r in revisions.list_revisions(case.case_id)]
    assert "A typed" in titles and "B typed" in titles
    # tab B was told, and now knows the latest generation: its next save is ordinary
    c = revisions.autosave(case.model_copy(update={"title": "B again"}), None, b.generation, now=later(4))
    assert not c.conflict


def test_restoring_keeps_the_present_as_a_revision() -> None:
    case = Case(title="v1")
    g1 = revisions.autosave(case, None, None, now=T0).generation
    v2 = case.model_copy(update={"title": "v2"})
    g2 = revisions.autosave(v2, case, g1, now=later(60)).generation
    restored = revisions.load_revision(case.case_id, 1)
    out = revisions.autosave(restored, v2, g2, now=later(120))
    assert out.revision == 3 and revisions.load_revision(case.case_id, 2).title == "v2"


def test_protected_autosave_never_writes_plain_text(private_data_dir: Path) -> None:
    case = Case(title="Secret family", parent_b=Parent(display_name="Jordan Example"))
    revisions.autosave(case, None, None, now=T0, passphrase="long enough")
    for path in private_data_dir.rglob("*.json"):
        text = path.read_text()
        assert "Jordan Example" not in text and "Secret family" not in text
    assert revisions.load_current(case.case_id, "long enough").title == "Secret family"
    with pytest.raises(PassphraseNeeded, match="not right"):
        revisions.load_current(case.case_id, "wrong passphrase")
    assert revisions.saved_cases()[0].title == "(protected case)"


def test_protect_all_encrypts_existing_history(private_data_dir: Path) -> None:
    case = Case(title="Plain first")
    revisions.autosave(case, None, None, now=T0)
    outcome = revisions.protect_all(case.case_id, "a good passphrase")
    assert outcome == revisions.ProtectOutcome(converted=2, left_damaged=0)  # the current state and revision 1
    assert all("Plain first" not in p.read_text() for p in private_data_dir.rglob("*.json"))
    assert revisions.load_revision(case.case_id, 1, "a good passphrase").title == "Plain first"


def test_encrypted_file_round_trip_and_wrong_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "p.case.json"
    save_case(Case(title="x"), path, passphrase="correct horse")
    before = path.read_bytes()
    with pytest.raises(PassphraseNeeded, match="protected with a passphrase"):
        load_case(path)
    with pytest.raises(PassphraseNeeded, match="not right"):
        load_case(path, "incorrect horse")
    assert path.read_bytes() == before  # a failed attempt never damages the file
    assert load_case(path, "correct horse").title == "x"
    # tampering with the (authenticated) header is detected
    data = json.loads(before)
    data["kdf"]["n"] = 2**14
    path.write_text(json.dumps(data))
    with pytest.raises(PassphraseNeeded):
        load_case(path, "correct horse")


def test_short_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="at least 8 characters"):
        save_case(Case(), tmp_path / "x.json", passphrase="short")


def test_delete_everything_removes_cases_and_revisions(private_data_dir: Path) -> None:
    revisions.autosave(Case(), None, None, now=T0)
    report = delete_everything()
    assert report.folder == private_data_dir and report.removed and report.complete
    assert list(private_data_dir.iterdir()) == []


def test_cli_delete_all(private_data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    revisions.autosave(Case(), None, None, now=T0)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["delete-all"]) == 2  # no confirmation possible: refuse
    assert any(private_data_dir.iterdir())
    assert main(["delete-all", "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"Looked in {private_data_dir}" in out
    assert list(private_data_dir.iterdir()) == []


# --- the index: a save costs what changed, not what is stored --------------------------------------------------------


def test_listing_and_saving_never_read_old_revisions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: every save parsed every revision (three times) for its summary: 4.8 s at 10,000 expenses."""
    case = Case(title="A")
    base, previous = None, None
    for i in range(8):
        changed = case.model_copy(update={"title": f"t{i}"})
        base = revisions.autosave(changed, previous, base, now=later(i * 60)).generation
        previous = changed
    opened: list[str] = []
    real = revisions.read_limited
    monkeypatch.setattr(revisions, "read_limited", lambda path, limit: opened.append(Path(path).name) or real(path, limit))
    revisions.autosave(case.model_copy(update={"title": "next"}), previous, base, now=later(1000))
    listed = revisions.list_revisions(case.case_id)
    assert [r.summary for r in listed[:2]] == ["Changed the case name.", "Changed the case name."]
    assert all(name == revisions.INDEX for name in opened), opened  # only the small index was read


def test_summaries_of_a_protected_case_are_sealed_and_shown_with_the_passphrase(private_data_dir: Path) -> None:
    case = Case(title="Secret family", parent_b=Parent(display_name="Jordan Example"))
    g = revisions.autosave(case, None, None, now=T0, passphrase="long enough").generation
    renamed = case.model_copy(update={"parent_b": case.parent_b.model_copy(update={"display_name": "Jordan Other"})})
    revisions.autosave(renamed, case, g, now=later(60), passphrase="long enough")
    index = (revisions.case_folder(case.case_id) / revisions.INDEX).read_text()
    assert "Jordan" not in index and "Secret" not in index
    assert revisions.list_revisions(case.case_id)[0].summary == revisions.PROTECTED_SUMMARY
    assert revisions.list_revisions(case.case_id, "long enough")[0].summary == "Changed name for Jordan Other."


def test_a_history_from_before_the_index_is_listed_and_indexed_once(private_data_dir: Path) -> None:
    """Folders written by earlier versions (summaries inside each revision, a generation file) still list."""
    case = Case(title="old")
    folder = revisions.case_folder(case.case_id)
    for number in (1, 2):
        envelope = json.loads(storage_case_json(case.model_copy(update={"title": f"old {number}"})))
        envelope["revision_summary"] = f"Old summary {number}."
        (folder / "revisions" / f"20250101T00000{number}000000-{number:06d}.case.json").write_text(json.dumps(envelope))
    (folder / revisions.CURRENT).write_text(storage_case_json(case))
    (folder / "generation").write_text("7")
    assert [r.summary for r in revisions.list_revisions(case.case_id)] == ["Old summary 2.", "Old summary 1."]
    assert revisions.current_generation(case.case_id) == 7
    assert (folder / revisions.INDEX).exists()  # written once, so the old files are not read again
    assert revisions.saved_cases()[0].title == "old"


def storage_case_json(case: Case) -> str:
    from casefile.storage import case_to_json

    return case_to_json(case)
