"""Storage: atomic saves survive a killed process; damaged or foreign files give one clear sentence and change nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casefile import storage
from casefile.models import Case, Notes
from casefile.storage import CaseFileError, case_to_json, load_case, save_case

REPO = Path(__file__).resolve().parents[2]

SAVER = r"""
import sys
from casefile.models import Case, Notes
from casefile.storage import save_case
path = sys.argv[1]
i = 0
print("ready", flush=True)
while True:
    i += 1
    # ~3 MB per save, so each write takes long enough to be interrupted part-way
    save_case(Case(title=f"revision {i}", notes=Notes(questions=tuple("x" * 20000 for _ in range(150)))), path)
"""


def test_killing_the_process_mid_save_leaves_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "case.case.json"
    save_case(Case(title="original"), path)
    titles: set[str] = set()
    for round_ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], cwd=REPO, stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(0.02 + 0.013 * round_)  # kill at varying points of a write
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        case = load_case(path)  # never raises: the file is always the old one or a new one, whole
        titles.add(case.title)
    assert titles, "the saver never ran"
    leftovers = [p for p in tmp_path.iterdir() if p.name != path.name]
    # a killed writer may leave its temporary file behind, but never in place of the case file
    assert all(p.name.startswith(f".{path.name}.") and p.suffix == ".tmp" for p in leftovers)


def test_failed_rename_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.case.json"
    save_case(Case(title="before"), path)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", broken_replace)
    with pytest.raises(CaseFileError, match=r"could not be saved.*No space left on device"):
        save_case(Case(title="after"), path)
    monkeypatch.undo()
    assert load_case(path).title == "before"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # the temporary file was cleaned up


def test_save_is_private_to_the_user(tmp_path: Path) -> None:
    path = save_case(Case(), tmp_path / "p.case.json")
    assert (path.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "separation-organizer-case", "schema_version": 1, "case": {', "damaged or is not a case file"),
        (b"\xff\xfe\x00garbage", "damaged or is not a case file"),
        (b'{"hello": "world"}', "is not a Separation Organizer case file"),
        (b"[1, 2, 3]", "is not a Separation Organizer case file"),
        (b'{"format": "separation-organizer-case", "schema_version": 99, "case": {}}', "saved by a newer version"),
        (b'{"format": "separation-organizer-case", "schema_version": "1", "case": {}}', "no valid version number"),
        (
            b'{"format": "separation-organizer-case", "schema_version": 1, "case": {"parent_a": {"income": [{"amount": "-1"}]}}}',
            "could not be opened: Income for",
        ),
        (b'{"format": "separation-organizer-case", "schema_version": 1, "case": {"jurisdiction": 5}}', "could not be opened"),
    ],
)
def test_bad_files_give_a_clear_error_and_change_nothing(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.case.json"
    path.write_bytes(content)
    before = path.stat().st_mtime_ns
    with pytest.raises(CaseFileError, match=message):
        load_case(path)
    assert path.read_bytes() == content and path.stat().st_mtime_ns == before


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="There is no file"):
        load_case(tmp_path / "nope.json")
    with pytest.raises(CaseFileError, match="is a folder"):
        load_case(tmp_path)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.case.json"
    with path.open("wb") as handle:
        handle.truncate(storage.MAX_CASE_FILE_BYTES + 1)
    with pytest.raises(CaseFileError, match="too large"):
        load_case(path)


def test_default_folder_is_outside_the_repository(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ORGANIZER_DATA_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    folder = storage.data_dir()
    assert REPO not in folder.parents and folder != REPO
    assert folder == tmp_path / ".local" / "share" / "separation-organizer"


def test_environment_variable_overrides_the_folder(private_data_dir: Path) -> None:
    assert storage.cases_dir() == private_data_dir / "cases"


def test_file_envelope() -> None:
    data = json.loads(case_to_json(Case(notes=Notes(anything_else="ünïcode ✓"))))
    assert data["format"] == "separation-organizer-case" and data["schema_version"] == 1
    assert data["case"]["notes"]["anything_else"] == "ünïcode ✓"


# --- the file format, quickly and exactly ---------------------------------------------------------------------------


def test_file_bytes_are_the_case_json_and_never_stale(demo_case: Case) -> None:
    """Parts are serialised once and remembered by object: an edited case (a new object) is serialised anew."""
    plain = storage.case_plain_bytes(demo_case)
    assert json.loads(plain)["case"] == json.loads(demo_case.model_dump_json())
    assert storage.case_plain_bytes(demo_case) is plain  # asked twice (size check, then save): made once
    edited = demo_case.model_copy(update={"notes": Notes(anything_else="changed")})
    assert json.loads(storage.case_plain_bytes(edited))["case"]["notes"]["anything_else"] == "changed"
    assert json.loads(storage.case_plain_bytes(demo_case))["case"]["notes"] != {"questions": [], "anything_else": "changed"}


def test_remembered_parts_go_with_their_case() -> None:
    import gc

    case = Case(notes=Notes(anything_else="x" * 1000))
    storage.case_plain_bytes(case)
    ids = {id(case), id(case.notes)}
    assert ids <= set(storage._FRAGMENTS)
    del case
    gc.collect()
    assert not ids & set(storage._FRAGMENTS)  # nothing of a dropped case stays in memory


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "dev-null-size", "folder"])
def test_special_files_are_refused_before_reading(tmp_path: Path, kind: str) -> None:
    import os

    target = {"fifo": tmp_path / "pipe.json", "dev-zero": Path("/dev/zero"), "dev-null-size": Path("/dev/null"),
              "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    with pytest.raises(CaseFileError, match=r"not an ordinary file|is a folder"):
        load_case(target)  # returns at once: never blocks on the pipe, never reads the device


def test_file_read_limit_counts_bytes_read_not_what_stat_says(tmp_path: Path) -> None:
    from casefile.files import FileRefused, read_limited

    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert read_limited(path, 100) == b"x" * 100
    with pytest.raises(FileRefused, match="too large"):
        read_limited(path, 99)
