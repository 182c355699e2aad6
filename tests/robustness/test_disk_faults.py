"""Full and read-only disks for autosave, Protect, delete and export: a plain message, nothing half-done, nothing lost.

Two ways, both in `make test`:
- every write of a save or a Protect made to fail in turn (the disk refusing at that exact moment), in this process;
- a real small disk (a 2 MB tmpfs in a private mount namespace, via `unshare`), filled up or made read-only, with the
  command line and the code running on it as they would for a person.

Issue 19, defect 4: "Protect" on a full or read-only disk half-encrypted (5 of 15 files) and the page errored;
delete_case removed nothing and said nothing; `organizer delete-all` exited 1 ("internal error").
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casefile import crypto, revisions, storage
from casefile.models import Case, Notes, Parent
from cli import main
from tests.robustness.conftest import REPO

PASSPHRASE = "correct horse battery"
NAME = "Jordan Zyxwvut"


def _history(count: int = 5) -> Case:
    t0 = dt.datetime(2026, 10, 1)
    case, previous, base = Case(title="t", parent_b=Parent(display_name=NAME)), None, None
    for i in range(count):
        case = case.model_copy(update={"title": f"version {i}", "notes": Notes(anything_else="n" * 2000)})
        base = revisions.autosave(case, previous, base, now=t0 + dt.timedelta(minutes=i)).generation
        previous = case
    return case


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


class FailingDisk:
    """Makes the n-th write (a new temporary file, a rename, a link) fail as a full or read-only disk would."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail_at: int, code: int = errno.ENOSPC):
        self.calls, self.fail_at, self.code = 0, fail_at, code
        real_temp, real_replace, real_link = storage.write_temp, os.replace, os.link
        real_new = revisions._write_new

        def count(real):  # type: ignore[no-untyped-def]
            def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
                self.calls += 1
                if self.calls == self.fail_at:
                    raise OSError(self.code, os.strerror(self.code))
                return real(*args, **kwargs)
            return wrapper

        monkeypatch.setattr(storage, "write_temp", count(real_temp))
        monkeypatch.setattr(revisions, "write_temp", count(real_temp))
        monkeypatch.setattr(os, "replace", count(real_replace))
        monkeypatch.setattr(os, "link", count(real_link))
        monkeypatch.setattr(revisions, "_write_new", count(real_new))


def _writes_in(operation, monkeypatch: pytest.MonkeyPatch) -> int:  # type: ignore[no-untyped-def]
    with monkeypatch.context() as m:
        disk = FailingDisk(m, fail_at=0)
        operation()
        return disk.calls


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_protect_fails_whole_at_every_write(tally, private_data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                            code: int) -> None:
    """Each write of a Protect made to fail in turn: every time, CaseFileError in plain words, and every file is
    exactly as before (not one encrypted), with no temporary file left."""
    case = _history()
    folder = revisions.case_folder(case.case_id)
    writes = _writes_in(lambda: revisions.protect_all(case.case_id, PASSPHRASE), monkeypatch)
    # start again from plain files for the fault runs
    shutil.rmtree(folder)
    case = _history()
    folder = revisions.case_folder(case.case_id)
    before = _snapshot(folder)
    half_done = 0
    for fail_at in range(1, writes + 1):
        with monkeypatch.context() as m:
            FailingDisk(m, fail_at, code)
            try:
                revisions.protect_all(case.case_id, PASSPHRASE)
            except revisions.ProtectPending:  # decided, the swap interrupted: finished at the next start
                revisions.clean_leftovers(folder)
                files = [p for p in folder.rglob("*.case.json")]
                if not all(crypto.is_encrypted(p.read_bytes()) for p in files) or revisions.leftovers(folder):
                    half_done += 1
                break
            except revisions.CaseFileError as exc:
                assert "Nothing was protected" in str(exc)
                if _snapshot(folder) != before or revisions.leftovers(folder):
                    half_done += 1
            else:  # the failure came in the final swap: then it must have finished (the commit mark)
                revisions.clean_leftovers(folder)
                files = [p for p in folder.rglob("*.case.json")]
                if not all(crypto.is_encrypted(p.read_bytes()) for p in files):
                    half_done += 1
                break
    tally.record(f"Protect on a {'full' if code == errno.ENOSPC else 'read-only'} disk (each write failing)", writes,
                 half_done)
    assert half_done == 0
    for rev in revisions.list_revisions(case.case_id, PASSPHRASE):  # the last run got through: all protected
        assert revisions.load_revision(case.case_id, rev.number, PASSPHRASE).parent_b.display_name == NAME


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_autosave_fails_at_every_write_without_losing_anything(tally, private_data_dir: Path,
                                                               monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Each write of an autosave made to fail in turn: the caller gets the OSError (the app says it could not save
    and keeps what was typed on screen), the current file is the old state or the new one, whole, every revision
    opens, and no temporary file is left."""
    now = dt.datetime(2026, 10, 2)

    def fresh() -> tuple[Case, Case, int]:
        case = _history()
        return case, case.model_copy(update={"title": "after the fault"}), revisions.current_generation(case.case_id)

    case, edited, base = fresh()
    with monkeypatch.context() as m:
        counter = FailingDisk(m, fail_at=0)
        revisions.autosave(edited, case, base, now=now)
        writes = counter.calls
    lost = 0
    for fail_at in range(1, writes + 1):
        case, edited, base = fresh()
        folder = revisions.case_folder(case.case_id)
        with monkeypatch.context() as m:
            FailingDisk(m, fail_at, code)
            with pytest.raises(OSError):
                revisions.autosave(edited, case, base, now=now)
        assert revisions.leftovers(folder) == []
        if revisions.load_current(case.case_id).title not in ("version 4", "after the fault"):
            lost += 1
        for rev in revisions.list_revisions(case.case_id):
            revisions.load_revision(case.case_id, rev.number)  # every revision still opens
        # and the next save, once the disk allows it, saves normally
        revisions.autosave(edited, case, base, now=now + dt.timedelta(minutes=1))
        assert revisions.load_current(case.case_id).title == "after the fault"
    tally.record(f"autosave on a {'full' if code == errno.ENOSPC else 'read-only'} disk (each write failing)", writes,
                 0, lost)
    assert lost == 0


def test_protect_on_a_failing_disk_from_the_sidebar(app_test, private_data_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: the page errored. Now the sidebar says nothing was protected, and the case is as it was."""
    case = _history()
    at = app_test(case=case)
    before = _snapshot(revisions.case_folder(case.case_id))
    FailingDisk(monkeypatch, fail_at=2, code=errno.EROFS)
    at.sidebar.text_input(key="sidebar_passphrase").input(PASSPHRASE)
    at.sidebar.button(key="FormSubmitter:sidebar_passphrase_form-Protect").click().run()
    assert not at.exception
    assert any("Nothing was protected" in e.value for e in at.sidebar.error)
    assert "organizer_passphrase" not in at.session_state or at.session_state["organizer_passphrase"] is None
    assert _snapshot(revisions.case_folder(case.case_id)) == before


def test_delete_reports_what_it_could_not_delete(private_data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Before: delete_case removed nothing and said nothing; delete-all exited 1 with "internal error"."""
    case = _history(2)
    real_unlink = os.unlink

    def read_only(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith(".case.json"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", read_only)
    report = revisions.delete_case(case.case_id)
    assert not report.complete and "Read-only file system" in report.failure_text()
    assert main(["delete-all", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "Could not delete" in err and "Read-only file system" in err and "internal error" not in err


# --- a real small disk ------------------------------------------------------------------------------------------------

ON_SMALL_DISK = r"""
import datetime as dt, json, os, subprocess, sys
from pathlib import Path
disk = Path(sys.argv[1])
os.environ["ORGANIZER_DATA_DIR"] = str(disk / "data")
from casefile import crypto, revisions, storage
from casefile.models import Case, Notes, Parent
out = {}
t0 = dt.datetime(2026, 10, 1)
case, previous, base = Case(title="t", parent_b=Parent(display_name="Jordan Zyxwvut")), None, None
for i in range(6):
    case = case.model_copy(update={"title": f"version {i}", "notes": Notes(anything_else="n" * 20000)})
    base = revisions.autosave(case, previous, base, now=t0 + dt.timedelta(minutes=i)).generation
    previous = case
folder = revisions.case_folder(case.case_id)
def snapshot():
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
# fill the disk
with open(disk / "filler", "wb") as handle:
    try:
        while True:
            handle.write(b"\0" * 65536); handle.flush()
    except OSError:
        pass
os.sync()
before = snapshot()
try:
    revisions.autosave(case.model_copy(update={"title": "on a full disk"}), case, base, now=t0 + dt.timedelta(hours=1))
    out["autosave"] = "saved"
except OSError as exc:
    out["autosave"] = f"refused: {exc}"
out["autosave_current"] = revisions.load_current(case.case_id).title
try:
    revisions.protect_all(case.case_id, "correct horse battery")
    out["protect"] = "protected"
except revisions.CaseFileError as exc:
    out["protect"] = f"refused: {exc}"
out["unchanged_after_protect"] = snapshot() == before or out["protect"] == "protected"
out["encrypted"] = [crypto.is_encrypted(p.read_bytes()) for p in folder.rglob("*.case.json")]
out["leftovers"] = [str(p) for p in revisions.leftovers(folder)]
export = subprocess.run([sys.executable, "-m", "cli", "export", str(folder / "current.case.json"), "-o",
                         str(disk / "money.xlsx")], capture_output=True, text=True)
out["export"] = [export.returncode, export.stderr.strip()]
os.unlink(disk / "filler")
subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
deleted = subprocess.run([sys.executable, "-m", "cli", "delete-all", "--yes"], capture_output=True, text=True,
                         env={**os.environ})
out["delete"] = [deleted.returncode, deleted.stderr.strip()]
out["still_there"] = (folder / "current.case.json").exists()
print(json.dumps(out))
"""


def _small_disk_available() -> bool:
    if shutil.which("unshare") is None or not sys.platform.startswith("linux"):
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /tmp && true"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _small_disk_available(), reason="no private mount namespace here (unshare -rm): the "
                    "in-process fault tests above still cover every write")
def test_a_real_full_then_read_only_disk(tally, tmp_path: Path) -> None:
    disk = tmp_path / "small-disk"
    disk.mkdir()
    script = tmp_path / "on_small_disk.py"
    script.write_text(ON_SMALL_DISK)
    run = subprocess.run(["unshare", "-rm", "sh", "-c",
                          f'mount -t tmpfs -o size=2m tmpfs "{disk}" && exec "{sys.executable}" "{script}" "{disk}"'],
                         cwd=REPO, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["autosave"].startswith("refused") and "No space left" in out["autosave"]
    assert out["autosave_current"] == "version 5"  # the last saved state, whole
    assert out["protect"].startswith("refused: Nothing was protected") and out["unchanged_after_protect"]
    assert not any(out["encrypted"]) and out["leftovers"] == []
    assert out["export"][0] == 2 and "No space left" in out["export"][1] and "internal error" not in out["export"][1]
    assert out["delete"][0] == 2 and "Could not delete" in out["delete"][1] and "Read-only" in out["delete"][1]
    assert "internal error" not in out["delete"][1] and out["still_there"]
    tally.record("a real full, then read-only disk (autosave, Protect, export, delete-all)", 4)
